"""Search finds tags, and reads a mistyped word as the corpus's word it most likely means."""

from __future__ import annotations

import functools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.queries import CorpusIndex, SearchKind
from explorer.analysis.search_index import SearchIndex
from explorer.analysis.typos import allowed_edits, corrections, prefix_distance
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"


def bundled() -> CorpusIndex:
    result = load_corpus(bundled_scenarios() / "soleimani")
    assert result.index is not None
    return result.index


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance, by plain recursion: the oracle."""

    @functools.cache
    def d(i: int, j: int) -> int:
        if not i or not j:
            return i + j
        best = min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] != b[j - 1]))
        if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
            best = min(best, d(i - 2, j - 2) + 1)
        return best

    return d(len(a), len(b))


@given(
    word=st.text(alphabet="abcd", min_size=1, max_size=7),
    candidate=st.text(alphabet="abcd", max_size=9),
    limit=st.integers(1, 2),
)
def test_prefix_distance_is_the_distance_to_the_closest_start(
    word: str, candidate: str, limit: int
) -> None:
    starts = candidate[: len(word) + limit]
    best = min(osa(word, starts[:end]) for end in range(len(starts) + 1))
    distance, end = prefix_distance(word, candidate, limit)
    if best > limit:
        assert distance == limit + 1
    else:
        assert distance == best == osa(word, candidate[:end])


@given(st.lists(st.text(alphabet="abcdef", min_size=1, max_size=9), min_size=1, max_size=30))
def test_corrections_are_starts_of_vocabulary_words_within_the_allowed_edits(
    vocabulary: list[str],
) -> None:
    words = sorted(set(vocabulary))
    for word in {"abcd", "abdc", "bacdef", "abcdefab", "fedc"}:
        for fragment in corrections(word, words):
            assert any(w.startswith(fragment) for w in words)
            assert fragment[:2] == word[:2]
            assert osa(word, fragment) <= allowed_edits(word)


def test_short_words_and_words_with_other_characters_are_never_corrected() -> None:
    assert corrections("iarn", ["iran"]) == []  # the first two letters must be right
    assert corrections("irn", ["iran"]) == []  # three letters: too short
    assert corrections("ira'n", ["iran"]) == []
    assert corrections("irna", ["iran"]) == ["iran"]


def test_typos_find_the_word_meant_in_the_bundled_corpus() -> None:
    index = bundled()
    for typo, word in (("sanctons", "sanction"), ("zarrif", "zarif"), ("sanctins", "sanction")):
        hits = index.search(typo)
        assert hits, typo
        assert all(word in hit.text.casefold() or hit.kind is SearchKind.NODE for hit in hits)
        assert word in hits[0].text.casefold()
        assert index.search(typo, typos=False) == []
    # A phrase with one typo: the other word still has to be there.
    hits = index.search("javad zarrif")
    assert hits and all("javad" in hit.text.casefold() for hit in hits)


def test_a_word_found_as_typed_is_never_corrected() -> None:
    index = bundled()
    for query in ("sanction", "iran deal", "zarif", "troops"):
        assert index.search(query) == index.search(query, typos=False)


@given(st.lists(st.sampled_from(["iran", "deal", "talks", "sanctions", "zarif"]), max_size=3))
def test_typos_change_nothing_when_every_word_is_found(words: list[str]) -> None:
    texts = ["Iran deal talks", "sanctions on Iran", "Javad Zarif talks", "a deal"]
    index = SearchIndex(texts, [3.0, 1.5, 2.5, 1.0])
    query = " ".join(words)
    assert index.search(query, 5, typos=True) == index.search(query, 5)


def test_tags_are_searched_and_shown_as_the_node() -> None:
    index = bundled()
    hits = index.search("expulsion")
    tagged = [n for n in index.ordered_nodes() if "expulsion" in n.tags]
    assert tagged
    shown = [hit for hit in hits if hit.node_id == tagged[0].id]
    assert shown and shown[0].kind is SearchKind.NODE and shown[0].text == tagged[0].title


def test_people_and_sources_are_searched() -> None:
    index = bundled()
    assert index.search("kowalski")[0].kind is SearchKind.PERSON
    assert index.search("kowalsky")[0].key == index.search("kowalski")[0].key  # a typo
    assert any(hit.kind is SearchKind.SOURCE for hit in index.search("responsible statecraft"))
