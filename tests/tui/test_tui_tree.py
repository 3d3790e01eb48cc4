"""The tree: start state, keys, lazy children, labels, mouse, a large corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rich.style import Style
from textual.widgets import Tree

from explorer.analysis import outline
from explorer.tui.widgets.scenario_tree import ScenarioTree

from .helpers import HOSTILE, MINI, explore, label_text, main_screen, press, tree_of

START_SHOWN = [
    "harbour-closed",
    "crews",
    "crews-move",
    "crews-stay",
    "waterfront",
    "tourism-boom",
    "waterfront-idle",
]


async def test_starts_on_the_trigger_with_the_tree_roots_open() -> None:
    async with explore() as (app, _pilot):
        tree = tree_of(app)
        assert tree.cursor_id == "harbour-closed"
        assert tree.shown_ids() == START_SHOWN
        assert app.focused is tree
        assert main_screen(app).selected_id == "harbour-closed"


async def test_children_are_added_only_when_their_branch_opens() -> None:
    async with explore() as (app, pilot):
        tree = tree_of(app)
        assert "boatyards-follow" not in tree.loaded_ids()
        await press(pilot, "j", "j")  # crews-move, closed
        assert tree.cursor_id == "crews-move"
        await press(pilot, "l")
        assert tree.is_expanded("crews-move")
        assert "boatyards-follow" in tree.shown_ids()


async def test_j_k_and_the_arrows_move_the_cursor() -> None:
    async with explore() as (app, pilot):
        tree = tree_of(app)
        await press(pilot, "j")
        assert tree.cursor_id == "crews"
        await press(pilot, "down", "down")
        assert tree.cursor_id == "crews-stay"
        await press(pilot, "k")
        assert tree.cursor_id == "crews-move"
        await press(pilot, "up")
        assert tree.cursor_id == "crews"
        assert main_screen(app).selected_id == "crews"


async def test_h_collapses_then_goes_to_the_parent_and_l_expands_then_goes_to_a_child() -> None:
    async with explore() as (app, pilot):
        tree = tree_of(app)
        await press(pilot, "j")  # crews, open
        await press(pilot, "h")
        assert not tree.is_expanded("crews")
        assert "crews-move" not in tree.shown_ids()
        assert tree.cursor_id == "crews"
        await press(pilot, "h")
        assert tree.cursor_id == "harbour-closed"
        await press(pilot, "j", "l")
        assert tree.is_expanded("crews")
        assert tree.cursor_id == "crews"
        await press(pilot, "l")
        assert tree.cursor_id == "crews-move"
        await press(pilot, "left")  # closed: to the parent
        assert tree.cursor_id == "crews"
        await press(pilot, "right")  # open: to the first child
        assert tree.cursor_id == "crews-move"


async def test_enter_opens_and_closes_a_branch() -> None:
    async with explore() as (app, pilot):
        tree = tree_of(app)
        await press(pilot, "j", "j", "enter")
        assert tree.is_expanded("crews-move")
        assert "boatyards-follow" in tree.shown_ids()
        await press(pilot, "enter")
        assert not tree.is_expanded("crews-move")
        await press(pilot, "enter")
        assert tree.is_expanded("crews-move")


async def test_labels_show_kind_who_argues_opponents_and_citation_count() -> None:
    async with explore() as (app, _pilot):
        assert label_text(app, "crews") == "? Do the fishing crews leave?  AG  (1)"
        assert label_text(app, "crews-move") == "• Crews move north  AG ¬LW  (2)"
        assert label_text(app, "crews-stay") == "• Crews stay and fight  MQ  (1)"


def _style_at(tree: ScenarioTree, node_id: str, needle: str) -> Style:
    label = tree.label_of(node_id)
    return label.get_style_at_offset(tree.app.console, label.plain.index(needle))


async def test_questions_events_people_and_opponents_are_styled_apart() -> None:
    async with explore() as (app, _pilot):
        tree = tree_of(app)
        question = _style_at(tree, "crews", "?")
        event = _style_at(tree, "crews-move", "•")
        assert question.color != event.color
        assert question.bold
        ada = _style_at(tree, "crews-move", "AG")
        ledger = _style_at(tree, "crews-move", "LW")
        assert ada.color is not None and ledger.color is not None
        assert ada.color != ledger.color
        assert ledger.strike and not ada.strike
        # A person keeps their colour from node to node.
        assert _style_at(tree, "tourism-boom", "AG").color == ada.color


async def test_a_click_selects_a_node() -> None:
    async with explore() as (app, pilot):
        tree = tree_of(app)
        # The tree's top border is one row; line 4 is "What becomes of the waterfront?".
        await pilot.click(ScenarioTree, offset=(12, 5))
        await pilot.pause()
        assert tree.cursor_id == "waterfront"
        assert main_screen(app).selected_id == "waterfront"


def _subtree(node_id: str, width: int, depth: int) -> dict[str, object]:
    node: dict[str, object] = {
        "id": node_id,
        "kind": "event",
        "title": f"Node {node_id}",
        "claim": f"Claim of {node_id}.",
    }
    if depth:
        node["children"] = [_subtree(f"{node_id}-{i}", width, depth - 1) for i in range(width)]
    return node


def _write_large_corpus(folder: Path, roots: int, width: int, depth: int) -> int:
    """A corpus of `roots` trees of `width`-ary nodes, `depth` levels below each root, with no
    citations (so only warnings); returns the number of nodes."""
    corpus = {
        "id": "large",
        "title": "Large",
        "seeds": ".",
        "trees": [f"t{r}.yaml" for r in range(roots)],
        "trigger": {"id": "start", "kind": "event", "title": "Start", "claim": "It starts."},
        "people": [],
        "sources": [],
    }
    (folder / "corpus.yaml").write_text(yaml.safe_dump(corpus, sort_keys=False))
    for r in range(roots):
        tree = _subtree(f"r{r}", width, depth)
        (folder / f"t{r}.yaml").write_text(yaml.safe_dump(tree, sort_keys=False))
    return 1 + roots * sum(int(width**level) for level in range(depth + 1))


async def test_a_large_corpus_opens_building_only_what_is_open(tmp_path: Path) -> None:
    """How fast it opens is the benchmark's to measure (bench/); here, what is built."""
    total = _write_large_corpus(tmp_path, roots=3, width=6, depth=4)  # 3 * 1555 + 1 nodes
    assert total > 4000

    async with explore(tmp_path) as (app, pilot):
        tree = tree_of(app)
        assert tree.cursor_id == "start"
        assert len(tree.loaded_ids()) == 1 + 3 + 3 * 6
        tree.go_to("r2-5-5-5-5")
        await pilot.pause()
        assert tree.cursor_id == "r2-5-5-5-5"
        assert len(tree.loaded_ids()) < 100


async def test_many_large_trees_open_with_one_line_per_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_large_corpus(tmp_path, roots=3, width=6, depth=2)  # 3 roots of 6 children each
    monkeypatch.setattr(outline, "OPEN_AT_START", 17)  # 18 first-level lines: too many

    async with explore(tmp_path) as (app, pilot):
        tree = tree_of(app)
        assert tree.shown_ids() == ["start", "r0", "r1", "r2"]
        await press(pilot, "j", "l")
        assert tree.shown_ids()[:3] == ["start", "r0", "r0-0"]


async def test_line_widths_are_the_stock_trees_measure() -> None:
    """Widths come from the cached labels, not a render of every line; they must agree."""

    for corpus in (MINI, HOSTILE):
        async with explore(corpus) as (app, pilot):
            tree = tree_of(app)
            await press(pilot, "o")  # outcome marks change the labels
            for _ in range(2):
                lines = [line.node for line in tree._tree_lines]
                assert len(lines) > 3
                for node in lines:
                    assert tree.get_label_width(node) == Tree.get_label_width(tree, node)
                await press(pilot, "o")
