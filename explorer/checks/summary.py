"""What one tree file contributes to the checks across files: its node ids, its see-also
references, the sources it cites and the people it credits.

The checks across files (an id used in two files, a see_also to a node of another file, a source
or a person no file cites) read these summaries rather than every node: a reload that reuses a
tree file's nodes reuses its summary too (`explorer.checks.by_tree`), so those checks cost the
merge of a few sets per file, not a walk of the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from explorer.model import Node


@attrs.frozen(slots=True, eq=False)
class Summary:
    ids: tuple[str, ...]  # every node's id, in the order the nodes are walked
    see_also: tuple[tuple[Node, str], ...]  # (node, the id its see_also names)
    cited_sources: frozenset[str]  # the source ids some citation cites
    named_people: frozenset[str]  # the speakers, and the people reported without a speaker
    unnamed_sources: frozenset[str]  # the sources cited without a speaker: authors credited

    @classmethod
    def of(cls, nodes: Iterable[Node]) -> Summary:
        ids: list[str] = []
        see_also: list[tuple[Node, str]] = []
        cited: set[str] = set()
        named: set[str] = set()
        unnamed: set[str] = set()
        for node in nodes:
            ids.append(node.id)
            see_also.extend((node, target) for target in node.see_also)
            for citation in node.citations:
                cited.add(citation.source)
                if citation.speaker is not None:
                    named.add(citation.speaker)
                else:
                    unnamed.add(citation.source)
                    if citation.reports is not None:
                        named.add(citation.reports)
        return cls(
            tuple(ids), tuple(see_also), frozenset(cited), frozenset(named), frozenset(unnamed)
        )
