"""A seed's text with the quotes highlighted, scrolled so the quote is in view; a passage may be
selected with the mouse (Textual's text selection) or the keyboard (by sentence and by word); what
a search finds in it is highlighted too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Offset, Region
from textual.selection import Selection
from textual.theme import Theme
from textual.widgets import Static

from explorer.analysis import passages
from explorer.analysis.passages import Span
from explorer.analysis.quotes import Match, SeedText
from explorer.analysis.text_search import FoldedText, folded
from explorer.tui.widgets.labels import text_style
from explorer.tui.widgets.themed import Themed

# Seeds are web captures and may hold terminal escapes. Each control character (but newline and
# tab) is drawn as a visible symbol, one character for one, so quote offsets stay valid.
_CONTROLS = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t\r"}
_CONTROLS.update({0x0D: 0x20, 0x7F: 0x2421, **dict.fromkeys(range(128, 160), 65533)})


def visible_controls(text: str) -> str:
    return text.translate(_CONTROLS)


# The help lists this Escape for the source view, whose own Escape it hides there.
ESCAPE_HELP = "Clear the selection; without one, end the search; without one, back"


class _SeedText(Static):
    """The seed's text; a selection made with the mouse changes what Escape does."""

    def selection_updated(self, selection: Selection | None) -> None:
        super().selection_updated(selection)
        self.refresh_bindings()


