"""Widgets whose text carries the theme's colours, read from their component classes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from textual.theme import Theme

from explorer.tui.widgets.labels import text_style

if TYPE_CHECKING:
    from textual.widget import Widget

    _MixinBase = Widget
else:
    # Not a Widget subclass at run time: Textual would give the mixin a `can_focus` of its own
    # (False), which would hide that of the widget it is mixed into (a Tree, an OptionList).
    _MixinBase = object


class Themed(_MixinBase):
    """A mixin, first among a widget's bases: `_style(name)` is a component class's style for a
    span of text, and `_theme_changed` rebuilds the text when the theme changes (Textual calls
    each class's `on_mount` along the MRO, so the widget's own runs as well)."""

    # The styles `_style` made, until the widget's styles are updated (its rules applied again:
    # a theme, a class, a pseudo-class). Textual drops its own at every repaint, and a cursor
    # key asks for dozens as it redraws the details and the breadcrumb.
    _styles_made: dict[str, Style] | None = None

    def _style(self, name: str) -> Style:
        made = self._styles_made
        if made is None:
            made = self._styles_made = {}
        style = made.get(name)
        if style is None:
            style = made[name] = text_style(self, name)
        return style

    def notify_style_update(self) -> None:
        self._styles_made = None
        super().notify_style_update()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: Theme) -> None:
        """Build the text again in the new theme's colours."""
        raise NotImplementedError
