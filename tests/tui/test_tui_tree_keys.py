"""The tree's `g`/`G` (first and last node shown, as less and vim), and its rows keeping who
argues each node in view at the default split: the title is shortened, never the initials."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style
from rich.text import Text

from explorer.analysis.focus import Focus, View
from explorer.analysis.queries import CorpusIndex
from explorer.outputs.classes import Palette
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus
from explorer.tui.screens.help import HelpScreen
from explorer.tui.widgets.labels import (
    TITLE_LEAST,
    fit_title,
    fitted_width,
    node_label,
    one_line,
    title_start,
)
from explorer.tui.widgets.scenario_tree import ScenarioTree

from .helpers import explore, press, tree_of


def cursor_in_view(tree: ScenarioTree) -> bool:
    top = round(tree.scroll_y)
    return top <= tree.cursor_line < top + tree.scrollable_content_region.height


async def test_g_and_shift_g_go_to_the_first_and_last_node_shown() -> None:
    async with explore(bundled_scenarios(), size=(80, 24), live=False) as (app, pilot):
        tree = tree_of(app)
        shown = tree.shown_ids()
        assert len(shown) > tree.scrollable_content_region.height  # the tree scrolls
        await press(pilot, "G")
        assert tree.cursor_id == shown[-1]
        assert cursor_in_view(tree)
        await press(pilot, "g")
        assert tree.cursor_id == shown[0]
        assert cursor_in_view(tree)
        await press(pilot, "G", "h", "h", "g", "G")  # the last branch closed: G goes to its node
        assert tree.cursor_id == tree.shown_ids()[-1] == tree.index.parent[shown[-1]]


async def test_g_and_shift_g_are_in_the_help_under_the_tree() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict(dict(app.screen.rows())["Tree (here)"])
        assert rows["g"] == "To the first node shown (as home)"
        assert rows["G"] == "To the last node shown (as end)"


def tree_rows(tree: ScenarioTree) -> list[str]:
    return [tree.render_line(y).text for y in range(tree.scrollable_content_region.height)]


async def test_at_the_default_split_every_row_keeps_its_initials_and_count() -> None:
    async with explore(bundled_scenarios(), size=(120, 40), live=False) as (app, pilot):
        tree = tree_of(app)
        rows = tree_rows(tree)
        nodes = [tree.get_node_at_line(line) for line in range(len(rows))]
        checked = 0
        for row, node in zip(rows, nodes, strict=True):
            if node is None or node.data is None or node is tree.root:
                continue
            label = tree.label_of(node.data).plain
            tail = label[label.index(one_line(tree.index.nodes[node.data].title)) :]
            tail = tail[len(one_line(tree.index.nodes[node.data].title)) :]
            assert row.rstrip().endswith(tail.rstrip()), row  # initials and (count) in view
            checked += 1
        assert checked > 20
        assert any("…" in row for row in rows)  # some titles were long: shortened
        assert not any(re.search(r"\w…\s*$", row) for row in rows)  # none cut at the end
        await press(pilot, "greater_than_sign", "greater_than_sign")  # a wider tree pane
        wider = tree_rows(tree)
        assert sum("…" in row for row in wider) < sum("…" in row for row in rows)


@cache
def bundled_index() -> CorpusIndex:
    result = load_corpus(bundled_scenarios())
    assert result.corpus is not None
    return CorpusIndex(result.corpus)


def plain_style(_name: str) -> Style:
    return Style()


@given(
    node_at=st.integers(0, 10_000),
    people=st.lists(st.integers(0, 100), max_size=2, unique=True),
    hindsight=st.booleans(),
    width=st.integers(0, 160),
)
def test_a_label_fitted_to_a_width_keeps_its_start_and_end(
    node_at: int, people: list[int], hindsight: bool, width: int
) -> None:
    index = bundled_index()
    nodes = sorted(index.nodes)
    node = index.nodes[nodes[node_at % len(nodes)]]
    keys = sorted(index.voices)
    focus = Focus(people=tuple(dict.fromkeys(keys[p % len(keys)] for p in people)))
    view = View(index, focus)
    label = node_label(node, index, view, Palette(index), plain_style, hindsight)
    title = one_line(node.title)
    start = title_start(view, hindsight)
    end = start + len(title)
    assert label.plain[start:end] == title  # where node_label puts the title
    fitted_label = fit_title(label, start, end, width)
    assert fitted_width(label, start, end, width) == fitted_label.cell_len  # measured unmade
    fitted = fitted_label.plain
    assert fitted.startswith(label.plain[:start])
    assert fitted.endswith(label.plain[end:])  # who argues it, the count: never cut
    least = len(label.plain) - len(title) + min(TITLE_LEAST, len(title))
    assert len(fitted) <= max(width, least)
    if len(label.plain) <= width:
        assert fitted == label.plain
    else:
        assert fitted[start:].startswith(title[: min(TITLE_LEAST, len(title)) - 1])


PRINTABLE = st.text(st.characters(categories=["L", "N", "P", "Zs", "So"]), max_size=30)


@given(before=PRINTABLE, title=PRINTABLE, after=PRINTABLE, width=st.integers(0, 80))
def test_a_fitted_label_is_measured_without_making_it(
    before: str, title: str, after: str, width: int
) -> None:
    """Wide characters (CJK, emoji) included: a cut through one is padded to the cell."""
    label = Text(before + title + after, no_wrap=True, end="")
    start, end = len(before), len(before) + len(title)
    assert fitted_width(label, start, end, width) == fit_title(label, start, end, width).cell_len


async def test_space_pages_down_the_tree_as_in_every_other_pane() -> None:
    async with explore(bundled_scenarios(), size=(80, 24), live=False) as (app, pilot):
        tree = tree_of(app)
        expanded = tree.expanded_ids()
        assert tree.cursor_line == 0
        await press(pilot, "space")
        assert tree.cursor_line == tree.scrollable_content_region.height - 1
        assert tree.expanded_ids() == expanded  # nothing opened or closed
