"""Issue 16, the main screen: the selected node always in view, the details read from the top,
the focus back on the tree after a source view, refreshed pushed screens after a reload."""

from __future__ import annotations

from explorer.reading.bundled import bundled_scenarios
from explorer.tui.widgets.scenario_tree import ScenarioTree

from .helpers import explore, press, run, tree_of
from .test_tui_search import search

BUNDLED = bundled_scenarios()


def cursor_in_view(tree: ScenarioTree) -> bool:
    line = tree.cursor_line
    top = round(tree.scroll_y)
    return line >= 0 and top <= line < top + tree.scrollable_content_region.height


def test_a_search_jump_leaves_the_chosen_node_in_view_and_a_resize_keeps_it() -> None:
    async def body() -> None:
        for size, keys, query, wanted in [
            ((80, 24), (), "Syrians celebrated", "syrians-celebrate"),
            ((120, 40), ("o",), "Zarif", "zarif-resigns"),
            ((120, 40), (), "Syrians celebrated", "syrians-celebrate"),
        ]:
            async with explore(BUNDLED, size=size, live=False) as (app, pilot):
                await press(pilot, *keys)
                await search(app, pilot, query, key="slash")
                await press(pilot, "enter")
                await pilot.pause(0.1)
                tree = tree_of(app)
                assert tree.cursor_id == wanted
                assert cursor_in_view(tree), (size, query, tree.cursor_line, tree.scroll_y)
                await pilot.resize_terminal(80, 24)
                await pilot.pause(0.1)
                await pilot.pause()
                assert cursor_in_view(tree), (size, query, tree.cursor_line, tree.scroll_y)

    run(body)
