"""The source view's one-line search, opened with `/` as in less: each key typed searches again,
Enter goes to the next match, Escape closes the line (what was found stays highlighted)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class FindBar(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the search line"),
    ]

    class Closed(Message):
        """Escape in the search line: the text takes the focus back."""

    def compose(self) -> ComposeResult:
        yield Label("/", id="find-prompt")
        hint = "search the article (Enter: the next match)"
        yield Input(placeholder=hint, id="find-input", compact=True)
        yield Label("", id="find-count")

    @property
    def input(self) -> Input:
        return self.query_one("#find-input", Input)

    def open(self) -> None:
        self.display = True
        self.input.focus()
        self.input.select_all()  # typing replaces the last search; Enter goes on with it

    def count(self, shown: int, found: int) -> None:
        """Say which match is shown, of how many (`shown` counts from 1)."""
        if not self.input.value:
            said = ""
        elif found:
            said = f"{shown} of {found}"
        else:
            said = "not found"
        self.query_one("#find-count", Label).update(Text(said))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
