"""A large corpus whose files are as the last run left them opens on its outline (the tree's
first levels, from the warm-start cache) while the whole corpus is read; the load then fills it
in as a reload would. The mini corpus stands in for a large one (`OUTLINE_FROM` lowered), and
the load is held back until the test lets it go."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.analysis import outline as outlines
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.failed import LoadFailedScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.walk import WalkScreen
from explorer.tui.session import Session
from explorer.tui.widgets.scenario_tree import BRANCH_WAITS
from tests.shared import shown_once

from .helpers import MINI, loaded, press


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(outlines, "OUTLINE_FROM", 1)
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The app's load of the whole corpus (in its loading thread) waits until the event is set;
    the earlier run's, in the test's own thread, does not."""
    gate = threading.Event()
    read = Session._load_once

    def held_back(self: Session) -> object:
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(30), "the test never let the load go"
        return read(self)

    monkeypatch.setattr(Session, "_load_once", held_back)
    yield gate
    gate.set()


def messages(app: ExplorerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def main_screen_shown(app: ExplorerApp) -> MainScreen:
    """The main screen, once shown (on the outline, while the load is held back)."""
    for _ in range(300):
        if isinstance(app.screen, MainScreen):
            break
        await asyncio.sleep(0.01)
    screen = app.screen
    assert isinstance(screen, MainScreen), "no outline was shown"
    return screen


@asynccontextmanager
async def opened(folder: Path) -> AsyncIterator[tuple[ExplorerApp, Pilot[None], MainScreen]]:
    """The explorer started on `folder`, once its main screen is shown (the outline)."""
    app = ExplorerApp(folder, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await main_screen_shown(app)
        await pilot.pause()
        yield app, pilot, screen


def lines(screen: MainScreen) -> list[tuple[str, str]]:
    tree = screen.scenario_tree
    return [(node_id, tree.label_of(node_id).plain) for node_id in tree.shown_ids()]


async def test_the_outline_is_the_first_screen_and_the_load_fills_it_in(
    corpus: Path, held: threading.Event
) -> None:
    shown_once(corpus)
    async with opened(corpus) as (app, pilot, screen):
        assert screen.reading and not app.live_corpus.loaded.is_set()
        total = screen.index.node_total
        heading = screen.scenario_tree.border_title
        assert heading is not None and f"reading {total:,} nodes…" in str(heading)
        outline_lines = lines(screen)
        assert len(outline_lines) > 3  # the trigger, the tree files and their first levels
        for key in ("w", "d", "slash", "ctrl+p", "p"):
            await press(pilot, key)
            assert messages(app)[-1].startswith("Still reading the whole corpus")
        assert isinstance(app.screen, MainScreen)  # nothing opened
        assert not any("No problems" in said for said in messages(app))  # not yet checked
        await press(pilot, "down")
        cursor = screen.scenario_tree.cursor_id

        held.set()
        await loaded(pilot)
        assert not screen.reading and app.screen is screen
        assert "reading" not in str(screen.scenario_tree.border_title)
        assert lines(screen) == outline_lines  # the outline was the corpus's first screen
        assert screen.scenario_tree.cursor_id == cursor  # the reader's place is kept
        await press(pilot, "w")
        assert isinstance(app.screen, WalkScreen)


async def test_a_branch_opened_in_the_outline_opens_once_the_corpus_is_read(
    corpus: Path, held: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outlines, "OPEN_AT_START", 0)  # one line per tree file at start
    shown_once(corpus)
    async with opened(corpus) as (app, pilot, screen):
        tree = screen.scenario_tree
        await press(pilot, "down")
        root = tree.cursor_id
        assert root is not None and screen.index.children_unread(root)
        assert not screen.index.nodes[root].children
        await press(pilot, "l")
        assert messages(app)[-1] == BRANCH_WAITS
        assert tree.is_expanded(root)

        held.set()
        await loaded(pilot)
        assert tree.is_expanded(root) and tree.cursor_id == root
        children = [child.id for child in screen.index.nodes[root].children]
        assert children and set(children) <= set(tree.shown_ids())


async def test_when_the_corpus_can_no_longer_be_read_the_outline_gives_way_to_why(
    corpus: Path, held: threading.Event
) -> None:
    shown_once(corpus)
    async with opened(corpus) as (app, pilot, screen):
        assert screen.reading
        (corpus / "corpus.yaml").unlink()  # between the outline and the load
        held.set()
        await loaded(pilot)
        assert isinstance(app.screen, LoadFailedScreen)
        assert not any(isinstance(s, MainScreen) for s in app.screen_stack)


async def test_without_an_outline_the_main_screen_waits_for_the_load(
    corpus: Path, held: threading.Event
) -> None:
    shown_once(corpus)
    (corpus / "seeds" / "ledger.txt").write_text("Rewritten entirely.")  # not as it was left
    app = ExplorerApp(corpus, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await asyncio.sleep(0.3)
        assert not any(isinstance(s, MainScreen) for s in app.screen_stack)
        held.set()
        await loaded(pilot)
        assert isinstance(app.screen, MainScreen) and not app.screen.reading


async def test_another_corpus_chosen_while_the_outline_is_shown_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(outlines, "OUTLINE_FROM", 1)
    folder = tmp_path / "library"
    for name in ("first", "second"):
        shutil.copytree(MINI, folder / name)
    second = folder / "second" / "corpus.yaml"
    second.write_text(second.read_text().replace("title: ", "title: The second corpus, ", 1))
    shown_once(folder / "first")
    app = ExplorerApp(folder, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter")  # the picker's first corpus
        outline = await main_screen_shown(app)
        assert outline.reading
        await press(pilot, "L")
        await press(pilot, "down", "enter")  # the second corpus, while the first is read
        held.set()
        await loaded(pilot)
        await asyncio.sleep(0.3)  # the first corpus's load, let go too, ends meanwhile
        await pilot.pause()
        shown = [screen for screen in app.screen_stack if isinstance(screen, MainScreen)]
        assert len(shown) == 1 and shown[0] is not outline and not shown[0].reading
        assert str(shown[0].scenario_tree.border_title).startswith("The second corpus, ")
