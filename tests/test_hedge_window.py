"""W108's window: a hedge word is read within its own clause, on both sides alike.

The Responsible Statecraft article in the bundled corpus writes "the situation in Iraq and
Lebanon will deteriorate and the risks of a larger conflict emerging would increase": `will`
qualifies the deterioration (an event), `would` the risks (a chance).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.likelihood import CHANCE_WORDS, CLAUSE_JOINERS, WINDOW, hedged_risk
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus

SOLEIMANI = bundled_scenarios() / "soleimani"
# The citation of node 'wider-conflict', quoted from the seed, and the line after which a
# likelihood is added.
CITED = (
    '                quote: "If Tehran decides on this course of action, the situation in Iraq '
    'and Lebanon will deteriorate and the risks of a larger conflict emerging would increase."\n'
    "                stance: warns\n"
)


def _wider_conflict_quote() -> str:
    result = load_corpus(SOLEIMANI)
    assert result.index is not None
    (citation,) = [
        c for c in result.index.nodes["wider-conflict"].citations if c.source == "rs-2020"
    ]
    return citation.quote


def test_will_qualifies_the_event_and_would_the_risk_in_one_sentence() -> None:
    quote = _wider_conflict_quote()
    assert "will deteriorate and the risks" in quote
    assert hedged_risk("will", quote) is None
    assert hedged_risk("would", quote) == "risk"


def test_a_chance_word_before_the_hedge_counts_as_one_after_it() -> None:
    assert hedged_risk("would", "the risks of a larger conflict emerging would increase") == "risk"
    assert hedged_risk("would", "it would increase the risks of a larger conflict") == "risk"
    assert hedged_risk("surely", "It will surely raise the risk of a strike.") == "risk"


def test_a_clause_break_ends_the_window() -> None:
    assert hedged_risk("likely", "war is likely; the risk is small") is None
    assert hedged_risk("likely", "the risk is small, but war is likely") is None
    assert hedged_risk("likely", "the risk is small but war is likely") is None


def _with_likelihood(tmp_path: Path, word: str) -> Path:
    shutil.copytree(SOLEIMANI.parent, tmp_path / "scenarios")
    shutil.copytree(SOLEIMANI.parent.parent / "seeds", tmp_path / "seeds")  # `seeds: ../../seeds`
    folder = tmp_path / "scenarios" / "soleimani"
    tree = folder / "iran-response.yaml"
    text = tree.read_text(encoding="utf-8")
    assert text.count(CITED) == 1
    tree.write_text(
        text.replace(CITED, CITED + f"                likelihood: {word}\n"), encoding="utf-8"
    )
    return folder


def test_the_check_warns_on_would_and_not_on_will(tmp_path: Path) -> None:
    assert load_corpus(SOLEIMANI).diagnostics == ()
    would = load_corpus(_with_likelihood(tmp_path / "would", "would")).diagnostics
    assert [(d.code, Path(d.file).name) for d in would] == [("W108", "iran-response.yaml")]
    assert "seems to qualify a risk" in would[0].message
    assert load_corpus(_with_likelihood(tmp_path / "will", "will")).diagnostics == ()


FILLER = st.lists(
    st.sampled_from(["the", "war", "talks", "in", "iraq", "of", "a", "new", "round", "goes"]),
    max_size=WINDOW - 1,
)
BREAKS = st.sampled_from([",", ";", ":", ".", " —", *(f" {word}" for word in CLAUSE_JOINERS)])


@given(
    chance=st.sampled_from(sorted(CHANCE_WORDS)),
    hedge=st.sampled_from(["will", "would", "likely", "almost certainly"]),
    gap=FILLER,
    chance_first=st.booleans(),
)
def test_a_chance_word_in_the_hedges_clause_is_found_on_either_side(
    chance: str, hedge: str, gap: list[str], chance_first: bool
) -> None:
    words = [chance, *gap, hedge] if chance_first else [hedge, *gap, chance]
    assert hedged_risk(hedge, " ".join(words)) == CHANCE_WORDS[chance]


@given(
    chance=st.sampled_from(sorted(CHANCE_WORDS)),
    hedge=st.sampled_from(["will", "would", "likely", "almost certainly"]),
    gap=FILLER,
    cut=BREAKS,
    chance_first=st.booleans(),
)
def test_a_chance_word_past_a_clause_break_is_not(
    chance: str, hedge: str, gap: list[str], cut: str, chance_first: bool
) -> None:
    if chance_first:
        quote = f"{chance}{cut} {' '.join(gap)} {hedge}"
    else:
        quote = f"{hedge} {' '.join(gap)}{cut} {chance}"
    assert hedged_risk(hedge, quote) is None


@given(hedge=st.sampled_from(["will", "would"]), gap=st.integers(WINDOW, WINDOW + 5))
def test_a_chance_word_beyond_the_window_is_not(hedge: str, gap: int) -> None:
    assert hedged_risk(hedge, " ".join(["risk", *["talks"] * gap, hedge])) is None
    assert hedged_risk(hedge, " ".join([hedge, *["talks"] * gap, "risk"])) is None


# Words around the hedge and the chance word: joiners, marks, near misses ("brisk" holds "risk").
OTHER_WORDS = st.one_of(
    st.sampled_from([*CLAUSE_JOINERS, "will", "brisk", "RISK", "Ｒｉｓｋ", ",", ".", "—", "-"]),
    st.text(max_size=12),
)


@given(
    hedge=st.sampled_from(["will", "would", "likely"]),
    chance=st.sampled_from(sorted(CHANCE_WORDS)),
    words=st.lists(OTHER_WORDS, max_size=20),
    places=st.tuples(st.integers(0, 20), st.integers(0, 20)),
)
def test_the_quick_look_for_a_chance_word_changes_no_reading(
    hedge: str, chance: str, words: list[str], places: tuple[int, int]
) -> None:
    """The same quote with a chance word in a sentence of its own after it: the quick look always
    finds that one, so every word is read, and no hedge's clause reaches past the full stop."""
    words.insert(min(places[0], len(words)), hedge)
    words.insert(min(places[1], len(words)), chance)
    quote = " ".join(words)
    assert hedged_risk(hedge, quote) == hedged_risk(hedge, quote + " . risk")
