"""Shown at once while the corpus is read in a thread; the app then puts the tree over it.

No footer here: composing one costs more than the load of a small corpus.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static


class LoadingScreen(Screen[None]):
    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Reading the corpus at {self.where} …  (q quits)"), id="loading-message")
        yield LoadingIndicator(id="loading")

    def on_screen_suspend(self) -> None:
        self.query(LoadingIndicator).remove()  # it would go on animating where no one sees it
