"""What every rendering of a corpus needs: the nodes in order with their outline numbers, who
argues them and how, and the words for hedges. No escaping here: each format escapes its own."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from explorer.analysis.queries import CorpusIndex, Voice
from explorer.model import Citation, Node, NodeKind, Stance


def one_line(text: str) -> str:
    """A text on one line: runs of white space (line breaks too) become one space."""
    return " ".join(text.split())


@attrs.frozen(slots=True)
class Placed:
    """A node with where it sits: its outline number ('' for the trigger, '1', '1.2', …)."""

    node: Node
    number: str
    depth: int
    parent: Node | None


def placed_nodes(index: CorpusIndex) -> Iterator[Placed]:
    """Every node once, parents before children, numbered like an outline.

    A node whose id repeats an earlier one is left out with everything below it, as the index
    does (the validator reports the duplicate).
    """
    trigger = index.corpus.trigger
    # Iterative, so a deep tree cannot reach the recursion limit.
    stack: list[Placed] = [Placed(trigger, "", 0, None)]
    while stack:
        item = stack.pop()
        if index.nodes.get(item.node.id) is not item.node:
            continue
        yield item
        prefix = f"{item.number}." if item.number else ""
        stack.extend(
            Placed(child, f"{prefix}{i}", item.depth + 1, item.node)
            for i, child in reversed(list(enumerate(item.node.children, start=1)))
        )


def relation(parent: Node | None, depth: int) -> str:
    """How a node hangs from its parent, in words."""
    if parent is None:
        return "the trigger: every tree starts here"
    if depth == 1:
        return "a tree that starts from the trigger"
    if parent.kind is NodeKind.QUESTION:
        return "an alternative answer to the question above"
    return "a consequence of the event above"


def kind_word(node: Node) -> str:
    return "question" if node.kind is NodeKind.QUESTION else "event"


def stances_by_voice(node: Node, index: CorpusIndex) -> dict[str, tuple[Voice, list[Stance]]]:
    """Voice key → the voice and its stances on this node, each once, in citation order."""
    table: dict[str, tuple[Voice, list[Stance]]] = {}
    for citation in node.citations:
        for voice in index.voices_of(citation):
            _, stances = table.setdefault(voice.key, (voice, []))
            if citation.stance not in stances:
                stances.append(citation.stance)
    return table


def is_contested(node: Node, index: CorpusIndex) -> bool:
    """Someone argues for the node and someone against it."""
    return bool(index.supporters(node)) and bool(index.opponents(node))


def credited(citation: Citation, index: CorpusIndex) -> str:
    """Who a citation credits, by name: quoted speakers and reported positions say so."""
    return index.credit(citation)


def corpus_counts(index: CorpusIndex) -> tuple[int, int, int]:
    """Trees, nodes and citations."""
    nodes = list(index.ordered_nodes())
    return (
        len(index.corpus.trigger.children),
        len(nodes),
        sum(len(n.citations) for n in nodes),
    )


def voices_shown(index: CorpusIndex, node_ids: set[str] | frozenset[str]) -> tuple[Voice, ...]:
    """The voices that argue at least one of the nodes, in the index's order."""
    keys: set[str] = set()
    for node_id in node_ids:
        keys.update(v.key for v in index.arguers(index.nodes[node_id]))
    return tuple(v for v in index.cited_voices() if v.key in keys)
