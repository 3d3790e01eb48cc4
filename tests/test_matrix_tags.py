"""The matrix's tag filter: its tags in one walk, and the matrix of an index made once."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.walks import compare_matrix
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus
from explorer.reading.locate import find_corpora
from explorer.tui.screens.matrix import kept_matrix, matrix_tags

from .strategies import corpora, write_corpus


def index_of(path: Path) -> CorpusIndex:
    result = load_corpus(path)
    assert result.index is not None
    return result.index


def tags_by_filtering(index: CorpusIndex) -> list[str]:
    """The definition: each tag in order of first use whose filtered matrix keeps a question."""
    tags = dict.fromkeys(tag for node in index.ordered_nodes() for tag in node.tags)
    return [tag for tag in tags if compare_matrix(index, tag).questions]


@given(corpora())
def test_the_tags_are_those_whose_matrix_keeps_a_question(generated: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as name:
        index = index_of(write_corpus(Path(name) / "c", generated))
    assert matrix_tags(index) == tags_by_filtering(index)


def test_the_bundled_corpus_tags_and_matrices() -> None:
    index = index_of(find_corpora(bundled_scenarios())[0].parent)
    tags = matrix_tags(index)
    assert tags and tags == tags_by_filtering(index)
    for tag in (None, *tags):
        kept = kept_matrix(index, tag)
        assert kept is kept_matrix(index, tag)  # made once
        assert kept == compare_matrix(index, tag)
