"""The app under stress: tiny and huge terminals and a storm of resizes. Nothing may raise or
quit the app (markup and escapes: test_tui_stress_markup.py; a seed that goes away:
test_tui_stress_seeds.py).

Textual re-raises an exception of the app when `run_test` ends, so every `explore` block below
fails its test on any crash; `alive` also checks, at each step, that the app still runs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from explorer.tui.screens.main import MainScreen

from .helpers import BROKEN, MINI, UNREADABLE, Size, explore
from .stress_helpers import (
    HOSTILE_ALL,
    alive,
    quick,  # noqa: F401 (the autouse fixture)
    tour,
)

SIZES: list[Size] = [(1, 1), (2, 2), (10, 3), (20, 5), (80, 24), (300, 100)]

# A tour of the main screen's keys: `s` (the trigger has one citation: no picker), `?`, `w`, `m`,
# `a` and `/` open a screen that Escape closes; `p` opens the people list, Escape closes it.
TOUR: list[str] = [
    *("up", "down", "left", "right", "j", "k", "h", "l", "enter", "space"),
    *("p", "escape", "s", "escape", "question_mark", "escape", "w", "escape"),
    *("m", "escape", "o", "a", "escape", "t", "slash", "escape"),
]

# A regression: Textual 8.2.8's OptionList raised ValueError when its content area was narrower
# than its option padding (the people list, the citation picker, the diagnostics panel and the
# search palette at 1-4 columns) until explorer.tcss gave every OptionList a minimum width.

# -- 1. terminal sizes -----------------------------------------------------------------------


def size_id(size: Size) -> str:
    return "x".join(map(str, size))


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_the_main_keys_at_every_terminal_size(size: Size) -> None:
    """The whole tour, the people list included, at every size."""
    keys = list(TOUR)

    async with explore(HOSTILE_ALL, size=size) as (app, pilot):
        assert app.size == size
        assert await tour(app, pilot, keys) == len(keys)
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize(
    ("path", "size", "keys"),
    [
        pytest.param(HOSTILE_ALL, (1, 1), ["p"], id="people-1x1"),
        pytest.param(HOSTILE_ALL, (2, 2), ["p"], id="people-2x2"),
        pytest.param(MINI, (4, 24), ["j", "j", "s"], id="citation-picker-4x24"),
        pytest.param(BROKEN, (2, 2), ["d", "d"], id="diagnostics-2x2"),
        pytest.param(MINI, (4, 24), ["slash"], id="search-palette-4x24"),
    ],
)
async def test_an_option_list_with_no_room_for_its_options(
    path: Path, size: Size, keys: list[str]
) -> None:
    async with explore(path, size=(80, 24)) as (app, pilot):
        await pilot.resize_terminal(*size)
        await tour(app, pilot, [*keys, "down", "escape"])


@pytest.mark.parametrize("path", [BROKEN, UNREADABLE], ids=lambda p: p.name)
async def test_a_corpus_with_diagnostics_at_every_terminal_size(path: Path) -> None:
    """The diagnostics panel on the main screen, and the screen of a corpus that cannot be read,
    largest size first."""
    sizes = list(reversed(SIZES))

    async with explore(path, size=sizes[0]) as (app, pilot):
        for size in sizes:
            await pilot.resize_terminal(*size)
            assert app.size == size
            await tour(app, pilot, ["down", "d", "down", "d", "question_mark"])


# -- 2. a storm of resizes -------------------------------------------------------------------

STORM_KEYS = [
    *("down", "l", "j", "enter", "1", "j", "escape", "w", "down", "enter", "escape"),
    *("k", "m", "right", "escape", "a", "down", "escape", "question_mark", "escape"),
    *("o", "t", "space", "h", "up", "2", "n", "escape"),
]


def storm_sizes(count: int, seed: int = 20240601) -> list[Size]:
    """The extremes first, then random sizes: half of them tiny (up to 20×8), half any size."""
    rng = random.Random(seed)
    sizes: list[Size] = [(1, 1), (300, 100), (1, 100), (300, 1), (2, 2), (80, 24)]
    while len(sizes) < count:
        if rng.random() < 0.5:
            sizes.append((rng.randint(1, 20), rng.randint(1, 8)))
        else:
            sizes.append((rng.randint(1, 300), rng.randint(1, 100)))
    return sizes


@pytest.mark.slow
async def test_a_storm_of_resizes_between_keys() -> None:
    """60 sizes from 1×1 to 300×100, a key between them, on the screens that are not option
    lists (those have a test of their own at the narrowest sizes). Citations are opened with
    number keys, never through the picker."""
    sizes = storm_sizes(60)
    keys = iter(STORM_KEYS * 3)

    async with explore(HOSTILE_ALL, size=(80, 24)) as (app, pilot):
        resized = pressed = 0
        for size in sizes:
            await pilot.resize_terminal(*size)
            alive(app)
            assert app.size == size
            resized += 1
            pressed += await tour(app, pilot, [next(keys)])
        assert (resized, pressed) == (60, 60)
        while not isinstance(app.screen, MainScreen):
            await pilot.press("escape")
        alive(app)
