"""A seed's text with the quotes highlighted, scrolled so the quote is in view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.theme import Theme
from textual.widgets import Static

from explorer.analysis.quotes import Match, SeedText
from explorer.tui.widgets.labels import text_style
from explorer.tui.widgets.themed import Themed

# Seeds are web captures and may hold terminal escapes. Each control character (but newline and
# tab) is drawn as a visible symbol, one character for one, so quote offsets stay valid.
_CONTROLS = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t\r"}
_CONTROLS.update({0x0D: 0x20, 0x7F: 0x2421, **dict.fromkeys(range(128, 160), 65533)})


def visible_controls(text: str) -> str:
    return text.translate(_CONTROLS)


class SeedView(Themed, VerticalScroll):
    """The whole seed, literally; every span of every match highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"seed-view--quote", "seed-view--current"}

    def __init__(self, seed: SeedText, matches: Sequence[Match], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seed = seed
        self.matches = tuple(sorted(matches, key=lambda m: m.start))
        self.current = 0

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="seed-text")

    def on_mount(self) -> None:
        self._render_text()
        self.call_after_refresh(self.show_match, 0)

    def _theme_changed(self, _theme: Theme) -> None:
        self._render_text()

    @property
    def text_widget(self) -> Static:
        return self.query_one("#seed-text", Static)

    def highlighted_text(self) -> str:
        """The seed text inside the highlighted spans, joined by ' … '."""
        return " … ".join(self.seed.text[a:b] for m in self.matches for a, b in m.spans)

    def _render_text(self) -> None:
        text = Text(visible_controls(self.seed.text))
        quote = text_style(self, "seed-view--quote")
        current = text_style(self, "seed-view--current")
        for i, match in enumerate(self.matches):
            for start, end in match.spans:
                text.stylize(quote + current if i == self.current else quote, start, end)
        self.text_widget.update(text)

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

    def show_match(self, number: int) -> None:
        """Highlight match `number` as the current one and scroll it into the middle."""
        if not self.matches:
            return
        self.current = number % len(self.matches)
        self._render_text()
        match = self.matches[self.current]
        top = self.line_of(match.start)
        bottom = self.line_of(max(match.end - 1, match.start))
        y = self.text_widget.virtual_region.y
        region = Region(0, y + top, 1, bottom - top + 1)
        self.scroll_to_region(region, animate=False, center=True, force=True)

    def next_match(self) -> None:
        self.show_match(self.current + 1)
