"""A node's citations as plain text ready to paste into a piece of writing: the quote, who said
it, the source's title, outlet, date and address. Used by `explorer show --node ID --cite` and
by the explorer's copy key."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.analysis.queries import CorpusIndex
from explorer.model import Citation, date_text
from explorer.outputs.common import one_line
from explorer.outputs.show import UnknownChoice, node_named


def citation_text(citation: Citation, index: CorpusIndex) -> str:
    """`“quote” — Who, “Title”, Outlet, 2020-01-05, https://…` on one line: every part as the
    corpus gives it, nothing added."""
    who = index.credit(citation)
    parts = [f"“{one_line(citation.quote)}” — {who}"]
    source = index.sources.get(citation.source)
    if source is None:
        parts.append(f"unknown source '{citation.source}'")
    else:
        parts += [f"“{one_line(source.title)}”", one_line(source.outlet)]
        parts.append(date_text(source.published))
        if source.url:
            parts.append(source.url)
    return ", ".join(parts)


def citations_text(citations: Sequence[Citation], index: CorpusIndex) -> str:
    """Citations one a line, each ready to paste; '' for none."""
    return "".join(citation_text(c, index) + "\n" for c in citations)


def cite_command(index: CorpusIndex, node_id: str | None) -> str:
    """What `explorer show --node ID --cite` prints; raises UnknownChoice for a missing or
    unknown node."""
    if node_id is None:
        raise UnknownChoice("--cite prints one node's citations: name it with --node ID")
    node = node_named(index, node_id)
    return citations_text(node.citations, index) or f"'{node_id}' has no citations.\n"
