"""The app under stress: a seed deleted, or made a folder, a named pipe, unreadable or not UTF-8,
while the app runs. Nothing may raise, block or quit the app.

Textual re-raises an exception of the app when `run_test` ends, so every `explore` block below
fails its test on any crash; `alive` also checks, at each step, that the app still runs.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest

from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.source import SourceHeader, SourceScreen
from explorer.tui.widgets.diagnostics import DiagnosticsPanel
from explorer.tui.widgets.seed_view import SeedView

from .helpers import MINI, explore, main_screen, plain
from .stress_helpers import (
    alive,
    copy_fixture,
    quick,  # noqa: F401 (the autouse fixture)
    tour,
)

# -- 4. a seed that goes away while the app runs ---------------------------------------------


def _break_seed(seed: Path, how: str) -> None:
    if how == "deleted":
        seed.unlink()
    elif how == "directory":
        seed.unlink()
        seed.mkdir()
    elif how == "not utf-8":
        seed.write_bytes(b"The council\xff\xfe decision \xc3\x28\n")
    elif how == "mode 000":
        seed.chmod(0)
        try:
            seed.read_bytes()
        except PermissionError:
            return
        seed.chmod(0o644)
        pytest.skip("root reads a file of mode 000; 'directory' and 'not utf-8' stand in")
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["deleted", "directory", "not utf-8", "mode 000"])
async def test_a_seed_broken_while_the_app_runs_then_opened(how: str, tmp_path: Path) -> None:
    corpus = copy_fixture(MINI, tmp_path)
    seed = corpus / "seeds" / "harbour.txt"
    held = seed.read_text(encoding="utf-8")
    try:
        async with explore(corpus, size=(100, 30)) as (app, pilot):
            _break_seed(seed, how)
            if app.live_corpus.watch:  # the app reads the corpus again when it changes
                panel = main_screen(app).query_one(DiagnosticsPanel)
                for _ in range(100):
                    await pilot.pause(0.1)
                    if "harbour.txt" in panel.plain:
                        break
                assert "E012" in panel.plain and "harbour.txt" in panel.plain
            alive(app)
            await pilot.press("s")  # the trigger's citation, in harbour.txt
            alive(app)
            assert isinstance(app.screen, SourceScreen)
            header = plain(app.screen.query_one(SourceHeader).content)
            views = app.screen.query(SeedView)
            if views:  # the text read at load time
                assert views.first().seed.text == held
                assert "(line 3, highlighted)" in header
            else:
                assert "The seed 'harbour.txt' could not be read." in header
            await tour(app, pilot, ["down", "escape", "j", "s", "escape"])
            assert isinstance(app.screen, MainScreen)
    finally:
        if seed.exists():
            seed.chmod(0o755 if seed.is_dir() else 0o644)


@pytest.mark.slow
async def test_a_seed_replaced_by_a_named_pipe_while_the_app_runs(tmp_path: Path) -> None:
    """A reload must not read the pipe (it would block for ever, and the process could not exit):
    the diagnostic comes as for a missing seed. If it does block, `unblock` frees the thread."""
    corpus = copy_fixture(MINI, tmp_path)
    seed = corpus / "seeds" / "harbour.txt"
    stop = threading.Event()

    def unblock() -> None:
        """Open the pipe for writing and close it, again and again: a thread of the app blocked
        opening or reading it gets an end of file, so none stays stuck after the test."""
        while not stop.is_set():
            with contextlib.suppress(OSError):
                os.close(os.open(seed, os.O_WRONLY | os.O_NONBLOCK))
            stop.wait(0.01)

    try:
        async with explore(corpus, size=(100, 30)) as (app, pilot):
            if not app.live_corpus.watch:
                pytest.skip("the app does not read the corpus again when it changes")
            seed.unlink()
            os.mkfifo(seed)
            try:
                panel = main_screen(app).query_one(DiagnosticsPanel)
                for _ in range(30):
                    await pilot.pause(0.1)
                    if "harbour.txt" in panel.plain:
                        break
                assert "E012" in panel.plain and "harbour.txt" in panel.plain, "no reload"
                await pilot.press("s")
                alive(app)
                assert isinstance(app.screen, SourceScreen)
            finally:
                threading.Thread(target=unblock, daemon=True).start()
    finally:
        stop.set()
