"""The matrix gives each row its height rather than have the table render the row to measure it:
the heights must be the ones Textual's DataTable measures (`height=None`), or cells are cut or
padded. Compared on generated corpora, with titles two cells wide per character among them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from explorer.bench.corpus import generate
from explorer.tui.screens.matrix import MatrixScreen
from explorer.tui.widgets import matrix
from explorer.tui.widgets.matrix import MatrixTable, row_height

from .helpers import explore, press

WIDE = "長い題名の選択肢"  # eight characters, sixteen cells


async def matrix_heights(corpus: Path, size: tuple[int, int]) -> dict[str, int]:
    """Every row's height once all the rows are made (`end`)."""
    async with explore(corpus, size=size, live=False) as (app, pilot):
        await press(pilot, "m")
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one(MatrixTable)
        await press(pilot, "end")
        await pilot.pause()
        assert table.matrix is not None and table.row_count == len(table.matrix.questions)
        return {str(row.key.value): row.height for row in table.ordered_rows}


@pytest.mark.parametrize("size", [(80, 24), (160, 40)])
async def test_the_heights_given_are_the_ones_the_table_measures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    corpus = generate(tmp_path, 400)
    trees = sorted(corpus.glob("tree-*.yaml"))
    text = trees[0].read_text(encoding="utf-8")
    # Some titles wide enough, in cells, to wrap in a column if cut by characters.
    text = text.replace("title: ", f"title: {WIDE * 3} ", 40)
    trees[0].write_text(text, encoding="utf-8")

    given_heights = await matrix_heights(corpus, size)
    monkeypatch.setattr(matrix, "row_height", lambda cells, widths: None)
    measured = await matrix_heights(corpus, size)

    assert given_heights == measured
    assert max(measured.values()) > 1  # rows of several lines were among them


@given(
    lines=st.lists(
        st.lists(st.text(alphabet="ab 長…", max_size=30), min_size=0, max_size=4),
        min_size=1,
        max_size=5,
    ),
    width=st.integers(5, 30),
)
def test_a_height_is_given_only_when_no_line_can_wrap(lines: list[list[str]], width: int) -> None:
    cells = [Text("\n".join(cell)) for cell in lines]
    height = row_height(cells, [width] * len(cells))
    fits = all(cell_len(line) <= width for cell in lines for line in cell)
    assert (height is not None) == fits
    if height is not None:
        assert height == max(1, *(len(cell) for cell in lines))
