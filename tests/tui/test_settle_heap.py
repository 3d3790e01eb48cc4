"""The heap after a load: the corpus frozen out of the cyclic collector's walks, and what was
frozen before collected on the next load, so repeated reloads leak nothing."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import pytest

from explorer.tui.heap import (
    FULL_COLLECTION_EVERY,
    IDLE_SECONDS,
    LOOK_EVERY,
    OVERDUE,
    IdleCollector,
    settle_heap,
)
from explorer.tui.session import Session

from .helpers import MINI, explore


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


def test_after_a_load_python_starts_no_full_collection_by_itself() -> None:
    settle_heap(first=True)
    assert gc.get_threshold()[2] > 1_000_000


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


class _NoTimers:
    def set_interval(self, *_args: object, **_kwargs: object) -> None:
        pass


def _collector() -> IdleCollector:
    return IdleCollector(_NoTimers())  # type: ignore[arg-type]


def _middle_collections(count: int) -> None:
    for _ in range(count):
        gc.collect(1)  # each counts once toward the next full collection


def test_a_full_collection_waits_for_a_pause_in_the_input() -> None:
    settle_heap(first=True)
    collector = _collector()
    _middle_collections(FULL_COLLECTION_EVERY)
    now = collector.last_input
    assert not collector.due(now + IDLE_SECONDS / 2)  # keys are coming
    assert collector.due(now + IDLE_SECONDS)  # a pause


@pytest.mark.parametrize("last_input", [1234.567, 847433.89, 495435.592])
def test_a_pause_of_exactly_idle_seconds_is_a_pause_whatever_the_clock_reads(
    last_input: float,
) -> None:
    """(t + IDLE_SECONDS) - t comes out below IDLE_SECONDS for some t (float rounding)."""
    settle_heap(first=True)
    collector = _collector()
    _middle_collections(FULL_COLLECTION_EVERY)
    collector.last_input = last_input
    assert collector.due(last_input + IDLE_SECONDS)


def test_a_full_collection_runs_anyway_once_long_overdue() -> None:
    settle_heap(first=True)
    collector = _collector()
    _middle_collections(FULL_COLLECTION_EVERY * OVERDUE)
    assert collector.due(collector.last_input)  # no pause, but garbage must not pile up


def test_before_any_load_python_keeps_its_own_schedule() -> None:
    collector = _collector()
    _middle_collections(FULL_COLLECTION_EVERY * OVERDUE)
    assert not collector.due(collector.last_input + 60)


async def test_the_app_runs_full_collections_when_the_reader_pauses() -> None:
    async with explore() as (app, pilot):
        # The heap is settled after the first frame, before the cache is written.
        await asyncio.wait_for(app.live_corpus.cache_written.wait(), 30)
        collector = app.idle_collector
        before = collector.collections
        collector.input_seen()  # no pause yet
        _middle_collections(FULL_COLLECTION_EVERY)
        await pilot.press("j")  # input: the collection waits ...
        assert collector.collections == before
        async with asyncio.timeout(IDLE_SECONDS + LOOK_EVERY + 10):  # ... until a pause
            while collector.collections == before:
                await asyncio.sleep(0.05)
        assert collector.collections == before + 1
        assert gc.get_count()[2] < FULL_COLLECTION_EVERY


def test_a_load_is_frozen_in_the_loading_thread_before_it_is_shown() -> None:
    """Else the first collections while the main screen is built walk the whole corpus."""
    session = Session(MINI)
    loaded = session.read(settle=False)
    assert loaded is not None and loaded.result.corpus is not None
    trigger = loaded.result.corpus.trigger
    assert not any(o is trigger for o in gc.get_objects())  # out of every generation
