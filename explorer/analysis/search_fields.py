"""What the search searches: the kinds of hit, and each field's weight."""

from __future__ import annotations

import enum

import attrs


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
class SearchField:
    """A kind of searchable text: what a hit in it is, and how much it weighs."""

    kind: SearchKind
    weight: float
    on_node: bool  # choosing the hit goes to the entry's node


TITLE = SearchField(SearchKind.NODE, 3.0, on_node=True)
CLAIM = SearchField(SearchKind.NODE, 1.5, on_node=True)
QUOTE = SearchField(SearchKind.QUOTE, 1.0, on_node=True)
PERSON = SearchField(SearchKind.PERSON, 2.5, on_node=False)
SOURCE = SearchField(SearchKind.SOURCE, 2.0, on_node=False)
TAGS = SearchField(SearchKind.NODE, 2.0, on_node=True)  # shown as the node's title


@attrs.frozen(slots=True)
class SearchEntries:
    """Every searchable text, in search order, as parallel lists of objects the corpus already
    holds: an object per entry would cost the garbage collector more than the search index."""

    fields: list[SearchField]
    texts: list[str]
    keys: list[str]  # node id, voice key or source id


NAMING = (TITLE, CLAIM)  # the fields that show a node by its own words
