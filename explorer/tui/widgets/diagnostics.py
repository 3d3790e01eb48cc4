"""What the loader and the validator found: one line per diagnostic, where, code and message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.widgets import Static

from explorer.diagnostics import Diagnostic, summary
from explorer.tui.widgets.labels import text_style

MAX_SHOWN = 300  # a corpus may have thousands of warnings; `explorer check` lists them all


def shown_diagnostics(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Errors before warnings, each in file order, at most MAX_SHOWN."""
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if not d.is_error]
    return (errors + warnings)[:MAX_SHOWN]


def diagnostics_text(diagnostics: Sequence[Diagnostic], style_of: dict[str, Style]) -> Text:
    text = Text()
    shown = shown_diagnostics(diagnostics)
    for i, diagnostic in enumerate(shown):
        if i:
            text.append("\n")
        severity = diagnostic.severity.value
        text.append(diagnostic.where, style_of.get("where", Style()))
        text.append(": ")
        text.append(f"{severity} {diagnostic.code}", style_of.get(severity, Style()))
        text.append(": ")
        text.append(diagnostic.message)
    if len(diagnostics) > len(shown):
        more = len(diagnostics) - len(shown)
        text.append(f"\n… and {more} more: run 'explorer check' to see them all.")
    return text


class DiagnosticsPanel(VerticalScroll):
    """A scrollable list of diagnostics (file:line:column: severity code: message)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "diagnostics--where",
        "diagnostics--error",
        "diagnostics--warning",
    }

    def __init__(self, diagnostics: Sequence[Diagnostic], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diagnostics = tuple(diagnostics)
        self.border_title = f"Diagnostics: {summary(self.diagnostics)}"

    @property
    def plain(self) -> str:
        return diagnostics_text(self.diagnostics, {}).plain

    def compose(self) -> ComposeResult:
        yield Static(Text(""), classes="diagnostics-text")

    def on_mount(self) -> None:
        self._render_text()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: Theme) -> None:
        self._render_text()

    def _render_text(self) -> None:
        styles = {
            name: text_style(self, f"diagnostics--{name}") for name in ("where", "error", "warning")
        }
        self.query_one(".diagnostics-text", Static).update(
            diagnostics_text(self.diagnostics, styles)
        )
