"""The oracle for what a reload patches: the index built from the corpus in one walk, as it was
before it was composed of per-file parts, and a comparison of every lookup the screens use."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import pairwise

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import SeedText
from explorer.analysis.tree_index import walk_tables
from explorer.checks.by_tree import TreeFindings
from explorer.checks.validate import validate, validate_whole
from explorer.model import Corpus

QUERIES = ("the", "iran", "sanctions", "would", "a", "attack")


def walked_index(corpus: Corpus) -> CorpusIndex:
    """An index whose tables come from one walk of the whole corpus, and whose voices and
    search entries, finding no parts, walk it too: nothing kept from another index is used."""
    index = CorpusIndex(corpus)
    vars(index.tree_index)["_built"] = (walk_tables(corpus.trigger), None)
    assert index.tree_index.parts is None
    return index


def same_index(index: CorpusIndex, oracle: CorpusIndex) -> None:
    """Every lookup the screens read gives the same answer in both indexes."""
    assert index.nodes == oracle.nodes
    assert index.parent == oracle.parent
    assert [n.id for n in index.ordered_nodes()] == [n.id for n in oracle.ordered_nodes()]
    for node_id in list(oracle.nodes)[:: max(1, len(oracle.nodes) // 40)]:
        assert index.path_to(node_id) == oracle.path_to(node_id)
    assert index.voices == oracle.voices
    assert index.cited_voices() == oracle.cited_voices()
    assert (index.has_outcomes, index.has_reports) == (oracle.has_outcomes, oracle.has_reports)
    keys = list(oracle.voices)
    for key in keys:
        assert [n.id for n in index.nodes_argued_by(key)] == [
            n.id for n in oracle.nodes_argued_by(key)
        ]
        assert index.node_count(key) == oracle.node_count(key)
        assert index.paths_of(key) == oracle.paths_of(key)
    for a, b in pairwise(keys):
        assert index.compare(a, b) == oracle.compare(a, b)
    ours, theirs = index.search_entries, oracle.search_entries
    assert (ours._entries.fields, ours._entries.texts, ours._entries.keys) == (
        theirs._entries.fields,
        theirs._entries.texts,
        theirs._entries.keys,
    )
    for query in QUERIES:
        assert index.search(query, typos=False) == oracle.search(query, typos=False)


def same_findings(corpus: Corpus, seeds: Mapping[str, SeedText], findings: TreeFindings) -> None:
    """`validate`, reusing `findings`, finds what every check run once over the whole corpus
    finds, for a corpus whose files were all read and for one that lacks some."""
    for complete in (True, False):
        found = validate(corpus, seeds, complete=complete, findings=findings)
        assert Counter(found) == Counter(validate_whole(corpus, seeds, complete=complete))
