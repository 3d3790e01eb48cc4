"""The corpus as a Mermaid flowchart: questions as hexagons, events as rounded boxes.

Labels are written as `"..."` strings in which every ASCII character other than letters, digits,
space and `,.'?!-/()` becomes a Mermaid entity code (`#34;` for `"`, `#35;` for `#`): Mermaid
decodes those to HTML entities, so no quote, bracket, `<`, `#`, `:` or markdown-ish character in
the YAML can end a label, open a tag or start a directive.
"""

from __future__ import annotations

import re

from explorer.analysis.queries import CorpusIndex
from explorer.model import Corpus, Node, NodeKind
from explorer.outputs.common import (
    is_contested,
    one_line,
    placed_nodes,
    voices_shown,
)

_SAFE_ASCII = frozenset(",.'?!-/() ")
_ENTITY = re.compile(r"#(\d+);")
LINE_BREAK = "<br/>"

CLASS_DEFS = (
    "classDef trigger fill:#fef3c7,stroke:#92400e,stroke-width:2px,color:#1f2937",
    "classDef question fill:#ede9fe,stroke:#6d28d9,color:#1f2937",
    "classDef event fill:#e0f2fe,stroke:#0369a1,color:#1f2937",
    "classDef contested stroke:#dc2626,stroke-width:3px,stroke-dasharray:5 3",
    "classDef legend fill:#f9fafb,stroke:#9ca3af,color:#374151,text-align:left",
)


def escape(text: str) -> str:
    """Text for inside a `"..."` label: on one line, every risky character an entity code."""
    out = []
    for char in one_line(text):
        if (char.isascii() and not char.isalnum() and char not in _SAFE_ASCII) or (
            not char.isprintable()
        ):
            out.append(f"#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def unescape(label: str) -> str:
    """The inverse of `escape` (for tests and tools): entity codes back to characters."""
    return _ENTITY.sub(lambda m: chr(int(m.group(1))), label)


class Ids:
    """Mermaid ids for node ids: `n_` and the id with anything but letters and digits as `_`.

    The prefix keeps ids clear of keywords (`end`, `graph`, `style`) and of the `o`/`x` edge
    endings; a suffix keeps two ids apart that sanitise alike.
    """

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._taken: set[str] = set()

    def __call__(self, node_id: str) -> str:
        if node_id in self._ids:
            return self._ids[node_id]
        base = "n_" + re.sub(r"[^A-Za-z0-9]", "_", node_id)
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}_{n}"
        self._ids[node_id] = candidate
        self._taken.add(candidate)
        return candidate


def _label(node: Node, index: CorpusIndex) -> str:
    lines = [escape(node.title)]
    pro = ", ".join(v.short for v in index.supporters(node))
    con = ", ".join(v.short for v in index.opponents(node))
    who = []
    if pro:
        who.append(f"for: {pro}")
    if con:
        who.append(f"against: {con}")
    if who:
        lines.append(escape(" · ".join(who)))
    return LINE_BREAK.join(lines)


def _shape(node: Node, label: str) -> str:
    if node.kind is NodeKind.QUESTION:
        return f'{{{{"{label}"}}}}'
    return f'("{label}")'


def render(corpus: Corpus) -> str:
    index = CorpusIndex(corpus)
    ids = Ids()
    # A comment holds only the sanitised id: free text there could form a `%%{...}%%` directive.
    lines = ["flowchart TD", f"    %% corpus {re.sub(r'[^A-Za-z0-9-]', '_', corpus.id)}"]
    edges: list[str] = []
    classes: list[str] = []
    placed = list(placed_nodes(index))
    for item in placed:
        node = item.node
        mid = ids(node.id)
        lines.append(f"    {mid}{_shape(node, _label(node, index))}")
        if item.parent is not None:
            arrow = "-->|or|" if item.parent.kind is NodeKind.QUESTION else "-->"
            edges.append(f"    {ids(item.parent.id)} {arrow} {mid}")
        kind = "trigger" if item.parent is None else node.kind_text
        classes.append(f"    class {mid} {kind}")
        if is_contested(node, index):
            classes.append(f"    class {mid} contested")
    shown = {item.node.id for item in placed}
    for item in placed:
        for other in item.node.see_also:
            if other in shown:
                edges.append(f"    {ids(item.node.id)} -.->|see also| {ids(other)}")
    voices = voices_shown(index, shown)
    if voices:
        legend = LINE_BREAK.join(escape(f"{v.short} = {v.name}") for v in voices)
        lines += [
            "    subgraph legend [Who argues]",
            f'        legend_voices["{legend}"]',
            "    end",
        ]
        classes.append("    class legend_voices legend")
    lines += edges
    lines += [f"    {d}" for d in CLASS_DEFS]
    lines += classes
    return "\n".join(lines) + "\n"
