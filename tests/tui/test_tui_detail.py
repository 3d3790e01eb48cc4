"""The detail pane and the breadcrumb follow the tree's cursor."""

from __future__ import annotations

from textual.widgets import Static

from explorer.tui.app import ExplorerApp
from explorer.tui.widgets.breadcrumb import Breadcrumb
from explorer.tui.widgets.detail import CitationCard, DetailPane
from explorer.tui.widgets.labels import one_line

from .helpers import detail_text, explore, main_screen, press, tree_of


def breadcrumb(app: ExplorerApp) -> str:
    return main_screen(app).query_one(Breadcrumb).plain


async def test_the_breadcrumb_is_the_path_from_the_trigger() -> None:
    async with explore() as (app, pilot):
        assert breadcrumb(app) == "• The council closes the old harbour"
        await press(pilot, "j", "j", "l", "l")
        assert tree_of(app).cursor_id == "boatyards-follow"
        assert breadcrumb(app) == (
            "• The council closes the old harbour › ? Do the fishing crews leave? › "
            "• Crews move north › • Boatyards follow the crews"
        )


async def test_the_detail_shows_claim_citations_stances_bands_people_and_sources() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j")  # crews-move
        text = detail_text(app)
        assert "• Crews move north" in text
        assert "event · id crews-move · tags jobs · horizon months · crews.yaml:11" in text
        assert "The crews relocate to the northern port within a year." in text
        assert "Argued by: AG Ada Gale" in text
        assert "Against: ¬LW Ledger Weekly (author not named)" in text
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


async def test_a_missing_hedge_a_quoted_speaker_and_see_also() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "j")  # crews-stay
        text = detail_text(app)
        assert "Mara Quay (quoted) — Chair of the fishers' association" in text
        assert "“will”: almost certain (95–99 %)" in text
        assert "See also\n→ • Crews move north" in text
        await press(pilot, "end")  # the last line: waterfront-idle
        assert tree_of(app).cursor_id == "waterfront-idle"
        assert "predicts · likelihood not stated" in detail_text(app)


async def test_the_pane_keeps_its_widgets_and_replaces_their_text() -> None:
    """A cursor move rewrites the texts in place (no recompose): fewer widgets to build and lay
    out; the citation cards follow the node's citations, one card per citation."""

    async with explore() as (app, pilot):
        pane = main_screen(app).query_one(DetailPane)
        await press(pilot, "j", "j")  # crews-move: two citations
        claim = pane.query_one(".detail-claim", Static)
        assert [card.number for card in pane.query(CitationCard)] == [1, 2]
        await press(pilot, "end")  # waterfront-idle: one citation, no outcome
        assert pane.query_one(".detail-claim", Static) is claim
        cards = list(pane.query(CitationCard))
        assert [(card.node_id, card.number) for card in cards] == [("waterfront-idle", 1)]
        node = tree_of(app).index.nodes["waterfront-idle"]
        assert node.claim in detail_text(app)
        assert one_line(node.citations[0].quote) in detail_text(app)
        await press(pilot, "home")  # the trigger: several citations again
        trigger = tree_of(app).index.corpus.trigger
        assert len(pane.query(CitationCard)) == len(trigger.citations)
        assert trigger.claim in detail_text(app)


async def test_a_burst_of_keys_shows_the_last_node() -> None:
    async with explore() as (app, pilot):
        pane = main_screen(app).query_one(DetailPane)
        await pilot.press(*"jjjjj")
        await pilot.pause()
        tree = tree_of(app)
        assert pane.is_current and pane.node_id == tree.cursor_id == "tourism-boom"
        assert tree.index.nodes["tourism-boom"].claim in detail_text(app)
