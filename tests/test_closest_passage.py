"""The closest passage to a quote that is not in its seed: what it finds, and that its work does
not grow with the quote's length (a search that compared the whole quote at every word of the
seed once took seconds on a long quote; the hostile catalog's `quote-long-and-not-found` is that
input end to end, this counts the work itself, whatever the machine's speed)."""

from __future__ import annotations

import difflib
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.analysis.quotes import CLOSEST_WIDTH, SeedText
from tests.shared import ROOT

SEED = " ".join(f"word{i % 97} filler{i % 13}" for i in range(1_200))


class CountingMatcher(difflib.SequenceMatcher[str]):
    """A SequenceMatcher that fails at once when given more than the search's bound (an unbounded
    search would otherwise run for minutes before any assertion), and counts its full ratios."""

    ratios = 0

    def set_seq1(self, a: Any) -> None:
        assert len(a) <= CLOSEST_WIDTH, f"compared {len(a)} characters of the seed at once"
        super().set_seq1(a)

    def set_seq2(self, b: Any) -> None:
        assert len(b) <= CLOSEST_WIDTH, f"compared {len(b)} characters of the quote at once"
        super().set_seq2(b)

    def ratio(self) -> float:
        CountingMatcher.ratios += 1
        assert CountingMatcher.ratios <= 40, "more than 40 full comparisons"
        return super().ratio()


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> type[CountingMatcher]:
    CountingMatcher.ratios = 0
    monkeypatch.setattr(difflib, "SequenceMatcher", CountingMatcher)  # as quotes.py calls it
    return CountingMatcher


@pytest.mark.parametrize("repeats", [1, 250, 2_500])
def test_the_work_per_seed_word_is_bounded_whatever_the_quote_length(
    counting: type[CountingMatcher], repeats: int
) -> None:
    passage = SeedText("long.txt", SEED).closest("nothing like the seed " * repeats)
    assert passage is not None
    assert 0 < counting.ratios <= 40


ARTICLE = next(iter(sorted((ROOT / "seeds").glob("*.txt")))).read_text(encoding="utf-8")
ARTICLE_WORDS = ARTICLE.split()


# Each example searches a whole article: a few dozen examples, not the ci profile's thousand.
@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=len(ARTICLE_WORDS) - 40), st.integers(15, 40))
def test_a_quote_with_one_word_changed_finds_its_passage(start: int, words: int) -> None:
    """In a real article: a run of its words with one word in the middle replaced is closest to
    where it was cut from (the passage may start or end a word or two away from the quote). A
    short quote may truly be closer to another sentence: "the head of a specialised school of
    thought" with one word changed is closer to "the elimination of a school of thought"."""
    cut = ARTICLE_WORDS[start : start + words]
    quote_words = [*cut[: words // 2], "zzzz", *cut[words // 2 + 1 :]]
    passage = SeedText("article.txt", ARTICLE).closest(" ".join(quote_words))
    assert passage is not None
    joined = " ".join(ARTICLE_WORDS)
    cut_at = len(" ".join(ARTICLE_WORDS[:start]))
    found_at = [m.start() for m in re.finditer(re.escape(passage.text), joined)]
    assert any(abs(at - cut_at) <= len(" ".join(cut)) // 2 for at in found_at), (
        passage.text,
        " ".join(cut),
    )
