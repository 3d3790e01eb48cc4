"""The search index finds what the linear scan it replaced finds: same entries, scores and order."""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from explorer.analysis.queries import CorpusIndex, SearchKind
from explorer.analysis.quotes import fold
from explorer.analysis.search_index import BUDGET, SearchIndex
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus

WEIGHTS = (3.0, 1.5, 1.0, 2.5, 2.0)  # title, claim, quote, person, source
MINI = Path(__file__).parent / "fixtures" / "mini"

Hit = tuple[SearchKind, str, str | None, str, float]


def oracle(
    texts: Sequence[str], weights: Sequence[float], query: str, limit: int = 50
) -> list[tuple[float, int]]:
    """The linear scan `CorpusIndex.search` used to be, as (score, position), best first."""
    words = fold(query).casefold().split()
    if not words:
        return []
    spaced_words = [f" {word}" for word in words]

    def scored() -> Iterator[tuple[float, int]]:
        for position, (text, weight) in enumerate(zip(texts, weights, strict=True)):
            folded = fold(text).casefold()
            if all(word in folded for word in words):
                starts = sum(1 for word in spaced_words if word in " " + folded)
                yield weight + starts / len(words) + 10 / (10 + len(folded)), -position

    return [(score, -negated) for score, negated in heapq.nlargest(limit, scored())]


def corpus_oracle(index: CorpusIndex, query: str, limit: int = 50) -> list[Hit]:
    """The hits the linear scan gave: the corpus's texts in its order, with its weights."""
    entries: list[tuple[SearchKind, str, str | None, str, float]] = []
    for node in index.ordered_nodes():
        entries.append((SearchKind.NODE, node.title, node.id, node.id, 3.0))
        entries.append((SearchKind.NODE, node.claim, node.id, node.id, 1.5))
        if node.tags:  # shown as the node's title
            entries.append((SearchKind.NODE, " ".join(node.tags), node.id, node.id, -2.0))
        entries.extend((SearchKind.QUOTE, c.quote, node.id, node.id, 1.0) for c in node.citations)
    entries.extend((SearchKind.PERSON, v.name, None, v.key, 2.5) for v in index.voices.values())
    entries.extend(
        (SearchKind.SOURCE, f"{s.title} — {s.outlet}", None, s.id, 2.0)
        for s in index.corpus.sources
    )
    ranked = oracle([e[1] for e in entries], [abs(e[4]) for e in entries], query, limit)
    # A node's tags are not shown again when its title or claim is a hit (weight -2.0: tags).
    named = {entries[p][3] for _, p in ranked if entries[p][4] in (3.0, 1.5)}
    return [
        (kind, index.nodes[key].title if weight < 0 else text, node_id, key, score)
        for score, position in ranked
        for kind, text, node_id, key, weight in [entries[position]]
        if weight > 0 or key not in named
    ]


def hits(index: CorpusIndex, query: str, limit: int = 50) -> list[Hit]:
    hits = index.search(query, limit, typos=False)  # the exact search: typos have their tests
    return [(h.kind, h.text, h.node_id, h.key, h.score) for h in hits]


# Pieces that overlap in many ways: words inside words, word starts, letters that folding makes
# equal (curly and straight quotes, dashes, "ß" and "ss", "İ" whose case fold is two characters),
# white space that folds (tabs, no-break spaces, runs), and text past ASCII (é, σ, an emoji).
PIECES = [
    "iran", "iraq", "ira", "ran", "tehran", "war", "a", "an", "e", "q", "deal", "ideal", "x1",
    "it's", "it’s", "‘s", "“so”", '"so"', "a-b", "a—b", "a–b", "`a`", "´", "strasse", "straße",
    "İ", "i̇", "Σ", "ς", "σ", "é", "É", "😀", ".", ",", "-", "0",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "  ", "\t", "\u00a0", "\n", " – "]
LETTERS = "aeinqrstxé’-"


@st.composite
def texts(draw: st.DrawFn, vocabulary: Sequence[str] = PIECES) -> str:
    text = ""
    for part in draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=6)):
        text += draw(st.sampled_from(SEPARATORS)) + part
    return draw(st.sampled_from([text, text.strip(), text.upper()]))


weights = st.one_of(st.sampled_from(WEIGHTS), st.floats(-1, 5, allow_nan=False))


