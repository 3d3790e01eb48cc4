"""The compare matrix scrolled sideways through many people shows whole columns: no cell is cut
at its start (the fragments `d o…`, `aint` that were left beside the question column)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from explorer.bench.corpus import generate
from explorer.tui.screens.matrix import MatrixScreen
from explorer.tui.widgets.matrix import ALTERNATIVE_WIDTH, MatrixTable, column_widths

from .helpers import explore, press


def fragments(table: MatrixTable) -> list[str]:
    """The runs of text on the table's lines (split at two spaces or more) that are not the start
    of a line of some cell, column heading or question: pieces of a cell cut at its start."""
    starts = {str(column.label) for column in table.ordered_columns}
    for cells in table.rows_text().values():
        starts.update(line for cell in cells for line in cell.split("\n"))
    lines = [table.render_line(y).text for y in range(table.scrollable_content_region.height)]
    runs = [run for line in lines for run in re.split(r"\s{2,}", line.strip()) if run]
    return [run for run in runs if not any(start.startswith(run) for start in starts)]


async def test_scrolling_through_many_people_leaves_no_fragments(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 120)  # 25 people or so: their columns scroll sideways
    async with explore(corpus, size=(80, 24), live=False) as (app, pilot):
        await press(pilot, "m")
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one(MatrixTable)
        people = len(table.column_keys) - 1
        assert people > 10
        assert table.virtual_size.width > table.size.width
        seen = 0.0
        for _ in range(people):
            await press(pilot, "right")
            assert fragments(table) == [], table.scroll_x
            seen = max(seen, table.scroll_x)
        assert seen == table.max_scroll_x > 0  # scrolled to the last column
        for _ in range(people):
            await press(pilot, "left")
            assert fragments(table) == [], table.scroll_x
        assert table.scroll_x == 0


@given(room=st.integers(40, 400), people=st.integers(1, 60))
def test_the_columns_beside_the_question_fill_the_room_exactly(room: int, people: int) -> None:
    question, person = column_widths(room, people)
    beside = room - (question + 4)  # the glyph and its space, a cell of padding each side
    assert person >= ALTERNATIVE_WIDTH
    if beside >= ALTERNATIVE_WIDTH + 2:
        assert beside % (person + 2) == 0  # a whole number of people's columns
        assert beside // (person + 2) == min(people, beside // (ALTERNATIVE_WIDTH + 2))
