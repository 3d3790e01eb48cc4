"""The corpus as a Graphviz `digraph`: questions as hexagons, events as rounded boxes.

Every id and label is a double-quoted DOT string made by `quote`: backslashes are doubled (so
`\\N`, `\\l` and friends in the YAML stay text), quotes escaped, line breaks written as `\\n`, and
`&` written as `&amp;` because Graphviz decodes HTML entities in labels.
"""

from __future__ import annotations

import textwrap

from explorer.analysis.queries import CorpusIndex
from explorer.model import Corpus, Node, NodeKind
from explorer.outputs.common import (
    is_contested,
    one_line,
    placed_nodes,
    voices_shown,
)

WRAP = 30  # label width in characters: Graphviz never wraps a label by itself
LEGEND_ID = "#legend"  # '#' never occurs in a slug, so this cannot meet a node id

# Node attributes by role (values unquoted: `_attributes` quotes them); a contested node, argued
# for and against, gets a thick red border.
Attributes = dict[str, str]
TRIGGER: Attributes = {
    "shape": "box",
    "style": "rounded,filled,bold",
    "fillcolor": "#fef3c7",
    "color": "#92400e",
}
QUESTION: Attributes = {
    "shape": "hexagon",
    "style": "filled",
    "fillcolor": "#ede9fe",
    "color": "#6d28d9",
}
EVENT: Attributes = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "#e0f2fe",
    "color": "#0369a1",
}
CONTESTED: Attributes = {"color": "#dc2626", "penwidth": "2.5"}
ALTERNATIVE_EDGE = 'label="or", style=dashed, color="#6d28d9", fontcolor="#6d28d9"'
SEE_ALSO_EDGE = 'label="see also", style=dotted, constraint=false, arrowhead=open'


def escape(text: str) -> str:
    """Text for inside a DOT string; each line break (of any kind) becomes `\\n`."""
    lines = []
    for line in text.splitlines():
        # Other control characters have no place in a label; YAML refuses them anyway.
        line = "".join(" " if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in line)
        lines.append(line.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;"))
    return "\\n".join(lines)


def quote(text: str) -> str:
    return f'"{escape(text)}"'


def unescape(escaped: str) -> str:
    """The inverse of `escape` (for tests and tools)."""
    out: list[str] = []
    i = 0
    while i < len(escaped):
        char = escaped[i]
        if char == "\\" and i + 1 < len(escaped):
            following = escaped[i + 1]
            out.append("\n" if following == "n" else following)
            i += 2
        elif escaped.startswith("&amp;", i):
            out.append("&")
            i += 5
        else:
            out.append(char)
            i += 1
    return "".join(out)


def wrapped(text: str) -> str:
    """A title in lines of about WRAP characters."""
    return "\n".join(textwrap.wrap(one_line(text), WRAP, break_on_hyphens=False)) or " "


def _label(node: Node, index: CorpusIndex) -> str:
    lines = [wrapped(node.title)]
    pro = ", ".join(v.short for v in index.supporters(node))
    con = ", ".join(v.short for v in index.opponents(node))
    if pro:
        lines.append(f"for: {pro}")
    if con:
        lines.append(f"against: {con}")
    return "\n".join(lines)


def _attributes(attributes: Attributes) -> str:
    return ", ".join(f"{name}={quote(value)}" for name, value in attributes.items())


def render(corpus: Corpus) -> str:
    index = CorpusIndex(corpus)
    lines = [
        f"digraph {quote(corpus.id)} {{",
        f"    graph [label={quote(one_line(corpus.title))}, labelloc=t, fontsize=18, "
        "rankdir=TB, nodesep=0.3];",
        "    node [fontsize=11];",
        '    edge [color="#6b7280", fontsize=9];',
        "",
    ]
    edges: list[str] = []
    placed = list(placed_nodes(index))
    for item in placed:
        node = item.node
        if item.parent is None:
            role = TRIGGER
        else:
            role = QUESTION if node.kind is NodeKind.QUESTION else EVENT
        attributes = {"label": _label(node, index), **role}
        if is_contested(node, index):
            attributes.update(CONTESTED)
        lines.append(f"    {quote(node.id)} [{_attributes(attributes)}];")
        if item.parent is not None:
            edge = f" [{ALTERNATIVE_EDGE}]" if item.parent.kind is NodeKind.QUESTION else ""
            edges.append(f"    {quote(item.parent.id)} -> {quote(node.id)}{edge};")
    shown = {item.node.id for item in placed}
    for item in placed:
        for other in item.node.see_also:
            if other in shown:
                edges.append(f"    {quote(item.node.id)} -> {quote(other)} [{SEE_ALSO_EDGE}];")
    lines += ["", *edges]
    voices = voices_shown(index, shown)
    if voices:
        # `\l` ends a left-aligned line; it is written after escaping, so it stays a line end.
        legend = "".join(f"{escape(f'{v.short}  {v.name}')}\\l" for v in voices)
        lines += [
            "",
            f'    {quote(LEGEND_ID)} [shape=note, fontsize=10, label="Who argues\\l{legend}"];',
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"
