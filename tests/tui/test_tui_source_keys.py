"""The source view's keys: it answers at once after a cite, the cite dialog's dropdowns stay in
its border, `/` searches the article; on the main screen, `r` reaches the see-also links."""

from __future__ import annotations

from pathlib import Path

from explorer.tui.screens.cite import CiteDialog
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.seed_view import SeedView

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
