"""Queries over generated corpora: paths, walks, person filters, comparisons, the matrix, search."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.focus import Focus, View
from explorer.analysis.queries import CorpusIndex, SearchKind
from explorer.analysis.walks import (
    VoiceOrder,
    WalkError,
    compare_matrix,
    walk_through,
    walk_to,
)
from explorer.model import NodeKind, Stance
from explorer.reading.load import load_corpus
from tests.strategies import corpora, write_corpus
from tests.test_search_index import corpus_oracle, hits, queries

MINI = Path(__file__).parent / "fixtures" / "mini"


def index_of(generated: dict[str, Any]) -> CorpusIndex:
    with tempfile.TemporaryDirectory() as name:
        result = load_corpus(write_corpus(Path(name) / "c", generated))
    assert result.corpus is not None
    return CorpusIndex(result.corpus)


# One generated corpus serves several properties: generating it is most of an example's cost.
@given(corpora(), st.data())
def test_queries_agree_with_the_tree(generated: dict[str, Any], data: st.DataObject) -> None:
    index = index_of(generated)
    ids = list(index.nodes)
    target = data.draw(st.sampled_from(ids))

    # Every walk is a root-to-node path: each step a child of the one before.
    walk = walk_to(index, target)
    assert walk.steps[0].node is index.corpus.trigger
    assert walk.node_ids[-1] == target
    for parent, child in zip(walk.steps, walk.steps[1:], strict=False):
        assert child.node in parent.node.children
        assert parent.chosen == child.node.id

    # Each voice's position on each step says what its citations there say: for when it argued
    # for the step, against when it only argued against, nothing when it was silent.
    for key, positions in walk.positions().items():
        for here, position in zip(walk.steps, positions, strict=True):
            pro = {a.voice.key for a in here.arguments_for}
            con = {a.voice.key for a in here.arguments_against}
            if key in pro:
                assert position is not None and not position.against
            elif key in con:
                assert position is not None and position.against
            else:
                assert position is None

    # Every matrix cell points at a child of its question.
    matrix = compare_matrix(index)
    # Its columns, in any order and with any hidden, are the voices that are not hidden.
    keys = [v.key for v in matrix.voices]
    hidden = frozenset(data.draw(st.lists(st.sampled_from(keys))) if keys else [])
    for order in VoiceOrder:
        shown = [v.key for v in matrix.ordered_voices(order, hidden)]
        assert sorted(shown) == sorted(k for k in keys if k not in hidden)
    counts = [matrix.citations_by(v.key) for v in matrix.ordered_voices(VoiceOrder.CITATIONS)]
    assert counts == sorted(counts, reverse=True)
    for (question_id, _), cell in matrix.cells.items():
        question = index.nodes[question_id]
        assert question.kind is NodeKind.QUESTION
        assert set(cell.alternatives) | set(cell.against) <= set(question.children)

    voices = list(index.voices)
    a = data.draw(st.sampled_from(voices))
    b = data.draw(st.sampled_from(voices))

    # A person filter never shows a node that person does not argue (ancestors aside).
    for node in index.nodes_argued_by(a):
        assert any(v.key == a for v in index.arguers(node))
    kept = index.paths_of(a)
    for node_id in kept:
        below = {n.id for n in index.nodes[node_id].walk()}
        assert below & {n.id for n in index.nodes_argued_by(a)}, "a kept node leads nowhere"

    # Search finds what the linear scan it replaced found: the same hits, scores and order.
    texts = [n.title for n in index.nodes.values()] + [v.name for v in index.voices.values()]
    texts += [c.quote for n in index.nodes.values() for c in n.citations]
    query = data.draw(queries(texts))
    assert hits(index, query) == corpus_oracle(index, query)
    assert hits(index, query, 3) == corpus_oracle(index, query, 3)

    # Comparing a voice with itself finds no difference.
    same = index.compare(a, a)
    assert same.only_a == () and same.only_b == ()
    # The parts of a comparison do not overlap.
    both_ways = index.compare(a, b)
    parts = [both_ways.only_a, both_ways.only_b, both_ways.both, both_ways.opposed]
    assert sum(len(p) for p in parts) == len(set().union(*map(set, parts)))
    # Comparing two, every node either of them argues, for or against, is marked.
    if a != b:
        view = View(index, Focus((a, b)))
        for node_id in index.nodes:
            if index.argues(a, node_id) or index.argues(b, node_id):
                assert view.mark(node_id) is not None, node_id


def mini_index() -> CorpusIndex:
    result = load_corpus(MINI)
    assert result.corpus is not None
    return CorpusIndex(result.corpus)


def test_walk_through_checks_the_order() -> None:
    index = mini_index()
    walk = walk_through(index, ["crews", "boatyards-follow"])
    assert walk.node_ids == ("harbour-closed", "crews", "crews-move", "boatyards-follow")
    with pytest.raises(WalkError):
        walk_through(index, ["boatyards-follow", "crews"])
    with pytest.raises(WalkError):
        walk_through(index, ["crews-stay", "boatyards-follow"])
    with pytest.raises(WalkError):
        walk_through(index, ["nowhere"])


def test_likelihood_along_a_path_is_never_invented() -> None:
    walk = walk_through(mini_index(), ["boatyards-follow"])
    table = walk.positions()
    # Ada Gale: explains at the trigger and the question (no hedge), then her own words.
    assert [p.band if p else None for p in table["ada-gale"]] == [
        "not stated",
        "not stated",
        "almost certain (95–99 %)",
        "possible (no probability stated)",
    ]
    assert not any(p.against for p in table["ada-gale"] if p)
    # The Ledger argues against moving north, and for nothing else on this path.
    ledger = table["source:ledger"]
    assert ledger[0] is None and ledger[1] is None and ledger[3] is None
    assert ledger[2] is not None and ledger[2].against and ledger[2].stance is Stance.DOUBTS
    assert [a.voice.key for a in walk.steps[2].arguments_against] == ["source:ledger"]


def test_compare_parts() -> None:
    index = mini_index()
    comparison = index.compare("ada-gale", "source:ledger")
    assert "crews-move" in comparison.opposed  # she predicts it, the Ledger doubts it
    assert "waterfront" in comparison.opposed  # they back different alternatives
    assert "boatyards-follow" in comparison.only_a


def test_matrix_filters_by_tag() -> None:
    index = mini_index()
    assert [q.id for q in compare_matrix(index, "tourism").questions] == ["waterfront"]
    assert [q.id for q in compare_matrix(index).questions] == ["crews", "waterfront"]


def test_search_finds_titles_quotes_people_and_sources() -> None:
    index = mini_index()
    assert index.search("boatyards")[0].node_id == "boatyards-follow"
    quote_hits = [h for h in index.search("stay and fight") if h.kind is SearchKind.QUOTE]
    assert quote_hits and quote_hits[0].node_id == "crews-stay"
    assert index.search("mara")[0].key == "mara-quay"
    assert any(h.kind is SearchKind.SOURCE for h in index.search("ledger weekly"))
    # Curly and straight quotes, and case, are folded.
    assert index.search("COUNCIL’S DECISION")[0].node_id == "harbour-closed"
    assert index.search("") == []


def test_the_node_tables_are_built_when_first_asked_for() -> None:
    """Validation builds an index for people, sources and voices only; the tables of every node
    (a tenth of a large corpus's memory) wait for a caller that shows the tree."""
    result = load_corpus(MINI)
    assert result.corpus is not None
    index = CorpusIndex(result.corpus)
    assert "_tables" not in vars(index.tree_index) and "ada-gale" in index.voices
    assert index.parent["crews"] == index.corpus.trigger.id
    assert "_tables" in vars(index.tree_index) and "crews-move" in index.nodes
