"""Outcomes and the scorecard: timing of forecasts, verdicts, and the Brier arithmetic."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.outcomes import (
    Scorecard,
    Timing,
    Verdict,
    brier,
    moot_condition,
    scorecards,
    timing,
)
from explorer.analysis.queries import CorpusIndex
from explorer.model import Corpus, Location, Node, NodeKind, Outcome, OutcomeStatus, PartialDate
from explorer.outputs import scorecard_view
from explorer.outputs.export import to_json
from explorer.outputs.formats import render
from explorer.reading.load import load_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"

partial_dates = st.builds(
    lambda d, precision: PartialDate(
        d.year, d.month if precision > 0 else None, d.day if precision > 1 else None
    ),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)),
    st.integers(0, 2),
)
probabilities = st.floats(0, 1)


@given(st.lists(st.sampled_from([0.0, 1.0]), min_size=1))
def test_brier_of_perfect_forecasts_is_zero(outcomes: list[float]) -> None:
    assert brier([(o, o) for o in outcomes]) == 0


@given(st.lists(st.tuples(probabilities, st.sampled_from([0.0, 0.5, 1.0])), min_size=1))
def test_brier_lies_between_0_and_1(pairs: list[tuple[float, float]]) -> None:
    score = brier(pairs)
    assert score is not None and 0 <= score <= 1


def test_brier_of_nothing_is_none() -> None:
    assert brier([]) is None


def test_brier_of_a_known_case() -> None:
    assert brier([(0.675, 1.0), (0.5, 0.0)]) == pytest.approx((0.325**2 + 0.25) / 2)


@given(partial_dates, partial_dates)
def test_timing_is_never_both_before_and_after(published: PartialDate, event: PartialDate) -> None:
    when = timing(published, event)
    if when is Timing.BEFORE:
        assert published.latest < event.earliest
    elif when is Timing.AFTER:
        assert published.earliest >= event.latest
    else:
        assert published.latest >= event.earliest and published.earliest < event.latest


def _with_outcome(tmp_path: Path, status: str, date: str | None) -> CorpusIndex:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    crews = folder / "crews.yaml"
    dated = f"      date: {date}\n" if date else ""
    crews.write_text(
        crews.read_text().replace(
            "    horizon: months\n",
            f"    horizon: months\n    outcome:\n      status: {status}\n{dated}"
            "      as_of: 2023-01-01\n      note: As it turned out.\n",
        )
    )
    result = load_corpus(folder)
    assert result.corpus is not None
    return CorpusIndex(result.corpus)


def _card(index: CorpusIndex, key: str) -> Scorecard:
    return next(c for c in scorecards(index) if c.voice.key == key)


def test_forecasts_for_and_against_get_opposite_verdicts(tmp_path: Path) -> None:
    index = _with_outcome(tmp_path, "happened", "2022-06-01")
    gale = _card(index, "ada-gale")
    ledger = _card(index, "source:ledger")
    (for_it,) = gale.forecasts
    (against_it,) = ledger.forecasts
    assert (for_it.verdict, against_it.verdict) == (Verdict.HELD, Verdict.FAILED)
    # "almost certainly" → 95–99 %: midpoint 0.97; "unlikely" → 20–45 %: 0.325.
    assert gale.brier is not None and abs(gale.brier - 0.03**2) < 1e-12
    assert ledger.brier is not None and abs(ledger.brier - 0.675**2) < 1e-12


def test_a_forecast_made_after_its_outcome_is_never_scored(tmp_path: Path) -> None:
    index = _with_outcome(tmp_path, "happened", "2021-01-10")  # before both articles
    for key in ("ada-gale", "source:ledger"):
        card = _card(index, key)
        assert card.scored == () and card.brier is None
        assert all(f.timing is Timing.AFTER for f in card.forecasts)


def test_coarse_dates_are_not_scored(tmp_path: Path) -> None:
    index = _with_outcome(tmp_path, "did-not-happen", "2021-03")  # ledger: published 2021-03
    (forecast,) = _card(index, "source:ledger").forecasts
    assert forecast.timing is Timing.UNCERTAIN and not forecast.scored


def test_open_outcomes_are_counted_not_scored(tmp_path: Path) -> None:
    index = _with_outcome(tmp_path, "open", None)
    card = _card(index, "ada-gale")
    assert card.count(OutcomeStatus.OPEN) == 1 and card.scored == ()


WORKED_SEED = (
    "Prices will rise. Prices could rise. Wages are unlikely to rise. "
    "It is likely that the port never closes. The mill could shut.\n"
)


def _worked_node(node_id: str, quote: str, stance: str, word: str, status: str) -> str:
    return (
        f"  - id: {node_id}\n    kind: event\n    title: {node_id}\n    claim: {node_id}.\n"
        f"    citations:\n      - source: note\n        quote: {quote}\n"
        f"        stance: {stance}\n        likelihood: {word}\n"
        f"    outcome:\n      status: {status}\n      date: 2021-06-01\n"
        "      as_of: 2024-01-01\n      note: As it turned out.\n"
    )


def test_the_readme_worked_example(tmp_path: Path) -> None:
    """README, *How the scorecard is made*: the same four forecasts, the same arithmetic."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "note.txt").write_text(WORKED_SEED, encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text(
        "id: worked\ntitle: Worked\nseeds: seeds\ntrees: [tree.yaml]\n"
        "trigger:\n  id: start\n  kind: event\n  title: Start\n  claim: It starts.\n"
        "  citations:\n    - source: note\n      quote: Prices will rise.\n      stance: explains\n"
        "people:\n  - id: ana\n    name: Ana Lyst\n    role: Analyst\n"
        "sources:\n  - id: note\n    title: A note\n    outlet: Notes\n    published: 2020-01-01\n"
        "    authors: [ana]\n    seed: note.txt\n    kind: analysis\n",
        encoding="utf-8",
    )
    prices = _worked_node("prices-rise", "Prices will rise.", "predicts", "will", "happened")
    # A second, weaker citation on the same node by the same person: still one forecast.
    prices = prices.replace(
        "    outcome:",
        "      - source: note\n        quote: Prices could rise.\n        stance: predicts\n"
        "        likelihood: could\n    outcome:",
    )
    (tmp_path / "tree.yaml").write_text(
        "id: economy\nkind: event\ntitle: Economy\nclaim: The economy moves.\n"
        "citations:\n  - source: note\n    quote: Wages are unlikely to rise.\n"
        "    stance: explains\nchildren:\n"
        + prices
        + _worked_node(
            "wages-rise", "Wages are unlikely to rise.", "predicts", "unlikely", "happened"
        )
        + _worked_node(
            "port-closes",
            "It is likely that the port never closes.",
            "doubts",
            "likely",
            "did-not-happen",
        )
        + _worked_node("mill-shuts", "The mill could shut.", "predicts", "could", "did-not-happen"),
        encoding="utf-8",
    )
    result = load_corpus(tmp_path)
    assert result.index is not None and not result.errors, result.diagnostics
    (card,) = scorecards(result.index)
    assert [f.node.id for f in card.forecasts] == [
        "prices-rise",
        "wages-rise",
        "port-closes",
        "mill-shuts",
    ]
    assert [f.probability for f in card.forecasts] == [0.97, 0.325, 0.325, None]
    assert len(card.brier_pairs) == 3 and card.too_few
    assert card.brier == pytest.approx(0.187383, abs=5e-7)
    assert (card.held, len(card.scored)) == (2, 3)
    assert card.forecasts[-1].reason_not_scored == (
        "a possibility, no probability stated: not scored"
    )


