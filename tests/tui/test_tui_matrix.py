"""The compare matrix: questions × people, a tag filter, and Enter to show a cell in the tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from explorer.bench.corpus import generate
from explorer.reading.bundled import bundled_scenarios
from explorer.tui.app import ExplorerApp
from explorer.tui.screens import matrix as matrix_screen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.matrix import MatrixScreen
from explorer.tui.screens.pick import NodePicker
from explorer.tui.widgets.labels import one_line
from explorer.tui.widgets.matrix import (
    ALTERNATIVE_WIDTH,
    ROWS_AHEAD,
    CellDetail,
    MatrixHeader,
    MatrixTable,
)

from .helpers import HOSTILE, explore, main_screen, plain, press, tree_of


def matrix(app: ExplorerApp) -> MatrixTable:
    assert isinstance(app.screen, MatrixScreen)
    return app.screen.query_one(MatrixTable)


async def test_the_matrix_puts_questions_against_people_and_a_tag_filters_the_rows() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "m")
        table = matrix(app)
        assert table.column_keys == ["question", "ada-gale", "mara-quay", "source:ledger"]
        assert table.rows_text() == {
            "crews": [
                "? Do the fishing crews l…",
                "Crews move north",
                "Crews stay and fight",
                "against: Crews move north",
            ],
            "waterfront": [
                "? What becomes of the wa…",
                "A tourism boom",
                "",
                "The waterfront stands idle\nagainst: A tourism boom",  # wider: the room there is
            ],
        }
        header = app.screen.query_one(MatrixHeader)
        assert plain(header.content).startswith("Tag: all · 2 questions")
        await press(pilot, "f")
        assert list(table.rows_text()) == ["crews"]
        assert plain(header.content).startswith("Tag: jobs · 1 question")
        assert table.column_keys == ["question", "ada-gale", "mara-quay", "source:ledger"]
        await press(pilot, "f")
        assert list(table.rows_text()) == ["waterfront"]
        assert table.column_keys == ["question", "ada-gale", "source:ledger"]
        await press(pilot, "f")
        assert list(table.rows_text()) == ["crews", "waterfront"]
        await press(pilot, "F")
        assert list(table.rows_text()) == ["waterfront"]


async def test_enter_or_a_click_on_a_cell_shows_its_alternative_in_the_tree() -> None:
    async with explore() as (app, pilot):
        tree = tree_of(app)
        tree.root.collapse_all()
        await press(pilot, "m", "right", "enter")  # Ada Gale on the crews question
        assert isinstance(app.screen, MainScreen)
        assert tree.cursor_id == "crews-move" and tree.is_expanded("crews")
        assert main_screen(app).selected_id == "crews-move"
        assert app.focused is tree
        # A cell with two alternatives asks which one.
        await press(pilot, "m", "down", "right", "right", "right", "enter")
        assert isinstance(app.screen, NodePicker)
        options = app.screen.query_one(OptionList).options
        assert [plain(o.prompt) for o in options] == [
            "1 The waterfront stands idle",
            "2 A tourism boom",
        ]
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, MainScreen)
        assert tree.cursor_id == "tourism-boom"
        # An empty cell says so and stays; the question column shows the question.
        await press(pilot, "m", "down", "right", "right", "enter")
        assert isinstance(app.screen, MatrixScreen)
        await press(pilot, "left", "left", "enter")
        assert tree.cursor_id == "waterfront"
        # A click on the highlighted cell selects it, as Enter does.
        await press(pilot, "m")
        table = matrix(app)
        table.move_cursor(row=0, column=2)
        await pilot.pause()
        region = table.content_region
        cell_x = sum(c.get_render_width(table) for c in table.ordered_columns[:2]) + 2
        await pilot.click(MatrixTable, offset=(cell_x, 1))
        await pilot.pause()
        assert region.width > 0
        assert isinstance(app.screen, MainScreen)
        assert tree.cursor_id == "crews-stay"


async def test_the_matrix_shows_markup_literally() -> None:
    async with explore(HOSTILE) as (app, pilot):
        await press(pilot, "m")
        rows = matrix(app).rows_text()
        assert rows["crews"][:2] == [
            "? Do the [bold]crews[/it…",
            "[@click=app.quit]Crews move nort…",
        ]
        await press(pilot, "enter")
        assert app.is_running


async def test_the_highlighted_cell_is_shown_whole_under_the_matrix() -> None:
    async with explore(bundled_scenarios(), size=(80, 24)) as (app, pilot):
        await press(pilot, "m", "down")
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        detail = screen.query_one(CellDetail)
        question = screen.matrix.questions[1]
        assert matrix(app).rows_text()[question.id][0].endswith("…")  # cut in the table
        assert detail.plain == f"? {question.title}\n{one_line(question.claim)}"
        await press(pilot, "right")
        voice = matrix(app).voices[0]
        cell = screen.matrix.cell(question.id, voice.key)
        assert cell is not None
        lines = detail.plain.split("\n")
        assert lines[1] == f"{voice.short} {voice.name}"
        titles = [n.title for n in (*cell.alternatives, *cell.against)]
        assert [line.strip().split("  ")[0] for line in lines[2:]] == [
            *titles[: len(cell.alternatives)],
            *(f"against: {t}" for t in titles[len(cell.alternatives) :]),
        ]
        assert any(len(t) > ALTERNATIVE_WIDTH for t in titles)  # longer than a table cell


async def test_people_columns_scroll_reorder_and_hide() -> None:
    async with explore(bundled_scenarios(), size=(80, 24)) as (app, pilot):
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        table = matrix(app)
        everyone = [v.key for v in screen.matrix.voices]
        assert table.column_keys[1:] == everyone
        # Columns scroll: the last person can be reached at 80 columns.
        await press(pilot, *["right"] * len(everyone))
        assert table.cursor_column == len(everyone) and table.scroll_x > 0
        # O: most citations first, then by name, then as listed again.
        await press(pilot, "O")
        counts = [screen.matrix.citations_by(k) for k in table.column_keys[1:]]
        assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
        assert sorted(table.column_keys[1:]) == sorted(everyone)
        await press(pilot, "O")
        names = [screen.index.voices[k].name.casefold() for k in table.column_keys[1:]]
        assert names == sorted(names)
        await press(pilot, "O")
        assert table.column_keys[1:] == everyone
        # - hides the highlighted person's column; + brings every column back.
        await press(pilot, "home", "right")
        hidden = table.column_keys[table.cursor_column]
        await press(pilot, "minus")
        assert hidden not in table.column_keys and len(table.column_keys) == len(everyone)
        shown = f"{len(everyone) - 1} of {len(everyone)} people"
        assert shown in plain(screen.query_one(MatrixHeader).content)
        await press(pilot, "plus")
        assert table.column_keys[1:] == everyone


async def test_a_large_matrix_makes_its_rows_as_they_come_near(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 1000)  # about two hundred questions
    async with explore(corpus, size=(120, 40), live=False) as (app, pilot):
        await press(pilot, "m")
        table = matrix(app)
        questions = [q.id for q in table.matrix.questions] if table.matrix else []
        assert len(questions) > 2 * ROWS_AHEAD
        assert table.row_count == ROWS_AHEAD  # the first rows only
        first = table.rows_text()
        for _ in range(3):
            await press(pilot, "pagedown")
        assert ROWS_AHEAD < table.row_count < len(questions)
        assert table.cursor_row < table.row_count - ROWS_AHEAD // 2
        await press(pilot, "end")
        assert list(table.rows_text()) == questions  # every row, in the matrix's order
        assert {key: table.rows_text()[key] for key in first} == first


async def test_a_large_corpus_matrix_is_made_in_a_thread_after_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matrix_screen, "MADE_AT_ONCE", 10)  # the mini corpus counts as large
    async with explore(size=(120, 40), live=False) as (app, pilot):
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "matrix"])
        await pilot.pause()
        assert matrix(app).rows_text() and len(screen.tags) > 1
        await press(pilot, "escape", "m")  # made once: the second opening fills it at once
        assert matrix(app).rows_text()
