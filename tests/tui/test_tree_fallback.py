"""The stock tree: on a Textual release other than the tested one, or with
SCENARIO_EXPLORER_STOCK_TREE set, the tree touches none of Textual's private parts and shows the
lines the spliced tree shows, after any sequence of keys (hypothesis drives them)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.geometry import Offset, Size
from textual.widgets.tree import TreeNode

from explorer.tui.widgets import tree_splice
from explorer.tui.widgets.scenario_tree import ScenarioTree, SplicedScenarioTree

from .helpers import explore, tree_of
from .test_tree_splice import CORPUS, KEYS

ROOT = Path(__file__).resolve().parents[2]
SPLICE_WORKS = (
    tree_splice.installed_textual() == tree_splice.TESTED_TEXTUAL
    and not tree_splice.missing_parts()
)
# Textual's private parts the tree reached for; only the door module may name them.
PRIVATE = re.compile(
    r"textual\._|textual\.widgets\._|_TreeLine|_tree_lines|\b_updates\b|\._line\b|\b_reset\b"
    r"|\b_build\b|\b_invalidate\b|\b_toggle_node\b|_clear_line_cache|_scroll_update"
    r"|\._expanded\b|\._children\b"
)
PRIVATE_NAMES = {
    "_build",
    "_invalidate",
    "_toggle_node",
    "_tree_lines",
    "_tree_lines_cached",
    "_updates",
    "_clear_line_cache",
    "_scroll_update",
}


class Layout(NamedTuple):
    lines: list[tuple[list[str | None], bool]]  # each line's path of ids, and if it is the last
    numbers: list[int]  # each line's node's line number
    size: Size
    cursor_line: int
    cursor_id: str | None
    scroll: Offset
    rows: list[str]  # the rows drawn


@contextmanager
def stock_tree(version: str | None = None) -> Iterator[None]:
    """Trees made inside are stock: by the environment variable, or (given a version) because
    the installed Textual is taken to be that version."""
    if version is None:
        with mock.patch.dict(os.environ, {tree_splice.STOCK_TREE: "1"}):
            yield
    else:
        with mock.patch.object(tree_splice, "installed_textual", lambda: version):
            yield


@contextmanager
def spliced_tree() -> Iterator[None]:
    with mock.patch.dict(os.environ):
        os.environ.pop(tree_splice.STOCK_TREE, None)
        yield


def shown(tree: ScenarioTree) -> Layout:
    """What the tree shows, read through Textual's public API only: each line's path and whether
    it is its parent's last child, the lines' numbers, size and cursor, and the rows drawn."""

    def path(node: TreeNode[str]) -> list[str | None]:
        ids: list[str | None] = []
        current: TreeNode[str] | None = node
        while current is not None:
            ids.append(current.data)
            current = current.parent
        return ids[::-1]

    nodes = [tree.get_node_at_line(number) for number in range(tree.last_line + 1)]
    assert all(node is not None for node in nodes)
    return Layout(
        [(path(node), node.is_last) for node in nodes if node is not None],
        [node.line for node in nodes if node is not None],
        tree.virtual_size,
        tree.cursor_line,
        tree.cursor_id,
        tree.scroll_offset,
        [tree.render_line(y).text for y in range(tree.size.height)],
    )


async def layouts(keys: list[str]) -> tuple[type[ScenarioTree], list[Layout]]:
    """The tree's class, and what it shows at the start and after each key."""
    async with explore(CORPUS, size=(60, 12)) as (app, pilot):
        tree = tree_of(app)
        seen = [shown(tree)]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            seen.append(shown(tree))
        return type(tree), seen


# -- the door's verdict ----------------------------------------------------------------------


@pytest.mark.parametrize("version", ["8.2.7", "8.3.0", "9.0.0", "7.5.0", "0.86.0", "8.2.8rc1"])
def test_the_door_says_stock_for_another_textual(version: str) -> None:
    with spliced_tree():
        assert tree_splice.tree_mode(version) == "stock"
    with stock_tree(version):
        assert tree_splice.tree_mode() == "stock"


