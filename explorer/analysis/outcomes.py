"""Outcomes and the analysts' scorecard: which forecasts came to pass, by dated evidence.

A citation counts as a forecast only when its source was published before the outcome's date; one
published after it reports rather than forecasts. Where the author's hedge word gives a likelihood
band, the band's midpoint yields a Brier score — derived from words, and labelled so.

A node's children are consequences of it (or, under a question, follow from the alternative), so a
forecast on an open node whose condition did not happen is *moot*: it can neither hold nor fail,
and the scorecard says so rather than "open".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from explorer.analysis.likelihood import band_for
from explorer.analysis.queries import CorpusIndex, Voice
from explorer.model import Citation, Node, OutcomeStatus, PartialDate, Stance


class Timing(enum.Enum):
    BEFORE = "before"  # published before the outcome: a forecast
    AFTER = "after"  # published on or after it: a report
    UNCERTAIN = "uncertain"  # the dates are too coarse to tell


def timing(published: PartialDate | None, event: PartialDate) -> Timing:
    if published is None:  # the source's date is not given validly: nothing can be told
        return Timing.UNCERTAIN
    if published.latest < event.earliest:
        return Timing.BEFORE
    if published.earliest >= event.latest:
        return Timing.AFTER
    return Timing.UNCERTAIN


def moot_condition(index: CorpusIndex, node: Node) -> Node | None:
    """The condition that did not happen, when `node` is moot: its own outcome is open and the
    nearest node above it with an outcome (its condition) did not happen. None otherwise: a node
    that happened, failed or partly happened is judged on its own, whatever became of its parent."""
    if node.outcome is None or node.outcome.status is not OutcomeStatus.OPEN:
        return None
    current = index.parent.get(node.id)
    while current is not None:
        above = index.nodes[current]
        if above.outcome is not None:
            return above if above.outcome.status is OutcomeStatus.DID_NOT_HAPPEN else None
        current = index.parent.get(current)
    return None


MOOT = "moot"  # what a moot forecast's status reads as, in every view


class Verdict(enum.Enum):
    HELD = "held up"
    FAILED = "did not hold"
    EVEN = "even chance: neither held nor failed"
    NOT_SCORED = "not scored"


# Fewer scored forecasts than this, and a score says little: the views add a caution.
FEW_FORECASTS = 5


@attrs.frozen(slots=True)
class Forecast:
    """One voice's forecast on one node (the firmest of its citations there), and what became of
    the node."""

    voice: Voice
    node: Node
    citation: Citation
    status: OutcomeStatus
    timing: Timing
    # The chance the forecast gives the node itself, from the hedge word's band midpoint; None
    # when no word of probability was given (none at all, or one of possibility such as "could").
    probability: float | None
    # Whose words report the voice's position (a `reports` citation): kept apart from the voice's
    # own words and never scored, since the hedge is the reporter's.
    reported_by: tuple[Voice, ...] = ()
    # The condition that did not happen, when the forecast is moot (see `moot_condition`).
    moot_because: Node | None = None

    @property
    def moot(self) -> bool:
        return self.moot_because is not None

    @property
    def status_text(self) -> str:
        """The outcome as the scorecard names it: "moot" for an open node whose condition did
        not happen, else the status."""
        return MOOT if self.moot else self.status.value

    @property
    def reason_not_scored(self) -> str | None:
        """Why the forecast stays out of the score, in words; None when it is scored."""
        if self.reported_by:
            return "reported by another author: not scored"
        if self.moot_because is not None:
            title = " ".join(self.moot_because.title.split())
            return f"its condition (“{title}”) did not happen: not scored"
        if self.status is OutcomeStatus.OPEN:
            return "not yet known"
        if self.status is OutcomeStatus.PARTLY:
            return "counted, not scored"
        if self.timing is Timing.AFTER:
            return "published after the event: not scored"
        if self.timing is Timing.UNCERTAIN:
            return "dates too coarse to tell before from after: not scored"
        if self.probability is None:
            band = band_for(self.citation.likelihood) if self.citation.likelihood else None
            if band is not None and not band.has_probability:
                return "a possibility, no probability stated: not scored"
            return "no probability stated: not scored"
        return None

    @property
    def scored(self) -> bool:
        return self.reason_not_scored is None

    @property
    def outcome(self) -> float | None:
        """1 happened, 0 did not; None for what is not settled."""
        return {OutcomeStatus.HAPPENED: 1.0, OutcomeStatus.DID_NOT_HAPPEN: 0.0}.get(self.status)

    @property
    def verdict(self) -> Verdict:
        if self.probability is None or self.outcome is None or not self.scored:
            return Verdict.NOT_SCORED
        if self.probability == 0.5:
            return Verdict.EVEN
        return Verdict.HELD if (self.probability > 0.5) == (self.outcome == 1.0) else Verdict.FAILED


@attrs.frozen(slots=True)
class Scorecard:
    voice: Voice
    forecasts: tuple[Forecast, ...]  # one per node, own words first, then reported positions

    def count(self, status: OutcomeStatus) -> int:
        """Forecasts on nodes with this status; a moot forecast counts as moot, not as open."""
        return sum(1 for f in self.forecasts if f.status is status and not f.moot)

    @property
    def moot(self) -> int:
        return sum(1 for f in self.forecasts if f.moot)

    @property
    def reported(self) -> tuple[Forecast, ...]:
        return tuple(f for f in self.forecasts if f.reported_by)

    @property
    def scored(self) -> tuple[Forecast, ...]:
        return tuple(f for f in self.forecasts if f.scored)

    @property
    def held(self) -> int:
        return sum(1 for f in self.scored if f.verdict is Verdict.HELD)

    @property
    def brier_pairs(self) -> list[tuple[float, float]]:
        """(probability, outcome) of each scored forecast: a probability word, a settled outcome."""
        return [
            (f.probability, f.outcome)
            for f in self.scored
            if f.probability is not None and f.outcome is not None
        ]

    @property
    def brier(self) -> float | None:
        return brier(self.brier_pairs)

    @property
    def too_few(self) -> bool:
        return len(self.brier_pairs) < FEW_FORECASTS


def brier(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean squared gap between forecast probability and outcome (0 best, 1 worst)."""
    values = [(probability - outcome) ** 2 for probability, outcome in pairs]
    return sum(values) / len(values) if values else None


