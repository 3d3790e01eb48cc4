"""The corpus's nodes as a tree: each node by id, its parent, the path down to it.

The tables are composed of one part per tree file (`TreePart`), kept from one index to the next
while the file's nodes are the same objects (`explorer.reading.reuse` keeps them when its bytes
did not change): after a save, only the saved file's part is built again, and the tables are the
parts put end to end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from typing import Generic, TypeVar

import attrs

from explorer.model import Corpus, Node

Tables = tuple[dict[str, Node], dict[str, str | None]]
T = TypeVar("T")


def walk_tables(top: Node) -> Tables:
    """Every node below `top` (included) by id and its parent's id (None for `top`), in display
    order; where an id is used twice, the first node wins and the other's branch is left out
    (the validator reports it)."""
    nodes: dict[str, Node] = {}
    parents: dict[str, str | None] = {}
    stack: list[tuple[Node, str | None]] = [(top, None)]
    while stack:
        node, parent = stack.pop()
        if node.id in nodes:
            continue
        nodes[node.id] = node
        parents[node.id] = parent
        stack.extend((child, node.id) for child in reversed(node.children))
    return nodes, parents


@attrs.frozen(slots=True, eq=False)
class TreePart:
    """One tree file's share of the tables: its nodes by id and their parents (its root's is
    None here: the trigger, once the parts are put together)."""

    root: Node
    nodes: dict[str, Node]
    parent: dict[str, str | None]

    @classmethod
    def of(cls, root: Node) -> TreePart:
        return cls(root, *walk_tables(root))


class ByRoot(Generic[T]):
    """What was made of each tree file by the last index built, by the file's root (held,
    compared by identity), and the inputs it was made with besides the tree: the next index,
    after a save, makes again only what belongs to files whose nodes changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inputs: object = None
        self._by_root: dict[int, tuple[Node, T]] = {}
        self.made_anew = 0  # how many the last call made rather than kept (tests look)

    def made(
        self, roots: Sequence[Node], make: Callable[[int], T], inputs: object = None
    ) -> list[T]:
        """For each root, what `make(its position)` made of it, kept or made now."""
        with self._lock:
            kept = self._by_root if self._inputs == inputs else {}
        found: list[T] = []
        made_anew = 0
        for position, root in enumerate(roots):
            before = kept.get(id(root))
            if before is not None and before[0] is root:
                found.append(before[1])
            else:
                found.append(make(position))
                made_anew += 1
        with self._lock:
            self._inputs = inputs
            pairs = zip(roots, found, strict=True)
            self._by_root = {id(root): (root, made) for root, made in pairs}
            self.made_anew = made_anew
        return found


LAST_PARTS: ByRoot[TreePart] = ByRoot()


@attrs.frozen(slots=True, eq=False)
class Composed:
    """Tables composed of parts: the next tables, after a save, are these patched."""

    trigger_id: str
    parts: dict[int, TreePart]  # by the id of their root
    tables: Tables


def composed_tables(
    trigger: Node, parts: Sequence[TreePart], last: Composed | None = None
) -> Tables | None:
    """The tables of the trigger and these parts; None when an id is in two of them, whose
    branches `walk_tables` leaves out differently. With `last`, the tables composed before,
    those are copied and patched: the parts gone are taken out, the new ones put in (the same
    tables, though a patched file's nodes then come last when the tables are iterated)."""
    if last is None or last.trigger_id != trigger.id:
        nodes: dict[str, Node] = {trigger.id: trigger}
        parents: dict[str, str | None] = {trigger.id: None}
        before: dict[int, TreePart] = {}
    else:
        nodes, parents = last.tables[0].copy(), last.tables[1].copy()
        nodes[trigger.id] = trigger  # built anew by every load, from corpus.yaml
        before = last.parts
        now = {id(part.root): part for part in parts}
        for key, gone in before.items():
            if now.get(key) is not gone:
                for node_id in gone.nodes:
                    del nodes[node_id], parents[node_id]
    for part in parts:
        if before.get(id(part.root)) is part:
            continue
        if not nodes.keys().isdisjoint(part.nodes):
            return None
        nodes.update(part.nodes)
        parents.update(part.parent)
        parents[part.root.id] = trigger.id
    return nodes, parents


class _LastComposed:
    def __init__(self) -> None:
        self.composed: Composed | None = None


LAST_COMPOSED = _LastComposed()


class TreeIndex:
    """Nodes by id and their parents, built on first use: validation never needs them, and at
    100k nodes they are a tenth of the corpus's memory."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    @cached_property
    def parts(self) -> list[TreePart] | None:
        """The tree files' parts the tables are composed of; None when an id is used in two
        files (an error) and the tables are walked instead."""
        return self._built[1]

    @cached_property
    def _built(self) -> tuple[Tables, list[TreePart] | None]:
        trigger = self.corpus.trigger
        roots = trigger.children
        parts = LAST_PARTS.made(roots, lambda position: TreePart.of(roots[position]))
        tables = composed_tables(trigger, parts, LAST_COMPOSED.composed)
        if tables is None:
            return walk_tables(trigger), None
        by_root = {id(part.root): part for part in parts}
        LAST_COMPOSED.composed = Composed(trigger.id, by_root, tables)
        return tables, parts

    @cached_property
    def _tables(self) -> Tables:
        return self._built[0]

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

    def paths_to(self, node_ids: Iterable[str]) -> frozenset[str]:
        """Ids on the paths from the trigger to each of `node_ids`."""
        keep: set[str] = set()
        for node_id in node_ids:
            current: str | None = node_id
            while current is not None and current not in keep:
                keep.add(current)
                current = self.parent[current]
        return frozenset(keep)
