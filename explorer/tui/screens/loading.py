"""Shown at once while the corpus is read in a thread; the app then puts the tree over it. When
the path names a library of several corpora, a picker over it asks which one to open.

No footer here: composing one costs more than the load of a small corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from explorer.reading.locate import display_path
from explorer.tui.messages import LoadProgress


class LoadingScreen(Screen[None]):
    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        yield Static(self._message(), id="loading-message")
        yield LoadingIndicator(id="loading")
        yield Static("", id="loading-progress")

    def on_load_progress(self, message: LoadProgress) -> None:
        self.show_progress(message.read, message.files, message.nodes)

    def show_progress(self, read: int, files: int, nodes: int) -> None:
        """How far the load is (posted from the loading thread, between tree files)."""
        self.query_one("#loading-progress", Static).update(
            f"{read:,} of {files:,} tree files read, {nodes:,} nodes built"
        )

    def _message(self) -> Text:
        return Text(f"Reading the corpus at {self.where} …  (q quits)")

    def show_where(self, where: str) -> None:
        """Another corpus is read (one chosen from a library)."""
        self.where = where
        self.query_one("#loading-message", Static).update(self._message())
        self.query_one("#loading-progress", Static).update("")

    def on_screen_suspend(self) -> None:
        self.query(LoadingIndicator).remove()  # it would go on animating where no one sees it

    def on_screen_resume(self) -> None:
        if not self.query(LoadingIndicator):
            self.mount(LoadingIndicator(id="loading"))


class CorpusPicker(ModalScreen[Path | None]):
    """Choose one corpus of a library (given by their corpus.yaml files); dismissed with the
    chosen corpus's file, or None (Escape)."""

    AUTO_FOCUS = "#corpora"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, corpora: Sequence[Path], current: Path) -> None:
        super().__init__()
        self.corpora = tuple(corpora)
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(Text(f"{number} {display_path(corpus.parent)}"), id=str(number - 1))
            for number, corpus in enumerate(self.corpora, 1)
        ]
        picker = OptionList(*options, id="corpora")
        picker.border_title = Text("Open which corpus?")
        if self.current in self.corpora:
            picker.highlighted = self.corpora.index(self.current)
        yield picker

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.corpora[int(event.option.id or "0")])

    def action_cancel(self) -> None:
        self.dismiss(None)
