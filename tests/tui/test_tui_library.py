"""A library of several corpora: a picker at start (the corpus opened last offered first), and L
to open another; the choice is kept for the next run."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from textual.pilot import Pilot

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.loading import CorpusPicker
from explorer.tui.settings import read_settings
from explorer.tui.widgets.scenario_tree import ScenarioTree

from .helpers import MINI, main_screen, press

TITLE = "After the harbour closes"  # the mini corpus's title


def library(tmp_path: Path) -> Path:
    """Two copies of the mini corpus, `first` and `second`, the second with its own title."""
    folder = tmp_path / "library"
    for name in ("first", "second"):
        shutil.copytree(MINI, folder / name)
    corpus = folder / "second" / "corpus.yaml"
    text = corpus.read_text(encoding="utf-8")
    corpus.write_text(text.replace(f"title: {TITLE}", "title: The second corpus", 1), "utf-8")
    return folder


async def shown_title(app: ExplorerApp, pilot: Pilot[None]) -> str:
    await asyncio.wait_for(app.live_corpus.loaded.wait(), 30)
    await pilot.pause()
    title = main_screen(app).query_one(ScenarioTree).border_title
    return str(title)


async def test_a_library_offers_a_picker_at_start_and_remembers_the_choice(tmp_path: Path) -> None:
    folder = library(tmp_path)

    app = ExplorerApp(folder, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CorpusPicker)
        assert app.screen.query_one("#corpora").highlighted == 0  # type: ignore[attr-defined]
        await press(pilot, "down", "enter")
        assert await shown_title(app, pilot) == "The second corpus"
    assert Path(read_settings().corpus or "").resolve() == (folder / "second").resolve()
    app = ExplorerApp(folder, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CorpusPicker)
        assert app.screen.query_one("#corpora").highlighted == 1  # type: ignore[attr-defined]
        await press(pilot, "escape")  # the corpus offered first
        assert await shown_title(app, pilot) == "The second corpus"
        await press(pilot, "L")
        assert isinstance(app.screen, CorpusPicker)
        await press(pilot, "up", "enter")
        assert await shown_title(app, pilot) == TITLE
        await press(pilot, "j")
        assert main_screen(app).scenario_tree.cursor_id is not None
    assert Path(read_settings().corpus or "").resolve() == (folder / "first").resolve()


async def test_one_corpus_opens_at_once_and_l_does_nothing() -> None:
    app = ExplorerApp(MINI, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await shown_title(app, pilot) == TITLE
        await press(pilot, "L")
        assert not isinstance(app.screen, CorpusPicker)
