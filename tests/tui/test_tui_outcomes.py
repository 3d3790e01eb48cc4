"""Outcomes: the hindsight marks on the tree, the outcome in the details, and the scorecard."""

from __future__ import annotations

from pathlib import Path

import attrs
from rich.console import Console
from rich.style import Style
from textual.widgets import Static

from explorer.analysis.outcomes import Timing, scorecards
from explorer.analysis.queries import CorpusIndex
from explorer.outputs.scorecard_view import BRIER_LABEL, TOO_FEW
from explorer.reading.load import load_corpus
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.scorecard import ScorecardScreen
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.detail_parts import PartKind
from explorer.tui.widgets.legend import Legend
from explorer.tui.widgets.scorecard import ScorecardList, forecast_text
from explorer.tui.widgets.walk import ChoiceList

from .helpers import (
    MINI,
    OUTCOMES,
    detail_text,
    explore,
    label_text,
    main_screen,
    plain,
    press,
)


def legend(app: ExplorerApp) -> str:
    return plain(main_screen(app).query_one(Legend).content)


async def test_o_marks_every_node_with_its_outcome_and_the_marks_survive_other_screens() -> None:
    async with explore(OUTCOMES) as (app, pilot):
        assert label_text(app, "crews-move").startswith("• Crews move north")
        assert "Outcomes:" not in legend(app)
        await press(pilot, "o")
        marks = {
            "harbour-closed": "✓ • The council",
            "crews": "  ? Do the fishing",  # no outcome: a blank
            "crews-move": "✓ • Crews move north",
            "crews-stay": "✗ • Crews stay",
            "tourism-boom": "◐ • A tourism boom",
            "waterfront-idle": "○ • The waterfront",
        }
        for node_id, start in marks.items():
            assert label_text(app, node_id).startswith(start), node_id
        assert (
            "Outcomes: ✓ happened  ✗ did not happen  ◐ partly  ○ open  blank: none recorded"
        ) in legend(app)
        await press(pilot, "w", "1")  # a walk in hindsight marks its choices too
        walk = app.screen.query_one(ChoiceList)
        assert [plain(o.prompt).split("\n")[0] for o in walk.options] == [
            "1 ✓ • Crews move north",
            "2 ✗ • Crews stay and fight",
        ]
        for key in ("m", "a"):  # the walk, the matrix, the scorecard, and back
            await press(pilot, "escape", key)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert label_text(app, "crews-move").startswith("✓ • Crews move north")
        await press(pilot, "p", "enter", "escape")  # Ada Gale chosen: both marks
        assert label_text(app, "crews-move").startswith("● ✓ • Crews move north")
        await press(pilot, "o")
        assert label_text(app, "crews-move").startswith("● • Crews move north")
        assert "Outcomes:" not in legend(app)


async def test_the_details_show_the_outcome_its_quotes_and_labelled_summaries() -> None:
    async with explore(OUTCOMES, size=(120, 60)) as (app, pilot):
        await press(pilot, "j")  # the crews question: no outcome
        assert "Outcome" not in detail_text(app)
        await press(pilot, "j")  # crews-move
        text = detail_text(app)
        assert (
            "Outcome: ✓ happened · 2022-01 · as of 2024-06-01\n"
            "Most crews had moved to the northern port by January 2022.\n"
            "Evidence (2)\n"
            "“most fishing crews have moved to the northern port”\n"
            "A year after the closure · Port Bulletin · 2022-02-15 · news\n"
            "Northern port annual report 2022 · Northern Port Authority · 2022-03-31\n"
            "https://example.org/northern-port/annual-report-2022\n"
            "Summary, not verified against a stored text: "
            "The port authority counted forty boats moved north in 2021."
        ) in text
        # The summary is our words: neither in quotation marks nor styled as a quote.
        pane = main_screen(app).query_one(DetailPane)
        quote_style = pane.get_component_rich_style("detail--quote", partial=True)
        assert quote_style.italic
        reference = [
            part.text
            for part in pane.parts
            if part.kind is PartKind.EVIDENCE and "Summary" in part.text.plain
        ]
        assert len(reference) == 1
        summary = reference[0]
        at = summary.plain.index("The port authority")
        assert not summary.get_style_at_offset(Console(), at).italic
        assert "“The port authority" not in summary.plain


async def test_the_scorecard_lists_each_persons_forecasts_counts_and_brier() -> None:
    async with explore(OUTCOMES) as (app, pilot):
        await press(pilot, "a")
        assert isinstance(app.screen, ScorecardScreen)
        text = app.screen.query_one(ScorecardList).plain
        cards = text.split("\n\n")
        assert [c.split("\n")[0] for c in cards] == [
            "AG Ada Gale — Columnist of the Harbour Gazette",
            "LW Ledger Weekly (author not named) — outlet",
            "MQ Mara Quay — Chair of the fishers' association",
        ]
        assert cards[0].split("\n")[1:] == [
            "3 forecasts: ✓ 1 happened · ✗ 1 did not happen · ◐ 1 partly · ○ 0 open · ⊘ 0 moot",
            "Held up: 1 of 1 scored",
            f"{BRIER_LABEL}: 0.001 over 1 forecast ({TOO_FEW})",
            "  ✓ Crews move north — predicts “almost certainly” → happened: held up",
            "  ✗ Boatyards follow the crews — predicts “could” → did not happen: "
            "a possibility, no probability stated: not scored",
            "  ◐ A tourism boom — predicts “likely” → partly: counted, not scored",
        ]
        assert "  ✓ Crews move north — doubts “unlikely” → happened: did not hold" in cards[1]
        assert (
            "  ○ The waterfront stands idle — predicts (no hedge word) → open: not yet known"
        ) in cards[1]
        assert cards[2].split("\n")[2:] == [
            "Held up: 0 of 0 scored",
            f"{BRIER_LABEL}: none: no forecast with a probability word on a settled outcome",
            "  ✗ Crews stay and fight — predicts “will” → did not happen: "
            "dates too coarse to tell before from after: not scored",
        ]
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_corpus_without_outcomes_says_so() -> None:
    async with explore(MINI) as (app, pilot):
        await press(pilot, "o")
        assert "Outcomes: none recorded in this corpus" in legend(app)
        assert label_text(app, "crews-move").startswith("  • Crews move north")
        await press(pilot, "a")
        assert isinstance(app.screen, ScorecardScreen)
        shown = [plain(w.content) for w in app.screen.query(".scorecard-empty").results(Static)]
        assert shown == ["No forecast lies on a node with an outcome: nothing to score."]


def test_a_forecast_published_after_the_event_says_why_it_is_not_scored() -> None:
    result = load_corpus(Path(OUTCOMES))
    assert result.corpus is not None
    card = scorecards(CorpusIndex(result.corpus))[0]
    forecast = attrs.evolve(card.forecasts[0], timing=Timing.AFTER)
    text = forecast_text(forecast, lambda _name: Style()).plain
    assert text.endswith("→ happened: published after the event: not scored")
