"""Where the reader has been: the nodes left by jumps (search, see-also links, walks, the matrix),
to go back and forward as in a browser. Moving the cursor is not a jump."""

from __future__ import annotations

from collections.abc import Container

import attrs

LIMIT = 100  # places kept each way


@attrs.frozen(slots=True)
class History:
    """`back`: the places left, the latest last; `forward`: those gone back from, the nearest
    last. Each method returns the new history."""

    back: tuple[str, ...] = ()
    forward: tuple[str, ...] = ()

    def jumped(self, left: str, to: str) -> History:
        """A jump from `left` to `to`: `left` is the place to go back to; forward is forgotten."""
        if left == to:
            return self
        return History((*self.back, left)[-LIMIT:], ())

    def go_back(self, here: str, known: Container[str]) -> tuple[History, str | None]:
        """The place before `here` (passing over those not `known` any more), or None."""
        back = list(self.back)
        while back:
            place = back.pop()
            if place in known and place != here:
                return History(tuple(back), (*self.forward, here)[-LIMIT:]), place
        return History((), self.forward), None

    def go_forward(self, here: str, known: Container[str]) -> tuple[History, str | None]:
        """The place gone back from, or None."""
        forward = list(self.forward)
        while forward:
            place = forward.pop()
            if place in known and place != here:
                return History((*self.back, here)[-LIMIT:], tuple(forward)), place
        return History(self.back, ()), None
