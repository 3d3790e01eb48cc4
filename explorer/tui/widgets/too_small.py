"""A one-line notice that the terminal is below the size the main screen needs for the details."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

# Below this size (columns, rows) the tree is shown alone, under the notice: the details, the
# legend and a wrapping breadcrumb would leave the tree no rows.
WORKABLE = (60, 18)


def too_small_note(width: int, height: int) -> str:
    """The notice for a terminal of this size, or "" when it is large enough."""
    if width >= WORKABLE[0] and height >= WORKABLE[1]:
        return ""
    return f"Too small ({width}×{height}): details need {WORKABLE[0]}×{WORKABLE[1]}"


class TooSmall(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)

    def fit(self, width: int, height: int) -> bool:
        """Say whether the terminal is too small (and why, on the notice's line)."""
        note = too_small_note(width, height)
        self.update(Text(note))
        return bool(note)
