"""The palette's search finds a node by its tag, and reads typos as the word meant."""

from __future__ import annotations

from explorer.reading.bundled import bundled_scenarios

from .helpers import explore, press, tree_of
from .test_tui_search import search


async def test_a_tag_finds_its_node() -> None:
    async with explore(bundled_scenarios(), size=(120, 40)) as (app, pilot):
        hits = await search(app, pilot, "expulsion", "slash")
        tagged = "Iraq's parliament votes to expel foreign troops"
        assert f"node   {tagged}" in hits
        await press(pilot, *["down"] * hits.index(f"node   {tagged}"), "enter")
        node = tree_of(app).index.nodes[tree_of(app).cursor_id or ""]
        assert "expulsion" in node.tags


async def test_typos_find_the_word_meant() -> None:
    async with explore(bundled_scenarios(), size=(120, 40)) as (app, pilot):
        hits = await search(app, pilot, "sanctons", "slash")
        assert hits and "sanction" in hits[0].casefold()
        await press(pilot, "escape")
        hits = await search(app, pilot, "zarrif", "slash")
        assert hits and "zarif" in hits[0].casefold()
