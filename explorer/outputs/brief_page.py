"""What the HTML brief shows, worked out from a corpus for its template (see `html`): each node
with who argues it and its citations, the per-person view, the scorecard's cards, the sources.

Every figure comes from the analysis queries (`CorpusIndex`, `compare_matrix`, `scorecards`,
`OutcomeMark`); nothing here escapes or formats HTML: the template does.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import attrs

from explorer.analysis.hindsight import OutcomeMark
from explorer.analysis.likelihood import hedge_phrase
from explorer.analysis.outcomes import Scorecard, scorecards
from explorer.analysis.queries import CorpusIndex, Voice
from explorer.analysis.walks import Matrix, compare_matrix
from explorer.model import Citation, Corpus, Node, Outcome, QuoteEvidence, date_text
from explorer.outputs.classes import Palette, mark_class
from explorer.outputs.common import (
    kind_word,
    one_line,
    placed_nodes,
    relation,
    stances_by_voice,
)
from explorer.outputs.scorecard_view import STATUSES, brier_text

# The trigger and the tree roots start open; every branch below them starts folded.
OPEN_DEPTH = 1
# Section ids hold an underscore, which node ids (lowercase slugs) never do: no clash.
SOURCE_ANCHOR = "source_"
AGAINST_GLYPH = "¬"
REPORTED_GLYPH = "ʳ"
QUESTION_GLYPH = "?"
EVENT_GLYPH = "•"


def web_address(url: str | None) -> str | None:
    """The address when it may become a link: http or https with a host, nothing a browser
    would strip or reinterpret (white space, control characters); else None."""
    if not url or any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed IPv6 host, for one
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


@attrs.frozen(slots=True)
class Badge:
    """A voice beside a node: initials in its colour, the name on hover."""

    initials: str
    name: str
    colour: str  # the `person--N` class
    against: bool = False
    reported: bool = False

    @property
    def hover(self) -> str:
        side = "argues against this" if self.against else "argues for this"
        reported = " (as another author reports it)" if self.reported else ""
        return f"{self.name} {side}{reported}"


@attrs.frozen(slots=True)
class Where:
    """A source or reference as cited: title, outlet or publisher, date, address."""

    title: str
    outlet: str
    date: str
    address: str | None  # the text of its `url`, shown even when it is not a link
    href: str | None  # the same, when it may be a link
    anchor: str | None  # the in-page id of a source in the list of sources


@attrs.frozen(slots=True)
class SourceView:
    id: str
    where: Where
    kind: str
    authors: str  # the authors' names, or that none is named


@attrs.frozen(slots=True)
class Attribution:
    """What a citation's footer says; many citations share one."""

    stance: str
    hedge: str  # the hedge word and its band
    credit: str  # who it argues for, as the explorer says it
    colour: str
    where: Where | None  # None for an unknown source
    source_id: str


@attrs.frozen(slots=True)
class CitationView:
    quote: str
    footer: Attribution


@attrs.frozen(slots=True)
class EvidenceView:
    text: str  # the quote, or the reference's summary
    is_quote: bool
    where: Where | None
    missing: str  # what was cited, when it is not in the corpus


@attrs.frozen(slots=True)
class OutcomeView:
    glyph: str
    meaning: str
    css_class: str
    date: str | None
    as_of: str
    note: str
    evidence: tuple[EvidenceView, ...]


@attrs.frozen(slots=True)
class NodeView:
    node: Node
    id: str
    css_class: str
    number: str
    depth: int
    kind: str
    glyph: str
    relation: str
    badges: tuple[Badge, ...]
    citations: tuple[CitationView, ...]
    outcome: OutcomeView | None
    see_also: tuple[tuple[str, str | None], ...]  # (id, title when the node exists)
    open: bool
    closes: int  # how many nodes opened before this one end here

    @property
    def tags(self) -> str:
        return ", ".join(self.node.tags)

    @property
    def fold_label(self) -> str:
        """What the node's folded part holds: '3 quotes, the outcome, see also'."""
        count = len(self.citations)
        parts = [f"{count} quote{'s' if count != 1 else ''}"] if count else []
        if self.outcome is not None:
            parts.append(f"outcome: {self.outcome.glyph} {self.outcome.meaning}")
        if self.see_also:
            parts.append("see also")
        return ", ".join(parts)


