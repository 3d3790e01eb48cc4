"""The corpus's nodes as a tree: each node by id, its parent, the path down to it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from explorer.model import Corpus, Node


class TreeIndex:
    """Nodes by id and their parents, built on first use: validation never needs them, and at
    100k nodes they are a tenth of the corpus's memory."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

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

    def paths_to(self, node_ids: Iterable[str]) -> frozenset[str]:
        """Ids on the paths from the trigger to each of `node_ids`."""
        keep: set[str] = set()
        for node_id in node_ids:
            current: str | None = node_id
            while current is not None and current not in keep:
                keep.add(current)
                current = self.parent[current]
        return frozenset(keep)