@st.composite
def entry_sets(draw: st.DrawFn) -> list[tuple[str, float]]:
    # A few pieces per example, so that entries share words; sizes drawn outright, as a list
    # strategy draws mostly short lists, where few searches have more hits than their limit.
    vocabulary = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
    some_texts = st.one_of(texts(vocabulary), texts(vocabulary), texts(), st.text(max_size=12))
    size = draw(st.sampled_from([1, 2, 5, 12, 25, 40]))
    return [(draw(some_texts), draw(weights)) for _ in range(size)]


@st.composite
def queries(draw: st.DrawFn, entries: Sequence[str]) -> str:
    """Words cut from one entry (so that some hit), pieces, single letters, or anything at all;
    mostly one or two, sometimes more than the second pass tries every set of."""
    anchor = draw(st.sampled_from(entries))
    words = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 2, 3, 4, 7, 8]))):
        source = draw(st.sampled_from(["cut", "cut", "cut", "piece", "letter", "letter", "any"]))
        if source == "cut" and anchor:
            start = draw(st.integers(0, len(anchor) - 1))
            words.append(anchor[start : draw(st.integers(start + 1, len(anchor)))])
        elif source == "letter":
            words.append(draw(st.sampled_from(LETTERS)))
        elif source == "any":
            words.append(draw(st.text(max_size=4)))
        else:
            words.append(draw(st.sampled_from(PIECES)))
    query = draw(st.sampled_from(SEPARATORS[:4])).join(words)
    return draw(st.sampled_from([query, query, query.upper(), f"  {query}\t"]))


@given(
    entries=entry_sets(),
    data=st.data(),
    limit=st.one_of(st.integers(1, 6), st.just(50)),
    # A small budget sends most searches through the passes for word starts; tiny chunks make
    # the vocabulary's chunk sets matter on a few entries.
    budget=st.one_of(st.integers(1, 30), st.just(BUDGET)),
    chunk_bytes=st.sampled_from([1, 8, 40, 1 << 16]),
)
def test_search_finds_what_the_linear_scan_finds(
    entries: list[tuple[str, float]],
    data: st.DataObject,
    limit: int,
    budget: int,
    chunk_bytes: int,
) -> None:
    texts = [text for text, _ in entries]
    weights = [weight for _, weight in entries]
    query = data.draw(queries(texts))
    index = SearchIndex(texts, weights, chunk_bytes)
    assert index.search(query, limit, budget) == oracle(texts, weights, query, limit)


# Few letters, short texts and the real weights: most entries match, many words start words, and
# scores tie across classes (3.0 with no word start equals 2.0 with all, at the same length).
dense_texts = st.text(alphabet="abcdefgh  ", max_size=8)
dense_words = st.text(alphabet="abcdefgh", min_size=1, max_size=2)


@given(
    entries=st.lists(st.tuples(dense_texts, st.sampled_from(WEIGHTS)), min_size=1, max_size=60),
    words=st.lists(dense_words, min_size=1, max_size=9),
    limit=st.integers(1, 8),
    budget=st.integers(1, 30),
    chunk_bytes=st.sampled_from([1, 16, 1 << 16]),
)
# The second pass meets "aaaaaa d" twice (for its word start, then as a match); it is one hit.
@example([("d", 3.0), ("aaaaaaad", 3.0), ("aaaaaaad", 3.0), ("aaaaaa d", 3.0)], ["d"], 3, 1, 1)
def test_dense_search_finds_what_the_linear_scan_finds(
    entries: list[tuple[str, float]], words: list[str], limit: int, budget: int, chunk_bytes: int
) -> None:
    texts = [text for text, _ in entries]
    weights = [weight for _, weight in entries]
    query = " ".join(words)
    index = SearchIndex(texts, weights, chunk_bytes)
    assert index.search(query, limit, budget) == oracle(texts, weights, query, limit)


def test_a_tie_across_classes_goes_to_the_earlier_entry() -> None:
    # Both score 3.0 + 10/12: "ab" as 2.0 + 1 (a word start), "xa" as 3.0 + 0 (none). The later
    # entry is met first, as its class could score more; the earlier one must still win.
    texts, weights = ["ab", "xa"], [2.0, 3.0]
    assert oracle(texts, weights, "a") == [(3.0 + 10 / 12, 0), (3.0 + 10 / 12, 1)]
    assert SearchIndex(texts, weights).search("a", 1) == [(3.0 + 10 / 12, 0)]


