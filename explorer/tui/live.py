"""The corpus as it is on disk, read again whenever it changes: which load the screens show,
watching the folders, and handing the terminal to the user's editor.

Nodes are edited in the user's editor, and citations added by the cite dialog (which writes the
tree file itself, see `explorer.editing.cite`); either way the files are then read again, in a
thread, once they hold still (see `explorer.reading.watch`). Once a corpus is on screen, a load
with errors never replaces it: the last corpus that loaded without errors stays, and the
diagnostics say what to fix.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SuspendNotSupported
from textual.worker import WorkerCancelled, WorkerFailed

from explorer.editing.editor import NoEditor, editor_command
from explorer.reading.bundled import ReadOnlyCorpus, ensure_writable
from explorer.tui.heap import settle_heap
from explorer.tui.messages import LoadProgress
from explorer.tui.session import Loaded, Session

# The screens that show a load are imported when it is shown: the first screen (the loading
# screen) is drawn without them.
if TYPE_CHECKING:
    from textual.screen import Screen

    from explorer.analysis.queries import CorpusIndex
    from explorer.tui.screens.failed import LoadFailedScreen
    from explorer.tui.screens.main import MainScreen

STEP_MS = 20  # a batch of changes is reported after this long without another
DEBOUNCE_MS = 800  # ... or after this long at most
WAKE_MS = 1_000  # the watching thread looks up this often (it stops at once when told to)
RETRY_SECONDS = 1.0  # when a folder to watch is missing, look again after this long
WATCH_AFTER = 0.3  # seconds after the first load before watching starts
PROGRESS_EVERY = 0.1  # seconds between the loading screen's reports of how far the load is
AFTER_SHOWN = 0.25  # seconds after a load is shown before the heap is settled, the cache written

EditorRunner = Callable[[Sequence[str]], object]

# The worker groups of a LiveCorpus: a library cancels them when it turns to another corpus.
OPEN_GROUP = "open"  # the first load
WATCH_GROUP = "watch"  # watching the folders
RELOAD_GROUP = "reload"  # a reload after the editor returns
LOAD_GROUP = "load"  # the loading thread
SEARCH_GROUP = "search"  # the search entries, built in a thread
WORKER_GROUPS = (OPEN_GROUP, WATCH_GROUP, RELOAD_GROUP, LOAD_GROUP, SEARCH_GROUP)


async def watch_folders(
    folders: Callable[[], list[Path]],
    changed: Callable[[], Awaitable[None]],
    stop: asyncio.Event,
) -> None:
    """Await `changed()` after each batch of changes in the folders (not their subfolders), until
    `stop` is set. Watches anew when the folders change (the seeds folder was moved) and, while a
    folder is missing, looks again every RETRY_SECONDS.

    `changed()` is also awaited once each watch is set up (at its first wake, within WAKE_MS):
    a change made before the operating system's watch existed raised no event, and a look
    taken before the watch began could come too early to see it."""
    from watchfiles import awatch  # watching starts after the first screen: import it then

    while not stop.is_set():
        watched = folders()
        if not watched:
            await _pause(stop)
            continue
        looked_since_set_up = False
        try:
            async for changes in awatch(
                *watched,
                stop_event=stop,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                rust_timeout=WAKE_MS,
                yield_on_timeout=True,  # an empty batch at each wake: the watch is set up
                recursive=False,
            ):
                if not changes and looked_since_set_up:
                    continue
                looked_since_set_up = True
                await changed()
                if folders() != watched:
                    break  # watch the new set
        except (OSError, RuntimeError):  # a folder vanished between the look and the watch
            await _pause(stop)


async def _pause(stop: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), RETRY_SECONDS)


async def back_to_the_loading_screen(app: App[Any]) -> None:
    """Close every screen above the loading screen. It is the app's default screen, which Textual
    cannot switch away from, so it stays at the bottom of the stack under each corpus shown."""
    while len(app.screen_stack) > 1:
        await app.pop_screen()


def run_suspended(app: App[Any], argv: Sequence[str]) -> int:
    """Run the editor in the terminal, the app suspended until it exits (Textual's App.suspend).

    Raises SuspendNotSupported where the app cannot hand the terminal over (headless, web)."""
    with app.suspend():
        return subprocess.run(list(argv), check=False).returncode


class LiveCorpus:
    """Keeps the app's screens showing the corpus as it is on disk: the first load (in a thread,
    behind the loading screen), a reload after each change or editor session, the editor.

    Every load goes through `reload`, one at a time."""

    def __init__(self, app: App[Any], path: Path, *, watch: bool) -> None:
        self.app = app
        self.session = Session(path)  # CorpusNotFound propagates: the CLI reports it
        self.session.progress = self._tell_progress
        self._progress_told = 0.0
        self._cache_writer: threading.Thread | None = None
        self.watch = watch
        self.run_editor: EditorRunner = partial(run_suspended, app)  # tests put in their own
        self.opened = False  # `open` was called: its loads may be on their way, or shown
        self.loaded = asyncio.Event()  # set when the first load is on screen
        # Set once the heap is settled after the last load shown and the load is in the cache.
        self.cache_written = asyncio.Event()
        self._one_load_at_a_time = asyncio.Lock()
        self._stop_watching = asyncio.Event()

    def open(self) -> None:
        """Load the corpus and show it; then, when live, watch its folders. The load starts once
        the loading screen is drawn: a large corpus's reading holds the interpreter for seconds,
        and started at once it kept the first screen from the terminal."""
        self.opened = True
        self.app.call_after_refresh(
            lambda: self.app.run_worker(self._open(), name="open", group=OPEN_GROUP)
        )

    def close(self) -> None:
        self._stop_watching.set()

    def _tell_progress(self, read: int, files: int, nodes: int) -> None:
        """In the loading thread: show how far the load is, ten times a second at most."""
        now = time.monotonic()
        if now - self._progress_told < PROGRESS_EVERY and read < files:
            return
        self._progress_told = now
        from explorer.tui.screens.loading import LoadingScreen

        # Not call_from_thread: that waits for the app's thread, and the load would wait too.
        stack = self.app.screen_stack
        if stack and isinstance(stack[0], LoadingScreen):
            stack[0].post_message(LoadProgress(read, files, nodes))

    async def _open(self) -> None:
        await self._show_outline()
        await self.reload(settle=False)
        self.loaded.set()
        if self.watch:  # once the tree is drawn: starting to watch costs a little time
            self.app.set_timer(WATCH_AFTER, self._start_watching)

    def _start_watching(self) -> None:
        if self._stop_watching.is_set():  # the app closed before the timer fired
            return
        # A change made before the watch began is loaded at its first wake (watch_folders).
        watch = watch_folders(self.session.folders, self.reload, self._stop_watching)
        self.app.run_worker(watch, name="watch", group=WATCH_GROUP)

    async def _show_outline(self) -> None:
        """A large corpus whose files are as the last run left them: its tree's first levels, at
        once, from the warm-start cache (`Session.outline`); the load that follows replaces
        them as a reload would, with the reader's place kept."""
        read = self.session.outline
        worker = self.app.run_worker(
            read, name="outline", group=LOAD_GROUP, thread=True, exit_on_error=False
        )
        try:
            outline = await worker.wait()
        except WorkerCancelled:  # the app is closing
            return
        except WorkerFailed as failure:  # a cache is a convenience: the load says what is wrong
            self.app.log.warning(f"the outline could not be read: {failure.error!r}")
            return
        if outline is None or self.session.latest is not None:
            return
        from explorer.tui.screens.main import MainScreen

        await self._show_first(MainScreen(*outline))

    async def reload(self, *, settle: bool = True) -> None:
        """Read the corpus in a thread, once its files hold still (`settle`), and show what was
        read; nothing happens when no file changed since the last load. Returns when the screen
        shows the result."""
        async with self._one_load_at_a_time:
            read = partial(self.session.read, settle)
            worker = self.app.run_worker(
                read, name="load", group=LOAD_GROUP, thread=True, exit_on_error=False
            )
            try:
                loaded = await worker.wait()
            except WorkerCancelled:  # the app is closing
                return
            except WorkerFailed as failure:
                if self.session.latest is None:
                    raise failure.error from None  # the first load: fail as loudly as before
                self.app.notify(
                    f"The corpus could not be read again: {failure.error}", markup=False
                )
                return
            if loaded is not None:
                first = self.session.latest is None
                self.session.accept(loaded)
                await self._show(loaded)
                # After the frame that shows the load (this timer fires later than a frame is
                # due): on a large corpus the collection after a reload and writing the cache
                # hold the interpreter for long enough to delay that frame.
                self.cache_written.clear()
                self.app.set_timer(AFTER_SHOWN, partial(self._after_shown, first, loaded.index))

    def _after_shown(self, first: bool, index: CorpusIndex | None) -> None:
        if index is not None:
            # Ready before the first search is typed (a search before then builds it itself).
            # Not started with the show: the thread takes the interpreter in turns with the
            # app's, which delayed the frame that shows the load on a large corpus.
            prepare = index.prepare_search
            self.app.run_worker(prepare, name="search", group=SEARCH_GROUP, thread=True)
        settle_heap(first)
        # A plain thread, not a worker: the app may quit while it writes, and need not wait.
        # Stopped mid-write at exit, SQLite rolls the unfinished transaction back.
        self._cache_writer = threading.Thread(
            target=self._write_cache,
            args=(asyncio.get_running_loop(),),
            name="cache writer",
            daemon=True,
        )
        self._cache_writer.start()

    def _write_cache(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            self.session.save_cache()
        finally:
            with contextlib.suppress(RuntimeError):  # the app's loop closed meanwhile
                loop.call_soon_threadsafe(self.cache_written.set)

    def wait_for_cache(self, timeout: float | None = None) -> None:
        """In a thread: until the last load is written to the warm-start cache (the benchmark
        waits). On the app's loop, await `cache_written` instead."""
        if self._cache_writer is not None:
            self._cache_writer.join(timeout)

    @property
    def screen(self) -> MainScreen | LoadFailedScreen | None:
        """The screen that shows the corpus (or why it cannot be opened): the one pushed on the
        loading screen, which stays at the bottom of the stack."""
        from explorer.tui.screens.failed import LoadFailedScreen
        from explorer.tui.screens.main import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen | LoadFailedScreen):
                return screen
        return None

    async def _show(self, loaded: Loaded) -> None:
        from explorer.tui.screens.failed import LoadFailedScreen
        from explorer.tui.screens.main import MainScreen

        shown = self.screen
        if isinstance(shown, MainScreen) and shown.reading and loaded.index is None:
            shown = None  # an outline shown, and then no corpus could be read: say why instead
        if isinstance(shown, MainScreen) and loaded.index is not None:
            shown.show_corpus(loaded.result, loaded.index)
        elif shown is not None and loaded.index is None:
            shown.show_problems(loaded.result.diagnostics)
        else:  # the first load, or a corpus that can be opened at last
            await self._show_first(
                MainScreen(loaded.result, loaded.index)
                if loaded.index is not None
                else LoadFailedScreen(self.session.where, loaded.result.diagnostics)
            )

    async def _show_first(self, screen: Screen[Any]) -> None:
        """Show the corpus's screen on the loading screen, in place of any shown there before."""
        await back_to_the_loading_screen(self.app)
        await self.app.push_screen(screen)

    def edit(self, file: str, line: int) -> None:
        """Hand the terminal to the user's editor at a file and line; read the corpus when the
        editor returns. The editor writes the file, not the explorer; the bundled corpus of an
        installation is not opened (a reinstall would replace it: `explorer init` copies it)."""
        notify = self.app.notify
        if getattr(self.app, "served", False):  # `explorer serve`: a reader, not an editor
            from explorer.tui.serve_command import SERVED_READ_ONLY

            notify(SERVED_READ_ONLY, title="Read-only", severity="warning", markup=False)
            return
        try:
            ensure_writable(Path(file))
            self.run_editor(editor_command(Path(file), line))
        except ReadOnlyCorpus as error:
            notify(str(error), title="Read-only", severity="warning", markup=False)
            return
        except NoEditor as error:
            notify(str(error), title="No editor", severity="warning", markup=False)
            return
        except SuspendNotSupported:
            notify("This terminal cannot be handed to an editor.", severity="warning")
            return
        except OSError as error:
            notify(f"The editor could not be started: {error}", markup=False)
            return
        self.app.run_worker(self.reload(), name="reload", group=RELOAD_GROUP)
