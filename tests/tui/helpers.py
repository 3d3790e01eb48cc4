"""Running the explorer headless under Textual's Pilot, and reading what it shows."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.detail_parts import Part, PartKind
from explorer.tui.widgets.scenario_tree import ScenarioTree
from tests.shared import FIXTURES as FIXTURES
from tests.shared import MINI as MINI

HOSTILE = FIXTURES / "hostile-markup"
OUTCOMES = FIXTURES / "outcomes"  # the mini corpus with outcomes, evidence and references
BROKEN = FIXTURES / "broken"
UNREADABLE = FIXTURES / "unreadable"

Size = tuple[int, int]


async def loaded(pilot: Pilot[None], timeout: float = 30.0) -> None:
    """Wait until the corpus, read in a thread after the first screen, is on screen."""
    app = pilot.app
    assert isinstance(app, ExplorerApp)
    await asyncio.wait_for(app.live_corpus.loaded.wait(), timeout)
    await pilot.pause()


@asynccontextmanager
async def explore(
    path: Path = MINI, size: Size = (100, 30), live: bool = True
) -> AsyncIterator[tuple[ExplorerApp, Pilot[None]]]:
    app = ExplorerApp(path, live=live)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        yield app, pilot


async def workers_done(app: ExplorerApp, group: str) -> None:
    """Until the app's workers of this group are done (none left: done already). Not
    `wait_for_complete([])`: given no workers, it waits for all, the folder watcher's too."""
    running = [worker for worker in app.workers if worker.group == group]
    if running:
        await app.workers.wait_for_complete(running)


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys and let the messages they cause (selection, recompose) settle."""
    await pilot.press(*keys)
    await pilot.pause()


def main_screen(app: ExplorerApp) -> MainScreen:
    screen = app.live_corpus.screen
    assert isinstance(screen, MainScreen)
    return screen


def tree_of(app: ExplorerApp) -> ScenarioTree:
    return main_screen(app).scenario_tree


def plain(content: object) -> str:
    if isinstance(content, Text | Content):
        return content.plain
    return str(content)


def detail_text(app: ExplorerApp) -> str:
    """The pane's parts, one after another (without the blank lines drawn between them)."""
    pane = main_screen(app).query_one(DetailPane)
    return "\n".join(part.text.plain for part in pane.parts)


def pane_lines(app: ExplorerApp) -> list[str]:
    """The detail pane's lines as drawn, from the line scrolled to, right spaces dropped."""
    pane = main_screen(app).query_one(DetailPane)
    return [pane.render_line(y).text.rstrip() for y in range(pane.scrollable_content_region.height)]


def chosen(app: ExplorerApp) -> Part | None:
    """The citation or see-also link chosen in the focused detail pane."""
    return main_screen(app).query_one(DetailPane).chosen_part


def numbered_parts(app: ExplorerApp, kind: PartKind) -> list[int]:
    """The positions in the pane's parts of its citations (or links), top to bottom."""
    parts = main_screen(app).query_one(DetailPane).parts
    return [n for n, part in enumerate(parts) if part.kind is kind]


def label_text(app: ExplorerApp, node_id: str) -> str:
    return tree_of(app).label_of(node_id).plain
