"""`load_settled`: load only from files that hold still, and only when they changed."""

from __future__ import annotations

from collections.abc import Callable

from explorer.reading.watch import load_settled


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


def test_settling_waits_for_two_equal_fingerprints_before_loading() -> None:
    load, calls = counting_load()
    waits: list[float] = []
    take = fingerprints("x", "y", "z", "z")
    assert load_settled(load, take, None, interval=0.1, sleep=waits.append) == (1, "z")
    assert waits == [0.1, 0.1, 0.1]  # x≠y, y≠z, z=z
    assert calls == [1]


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
