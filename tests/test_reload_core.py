"""`load_settled`: load only from files that hold still, and only when they changed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from explorer.reading.watch import CHANGE_TIME_SLACK, held_still_for, load_settled
from explorer.tui.session import Session
from tests.shared import copy_corpus


def fingerprints(*values: str) -> Callable[[], str]:
    """A `take` that returns these fingerprints in turn, then the last one for ever."""
    seen = list(values)

    def take() -> str:
        return seen.pop(0) if len(seen) > 1 else seen[0]

    return take


def counting_load() -> tuple[Callable[[], int], list[int]]:
    calls: list[int] = []

    def load() -> int:
        calls.append(len(calls) + 1)
        return len(calls)

    return load, calls


def no_sleep(_seconds: float) -> None:
    pass


def test_unchanged_files_are_not_loaded_again() -> None:
    load, calls = counting_load()
    assert load_settled(load, fingerprints("a"), "a", sleep=no_sleep) is None
    assert calls == []


def test_changed_files_are_loaded_once_when_they_hold_still() -> None:
    load, calls = counting_load()
    assert load_settled(load, fingerprints("b"), "a", sleep=no_sleep) == (1, "b")
    assert calls == [1]


class FakeClock:
    """Time that moves only when the code sleeps (each sleep noted in `waits`) or a load says it
    took time (`pass_time`)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 6))
        self.now += seconds

    def pass_time(self, seconds: float) -> None:
        self.now += seconds


def test_settling_reads_between_two_equal_fingerprints_at_least_the_interval_apart() -> None:
    clock = FakeClock()
    waits, sleep = clock.waits, clock.sleep

    def load_taking(seconds: float) -> Callable[[], int]:
        def load() -> int:
            clock.pass_time(seconds)
            return 1

        return load

    take = fingerprints("a")
    quick = load_settled(load_taking(0.04), take, None, interval=0.1, sleep=sleep, clock=clock)
    assert quick == (1, "a") and waits == [0.06]  # the check waits out the rest of the interval
    waits.clear()
    slow = load_settled(load_taking(0.3), take, None, interval=0.1, sleep=sleep, clock=clock)
    assert slow == (1, "a") and waits == []  # the load itself took longer than the interval


def test_files_changing_while_read_are_read_again_once_they_hold_still() -> None:
    load, calls = counting_load()
    clock = FakeClock()
    waits, sleep = clock.waits, clock.sleep
    # Before the first load x, after it y (a writer at work), then z twice (held still): loaded
    # again, and that load bracketed by z and z.
    take = fingerprints("x", "y", "z", "z", "z")
    assert load_settled(load, take, None, interval=0.1, sleep=sleep, clock=clock) == (2, "z")
    assert calls == [1, 2]
    assert waits == [0.1, 0.1, 0.1]  # after the first load, until z held still, after the second


def test_without_settling_the_first_fingerprint_is_taken_as_it_is() -> None:
    load, _calls = counting_load()
    waits: list[float] = []
    assert load_settled(load, fingerprints("a"), None, settle=False, sleep=waits.append) == (
        1,
        "a",
    )
    assert waits == []


def test_a_save_during_the_load_means_another_load() -> None:
    load, calls = counting_load()
    # before the load: a; after it: b (a save landed); settles at b; after the second load: b.
    take = fingerprints("a", "b", "b", "b", "b")
    assert load_settled(load, take, None, settle=False, sleep=no_sleep) == (2, "b")
    assert calls == [1, 2]


def test_files_that_never_hold_still_give_up_with_the_fingerprint_before_the_last_load() -> None:
    load, calls = counting_load()
    counter = iter(range(1000))

    def restless() -> str:
        return str(next(counter))

    result = load_settled(
        load, restless, None, settle=False, attempts=3, timeout=0.3, sleep=no_sleep
    )
    assert result is not None
    value, fingerprint = result
    assert value == 3 and calls == [1, 2, 3]
    # The fingerprint returned is not that of the files now, so a later check loads again.
    assert fingerprint != restless()


def test_time_the_files_already_held_still_counts_towards_the_interval() -> None:
    clock = FakeClock()
    waits, sleep = clock.waits, clock.sleep

    def load() -> int:
        clock.pass_time(0.02)
        return 1

    def load_held(held: float) -> tuple[int, str] | None:
        return load_settled(
            load, fingerprints("a"), None, interval=0.1, sleep=sleep, clock=clock, held=lambda: held
        )

    assert load_held(0.05) == (1, "a") and waits == [0.03]  # 0.05 before, 0.02 reading
    waits.clear()
    assert load_held(0.5) == (1, "a") and waits == []  # still long before the change was seen
    waits.clear()
    assert load_held(-3.0) == (1, "a") and waits == [0.08]  # a time in the future counts as 0


class _Status:
    def __init__(self, ctime_ns: int) -> None:
        self.st_ctime_ns = ctime_ns


class _Dated:
    """A path whose status says it changed at `ctime_ns` (or that cannot be looked at)."""

    def __init__(self, ctime_ns: int | None) -> None:
        self.ctime_ns = ctime_ns

    def stat(self) -> _Status:
        if self.ctime_ns is None:
            raise FileNotFoundError
        return _Status(self.ctime_ns)


def held(*ctimes: int | None, now: int) -> float:
    return held_still_for([cast(Path, _Dated(ctime)) for ctime in ctimes], now=lambda: now)


def test_files_held_still_since_the_newest_change_less_the_clock_slack() -> None:
    second = 1_000_000_000
    newest = 100 * second + 500_000_000
    assert held(newest - second, newest, None, now=newest + 2 * second) == pytest.approx(
        2 - CHANGE_TIME_SLACK
    )
    assert held(newest, now=newest - second) == 0.0  # changed "in the future": another clock
    assert held(None, now=newest) == 0.0  # nothing to date the files by
    # Times in whole seconds: a file system that keeps no fractions, where a change half a
    # second ago would look up to a second older. Not trusted.
    assert held(newest, 99 * second, now=newest + 5 * second) == 0.0


def test_a_file_just_written_has_held_still_for_less_than_a_second(tmp_path: Path) -> None:
    written = tmp_path / "tree.yaml"
    written.write_text("id: x\n", "utf-8")
    assert 0.0 <= held_still_for([written, tmp_path]) < 1.0


def test_a_file_written_in_two_steps_is_read_once_it_holds_still(tmp_path: Path) -> None:
    """Real files and clocks: the first step is saved, a reload starts at once (as the watcher
    would start one) and the second step lands while it reads. What the reload keeps is the
    second step: the files had not held still for the interval before its second fingerprint."""
    corpus = copy_corpus(tmp_path)
    tree = corpus / "crews.yaml"
    text = tree.read_text("utf-8")
    session = Session(corpus)
    first = session.read(settle=False)
    assert first is not None
    session.accept(first)
    session.settle_interval = 1.0  # wide, so that a busy machine's pauses cannot decide it
    tree.write_text(text.replace("title: Crews move north", "title: Half"), "utf-8")
    second = threading.Timer(
        0.1,
        lambda: tree.write_text(text.replace("title: Crews move north", "title: Whole"), "utf-8"),
    )
    second.start()
    try:
        loaded = session.read(settle=True)
    finally:
        second.join()
    assert loaded is not None and loaded.result.corpus is not None
    titles = [node.title for node in loaded.result.corpus.nodes()]
    assert "Whole" in titles and "Half" not in titles
