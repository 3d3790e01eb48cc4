"""Who argues what: the voices of a corpus (its people, and the outlets whose authors are not
named), whom each citation credits, and where two voices meet and part."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from functools import cached_property

import attrs

from explorer.analysis.tree_index import ByRoot, TreeIndex, TreePart
from explorer.model import Citation, Corpus, Node, NodeKind, Person, Source

# voice key → (ids of the nodes argued for, ids of those argued against)
Argued = dict[str, tuple[set[str], set[str]]]


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


class VoiceIndex:
    """The voices of one corpus and what each argues, worked out once."""

    def __init__(self, corpus: Corpus, tree: TreeIndex) -> None:
        self.corpus = corpus
        self.tree = tree
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
    def _one_walk(self) -> tuple[Argued, bool, bool]:
        """What the panels need of every node: who argues what, and whether any node has an
        outcome or reports a position. Put together from each tree file's share (`ArguedPart`,
        kept while the file's nodes, the people and the sources are the same), or in one walk
        when the tree's tables could not be composed of parts."""
        parts = self.tree.parts
        if parts is None:
            return _argued_in(self.tree.ordered_nodes(), self.voices, self.voice_keys)
        trigger = self.corpus.trigger
        table, outcomes, reports = _argued_in((trigger,), self.voices, self.voice_keys)
        # Whom a citation credits depends on the people and the sources.
        records = (self.corpus.people, self.corpus.sources)
        made = LAST_ARGUED.made(
            [part.root for part in parts],
            lambda position: ArguedPart.of(parts[position], self.voice_keys),
            records,
        )
        for part in made:
            outcomes = outcomes or part.outcomes
            reports = reports or part.reports
            for key, (pro, con) in part.argued.items():
                table[key][0].update(pro)
                table[key][1].update(con)
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
        return tuple(n for n in self.tree.ordered_nodes() if n.id in pro or n.id in con)

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

    def cited_voices(self) -> tuple[Voice, ...]:
        """Voices that argue at least one node, people first, then outlets."""
        return tuple(v for v in self.voices.values() if self.node_count(v.key))

    def paths_of(self, key: str) -> frozenset[str]:
        """Ids on the paths to the nodes a voice argues: what 'collapse to their paths' keeps."""
        return self.tree.paths_to(node.id for node in self.nodes_argued_by(key))

    def compare(self, a: str, b: str) -> Comparison:
        """Where two voices meet and part."""
        pro_a, con_a = self._argued.get(a, (set(), set()))
        pro_b, con_b = self._argued.get(b, (set(), set()))
        opposed = (pro_a & con_b) | (pro_b & con_a)
        for node in self.tree.ordered_nodes():
            if node.kind is not NodeKind.QUESTION:
                continue
            chosen_a = {c.id for c in node.children if c.id in pro_a}
            chosen_b = {c.id for c in node.children if c.id in pro_b}
            # Different alternatives of one question: they part here, unless each also backs the
            # other's choice.
            if chosen_a and chosen_b and not (chosen_a & chosen_b):
                opposed.add(node.id)
        order = [n.id for n in self.tree.ordered_nodes()]

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


def _argued_in(
    nodes: Iterable[Node],
    voices: Iterable[str],
    voice_keys: Callable[[Citation], tuple[str, ...]],
) -> tuple[Argued, bool, bool]:
    """Who argues what among `nodes` (a table with every voice in `voices`, and any other voice
    their citations credit), and whether any of them has an outcome or reports a position."""
    table: Argued = {key: (set(), set()) for key in voices}
    outcomes = reports = False
    for node in nodes:
        outcomes = outcomes or node.outcome is not None
        for citation in node.citations:
            reports = reports or citation.reports is not None
            side = 0 if citation.stance.supports else 1
            for key in voice_keys(citation):
                sides = table.get(key)
                if sides is None:
                    sides = table[key] = (set(), set())
                sides[side].add(node.id)
    return table, outcomes, reports


@attrs.frozen(slots=True, eq=False)
class ArguedPart:
    """One tree file's share of who argues what (only the voices it credits)."""

    root: Node
    argued: Argued
    outcomes: bool
    reports: bool

    @classmethod
    def of(cls, part: TreePart, voice_keys: Callable[[Citation], tuple[str, ...]]) -> ArguedPart:
        table, outcomes, reports = _argued_in(part.nodes.values(), (), voice_keys)
        return cls(part.root, table, outcomes, reports)


LAST_ARGUED: ByRoot[ArguedPart] = ByRoot()