def test_many_words_some_of_them_starting_words() -> None:
    # Seven words: past six, one pass finds the entries where every word starts a word, and the
    # last pass must then allow six sevenths of word starts. Ten titles hold every word, none
    # at a word start; a longer title scores more with three word starts, a source with six.
    texts = ["xaxbxcxdxexfxg yyyyyyyyyyyyyyy"] * 10 + ["a b c xdxexfxg tail", "a b c d e f xg"]
    weights = [3.0] * 10 + [3.0, 2.0]
    query = "a b c d e f g"
    assert [position for _, position in oracle(texts, weights, query, 3)] == [10, 11, 0]
    for budget in (1, BUDGET):
        assert SearchIndex(texts, weights).search(query, 3, budget) == oracle(
            texts, weights, query, 3
        )


def test_ties_go_to_the_earlier_entry() -> None:
    texts = ["war", "war", "war", "War"]
    index = SearchIndex(texts, [1.0] * 4)
    assert [position for _, position in index.search("war", 3)] == [0, 1, 2]
    assert [position for _, position in index.search("war", 3, budget=1)] == [0, 1, 2]


def test_word_starts_score_higher_and_matches_stay_inside_one_entry() -> None:
    index = SearchIndex(["iran deal", "tiran", "xa", "by"], [1.0] * 4)
    (start, first), (inside, second) = index.search("iran", 5)
    assert (first, second) == (0, 1)
    assert start == 1.0 + 1 + 10 / 19 and inside == 1.0 + 0 + 10 / 15
    assert index.search("ab", 5) == []  # "xa" then "by": no match across the entries


def test_more_query_words_than_the_second_pass_tries_every_set_of() -> None:
    texts = ["a e i n q r s t", "aa ee ii nn qq rr ss tt", "tsrqniea", "a e i n q r s"]
    texts += [f"{letters} filler {number}" for number, letters in enumerate(texts * 10)]
    weights = [WEIGHTS[number % 5] for number in range(len(texts))]
    index = SearchIndex(texts, weights, chunk_bytes=16)
    for query in ["a e i n q r s t", "a e i n q r s t t a", "t s r q n i e a"]:
        for budget in (1, 5, BUDGET):
            assert index.search(query, 7, budget) == oracle(texts, weights, query, 7)


def test_a_word_inside_thousands_of_vocabulary_words() -> None:
    # Past a couple of thousand vocabulary words holding it, a query word counts as everywhere.
    texts = [f"w{number} x{number % 7}" for number in range(2500)]
    weights = [WEIGHTS[number % 5] for number in range(len(texts))]
    index = SearchIndex(texts, weights, chunk_bytes=256)
    for query in ["w", "w1", "w 3", "x w24", "1 x6"]:
        assert index.search(query, 20, budget=10) == oracle(texts, weights, query, 20)


def test_nothing_to_search_for() -> None:
    index = SearchIndex(["iran", ""], [3.0, 1.0])
    assert index.search("", 50) == index.search(" \t\u00a0", 50) == []
    assert index.search("iran", 0) == []
    assert index.search("zzz", 50) == []
    assert SearchIndex([], []).search("iran", 50) == []


def test_odd_characters_do_not_break_the_index() -> None:
    # A lone surrogate cannot be encoded as UTF-8 by default; NUL and other controls are text.
    texts = ["a\ud800b", "\x00nul", "bell\x07", "x\x1cy"]
    index = SearchIndex(texts, [1.0] * 4)
    for query in ["\ud800", "a\ud800", "nul", "\x00", "\x07", "x y", "y"]:
        assert index.search(query, 5) == oracle(texts, [1.0] * 4, query, 5)


def test_the_index_is_built_on_the_first_search_only() -> None:
    # A load builds a CorpusIndex for the validator: it must not pay for search.
    result = load_corpus(MINI)
    assert result.corpus is not None
    index = CorpusIndex(result.corpus)
    assert not index.search_ready and "search_entries" not in vars(index)
    index.search("harbour")
    assert index.search_ready


def test_every_prefix_on_the_bundled_corpus_and_the_fixture() -> None:
    typed = [
        "iran deal", "soleimani killed", "iraq’s parliament", "us troops — leave", "zzz",
        "q", "the", "war war", "E", "ESCALATION OR RESTRAINT", "“maximum pressure”",
    ]  # fmt: skip
    for corpus in (load_corpus(bundled_scenarios() / "soleimani"), load_corpus(MINI)):
        assert corpus.corpus is not None
        index = CorpusIndex(corpus.corpus)
        for query in typed:
            for end in range(1, len(query) + 1):
                for limit in (3, 50):
                    assert hits(index, query[:end], limit) == corpus_oracle(
                        index, query[:end], limit
                    )
