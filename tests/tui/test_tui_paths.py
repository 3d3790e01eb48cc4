"""`e` opens a file that exists, whichever folder the explorer was started in before: the corpus
cached by a start in one folder is served to a start in another, and names files true there."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from explorer.reading import bundled
from explorer.reading.bundled import default_corpus
from tests.shared import copy_corpus

from .helpers import explore, main_screen, press


async def test_e_after_a_start_served_from_a_cache_made_in_another_folder_opens_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.delenv("VISUAL", raising=False)
    corpus = copy_corpus(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    built: list[int] = []  # tree files each start built (not served by the cache)
    ran: list[list[str]] = []

    def runner(argv: Sequence[str]) -> int:
        ran.append(list(argv))
        return 0

    async def start_in(folder: Path, path: Path) -> None:
        monkeypatch.chdir(folder)
        async with explore(path, live=False) as (app, pilot):
            app.live_corpus.run_editor = runner
            await press(pilot, "j", "j")
            assert main_screen(app).scenario_tree.cursor_id == "crews-move"
            await press(pilot, "e")
            # The app writes the cache in a thread, after the frame that shows the corpus.
            await asyncio.wait_for(app.live_corpus.cache_written.wait(), 30)
            built.append(app.live_corpus.session.reuse.trees_built)

    await start_in(tmp_path, Path("corpus"))
    await start_in(elsewhere, corpus)
    assert built == [2, 0], "the second start is served from the cache"
    assert [argv[-2:] for argv in ran] == [["+11", str(corpus / "crews.yaml")]] * 2
    assert Path(ran[1][-1]).is_file()


async def test_e_in_the_installed_bundled_corpus_says_it_is_read_only_and_opens_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "explorer"  # an installation's layout, faked
    corpus = copy_corpus(package / "_bundled" / "scenarios")
    monkeypatch.setattr(bundled, "_PACKAGE", package)
    monkeypatch.setenv("EDITOR", "vi")
    ran: list[list[str]] = []
    notes: list[str] = []

    async with explore(corpus, live=False) as (app, pilot):
        assert app.live_corpus.session.where.endswith("(the bundled copy: read-only)")
        app.live_corpus.run_editor = lambda argv: ran.append(list(argv))
        real = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            notes.append(message)
            real(message, markup=False)

        monkeypatch.setattr(app, "notify", notify)
        await press(pilot, "j", "e")
        assert app.is_running

    assert ran == []
    (note,) = notes
    assert "read-only" in note and "explorer init DIR" in note and "\n" not in note


async def test_without_a_path_e_edits_the_files_of_the_project_the_explorer_runs_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    corpus = copy_corpus(clone / "scenarios")
    (clone / "notes").mkdir()
    monkeypatch.chdir(clone / "notes")
    monkeypatch.setenv("EDITOR", "vi")
    ran: list[list[str]] = []

    async with explore(default_corpus(), live=False) as (app, pilot):  # as `explorer` does
        assert app.live_corpus.session.where == str(corpus)
        app.live_corpus.run_editor = lambda argv: ran.append(list(argv))
        await press(pilot, "j", "j", "e")

    assert ran == [["vi", "+11", str(corpus / "crews.yaml")]]