# -- moot forecasts: an open outcome whose condition did not happen ---------------------------

MOOT_SEED = (
    "The council will expel the fleet. Expelling it would ruin the port. "
    "It would anger the guild. It would empty the docks. The fleet would sail north.\n"
)


def _moot_node(node_id: str, quote: str, status: str | None, children: str = "") -> str:
    """An event node, indented as a child, with a forecast and (unless None) an outcome."""
    text = (
        f"  - id: {node_id}\n    kind: event\n    title: The {node_id}\n    claim: {node_id}.\n"
        f"    citations:\n      - source: note\n        quote: {quote}\n"
        "        stance: warns\n        likelihood: would\n"
    )
    if status is not None:
        dated = "      date: 2021-06-01\n" if status != "open" else ""
        text += (
            f"    outcome:\n      status: {status}\n{dated}"
            "      as_of: 2024-01-01\n      note: As it turned out.\n"
        )
    if children:
        indented = "".join(f"    {line}\n" for line in children.splitlines())
        text += "    children:\n" + indented
    return text


def moot_corpus(tmp_path: Path) -> CorpusIndex:
    """expel (did not happen) → ruin (open: moot), guild (partly: judged on its own),
    bridge (no outcome) → docks (open: moot, its nearest condition is expel);
    sail (happened) → far (open: not moot)."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "note.txt").write_text(MOOT_SEED, encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text(
        "id: moot\ntitle: Moot\nseeds: seeds\ntrees: [tree.yaml]\n"
        "trigger:\n  id: start\n  kind: event\n  title: Start\n  claim: It starts.\n"
        "  citations:\n    - source: note\n      quote: The council will expel the fleet.\n"
        "      stance: explains\n"
        "people:\n  - id: ana\n    name: Ana Lyst\n    role: Analyst\n"
        "sources:\n  - id: note\n    title: A note\n    outlet: Notes\n    published: 2020-01-01\n"
        "    authors: [ana]\n    seed: note.txt\n    kind: analysis\n",
        encoding="utf-8",
    )
    would = "Expelling it would ruin the port."
    docks = _moot_node("docks", "It would empty the docks.", "open")
    expel = (
        _moot_node("ruin", would, "open")
        + _moot_node("guild", "It would anger the guild.", "partly")
        + _moot_node("bridge", would, None, docks)
    )
    sail = _moot_node("far", "The fleet would sail north.", "open")
    tree = (
        "id: harbour\nkind: event\ntitle: Harbour\nclaim: The harbour.\n"
        "citations:\n  - source: note\n    quote: The council will expel the fleet.\n"
        "    stance: explains\nchildren:\n"
        + _moot_node("expel", "Expelling it would ruin the port.", "did-not-happen", expel)
        + _moot_node("sail", "The fleet would sail north.", "happened", sail)
    )
    (tmp_path / "tree.yaml").write_text(tree, encoding="utf-8")
    result = load_corpus(tmp_path)
    assert result.index is not None and not result.errors, result.diagnostics
    return result.index


def test_an_open_consequence_of_what_did_not_happen_is_moot_not_open(tmp_path: Path) -> None:
    index = moot_corpus(tmp_path)
    conditions = {n.id: moot_condition(index, n) for n in index.ordered_nodes()}
    assert {node: c.id for node, c in conditions.items() if c is not None} == {
        "ruin": "expel",
        "docks": "expel",  # the node between them records no outcome: expel is the condition
    }
    (card,) = scorecards(index)
    by_node = {f.node.id: f for f in card.forecasts}
    assert {n for n, f in by_node.items() if f.moot} == {"ruin", "docks"}
    assert (card.moot, card.count(OutcomeStatus.OPEN)) == (2, 1)  # far: open, its parent happened
    ruin = by_node["ruin"]
    assert ruin.status_text == "moot" and not ruin.scored and ruin.verdict is Verdict.NOT_SCORED
    assert ruin.reason_not_scored == "its condition (“The expel”) did not happen: not scored"
    assert by_node["far"].reason_not_scored == "not yet known"
    assert by_node["guild"].status_text == "partly"  # judged on its own


def test_every_scorecard_view_shows_moot_forecasts_as_moot(tmp_path: Path) -> None:
    cards = scorecards(moot_corpus(tmp_path))
    text = scorecard_view.to_text(cards)
    assert "(1 happened, 1 did-not-happen, 1 partly, 1 open, 2 moot)" in text
    assert "The ruin — warns, “would” → moot: its condition (“The expel”) did not happen" in text
    markdown = scorecard_view.to_markdown(cards)
    assert "| open | moot |" in markdown and "| Ana Lyst | 6 | 1 | 1 | 1 | 1 | 2 |" in markdown
    report = json.loads(scorecard_view.to_json(cards))["scorecards"][0]
    assert report["counts"] == {
        "happened": 1,
        "did-not-happen": 1,
        "partly": 1,
        "open": 1,
        "moot": 2,
    }
    moot = {f["node"]: f["moot_because"] for f in report["forecasts"] if f["moot_because"]}
    assert moot == {"ruin": "expel", "docks": "expel"}


_STATUSES = st.sampled_from([None, *OutcomeStatus])


@st.composite
def _outcome_trees(draw: st.DrawFn) -> Corpus:
    """A trigger with up to three levels of events and questions, each with any outcome."""
    where = Location("tree.yaml", 1, 1)
    counter = iter(range(10_000))

    def node(depth: int) -> Node:
        status = draw(_STATUSES)
        kind = draw(st.sampled_from(NodeKind))
        outcome = None
        if status is not None and kind is NodeKind.EVENT:
            outcome = Outcome(status, None, PartialDate(2024), "note", (), where)
        width = draw(st.integers(0, 3)) if depth < 3 else 0
        children = tuple(node(depth + 1) for _ in range(width))
        node_id = f"n{next(counter)}"
        return Node(node_id, kind, node_id, "", (), None, (), children, (), where, outcome)

    trigger = attrs.evolve(node(0), kind=NodeKind.EVENT, outcome=None)
    return Corpus("c", "C", "", Path(), Path(), trigger, (), (), (), where)


@given(_outcome_trees())
def test_a_moot_node_is_open_and_its_nearest_condition_did_not_happen(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    for node in index.ordered_nodes():
        above = [n for n in index.path_to(node.id)[:-1] if n.outcome is not None]
        condition = moot_condition(index, node)
        expected = (
            node.outcome is not None
            and node.outcome.status is OutcomeStatus.OPEN
            and bool(above)
            and above[-1].outcome is not None
            and above[-1].outcome.status is OutcomeStatus.DID_NOT_HAPPEN
        )
        assert (condition is not None) == expected, node.id
        if condition is not None:
            assert condition is above[-1]


def test_the_exports_name_the_condition_of_a_moot_outcome(tmp_path: Path) -> None:
    index = moot_corpus(tmp_path)
    nodes = {n["id"]: n for n in json.loads(to_json(index.corpus))["nodes"]}
    moot = {i: n["outcome"]["moot_because"] for i, n in nodes.items() if n["outcome"]}
    assert moot == {
        "expel": None,
        "ruin": "expel",
        "guild": None,
        "docks": "expel",
        "sail": None,
        "far": None,
    }
    brief = render("markdown", index.corpus)
    assert brief.count("— moot: its condition, *The expel*, did not happen") == 2
