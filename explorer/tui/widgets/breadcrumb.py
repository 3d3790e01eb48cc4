"""The path from the trigger event down to the selected node."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.theme import Theme
from textual.widgets import Static

from explorer.model import Node
from explorer.tui.widgets.labels import LABEL_CLASSES, path_text, update_text
from explorer.tui.widgets.themed import Themed


class Breadcrumb(Themed, Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.path: tuple[Node, ...] = ()

    def show_path(self, path: tuple[Node, ...]) -> None:
        self.path = path
        update_text(self, path_text(path, self._style))

    @property
    def plain(self) -> str:
        return path_text(self.path, lambda _name: Style()).plain

    def _theme_changed(self, _theme: Theme) -> None:
        self.update(path_text(self.path, self._style))
