"""The help screen: every binding, read from the BINDINGS tables so it cannot drift.

The keys of the screen beneath (and of the widget with the focus) come first, then the rest. The
scrolling keys every list and text has from Textual are listed once, in their own section, not in
each; Textual's own binding for an action the explorer binds to another key (^q, beside q) is left
out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
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

# Textual's scrolling actions, the same in every list and text: one row each in "Moving around".
GENERIC_ROWS: dict[str, str] = {
    "scroll_left": "Scroll left, right",
    "scroll_right": "Scroll left, right",
    "scroll_home": "To the first, the last (top, bottom)",
    "first": "To the first, the last (top, bottom)",
    "scroll_end": "To the first, the last (top, bottom)",
    "last": "To the first, the last (top, bottom)",
    "page_up": "A page up, a page down",
    "page_down": "A page up, a page down",
    "page_left": "A page left, a page right",
    "page_right": "A page left, a page right",
    "scroll_top": "To the top, the bottom of the matrix",
    "scroll_bottom": "To the top, the bottom of the matrix",
}
MOVING_AROUND = "Moving around, in every list and text"

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
    from explorer.tui.widgets.detail import DetailPane
    from explorer.tui.widgets.diagnostics import DiagnosticsPanel
    from explorer.tui.widgets.matrix import MatrixTable
    from explorer.tui.widgets.people import PeopleList
    from explorer.tui.widgets.scenario_tree import ScenarioTree
    from explorer.tui.widgets.scorecard import ScorecardList
    from explorer.tui.widgets.seed_view import SeedView
    from explorer.tui.widgets.split import SplitBody
    from explorer.tui.widgets.walk import ChoiceList

    palette = Binding(palette_key, "command_palette", "Search (palette)")
    lists: list[type[DOMNode]] = [ScenarioTree, PeopleList, DiagnosticsPanel, SeedView]
    lists += [ChoiceList, MatrixTable, ScorecardList, OptionList]
    return [
        ("Everywhere", [app, Screen], [palette]),
        (MOVING_AROUND, [], generic_bindings(lists)),
        ("Main screen", [MainScreen, SplitBody], []),
        ("Tree", [ScenarioTree], []),
        ("People list (p)", [PeopleList], []),
        ("Details (a citation or see-also link chosen with Tab)", [DetailPane], []),
        ("Diagnostics (d)", [DiagnosticsPanel], []),
        ("Source view", [SourceScreen, SeedView], []),
        ("Walk (w, W)", [WalkScreen, ChoiceList], []),
        ("Compare matrix (m)", [MatrixScreen, MatrixTable], []),
        ("Scorecard (a)", [ScorecardScreen, ScorecardList], []),
        ("Choosing a citation, a node or a corpus", [CitationPicker, NodePicker, OptionList], []),
        ("Help", [HelpScreen], []),
        ("When the corpus cannot be read", [LoadFailedScreen], []),
    ]


def _is_textual(cls: type) -> bool:
    return cls.__module__.startswith("textual.")


def _own_bindings(cls: type[DOMNode]) -> list[tuple[type[DOMNode], Binding]]:
    """Every binding a class has, its own and inherited, as Textual merges them (by key), with
    the class that made it. A binding without a description never hides one with (the hidden
    twin of a dimmed key, as `e` in the bundled corpus)."""
    by_key: dict[str, tuple[type[DOMNode], Binding]] = {}
    for base in reversed(cls.__mro__):
        if not (isinstance(base, type) and issubclass(base, DOMNode)):
            continue
        if base in (Screen, ModalScreen) and base is not cls:
            continue
        if not getattr(base, "_inherit_bindings", True):
            by_key.clear()
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            if binding.description or binding.key not in by_key:
                by_key[binding.key] = (base, binding)
    return list(by_key.values())


def bindings_of(cls: type[DOMNode]) -> list[Binding]:
    """The bindings the help lists for a class: its own and inherited ones, less Textual's
    scrolling keys (listed once, by `generic_bindings`) and Textual's binding for an action the
    explorer binds itself to another key.

    What every screen inherits from `Screen` is left to the section that lists `Screen` itself.
    """
    found = _own_bindings(cls)
    rebound = {b.action for base, b in found if not _is_textual(base)}
    return [
        binding
        for base, binding in found
        if binding.description
        and not (
            _is_textual(base) and (binding.action in GENERIC_ROWS or binding.action in rebound)
        )
    ]


def generic_bindings(classes: Iterable[type[DOMNode]]) -> list[Binding]:
    """Textual's scrolling keys of these classes, one binding per row of `GENERIC_ROWS` (its keys
    joined), where the explorer has not bound the key to something else."""
    keys: dict[str, list[str]] = {}
    for cls in classes:
        own = {b.key for base, b in _own_bindings(cls) if not _is_textual(base)}
        for base, binding in _own_bindings(cls):
            row = GENERIC_ROWS.get(binding.action)
            listed = keys.setdefault(row, []) if row is not None else []
            if row is not None and _is_textual(base) and binding.key not in {*own, *listed}:
                listed.append(binding.key)
    order = list(dict.fromkeys(GENERIC_ROWS.values()))
    rows = sorted(keys.items(), key=lambda item: order.index(item[0]))
    # One binding per key: the help joins the keys of a description into one row.
    return [Binding(key, "scroll", row) for row, row_keys in rows for key in row_keys]


def here_first(sections: Sequence[HelpSection], here: Sequence[type[DOMNode]]) -> list[HelpSection]:
    """The sections of the screen and widgets in `here` first, marked so; then the rest."""

    def is_here(classes: Sequence[type[DOMNode]]) -> bool:
        return any(
            issubclass(shown, cls)
            for cls in classes
            if not _is_textual(cls) and not issubclass(cls, App)
            for shown in here
        )

    first = [
        (f"{title} (here)", classes, extra)
        for title, classes, extra in sections
        if is_here(classes)
    ]
    return first + [section for section in sections if not is_here(section[1])]


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


def ranged(keys: list[str]) -> list[str]:
    """A key shown as a range (`1–9`) stands for the keys of its row: the rest are not repeated."""
    return [key for key in keys if "–" in key][:1] or keys


class HelpScreen(ModalScreen[None]):
    """Lists, per screen and widget, each key and what it does."""

    AUTO_FOCUS = "#help-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the help"),
        Binding("question_mark", "close", "Close the help", show=False),
        Binding("j", "scroll(1)", "Scroll down", show=False),
        Binding("k", "scroll(-1)", "Scroll up", show=False),
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
                rows = [(" ".join(ranged(keys)), d) for d, keys in grouped.items()]
                result.append((title, rows))
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
        stack = self.app.screen_stack
        beneath = stack[-2] if len(stack) > 1 else None
        if beneath is not None:
            focused = beneath.focused
            widgets = list(focused.ancestors_with_self) if focused is not None else []
            here = [type(beneath), *(type(widget) for widget in widgets)]
            self.sections = here_first(self.sections, here)
        self.query_one("#help-text", Static).update(
            self.help_text(
                text_style(self, "help--heading"),
                text_style(self, "help--key"),
            )
        )

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss()
