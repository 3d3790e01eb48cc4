"""The heap after a load: the corpus frozen out of the cyclic collector's walks, and what was
frozen before collected on the next load, so repeated reloads leak nothing."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from explorer.tui.live import FULL_COLLECTION_EVERY, settle_heap


class Cell:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector can free it


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    threshold = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_full_collections_come_less_often_after_a_load() -> None:
    settle_heap(first=True)
    assert gc.get_threshold()[2] == FULL_COLLECTION_EVERY > 10


def test_a_load_freezes_what_is_alive() -> None:
    kept = [Cell() for _ in range(100)]
    settle_heap(first=True)
    assert gc.get_freeze_count() >= len(kept)
    assert not any(o is kept[0] for o in gc.get_objects())  # out of every generation


def test_cyclic_garbage_frozen_by_one_load_is_collected_by_the_next() -> None:
    cell = Cell()
    gone = weakref.ref(cell)
    settle_heap(first=True)
    del cell
    gc.collect()
    assert gone() is not None  # frozen: a collection does not see it
    settle_heap(first=False)
    assert gone() is None
