"""The widgets of a walk: the current step, its choices, the summary at a leaf, and the table
of how sure each person was of each step (from their own hedge words, never a number of ours)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.visual import Visual, visualize
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.walks import Argument, Position, Step, Walk, step
from explorer.model import Node, NodeKind
from explorer.outputs.classes import Palette
from explorer.tui.messages import StepChosen
from explorer.tui.widgets.labels import (
    AGAINST_GLYPH,
    LABEL_CLASSES,
    argument_text,
    glyph,
    one_line,
    outcome_glyph,
    shorten,
    source_text,
    styled,
    voice_badge,
)
from explorer.tui.widgets.outcome import outcome_text
from explorer.tui.widgets.themed import Themed

WALK_CLASSES = frozenset({"walk--title", "walk--label", "walk--quote", "walk--number"})
STEP_TITLE_WIDTH = 20
VOICE_WIDTH = 22  # a person's name in the likelihood table, at most
VOICE_MIN = 10  # a person's column, at least: below, the table scrolls sideways
CHOICE_KEYS = 9
QUOTE_WIDTH = 64  # a shortened quote, at least (and before the list is laid out)
ARGUMENT_INDENT = 4  # who argued a choice, under it
QUOTE_INDENT = 6  # a quote's place under its choice
QUOTE_MARGIN = 5  # its quotation marks and a margin: at 80 columns a quote is QUOTE_WIDTH
STEP_COLUMN_PADDING = 2  # DataTable's padding, one cell each side


def hanging(text: Text, width: int, console: Console) -> Text:
    """`text` with each line wider than `width` wrapped, its wrapped lines as far in as the line
    itself (the option list would start them at its left edge)."""
    result = Text()
    for number, line in enumerate(text.split("\n", allow_blank=True)):
        if number:
            result.append("\n")
        indent = len(line.plain) - len(line.plain.lstrip(" "))
        if line.cell_len <= width or width - indent < 8:
            result.append_text(line)
            continue
        wrapped = line[indent:].wrap(console, width - indent)
        result.append_text(Text("\n").join(Text(" " * indent) + part for part in wrapped))
    return result


class StepHeader(Themed, Static):
    """The step the walk has reached: its title, claim, and what to do next."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES | WALK_CLASSES)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.node: Node | None = None
        self.number = 0

    def _theme_changed(self, _theme: Theme) -> None:
        self.update(self._text())

    def show_step(self, node: Node, number: int) -> None:
        self.node, self.number = node, number
        self.update(self._text())

    def _text(self) -> Text:
        node = self.node
        if node is None:
            return Text("")
        style = self._style
        text = styled(f"Step {self.number}  ", style("walk--number"))
        text.append_text(glyph(node, style))
        text.append(" ")
        text.append(one_line(node.title), style("walk--title"))
        text.append("\n")
        count = len(node.children)
        keys = "1" if count == 1 else f"1–{min(count, CHOICE_KEYS)}"
        if not count:
            hint = "The end of this path: what was argued along it, step by step."
        elif node.kind is NodeKind.QUESTION:
            hint = f"Competing alternatives: choose one ({keys} or Enter)."
        else:
            hint = f"Consequences, which may happen together: follow one ({keys} or Enter)."
        # What to do comes before the claim, which a small terminal may cut.
        text.append(hint, style("walk--label"))
        text.append("\n")
        text.append(one_line(node.claim))
        return text


