"""A footer that keeps each key it shows whole: when the keys are wider than the terminal, the
dimmed ones give way first, then, in order (each screen lists its bindings most important first),
each key that no longer fits, while a later one that does is still shown; never one cut in half,
and never one drawn under the palette's key. The way out (Esc) and the help (?) always stay."""

from __future__ import annotations

from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Footer

from explorer.tui.widgets.tree_splice import (  # Textual's private parts: one door
    FooterKey,
    set_footer_key_disabled,
)

KEPT_KEYS = frozenset({"escape", "question_mark"})


class FittingFooter(Footer):
    async def recompose(self) -> None:
        if self.dim_in_place():
            return
        await super().recompose()
        self.fit_keys()

    def dim_in_place(self) -> bool:
        """When the keys to show are the keys shown, some dimmed or lit since (a cursor move onto
        a node with links lights `r Related`), change just those: the stock footer mounts every
        key anew, and a cursor key waited for that and the screen's layout. False when the keys
        themselves differ (or are grouped), for a recompose."""
        if not self.is_attached or not self.children:
            return False
        # The first binding of each action shown, as the stock footer groups them.
        first: dict[str, Binding] = {}
        enabled_of: dict[str, bool] = {}
        for _namespace, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.group is not None:
                return False
            if binding.show and binding.action not in first:
                first[binding.action], enabled_of[binding.action] = binding, enabled
        keys = [
            key
            for key in self.children
            if isinstance(key, FooterKey) and not key.has_class("-command-palette")
        ]
        shown = [(key.action, key.key, key.description) for key in keys]
        if shown != [(b.action, b.key, b.description) for b in first.values()]:
            return False
        changed = False
        for key in keys:
            enabled = enabled_of[key.action]
            if key.has_class("-disabled") == enabled:
                set_footer_key_disabled(key, not enabled)
                changed = True
        if changed:
            self.fit_keys()  # a dimmed key gives way first
        return True

    def on_resize(self, _event: Resize) -> None:
        self.fit_keys()

    def _width_of(self, key: FooterKey) -> int:
        styles = key.styles
        content = key.get_content_width(self.size, self.app.size)
        return content + styles.gutter.width + styles.margin.width

    def fit_keys(self) -> None:
        """Show the keys, in order, each that fits in the room the keys before it left."""
        room = self.size.width
        if room <= 0:
            return  # not laid out yet: the resize that lays it out fits it
        keys = list(self.query(FooterKey))
        kept = [k for k in keys if k.key in KEPT_KEYS or k.has_class("-command-palette")]
        for key in kept:
            key.display = True
            room -= self._width_of(key)
        # Keys that act now first, in order, each that fits in the room left (a key too wide
        # gives way, a later one that fits is still shown: `q Quit` after a long lit key); then
        # the dimmed ones, the same way.
        for dimmed in (False, True):
            for key in keys:
                if key in kept or key.has_class("-disabled") != dimmed:
                    continue
                width = self._width_of(key)
                key.display = width <= room
                room -= width if key.display else 0

    @property
    def shown_keys(self) -> list[str]:
        """The keys drawn, as `key description`."""
        return [
            f"{key.key_display} {key.description}".strip()
            for key in self.query(FooterKey)
            if key.display
        ]
