"""Outcomes and the analysts' scorecard: which forecasts came to pass, by dated evidence.

A citation counts as a forecast only when its source was published before the outcome's date; one
published after it reports rather than forecasts. Where the author's hedge word gives a likelihood
band, the band's midpoint yields a Brier score — derived from words, and labelled so.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from explorer.likelihood import band_for
from explorer.model import Citation, Node, OutcomeStatus, PartialDate, Stance
from explorer.queries import CorpusIndex, Voice


class Timing(enum.Enum):
    BEFORE = "before"  # published before the outcome: a forecast
    AFTER = "after"  # published on or after it: a report
    UNCERTAIN = "uncertain"  # the dates are too coarse to tell


def timing(published: PartialDate, event: PartialDate) -> Timing:
    if published.latest < event.earliest:
        return Timing.BEFORE
    if published.earliest >= event.latest:
        return Timing.AFTER
    return Timing.UNCERTAIN


class Verdict(enum.Enum):
    HELD = "held up"
    FAILED = "did not hold"
    PARTLY = "partly held"
    OPEN = "open"


@attrs.frozen(slots=True)
class Forecast:
    """One voice's forecast on one node, and what became of it."""

    voice: Voice
    node: Node
    citation: Citation
    status: OutcomeStatus
    timing: Timing
    # The chance the author gave the node itself, from the hedge word's band midpoint (for a
    # `doubts` citation too: "unlikely" puts the node at 20–45 %); None when not stated.
    probability: float | None

    @property
    def for_the_node(self) -> bool:
        return self.citation.stance is not Stance.DOUBTS

    @property
    def scored(self) -> bool:
        return self.timing is Timing.BEFORE and self.status.value_for_scoring is not None

    @property
    def verdict(self) -> Verdict:
        outcome = self.status.value_for_scoring
        if outcome is None or self.timing is not Timing.BEFORE:
            return Verdict.OPEN
        if outcome == 0.5:
            return Verdict.PARTLY
        return Verdict.HELD if (outcome == 1.0) == self.for_the_node else Verdict.FAILED


@attrs.frozen(slots=True)
class Scorecard:
    voice: Voice
    forecasts: tuple[Forecast, ...]

    def count(self, status: OutcomeStatus) -> int:
        return sum(1 for f in self.forecasts if f.status is status)

    @property
    def scored(self) -> tuple[Forecast, ...]:
        return tuple(f for f in self.forecasts if f.scored)

    @property
    def held(self) -> int:
        return sum(1 for f in self.scored if f.verdict is Verdict.HELD)

    @property
    def brier_pairs(self) -> list[tuple[float, float]]:
        pairs = []
        for forecast in self.scored:
            outcome = forecast.status.value_for_scoring
            if forecast.probability is not None and outcome is not None:
                pairs.append((forecast.probability, outcome))
        return pairs

    @property
    def brier(self) -> float | None:
        return brier(self.brier_pairs)


def brier(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean squared gap between forecast probability and outcome (0 best, 1 worst)."""
    values = [(probability - outcome) ** 2 for probability, outcome in pairs]
    return sum(values) / len(values) if values else None


FORECAST_STANCES = (Stance.PREDICTS, Stance.WARNS, Stance.DOUBTS)


def forecasts(index: CorpusIndex) -> list[Forecast]:
    """Every forecast citation on a node with an outcome, per voice it credits."""
    found = []
    for node in index.ordered_nodes():
        outcome = node.outcome
        if outcome is None:
            continue
        for citation in node.citations:
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
            band = band_for(citation.likelihood) if citation.likelihood else None
            for voice in index.voices_of(citation):
                found.append(
                    Forecast(
                        voice=voice,
                        node=node,
                        citation=citation,
                        status=outcome.status,
                        timing=when,
                        probability=band.midpoint if band else None,
                    )
                )
    return found


def scorecards(index: CorpusIndex) -> list[Scorecard]:
    """One scorecard per voice with forecasts, best record first (most held, then Brier)."""
    by_voice: dict[str, list[Forecast]] = {}
    for forecast in forecasts(index):
        by_voice.setdefault(forecast.voice.key, []).append(forecast)
    cards = [Scorecard(index.voices[key], tuple(items)) for key, items in by_voice.items()]

    def rank(card: Scorecard) -> tuple[float, float, str]:
        scored = len(card.scored)
        rate = card.held / scored if scored else -1.0
        return (-rate, card.brier if card.brier is not None else 2.0, card.voice.name)

    return sorted(cards, key=rank)
