"""Shortcuts taken for speed that must not change an answer: the compact `Location`, the folding
shortcuts of `fold` and `SeedText.contains`, `decode`'s search for forbidden characters, and the
load result's lazily built index.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import ONE_FOR_ONE, SPACE_RUN, SeedText, fold
from explorer.model import Location
from explorer.reading.load import load_corpus
from explorer.reading.yaml_text import FORBIDDEN, decode

MINI = Path(__file__).parent / "fixtures" / "mini"


# -- the compact Location -----------------------------------------------------------------------

files = st.sampled_from(["t.yaml", "a/b.yaml", "é.yaml", "x" * 200])
numbers = st.one_of(st.integers(0, 200), st.integers(0, 2**48 - 1))


@given(files, numbers, numbers, files, numbers, numbers)
def test_a_location_is_its_three_fields(
    file: str, line: int, column: int, other_file: str, other_line: int, other_column: int
) -> None:
    here = Location(file, line, column)
    assert (here.file, here.line, here.column) == (file, line, column)
    assert str(here) == f"{here}" == f"{file}:{line}:{column}"
    assert here and pickle.loads(pickle.dumps(here)) == here
    assert Location.maker(file)(line, column) == here
    there = Location(other_file, other_line, other_column)
    same = (file, line, column) == (other_file, other_line, other_column)
    assert (here == there) is same
    assert (hash(here) == hash(there)) or not same


@pytest.mark.parametrize(("line", "column"), [(-1, 1), (1, -1), (2**48, 1), (1, 2**48)])
def test_a_location_out_of_range_is_refused(line: int, column: int) -> None:
    with pytest.raises(ValueError, match="no location"):
        Location("t.yaml", line, column)


# -- shortcuts that must not change an answer ---------------------------------------------------

some_text = st.text(
    st.one_of(
        st.sampled_from(" \t\n\r\x0b\x1c\x85\xa0\u2028`‘’“”–—-'\"...…[]ab"),
        st.characters(),
    ),
    max_size=40,
)


@given(some_text)
def test_fold_takes_its_shortcut_only_where_folding_changes_nothing(text: str) -> None:
    assert fold(text) == SPACE_RUN.sub(" ", text.translate(ONE_FOR_ONE))


@given(some_text, some_text)
def test_contains_is_find_without_the_spans(seed: str, quote: str) -> None:
    seed_text = SeedText("s.txt", seed + " " + quote[: len(quote) // 2])
    assert seed_text.contains(quote) == (seed_text.find(quote) is not None)


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_decode_finds_every_forbidden_character(text: str) -> None:
    _, problem = decode(text.encode("utf-8"), "t.yaml")
    assert (problem is not None and problem.code == "E002") == bool(FORBIDDEN.search(text))


# -- the index -----------------------------------------------------------------------------------


def test_the_load_result_builds_its_index_once_on_first_use() -> None:
    result = load_corpus(MINI)
    index = result.index
    assert isinstance(index, CorpusIndex) and index.corpus is result.corpus
    assert result.index is index
    assert set(index.nodes) == {node.id for node in result.corpus.nodes()}
    restored = pickle.loads(pickle.dumps(result))
    assert restored.index is not None and set(restored.index.nodes) == set(index.nodes)


def test_a_result_without_a_corpus_has_no_index(tmp_path: Path) -> None:
    (tmp_path / "corpus.yaml").write_text("- not a mapping\n")
    assert load_corpus(tmp_path).index is None
