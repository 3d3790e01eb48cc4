"""The detail pane: the selected node's claim, who argues it, and each citation in full."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import ClassVar

from attrs import frozen
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Click
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Static

from explorer.analysis.likelihood import hedge_phrase
from explorer.analysis.queries import CorpusIndex
from explorer.model import Citation, Node, Outcome
from explorer.outputs.classes import Palette
from explorer.tui.messages import JumpToNode, SourceRequested
from explorer.tui.widgets.labels import (
    LABEL_CLASSES,
    glyph,
    one_line,
    source_text,
    styled,
    update_text,
    voice_badge,
    voices_text,
)
from explorer.tui.widgets.outcome import evidence_text, outcome_text
from explorer.tui.widgets.themed import Themed

# The widgets above the citations, each a Static with this CSS class.
_PARTS = ("detail-title", "detail-meta", "detail-claim", "detail-voices", "detail-heading")

DETAIL_CLASSES = frozenset(
    {
        "detail--title",
        "detail--label",
        "detail--quote",
        "detail--doubts",
        "detail--number",
        "detail--link",
    }
)


class CitationCard(Static, can_focus=True):
    """One citation; Enter or a click opens its seed with the quote highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open this citation's source"),
    ]

    def __init__(self, content: Text, node_id: str, number: int) -> None:
        super().__init__(content, classes="citation")
        self.node_id = node_id
        self.number = number

    def show(self, content: Text, node_id: str, number: int) -> None:
        self.node_id, self.number = node_id, number
        update_text(self, content)

    def action_open(self) -> None:
        self.post_message(SourceRequested(self.node_id, self.number))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()


