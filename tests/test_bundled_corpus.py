"""The bundled Soleimani corpus: seeds unedited, every quote found, every seed and person cited."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from explorer.analysis.likelihood import band_for
from explorer.analysis.outcomes import Verdict, scorecards
from explorer.analysis.queries import CorpusIndex
from explorer.model import NodeKind, OutcomeStatus
from explorer.outputs.scorecard_view import to_markdown
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent

# SHA-256 of the seed files as published in the shared seeds folder; the corpus cites these texts.
SEED_SHA256 = {
    "000_b59c081620ae9ad3.txt": "df72925c7414cd29fa606b7dc1b58ae19b360524a4dcc9830ac1a828e8e29f23",
    "001_15346fee54f07480.txt": "a7fdbf7dca1db93f6cfc8d38f38e8e0394b63bb2d3db850c14dd065252e342e8",
    "002_34de04a453ad2eea.txt": "508d19e35778e391ec978f468b3cf0a9bdd32cc6215ccfdee863f7847ca790e8",
    "003_c10908fcfe8b7c89.txt": "90b3182ae08be64e0c8c742e7c50c22982d60bead9ef8079bdfc6a3145ae2fc5",
    "004_7104e97b60815347.txt": "d3d5fb763c1fd9fbdf0f0efa0c60f4229c6b556e095ac566088950a2fc3ab75f",
}


@pytest.fixture(scope="module")
def index() -> CorpusIndex:
    result = load_corpus(bundled_scenarios())
    assert result.corpus is not None
    return CorpusIndex(result.corpus)


@pytest.mark.parametrize("name", sorted(SEED_SHA256))
def test_seed_is_byte_for_byte(name: str) -> None:
    data = (ROOT / "seeds" / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256[name]


def test_seeds_match_the_shared_copies_when_present() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no ../shared beside the checkout")
    for name in SEED_SHA256:
        assert (shared / name).read_bytes() == (ROOT / "seeds" / name).read_bytes()


def test_bundled_corpus_is_clean_under_strict() -> None:
    result = load_corpus(bundled_scenarios())
    assert [d.format() for d in result.diagnostics] == []


def test_every_seed_is_cited(index: CorpusIndex) -> None:
    cited = {index.sources[c.source].seed for node in index.ordered_nodes() for c in node.citations}
    assert cited == set(SEED_SHA256)


def test_every_person_is_cited(index: CorpusIndex) -> None:
    for person in index.corpus.people:
        assert index.node_count(person.id) > 0, person.id


def test_unnamed_authors_are_not_guessed(index: CorpusIndex) -> None:
    unnamed = {s.seed for s in index.corpus.sources if not s.authors}
    assert unnamed == {"000_b59c081620ae9ad3.txt", "001_15346fee54f07480.txt"}
    outlets = [v for v in index.cited_voices() if v.is_outlet]
    assert all("author not named" in v.name for v in outlets)


def test_each_article_contributes_several_citations(index: CorpusIndex) -> None:
    per_source: dict[str, int] = {}
    for node in index.ordered_nodes():
        for citation in node.citations:
            per_source[citation.source] = per_source.get(citation.source, 0) + 1
    assert len(per_source) == 5
    assert min(per_source.values()) >= 8, per_source


def test_quoted_people_speak_for_themselves(index: CorpusIndex) -> None:
    citations = [c for node in index.ordered_nodes() for c in node.citations]
    speakers = {c.speaker for c in citations if c.speaker is not None}
    assert {"adib-moghaddam", "weinbaum", "hamid"} <= speakers
    # Seed 003 never quotes Bilal Wahab: Simon's words report his position.
    assert "wahab" not in speakers
    reported = {(c.reports, c.source) for c in citations if c.reports is not None}
    assert {("wahab", "rs-2022"), ("weinbaum", "ozy-2020")} <= reported


def test_the_scorecard_counts_one_forecast_per_person_and_node_and_scores_only_probabilities(
    index: CorpusIndex,
) -> None:
    """What readers quote: one forecast per voice and node, no possibility word with a number,
    and a Brier score over exactly the settled forecasts with a probability word."""
    for card in scorecards(index):
        nodes = [f.node.id for f in card.forecasts]
        assert len(nodes) == len(set(nodes)), card.voice.key
        for forecast in card.forecasts:
            band = band_for(forecast.citation.likelihood or "")
            if band is not None and not band.has_probability:
                assert forecast.probability is None and not forecast.scored
        settled = [
            f
            for f in card.forecasts
            if f.scored and f.status in (OutcomeStatus.HAPPENED, OutcomeStatus.DID_NOT_HAPPEN)
        ]
        assert len(card.brier_pairs) == len(settled)


def test_no_question_has_an_outcome(index: CorpusIndex) -> None:
    assert not [n.id for n in index.ordered_nodes() if n.kind is NodeKind.QUESTION and n.outcome]


def test_the_readme_gives_the_bundled_corpus_scorecard_as_it_is(index: CorpusIndex) -> None:
    """README, *How the scorecard is made*: the table is the one `explorer scorecard --format
    markdown` prints for the bundled corpus, so the figures quoted cannot go stale."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = readme.split("<!-- bundled-scorecard -->\n", 1)[1].split("\n\n", 1)[0]
    printed = to_markdown(scorecards(index)).split("\n\n", 2)[1]
    assert documented == printed


def test_the_expulsions_consequences_are_moot_and_harsher_sanctions_scored(
    index: CorpusIndex,
) -> None:
    """Two findings of the fidelity review, as the scorecard shows them."""
    cards = {card.voice.key: card for card in scorecards(index)}
    hadley = {f.node.id: f for f in cards["hadley"].forecasts}
    assert {n for n, f in hadley.items() if f.moot} == {
        "militias-rewarded",
        "isis-fight-at-risk",
        "kurds-sunnis-object",
    }
    assert hadley["harsher-sanctions"].verdict is Verdict.HELD
    (simons,) = [f for f in cards["simon"].forecasts if f.node.id == "sadrist-pmf-violence"]
    assert simons.verdict is Verdict.HELD
