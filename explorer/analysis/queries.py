"""Questions asked of a corpus: paths, who argues what, person filters, comparisons, search.

Everything the views show about people and paths is computed here, without any UI, so it can be
tested on its own. `CorpusIndex` composes three parts, each built when first asked: the tree
(`tree_index`: nodes, parents, paths), the voices (`voices`: who argues what, comparisons) and
the search entries (`search_entries`). Each is put together from what every tree file
contributes, kept from the last index while the file's nodes are the same objects: after a save,
only the saved file's share is worked out again.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from explorer.analysis.search_entries import SearchEntries, SearchHit, SearchKind
from explorer.analysis.tree_index import TreeIndex
from explorer.analysis.voices import OUTLET_PREFIX, Comparison, Side, Voice, VoiceIndex
from explorer.model import Citation, Corpus, Node, Person, Source, Stance

__all__ = [
    "OUTLET_PREFIX",
    "Comparison",
    "CorpusIndex",
    "SearchHit",
    "SearchKind",
    "Side",
    "Voice",
    "stance_counts",
]


class CorpusIndex:
    """Lookups over one corpus, computed once: the tree, the voices and the search entries."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.tree_index = TreeIndex(corpus)
        self.voice_index = VoiceIndex(corpus, self.tree_index)
        self.people: dict[str, Person] = self.voice_index.people
        self.sources: dict[str, Source] = self.voice_index.sources
        self.voices: dict[str, Voice] = self.voice_index.voices

    @cached_property
    def search_entries(self) -> SearchEntries:
        # Built on the first search, never during loading: a load builds a CorpusIndex to validate.
        return SearchEntries(self.tree_index, self.voices, self.corpus.sources)

    # -- the tree ----------------------------------------------------------------------------

    @property
    def is_outline(self) -> bool:
        """Whether this index holds only the tree's first levels (`explorer.analysis.outline`),
        shown while the whole corpus is read."""
        return False

    @property
    def node_total(self) -> int:
        """How many nodes the corpus has (an outline holds fewer)."""
        return len(self.nodes)

    def children_unread(self, node_id: str) -> bool:
        """Whether the node has children this index does not hold yet (only an outline's)."""
        return False

    @property
    def nodes(self) -> dict[str, Node]:
        """Every node by id (the first, where an id is used twice)."""
        return self.tree_index.nodes

    @property
    def parent(self) -> dict[str, str | None]:
        """The id of each node's parent (None for the trigger)."""
        return self.tree_index.parent

    def ordered_nodes(self) -> Iterator[Node]:
        """Every node once, parents before children, in display order."""
        return self.tree_index.ordered_nodes()

    def path_to(self, node_id: str) -> tuple[Node, ...]:
        """The nodes from the trigger down to `node_id`, both included."""
        return self.tree_index.path_to(node_id)

    def depth(self, node_id: str) -> int:
        return self.tree_index.depth(node_id)

    def tree_file_of(self, node_id: str) -> str:
        return self.tree_index.tree_file_of(node_id)

    # -- the voices --------------------------------------------------------------------------

    def voices_of(self, citation: Citation) -> tuple[Voice, ...]:
        """Who a citation argues for (see `VoiceIndex.voices_of`)."""
        return self.voice_index.voices_of(citation)

    def reporters_of(self, citation: Citation) -> tuple[Voice, ...]:
        return self.voice_index.reporters_of(citation)

    def credit(self, citation: Citation, roles: bool = False) -> str:
        """Who a citation argues for, in words (see `VoiceIndex.credit`)."""
        return self.voice_index.credit(citation, roles)

    def authors_of(self, citation: Citation) -> tuple[Voice, ...]:
        return self.voice_index.authors_of(citation)

    def supporters(self, node: Node) -> tuple[Voice, ...]:
        return self.voice_index.supporters(node)

    def opponents(self, node: Node) -> tuple[Voice, ...]:
        return self.voice_index.opponents(node)

    def reported_only(self, node: Node) -> frozenset[str]:
        return self.voice_index.reported_only(node)

    def arguers(self, node: Node) -> tuple[Voice, ...]:
        return self.voice_index.arguers(node)

    def voice_keys(self, citation: Citation) -> tuple[str, ...]:
        return self.voice_index.voice_keys(citation)

    def supporter_keys(self, node: Node) -> frozenset[str]:
        return self.voice_index.supporter_keys(node)

    def nodes_argued_by(self, key: str) -> tuple[Node, ...]:
        return self.voice_index.nodes_argued_by(key)

    def argues(self, key: str, node_id: str) -> bool:
        return self.voice_index.argues(key, node_id)

    def node_count(self, key: str) -> int:
        return self.voice_index.node_count(key)

    @property
    def has_outcomes(self) -> bool:
        """Some node has an outcome recorded."""
        return self.voice_index.has_outcomes

    @property
    def has_reports(self) -> bool:
        """Some citation reports a person's position in the author's words."""
        return self.voice_index.has_reports

    def cited_voices(self) -> tuple[Voice, ...]:
        """Voices that argue at least one node, people first, then outlets."""
        return self.voice_index.cited_voices()

    def paths_of(self, key: str) -> frozenset[str]:
        """Ids on the paths to the nodes a voice argues: what 'collapse to their paths' keeps."""
        return self.voice_index.paths_of(key)

    def compare(self, a: str, b: str) -> Comparison:
        """Where two voices meet and part."""
        return self.voice_index.compare(a, b)

    def prepare_views(self) -> None:
        """Work out what the main screen's panels ask for first, in the thread that loaded the
        corpus, not on the app's thread."""
        _ = self.nodes
        self.cited_voices()

    # -- search ------------------------------------------------------------------------------

    @property
    def search_ready(self) -> bool:
        """The search index is built: the first keystroke need not wait for it."""
        return "search_entries" in vars(self) and self.search_entries.ready

    def prepare_search(self) -> None:
        """Build the search index now, e.g. in a thread."""
        self.search_entries.prepare_search()

    def search(self, query: str, limit: int = 50, *, typos: bool = True) -> list[SearchHit]:
        """Entries holding every word of the query, best first (see `SearchEntries.search`)."""
        return self.search_entries.search(query, limit, typos=typos)


def stance_counts(node: Node) -> dict[Stance, int]:
    counts: dict[Stance, int] = {}
    for citation in node.citations:
        counts[citation.stance] = counts.get(citation.stance, 0) + 1
    return counts
