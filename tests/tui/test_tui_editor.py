"""The editor from a running explorer: `e` opens it at the node's line and the tree reloads
after, Enter on a diagnostic opens it at its file and line, and without an editor or a terminal
to hand over a note says so.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from explorer.tui.app import ExplorerApp
from tests.shared import copy_corpus

from .corpus_copy import environment_without_editor, fake_editor, reloads_done, replace, snapshot
from .helpers import explore, label_text, main_screen, press, tree_of
from .test_tui_reload import BROKEN_TITLE, panel_of


def crews_of(corpus: Path) -> Path:
    return corpus / "crews.yaml"


class Notes:
    """Records the app's notifications."""

    def __init__(self, app: ExplorerApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[str] = []
        real = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            self.messages.append(message)
            real(message, markup=False)

        monkeypatch.setattr(app, "notify", notify)


async def test_e_opens_the_editor_at_the_node_line_and_the_tree_reloads_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)
    editor = fake_editor(tmp_path)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    ran: list[list[str]] = []

    def runner(argv: Sequence[str]) -> int:
        ran.append(list(argv))
        return subprocess.run(list(argv), check=True).returncode

    async with explore(corpus, live=False) as (app, pilot):
        app.live_corpus.run_editor = runner
        await press(pilot, "j", "j")
        where = main_screen(app).index.nodes["crews-move"].location
        assert Path(where.file) == corpus / "crews.yaml" and where.line == 11
        await press(pilot, "e")
        await reloads_done(app, pilot)
        assert ran == [[str(editor), "+11", where.file]]
        assert (tmp_path / "bin" / "argv.txt").read_text().split() == ["+11", where.file]
        assert "Edited in the editor" in label_text(app, "crews-move")
        assert tree_of(app).cursor_id == "crews-move"


async def test_enter_on_a_diagnostic_opens_the_editor_at_its_file_and_line(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    ran: list[list[str]] = []

    def runner(argv: Sequence[str]) -> int:
        ran.append(list(argv))
        return 0

    async with explore(corpus, live=False) as (app, pilot):
        app.live_corpus.run_editor = runner
        replace(crews_of(corpus), "    title: Crews move north\n", BROKEN_TITLE)
        await app.live_corpus.reload(settle=False)
        assert panel_of(app).display and tree_of(app).has_focus
        await press(pilot, "d")  # go to the panel the broken load opened
        panel = panel_of(app)
        assert panel.display and panel.has_focus
        await press(pilot, "enter")
        first = panel.shown[0]
        assert (first.code, first.line) == ("E005", 14)
        assert ran == [[*ran[0][:-2], "+14", first.file]]
        assert Path(first.file) == corpus / "crews.yaml"
        await reloads_done(app, pilot)  # nothing changed: nothing is read again


async def test_without_an_editor_or_a_terminal_to_hand_over_a_note_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path)
    before = snapshot(corpus)

    async with explore(corpus, live=False) as (app, pilot):
        notes = Notes(app, monkeypatch)
        with monkeypatch.context() as patch:
            environment_without_editor(patch, tmp_path)
            await press(pilot, "e")
        assert any("no editor" in note for note in notes.messages), notes.messages
        # The real runner suspends the app, which a headless run cannot do.
        monkeypatch.setenv("EDITOR", "true")
        await press(pilot, "e")
        assert any("cannot be handed to an editor" in n for n in notes.messages)
        assert app.is_running

    assert snapshot(corpus) == before
