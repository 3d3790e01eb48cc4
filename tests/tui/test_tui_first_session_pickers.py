"""The library picker answers its own digits and shows the corpora's titles; pickers show their
own keys in the footer; the bundled read-only corpus says so on the main screen and dims `e`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Footer, OptionList

from explorer.reading import bundled
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.cite import CiteDialog
from explorer.tui.screens.loading import CorpusPicker
from explorer.tui.widgets.corpus_heading import READ_ONLY_NOTE
from tests.shared import copy_corpus

from .helpers import explore, main_screen, plain, press
from .test_tui_library import library

MINI_TITLE = "After the harbour closes"


def footer_keys(app: ExplorerApp) -> list[str]:
    """What the footer of the screen on top shows: its key and its description."""
    app.screen.query_one(Footer)
    return [
        f"{active.binding.key_display or active.binding.key} {active.binding.description}"
        for active in app.screen.active_bindings.values()
        if active.binding.show
    ]


async def test_the_library_picker_opens_a_corpus_by_its_digit(tmp_path: Path) -> None:
    app = ExplorerApp(library(tmp_path), live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CorpusPicker)
        await press(pilot, "2")
        await asyncio.wait_for(app.live_corpus.loaded.wait(), 30)
        await pilot.pause()
        assert "The second corpus" in plain(main_screen(app).scenario_tree.border_title)


async def test_the_library_picker_shows_titles_and_its_own_keys(tmp_path: Path) -> None:
    app = ExplorerApp(library(tmp_path), live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CorpusPicker)
        choices = app.screen.query_one(OptionList)
        entries = [plain(choices.get_option_at_index(i).prompt) for i in range(2)]
        assert entries[0].startswith(f"1 {MINI_TITLE}") and entries[0].endswith("first")
        assert entries[1].startswith("2 The second corpus") and entries[1].endswith("second")
        keys = footer_keys(app)
        assert "1–9 Choose by number" in keys and "escape Cancel" in keys
        assert not any("Search" in key or "Quit" in key for key in keys)
        await press(pilot, "3")  # no third corpus: the picker stays
        assert isinstance(app.screen, CorpusPicker)


async def test_a_corpus_the_picker_cannot_read_shows_its_folder(tmp_path: Path) -> None:
    folder = library(tmp_path)
    (folder / "second" / "corpus.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    app = ExplorerApp(folder, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        entry = plain(app.screen.query_one(OptionList).get_option_at_index(1).prompt)
        assert entry.startswith("2 ") and entry.endswith("library/second")


async def test_the_bundled_read_only_corpus_says_so_and_dims_e(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "explorer"  # an installation's layout, faked
    corpus = copy_corpus(package / "_bundled" / "scenarios")
    monkeypatch.setattr(bundled, "_PACKAGE", package)
    notes: list[str] = []
    async with explore(corpus, live=False) as (app, pilot):
        screen = main_screen(app)
        assert READ_ONLY_NOTE in plain(screen.scenario_tree.border_title)
        edit = screen.active_bindings["e"]
        assert edit.binding.description == "Edit" and not edit.enabled  # drawn dimmed
        app.live_corpus.run_editor = lambda argv: notes.append("ran the editor")
        real = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            notes.append(message)
            real(message, markup=False)

        monkeypatch.setattr(app, "notify", notify)
        await press(pilot, "e")
        assert len(notes) == 1 and "read-only" in notes[0]


async def test_a_corpus_of_ones_own_is_not_called_read_only(tmp_path: Path) -> None:
    async with explore(copy_corpus(tmp_path), live=False) as (app, _pilot):
        screen = main_screen(app)
        assert plain(screen.scenario_tree.border_title) == MINI_TITLE
        assert screen.active_bindings["e"].enabled


async def test_the_cite_dialog_shows_its_own_keys(tmp_path: Path) -> None:
    async with explore(copy_corpus(tmp_path), live=False) as (app, pilot):
        await press(pilot, "j", "j", "1", "right_square_bracket", "c")
        assert isinstance(app.screen, CiteDialog)
        keys = footer_keys(app)
        assert "escape Cancel" in keys
        # The dialog's own Cite (ctrl+s) is shown; the source view's `c Cite` and `] Next quote`
        # underneath are not.
        assert any(key.endswith(" Cite") and not key.startswith("c ") for key in keys)
        assert not any("Next quote" in key or key == "c Cite" for key in keys)


async def test_the_help_shows_its_own_keys() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "question_mark")
        keys = footer_keys(app)
        assert "escape Close the help" in keys
        assert not any("People" in key or "Search" in key for key in keys)
