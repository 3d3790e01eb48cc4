"""The path from the trigger event down to the selected node, on one line: when it is wider
than the line, the nodes nearest the trigger give way first (shortened from the left)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.theme import Theme
from textual.widgets import Static

from explorer.model import Node
from explorer.tui.widgets.labels import LABEL_CLASSES, PATH_SEPARATOR, path_text, update_text
from explorer.tui.widgets.themed import Themed

ELLIPSIS = "…"


def fitted_path_text(path: tuple[Node, ...], style_of: Callable[[str], Style], width: int) -> Text:
    """The path in at most `width` cells: the first nodes are replaced by `…` until the rest
    fits; when the selected node alone is too wide, its title is cut from the left."""
    text = path_text(path, style_of)
    if width <= 0 or text.cell_len <= width:
        return text
    for start in range(1, len(path)):
        text = Text(ELLIPSIS, style_of("label--muted"))
        text.append(PATH_SEPARATOR, style_of("label--muted"))
        text.append_text(path_text(path[start:], style_of))
        if text.cell_len <= width:
            return text
    text = path_text(path[-1:], style_of)
    while text.cell_len > width - 1 and len(text) > 1:
        text = text[max(1, text.cell_len - (width - 1)) :]
    return Text(ELLIPSIS, style_of("label--muted")) + text


class Breadcrumb(Themed, Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.path: tuple[Node, ...] = ()

    def _fitted(self) -> Text:
        return fitted_path_text(self.path, self._style, self.content_region.width)

    def show_path(self, path: tuple[Node, ...]) -> None:
        self.path = path
        update_text(self, self._fitted())

    def on_resize(self, _event: Resize) -> None:
        self.update(self._fitted())

    @property
    def plain(self) -> str:
        """The whole path, however much of it fits."""
        return path_text(self.path, lambda _name: Style()).plain

    @property
    def shown(self) -> str:
        """The path as drawn: on one line, shortened from the left when it does not fit."""
        return self._fitted().plain

    def _theme_changed(self, _theme: Theme) -> None:
        self.update(self._fitted())
