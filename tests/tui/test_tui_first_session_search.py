"""The palette's search finds a node by its tag, and reads typos as the word meant."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from explorer.reading.bundled import bundled_scenarios
from explorer.tui.app import ExplorerApp

from .helpers import explore, plain, press, tree_of


async def search(app: ExplorerApp, pilot: Pilot[None], query: str) -> list[str]:
    """Open the palette with /, type, wait for the hits; returns their text."""
    await press(pilot, "slash")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    for _ in range(40):
        await pilot.pause(0.05)
        options = app.screen.query_one("CommandList", OptionList).options
        if options:
            break
    return [plain(option.prompt) for option in options]


async def test_a_tag_finds_its_node() -> None:
    async with explore(bundled_scenarios(), size=(120, 40)) as (app, pilot):
        hits = await search(app, pilot, "expulsion")
        tagged = "Iraq's parliament votes to expel foreign troops"
        assert f"node   {tagged}" in hits
        await press(pilot, *["down"] * hits.index(f"node   {tagged}"), "enter")
        node = tree_of(app).index.nodes[tree_of(app).cursor_id or ""]
        assert "expulsion" in node.tags


async def test_typos_find_the_word_meant() -> None:
    async with explore(bundled_scenarios(), size=(120, 40)) as (app, pilot):
        hits = await search(app, pilot, "sanctons")
        assert hits and "sanction" in hits[0].casefold()
        await press(pilot, "escape")
        hits = await search(app, pilot, "zarrif")
        assert hits and "zarif" in hits[0].casefold()
