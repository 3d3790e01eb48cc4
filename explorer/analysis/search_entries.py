"""What search looks through: every node's title, claim, tags and quotes, every voice and
source, as entries of a `SearchIndex`, and what a hit in each is."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from functools import cached_property

import attrs

from explorer.analysis.search_index import SearchIndex
from explorer.analysis.tree_index import ByRoot, TreeIndex
from explorer.analysis.voices import Voice
from explorer.model import Node, Source


class SearchKind(enum.Enum):
    NODE = "node"
    QUOTE = "quote"
    PERSON = "person"
    SOURCE = "source"


@attrs.frozen(slots=True)
class SearchHit:
    kind: SearchKind
    text: str  # what matched, for display
    node_id: str | None  # where choosing the hit goes, when it is a node or a quote
    key: str  # node id, voice key or source id
    score: float


@attrs.frozen(slots=True)
class _Field:
    """A kind of searchable text: what a hit in it is, and how much it weighs."""

    kind: SearchKind
    weight: float
    on_node: bool  # choosing the hit goes to the entry's node


_TITLE = _Field(SearchKind.NODE, 3.0, on_node=True)
_CLAIM = _Field(SearchKind.NODE, 1.5, on_node=True)
_QUOTE = _Field(SearchKind.QUOTE, 1.0, on_node=True)
_PERSON = _Field(SearchKind.PERSON, 2.5, on_node=False)
_SOURCE = _Field(SearchKind.SOURCE, 2.0, on_node=False)
_TAGS = _Field(SearchKind.NODE, 2.0, on_node=True)  # shown as the node's title
_NAMING = (_TITLE, _CLAIM)  # the fields that show a node by its own words


@attrs.frozen(slots=True)
class _Entries:
    """Every searchable text, in search order, as parallel lists of objects the corpus already
    holds: an object per entry would cost the garbage collector more than the search index."""

    fields: list[_Field]
    texts: list[str]
    keys: list[str]  # node id, voice key or source id


class SearchEntries:
    """The searchable texts of one corpus and their index, built on the first search."""

    def __init__(
        self, tree: TreeIndex, voices: dict[str, Voice], sources: tuple[Source, ...]
    ) -> None:
        self.tree = tree
        self.voices = voices
        self.sources = sources

    # Built on the first search, never during loading: a load builds a CorpusIndex to validate.
    @cached_property
    def _entries(self) -> _Entries:
        parts = self.tree.parts
        if parts is None:  # an id used in two files: the tree's tables were walked
            entries = _node_entries(self.tree.ordered_nodes())
        else:  # each tree file's entries, kept while its nodes are the same objects
            entries = _node_entries((self.tree.corpus.trigger,))
            made = LAST_ENTRIES.made(
                [part.root for part in parts],
                lambda position: _node_entries(parts[position].nodes.values()),
            )
            for part in made:
                entries.fields.extend(part.fields)
                entries.texts.extend(part.texts)
                entries.keys.extend(part.keys)
        fields, texts, keys = entries.fields.append, entries.texts.append, entries.keys.append
        for voice in self.voices.values():
            fields(_PERSON)
            texts(voice.name)
            keys(voice.key)
        for source in self.sources:
            fields(_SOURCE)
            texts(f"{source.title} — {source.outlet}")
            keys(source.id)
        return entries

    @cached_property
    def _search_index(self) -> SearchIndex:
        entries = self._entries
        return SearchIndex(entries.texts, [field.weight for field in entries.fields])

    @property
    def ready(self) -> bool:
        """The index is built: a search need not wait for it."""
        return "_search_index" in vars(self)

    def prepare_search(self) -> None:
        """Build the search index now (the slow part of a first search), e.g. in a thread."""
        _ = self._search_index

    def search(self, query: str, limit: int = 50, *, typos: bool = True) -> list[SearchHit]:
        """Entries holding every word of the query (case, quotes and dashes folded), best first:
        titles, claims, tags, quotes, people and sources. With `typos`, a word found nowhere is
        read as the words it may be a typo of (`explorer.analysis.typos`).

        Prefers matches at the start of a word, heavier fields and short texts; see
        `explorer.analysis.search_index` for the scoring, and for how it stays fast on large
        corpora. A node's tags are shown as its title, and not when its title or claim is a hit.
        """
        entries = self._entries
        found = self._search_index.search(query, limit, typos=typos)
        # A node whose title or claim is a hit: its tags would show the same line again.
        named = {entries.keys[p] for _, p in found if entries.fields[p] in _NAMING}
        hits: list[SearchHit] = []
        for score, position in found:
            field, key = entries.fields[position], entries.keys[position]
            if field is _TAGS and key in named:
                continue
            node_id = key if field.on_node else None
            text = self.tree.nodes[key].title if field is _TAGS else entries.texts[position]
            hits.append(SearchHit(field.kind, text, node_id, key, score))
        return hits


def _node_entries(nodes: Iterable[Node]) -> _Entries:
    """The searchable texts of `nodes`: each one's title, claim, tags and quotes."""
    entries = _Entries([], [], [])
    fields, texts, keys = entries.fields.append, entries.texts.append, entries.keys.append
    for node in nodes:
        fields(_TITLE)
        texts(node.title)
        keys(node.id)
        fields(_CLAIM)
        texts(node.claim)
        keys(node.id)
        if node.tags:
            fields(_TAGS)
            texts(" ".join(node.tags))
            keys(node.id)
        for citation in node.citations:
            fields(_QUOTE)
            texts(citation.quote)
            keys(node.id)
    return entries


# Each tree file's node entries, kept while its nodes are the same objects.
LAST_ENTRIES: ByRoot[_Entries] = ByRoot()
