"""A line under the tree saying what its marks mean, for the current focus.

One paragraph, never broken by hand: it wraps where the terminal has the rows for it, and folds
into one line (cut at the end) below `SHORT` rows (main.tcss, MainScreen.-short)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import var
from textual.theme import Theme
from textual.widgets import Static

from explorer.analysis.focus import Focus, View
from explorer.analysis.hindsight import OutcomeMark
from explorer.analysis.queries import CorpusIndex
from explorer.outputs.classes import Palette, mark_class
from explorer.tui.widgets.labels import (
    EVENT_GLYPH,
    LABEL_CLASSES,
    QUESTION_GLYPH,
    voice_badge,
    voice_line,
)
from explorer.tui.widgets.themed import Themed

SHORT = 30  # rows: below this the legend keeps to one line
SEPARATOR = "  ·  "


class Legend(Themed, Static):
    """`hindsight` and `person_focus` are bound to the main screen's (`data_bind`)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES)

    hindsight: var[bool] = var(False, init=False)
    person_focus: var[Focus] = var(Focus, init=False)

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.index = index
        self.palette = Palette(index)
        self.view = View(index, Focus())
        self._shown: Text | None = None  # what the legend says now

    def on_mount(self) -> None:
        self._say()

    def _theme_changed(self, _theme: Theme) -> None:
        self._say()

    def show_index(self, index: CorpusIndex, focus: Focus) -> None:
        """Another corpus (a reload)."""
        self.index = index
        self.palette = Palette(index)
        self.set_reactive(Legend.person_focus, focus)
        self.watch_person_focus(focus)

    def watch_person_focus(self, focus: Focus) -> None:
        self.view = View(self.index, focus)
        self._say()

    def watch_hindsight(self) -> None:
        self._say()

    def _say(self) -> None:
        text = self._text()
        if text != self._shown:  # most saves change nothing here: no layout for the same words
            self._shown = text
            self.update(text)

    def _text(self) -> Text:
        text = self._marks_text()
        if self.hindsight:
            text.append(SEPARATOR)
            text.append_text(self._hindsight_text())
        return text

    def _hindsight_text(self) -> Text:
        style = self._style
        text = Text()
        text.append("Outcomes: ", style("label--muted"))
        if not self.index.has_outcomes:  # explained only when the corpus has them
            text.append("none recorded in this corpus")
            return text
        for mark in OutcomeMark:
            text.append(mark.glyph, style(mark_class(mark)))
            text.append(f" {mark.meaning}  ")
        text.append("blank: none recorded", style("label--muted"))
        return text

    def _marks_text(self) -> Text:
        style = self._style
        text = Text()
        view = self.view
        if not view.active:
            text.append(QUESTION_GLYPH, style("node--question"))
            text.append(" question  ")
            text.append(EVENT_GLYPH, style("node--event"))
            text.append(" event  ")
            cited = self.index.cited_voices()
            if cited:
                text.append_text(voice_badge(cited[0], self.palette, style))
                text.append(" argues for  ")
                text.append_text(voice_badge(cited[0], self.palette, style, against=True))
                text.append(" against  ")
                if self.index.has_reports:
                    text.append_text(voice_badge(cited[0], self.palette, style, reported=True))
                    text.append(" as reported  ")
            text.append("(n) citations")
            return text
        voices = [self.index.voices[key] for key in view.people]
        if view.comparison is None:
            text.append_text(voice_line(voices[0], self.palette, style))
            text.append(":  ")
        else:
            text.append("A ", style("mark--only-a"))
            text.append_text(voice_line(voices[0], self.palette, style))
            text.append("  B ", style("mark--only-b"))
            text.append_text(voice_line(voices[1], self.palette, style))
            text.append(SEPARATOR)
        for i, mark in enumerate(view.legend()):
            if i:
                text.append("  ")
            text.append(mark.glyph, style(mark_class(mark)))
            text.append(f" {mark.meaning}")
        text.append("  dim: neither" if view.comparison else "  dim: not on their paths")
        if view.focus.collapsed:
            text.append(" · collapsed to their paths", style("label--muted"))
        return text
