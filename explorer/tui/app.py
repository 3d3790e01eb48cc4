"""The explorer application: loads the corpus and hands the layout to a screen."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList

from explorer.load import display_path, load_corpus
from explorer.tui.screens.failed import LoadFailedScreen
from explorer.tui.screens.help import HelpScreen, HelpSection
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.matrix import MatrixScreen
from explorer.tui.screens.pick import CitationPicker, NodePicker
from explorer.tui.screens.scorecard import ScorecardScreen
from explorer.tui.screens.source import SourceScreen
from explorer.tui.screens.walk import WalkScreen
from explorer.tui.widgets.detail import CitationCard
from explorer.tui.widgets.matrix import MatrixTable
from explorer.tui.widgets.people import PeopleList
from explorer.tui.widgets.scenario_tree import ScenarioTree
from explorer.tui.widgets.scorecard import ScorecardList
from explorer.tui.widgets.seed_view import SeedView
from explorer.tui.widgets.walk import ChoiceList

DARK, LIGHT = "textual-dark", "textual-light"
STYLES = ("explorer", "main", "source", "help", "pick", "failed", "walk", "matrix", "scorecard")


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

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.result = load_corpus(path)  # CorpusNotFound propagates: the CLI reports it
        self.theme = DARK

    def get_default_screen(self) -> Screen[None]:
        if self.result.corpus is None:
            return LoadFailedScreen(display_path(self.path), self.result.diagnostics)
        return MainScreen(self.result)

    def help_sections(self) -> list[HelpSection]:
        palette = Binding(self.COMMAND_PALETTE_BINDING, "command_palette", "Search (palette)")
        return [
            ("Everywhere", [type(self), Screen], [palette]),
            ("Main screen", [MainScreen], []),
            ("Tree", [ScenarioTree], []),
            ("People list (p)", [PeopleList], []),
            ("A citation in the details", [CitationCard], []),
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
