"""When corpus.yaml itself cannot be read: the diagnostics, and a way out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.diagnostics import Diagnostic
from explorer.tui.widgets.diagnostics import DiagnosticsPanel

EXIT_DIAGNOSTICS = 1


class LoadFailedScreen(Screen[None]):
    AUTO_FOCUS = "#diagnostics"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_failed", "Quit"),
    ]

    def __init__(self, where: str, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__()
        self.where = where
        self.diagnostics = tuple(diagnostics)

    def compose(self) -> ComposeResult:
        yield Static(
            Text(f"The corpus at {self.where} could not be opened. Fix these and start again:"),
            id="failed-message",
        )
        yield DiagnosticsPanel(self.diagnostics, id="diagnostics")
        yield Footer()

    def action_quit_failed(self) -> None:
        self.app.exit(return_code=EXIT_DIAGNOSTICS)
