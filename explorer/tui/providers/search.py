"""Command-palette search over node titles, claims, quotes, people and sources.

The search knows the screen it was opened from only as a `SearchedScreen`: it reads the corpus
that screen shows, and tells it what was chosen by a message (it never imports the screen)."""

from __future__ import annotations

from functools import partial
from typing import Protocol, runtime_checkable

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from explorer.analysis.queries import CorpusIndex, SearchHit, SearchKind
from explorer.analysis.quotes import fold
from explorer.tui.messages import JumpToNode, PersonChosen, SourceOpened
from explorer.tui.widgets.labels import one_line, shorten

KIND_LABEL = {
    SearchKind.NODE: "node",
    SearchKind.QUOTE: "quote",
    SearchKind.PERSON: "person",
    SearchKind.SOURCE: "source",
}
MAX_DISPLAY = 90
MATCH_STYLE = Style(bold=True, underline=True)  # when the palette gives no match style


@runtime_checkable
class SearchedScreen(Protocol):
    """What the search asks of the screen it was opened from: the corpus shown there, and a
    way to post it the hit chosen (a node to go to, a person to filter on, a source to open)."""

    index: CorpusIndex

    def post_message(self, message: Message) -> bool: ...


def hit_message(hit: SearchHit) -> Message:
    """What choosing a hit does: go to a node, filter on a person, or open a source."""
    if hit.kind is SearchKind.PERSON:
        return PersonChosen(hit.key, only=True)
    if hit.kind is SearchKind.SOURCE:
        return SourceOpened(hit.key)
    return JumpToNode(hit.node_id or hit.key)


def hit_display(hit: SearchHit, query: str, index: CorpusIndex, match_style: Style) -> Text:
    """`kind  text — where`, with the query's words in the palette's match style; literal text."""
    kind = KIND_LABEL[hit.kind]
    node = index.nodes.get(hit.node_id or "")
    if hit.kind is SearchKind.NODE and node is not None and hit.text != node.title:
        kind = "claim"
    text = Text(f"{kind:<7}")
    shown = shorten(hit.text, MAX_DISPLAY)
    start = len(text)
    text.append(shown)
    folded = fold(shown).casefold()
    if len(folded) == len(shown):  # folding kept the offsets: mark the words found
        for word in fold(query).casefold().split():
            at = folded.find(word)
            if at >= 0:
                text.stylize(match_style, start + at, start + at + len(word))
    if node is not None and (hit.kind is SearchKind.QUOTE or kind == "claim"):
        text.append(f"  — in {shorten(node.title, 40)}")
    return text


class ScenarioSearch(Provider):
    """Searches the corpus of the screen it was opened from (the main screen)."""

    def _target(self) -> SearchedScreen | None:
        screen = self.screen
        return screen if isinstance(screen, SearchedScreen) else None

    async def search(self, query: str) -> Hits:
        target = self._target()
        if target is None:
            return
        index, post = target.index, target.post_message
        hits = index.search(query)
        if not hits:
            return
        best = hits[0].score
        style = self.match_style.rich_style if self.match_style is not None else MATCH_STYLE
        for hit in hits:
            yield Hit(
                hit.score / best,
                hit_display(hit, query, index, style),
                partial(post, hit_message(hit)),
                text=hit.text,
            )

    async def discover(self) -> Hits:
        target = self._target()
        if target is None:
            return
        index, post = target.index, target.post_message
        for voice in index.cited_voices():
            yield DiscoveryHit(
                Text(f"person  {voice.name}"),
                partial(post, PersonChosen(voice.key, only=True)),
                text=voice.name,
            )
        for root in index.corpus.trigger.children:
            yield DiscoveryHit(
                Text(f"node    {one_line(root.title)}"),
                partial(post, JumpToNode(root.id)),
                text=root.title,
            )
