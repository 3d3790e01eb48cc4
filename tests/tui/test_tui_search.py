"""The command palette searches titles, claims, quotes, people and sources."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from explorer.tui.app import ExplorerApp
from explorer.tui.live import SEARCH_GROUP
from explorer.tui.providers import search as search_module
from explorer.tui.providers.search import SearchedScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.seed_view import SeedView

from .helpers import HOSTILE, explore, main_screen, plain, press, tree_of, workers_done


async def search(
    app: ExplorerApp, pilot: Pilot[None], query: str, key: str = "ctrl+p"
) -> list[str]:
    """Open the palette, type, wait for the hits; returns their text."""
    await press(pilot, key)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    for _ in range(40):
        await pilot.pause(0.05)
        options = app.screen.query_one("CommandList", OptionList).options
        if options:
            break
    return [plain(option.prompt) for option in options]


async def test_choosing_a_node_jumps_to_it_opening_its_ancestors() -> None:
    async with explore() as (app, pilot):
        hits = await search(app, pilot, "boatyards")
        assert hits[0] == "node   Boatyards follow the crews"
        assert any(h.startswith("quote  and the boatyards could follow them") for h in hits)
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        tree = tree_of(app)
        assert tree.cursor_id == "boatyards-follow"
        assert tree.is_expanded("crews-move")
        assert main_screen(app).selected_id == "boatyards-follow"
        assert app.focused is tree


async def test_slash_opens_the_search_too_and_quotes_find_their_node() -> None:
    async with explore() as (app, pilot):
        hits = await search(app, pilot, "northern port", key="slash")
        assert hits[0].startswith("claim  The crews relocate to the northern port")
        await press(pilot, "enter")
        assert tree_of(app).cursor_id == "crews-move"


async def test_choosing_a_person_applies_their_filter() -> None:
    async with explore() as (app, pilot):
        hits = await search(app, pilot, "mara")
        assert hits[0] == "person Mara Quay"
        await press(pilot, "enter")
        assert main_screen(app).person_focus.people == ("mara-quay",)


async def test_choosing_a_source_opens_it_with_its_quotes() -> None:
    async with explore() as (app, pilot):
        hits = await search(app, pilot, "mistake")
        assert hits[0] == "source A mistake at the harbour — Ledger Weekly"
        await press(pilot, "enter")
        assert isinstance(app.screen, SourceScreen)
        view = app.screen.query_one(SeedView)
        assert len(view.matches) == 4  # every quote the corpus takes from the Ledger
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_jump_while_collapsed_to_someone_elses_paths_uncollapses() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "p", "down", "enter", "escape", "z")  # Mara's paths only
        assert "waterfront-idle" not in tree_of(app).shown_ids()
        await search(app, pilot, "stands idle")
        await press(pilot, "enter")
        assert tree_of(app).cursor_id == "waterfront-idle"
        focus = main_screen(app).person_focus
        assert focus.people == ("mara-quay",) and not focus.collapsed


async def test_hits_show_markup_literally() -> None:
    async with explore(HOSTILE) as (app, pilot):
        hits = await search(app, pilot, "crews leave")
        assert "node   Do the [bold]crews[/italic] leave? [@click=app.quit]" in hits
        await press(pilot, "enter")
        assert app.is_running
        assert tree_of(app).cursor_id == "crews"


async def test_the_search_index_is_built_in_the_background_after_a_load() -> None:
    async with explore() as (app, _pilot):
        index = main_screen(app).index
        # Started once the load is on screen, with the heap's settling and the cache's writing.
        await asyncio.wait_for(app.live_corpus.cache_written.wait(), 30)
        await workers_done(app, SEARCH_GROUP)
        assert index.search_ready  # built: the first keystroke need not wait


async def test_the_search_box_says_what_it_searches() -> None:
    async with explore() as (app, pilot):
        for key in ("slash", "ctrl+p"):
            await press(pilot, key)
            assert isinstance(app.screen, CommandPalette)
            box = app.screen.query_one(CommandInput)
            assert box.placeholder == MainScreen.SEARCH_PLACEHOLDER
            for word in ("titles", "claims", "quotes", "people", "sources"):
                assert word in box.placeholder
            await press(pilot, "escape")
            assert isinstance(app.screen, MainScreen)


def test_the_search_knows_the_main_screen_only_through_its_protocol() -> None:
    """The palette's provider and the main screen do not import each other: the provider reads
    the screen as a `SearchedScreen` (its index, a message to post it)."""
    source = Path(search_module.__file__).read_text(encoding="utf-8")
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not any(name.startswith("explorer.tui.screens") for name in imported), imported


async def test_the_main_screen_is_what_the_search_searches() -> None:
    async with explore() as (app, _pilot):
        screen = main_screen(app)
        assert isinstance(screen, SearchedScreen)
        assert screen.index is main_screen(app).index
