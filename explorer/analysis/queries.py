"""Questions asked of a corpus: paths, who argues what, person filters, comparisons, search.

Everything the views show about people and paths is computed here, without any UI, so it can be
tested on its own.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from functools import cached_property

import attrs

from explorer.analysis import search_fields
from explorer.analysis.search_fields import SearchEntries
from explorer.analysis.search_fields import SearchHit as SearchHit  # re-exported
from explorer.analysis.search_fields import SearchKind as SearchKind  # re-exported
from explorer.analysis.search_index import SearchIndex
from explorer.model import Citation, Corpus, Node, NodeKind, Person, Source


@attrs.frozen(slots=True)
class Voice:
    """Someone who argues: a person, or an outlet whose author is not established."""

    key: str  # a person id, or "source:<id>" for an outlet standing in for an unnamed author
    name: str
    role: str
    subject: Person | Source  # the person, or the source whose outlet stands for its author

    @property
    def is_outlet(self) -> bool:
        return isinstance(self.subject, Source)

    @property
    def short(self) -> str:
        """Initials for badges: 'SH' for Stephen Hadley, 'RS' for Responsible Statecraft."""
        name = self.subject.outlet if isinstance(self.subject, Source) else self.name
        words = [
            w for w in name.replace("-", " ").split() if w[:1].isalpha() and w.lower() != "the"
        ]
        if not words:
            return self.key[:2].upper()
        if len(words) == 1:
            return words[0][:2].upper()
        return (words[0][0] + words[-1][0]).upper()


OUTLET_PREFIX = "source:"


class Side(enum.Enum):
    """How two people stand on one node, for comparisons."""

    ONLY_A = "only A"
    ONLY_B = "only B"
    BOTH = "both"
    OPPOSED = "opposed"


@attrs.frozen(slots=True)
class Comparison:
    a: str
    b: str
    only_a: tuple[str, ...]  # node ids argued (for) by A and not by B
    only_b: tuple[str, ...]
    both: tuple[str, ...]  # argued for by both
    opposed: tuple[str, ...]  # nodes where one argues for and the other against, or questions
    # where they argue for different alternatives

    def side_of(self, node_id: str) -> Side | None:
        for side, ids in (
            (Side.OPPOSED, self.opposed),
            (Side.BOTH, self.both),
            (Side.ONLY_A, self.only_a),
            (Side.ONLY_B, self.only_b),
        ):
            if node_id in ids:
                return side
        return None


class CorpusIndex:
    """Lookups over one corpus, computed once."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.people: dict[str, Person] = {p.id: p for p in corpus.people}
        self.sources: dict[str, Source] = {s.id: s for s in corpus.sources}
        self.voices: dict[str, Voice] = {
            p.id: Voice(p.id, p.name, p.role, p) for p in corpus.people
        }
        for source in corpus.sources:
            if not source.authors:
                key = OUTLET_PREFIX + source.id
                self.voices[key] = Voice(
                    key, f"{source.outlet} (author not named)", "outlet", source
                )

    # -- structure ---------------------------------------------------------------------------

    # The node tables are built on first use: validation never needs them, and at 100k nodes
    # they are a tenth of the corpus's memory.
    @cached_property
    def _tables(self) -> tuple[dict[str, Node], dict[str, str | None]]:
        nodes: dict[str, Node] = {}
        parents: dict[str, str | None] = {}
        stack: list[tuple[Node, str | None]] = [(self.corpus.trigger, None)]
        while stack:
            node, parent = stack.pop()
            if node.id in nodes:
                continue  # a duplicate id: the validator reports it; the first one wins here
            nodes[node.id] = node
            parents[node.id] = parent
            stack.extend((child, node.id) for child in reversed(node.children))
        return nodes, parents

    @property
    def nodes(self) -> dict[str, Node]:
        """Every node by id (the first, where an id is used twice)."""
        return self._tables[0]

    @property
    def parent(self) -> dict[str, str | None]:
        """The id of each node's parent (None for the trigger)."""
        return self._tables[1]

    def ordered_nodes(self) -> Iterator[Node]:
        """Every node once, parents before children, in display order."""
        return (node for node in self.corpus.nodes() if self.nodes.get(node.id) is node)

    def path_to(self, node_id: str) -> tuple[Node, ...]:
        """The nodes from the trigger down to `node_id`, both included."""
        path: list[Node] = []
        current: str | None = node_id
        while current is not None:
            path.append(self.nodes[current])
            current = self.parent[current]
        return tuple(reversed(path))

    def depth(self, node_id: str) -> int:
        return len(self.path_to(node_id)) - 1

    def tree_file_of(self, node_id: str) -> str:
        return self.nodes[node_id].location.file

    # -- voices ------------------------------------------------------------------------------

    def voices_of(self, citation: Citation) -> tuple[Voice, ...]:
        """Who a citation argues for: its speaker (their own words), else the person whose
        position the author's words report, else the source's authors, else the outlet."""
        person = citation.speaker if citation.speaker is not None else citation.reports
        if person is not None:
            voice = self.voices.get(person)
            return (voice,) if voice else ()
        return self.authors_of(citation)

    def reporters_of(self, citation: Citation) -> tuple[Voice, ...]:
        """Whose words report the position of a `reports` citation (the source's authors, or
        the outlet); () for a citation in its own author's or speaker's words."""
        return self.authors_of(citation) if citation.reports is not None else ()

    def credit(self, citation: Citation, roles: bool = False) -> str:
        """Who a citation argues for, in words: 'Steven Simon', 'Bilal Wahab (quoted)',
        'Bilal Wahab, as reported by Steven Simon'; with `roles`, each person's role too."""
        voices = self.voices_of(citation)
        if not voices:
            return "unknown"

        quoted = " (quoted)" if citation.speaker is not None else ""
        names = "; ".join(
            f"{v.name}{quoted} — {v.role}" if roles and not v.is_outlet else f"{v.name}{quoted}"
            for v in voices
        )
        if citation.reports is not None:
            reporters = ", ".join(v.name for v in self.reporters_of(citation)) or "unknown"
            return f"{names}, as reported by {reporters}"
        return names

    def authors_of(self, citation: Citation) -> tuple[Voice, ...]:
        """The voices whose text the citation quotes: the source's authors, else its outlet."""
        source = self.sources.get(citation.source)
        if source is None:
            return ()
        if source.authors:
            return tuple(self.voices[a] for a in source.authors if a in self.voices)
        return (self.voices[OUTLET_PREFIX + source.id],)

    def supporters(self, node: Node) -> tuple[Voice, ...]:
        """Voices that argue for the node (every stance but `doubts`), in citation order."""
        return self._voices(c for c in node.citations if c.stance.supports)

    def opponents(self, node: Node) -> tuple[Voice, ...]:
        """Voices that argue against the node (stance `doubts`)."""
        return self._voices(c for c in node.citations if not c.stance.supports)

    def reported_only(self, node: Node) -> frozenset[str]:
        """Keys of the voices credited on a node only through another author's report of their
        position, never in their own words."""
        reported: set[str] = set()
        own: set[str] = set()
        for citation in node.citations:
            into = reported if citation.reports is not None else own
            into.update(voice.key for voice in self.voices_of(citation))
        return frozenset(reported - own)

    def arguers(self, node: Node) -> tuple[Voice, ...]:
        return self._voices(node.citations)

    def _voices(self, citations: Iterable[Citation]) -> tuple[Voice, ...]:
        seen: dict[str, Voice] = {}
        for citation in citations:
            for voice in self.voices_of(citation):
                seen.setdefault(voice.key, voice)
        return tuple(seen.values())

    @cached_property
    def _argued(self) -> dict[str, tuple[set[str], set[str]]]:
        """voice key → (node ids argued for, node ids argued against)."""
        return self._one_walk[0]

    @cached_property
    def _one_walk(self) -> tuple[dict[str, tuple[set[str], set[str]]], bool, bool]:
        """What the panels need of every node, in one walk (a tenth of a second at 100,000
        nodes): who argues what, and whether any node has an outcome or reports a position."""
        table: dict[str, tuple[set[str], set[str]]] = {k: (set(), set()) for k in self.voices}
        voice_keys = self.voice_keys
        outcomes = reports = False
        for node in self.ordered_nodes():
            outcomes = outcomes or node.outcome is not None
            for citation in node.citations:
                reports = reports or citation.reports is not None
                side = 0 if citation.stance.supports else 1
                for key in voice_keys(citation):
                    table[key][side].add(node.id)
        return table, outcomes, reports

    def voice_keys(self, citation: Citation) -> tuple[str, ...]:
        """The keys of `voices_of(citation)`, remembered: they depend on three fields only, of
        which a corpus of 100,000 nodes has a few hundred combinations."""
        who = (citation.speaker, citation.reports, citation.source)
        keys = self._voice_keys.get(who)
        if keys is None:
            keys = self._voice_keys[who] = tuple(v.key for v in self.voices_of(citation))
        return keys

    @cached_property
    def _voice_keys(self) -> dict[tuple[str | None, str | None, str], tuple[str, ...]]:
        return {}

    def supporter_keys(self, node: Node) -> frozenset[str]:
        """The keys of `supporters(node)`, as a set."""
        return frozenset(
            key for c in node.citations if c.stance.supports for key in self.voice_keys(c)
        )

    def nodes_argued_by(self, key: str) -> tuple[Node, ...]:
        """Nodes a voice argues, for or against, in display order."""
        pro, con = self._argued.get(key, (set(), set()))
        return tuple(n for n in self.ordered_nodes() if n.id in pro or n.id in con)

    def argues(self, key: str, node_id: str) -> bool:
        pro, con = self._argued.get(key, (set(), set()))
        return node_id in pro or node_id in con

    def node_count(self, key: str) -> int:
        pro, con = self._argued.get(key, (set(), set()))
        return len(pro | con)

    @property
    def has_outcomes(self) -> bool:
        """Some node has an outcome recorded."""
        return self._one_walk[1]

    @property
    def has_reports(self) -> bool:
        """Some citation reports a person's position in the author's words."""
        return self._one_walk[2]

    def prepare_views(self) -> None:
        """Work out what the main screen's panels ask for first, in the thread that loaded the
        corpus, not on the app's thread (0.3 s at 100,000 nodes)."""
        _ = self.nodes
        self.cited_voices()

    def cited_voices(self) -> tuple[Voice, ...]:
        """Voices that argue at least one node, people first, then outlets."""
        return tuple(v for v in self.voices.values() if self.node_count(v.key))

    def paths_of(self, key: str) -> frozenset[str]:
        """Ids on the paths to the nodes a voice argues: what 'collapse to their paths' keeps."""
        keep: set[str] = set()
        for node in self.nodes_argued_by(key):
            current: str | None = node.id
            while current is not None and current not in keep:
                keep.add(current)
                current = self.parent[current]
        return frozenset(keep)

    def compare(self, a: str, b: str) -> Comparison:
        """Where two voices meet and part."""
        pro_a, con_a = self._argued.get(a, (set(), set()))
        pro_b, con_b = self._argued.get(b, (set(), set()))
        opposed = (pro_a & con_b) | (pro_b & con_a)
        for node in self.ordered_nodes():
            if node.kind is not NodeKind.QUESTION:
                continue
            chosen_a = {c.id for c in node.children if c.id in pro_a}
            chosen_b = {c.id for c in node.children if c.id in pro_b}
            # Different alternatives of one question: they part here, unless each also backs the
            # other's choice.
            if chosen_a and chosen_b and not (chosen_a & chosen_b):
                opposed.add(node.id)
        order = [n.id for n in self.ordered_nodes()]

        def ordered(ids: set[str]) -> tuple[str, ...]:
            return tuple(i for i in order if i in ids)

        both = (pro_a & pro_b) - opposed
        return Comparison(
            a,
            b,
            only_a=ordered(pro_a - pro_b - opposed),
            only_b=ordered(pro_b - pro_a - opposed),
            both=ordered(both),
            opposed=ordered(opposed),
        )

    # -- search ------------------------------------------------------------------------------

    # Built on the first search, never during loading: a load builds a CorpusIndex to validate.
    @cached_property
    def _entries(self) -> SearchEntries:
        entries = SearchEntries([], [], [])
        fields, texts, keys = entries.fields.append, entries.texts.append, entries.keys.append
        for node in self.ordered_nodes():
            fields(search_fields.TITLE)
            texts(node.title)
            keys(node.id)
            fields(search_fields.CLAIM)
            texts(node.claim)
            keys(node.id)
            if node.tags:
                fields(search_fields.TAGS)
                texts(" ".join(node.tags))
                keys(node.id)
            for citation in node.citations:
                fields(search_fields.QUOTE)
                texts(citation.quote)
                keys(node.id)
        for voice in self.voices.values():
            fields(search_fields.PERSON)
            texts(voice.name)
            keys(voice.key)
        for source in self.corpus.sources:
            fields(search_fields.SOURCE)
            texts(f"{source.title} — {source.outlet}")
            keys(source.id)
        return entries

    @cached_property
    def _search_index(self) -> SearchIndex:
        entries = self._entries
        return SearchIndex(entries.texts, [field.weight for field in entries.fields])

    def prepare_search(self) -> None:
        """Build the search index now (it takes a second at 100k nodes), e.g. in a thread."""
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
        named = {entries.keys[p] for _, p in found if entries.fields[p] in search_fields.NAMING}
        hits: list[SearchHit] = []
        for score, position in found:
            kind, key = entries.fields[position], entries.keys[position]
            if kind is search_fields.TAGS and key in named:
                continue
            node_id = key if kind.on_node else None
            text = self.nodes[key].title if kind is search_fields.TAGS else entries.texts[position]
            hits.append(SearchHit(kind.kind, text, node_id, key, score))
        return hits
