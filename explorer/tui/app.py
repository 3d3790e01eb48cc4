"""The explorer application: its screens, global bindings, help and settings; the corpus on
screen is kept up to date by `LiveCorpus` (tui/live.py), chosen from a library by `Library`."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

import attrs
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.driver import Driver
from textual.screen import Screen

from explorer.tui.heap import IdleCollector
from explorer.tui.library import Library
from explorer.tui.live import LiveCorpus
from explorer.tui.messages import EditRequested, SplitMoved
from explorer.tui.screens.loading import LoadingScreen
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

    def __init__(self, path: Path, *, live: bool = True, served: bool = False) -> None:
        """`path`: a corpus, or a library of corpora (the one opened last is offered first).
        `live`: watch the corpus's folders and read it again when a file changes. `served`: drawn
        in a browser by `explorer serve`, for a reader: nothing is written (see `keep`)."""
        driver: type[Driver] | None = None
        if served:
            from explorer.tui.served import ServedDriver

            driver = ServedDriver
        super().__init__(driver_class=driver)
        self.served = served
        self.settings = read_settings()  # kept between runs: theme, split, the last corpus
        self.theme = self.settings.theme
        self.library = Library(  # CorpusNotFound propagates: the CLI reports it
            self, path, live=live, last=self.settings.corpus, remember=self._remember_corpus
        )

    @property
    def live_corpus(self) -> LiveCorpus:
        """What keeps the screens showing the corpus as it is on disk."""
        return self.library.current

    def get_default_screen(self) -> Screen[None]:
        return LoadingScreen(self.live_corpus.session.where)

    def on_mount(self) -> None:
        from explorer.tui.widgets.tree_splice import keep_component_styles

        keep_component_styles()  # opening and closing screens restyles every widget otherwise
        self.idle_collector = IdleCollector(self)
        self.library.start()

    async def on_event(self, event: events.Event) -> None:
        # Only noted, never handled here: full collections wait for a pause in the input.
        if isinstance(event, events.InputEvent) and hasattr(self, "idle_collector"):
            self.idle_collector.input_seen()
        await super().on_event(event)

    def on_app_focus(self, _event: events.AppFocus) -> None:
        # In a browser the app starts blurred, so the screen shown meanwhile took no auto focus,
        # and Textual gives focus back only to a widget that had it before: keys would reach
        # nothing until Tab. Give the screen the focus it asks for.
        screen = self.screen
        selector = screen.AUTO_FOCUS if screen.AUTO_FOCUS is not None else self.AUTO_FOCUS
        if screen.focused is None and selector:
            for widget in screen.query(selector):
                if widget.focusable:
                    widget.focus(scroll_visible=False)
                    break

    def action_switch_corpus(self) -> None:
        if self.library.several:
            self.library.choose()
            return
        # Never silence: a key that has nothing to do says why.
        where = self.live_corpus.session.where
        self.notify(
            f"{where} holds one corpus: the library (L) lists the corpora of a folder holding "
            "several (explorer FOLDER).",
            markup=False,
        )

    def _remember_corpus(self, folder: str) -> None:
        self.keep(attrs.evolve(self.settings, corpus=folder))

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_palette" and getattr(self.screen, "reading", False):
            return None  # dimmed while a corpus's outline is shown: the search waits for it
        return True

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
        """Remember these settings for the next run (served, for this tab only: a reader's theme
        is not the server's)."""
        if settings != self.settings:
            self.settings = settings
            if not self.served:
                write_settings(settings)
