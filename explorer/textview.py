"""The tree as plain text, for pipes and for `explorer` when its output is not a terminal."""

from __future__ import annotations

from explorer.model import Corpus, Node, NodeKind
from explorer.queries import CorpusIndex

QUESTION_MARK = "?"
EVENT_MARK = "•"


def node_label(node: Node, index: CorpusIndex) -> str:
    mark = QUESTION_MARK if node.kind is NodeKind.QUESTION else EVENT_MARK
    pro = ", ".join(v.short for v in index.supporters(node))
    con = ", ".join(v.short for v in index.opponents(node))
    who = f"  [{pro}]" if pro else ""
    if con:
        who += f"  [against: {con}]"
    return f"{mark} {node.title}{who}"


def render_tree(corpus: Corpus) -> str:
    index = CorpusIndex(corpus)
    lines = [f"{corpus.title} ({corpus.id})", ""]
    lines.append(node_label(corpus.trigger, index))
    # Iterative, so a deep tree cannot reach the recursion limit.
    stack: list[tuple[Node, str, bool]] = [
        (child, "", i == len(corpus.trigger.children) - 1)
        for i, child in reversed(list(enumerate(corpus.trigger.children)))
    ]
    while stack:
        node, prefix, last = stack.pop()
        lines.append(f"{prefix}{'└── ' if last else '├── '}{node_label(node, index)}")
        child_prefix = prefix + ("    " if last else "│   ")
        children = node.children
        for i in reversed(range(len(children))):
            stack.append((children[i], child_prefix, i == len(children) - 1))
    voices = index.cited_voices()
    if voices:
        lines += ["", "Who argues:"]
        lines += [f"  {v.short:<3} {v.name} — {v.role}" for v in voices]
    return "\n".join(lines) + "\n"