class SeeAlsoLink(Static, can_focus=True):
    """A node named in `see_also`; Enter or a click jumps to it (back with `[`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Go to this related node"),
    ]

    def __init__(self, content: Text, node_id: str) -> None:
        super().__init__(content, classes="see-also-link")
        self.node_id = node_id

    def action_open(self) -> None:
        self.post_message(JumpToNode(self.node_id))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()


@frozen
class Part:
    """One widget of the pane: its kind, CSS classes and text (and, for a citation or a link,
    what it opens). A widget of the same kind and classes shows another part in place."""

    kind: type[Static]
    classes: str
    text: Text
    node_id: str = ""
    number: int = 0

    def make(self) -> Static:
        if self.kind is CitationCard:
            return CitationCard(self.text, self.node_id, self.number)
        if self.kind is SeeAlsoLink:
            return SeeAlsoLink(self.text, self.node_id)
        return Static(self.text, classes=self.classes)

    def update(self, widget: Widget) -> bool:
        """Show this part in `widget`; False when the widget is of another kind."""
        if not isinstance(widget, Static) or type(widget) is not self.kind:
            return False
        if widget.classes != frozenset(self.classes.split()):
            return False
        if isinstance(widget, CitationCard):
            widget.show(self.text, self.node_id, self.number)
        else:
            if isinstance(widget, SeeAlsoLink):
                widget.node_id = self.node_id
            update_text(widget, self.text)
        return True


class DetailPane(Themed, VerticalScroll):
    """Shows one node; the main screen calls `show` when the tree's cursor moves.

    The pane's widgets are kept and their text replaced, rather than recomposed, and a burst of
    cursor moves is drawn once: `show` only notes the node, and the text is built after the next
    screen refresh, so the tree's cursor never waits for the details.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES | DETAIL_CLASSES)

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.palette = Palette(index)
        self.references = {r.id: r for r in index.corpus.references}
        self.node_id: str | None = None  # the node shown
        self._wanted: str | None = None  # the node to show at the next refresh
        self._scheduled = False

    @property
    def is_current(self) -> bool:
        """Whether the pane shows the node it was last asked to show."""
        return not self._scheduled

    def show(self, node_id: str) -> None:
        """Show this node after the next refresh (the latest asked wins)."""
        self._wanted = node_id
        if not self._scheduled:
            self._scheduled = True
            self.call_after_refresh(self._show_wanted)

    def show_index(self, index: CorpusIndex) -> None:
        """Another corpus (a reload): the node is shown again as it now reads."""
        self.index = index
        self.palette = Palette(index)
        self.references = {r.id: r for r in index.corpus.references}
        self.refresh(recompose=True)

    def _theme_changed(self, _theme: Theme) -> None:
        self.refresh(recompose=True)

    def _show_wanted(self) -> None:
        self._scheduled = False
        if self._wanted == self.node_id or not self.is_attached:
            return
        self.node_id = self._wanted
        self.scroll_home(animate=False)  # a new node is read from its title down
        # The widgets kept where the new node has a part of the same kind (most moves: all of
        # them), their texts replaced; only the rest are removed or mounted. Recomposing the
        # pane made every move onto or off a node with an outcome or links mount it anew.
        parts = self._parts()
        shown = list(self.children)
        kept = 0
        for widget, part in zip(shown, parts, strict=False):
            if not part.update(widget):
                break
            kept += 1
        if kept < len(shown):
            self.remove_children(shown[kept:])
        if kept < len(parts):
            self.mount_all(part.make() for part in parts[kept:])

    def focus_link(self, targets: Sequence[str]) -> bool:
        """Focus the see-also link after the focused one (from elsewhere the first; after the
        last the first again). False while the links shown are not to `targets` (not drawn yet)."""
        links = list(self.query_children(SeeAlsoLink).results(SeeAlsoLink))
        if not links or [link.node_id for link in links] != list(targets):
            return False
        at = next((i + 1 for i, link in enumerate(links) if link is self.screen.focused), 0)
        links[at % len(links)].focus()
        return True

    def compose(self) -> ComposeResult:
        for part in self._parts():
            yield part.make()

    def _parts(self) -> list[Part]:
        """What the pane shows of the node, top to bottom."""
        node = self.index.nodes.get(self.node_id) if self.node_id is not None else None
        if node is None:
            return [Part(Static, "detail-empty", Text("Choose a node in the tree."))]
        parts = [
            Part(Static, f"detail-part {name}", text)
            for name, text in zip(_PARTS, self._head(node), strict=True)
        ]
        parts.extend(
            Part(CitationCard, "citation", self._citation(number, citation), node.id, number)
            for number, citation in enumerate(node.citations, 1)
        )
        if node.outcome is not None:
            parts.extend(self._outcome(node.outcome))
        if node.see_also:
            label = styled("See also", self._style("detail--label"))
            parts.append(Part(Static, "detail-see-also", label))
            for other in node.see_also:
                target = self.index.nodes.get(other)
                if target is None:  # the validator reports it (E010)
                    missing = Text(f"  {other} (not in the corpus)")
                    parts.append(Part(Static, "see-also-missing", missing))
                else:
                    parts.append(Part(SeeAlsoLink, "see-also-link", self._link(target), target.id))
        return parts

    def _head(self, node: Node) -> tuple[Text, ...]:
        """The texts above the citations, one per entry of `_PARTS`."""
        style = self._style
        title = glyph(node, style)
        title.append(" ")
        title.append(one_line(node.title), style("detail--title"))
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
        return styled(" · ".join(parts), self._style("label--muted"))

    def _voices(self, node: Node) -> Text:
        style = self._style
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
        style = self._style
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
        style = self._style
        heading = styled("Outcome: ", style("detail--label"))
        heading.append_text(outcome_text(outcome, style))
        parts = [Part(Static, "detail-outcome", heading)]
        if outcome.evidence:
            label = styled(f"Evidence ({len(outcome.evidence)})", style("detail--label"))
            parts.append(Part(Static, "detail-heading", label))
        parts.extend(
            Part(Static, "evidence", evidence_text(e, self.index, self.references, style))
            for e in outcome.evidence
        )
        return parts

    def _link(self, target: Node) -> Text:
        text = Text("→ ")
        text.append_text(glyph(target, self._style))
        text.append(" ")
        text.append(one_line(target.title), self._style("detail--link"))
        return text
