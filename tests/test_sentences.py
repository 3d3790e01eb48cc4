"""Sentences of a seed, as `]` and `[` select them in the source view: real seed lines whose
abbreviations are not sentence ends, and a property over any text."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.passages import sentence_spans

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def seed_line(name: str, starting: str) -> str:
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith(starting))


def test_a_rank_before_a_name_does_not_end_the_sentence() -> None:
    line = seed_line("004_7104e97b60815347.txt", "The U.S. drone strike")
    assert sentences(line) == [
        "The U.S. drone strike that killed the Iranian Quds Force commander, Maj. Gen. Qasem "
        "Soleimani, was a bold move with potentially far-reaching consequences.",
        "It unquestionably heightens the risk of war; it could also open the door to diplomacy.",
    ]


def test_a_title_and_a_month_before_a_day_do_not_end_the_sentence() -> None:
    for text in (
        "According to Dr. Marvin Weinbaum, the talks failed. Nothing followed.",
        "The campaign culminated in the Dec. 31 attack. Nothing followed.",
    ):
        first, second = sentences(text)
        assert second == "Nothing followed."
        assert first.endswith(" failed.") or first.endswith(" attack.")


def test_a_month_at_the_end_of_a_sentence_still_ends_it() -> None:
    assert sentences("The vote came in Dec. Troops stayed.") == [
        "The vote came in Dec.",
        "Troops stayed.",
    ]


WORDS = st.sampled_from(
    ["Maj.", "Gen.", "Dr.", "Dec.", "31", "U.S.", "war.", "peace!", "why?", "“no.”", "the", "Iran"]
)


@given(st.lists(st.tuples(WORDS, st.sampled_from([" ", "  ", "\n", " \n "])), max_size=40))
def test_sentences_are_in_order_and_hold_every_word(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + space for word, space in pieces)
    spans = sentence_spans(text)
    assert all(a < b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)
    covered = " ".join(text[a:b] for a, b in spans)
    assert covered.split() == text.split()
    # A line break always ends a sentence.
    assert all("\n" not in text[a:b] for a, b in spans)
