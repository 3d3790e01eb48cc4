"""The explorer application: reads the corpus (again, when it changes) and hands it to a screen."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList
from textual.worker import WorkerCancelled, WorkerFailed

from explorer.editor import NoEditor, editor_command
from explorer.load import LoadResult
from explorer.tui.live import (
    EditorRunner,
    Loaded,
    Session,
    run_suspended,
    settle_heap,
    watch_folders,
)
from explorer.tui.messages import EditRequested
from explorer.tui.screens.failed import LoadFailedScreen
from explorer.tui.screens.help import HelpScreen, HelpSection
from explorer.tui.screens.loading import LoadingScreen
from explorer.tui.screens.main import MainScreen

DARK, LIGHT = "textual-dark", "textual-light"
WATCH_AFTER = 0.3  # seconds after the first load
STYLES = (
    "explorer",
    "main",
    "source",
    "help",
    "pick",
    "failed",
    "loading",
    "walk",
    "matrix",
    "scorecard",
)


class ExplorerApp(App[None]):
    # Every screen's styles are read once, here (Textual does not load a default screen's own
    # CSS_PATH), each file scoped by its screen's type name.
    CSS_PATH: ClassVar[list[str | PurePath]] = [f"styles/{name}.tcss" for name in STYLES]
    TITLE = "Scenario Explorer"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("t", "toggle_theme", "Light/dark"),
    ]

    def __init__(self, path: Path, *, live: bool = True) -> None:
        """`live`: watch the corpus's folders and read it again when a file changes."""
        super().__init__()
        self.path = path
        self.session = Session(path)  # CorpusNotFound propagates: the CLI reports it
        self.live = live
        self.run_editor: EditorRunner = partial(run_suspended, self)  # tests put in their own
        self.corpus_loaded = asyncio.Event()  # set when the first load is on screen
        self._one_load_at_a_time = asyncio.Lock()
        self._stop_watching = asyncio.Event()
        self.theme = DARK

    @property
    def result(self) -> LoadResult | None:
        """The load on screen: the first, then the last one without errors."""
        return self.session.shown

    def get_default_screen(self) -> Screen[None]:
        return LoadingScreen(self.session.where)

    def on_mount(self) -> None:
        self.run_worker(self._open(), name="open", group="open")

    def on_unmount(self) -> None:
        self._stop_watching.set()

    async def _open(self) -> None:
        await self.reload(settle=False)
        self.corpus_loaded.set()
        if self.live:  # once the tree is drawn: starting to watch costs a little time
            self.set_timer(WATCH_AFTER, self._watch)

    def _watch(self) -> None:
        async def watch() -> None:
            await self.reload()  # a change made before the watch began
            await watch_folders(self.session.folders, self.reload, self._stop_watching)

        if self._stop_watching.is_set():  # the app closed before the timer fired
            return
        self.run_worker(watch(), name="watch", group="watch")

    async def reload(self, *, settle: bool = True) -> None:
        """Read the corpus in a thread, once its files hold still (`settle`), and show what was
        read; nothing happens when no file changed since the last load. Every load goes through
        here, one at a time; it returns when the screen shows the result."""
        async with self._one_load_at_a_time:
            read = partial(self.session.read, settle)
            worker = self.run_worker(
                read, name="load", group="load", thread=True, exit_on_error=False
            )
            try:
                loaded = await worker.wait()
            except WorkerCancelled:  # the app is closing
                return
            except WorkerFailed as failure:
                if self.session.latest is None:
                    raise failure.error from None  # the first load: fail as loudly as before
                self.notify(f"The corpus could not be read again: {failure.error}", markup=False)
                return
            if loaded is not None:
                first = self.session.latest is None
                self.session.accept(loaded)
                await self._show(loaded)
                settle_heap(first)

    @property
    def corpus_screen(self) -> MainScreen | LoadFailedScreen | None:
        """The screen that shows the corpus (or why it cannot be opened): the one pushed on the
        loading screen, which stays at the bottom of the stack."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen | LoadFailedScreen):
                return screen
        return None

    async def _show(self, loaded: Loaded) -> None:
        shown = self.corpus_screen
        if isinstance(shown, MainScreen) and loaded.index is not None:
            shown.show_corpus(loaded.result, loaded.index)
        elif shown is not None and loaded.index is None:
            shown.show_problems(loaded.result.diagnostics)
        else:  # the first load, or a corpus that can be opened at last
            # Textual cannot switch away from a default screen: the loading screen stays below.
            while len(self.screen_stack) > 1:
                await self.pop_screen()
            await self.push_screen(
                MainScreen(loaded.result, loaded.index)
                if loaded.index is not None
                else LoadFailedScreen(self.session.where, loaded.result.diagnostics)
            )

    def on_edit_requested(self, message: EditRequested) -> None:
        """Hand the terminal to the user's editor at a file and line; read the corpus when the
        editor returns. The explorer itself never writes a file."""
        try:
            self.run_editor(editor_command(Path(message.file), message.line))
        except NoEditor as error:
            self.notify(str(error), title="No editor", severity="warning", markup=False)
            return
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed to an editor.", severity="warning")
            return
        except OSError as error:
            self.notify(f"The editor could not be started: {error}", markup=False)
            return
        self.run_worker(self.reload(), name="reload", group="reload")

    def help_sections(self) -> list[HelpSection]:
        # Imported here, not at start: the screens pushed from the main one load when opened.
        from explorer.tui.screens.matrix import MatrixScreen
        from explorer.tui.screens.pick import CitationPicker, NodePicker
        from explorer.tui.screens.scorecard import ScorecardScreen
        from explorer.tui.screens.source import SourceScreen
        from explorer.tui.screens.walk import WalkScreen
        from explorer.tui.widgets.detail import CitationCard
        from explorer.tui.widgets.diagnostics import DiagnosticsPanel
        from explorer.tui.widgets.matrix import MatrixTable
        from explorer.tui.widgets.people import PeopleList
        from explorer.tui.widgets.scenario_tree import ScenarioTree
        from explorer.tui.widgets.scorecard import ScorecardList
        from explorer.tui.widgets.seed_view import SeedView
        from explorer.tui.widgets.walk import ChoiceList

        palette = Binding(self.COMMAND_PALETTE_BINDING, "command_palette", "Search (palette)")
        return [
            ("Everywhere", [type(self), Screen], [palette]),
            ("Main screen", [MainScreen], []),
            ("Tree", [ScenarioTree], []),
            ("People list (p)", [PeopleList], []),
            ("A citation in the details", [CitationCard], []),
            ("Diagnostics (d)", [DiagnosticsPanel], []),
            ("Source view", [SourceScreen, SeedView], []),
            ("Walk (w, W)", [WalkScreen, ChoiceList], []),
            ("Compare matrix (m)", [MatrixScreen, MatrixTable], []),
            ("Scorecard (a)", [ScorecardScreen, ScorecardList], []),
            ("Choosing a citation or a node", [CitationPicker, NodePicker, OptionList], []),
            ("Help", [HelpScreen], []),
            ("When the corpus cannot be read", [LoadFailedScreen], []),
        ]

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.help_sections()))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK
