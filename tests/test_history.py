"""The navigation history: back and forward over jumps, as in a browser."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.tui.history import LIMIT, History

PLACES = st.sampled_from([f"n{i}" for i in range(8)])
JUMPS = st.lists(PLACES, min_size=1, max_size=30)


def walk(jumps: list[str]) -> tuple[History, list[str]]:
    """Jump through the places in turn, from the first; returns the history and where it went."""
    history, here, been = History(), jumps[0], [jumps[0]]
    for place in jumps[1:]:
        history = history.jumped(here, place)
        if place != here:
            been.append(place)
        here = place
    return history, been


@given(JUMPS)
def test_back_retraces_the_jumps_and_forward_replays_them(jumps: list[str]) -> None:
    history, been = walk(jumps)
    known = set(jumps)
    here = been[-1]
    retraced = [here]
    while True:
        history, place = history.go_back(here, known)
        if place is None:
            break
        here = place
        retraced.append(place)
    assert retraced == list(reversed(been))[: len(retraced)]
    assert len(retraced) == len(been)
    replayed = [here]
    while True:
        history, place = history.go_forward(here, known)
        if place is None:
            break
        here = place
        replayed.append(place)
    assert replayed == been


@given(JUMPS, PLACES)
def test_a_jump_after_going_back_forgets_the_way_forward(jumps: list[str], to: str) -> None:
    history, been = walk(jumps)
    history, place = history.go_back(been[-1], set(jumps))
    here = place if place is not None else been[-1]
    history = history.jumped(here, to)
    if to != here:
        assert history.forward == () and history.back[-1] == here


@given(JUMPS, st.sets(PLACES))
def test_places_no_longer_known_are_passed_over(jumps: list[str], gone: set[str]) -> None:
    history, been = walk(jumps)
    known = set(jumps) - gone
    here = been[-1]
    while True:
        history, place = history.go_back(here, known)
        if place is None:
            break
        assert place in known and place != here
        here = place


def test_the_history_keeps_at_most_its_limit() -> None:
    history = History()
    for number in range(LIMIT * 2):
        history = history.jumped(f"n{number}", f"n{number + 1}")
    assert len(history.back) == LIMIT and history.back[-1] == f"n{LIMIT * 2 - 1}"
