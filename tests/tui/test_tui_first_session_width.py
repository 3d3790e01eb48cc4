"""The width there is: matrix cells and walk quotes use it, the likelihood table fits it, and
with `v` a wrapped quote keeps its indent."""

from __future__ import annotations

from textual.geometry import Region

from explorer.reading.bundled import bundled_scenarios
from explorer.tui.screens.matrix import MatrixScreen
from explorer.tui.screens.walk import WalkScreen
from explorer.tui.widgets.matrix import ALTERNATIVE_WIDTH, MatrixTable
from explorer.tui.widgets.walk import QUOTE_WIDTH, ChoiceList, LikelihoodTable

from .helpers import explore, plain, press


async def test_three_people_at_120_columns_share_the_width() -> None:
    async with explore(bundled_scenarios(), size=(120, 40)) as (app, pilot):
        await press(pilot, "m", "l")
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one(MatrixTable)
        assert len(table.column_keys) > 4  # the bundled corpus has more than three people
        for _ in range(len(table.column_keys) - 4):  # hide people until three are left
            await press(pilot, "minus")
        assert len(table.column_keys) == 4  # the question and three people
        lines = [
            line
            for cells in table.rows_text().values()
            for cell in cells[1:]
            for line in cell.split("\n")
        ]
        assert max(len(line) for line in lines) > ALTERNATIVE_WIDTH  # wider than before
        assert table.virtual_size.width <= table.size.width  # no scrolling sideways
        await press(pilot, "plus")  # everyone: the columns keep their least width and scroll
        assert table.widths[1] >= ALTERNATIVE_WIDTH


async def test_walk_quotes_use_the_width() -> None:
    async with explore(bundled_scenarios(), size=(120, 40)) as (app, pilot):
        await press(pilot, "w")
        assert isinstance(app.screen, WalkScreen)
        choices = app.screen.query_one(ChoiceList)
        quotes = [
            line.strip()
            for option in choices.options
            for line in plain(option.prompt).split("\n")
            if line.strip().startswith("“")
        ]
        assert max(len(quote) for quote in quotes) > QUOTE_WIDTH + 2
        widest = max(len(line) for o in choices.options for line in plain(o.prompt).split("\n"))
        assert widest <= choices.scrollable_content_region.width


async def test_full_quotes_keep_their_indent_when_they_wrap() -> None:
    async with explore(bundled_scenarios(), size=(80, 24)) as (app, pilot):
        await press(pilot, "w", "v")
        choices = app.screen.query_one(ChoiceList)
        width, height = choices.outer_size
        lines = [strip.text[1:] for strip in choices.render_lines(Region(0, 0, width, height))]
        assert any(line.startswith("      U.S.-Iran tensions") for line in lines)  # wrapped
        for line in lines:  # a choice's title, or who argued it (4 in) and their quote (6 in)
            assert line[0].isdigit() or line.startswith("    ") or not line.strip(), line


async def test_the_likelihood_table_fits_at_80_columns() -> None:
    async with explore(bundled_scenarios(), size=(80, 24)) as (app, pilot):
        await press(pilot, "w", "3", "1")  # to the end of a path argued by three people
        table = app.screen.query_one(LikelihoodTable)
        assert len(table.columns) == 4
        assert table.virtual_size.width <= table.size.width
