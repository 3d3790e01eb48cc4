"""The help screen: every binding, read from the BINDINGS tables so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static

from explorer.analysis.focus import Mark
from explorer.analysis.hindsight import OutcomeMark
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.labels import (
    AGAINST_GLYPH,
    EVENT_GLYPH,
    QUESTION_GLYPH,
    REPORTED_GLYPH,
    text_style,
)

HelpSection = tuple[str, Sequence[type[DOMNode]], Sequence[Binding]]

MARKS: list[tuple[str, str]] = [
    (QUESTION_GLYPH, "a question: its branches are competing alternatives"),
    (EVENT_GLYPH, "an event: its branches are consequences that may happen together"),
    ("AG", "the initials of who argues for the node, one colour per person"),
    (f"{AGAINST_GLYPH}AG", "who argues against it (struck through)"),
    (f"AG{REPORTED_GLYPH}", "their position as another author reports it, not their own words"),
    ("(n)", "how many citations the node has"),
    *((mark.glyph, f"with people chosen: {mark.meaning}") for mark in Mark),
    *((mark.glyph, f"with outcomes shown (o): {mark.meaning}") for mark in OutcomeMark),
]


def help_sections(app: type[DOMNode], palette_key: str) -> list[HelpSection]:
    """What the help lists: each part of the app with the classes whose bindings act there."""
    # Imported here: the screens pushed from the main one are loaded when first opened.
    from explorer.tui.screens.failed import LoadFailedScreen
    from explorer.tui.screens.main import MainScreen
    from explorer.tui.screens.matrix import MatrixScreen
    from explorer.tui.screens.pick import CitationPicker, NodePicker
    from explorer.tui.screens.scorecard import ScorecardScreen
    from explorer.tui.screens.source import SourceScreen
    from explorer.tui.screens.walk import WalkScreen
    from explorer.tui.widgets.detail import CitationCard, SeeAlsoLink
    from explorer.tui.widgets.diagnostics import DiagnosticsPanel
    from explorer.tui.widgets.matrix import MatrixTable
    from explorer.tui.widgets.people import PeopleList
    from explorer.tui.widgets.scenario_tree import ScenarioTree
    from explorer.tui.widgets.scorecard import ScorecardList
    from explorer.tui.widgets.seed_view import SeedView
    from explorer.tui.widgets.split import SplitBody
    from explorer.tui.widgets.walk import ChoiceList

    palette = Binding(palette_key, "command_palette", "Search (palette)")
    return [
        ("Everywhere", [app, Screen], [palette]),
        ("Main screen", [MainScreen, SplitBody], []),
        ("Tree", [ScenarioTree], []),
        ("People list (p)", [PeopleList], []),
        ("A citation in the details", [CitationCard], []),
        ("A see-also link in the details", [SeeAlsoLink], []),
        ("Diagnostics (d)", [DiagnosticsPanel], []),
        ("Source view", [SourceScreen, SeedView], []),
        ("Walk (w, W)", [WalkScreen, ChoiceList], []),
        ("Compare matrix (m)", [MatrixScreen, MatrixTable], []),
        ("Scorecard (a)", [ScorecardScreen, ScorecardList], []),
        ("Choosing a citation, a node or a corpus", [CitationPicker, NodePicker, OptionList], []),
        ("Help", [HelpScreen], []),
        ("When the corpus cannot be read", [LoadFailedScreen], []),
    ]


def bindings_of(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class has, its own and inherited, as Textual merges them (by key).

    What every screen inherits from `Screen` is left to the section that lists `Screen` itself.
    """
    by_key: dict[str, Binding] = {}
    for base in reversed(cls.__mro__):
        if not (isinstance(base, type) and issubclass(base, DOMNode)):
            continue
        if base in (Screen, ModalScreen) and base is not cls:
            continue
        if not getattr(base, "_inherit_bindings", True):
            by_key.clear()
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            by_key[binding.key] = binding
    return [b for b in by_key.values() if b.description]


def help_description(binding: Binding) -> str:
    """What the help says a key does: its tooltip, in full, where the footer shows a short label."""
    return binding.tooltip or binding.description


def section_bindings(classes: Iterable[type[DOMNode]], extra: Iterable[Binding]) -> list[Binding]:
    found: dict[str, Binding] = {}
    for cls in classes:
        for binding in bindings_of(cls):
            found[binding.key] = binding
    for binding in extra:
        found[binding.key] = binding
    return list(found.values())


class HelpScreen(ModalScreen[None]):
    """Lists, per screen and widget, each key and what it does."""

    AUTO_FOCUS = "#help-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the help"),
        Binding("question_mark", "close", "Close the help", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"help--heading", "help--key"}

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(section title, [(keys, description)]).

        Keys with the same description share a row.
        """
        result = []
        for title, classes, extra in self.sections:
            grouped: dict[str, list[str]] = {}
            for binding in section_bindings(classes, extra):
                key = self.app.get_key_display(binding)
                grouped.setdefault(help_description(binding), []).append(key)
            if grouped:
                result.append((title, [(" ".join(keys), d) for d, keys in grouped.items()]))
        return result

    def help_text(self, heading: Style | None = None, key_style: Style | None = None) -> Text:
        text = Text()
        sections = [*self.rows(), ("Marks in the tree", MARKS)]
        width = max((len(keys) for _, rows in sections for keys, _ in rows), default=0)
        for i, (title, rows) in enumerate(sections):
            if i:
                text.append("\n\n")
            text.append(title, heading or Style())
            for keys, description in rows:
                text.append("\n")
                text.append(f"  {keys:<{width}}", key_style or Style())
                text.append(f" {description}")
        return text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            yield Static(Text(""), id="help-text")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#help-text", Static).update(
            self.help_text(
                text_style(self, "help--heading"),
                text_style(self, "help--key"),
            )
        )

    def action_close(self) -> None:
        self.dismiss()
