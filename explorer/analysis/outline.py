"""The first levels of a corpus's tree, kept so that a large corpus shows them before it is read.

A warm start of a large corpus spends its time decoding every node from the warm-start cache.
What the main screen first shows needs only the tree's first levels, as the tree opens them, and
three facts about the whole corpus that the legend states. `Outline` is that much, taken from a
full load; the warm-start cache keeps it under the fingerprint of every file the load read
(`explorer.reading.cache`), so it is shown only for files exactly as they were, and the full
load follows at once behind it. `OutlineIndex` answers the main screen's questions from it.
"""

from __future__ import annotations

import attrs

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.voices import Voice
from explorer.model import Corpus, Node

# The tree opens each tree file's first level at start when all of them fit in this many lines.
OPEN_AT_START = 500
# Below this many nodes a warm start shows the whole corpus about as soon as its outline (the
# outline would only put the whole corpus later): they are shown whole, at once.
OUTLINE_FROM = 20_000


@attrs.frozen(slots=True)
class Outline:
    """What the tree shows at start: each tree file's root and, when the tree opens them at
    start, their children; a node kept without the children it has is listed in `unread`.
    Beside them, what the legend says of the whole corpus, and how many nodes it has."""

    roots: tuple[Node, ...]  # parallel to the corpus's tree files
    unread: frozenset[str]  # ids of the nodes kept here without their children
    cited: tuple[str, ...]  # the keys of the voices that argue some node, in the corpus's order
    has_reports: bool
    has_outcomes: bool
    nodes: int  # nodes in the whole corpus, the trigger included


def first_levels_open(roots: tuple[Node, ...]) -> bool:
    """Whether the tree opens every tree file's root at start (their children fit)."""
    return sum(len(root.children) for root in roots) <= OPEN_AT_START


def outline_of(index: CorpusIndex) -> Outline:
    """The outline of a corpus read whole."""
    roots = index.corpus.trigger.children
    unread: set[str] = set()

    def kept(node: Node, depth: int) -> Node:
        if depth == 0 or not node.children:
            if node.children:
                unread.add(node.id)
            return attrs.evolve(node, children=()) if node.children else node
        return attrs.evolve(node, children=tuple(kept(child, depth - 1) for child in node.children))

    depth = 1 if first_levels_open(roots) else 0
    return Outline(
        roots=tuple(kept(root, depth) for root in roots),
        unread=frozenset(unread),
        cited=tuple(voice.key for voice in index.cited_voices()),
        has_reports=index.has_reports,
        has_outcomes=index.has_outcomes,
        nodes=len(index.nodes),
    )


class OutlineIndex(CorpusIndex):
    """The lookups over an outline: its nodes, with the whole corpus's people and sources (read
    from corpus.yaml) and the legend's facts as the outline keeps them. Only the tree, the path
    and a node's details are asked of it: the screens that need every node wait for the load."""

    def __init__(self, corpus: Corpus, outline: Outline) -> None:
        super().__init__(corpus)
        self.outline = outline

    @property
    def is_outline(self) -> bool:
        return True

    @property
    def node_total(self) -> int:
        return self.outline.nodes

    def children_unread(self, node_id: str) -> bool:
        return node_id in self.outline.unread

    @property
    def has_outcomes(self) -> bool:
        return self.outline.has_outcomes

    @property
    def has_reports(self) -> bool:
        return self.outline.has_reports

    def cited_voices(self) -> tuple[Voice, ...]:
        return tuple(self.voices[key] for key in self.outline.cited if key in self.voices)
