"""A key that has nothing to do says why, as k9s flashes: `L` with one corpus, `d` with no
problems."""

from __future__ import annotations

from explorer.tui.app import ExplorerApp
from explorer.tui.widgets.diagnostics import DiagnosticsPanel

from .helpers import MINI, explore, main_screen, press


def messages(app: ExplorerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_l_with_one_corpus_says_there_is_no_other() -> None:
    async with explore(MINI, live=False) as (app, pilot):
        assert messages(app) == []
        await press(pilot, "L")
        (said,) = messages(app)
        assert "one corpus" in said
        assert "mini" in said  # the folder it looked in


async def test_d_with_no_problems_says_the_corpus_passes_every_check() -> None:
    async with explore(MINI, live=False) as (app, pilot):
        screen = main_screen(app)
        assert not screen.diagnostics  # the premise: the mini corpus has no problems
        await press(pilot, "d")
        (said,) = messages(app)
        assert "No problems" in said
        assert not screen.query_one(DiagnosticsPanel).has_focus
        assert screen.scenario_tree.has_focus
