"""Opening or closing a branch splices its lines into those drawn; the result must be what the
stock Tree's full layout gives, after any sequence of keys (hypothesis drives them). The splice is
used only on the Textual release it was tested with (see `tree_splice`); on another, these tests
are skipped and `test_tree_fallback.py` covers the stock tree."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Tree

from explorer.tui.widgets import tree_splice
from explorer.tui.widgets.scenario_tree import ScenarioTree, SplicedScenarioTree

from .helpers import explore, tree_of
from .test_tui_tree import _write_large_corpus

KEYS = ("j", "k", "space", "enter", "h", "l", "end", "home", "pagedown", "o", "G")
CORPUS = Path(tempfile.mkdtemp(prefix="splice-corpus-"))
_write_large_corpus(CORPUS, roots=2, width=3, depth=3)  # 81 nodes, four levels deep

pytestmark = pytest.mark.skipif(
    tree_splice.installed_textual() != tree_splice.TESTED_TEXTUAL
    or bool(tree_splice.missing_parts()),
    reason="the splice is used only on the Textual release it was tested with",
)


@pytest.fixture(autouse=True)
def _splice_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tree_splice.STOCK_TREE, raising=False)


def layout(tree: ScenarioTree) -> tuple[object, ...]:
    lines = tree._tree_lines
    return (
        [([n.data for n in line.path], line.last) for line in lines],
        [line.node._line for line in lines],
        tree.virtual_size,
        tree.cursor_line,
    )


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=40))
async def test_spliced_lines_are_the_stock_layout(keys: list[str]) -> None:
    async with explore(CORPUS, size=(60, 12)) as (app, pilot):
        tree = tree_of(app)
        assert isinstance(tree, SplicedScenarioTree)
        for key in keys:
            await pilot.press(key)
            ours = layout(tree)
            Tree._build(tree)  # the stock layout of the same nodes
            assert layout(tree) == ours, key


async def test_opening_a_branch_splices_rather_than_lays_out_again() -> None:
    async with explore(CORPUS, size=(60, 12)) as (app, pilot):
        tree = tree_of(app)
        assert isinstance(tree, SplicedScenarioTree)
        calls: list[str] = []
        stock = Tree._build

        def counted(self: Tree[str]) -> None:
            calls.append("stock")
            stock(self)

        await pilot.press("j", "l")  # onto r0, then into it
        Tree._build = counted  # type: ignore[method-assign,assignment]
        try:
            await pilot.press("enter", "enter")  # close r0-0, and open it again
            assert len(tree._tree_lines) > 3
        finally:
            Tree._build = stock  # type: ignore[method-assign]
        assert calls == []
