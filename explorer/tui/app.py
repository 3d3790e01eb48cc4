"""The explorer application: its screens, global bindings and help; the corpus on screen is kept
up to date by `LiveCorpus` (tui/live.py)."""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

import attrs
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from explorer.reading.locate import find_corpora
from explorer.tui.live import LiveCorpus
from explorer.tui.messages import EditRequested, SplitMoved
from explorer.tui.screens.loading import CorpusPicker, LoadingScreen
from explorer.tui.settings import DARK, LIGHT, Settings, read_settings, write_settings

if TYPE_CHECKING:
    from explorer.tui.screens.help import HelpSection

LIBRARY_HELP = "Library: open another of its corpora (when the folder holds several)"
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
        Binding("question_mark", "help", "Help", tooltip="Help: every key"),
        Binding("t", "toggle_theme", "Theme", show=False, tooltip="Light or dark theme"),
        Binding("L", "switch_corpus", "Library", show=False, tooltip=LIBRARY_HELP),
    ]

    def __init__(self, path: Path, *, live: bool = True) -> None:
        """`path`: a corpus, or a library of corpora (the one opened last is offered first).
        `live`: watch the corpus's folders and read it again when a file changes."""
        super().__init__()
        self.settings = read_settings()  # kept between runs: theme, split, the last corpus
        self.theme = self.settings.theme
        self.corpora = find_corpora(path)  # CorpusNotFound propagates: the CLI reports it
        self.live = live
        self.live_corpus = LiveCorpus(self, self._remembered(), watch=live)

    def _remembered(self) -> Path:
        """The corpus of the library opened last, if it is still there; else the first."""
        for corpus in self.corpora:
            if self.settings.corpus == os.path.abspath(corpus.parent):  # noqa: PTH100
                return corpus
        return self.corpora[0]

    def get_default_screen(self) -> Screen[None]:
        return LoadingScreen(self.live_corpus.session.where)

    def on_mount(self) -> None:
        if len(self.corpora) > 1:
            self.action_switch_corpus()
        else:
            self.live_corpus.open()

    # -- a library of several corpora ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_corpus":
            return len(self.corpora) > 1
        return True

    def action_switch_corpus(self) -> None:
        current = self.live_corpus.session.corpus_file
        self.push_screen(CorpusPicker(self.corpora, current), self._corpus_chosen)

    def _corpus_chosen(self, chosen: Path | None) -> None:
        started = self.live_corpus.loaded.is_set() or bool(self.live_corpus.session.latest)
        if chosen is None or chosen == self.live_corpus.session.corpus_file:
            if not started:  # at start, Escape opens the corpus offered first
                self.live_corpus.open()
            self.keep(attrs.evolve(self.settings, corpus=self._folder_of(self.live_corpus)))
            return
        self.run_worker(self._open_other(chosen, started), name="switch", group="switch")

    @staticmethod
    def _folder_of(live: LiveCorpus) -> str:
        return os.path.abspath(live.session.corpus_file.parent)  # noqa: PTH100

    async def _open_other(self, corpus_file: Path, started: bool) -> None:
        """Stop following the corpus on screen; read and show the chosen one instead."""
        if started:
            for group in ("open", "watch", "reload", "load", "search"):
                self.workers.cancel_group(self, group)
            self.live_corpus.close()
            while len(self.screen_stack) > 1:
                await self.pop_screen()
        self.live_corpus = LiveCorpus(self, corpus_file, watch=self.live)
        self.keep(attrs.evolve(self.settings, corpus=self._folder_of(self.live_corpus)))
        loading = self.screen_stack[0]
        if isinstance(loading, LoadingScreen):
            loading.show_where(self.live_corpus.session.where)
        self.live_corpus.open()

    def on_unmount(self) -> None:
        self.live_corpus.close()

    def on_edit_requested(self, message: EditRequested) -> None:
        self.live_corpus.edit(message.file, message.line)

    # The help, like the screens pushed from the main one, is imported when first opened: the
    # first screen is drawn before the model and the main screen's widgets are imported.

    def help_sections(self) -> list[HelpSection]:
        from explorer.tui.screens.help import help_sections

        return help_sections(type(self), self.COMMAND_PALETTE_BINDING)

    def action_help(self) -> None:
        from explorer.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.help_sections()))

    def action_command_palette(self) -> None:
        """The palette, saying what it searches: a screen may name it (`SEARCH_PLACEHOLDER`)."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = getattr(self.screen, "SEARCH_PLACEHOLDER", "Search for commands…")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK
        self.keep(attrs.evolve(self.settings, theme=self.theme))

    def on_split_moved(self, message: SplitMoved) -> None:
        self.keep(attrs.evolve(self.settings, split=message.split))

    def keep(self, settings: Settings) -> None:
        """Remember these settings for the next run."""
        if settings != self.settings:
            self.settings = settings
            write_settings(settings)
