"""SVG snapshots of the main screens, from the fixture corpora, at 80x24 and 120x40.

Regenerate with `pytest tests/tui/test_tui_snapshots.py --snapshot-update`, then look at the
SVGs under __snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from explorer.tui.app import ExplorerApp

from .helpers import HOSTILE, MINI, OUTCOMES, loaded

SnapCompare = Callable[..., bool]

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def snap(
    snap_compare: SnapCompare, size: tuple[int, int], keys: Iterable[str] = (), path: Path = MINI
) -> bool:
    return snap_compare(ExplorerApp(path), press=list(keys), terminal_size=size, run_before=loaded)


@SIZES
def test_main_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The tree with the trigger and tree roots open, the cursor on the trigger, its details."""
    assert snap(snap_compare, size)


@SIZES
def test_person_filter(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Ada Gale chosen: her nodes marked ●/✗, the rest dimmed, the legend, the people list."""
    assert snap(snap_compare, size, ["p", "enter"])


@SIZES
def test_comparison(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Ada Gale (A) against Ledger Weekly (B): A, B, = and ≠ marks and their legend."""
    assert snap(snap_compare, size, ["p", "enter", "down", "down", "enter"])


@SIZES
def test_source_view(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The Ledger's seed with the quote of the second citation of 'Crews move north' lit."""
    assert snap(snap_compare, size, ["j", "j", "2"])


@SIZES
def test_help(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The help screen, read from the bindings."""
    assert snap(snap_compare, size, ["question_mark"])


def test_light_theme_with_a_branch_open(snap_compare: SnapCompare) -> None:
    """The light theme; 'Crews move north' opened, its lazily added child shown and selected."""
    assert snap(snap_compare, (120, 40), ["t", "j", "j", "l", "l"])


def test_hostile_markup_is_literal(snap_compare: SnapCompare) -> None:
    """Titles, names, claims full of markup are drawn as written."""
    assert snap(snap_compare, (120, 40), ["j", "j"], path=HOSTILE)


NARROW = (80, 24)


def test_walk_mid_way(snap_compare: SnapCompare) -> None:
    """A walk at 'Crews move north': the path, the step, its consequence with who argued it,
    and the likelihood table (Ledger Weekly's doubt marked ✗)."""
    assert snap(snap_compare, NARROW, ["w", "1", "enter"])


def test_walk_summary(snap_compare: SnapCompare) -> None:
    """A walk from 'Crews move north' (W) to its leaf: the summary, step by step."""
    assert snap(snap_compare, NARROW, ["j", "j", "W", "1"])


def test_compare_matrix(snap_compare: SnapCompare) -> None:
    """Questions × people; cells coloured by stance, 'against:' for doubts."""
    assert snap(snap_compare, NARROW, ["m"])


@SIZES
def test_hindsight_overlay(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Outcome marks on every node and in the legend; 'A tourism boom' selected, whose details
    end with its outcome and a reference's summary, labelled as not verified (at 120x40)."""
    assert snap(snap_compare, size, ["o", "j", "j", "j", "j", "j"], path=OUTCOMES)


def test_scorecard(snap_compare: SnapCompare) -> None:
    """Per person: forecasts, counts, held up, the Brier score derived from hedge words."""
    assert snap(snap_compare, NARROW, ["a"], path=OUTCOMES)


@SIZES
def test_cite_dialog(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The source of 'Crews move north', its quote's sentence selected with ], then c: the
    dialog set to cite it to a new child, whose title and claim rows then show; it fits 80x24."""
    keys = ["j", "j", "1", "right_square_bracket", "c", "enter", "down", "enter"]
    assert snap(snap_compare, size, keys)
