"""Searching an article's text (`/` in the source view): every match reported is one, none is
missed, and case, accents, quotes and line breaks do not stand in the way."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.text_search import fold, folded
from tests.shared import ROOT

# Letters with and without accents, a ß and a ligature that fold to two letters, a lone
# combining accent, curly and straight quotes, dashes and several kinds of white space.
ALPHABET = "aAeEéÉèsSßﬁfiİı\u0301'’\"“”-—  \n\t\u00a0"
texts = st.text(alphabet=ALPHABET, max_size=40)


@st.composite
def text_and_query(draw: st.DrawFn) -> tuple[str, str]:
    """A text, and a query that is often a piece of it (else any text)."""
    text = draw(texts)
    if text and draw(st.booleans()):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 8)))
        return text, text[start:end]
    return text, draw(st.text(alphabet=ALPHABET, min_size=1, max_size=6))


@given(text_and_query())
def test_every_match_reported_is_one_and_none_is_missed(case: tuple[str, str]) -> None:
    text, query = case
    matches = folded(text).find_all(query)
    wanted = fold(query)
    for start, end in matches:  # each is the query, and no longer than it must be
        assert 0 <= start < end <= len(text)
        assert fold(text[start:end]) == wanted
    # In order, none overlapping.
    assert all(a[1] <= b[0] for a, b in pairwise(matches))
    if not wanted:
        assert matches == []
        return
    # Every span of the text that reads as the query meets a match (matches do not overlap, so
    # of two overlapping readings only the first is reported).
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            if fold(text[start:end]) == wanted:
                assert any(a < end and start < b for a, b in matches), (start, end)


@given(st.text(alphabet="abcAB. \n", max_size=60), st.text(alphabet="abAB.", min_size=1))
def test_in_plain_ascii_it_finds_what_a_case_blind_regex_finds(text: str, query: str) -> None:
    expected = [m.span() for m in re.finditer(re.escape(query), text, re.IGNORECASE)]
    assert folded(text).find_all(query) == expected


def test_case_accents_quotes_and_line_breaks_do_not_matter() -> None:
    text = "The council’s ÉTAT de siège:\nfishing  crews — north."
    found = folded(text)

    def matched(query: str) -> list[str]:
        return [text[a:b] for a, b in found.find_all(query)]

    assert matched("council's") == ["council’s"]
    assert matched("etat DE SIEGE") == ["ÉTAT de siège"]
    assert matched("siège: fishing crews") == ["siège:\nfishing  crews"]
    assert matched("crews - north") == ["crews — north"]
    assert matched("") == []
    assert matched("harbour") == []


def test_a_real_seed_finds_each_occurrence() -> None:
    seed = (ROOT / "tests" / "fixtures" / "mini" / "seeds" / "harbour.txt").read_text("utf-8")
    spans = folded(seed).find_all("THE COUNCIL")
    assert [seed[a:b] for a, b in spans] == ["The council", "the council"]