FORECAST_STANCES = (Stance.PREDICTS, Stance.WARNS, Stance.DOUBTS)


def node_probability(citation: Citation) -> float | None:
    """The chance a forecast citation gives its node, from its hedge word; None when the word
    states no probability. For `doubts`, a word of confidence ("will", "likely": the author is
    sure the node will not happen) gives the complement; a word that already puts the node low
    ("unlikely", "remote") is taken as it stands."""
    band = band_for(citation.likelihood) if citation.likelihood else None
    midpoint = band.midpoint if band is not None else None
    if midpoint is None or citation.stance is not Stance.DOUBTS or midpoint <= 0.5:
        return midpoint
    return round(1 - midpoint, 6)


def _firmness(citation: Citation, order: int) -> tuple[bool, float, int]:
    """Sort key, firmest first: a probability word, then the furthest from even, then the first
    cited."""
    probability = node_probability(citation)
    if probability is None:
        return (True, 0.0, order)
    return (False, -abs(probability - 0.5), order)


def forecasts(index: CorpusIndex) -> list[Forecast]:
    """One forecast per voice and node with an outcome: the voice's own words before a report of
    their position, and of those the firmest citation (see `_firmness`)."""
    found: list[Forecast] = []
    for node in index.ordered_nodes():
        outcome = node.outcome
        if outcome is None:
            continue
        moot_because = moot_condition(index, node)
        chosen: dict[str, tuple[tuple[bool, bool, float, int], Forecast]] = {}
        for order, citation in enumerate(node.citations):
            if citation.stance not in FORECAST_STANCES:
                continue
            source = index.sources.get(citation.source)
            if source is None:
                continue
            when = (
                timing(source.published, outcome.date)
                if outcome.date is not None
                else Timing.BEFORE  # open and undated: nothing has happened since
                if outcome.status is OutcomeStatus.OPEN
                else Timing.UNCERTAIN
            )
            reporters = index.reporters_of(citation)
            key = (bool(reporters), *_firmness(citation, order))
            for voice in index.voices_of(citation):
                if voice.key in chosen and chosen[voice.key][0] <= key:
                    continue
                chosen[voice.key] = (
                    key,
                    Forecast(
                        voice=voice,
                        node=node,
                        citation=citation,
                        status=outcome.status,
                        timing=when,
                        probability=node_probability(citation),
                        reported_by=reporters,
                        moot_because=moot_because,
                    ),
                )
        found.extend(forecast for _, forecast in chosen.values())
    return found


def scorecards(index: CorpusIndex) -> list[Scorecard]:
    """One scorecard per voice with forecasts: those with enough scored forecasts first, by Brier
    score (best first), then the rest by name. No ranking is drawn from fewer than five."""
    by_voice: dict[str, list[Forecast]] = {}
    for forecast in forecasts(index):
        by_voice.setdefault(forecast.voice.key, []).append(forecast)
    cards = [
        Scorecard(index.voices[key], tuple(sorted(items, key=lambda f: bool(f.reported_by))))
        for key, items in by_voice.items()
    ]

    def rank(card: Scorecard) -> tuple[bool, float, str]:
        score = card.brier if card.brier is not None and not card.too_few else 2.0
        return (card.too_few, score, card.voice.name)

    return sorted(cards, key=rank)
