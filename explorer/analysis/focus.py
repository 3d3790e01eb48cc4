"""Which people the reader is looking at, and what that means for each node (no Textual here).

The reader chooses one person (their nodes are marked, the rest dimmed) or two (a comparison:
nodes only A argues, only B, both, and where they part), and may collapse the tree to the paths
that lead to those nodes. All the answers come from `CorpusIndex`.
"""

from __future__ import annotations

import enum

import attrs

from explorer.analysis.queries import Comparison, CorpusIndex, Side


class Mark(enum.Enum):
    """What a node means under the current focus; `glyph` is shown before the node's title."""

    FOR = ("●", "argues for")
    AGAINST = ("¬", "argues against")
    ONLY_A = ("A", "only A")
    ONLY_B = ("B", "only B")
    BOTH = ("=", "both argue for")
    OPPOSED = ("≠", "they take opposite sides")
    # Comparing two, on a node that one or both argue against and neither argues for.
    AGAINST_A = ("¬A", "only A, against")
    AGAINST_B = ("¬B", "only B, against")
    BOTH_AGAINST = ("¬=", "both against")

    def __init__(self, glyph: str, meaning: str) -> None:
        self.glyph = glyph
        self.meaning = meaning


_SIDE_MARK = {
    Side.ONLY_A: Mark.ONLY_A,
    Side.ONLY_B: Mark.ONLY_B,
    Side.BOTH: Mark.BOTH,
    Side.OPPOSED: Mark.OPPOSED,
}


@attrs.frozen(slots=True)
class Focus:
    """The chosen people (none, one, or two for a comparison) and whether the tree is collapsed."""

    people: tuple[str, ...] = ()
    collapsed: bool = False

    @property
    def active(self) -> bool:
        return bool(self.people)

    def choose(self, key: str) -> Focus:
        """Choosing a person: the first filters, a second compares, choosing again un-chooses."""
        if key in self.people:
            rest = tuple(k for k in self.people if k != key)
            return Focus(rest, self.collapsed and bool(rest))
        if len(self.people) == 1:
            return Focus((self.people[0], key), self.collapsed)
        return Focus((key,), self.collapsed and bool(self.people))

    def only(self, key: str) -> Focus:
        return Focus((key,), self.collapsed)

    def toggled_collapse(self) -> Focus:
        return Focus(self.people, not self.collapsed) if self.people else self


class View:
    """The focus applied to one corpus: marks, dimming and the nodes kept when collapsed."""

    def __init__(self, index: CorpusIndex, focus: Focus) -> None:
        self.index = index
        self.focus = focus
        self.comparison: Comparison | None = None
        self.paths: frozenset[str] = frozenset()
        people = [key for key in focus.people if key in index.voices]
        self.people: tuple[str, ...] = tuple(people)
        for key in people:
            self.paths |= index.paths_of(key)
        if len(people) == 2:
            self.comparison = index.compare(people[0], people[1])
        self._marks: dict[str, Mark | None] = {}

    @property
    def active(self) -> bool:
        return bool(self.people)

    @property
    def visible(self) -> frozenset[str] | None:
        """The node ids the tree keeps, or None for all of them."""
        return self.paths if self.active and self.focus.collapsed else None

    def mark(self, node_id: str) -> Mark | None:
        if not self.active:
            return None
        if node_id not in self._marks:
            self._marks[node_id] = self._compute_mark(node_id)
        return self._marks[node_id]

    def _compute_mark(self, node_id: str) -> Mark | None:
        node = self.index.nodes[node_id]
        against = {v.key for v in self.index.opponents(node)}
        if self.comparison is not None:
            side = self.comparison.side_of(node_id)
            if side is not None:
                return _SIDE_MARK[side]
            # Neither argues for it (else it would have a side): who argues against it?
            a, b = self.people
            if a in against:
                return Mark.BOTH_AGAINST if b in against else Mark.AGAINST_A
            return Mark.AGAINST_B if b in against else None
        key = self.people[0]
        if any(v.key == key for v in self.index.supporters(node)):
            return Mark.FOR
        if key in against:
            return Mark.AGAINST
        return None

    def dimmed(self, node_id: str) -> bool:
        """Nodes off every chosen person's paths fade; the paths to their nodes stay lit."""
        return self.active and node_id not in self.paths and self.mark(node_id) is None

    @property
    def mark_width(self) -> int:
        """The columns a mark takes, so that the titles after the marks line up."""
        return max((len(mark.glyph) for mark in self.legend()), default=0)

    def legend(self) -> list[Mark]:
        if self.comparison is not None:
            return [
                Mark.ONLY_A,
                Mark.ONLY_B,
                Mark.BOTH,
                Mark.OPPOSED,
                Mark.AGAINST_A,
                Mark.AGAINST_B,
                Mark.BOTH_AGAINST,
            ]
        if self.active:
            return [Mark.FOR, Mark.AGAINST]
        return []