@attrs.frozen(slots=True)
class Argued:
    """One node a person argues, for the per-person view."""

    node: Node
    number: str
    side: str
    stances: str
    reported: bool


@attrs.frozen(slots=True)
class PersonView:
    badge: Badge
    role: str
    argued: tuple[Argued, ...]


@attrs.frozen(slots=True)
class CardView:
    card: Scorecard
    badge: Badge
    counts: tuple[int, ...]  # per status of STATUSES, then the moot ones
    brier: str
    forecasts: tuple[tuple[str, str, str], ...]  # (node id, node title, the rest in words)


class BriefPage:
    """What the template reads, worked out from one corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.index = CorpusIndex(corpus)
        self.palette = Palette(self.index)
        self.references = {r.id: r for r in corpus.references}
        self.numbers: dict[str, str] = {}
        # A corpus has few sources and voices: what each citation repeats is worked out once.
        self._wheres: dict[str, Where | None] = {}
        self._credits: dict[tuple[str | None, str | None, str], tuple[str, str]] = {}

    def badge(self, voice: Voice, against: bool = False, reported: bool = False) -> Badge:
        return Badge(voice.short, voice.name, self.palette.css_class(voice.key), against, reported)

    def source_where(self, source_id: str) -> Where | None:
        if source_id in self._wheres:
            return self._wheres[source_id]
        source = self.index.sources.get(source_id)
        where = None
        if source is not None:
            date = date_text(source.published)
            if source.published_note:
                date += f" ({source.published_note})"
            url = source.url
            anchor = SOURCE_ANCHOR + source.id
            where = Where(source.title, source.outlet, date, url, web_address(url), anchor)
        self._wheres[source_id] = where
        return where

    def credit(self, citation: Citation) -> tuple[str, str]:
        """Who a citation argues for, in words, and the colour of the first of them."""
        who = (citation.speaker, citation.reports, citation.source)
        found = self._credits.get(who)
        if found is None:
            keys = self.index.voice_keys(citation)
            colour = self.palette.css_class(keys[0]) if keys else ""
            found = self._credits[who] = (self.index.credit(citation), colour)
        return found

    def citation(self, citation: Citation) -> CitationView:
        credit, colour = self.credit(citation)
        footer = Attribution(
            stance=citation.stance.value,
            hedge=_hedge(citation.likelihood),
            credit=credit,
            colour=colour,
            where=self.source_where(citation.source),
            source_id=citation.source,
        )
        return CitationView(one_line(citation.quote), footer)

    def outcome(self, outcome: Outcome) -> OutcomeView:
        mark = OutcomeMark.of_status(outcome.status)
        evidence: list[EvidenceView] = []
        for item in outcome.evidence:
            if isinstance(item, QuoteEvidence):
                where = self.source_where(item.source)
                evidence.append(EvidenceView(item.quote, True, where, item.source))
                continue
            reference = self.references.get(item.reference)
            where = None
            if reference is not None:
                date = date_text(reference.date)
                href = web_address(reference.url)
                where = Where(reference.title, reference.publisher, date, reference.url, href, None)
            evidence.append(EvidenceView(item.summary, False, where, item.reference))
        return OutcomeView(
            glyph=mark.glyph,
            meaning=mark.meaning,
            css_class=mark_class(mark),
            date=date_text(outcome.date) if outcome.date is not None else None,
            as_of=date_text(outcome.as_of),
            note=outcome.note,
            evidence=tuple(evidence),
        )

    def badges(self, node: Node) -> tuple[Badge, ...]:
        reported = self.index.reported_only(node)
        pro = [self.badge(v, reported=v.key in reported) for v in self.index.supporters(node)]
        con = [
            self.badge(v, against=True, reported=v.key in reported)
            for v in self.index.opponents(node)
        ]
        return (*pro, *con)

    def nodes(self) -> tuple[list[NodeView], int]:
        """Every node in page order, and how many are still open after the last one."""
        views: list[NodeView] = []
        opened = 0
        for placed in placed_nodes(self.index):
            node = placed.node
            self.numbers[node.id] = placed.number
            views.append(
                NodeView(
                    node=node,
                    id=node.id,
                    css_class=f"node depth-{min(placed.depth, 8)} {kind_word(node)}",
                    number=placed.number,
                    depth=placed.depth,
                    kind=kind_word(node),
                    glyph=QUESTION_GLYPH if kind_word(node) == "question" else EVENT_GLYPH,
                    relation=kind_word(node).capitalize()
                    + ", "
                    + relation(placed.parent, placed.depth),
                    badges=self.badges(node),
                    citations=tuple(self.citation(c) for c in node.citations),
                    outcome=self.outcome(node.outcome) if node.outcome is not None else None,
                    see_also=tuple(
                        (i, self.index.nodes[i].title if i in self.index.nodes else None)
                        for i in node.see_also
                    ),
                    open=placed.depth <= OPEN_DEPTH,
                    closes=opened - placed.depth,
                )
            )
            opened = placed.depth + 1
        return views, opened

    def people(self) -> list[PersonView]:
        """Each cited voice with the nodes it argues, in page order (one walk over the nodes)."""
        argued: dict[str, list[Argued]] = {}
        for node in self.index.ordered_nodes():
            if not node.citations:
                continue
            reported = self.index.reported_only(node)
            for key, (_, stances) in stances_by_voice(node, self.index).items():
                sides = {s.supports for s in stances}
                side = "for" if sides == {True} else "against" if sides == {False} else "both"
                argued.setdefault(key, []).append(
                    Argued(
                        node=node,
                        number=self.numbers.get(node.id, ""),
                        side="for and against" if side == "both" else side,
                        stances=", ".join(s.value for s in stances),
                        reported=key in reported,
                    )
                )
        return [
            PersonView(self.badge(voice), voice.role, tuple(argued.get(voice.key, ())))
            for voice in self.index.cited_voices()
        ]

    def sources(self) -> list[SourceView]:
        views = []
        for source in self.corpus.sources:
            where = self.source_where(source.id)
            assert where is not None  # every source of the corpus is in the index
            people = self.index.people
            names = ", ".join(people[a].name for a in source.authors if a in people)
            authors = f"by {names}" if names else "author not named"
            views.append(SourceView(source.id, where, source.kind_text, authors))
        return views

    def matrix(self) -> Matrix:
        return compare_matrix(self.index)

    def cards(self) -> list[CardView]:
        views = []
        for card in scorecards(self.index):
            forecasts = []
            for forecast in card.forecasts:
                citation = forecast.citation
                hedge = f"“{citation.likelihood}”" if citation.likelihood else "no hedge"
                reported = ""
                if forecast.reported_by:
                    names = ", ".join(v.name for v in forecast.reported_by)
                    reported = f" (as reported by {names})"
                verdict = forecast.reason_not_scored or forecast.verdict.value
                rest = (
                    f"{citation.stance.value}, {hedge}{reported} → {forecast.status_text}: "
                    f"{verdict}"
                )
                forecasts.append((forecast.node.id, forecast.node.title, rest))
            views.append(
                CardView(
                    card=card,
                    badge=self.badge(card.voice),
                    counts=(*(card.count(s) for s in STATUSES), card.moot),
                    brier=brier_text(card),
                    forecasts=tuple(forecasts),
                )
            )
        return views


@functools.lru_cache(maxsize=256)
def _hedge(word: str | None) -> str:
    return hedge_phrase(word, "likelihood not stated")
