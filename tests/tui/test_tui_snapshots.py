"""SVG snapshots of the main screens, from the fixture corpora, at 80x24 and 120x40.

Regenerate with `pytest tests/tui/test_tui_snapshots.py --snapshot-update`, then look at the
SVGs under __snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from explorer.tui.app import ExplorerApp

from .helpers import HOSTILE, MINI

SnapCompare = Callable[..., bool]

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def snap(
    snap_compare: SnapCompare, size: tuple[int, int], keys: Iterable[str] = (), path: Path = MINI
) -> bool:
    return snap_compare(ExplorerApp(path), press=list(keys), terminal_size=size)


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
