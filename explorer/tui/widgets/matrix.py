"""The compare matrix: questions down, people across; each cell the alternatives a person argued,
coloured by stance, those argued against after “against:”."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.theme import Theme
from textual.widgets import DataTable, Static

from explorer.analysis.queries import CorpusIndex, Voice
from explorer.analysis.walks import Cell, Matrix, VoiceOrder
from explorer.model import Node, Stance
from explorer.outputs.classes import Palette
from explorer.tui.messages import NodesChosen
from explorer.tui.widgets.labels import (
    LABEL_CLASSES,
    REPORTED_GLYPH,
    glyph,
    one_line,
    shorten,
    stance_style,
    voice_badge,
    voice_line,
)
from explorer.tui.widgets.themed import Themed

QUESTION_WIDTH = 23  # the question column, at least: two people beside it at 80 columns
ALTERNATIVE_WIDTH = 24  # a person's column, at least: wider when the terminal has the room
QUESTION_SHARE = 4  # the question column takes up to a quarter of a wide table
CELL_PADDING = 2  # DataTable's padding, one cell each side
QUESTION_COLUMN = "question"
AGAINST = "against: "
ROWS_AHEAD = 30  # matrix rows made beyond the cursor (a screenful); more as it or the scroll nears


def column_widths(room: int, people: int) -> tuple[int, int]:
    """The widths of the question's title and of each person's column, in characters, so that
    the columns take the `room` there is (the table's width inside its scroll bar), never below
    the minimums. When the people's columns scroll sideways, the room beside the question holds
    a whole number of them, the question taking what is left over: a column scrolled to is
    never cut at its start, and the last one ends at the table's edge."""
    question = max(QUESTION_WIDTH, min(40, room // QUESTION_SHARE - 2))
    if people == 0:
        return question, ALTERNATIVE_WIDTH
    beside = room - (question + 2 + CELL_PADDING)  # 2: the glyph and its space
    shown = min(people, max(1, beside // (ALTERNATIVE_WIDTH + CELL_PADDING)))
    person = max(ALTERNATIVE_WIDTH, beside // shown - CELL_PADDING)
    return question + max(0, beside - shown * (person + CELL_PADDING)), person


def row_height(cells: Sequence[Text], widths: Sequence[int]) -> int | None:
    """The height of a row: its tallest cell's lines, when every line fits its column (each
    alternative is a line of its own, cut to the column); None, for the table to measure the
    row by rendering it, when a line might wrap (a character two cells wide)."""
    tallest = 1
    for cell, width in zip(cells, widths, strict=True):
        lines = cell.plain.split("\n")
        if any(cell_len(line) > width for line in lines):
            return None
        tallest = max(tallest, len(lines))
    return tallest


def stance_of(index: CorpusIndex, node: Node, key: str, supporting: bool) -> Stance | None:
    """The stance of the first citation by which a voice argues for (or against) a node."""
    for citation in node.citations:
        if citation.stance.supports != supporting:
            continue
        if any(voice.key == key for voice in index.voices_of(citation)):
            return citation.stance
    return None


class MatrixHeader(Themed, Static):
    """What the matrix shows: the tag filter, the keys, and what the colours mean."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.tag: str | None = None
        self.questions = 0
        self.people = (0, 0)  # columns shown, people in the matrix
        self.order = VoiceOrder.CORPUS

    def _theme_changed(self, _theme: Theme) -> None:
        self.update(self._text())

    def show_filter(
        self, tag: str | None, questions: int, people: tuple[int, int], order: VoiceOrder
    ) -> None:
        self.tag, self.questions, self.people, self.order = tag, questions, people, order
        self.update(self._text())

    def _text(self) -> Text:
        style = self._style
        text = Text()
        text.append("Tag: ", style("label--muted"))
        text.append(self.tag if self.tag is not None else "all")
        text.append(f" · {self.questions} question{'s' if self.questions != 1 else ''}")
        shown, everyone = self.people
        text.append(f" · {shown} of {everyone} people, {self.order.value}")
        text.append(" · ←/→ scroll\n", style("label--muted"))
        for stance in Stance:
            if stance is Stance.DOUBTS:
                continue
            text.append(stance.value, stance_style(stance, style))
            text.append("  ")
        text.append(AGAINST.strip(), stance_style(Stance.DOUBTS, style))
        text.append(" argued against", style("label--muted"))
        text.append(f"  {REPORTED_GLYPH} reported", style("label--muted"))
        return text


class CellShown(Message):
    """The reader's cursor is on this question and this person's column (None: the question's
    own column)."""

    def __init__(self, question_id: str, voice_key: str | None) -> None:
        super().__init__()
        self.question_id = question_id
        self.voice_key = voice_key


class CellDetail(Themed, Static):
    """The highlighted cell whole, under the table: the question's full title, the person, and
    every alternative they argued with its stance, none of it shortened."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES)

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.index = index
        self.palette = Palette(index)
        self.shown: tuple[Node, Voice | None, Cell | None] | None = None

    def _theme_changed(self, _theme: Theme) -> None:
        self.update(self._text())

    def show_cell(self, question: Node, voice: Voice | None, cell: Cell | None) -> None:
        self.shown = (question, voice, cell)
        self.update(self._text())

    @property
    def plain(self) -> str:
        return self._text().plain

    def _text(self) -> Text:
        if self.shown is None:
            return Text("")
        question, voice, cell = self.shown
        style = self._style
        text = glyph(question, style)
        text.append(f" {one_line(question.title)}", style("node--title"))
        if voice is None:
            text.append(f"\n{one_line(question.claim)}")
            return text
        text.append("\n")
        text.append_text(voice_line(voice, self.palette, style))
        if cell is None:
            text.append(": argued no alternative of this question", style("label--muted"))
            return text
        for node, supporting in (
            *((n, True) for n in cell.alternatives),
            *((n, False) for n in cell.against),
        ):
            stance = stance_of(self.index, node, voice.key, supporting) or Stance.PREDICTS
            text.append("\n  ")
            if not supporting:
                text.append(AGAINST, stance_style(Stance.DOUBTS, style))
            text.append(one_line(node.title))
            text.append(f"  {stance.value}", stance_style(stance, style))
            if node.id in cell.reported:
                text.append(
                    f" {REPORTED_GLYPH} as another author reports it", style("label--muted")
                )
        return text


class MatrixTable(Themed, DataTable[Text]):
    """Enter (or a click on the highlighted cell) shows the cell's alternative in the tree."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Show in tree"),
        Binding("down,j", "cursor_down", "Next question", show=False),
        Binding("up,k", "cursor_up", "Previous question", show=False),
        Binding("right,l", "cursor_right", "Next person", show=False),
        Binding("left,h", "cursor_left", "Previous person", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | LABEL_CLASSES

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.index = index
        self.palette = Palette(index)
        self.matrix: Matrix | None = None
        self.voices: tuple[Voice, ...] = ()
        self.widths = (QUESTION_WIDTH, ALTERNATIVE_WIDTH)  # those the cells were cut to
        self._unmade: Iterator[Node] = iter(())  # the questions whose rows are not made yet

    def _widths(self) -> tuple[int, int]:
        # The scroll bar's gutter is kept (matrix.tcss), so the room is the same with or without.
        room = (self.size.width or self.app.size.width) - self.styles.scrollbar_size_vertical
        return column_widths(room, len(self.voices))

    def on_resize(self) -> None:
        if self.matrix is not None and self._widths() != self.widths:
            self.show_matrix(self.matrix, self.voices)

    def _theme_changed(self, _theme: Theme) -> None:
        if self.matrix is not None:
            self.show_matrix(self.matrix, self.voices)

    def show_matrix(self, matrix: Matrix, voices: Sequence[Voice] | None = None) -> None:
        """The matrix, with these people's columns in this order (all of them by default)."""
        self.matrix = matrix
        self.voices = tuple(matrix.voices if voices is None else voices)
        style = self._style
        self.widths = question_width, person_width = self._widths()
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        # Columns of these very widths, whatever their cells hold: see `column_widths`.
        self.add_column(Text("Question"), key=QUESTION_COLUMN, width=question_width + 2)
        for voice in self.voices:
            label = voice_badge(voice, self.palette, style)
            label.append(f" {shorten(voice.name, person_width - label.cell_len - 1)}")
            self.add_column(label, key=voice.key, width=person_width)
        self.fixed_columns = 1
        self._unmade = iter(matrix.questions)
        self._make_rows(cursor.row + ROWS_AHEAD)
        if self.row_count:
            self.cursor_coordinate = self.validate_cursor_coordinate(cursor)

    # Rows are made as they come near the screen, not all at once: a large corpus has tens of
    # thousands of questions, each row measured for its height.

    def _make_rows(self, count: int) -> None:
        """Make the next `count` rows (those left, when fewer)."""
        matrix, (question_width, person_width) = self.matrix, self.widths
        if matrix is None:
            return
        # Given its height, a row is not rendered once more to be measured (the table's
        # `height=None`): that was half the cost of opening the matrix of a large corpus.
        widths = [question_width + 2, *(person_width for _ in self.voices)]
        for question in itertools.islice(self._unmade, count):
            title = glyph(question, self._style)
            title.append(f" {shorten(question.title, question_width)}")
            cells = [title]
            for voice in self.voices:
                cells.append(self._cell(voice.key, matrix.cell(question.id, voice.key)))
            self.add_row(*cells, key=question.id, height=row_height(cells, widths))

    def _make_rows_near(self, row: int) -> None:
        if self.row_count - row < ROWS_AHEAD // 2:
            self._make_rows(ROWS_AHEAD)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.max_scroll_y - new_value < self.size.height:
            self._make_rows(ROWS_AHEAD)

    def action_scroll_bottom(self) -> None:
        self._make_rows(len(self.matrix.questions) if self.matrix is not None else 0)
        super().action_scroll_bottom()

    def action_scroll_end(self) -> None:
        self._make_rows(len(self.matrix.questions) if self.matrix is not None else 0)
        super().action_scroll_end()

    def _cell(self, key: str, cell: Cell | None) -> Text:
        style = self._style
        width = self.widths[1] - len(REPORTED_GLYPH)  # the lines keep inside the column
        text = Text()
        if cell is None:
            return text
        for node in cell.alternatives:
            if text:
                text.append("\n")
            stance = stance_of(self.index, node, key, supporting=True) or Stance.PREDICTS
            text.append(shorten(node.title, width), stance_style(stance, style))
            if node.id in cell.reported:
                text.append(REPORTED_GLYPH, style("label--muted"))
        for node in cell.against:
            if text:
                text.append("\n")
            text.append(AGAINST, stance_style(Stance.DOUBTS, style))
            text.append(shorten(node.title, width - len(AGAINST)), style("label--muted"))
            if node.id in cell.reported:
                text.append(REPORTED_GLYPH, style("label--muted"))
        return text

    # -- what the reader chose -----------------------------------------------------------------

    def targets(self, question_id: str, column: str) -> tuple[str, ...]:
        """The node ids a cell points at: the question itself, or the alternatives argued."""
        if column == QUESTION_COLUMN:
            return (question_id,)
        cell = self.matrix.cell(question_id, column) if self.matrix is not None else None
        if cell is None:
            return ()
        return tuple(n.id for n in (*cell.alternatives, *cell.against))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._make_rows_near(event.coordinate.row)
        question_id = str(event.cell_key.row_key.value)
        column = str(event.cell_key.column_key.value)
        self.post_message(CellShown(question_id, None if column == QUESTION_COLUMN else column))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        question_id = str(event.cell_key.row_key.value)
        column = str(event.cell_key.column_key.value)
        voice = self.index.voices.get(column)
        note = f"{voice.name} argued no alternative of this question." if voice else ""
        self.post_message(NodesChosen(self.targets(question_id, column), note))

    def rows_text(self) -> dict[str, list[str]]:
        """question id → the cells' text (question first), for tests."""
        return {
            str(row.key.value): [cell.plain for cell in self.get_row(row.key)]
            for row in self.ordered_rows
        }

    @property
    def column_keys(self) -> list[str]:
        return [str(column.key.value) for column in self.ordered_columns]
