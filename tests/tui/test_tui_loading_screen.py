"""The first load under a running explorer: a loading screen that answers keys until the corpus
is read, and `q` quits while it is still loading.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import LoadingIndicator, Static

from explorer.reading.load import LoadResult, load_corpus
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.help import HelpScreen
from explorer.tui.screens.loading import LoadingScreen
from explorer.tui.screens.main import MainScreen

from .helpers import MINI, loaded, plain, press, tree_of


def app_with_a_gated_load() -> tuple[ExplorerApp, threading.Event]:
    """An app whose first load waits until the returned event is set (ten seconds at most)."""
    app = ExplorerApp(MINI, live=False)
    gate = threading.Event()

    def slow_load(path: Path) -> LoadResult:
        gate.wait(10)
        return load_corpus(path)

    app.live_corpus.session.load = slow_load
    return app, gate


async def test_the_first_screen_shows_the_loading_indicator_and_answers_keys() -> None:
    app, gate = app_with_a_gated_load()

    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LoadingScreen)
            assert app.screen.query_one(LoadingIndicator).display
            message = plain(app.screen.query_one("#loading-message", Static).content)
            assert message.startswith("Reading the corpus at ") and "mini" in message
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            assert not app.live_corpus.loaded.is_set()
            gate.set()
            await loaded(pilot)
            assert isinstance(app.screen, MainScreen)
            assert tree_of(app).cursor_id == "harbour-closed"
            assert not app.screen_stack[0].query(LoadingIndicator)
    finally:
        gate.set()


async def test_q_quits_while_the_corpus_is_still_loading() -> None:
    app, gate = app_with_a_gated_load()

    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LoadingScreen)
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
    finally:
        gate.set()

    assert app.return_code == 0


async def test_once_the_load_counts_its_files_the_indicator_gives_way_to_the_count() -> None:
    """The count moves on its own; the indicator's frames would take turns with the load."""
    app, gate = app_with_a_gated_load()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LoadingScreen) and screen.query(LoadingIndicator)
            height = screen.query_one(LoadingIndicator).region.height
            screen.show_progress(1, 40, 1000)
            await pilot.pause()
            assert not screen.query(LoadingIndicator)
            assert screen.query_one(".loading-still").region.height == height  # its place kept
            await press(pilot, "question_mark", "escape")  # another screen over it, and back
            assert app.screen is screen and not screen.query(LoadingIndicator)
    finally:
        gate.set()