class SeedView(Themed, VerticalScroll):
    """The whole seed, literally; every span of every match highlighted, and the passage
    selected."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("right_square_bracket", "sentence(1)", "Select the next sentence", show=False),
        Binding("left_square_bracket", "sentence(-1)", "Select the previous sentence", show=False),
        Binding("right_curly_bracket", "extend(1)", "Selection: one more sentence", show=False),
        Binding("left_curly_bracket", "extend(-1)", "Selection: one sentence less", show=False),
        Binding("greater_than_sign", "end_word(1)", "Selection: one more word", show=False),
        Binding("less_than_sign", "end_word(-1)", "Selection: one word less", show=False),
        Binding("left_parenthesis", "start_word(-1)", "Selection: a word before", show=False),
        Binding("right_parenthesis", "start_word(1)", "Selection: its first word off", show=False),
        Binding("escape", "clear_selection", "Clear selection", tooltip=ESCAPE_HELP),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "seed-view--quote",
        "seed-view--current",
        "seed-view--selection",
        "seed-view--found",
        "seed-view--found-current",
    }

    def __init__(self, seed: SeedText, matches: Sequence[Match], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seed = seed
        self.matches = tuple(sorted(matches, key=lambda m: m.start))
        self.current = 0
        self.selection: Span | None = None  # the passage chosen with the keyboard
        # With nothing selected, where `]` and `[` go on from: the passage last cited, else
        # (None) the quote shown.
        self.resume: Span | None = None
        self.searched = ""  # what was searched for; "" when no search is on
        self.found: tuple[Span, ...] = ()  # what the search found, and which one is shown
        self.found_current = 0
        self._folded: FoldedText | None = None  # the text's search form, made on first search
        self.sentences = passages.sentence_spans(seed.text)
        self._line_starts = [0] + [i + 1 for i, c in enumerate(seed.text) if c == "\n"]
        self._text_widget: _SeedText | None = None

    def compose(self) -> ComposeResult:
        # Built here, with its text: nothing looks the widget up (in `on_mount` it could be
        # missing yet, on a loaded machine).
        self._text_widget = _SeedText(self._text(), id="seed-text")
        yield self._text_widget

    def on_mount(self) -> None:
        self.call_after_refresh(self.show_match, 0)

    def _theme_changed(self, _theme: Theme) -> None:
        self._render_text()

    @property
    def text_widget(self) -> Static:
        assert self._text_widget is not None, "composed"
        return self._text_widget

    def highlighted_text(self) -> str:
        """The seed text inside the highlighted spans, joined by ' … '."""
        return " … ".join(self.seed.text[a:b] for m in self.matches for a, b in m.spans)

    def _render_text(self) -> None:
        self.text_widget.update(self._text())

    def _text(self) -> Text:
        text = Text(visible_controls(self.seed.text))
        quote = text_style(self, "seed-view--quote")
        current = text_style(self, "seed-view--current")
        for i, match in enumerate(self.matches):
            for start, end in match.spans:
                text.stylize(quote + current if i == self.current else quote, start, end)
        found = text_style(self, "seed-view--found")
        found_current = found + text_style(self, "seed-view--found-current")
        for i, span in enumerate(self.found):
            text.stylize(found_current if i == self.found_current else found, *span)
        if self.selection is not None:
            text.stylize(text_style(self, "seed-view--selection"), *self.selection)
        return text

    def line_of(self, offset: int) -> int:
        """The wrapped line, within the text widget, on which a character offset is drawn."""
        widget = self.text_widget
        width = widget.content_region.width or self.size.width
        if width <= 0:
            return 0
        rules = RulesMap(
            text_wrap=widget.styles.text_wrap, text_overflow=widget.styles.text_overflow
        )
        return Content(self.seed.text[:offset]).get_height(rules, width) - 1

    def show_seed(self, seed: SeedText, matches: Sequence[Match]) -> None:
        """The seed as read again (a reload), in place: the focus, the scroll, the quote shown
        and the selection stay where they still fit."""
        shown = self.matches[self.current].start if self.matches else None
        self.seed = seed
        self.matches = tuple(sorted(matches, key=lambda m: m.start))
        self.sentences = passages.sentence_spans(seed.text)
        self._line_starts = [0] + [i + 1 for i, c in enumerate(seed.text) if c == "\n"]
        starts = [match.start for match in self.matches]
        self.current = starts.index(shown) if shown in starts else 0
        if self.selection is not None and self.selection[1] > len(seed.text):
            self.selection = None
        if self.resume is not None and self.resume[1] > len(seed.text):
            self.resume = None
        self._folded = None
        self.found = self._find(self.searched)
        self.found_current = min(self.found_current, max(len(self.found) - 1, 0))
        self._render_text()
        self.refresh_bindings()

    def show_match(self, number: int) -> None:
        """Highlight match `number` as the current one and scroll it into the middle."""
        if not self.matches:
            return
        self.resume = None
        self.current = number % len(self.matches)
        self._render_text()
        match = self.matches[self.current]
        self._scroll_into_view(match.start, match.end)

    def _scroll_into_view(self, start: int, end: int) -> None:
        top = self.line_of(start)
        bottom = self.line_of(max(end - 1, start))
        y = self.text_widget.virtual_region.y
        region = Region(0, y + top, 1, bottom - top + 1)
        self.scroll_to_region(region, animate=False, center=True, force=True)

    def add_match(self, match: Match) -> None:
        """A quote cited from here: highlighted with the others, as the current one, and
        unselected (`c` again would cite it twice); `]` and `[` go on from it."""
        self.matches = tuple(sorted((*self.matches, match), key=lambda m: m.start))
        self.selection = None
        self.refresh_bindings()
        self.show_match(self.matches.index(match))
        self.resume = (match.start, match.end)

    # -- searching -----------------------------------------------------------------------------

    def _find(self, query: str) -> tuple[Span, ...]:
        if not query:
            return ()
        if self._folded is None:
            self._folded = folded(self.seed.text)
        return tuple(self._folded.find_all(query))

    def first_line_shown(self) -> int:
        """Where the line of the text at the top of the view starts (a character offset)."""
        top = self.scroll_y - self.text_widget.virtual_region.y
        starts = self._line_starts
        low, high = 0, len(starts) - 1
        while low < high:  # the last line that starts at or above the top
            middle = (low + high + 1) // 2
            if self.line_of(starts[middle]) <= top:
                low = middle
            else:
                high = middle - 1
        return starts[low]

    def search(self, query: str, origin: int = 0) -> int:
        """Highlight what the query finds; the match shown (scrolled into view) is the first
        at or after `origin`, else the first of all, as less searches on from the top of its
        screen. How many it found; an empty query ends the search."""
        self.searched = query
        self.found = self._find(query)
        self.found_current = next(
            (number for number, (start, _end) in enumerate(self.found) if start >= origin), 0
        )
        if self.found:
            self.resume = None  # `]` selects the sentence around the match shown
        self._render_text()
        self.refresh_bindings()
        if self.found:
            self._scroll_into_view(*self.found[self.found_current])
        return len(self.found)

    def next_found(self, step: int) -> None:
        """The next (or, with -1, the previous) match shown, round from the last to the first."""
        if self.found:
            self.found_current = (self.found_current + step) % len(self.found)
            self._render_text()
            self._scroll_into_view(*self.found[self.found_current])

    # -- the passage selected ----------------------------------------------------------------

    def selected_passage(self) -> Span | None:
        """The passage selected with the mouse, else with the keyboard; None when there is
        none. (A key that moves the selection takes over the mouse's, so the newer wins.)"""
        return self._mouse_span() or self.selection

    def _mouse_span(self) -> Span | None:
        selection = self.text_widget.text_selection
        if selection is None:
            return None
        start = self._offset(selection.start, 0)
        end = self._offset(selection.end, len(self.seed.text))
        return passages.trimmed(self.seed.text, start, end) if start < end else None

    def _offset(self, offset: Offset | None, default: int) -> int:
        """A selection's (x, line) in the text widget as an index into the seed's text."""
        if offset is None:
            return default
        starts = self._line_starts
        line = min(offset.y, len(starts) - 1)
        line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.seed.text)
        return min(starts[line] + offset.x, line_end)

    def _select(self, span: Span | None) -> None:
        if span is None:
            return
        if self.text_widget.text_selection is not None:
            self.screen.clear_selection()
        self.selection = span
        self.resume = None
        self._render_text()
        self.refresh_bindings()  # Escape now clears the selection
        self._scroll_into_view(*span)

    def _anchor(self) -> int:
        """Where a first selection starts: at the match of a search shown, else at the quote
        shown, else at the top."""
        if self.found:
            return self.found[self.found_current][0]
        return self.matches[self.current].start if self.matches else 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a selection, Escape is the screen's (back).
        return action != "clear_selection" or self.selected_passage() is not None

    def action_clear_selection(self) -> None:
        if self.text_widget.text_selection is not None:
            self.screen.clear_selection()
        self.selection = None
        self._render_text()
        self.refresh_bindings()

    def action_sentence(self, step: int) -> None:
        span = self.selected_passage() or self.resume
        if step > 0:
            after = span[1] if span else self._anchor()
            self._select(passages.next_sentence(self.sentences, after))
        else:
            before = span[0] if span else self._anchor() + 1
            self._select(passages.previous_sentence(self.sentences, before))

    def action_extend(self, step: int) -> None:
        span = self.selected_passage()
        if span is None:
            self.action_sentence(1)
        elif step > 0:
            self._select(passages.extend_by_sentence(self.sentences, span))
        else:
            self._select(passages.shrink_by_sentence(self.sentences, span))

    def action_end_word(self, step: int) -> None:
        span = self.selected_passage()
        if span is not None:
            self._select(passages.move_end_by_word(self.seed.text, span, step))

    def action_start_word(self, step: int) -> None:
        span = self.selected_passage()
        if span is not None:
            self._select(passages.move_start_by_word(self.seed.text, span, step))
