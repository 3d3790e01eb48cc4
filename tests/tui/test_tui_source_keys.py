"""The source view's keys: it answers at once after a cite, the cite dialog's dropdowns stay in
its border, `/` searches the article; on the main screen, `r` reaches the see-also links."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Spacing
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from explorer.tui.screens.cite import CiteDialog
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.seed_view import SeedView
from tests.shared import copy_bundled

from .helpers import explore, main_screen, press
from .test_tui_cite import SENTENCE, selected, until, view_of

NEXT_SENTENCE = "Some say the closure “opens"


async def test_after_a_cite_and_its_reload_the_text_has_the_focus_and_answers(
    mini_copy: Path,
) -> None:
    async with explore(mini_copy) as (app, pilot):
        await press(pilot, "j", "j", "1", "right_square_bracket")
        assert selected(app) == SENTENCE
        await press(pilot, "c")
        assert isinstance(app.screen, CiteDialog)
        await press(pilot, "tab", "tab", "tab", "tab", "enter")  # to, stance, hedge, voice: Cite
        assert isinstance(app.screen, SourceScreen)

        def reloaded() -> bool:
            return len(main_screen(app).index.nodes["crews-move"].citations) == 3

        await until(pilot, reloaded)
        await pilot.pause()
        assert isinstance(app.focused, SeedView)
        # The passage just cited is the quote shown; `]` goes on from it, `[` back before it.
        view = view_of(app)
        assert view.seed.text[view.matches[view.current].start :].startswith(SENTENCE)
        await press(pilot, "right_square_bracket")
        assert selected(app).startswith(NEXT_SENTENCE)
        await press(pilot, "c")
        assert isinstance(app.screen, CiteDialog)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(
    ("choice", "to_child"),
    [
        ("#cite-to", False),
        ("#cite-stance", False),
        ("#cite-hedge", False),
        ("#cite-voice", False),
        ("#cite-voice", True),  # the last list, under the most rows
    ],
)
async def test_the_cite_dialogs_dropdowns_open_inside_its_border(
    tmp_path: Path, size: tuple[int, int], choice: str, to_child: bool
) -> None:
    # The bundled corpus: its many people make a long list of voices.
    async with explore(copy_bundled(tmp_path), size=size, live=False) as (app, pilot):
        await press(pilot, "j", "1", "right_square_bracket", "c")
        assert isinstance(app.screen, CiteDialog)
        if to_child:  # two more rows: a title and a claim
            await press(pilot, "enter", "down", "enter")
            assert app.screen.query_one("#cite-title").display
        select = app.screen.query_one(choice, Select)
        select.focus()
        await press(pilot, "enter")
        overlay = select.query_one(SelectOverlay)
        assert select.expanded
        await pilot.pause()
        inside = app.screen.query_one("#cite-dialog").region.shrink(Spacing.all(1))
        assert overlay.region.height >= min(len(select._options), 8)  # its options are shown
        assert inside.contains_region(overlay.region), (overlay.region, inside)
        await press(pilot, "escape")  # the list closes, the dialog stays
        assert not select.expanded
        assert isinstance(app.screen, CiteDialog)
