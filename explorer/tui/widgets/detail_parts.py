"""What the detail pane says of a node, as a list of parts, top to bottom.

Each part is a block of text with the blank lines it wants around it and, for a citation or a
see-also link, what it opens. The pane (`detail.py`) draws the parts as lines of one widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from pathlib import PurePath

from attrs import frozen
from rich.style import Style
from rich.text import Text

from explorer.analysis.likelihood import hedge_phrase
from explorer.analysis.queries import CorpusIndex
from explorer.model import Citation, Node, Outcome, Reference
from explorer.outputs.classes import Palette
from explorer.tui.widgets.labels import (
    StyleOf,
    glyph,
    one_line,
    source_text,
    styled,
    voice_badge,
    voices_text,
)
from explorer.tui.widgets.outcome import evidence_text, outcome_text


class PartKind(Enum):
    """How a part is drawn, and whether Tab stops on it."""

    TEXT = "text"  # plain lines
    CITATION = "citation"  # a card with an edge on its left; Enter opens its seed
    LINK = "link"  # a see-also link; Enter goes to the node
    EVIDENCE = "evidence"  # an outcome's evidence, with a dashed edge

    @property
    def can_choose(self) -> bool:
        return self in (PartKind.CITATION, PartKind.LINK)

    @property
    def edge(self) -> str:
        """The character drawn on the part's left ("" for none)."""
        return {PartKind.CITATION: "▌", PartKind.EVIDENCE: "╏"}.get(self, "")

    @property
    def indent(self) -> int:
        """Cells between the edge (or the pane's side) and the text, on each side."""
        return 0 if self is PartKind.TEXT else 1


@frozen
class Part:
    """One block of the pane: its text, the blank lines it wants above and below (neighbours'
    wishes overlap, as CSS margins do), and for a citation or a link what it opens."""

    text: Text
    kind: PartKind = PartKind.TEXT
    above: int = 0
    below: int = 0
    node_id: str = ""
    number: int = 0  # a citation's number, counted from 1


@frozen
class DetailParts:
    """Builds the parts for a node from the corpus and the pane's text styles."""

    index: CorpusIndex
    palette: Palette
    references: Mapping[str, Reference]
    style: StyleOf

    @classmethod
    def of(cls, index: CorpusIndex, style: StyleOf) -> DetailParts:
        references = {r.id: r for r in index.corpus.references}
        return cls(index, Palette(index), references, style)

    def parts(self, node_id: str | None) -> list[Part]:
        """What the pane shows of the node, top to bottom."""
        node = self.index.nodes.get(node_id) if node_id is not None else None
        if node is None:
            return [Part(Text("Choose a node in the tree."))]
        title, meta, claim, voices, heading = self._head(node)
        parts = [
            Part(title),
            Part(meta),
            Part(claim, above=1, below=1),
            Part(voices, below=1),
            Part(heading),
        ]
        parts.extend(
            Part(self._citation(number, c), PartKind.CITATION, 1, 0, node.id, number)
            for number, c in enumerate(node.citations, 1)
        )
        if node.outcome is not None:
            parts.extend(self._outcome(node.outcome))
        if node.see_also:
            parts.append(Part(styled("See also", self.style("detail--label")), above=1))
            for other in node.see_also:
                target = self.index.nodes.get(other)
                if target is None:  # the validator reports it (E010)
                    parts.append(Part(Text(f"  {other} (not in the corpus)")))
                else:
                    parts.append(Part(self._link(target), PartKind.LINK, node_id=target.id))
        return parts

    def _head(self, node: Node) -> tuple[Text, ...]:
        """The title, the facts line, the claim, who argues it and the citations' heading."""
        style = self.style
        title = glyph(node, style)
        title.append(" ")
        title.append(one_line(node.title), style("detail--title"))
        title.stylize_before(style("detail--title"))
        count = len(node.citations)
        heading = styled(f"Citations ({count})", style("detail--label"))
        if count:
            keys = "1" if count == 1 else f"1–{min(count, 9)}"
            heading.append(f"  {keys} or s: open the source", style("label--muted"))
        return title, self._meta(node), Text(node.claim), self._voices(node), heading

    def _meta(self, node: Node) -> Text:
        parts = [node.kind_text, f"id {node.id}"]
        if node.tags:
            parts.append("tags " + ", ".join(node.tags))
        if node.horizon is not None:
            parts.append(f"horizon {node.horizon.value}")
        where = node.location
        parts.append(f"{PurePath(where.file).name}:{where.line}")
        return styled(" · ".join(parts), self.style("label--muted"))

    def _voices(self, node: Node) -> Text:
        style = self.style
        text = Text()
        supporters = self.index.supporters(node)
        opponents = self.index.opponents(node)
        text.append("Argued by: ", style("detail--label"))
        if not supporters:
            text.append("nobody", style("label--muted"))
        for i, voice in enumerate(supporters):
            if i:
                text.append(", ")
            text.append_text(voice_badge(voice, self.palette, style))
            text.append(f" {voice.name}")
        if opponents:
            text.append("\nAgainst: ", style("detail--label"))
            for i, voice in enumerate(opponents):
                if i:
                    text.append(", ")
                text.append_text(voice_badge(voice, self.palette, style, against=True))
                text.append(f" {voice.name}")
        return text

    def _citation(self, number: int, citation: Citation) -> Text:
        style = self.style
        text = Text()
        text.append(f"{number}  ", style("detail--number"))
        stance_style = style("detail--doubts") if not citation.stance.supports else Style()
        text.append(citation.stance.value, stance_style)
        text.append(" · likelihood ", style("label--muted"))
        text.append(hedge_phrase(citation.likelihood))
        text.append("\n")
        text.append(f"“{one_line(citation.quote)}”", style("detail--quote"))
        text.append("\n")
        text.append(voices_text(citation, self.index))
        text.append("\n")
        text.append(source_text(citation, self.index), style("label--muted"))
        return text

    def _outcome(self, outcome: Outcome) -> list[Part]:
        """What became of the node: status, dates, note; then each piece of evidence."""
        style = self.style
        heading = styled("Outcome: ", style("detail--label"))
        heading.append_text(outcome_text(outcome, style))
        parts = [Part(heading, above=1)]
        if outcome.evidence:
            label = styled(f"Evidence ({len(outcome.evidence)})", style("detail--label"))
            parts.append(Part(label))
        parts.extend(
            Part(evidence_text(e, self.index, self.references, style), PartKind.EVIDENCE, above=1)
            for e in outcome.evidence
        )
        return parts

    def _link(self, target: Node) -> Text:
        text = Text("→ ")
        text.append_text(glyph(target, self.style))
        text.append(" ")
        text.append(one_line(target.title), self.style("detail--link"))
        return text
