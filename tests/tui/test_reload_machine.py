"""Issue 8, part 4: a state machine of edits under a running explorer.

Over a temporary copy of the mini corpus, rules edit a title or a person's name, break a file's
YAML, fix the broken files, delete a tree file, restore everything, and move the cursor. After
each edit the app is reloaded through its own entry point (`ExplorerApp.reload`, awaited; no
file-watch timing). The invariants: the app shows the corpus a plain load of the files gives
when that load is clean, and else the last clean one, never anything in between; each line of
the tree is the label the corpus shown gives its node; the diagnostics panel lists exactly what
the plain load found, and only when it has errors; the cursor stays where the reader put it; and
no file is ever written by the app.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import tempfile
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from rich.text import Text
from textual.pilot import Pilot

from explorer.analysis.queries import CorpusIndex
from explorer.checks.diagnostics import Diagnostic
from explorer.model import Corpus
from explorer.reading.load import load_corpus
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.diagnostics import DiagnosticsPanel
from explorer.tui.widgets.labels import node_label
from tests.shared import copy_corpus

from .corpus_copy import Snapshot, snapshot
from .helpers import MINI, loaded

T = TypeVar("T")
Step = Callable[[ExplorerApp, Pilot[None]], Awaitable[T]]
Shown = list[tuple[str, str]]  # (id, title) of every node, in display order

TREE_FILES = ("crews.yaml", "waterfront.yaml")
YAML_FILES = ("corpus.yaml", *TREE_FILES)
NODE_IDS = tuple(node.id for node in CorpusIndex(load_corpus(MINI).corpus).ordered_nodes())  # type: ignore[arg-type]

BREAKS: dict[str, Callable[[str], str]] = {
    "unclosed flow sequence": lambda text: text + "\noops: [unclosed\n",
    "unclosed bracket in a value": lambda text: text.replace("kind: ", "kind: [", 1),
    "misspelt field": lambda text: text.replace("title:", "titel:", 1),
    "duplicate key": lambda text: text + "\nid: again\n",
    "emptied": lambda _text: "",
    "tab indentation": lambda text: text.replace("\n  ", "\n\t", 1),
}

titles = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=16).map(
    lambda words: "Title " + " ".join(words.split())
)


def shown_of(corpus: Corpus) -> Shown:
    return [(node.id, node.title) for node in CorpusIndex(corpus).ordered_nodes()]


class AppDriver:
    """Runs an app under Pilot on an event loop in a thread of its own, so that synchronous code
    (the state machine's rules) can drive it one awaited step at a time."""

    def __init__(self, app: ExplorerApp) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self.queue: asyncio.Queue[tuple[Step[object], concurrent.futures.Future[object]] | None]
        self.session = asyncio.run_coroutine_threadsafe(self._session(), self.loop)
        self.ready.result(timeout=60)

    async def _session(self) -> None:
        self.queue = asyncio.Queue()
        try:
            async with self.app.run_test(size=(100, 30)) as pilot:
                await loaded(pilot)
                self.ready.set_result(None)
                while (item := await self.queue.get()) is not None:
                    step, future = item
                    try:
                        future.set_result(await step(self.app, pilot))
                    except Exception as error:
                        future.set_exception(error)
        except Exception as error:
            if not self.ready.done():
                self.ready.set_exception(error)
            raise

    def do(self, step: Step[T]) -> T:
        future: concurrent.futures.Future[object] = concurrent.futures.Future()
        self.loop.call_soon_threadsafe(self.queue.put_nowait, (step, future))
        return future.result(timeout=60)  # type: ignore[return-value]

    def close(self) -> None:
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, None)
            self.session.result(timeout=60)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=60)
            self.loop.close()


def main_screen(app: ExplorerApp) -> MainScreen:
    screen = app.live_corpus.screen
    assert isinstance(screen, MainScreen), screen
    return screen


async def reload(app: ExplorerApp, _pilot: Pilot[None]) -> None:
    # What the invariants read is in place when `reload` returns; the messages it leaves (the
    # details, the path) are handled during the next steps.
    await app.live_corpus.reload(settle=False)


class ReloadMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="reload-machine-"))
        self.corpus = copy_corpus(self.tmp)
        self.original = {name: (self.corpus / name).read_text("utf-8") for name in YAML_FILES}
        self.clean = dict(self.original)  # the YAML files when the corpus last loaded clean
        first = load_corpus(self.corpus)
        assert first.corpus is not None and not first.errors
        self.expected: Shown = shown_of(first.corpus)
        self.diagnostics: tuple[Diagnostic, ...] = first.diagnostics
        self.problems = False
        self.selected = first.corpus.trigger.id
        self.driver = AppDriver(ExplorerApp(self.corpus, live=False))
        self.files: Snapshot = snapshot(self.corpus)

    def teardown(self) -> None:
        try:
            self.driver.close()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- the files -----------------------------------------------------------------------------

    def text(self, name: str) -> str | None:
        path = self.corpus / name
        return path.read_text("utf-8") if path.exists() else None

    def write(self, name: str, text: str) -> None:
        (self.corpus / name).write_text(text, encoding="utf-8")

    def reload_and_expect(self) -> None:
        """After an edit: reload through the app, and work out what it must now show."""
        self.files = snapshot(self.corpus)
        self.driver.do(reload)
        result = load_corpus(self.corpus)
        clean = result.corpus is not None and not result.errors
        if clean:
            assert result.corpus is not None
            self.expected = shown_of(result.corpus)
            self.clean = {name: text for name in YAML_FILES if (text := self.text(name))}
        self.diagnostics = result.diagnostics
        self.problems = not clean

    # -- rules ---------------------------------------------------------------------------------

    @precondition(lambda self: any((self.corpus / n).exists() for n in TREE_FILES))
    @rule(name=st.sampled_from(TREE_FILES), which=st.integers(0, 9), title=titles)
    def edit_title(self, name: str, which: int, title: str) -> None:
        text = self.text(name)
        if text is None:
            return
        lines = text.splitlines(keepends=True)
        at = [i for i, line in enumerate(lines) if line.lstrip().startswith("title:")]
        if not at:
            return
        i = at[which % len(at)]
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        lines[i] = f"{indent}title: {title}\n"
        self.write(name, "".join(lines))
        self.reload_and_expect()

    @rule(name=st.sampled_from(YAML_FILES), how=st.sampled_from(sorted(BREAKS)))
    def break_yaml(self, name: str, how: str) -> None:
        text = self.text(name)
        if text is None:
            return
        self.write(name, BREAKS[how](text))
        self.reload_and_expect()

    @precondition(lambda self: self.problems)
    @rule()
    def fix(self) -> None:
        for name, text in self.clean.items():
            if self.text(name) != text:
                self.write(name, text)
        self.reload_and_expect()

    @rule(name=st.sampled_from(["Ada Gale", "Bea Hale", "Ada Gale-Quay"]))
    def rename_person(self, name: str) -> None:
        """A person's name makes the initials on every line they argue."""
        text = self.text("corpus.yaml")
        if text is None:
            return
        lines = text.splitlines(keepends=True)
        at = next((i for i, line in enumerate(lines) if "id: ada-gale" in line), None)
        if at is None or not lines[at + 1].lstrip().startswith("name:"):
            return
        lines[at + 1] = f"    name: {name}\n"
        self.write("corpus.yaml", "".join(lines))
        self.reload_and_expect()

    @rule(name=st.sampled_from(TREE_FILES))
    def delete_tree_file(self, name: str) -> None:
        (self.corpus / name).unlink(missing_ok=True)
        self.reload_and_expect()

    @rule()
    def restore(self) -> None:
        for name, text in self.original.items():
            self.write(name, text)
        self.reload_and_expect()

    @rule(node_id=st.sampled_from(NODE_IDS))
    def select(self, node_id: str) -> None:
        async def go(app: ExplorerApp, _pilot: Pilot[None]) -> None:
            main_screen(app).scenario_tree.go_to(node_id)

        self.driver.do(go)
        self.selected = node_id

    # -- invariants ----------------------------------------------------------------------------

    @invariant()
    def shows_the_last_clean_load_and_lists_the_problems_of_the_last(self) -> None:
        async def look(
            app: ExplorerApp, _pilot: Pilot[None]
        ) -> tuple[Shown, bool, tuple[Diagnostic, ...], str | None, list[str]]:
            screen = main_screen(app)
            tree = screen.scenario_tree
            shown = [(node.id, node.title) for node in screen.index.ordered_nodes()]
            panel = screen.query_one(DiagnosticsPanel)

            # Each line says what a label made afresh for the corpus shown would say (labels of
            # nodes a reload did not change are kept from before it). The words and where each
            # style starts and ends: a colour is resolved when the label is made, and the tree's
            # focus may tint it since.
            def words(label: Text) -> tuple[str, list[tuple[int, int]]]:
                return label.plain, [(span.start, span.end) for span in label.spans]

            wrong = [
                node_id
                for node_id in tree.loaded_ids()
                if words(tree.label_of(node_id))
                != words(
                    node_label(
                        screen.index.nodes[node_id],
                        screen.index,
                        tree.view,
                        tree.palette,
                        tree._style,
                        tree.hindsight,
                    )
                )
            ]
            return shown, panel.display, panel.diagnostics, tree.cursor_id, wrong

        shown, panel_shown, diagnostics, cursor, wrong = self.driver.do(look)
        assert shown == self.expected
        assert not wrong, wrong  # the tree's lines are those of the corpus shown
        assert diagnostics == self.diagnostics
        assert panel_shown == self.problems
        assert cursor == self.selected

    @invariant()
    def no_file_was_written(self) -> None:
        assert snapshot(self.corpus) == self.files


ReloadMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestReloadMachine = pytest.mark.slow(ReloadMachine.TestCase)