def test_the_door_says_stock_when_the_environment_asks() -> None:
    with stock_tree():
        assert tree_splice.tree_mode(tree_splice.TESTED_TEXTUAL) == "stock"
    with mock.patch.dict(os.environ, {tree_splice.STOCK_TREE: "0"}):
        assert tree_splice.tree_mode(tree_splice.TESTED_TEXTUAL) == (
            "splice" if not tree_splice.missing_parts() else "stock"
        )


@pytest.mark.skipif(not SPLICE_WORKS, reason="another Textual release than the tested one")
def test_the_door_says_splice_for_the_tested_textual() -> None:
    with spliced_tree():
        assert tree_splice.missing_parts() == ()
        assert tree_splice.tree_mode() == "splice"
        assert tree_splice.tree_mode(tree_splice.TESTED_TEXTUAL) == "splice"


def test_loop_last() -> None:
    assert list(tree_splice.loop_last([])) == []
    assert list(tree_splice.loop_last("a")) == [(True, "a")]
    assert list(tree_splice.loop_last(iter("abc"))) == [(False, "a"), (False, "b"), (True, "c")]


# -- the stock tree touches nothing private --------------------------------------------------


def test_only_the_door_names_textual_private_parts() -> None:
    door = ROOT / "explorer" / "tui" / "widgets" / "tree_splice.py"
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "explorer" / "tui").rglob("*.py"))
        if path != door
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert found == []


def test_the_stock_tree_class_overrides_nothing_private() -> None:
    ours = [cls for cls in ScenarioTree.__mro__ if cls.__module__.startswith("explorer.")]
    assert ours and tree_splice.SplicedLines not in ours
    for cls in ours:
        assert PRIVATE_NAMES.isdisjoint(vars(cls)), cls


@pytest.mark.parametrize("version", [None, "9.0.0"])
async def test_the_explorer_runs_on_the_stock_tree(version: str | None) -> None:
    """Branches opened and closed, the cursor moved: the lines are those of the spliced tree."""
    keys = ["j", "l", "enter", "j", "enter", "enter", "h", "h", "k", "end", "enter", "home"]
    keys += ["pagedown", "o", "l", "l", "enter", "enter", "o", "G", "k", "h", "enter"]

    with stock_tree(version):
        cls, stock = await layouts(keys)
    assert cls is ScenarioTree
    if SPLICE_WORKS:
        with spliced_tree():
            cls, spliced = await layouts(keys)
        assert cls is SplicedScenarioTree
        assert stock == spliced
    opened = [len(layout.lines) for layout in stock]
    assert len(set(opened)) > 3  # branches were opened and closed


@pytest.mark.slow
@pytest.mark.skipif(not SPLICE_WORKS, reason="another Textual release than the tested one")
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from((*KEYS, "shift+space")), min_size=1, max_size=30))
async def test_the_stock_tree_shows_the_spliced_lines(keys: list[str]) -> None:
    with stock_tree():
        cls, stock = await layouts(keys)
    assert cls is ScenarioTree
    with spliced_tree():
        cls, spliced = await layouts(keys)
    assert cls is SplicedScenarioTree
    for number, (ours, theirs) in enumerate(zip(spliced, stock, strict=True)):
        assert ours == theirs, keys[:number]


def test_the_textual_version_is_read_as_importlib_metadata_reads_it(tmp_path: Path) -> None:
    import importlib.metadata

    expected = importlib.metadata.version("textual")
    tree_splice.installed_textual.cache_clear()
    try:
        assert tree_splice.installed_textual() == expected  # from the .dist-info beside it
        # No single .dist-info folder beside the package (another layout): importlib.metadata.
        elsewhere = tmp_path / "textual" / "__init__.py"
        elsewhere.parent.mkdir()
        elsewhere.touch()
        with mock.patch("textual.__file__", str(elsewhere)):
            tree_splice.installed_textual.cache_clear()
            assert tree_splice.installed_textual() == expected
        # A folder whose METADATA names another version is read: it is the installed one.
        info = tmp_path / "textual-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: textual\nVersion: 0.1\n\n")
        with mock.patch("textual.__file__", str(elsewhere)):
            tree_splice.installed_textual.cache_clear()
            assert tree_splice.installed_textual() == "0.1"
    finally:
        tree_splice.installed_textual.cache_clear()
