"""The detail pane and the breadcrumb follow the tree's cursor."""

from __future__ import annotations

from explorer.tui.app import ExplorerApp
from explorer.tui.widgets.breadcrumb import Breadcrumb

from .helpers import detail_text, explore, main_screen, press, run, tree_of


def breadcrumb(app: ExplorerApp) -> str:
    return main_screen(app).query_one(Breadcrumb).plain


def test_the_breadcrumb_is_the_path_from_the_trigger() -> None:
    async def body() -> None:
        async with explore() as (app, pilot):
            assert breadcrumb(app) == "• The council closes the old harbour"
            await press(pilot, "j", "j", "l", "l")
            assert tree_of(app).cursor_id == "boatyards-follow"
            assert breadcrumb(app) == (
                "• The council closes the old harbour › ? Do the fishing crews leave? › "
                "• Crews move north › • Boatyards follow the crews"
            )

    run(body)


def test_the_detail_shows_claim_citations_stances_bands_people_and_sources() -> None:
    async def body() -> None:
        async with explore() as (app, pilot):
            await press(pilot, "j", "j")  # crews-move
            text = detail_text(app)
            assert "• Crews move north" in text
            assert "event · id crews-move · tags jobs · horizon months · crews.yaml:11" in text
            assert "The crews relocate to the northern port within a year." in text
            assert "Argued by: AG Ada Gale" in text
            assert "Against: ✗LW Ledger Weekly (author not named)" in text
            assert "Citations (2)" in text
            assert (
                "1  predicts · likelihood “almost certainly”: almost certain (95–99 %)\n"
                "“Fishing crews will almost certainly move north within a year”\n"
                "Ada Gale — Columnist of the Harbour Gazette\n"
                "The harbour closes · The Harbour Gazette · 2021-03-02 · opinion"
            ) in text
            assert (
                "2  doubts · likelihood “unlikely”: unlikely (20–45 %)\n"
                "“The crews are unlikely to leave”\n"
                "Ledger Weekly (author not named)\n"
                "A mistake at the harbour · Ledger Weekly · 2021-03 · analysis"
            ) in text

    run(body)


def test_a_missing_hedge_a_quoted_speaker_and_see_also() -> None:
    async def body() -> None:
        async with explore() as (app, pilot):
            await press(pilot, "j", "j", "j")  # crews-stay
            text = detail_text(app)
            assert "Mara Quay (quoted) — Chair of the fishers' association" in text
            assert "“will”: almost certain (95–99 %)" in text
            assert "See also: Crews move north" in text
            await press(pilot, "end")  # the last line: waterfront-idle
            assert tree_of(app).cursor_id == "waterfront-idle"
            assert "predicts · likelihood not stated" in detail_text(app)

    run(body)