class ChoiceList(Themed, OptionList):
    """The alternatives (or consequences) of the current step, each with who argued it and their
    quote, shortened unless the reader asks for it whole."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next choice", show=False),
        Binding("up,k", "cursor_up", "Previous choice", show=False),
        Binding("enter", "select", "Take the highlighted choice", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = (
        OptionList.COMPONENT_CLASSES | LABEL_CLASSES | WALK_CLASSES
    )

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.palette = Palette(index)
        self.node: Node | None = None
        self.hindsight = False
        self.full_quotes = False  # each voice's quote whole, or shortened to one line
        self.width = 0  # the width the prompts were made for

    def on_resize(self) -> None:
        if self.node is not None and self._width() != self.width:
            highlighted = self.highlighted
            self.show_choices(self.node, self.hindsight)
            self.highlighted = highlighted

    def _width(self) -> int:
        """The width a prompt's lines have (0 before the list is laid out)."""
        return self.scrollable_content_region.width - 1  # the scroll bar may come

    def toggle_quotes(self) -> None:
        """Quotes whole or shortened; the highlighted choice stays highlighted."""
        self.full_quotes = not self.full_quotes
        highlighted = self.highlighted
        if self.node is not None:
            self.show_choices(self.node, self.hindsight)
            self.highlighted = highlighted

    def _theme_changed(self, _theme: Theme) -> None:
        if self.node is not None:
            self.show_choices(self.node, self.hindsight)

    def show_choices(self, node: Node, hindsight: bool) -> None:
        self.node, self.hindsight = node, hindsight
        self.width = self._width()
        self.clear_options()
        self.add_options(
            Option(self._prompt(number, child), id=child.id)
            for number, child in enumerate(node.children, 1)
        )
        if node.children:
            self.highlighted = 0

    @property
    def choice_ids(self) -> list[str]:
        return [option.id or "" for option in self.options]

    def _prompt(self, number: int, child: Node) -> Text:
        style = self._style
        text = Text()
        text.append(f"{number} " if number <= CHOICE_KEYS else "  ", style("label--muted"))
        if self.hindsight:
            text.append_text(outcome_glyph(child, style))
            text.append(" ")
        text.append_text(glyph(child, style))
        text.append(" ")
        text.append(one_line(child.title), style("node--title"))
        here = step(self.index, child)
        for arguments, against in ((here.arguments_for, False), (here.arguments_against, True)):
            for argument in arguments:
                text.append("\n" + " " * ARGUMENT_INDENT)
                text.append_text(argument_text(argument, self.palette, style, against))
                text.append_text(self._quote(argument.citation.quote))
        if not here.arguments_for and not here.arguments_against:
            text.append("\n    nobody argued it", style("label--muted"))
        return text

    def _quote(self, quote: str) -> Text:
        """The quote under its choice: shortened to its line, or whole (`v`), its wrapped lines
        as far in as the first."""
        style = self._style("walk--quote")
        width = self.width if self.width > 0 else QUOTE_WIDTH + QUOTE_INDENT + QUOTE_MARGIN
        if not self.full_quotes:
            shown = shorten(quote, max(QUOTE_WIDTH, width - QUOTE_INDENT - QUOTE_MARGIN))
            return Text(f"\n{' ' * QUOTE_INDENT}“{shown}”", style)
        return Text(f"\n{' ' * QUOTE_INDENT}“{one_line(quote)}”", style)

    def _get_visual(self, option: Option) -> Visual:
        # Textual's hook for how an option is drawn: its lines wrapped under themselves. The
        # prompt itself keeps one line per voice and per quote.
        if option._visual is None and isinstance(option.prompt, Text) and self.width > 0:
            shown = hanging(option.prompt, self.width, self.app.console)
            option._visual = visualize(self, shown, markup=False)
        return super()._get_visual(option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(StepChosen(event.option.id))


class WalkSummary(Themed, VerticalScroll):
    """At a leaf: each step, who argued it with their quotes, and who argued against."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES | WALK_CLASSES)

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.palette = Palette(index)
        self.walk: Walk | None = None
        self.hindsight = False

    def _theme_changed(self, _theme: Theme) -> None:
        self.refresh(recompose=True)

    def show_walk(self, walk: Walk, hindsight: bool) -> None:
        self.walk, self.hindsight = walk, hindsight
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        for number, here in enumerate(self.walk.steps if self.walk else (), 1):
            for text, css_class in self.step_parts(number, here):
                yield Static(text, classes=css_class)

    @property
    def plain(self) -> str:
        """The summary's text, one part per line (for tests)."""
        if self.walk is None:
            return ""
        return "\n".join(
            text.plain
            for number, here in enumerate(self.walk.steps, 1)
            for text, _ in self.step_parts(number, here)
        )

    def step_parts(self, number: int, here: Step) -> list[tuple[Text, str]]:
        """A step's blocks: its title, who argued for it and against it (with their quotes),
        and the alternatives not taken; each with its CSS class."""
        style = self._style
        title = styled(f"{number} ", style("walk--number"))
        title.append_text(glyph(here.node, style))
        title.append(" ")
        title.append(one_line(here.node.title), style("walk--title"))
        if self.hindsight and here.node.outcome is not None:
            title.append("\nOutcome: ", style("walk--label"))
            title.append_text(outcome_text(here.node.outcome, style))
        parts = [(title, "walk-step-title")]
        for label, arguments, against in (
            ("Argued by", here.arguments_for, False),
            ("Argued against (doubts)", here.arguments_against, True),
        ):
            if arguments:
                parts.append((styled(f"{label}:", style("walk--label")), "walk-label"))
            parts += [(self._argument(a, against), "walk-argument") for a in arguments]
        if not here.arguments_for:
            parts.append((styled("Nobody argued for it.", style("label--muted")), "walk-label"))
        others = [a for a in here.alternatives if a.node.id != here.chosen]
        if others:
            text = styled("Not taken: ", style("walk--label"))
            for i, alternative in enumerate(others):
                if i:
                    text.append("; ")
                text.append(one_line(alternative.node.title))
                who = [voice_badge(v, self.palette, style) for v in alternative.supporters]
                if who:
                    text.append(" ")
                    text.append_text(Text(" ").join(who))
            parts.append((text, "walk-label"))
        return parts

    def _argument(self, argument: Argument, against: bool) -> Text:
        style = self._style
        text = argument_text(argument, self.palette, style, against)
        text.append("\n")
        text.append(f"“{one_line(argument.citation.quote)}”", style("walk--quote"))
        text.append("\n")
        text.append(source_text(argument.citation, self.index), style("label--muted"))
        return text


class LikelihoodTable(Themed, DataTable[Text]):
    """A row per step, a column per person: the band of their hedge word, “not stated”, or blank
    where they did not argue the step; ¬ and their band where they argued against it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | LABEL_CLASSES

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", zebra_stripes=True)
        self.index = index
        self.palette = Palette(index)
        self.walk: Walk | None = None
        self.width = 0  # a person's column, as last laid out
        self.border_title = "Likelihood, from their own hedge words · blank: not argued · ¬ against"

    def _theme_changed(self, _theme: Theme) -> None:
        if self.walk is not None:
            self.show_walk(self.walk)

    def show_walk(self, walk: Walk) -> None:
        self.walk = walk
        style = self._style
        self.clear(columns=True)
        self.add_column(Text("Step"), key="step")
        voices = walk.voices()
        self.width = width = self._voice_width(len(voices))
        for voice in voices:
            label = voice_badge(voice, self.palette, style)
            name_width = min(VOICE_WIDTH, max(width - label.cell_len - 1, 1))
            label.append(f" {shorten(voice.name, name_width)}")
            self.add_column(label, key=voice.key)
        self.fixed_columns = 1
        table = walk.positions()
        for i, here in enumerate(walk.steps):
            title = Text(f"{i + 1} ")
            title.append_text(glyph(here.node, style))
            title.append(f" {shorten(here.node.title, STEP_TITLE_WIDTH)}")
            cells = [title]
            cells += [self._cell(table[voice.key][i], width) for voice in voices]
            self.add_row(*cells, key=here.node.id)
        self.call_after_refresh(self.scroll_end, animate=False)

    def _voice_width(self, voices: int) -> int:
        """A person's column: the room left by the step column, shared, so that the table fits
        the width there is (it scrolls sideways only past VOICE_MIN columns a person)."""
        room = (self.size.width or self.app.size.width) - STEP_TITLE_WIDTH - 6
        share = (room - STEP_COLUMN_PADDING * (voices + 1) - 1) // max(voices, 1)
        return max(VOICE_MIN, share)

    def on_resize(self) -> None:
        if self.walk is not None and self._voice_width(len(self.walk.voices())) != self.width:
            self.show_walk(self.walk)

    def _cell(self, position: Position | None, width: int) -> Text:
        style = self._style
        if position is None:
            return Text("")
        if position.against:
            band = shorten(f"{AGAINST_GLYPH} {position.band}", width)
            return styled(band, style("stance--doubts"))
        if not position.stated:
            return styled(shorten(position.band, width), style("label--muted"))
        return Text(shorten(position.band, width))

    def by_voice(self) -> dict[str, list[str]]:
        """voice key → the text of its cells, step by step (for tests)."""
        keys = [str(column.key.value) for column in self.ordered_columns]
        found: dict[str, list[str]] = {key: [] for key in keys[1:]}
        for row in self.ordered_rows:
            for key, cell in zip(keys[1:], self.get_row(row.key)[1:], strict=True):
                found[key].append(cell.plain)
        return found
