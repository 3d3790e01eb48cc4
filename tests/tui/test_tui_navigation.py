"""Issue 16, the main screen: the selected node always in view, the details read from the top,
the focus back on the tree after a source view, refreshed pushed screens after a reload."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual import events
from textual.screen import Screen
from textual.widgets import Static

from explorer.outputs.citations import citations_text
from explorer.reading.bundled import bundled_scenarios
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.matrix import MatrixScreen
from explorer.tui.screens.pick import CitationPicker
from explorer.tui.screens.scorecard import ScorecardScreen
from explorer.tui.screens.source import SourceScreen
from explorer.tui.screens.walk import WalkScreen
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.detail_parts import PartKind
from explorer.tui.widgets.diagnostics import DiagnosticsPanel
from explorer.tui.widgets.scenario_tree import ScenarioTree
from tests.shared import copy_corpus

from .corpus_copy import replace
from .helpers import (
    MINI,
    OUTCOMES,
    chosen,
    explore,
    main_screen,
    numbered_parts,
    plain,
    press,
    tree_of,
)
from .test_tui_search import search

BUNDLED = bundled_scenarios()


def cursor_in_view(tree: ScenarioTree) -> bool:
    line = tree.cursor_line
    top = round(tree.scroll_y)
    return line >= 0 and top <= line < top + tree.scrollable_content_region.height


async def test_a_search_jump_leaves_the_chosen_node_in_view_and_a_resize_keeps_it() -> None:
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


async def test_a_new_node_shows_its_details_from_the_top() -> None:
    async with explore(BUNDLED, size=(120, 40), live=False) as (app, pilot):
        tree = tree_of(app)
        tree.go_to("iran-escalates")
        await press(pilot, "tab", "pagedown")
        pane = main_screen(app).query_one(DetailPane)
        assert app.focused is pane and pane.scroll_y > 0
        await press(pilot, "shift+tab", "j")
        await pilot.pause(0.1)
        assert tree.cursor_id == "iran-restrains"
        assert pane.node_id == "iran-restrains" and pane.scroll_y == 0


async def test_back_from_a_source_opened_on_a_citation_j_and_k_move_the_tree() -> None:
    async with explore(size=(100, 30), live=False) as (app, pilot):
        await press(pilot, "j", "j")
        tree = tree_of(app)
        assert tree.cursor_id == "crews-move"
        await press(pilot, "tab", "tab")
        part = chosen(app)
        assert part is not None and part.kind is PartKind.CITATION
        await press(pilot, "enter")
        assert isinstance(app.screen, SourceScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert tree.has_focus
        await press(pilot, "j")
        assert tree.cursor_id != "crews-move"


def screen_text(app: ExplorerApp) -> str:
    """The words on the screen, from its SVG screenshot."""
    svg = app.export_screenshot()
    body = svg[svg.rindex("</style>") :]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("fixture", "keys", "screen", "file", "old", "new"),
    [
        (MINI, ["w", "1"], WalkScreen, "crews.yaml", "Crews move north", "Crews head north"),
        (MINI, ["m"], MatrixScreen, "crews.yaml", "Crews move north", "Crews head north"),
        (OUTCOMES, ["a"], ScorecardScreen, "crews.yaml", "Crews move north", "Crews head north"),
        (MINI, ["j", "j", "2"], SourceScreen, "seeds/ledger.txt", "our correspondent", "our man"),
    ],
    ids=["walk", "matrix", "scorecard", "source"],
)
async def test_a_pushed_screen_shows_the_corpus_read_again(
    tmp_path: Path,
    fixture: Path,
    keys: list[str],
    screen: type[Screen[object]],
    file: str,
    old: str,
    new: str,
) -> None:
    corpus = copy_corpus(tmp_path, fixture)

    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, *keys)
        assert isinstance(app.screen, screen)
        assert old in screen_text(app) and new not in screen_text(app)
        replace(corpus / file, old, new)
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, screen)
        assert new in screen_text(app) and old not in screen_text(app)


@pytest.mark.parametrize("size", [(40, 12), (59, 30), (100, 17)], ids=str)
async def test_below_the_workable_size_the_tree_keeps_rows_under_a_notice(
    size: tuple[int, int],
) -> None:
    async with explore(BUNDLED, size=size, live=False) as (app, pilot):
        screen = main_screen(app)
        tree_of(app).go_to("syrians-celebrate")  # a deep node: a long breadcrumb
        await pilot.pause(0.1)
        tree = tree_of(app)
        assert tree.scrollable_content_region.height >= size[1] // 2
        assert cursor_in_view(tree)
        notice = screen.query_one("#too-small", Static)
        assert notice.display and notice.region.height == 1
        assert "too small" in plain(notice.content).lower()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not notice.display and screen.query_one(DetailPane).region.height > 0


async def test_see_also_links_jump_and_back_and_forward_retrace_jumps() -> None:
    async with explore(size=(100, 30), live=False) as (app, pilot):
        tree = tree_of(app)
        start = tree.cursor_id
        await search(app, pilot, "stay and fight", key="slash")
        await press(pilot, "enter")
        assert tree.cursor_id == "crews-stay"
        await pilot.pause(0.1)
        pane = main_screen(app).query_one(DetailPane)
        links = [pane.parts[n] for n in numbered_parts(app, PartKind.LINK)]
        assert [link.node_id for link in links] == ["crews-move"]
        assert "Crews move north" in links[0].text.plain
        await press(pilot, "r")  # chooses the link, in the focused pane
        assert chosen(app) == links[0]
        await press(pilot, "enter")
        assert tree.cursor_id == "crews-move" and tree.has_focus
        await press(pilot, "k")  # moving the cursor is not a jump
        await press(pilot, "left_square_bracket")
        assert tree.cursor_id == "crews-stay"
        await press(pilot, "alt+left")
        assert tree.cursor_id == start
        await press(pilot, "left_square_bracket")  # nothing further back
        assert tree.cursor_id == start
        await press(pilot, "right_square_bracket")
        assert tree.cursor_id == "crews-stay"
        await press(pilot, "alt+right")
        assert tree.cursor_id == "crews"  # where the cursor was left
        # A walk's node shown in the tree is a jump too.
        await press(pilot, "w", "1", "1", "T")
        assert tree.cursor_id == "crews-move"
        await press(pilot, "left_square_bracket")
        assert tree.cursor_id == "crews"


async def test_the_diagnostics_panel_lists_why_a_tree_file_cannot_be_read_first(
    mini_copy: Path,
) -> None:
    corpus = mini_copy
    replace(corpus / "crews.yaml", "quote: We will stay and fight the decision", "quote: Never")
    replace(corpus / "waterfront.yaml", "kind: question\n", "kind: : [\n")

    async with explore(corpus, live=False) as (app, pilot):
        panel = main_screen(app).query_one(DiagnosticsPanel)
        assert panel.display and tree_of(app).has_focus
        first = panel.shown[0]
        assert first.code == "E001" and first.file.endswith("waterfront.yaml")
        assert any(d.code == "E011" for d in panel.shown[1:])
        await press(pilot, "d")
        assert panel.has_focus and panel.highlighted == 0


def what_the_key_acted_on(app: ExplorerApp, key: str) -> str | None:
    """The node the action of `key` took: the source, picker or walk it opened, the citations
    it copied."""
    screen = app.screen
    if key == "y":
        index = main_screen(app).index
        copied = [
            n.id
            for n in index.ordered_nodes()
            if n.citations and app.clipboard and citations_text(n.citations, index) == app.clipboard
        ]
        return copied[0] if copied else None
    if isinstance(screen, SourceScreen):
        return screen.node_id
    if isinstance(screen, CitationPicker):
        return screen.node.id
    if isinstance(screen, WalkScreen):
        return screen.path[-1]
    return None


@pytest.mark.parametrize("key", ["s", "1", "y", "W"])
async def test_a_key_typed_ahead_acts_on_the_node_the_keys_before_it_moved_to(key: str) -> None:
    """`j j` then the key, sent at once (as typed ahead, faster than the screen draws): the key
    acts on the node the cursor reached, though the selection of that node is still on its way."""
    async with explore(live=False) as (app, pilot):
        assert tree_of(app).cursor_id == "harbour-closed"
        for typed in ("j", "j", key):
            app.post_message(events.Key(typed, typed))
        await pilot.pause()
        await pilot.pause()
        assert tree_of(app).cursor_id == "crews-move"
        assert what_the_key_acted_on(app, key) == "crews-move"
