"""A footer that keeps each key it shows whole: when the keys are wider than the terminal, the
last ones give way (each screen lists its bindings most important first), never one cut in half,
and never one drawn under the palette's key. The way out (Esc) and the help (?) always stay."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

from explorer.tui.widgets.tree_splice import FooterKey  # Textual's private parts: one door

KEPT_KEYS = frozenset({"escape", "question_mark"})


class FittingFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def on_resize(self, _event: Resize) -> None:
        self.fit_keys()

    def _width_of(self, key: FooterKey) -> int:
        styles = key.styles
        content = key.get_content_width(self.size, self.app.size)
        return content + styles.gutter.width + styles.margin.width

    def fit_keys(self) -> None:
        """Show the keys, in order, while they fit; hide the rest."""
        room = self.size.width
        if room <= 0:
            return  # not laid out yet: the resize that lays it out fits it
        keys = list(self.query(FooterKey))
        for kept in (k for k in keys if k.key in KEPT_KEYS or k.has_class("-command-palette")):
            kept.display = True
            room -= self._width_of(kept)
        fits = True
        for key in keys:
            if key.key in KEPT_KEYS or key.has_class("-command-palette"):
                continue
            width = self._width_of(key)
            fits = fits and width <= room
            key.display = fits
            room -= width if fits else 0

    @property
    def shown_keys(self) -> list[str]:
        """The keys drawn, as `key description`."""
        return [
            f"{key.key_display} {key.description}".strip()
            for key in self.query(FooterKey)
            if key.display
        ]
