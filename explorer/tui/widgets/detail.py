"""The detail pane: the selected node's claim, who argues it, and each citation in full.

One widget draws every line itself (Textual's line API), in a region of fixed size that scrolls
inside. A node with more or fewer lines than the last one changes only what this widget draws:
the screen is not laid out again, which with a widget per part it was, twice, on every cursor
move that changed a part's height.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.theme import Theme
from textual.visual import Visual

from explorer.analysis.queries import CorpusIndex
from explorer.tui.messages import JumpToNode, SourceRequested
from explorer.tui.widgets.detail_parts import DetailParts, Part, PartKind
from explorer.tui.widgets.labels import LABEL_CLASSES
from explorer.tui.widgets.themed import Themed

DETAIL_CLASSES = frozenset(
    {
        "detail--title",
        "detail--label",
        "detail--quote",
        "detail--doubts",
        "detail--number",
        "detail--link",
        "detail--edge",  # a citation's or an evidence's left edge
        "detail--edge-chosen",  # the chosen citation's edge
        "detail--hover",  # a citation or link under the mouse
        "detail--chosen",  # the chosen citation, while the pane has the focus
        "detail--chosen-link",  # the chosen see-also link, while the pane has the focus
    }
)


class DetailPane(Themed, ScrollView, can_focus=True):
    """Shows one node; the main screen calls `show` when the tree's cursor moves.

    Tab and Shift+Tab step through the citations and see-also links (from the last, Tab leaves
    the pane); Enter or a click opens the one chosen. A burst of cursor moves is drawn once:
    `show` only notes the node, and the parts are built after the next screen refresh, so the
    tree's cursor never waits for the details.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "step(1)", "Next citation or link", show=False),
        Binding("shift+tab", "step(-1)", "Previous citation or link", show=False),
        Binding("enter", "open", "Open the citation's source, or go to the linked node"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES | DETAIL_CLASSES)

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.node_id: str | None = None  # the node shown
        self.chosen: int | None = None  # the part Tab or a click chose (a citation or link)
        self._wanted: str | None = None  # the node to show at the next refresh
        self._scheduled = False
        self._parts: list[Part] = []
        self._fitted = Size(0, 0)  # the pane's size inside its padding, when last laid out
        self._width = 0  # the width the lines below were laid out at
        self._rows: list[tuple[int, int]] = []  # per line: its part (-1: a blank) and its row
        self._spans: list[tuple[int, int]] = []  # per part: its first line and the one after
        self._strips: dict[tuple[int, str], list[Strip]] = {}  # (part, state): its lines
        self._hovered: int | None = None
        self._texts: DetailParts | None = None  # made again for another corpus or theme

    # -- what is shown -------------------------------------------------------------------------

    @property
    def is_current(self) -> bool:
        """Whether the pane shows the node it was last asked to show."""
        return not self._scheduled

    @property
    def parts(self) -> Sequence[Part]:
        """The parts shown, top to bottom."""
        return self._parts

    @property
    def spans(self) -> Sequence[tuple[int, int]]:
        """Per part, its first line in the pane and the line after its last."""
        return self._spans

    def show(self, node_id: str) -> None:
        """Show this node after the next refresh (the latest asked wins)."""
        self._wanted = node_id
        if not self._scheduled:
            self._scheduled = True
            self.call_after_refresh(self._show_wanted)

    def show_index(self, index: CorpusIndex) -> None:
        """Another corpus (a reload): the node is shown again as it now reads."""
        self.index, self._texts = index, None
        self._rebuild(redraw=False)

    def _theme_changed(self, _theme: Theme) -> None:
        self._texts = None
        self._rebuild()

    def on_mount(self) -> None:
        self._rebuild()

    def _show_wanted(self) -> None:
        self._scheduled = False
        if self._wanted == self.node_id or not self.is_attached:
            return
        self.node_id = self._wanted
        self.chosen = self._hovered = None
        self.scroll_home(animate=False)  # a new node is read from its title down
        self._rebuild()

    def _rebuild(self, redraw: bool = True) -> None:
        """Build the node's parts and lay them out; without `redraw`, parts equal to those
        shown keep their lines (a reload that did not change this node: most saves)."""
        if self._texts is None:
            self._texts = DetailParts.of(self.index, self._style)
        parts = self._texts.parts(self.node_id)
        if not redraw and parts == self._parts:
            return
        self._parts = parts
        if self.chosen is not None and not self._choosable(self.chosen):
            self.chosen = None
        self._lay_out(force=True)

    # -- lines ---------------------------------------------------------------------------------

    def on_resize(self, _event: events.Resize) -> None:
        self._lay_out()

    def _lay_out(self, force: bool = False) -> None:
        """Place the parts' lines at the pane's width (blank lines between parts as asked)."""
        size = self.content_region.size  # inside the padding, with or without a scrollbar
        if size == self._fitted and not force:
            return
        self._fitted = size
        self._place(size.width)
        height = 0  # a node that fits claims no height: moving between such nodes lays out nothing
        if len(self._rows) > size.height:  # a scrollbar will be shown and take its cells
            self._place(size.width - self.styles.scrollbar_size_vertical)
            height = len(self._rows)
        # Textual shows or hides the scrollbar when the scrollable size differs from the
        # region's, so the pane's own height would not do where a node fits.
        if self.virtual_size != (virtual := Size(self._width, height)):
            self.virtual_size = virtual
        self.refresh()

    def _place(self, width: int) -> None:
        self._width, self._strips = max(width, 0), {}
        rows: list[tuple[int, int]] = []
        spans: list[tuple[int, int]] = []
        below = 0
        for number, part in enumerate(self._parts if width > 0 else []):
            if rows:
                rows.extend((-1, 0) for _ in range(max(below, part.above)))
            start = len(rows)
            rows.extend((number, row) for row in range(len(self._lines(number, ""))))
            spans.append((start, len(rows)))
            below = part.below
        self._rows, self._spans = rows, spans

    def _lines(self, number: int, state: str) -> list[Strip]:
        """A part's lines, drawn in a state: "" as it is, "hover", or "chosen"."""
        key = (number, state)
        if key not in self._strips:
            self._strips[key] = self._draw(self._parts[number], state)
        return self._strips[key]

    def _draw(self, part: Part, state: str) -> list[Strip]:
        kind, base = part.kind, self.visual_style
        if state:
            link = "-link" if state == "chosen" and kind is PartKind.LINK else ""
            base += VisualStyle.from_rich_style(self._style(f"detail--{state}{link}"))
        inner = max(1, self._width - len(kind.edge) - 2 * kind.indent)
        content = Content.from_rich_text(part.text, console=self.app.console)
        lines = Visual.to_strips(self, content, inner, None, base, pad=True)
        if not kind.edge and not kind.indent:
            return lines
        background = Style(bgcolor=base.rich_style.bgcolor)
        edge_name = "detail--edge-chosen" if state == "chosen" else "detail--edge"
        left = [Segment(kind.edge, background + self._style(edge_name))] if kind.edge else []
        padding = [Segment(" " * kind.indent, background)]
        return [Strip.join([Strip(left + padding), line, Strip(padding)]) for line in lines]

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_offset.y)
        number, line = self._rows[row] if row < len(self._rows) else (-1, 0)
        if number < 0:
            if (blank := self._strips.get((-1, ""))) is None:
                blank = self._strips[-1, ""] = [Strip.blank(self._width, self.rich_style)]
            strip = blank[0]
        else:
            strip = self._lines(number, self._state(number))[line]
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(row)) is not None:
            strip = self._selected(strip, *span)
        # Each cell says where it is in the pane: Textual's mouse selection reads it.
        return strip.apply_offsets(0, row)

    # -- selecting text with the mouse ---------------------------------------------------------

    def _selected(self, strip: Strip, start: int, end: int) -> Strip:
        """The strip with the cells from `start` to `end` (-1: the line's end) drawn selected."""
        end = strip.cell_length if end == -1 else min(end, strip.cell_length)
        if start >= end:
            return strip
        style = self.screen.get_component_rich_style("screen--selection")
        middle = strip.crop(start, end)
        chosen = Strip(
            list(Segment.apply_style(iter(middle), post_style=style)), middle.cell_length
        )
        return Strip.join([strip.crop(0, start), chosen, strip.crop(end)])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text selected with the mouse, as drawn (without the citations' edges)."""
        return selection.extract(
            "\n".join(self._row_text(row) for row in range(len(self._rows)))
        ), "\n"

    def _row_text(self, row: int) -> str:
        number, line = self._rows[row]
        if number < 0:
            return ""
        text = self._lines(number, "")[line].text
        edge = self._parts[number].kind.edge
        return (" " * len(edge) + text[len(edge) :] if edge else text).rstrip()

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def _state(self, number: int) -> str:
        if number == self.chosen and self.has_focus:
            return "chosen"
        return "hover" if number == self._hovered else ""

    # -- choosing and opening ------------------------------------------------------------------

    def _choosable(self, number: int) -> bool:
        return 0 <= number < len(self._parts) and self._parts[number].kind.can_choose

    def choose(self, number: int | None) -> None:
        """Make this part the chosen one, scrolled into view."""
        self.chosen = number
        if number is not None and number < len(self._spans):
            start, end = self._spans[number]
            region = Region(0, start, max(1, self._width), end - start)
            self.scroll_to_region(region, animate=False, immediate=True)
        self.refresh()
        self.refresh_bindings()

    def action_step(self, step: int) -> None:
        """The next (or previous) citation or link. Shift+Tab from the first gives the pane
        itself, Tab from the last leaves it, as Tab does between widgets."""
        choosable = [n for n in range(len(self._parts)) if self._choosable(n)]
        if self.chosen in choosable:
            following = choosable.index(self.chosen) + step
        elif step > 0 and choosable:
            following = 0
        else:
            raise SkipAction  # on to the widget before
        if following < 0:
            self.choose(None)
        elif following >= len(choosable):
            self.choose(None)
            raise SkipAction  # on to the widget after
        else:
            self.choose(choosable[following])

    @property
    def chosen_part(self) -> Part | None:
        """The citation or link chosen, while the pane has the focus."""
        if self.chosen is None or not self.has_focus or not self._choosable(self.chosen):
            return None
        return self._parts[self.chosen]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "open" or self.chosen_part is not None

    def action_open(self) -> None:
        if (part := self.chosen_part) is not None:
            self._open(part)

    def _open(self, part: Part) -> None:
        if part.kind is PartKind.CITATION:
            self.post_message(SourceRequested(part.node_id, part.number))
        else:
            self.post_message(JumpToNode(part.node_id))

    def focus_link(self, targets: Sequence[str]) -> bool:
        """Choose the see-also link after the chosen one (from elsewhere the first; after the
        last the first again). False while the links shown are not to `targets` (not drawn yet)."""
        links = [n for n, part in enumerate(self._parts) if part.kind is PartKind.LINK]
        if not links or [self._parts[n].node_id for n in links] != list(targets):
            return False
        at = links.index(self.chosen) + 1 if self.has_focus and self.chosen in links else 0
        self.focus()
        self.choose(links[at % len(links)])
        return True

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- the mouse -----------------------------------------------------------------------------

    def _part_at(self, event: events.MouseEvent) -> int | None:
        """The citation or link under the mouse."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = offset.y + int(self.scroll_offset.y)
        if not 0 <= row < len(self._rows):
            return None
        number = self._rows[row][0]
        return number if self._choosable(number) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._part_at(event)
        if hovered != self._hovered:
            self._hovered = hovered
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        number = self._part_at(event)
        if number is None:
            return
        event.stop()
        self.focus()
        self.choose(number)
        self._open(self._parts[number])
