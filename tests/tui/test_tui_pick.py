"""The numbered pickers (which source to open, which alternative to show): number keys choose,
and their own footer says which keys act."""

from __future__ import annotations

from textual.widgets import Footer

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.pick import CitationPicker
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.seed_view import SeedView

from .helpers import explore, press


def footer_keys(app: ExplorerApp) -> list[str]:
    """What the footer of the screen on top shows: its key and its description."""
    app.screen.query_one(Footer)  # the picker's own footer, not the one beneath it
    return [
        f"{active.binding.key_display or active.binding.key} {active.binding.description}"
        for active in app.screen.active_bindings.values()
        if active.binding.show
    ]


def highlighted(app: ExplorerApp) -> str:
    assert isinstance(app.screen, SourceScreen)
    return app.screen.query_one(SeedView).highlighted_text()


async def test_number_keys_choose_a_source() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "s")  # 'Crews move north': two citations
        assert isinstance(app.screen, CitationPicker)
        await press(pilot, "2")
        assert highlighted(app) == "The crews are unlikely to leave"
        await press(pilot, "escape", "s", "1")
        assert "almost certainly move north" in highlighted(app)
        await press(pilot, "escape", "s", "3")  # no third citation: nothing happens
        assert isinstance(app.screen, CitationPicker)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_picker_footer_shows_its_own_keys() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "s")
        keys = footer_keys(app)
        assert "1–9 Choose by number" in keys
        assert "escape Cancel" in keys
        assert not any("People" in key or "Search" in key for key in keys)
