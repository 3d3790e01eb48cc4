"""When corpus.yaml itself cannot be read: the diagnostics, and a way out.

Enter on a diagnostic opens the editor there; once the corpus loads, the app shows the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.checks.diagnostics import Diagnostic
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
            Text(
                f"The corpus at {self.where} could not be opened. Fix these (Enter opens the "
                "file at the line); the explorer reads it again when it changes:"
            ),
            id="failed-message",
        )
        yield DiagnosticsPanel(self.diagnostics, id="diagnostics")
        yield Footer()

    def show_problems(self, diagnostics: Sequence[Diagnostic]) -> None:
        """A reload that still could not open the corpus: its diagnostics instead."""
        self.diagnostics = tuple(diagnostics)
        self.query_one(DiagnosticsPanel).show(self.diagnostics)

    def action_quit_failed(self) -> None:
        self.app.exit(return_code=EXIT_DIAGNOSTICS)
