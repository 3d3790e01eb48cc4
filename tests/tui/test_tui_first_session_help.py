"""`?` shows the keys of the screen it was opened on first, lists Textual's scrolling keys once
(not in every section), never both ^q and q, and scrolls with j and k."""

from __future__ import annotations

from textual.containers import VerticalScroll

from explorer.reading.bundled import bundled_scenarios
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.help import MOVING_AROUND, HelpScreen

from .helpers import explore, press


def help_of(app: ExplorerApp) -> HelpScreen:
    assert isinstance(app.screen, HelpScreen)
    return app.screen


def headings(app: ExplorerApp) -> list[str]:
    return [title for title, _rows in help_of(app).rows()]


async def test_the_help_starts_with_the_keys_of_the_screen_beneath() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "question_mark")
        assert headings(app)[:3] == ["Main screen (here)", "Tree (here)", "Everywhere"]
        await press(pilot, "escape", "w", "question_mark")
        assert headings(app)[0] == "Walk (w, W) (here)"
        assert "Main screen" in headings(app)  # the rest follow
        await press(pilot, "escape", "escape", "m", "question_mark")
        assert headings(app)[0] == "Compare matrix (m) (here)"


async def test_generic_keys_are_listed_once_and_quit_once() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "question_mark")
        text = help_of(app).help_text().plain
        lines = text.splitlines()
        assert "^q" not in text
        everywhere = dict(help_of(app).rows())["Everywhere"]
        assert [keys for keys, description in everywhere if description == "Quit"] == ["q"]
        assert sum(line.strip().startswith("pgup pgdn") for line in lines) == 1
        assert sum(line.strip().startswith("← →") for line in lines) == 1
        for textual_wording in ("Scroll Left", "Page Down", "Scroll Home", "First"):
            assert textual_wording not in text
        rows = dict(help_of(app).rows())[MOVING_AROUND]
        assert ("home end", "To the first, the last (top, bottom)") in rows


async def test_j_and_k_scroll_the_help() -> None:
    async with explore(bundled_scenarios(), size=(80, 24)) as (app, pilot):
        await press(pilot, "question_mark")
        body = help_of(app).query_one("#help-body", VerticalScroll)
        assert body.scroll_y == 0
        await press(pilot, "j", "j", "j")
        assert body.scroll_y == 3
        await press(pilot, "k")
        assert body.scroll_y == 2
