"""The explorer as `explorer serve` runs it for a browser tab (`served=True`): it only reads.
`e`, citing and the settings refuse or stay in the tab; the corpus's files keep their bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.source import SourceScreen
from explorer.tui.serve_command import SERVED_READ_ONLY
from explorer.tui.settings import settings_file
from tests.shared import copy_corpus

from .helpers import loaded, press


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _noting(app: ExplorerApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app tells the reader, one message a note (screens notify through the app)."""
    notes: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        notes.append(message)
        real(message, markup=False)

    monkeypatch.setattr(app, "notify", notify)
    return notes


async def test_served_e_refuses_with_a_sentence_and_runs_no_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)  # a corpus of one's own: writable, were it not served
    before = _files(tmp_path)
    monkeypatch.setenv("EDITOR", "vi")
    ran: list[list[str]] = []
    app = ExplorerApp(corpus, live=False, served=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        app.live_corpus.run_editor = lambda argv: ran.append(list(argv))
        notes = _noting(app, monkeypatch)
        await press(pilot, "j", "j", "e")
        assert app.is_running
    assert ran == []
    assert notes == [SERVED_READ_ONLY]
    assert _files(tmp_path) == before


async def test_served_cite_refuses_before_its_dialog_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)
    before = _files(tmp_path)
    app = ExplorerApp(corpus, live=False, served=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        notes = _noting(app, monkeypatch)
        await press(pilot, "j", "j", "1")  # a node's first citation, in its source
        assert isinstance(app.screen, SourceScreen)
        await press(pilot, "right_square_bracket", "c")  # a sentence selected, then cite
        assert isinstance(app.screen, SourceScreen), "no citing dialog opens"
    assert notes == [SERVED_READ_ONLY]
    assert _files(tmp_path) == before


async def test_served_theme_changes_the_tab_only_and_writes_no_settings(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    app = ExplorerApp(corpus, live=False, served=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        theme = app.theme
        await press(pilot, "t")
        assert app.theme != theme
    assert not settings_file().exists()


async def test_not_served_the_same_keys_still_write_settings(tmp_path: Path) -> None:
    """The served rule is the flag's, not every explorer's: the same key keeps the theme."""
    corpus = copy_corpus(tmp_path)
    app = ExplorerApp(corpus, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await press(pilot, "t")
    assert settings_file().exists()
