"""The tree and the details, side by side or stacked, with a bar between them to move the split:
drag it with the mouse, or press `<` and `>` with the focus in either pane."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.events import DescendantFocus, MouseDown, MouseMove, MouseUp, Resize
from textual.message import Message
from textual.widget import Widget

from explorer.tui.messages import SplitMoved
from explorer.tui.settings import SPLIT_MAX, SPLIT_MIN

SPLIT_STEP = 5  # percent of the body, for each < or >


def clamp_split(share: float) -> int:
    """A share of the body for the tree, in percent, kept where both panes stay usable."""
    return max(SPLIT_MIN, min(SPLIT_MAX, round(share)))


class Splitter(Widget):
    """The bar between the panes; dragging it tells the body where the mouse is."""

    class Dragged(Message):
        def __init__(self, x: int, y: int) -> None:
            super().__init__()
            self.x, self.y = x, y

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dragging = False

    def render(self) -> Text:
        width, height = self.size
        line = "│" if height > width else "─"
        return Text("\n".join([line * width] * height))

    def on_mouse_down(self, event: MouseDown) -> None:
        event.stop()
        self.dragging = True
        self.add_class("-dragging")
        self.capture_mouse()

    def on_mouse_move(self, event: MouseMove) -> None:
        if self.dragging:
            self.post_message(self.Dragged(event.screen_x, event.screen_y))

    def on_mouse_up(self, event: MouseUp) -> None:
        if self.dragging:
            self.dragging = False
            self.remove_class("-dragging")
            self.release_mouse()


class SplitBody(Container):
    """Holds the tree's pane, the splitter and the details; side by side from `wide` columns of
    terminal, else stacked. `split` is the tree pane's share, in percent."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "less_than_sign", "move_split(-1)", "Tree pane smaller (or drag the bar)", show=False
        ),
        Binding(
            "greater_than_sign", "move_split(1)", "Tree pane larger (or drag the bar)", show=False
        ),
    ]

    def __init__(self, *, split: int, wide: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.split = clamp_split(split)
        self.wide = wide

    @property
    def side_by_side(self) -> bool:
        return self.app.size.width >= self.wide

    def on_mount(self) -> None:
        self.apply()

    def on_resize(self, _event: Resize) -> None:
        self.apply()

    def apply(self) -> None:
        """Size the panes for the split and the layout (side by side or stacked)."""
        panes = [child for child in self.children if not isinstance(child, Splitter)]
        if len(panes) != 2:
            return
        tree_pane, detail = panes
        share = f"{self.split}fr", f"{100 - self.split}fr"
        if self.side_by_side:
            tree_pane.styles.width, detail.styles.width = share
            tree_pane.styles.height = detail.styles.height = "1fr"
        else:
            tree_pane.styles.height, detail.styles.height = share
            tree_pane.styles.width = detail.styles.width = "1fr"

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # The bar lights up while the details have the focus (it is their border).
        panes = [child for child in self.children if not isinstance(child, Splitter)]
        inside = bool(panes) and panes[-1] in event.widget.ancestors_with_self
        for bar in self.query_children(Splitter).results(Splitter):
            bar.set_class(inside, "-beside-focus")

    def move_to(self, split: float) -> None:
        split = clamp_split(split)
        if split != self.split:
            self.split = split
            self.apply()
            self.post_message(SplitMoved(split))  # the app keeps it for the next run

    def action_move_split(self, steps: int) -> None:
        self.move_to(self.split + steps * SPLIT_STEP)

    def on_splitter_dragged(self, event: Splitter.Dragged) -> None:
        event.stop()
        region = self.content_region
        if self.side_by_side:
            share = (event.x - region.x) * 100 / max(region.width, 1)
        else:
            share = (event.y - region.y) * 100 / max(region.height, 1)
        self.move_to(share)
