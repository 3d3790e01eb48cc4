"""The split between the tree and the details moves with < and > and with the mouse; it and the
theme are kept for the next run."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from explorer.reading.bundled import bundled_scenarios
from explorer.tui.settings import LIGHT, SPLIT_DEFAULT, SPLIT_MAX, read_settings
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.split import SPLIT_STEP, SplitBody, Splitter

from .helpers import explore, main_screen, pane_lines, press


def tree_share(app_screen: Widget, side_by_side: bool) -> float:
    pane = app_screen.query_one("#tree-pane", Widget)
    detail = app_screen.query_one(DetailPane)
    if side_by_side:
        return pane.region.width / (pane.region.width + detail.region.width)
    return pane.region.height / (pane.region.height + detail.region.height)


@pytest.mark.parametrize(("size", "side_by_side"), [((140, 40), True), ((80, 30), False)])
async def test_keys_move_the_split_within_bounds_and_it_is_kept(
    size: tuple[int, int], side_by_side: bool
) -> None:
    async with explore(size=size, live=False) as (app, pilot):
        screen = main_screen(app)
        before = tree_share(screen, side_by_side)
        assert abs(before - SPLIT_DEFAULT / 100) < 0.05
        await press(pilot, "greater_than_sign", "greater_than_sign")
        wider = tree_share(screen, side_by_side)
        assert wider > before + 0.05
        assert screen.query_one(SplitBody).split == SPLIT_DEFAULT + 2 * SPLIT_STEP
        assert read_settings().split == SPLIT_DEFAULT + 2 * SPLIT_STEP
        await press(pilot, *["greater_than_sign"] * 20)
        assert screen.query_one(SplitBody).split == SPLIT_MAX
        await press(pilot, "less_than_sign")
        assert screen.query_one(SplitBody).split == SPLIT_MAX - SPLIT_STEP
    async with explore(size=size, live=False) as (app, pilot):  # the next run
        assert main_screen(app).query_one(SplitBody).split == SPLIT_MAX - SPLIT_STEP


async def test_dragging_the_bar_moves_the_split() -> None:
    async with explore(size=(140, 40), live=False) as (app, pilot):
        screen = main_screen(app)
        bar = screen.query_one(Splitter)
        body_region = screen.query_one(SplitBody).content_region
        assert await pilot.mouse_down(Splitter, offset=(0, 5))
        target_x = body_region.x + body_region.width * 3 // 10
        await pilot.hover(SplitBody, offset=(target_x - body_region.x, 5))
        await pilot.mouse_up(SplitBody, offset=(target_x - body_region.x, 5))
        await pilot.pause()
        assert screen.query_one(SplitBody).split == 30
        assert abs(tree_share(screen, True) - 0.3) < 0.05
        assert not bar.dragging
        assert read_settings().split == 30


async def test_the_theme_is_kept_for_the_next_run() -> None:
    async with explore(live=False) as (app, pilot):
        await press(pilot, "t")
        assert app.theme == LIGHT
    async with explore(live=False) as (app, _pilot):
        assert app.theme == LIGHT


async def test_the_selected_nodes_title_is_shown_whole_in_the_details() -> None:
    async with explore(bundled_scenarios(), size=(120, 40), live=False) as (app, pilot):
        screen = main_screen(app)
        index = screen.index
        longest = max(index.ordered_nodes(), key=lambda node: len(node.title))
        screen.scenario_tree.go_to(longest.id)
        await pilot.pause(0.1)
        tree = screen.scenario_tree
        assert tree.label_of(longest.id).cell_len > tree.region.width  # cut in the tree
        pane = screen.query_one(DetailPane)
        start, end = pane.spans[0]  # the title, wrapped to the pane's width
        shown = " ".join(" ".join(pane_lines(app)[start:end]).split())
        assert " ".join(longest.title.split()) in shown


async def test_the_bar_marks_the_details_when_they_have_the_focus() -> None:
    async with explore(size=(140, 40), live=False) as (app, pilot):
        bar = main_screen(app).query_one(Splitter)
        assert not bar.has_class("-beside-focus")
        await press(pilot, "tab")
        assert app.focused is main_screen(app).query_one(DetailPane)
        assert bar.has_class("-beside-focus")
        await press(pilot, "shift+tab")
        assert not bar.has_class("-beside-focus")
