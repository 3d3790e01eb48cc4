"""The validated scenario model: frozen attrs classes, built only by `explorer.build`."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator
from pathlib import Path

import attrs


class NodeKind(enum.Enum):
    QUESTION = "question"  # a branch point: children are competing alternatives
    EVENT = "event"  # a development: children are consequences that may happen together


class Stance(enum.Enum):
    PREDICTS = "predicts"  # says it will or may happen
    WARNS = "warns"  # may happen and would be bad
    RECOMMENDS = "recommends"  # says it should happen
    DOUBTS = "doubts"  # argues against it
    EXPLAINS = "explains"  # cause or background, no forecast

    @property
    def is_forecast(self) -> bool:
        return self in (Stance.PREDICTS, Stance.WARNS)

    @property
    def is_forecast_against(self) -> bool:
        return self is Stance.DOUBTS

    @property
    def supports(self) -> bool:
        """True when the citation argues for the node rather than against it."""
        return self is not Stance.DOUBTS


class OutcomeStatus(enum.Enum):
    HAPPENED = "happened"
    DID_NOT_HAPPEN = "did-not-happen"
    PARTLY = "partly"
    OPEN = "open"  # not resolved, or the facts do not allow a verdict

    @property
    def value_for_scoring(self) -> float | None:
        """1 happened, 0 did not, 0.5 partly; None when there is nothing to score."""
        return {"happened": 1.0, "did-not-happen": 0.0, "partly": 0.5}.get(self.value)


class SourceKind(enum.Enum):
    OPINION = "opinion"
    ANALYSIS = "analysis"
    NEWS = "news"


class Horizon(enum.Enum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


@attrs.frozen(slots=True)
class Location:
    """Where something was written: the file as shown to the user, 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen(slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def earliest(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return self.earliest

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@attrs.frozen(slots=True)
class Person:
    id: str
    name: str
    role: str
    location: Location


@attrs.frozen(slots=True)
class Source:
    id: str
    title: str
    outlet: str
    published: PartialDate
    published_note: str | None
    url: str | None
    authors: tuple[str, ...]  # person ids; empty when no author is established
    seed: str  # a file name inside the corpus's seeds folder
    kind: SourceKind
    location: Location


@attrs.frozen(slots=True)
class Reference:
    """A public document with no local text: its evidence is a summary, never a quote."""

    id: str
    title: str
    publisher: str
    date: PartialDate
    url: str
    location: Location


@attrs.frozen(slots=True)
class Evidence:
    """Why an outcome is what it is: a quote from a seed (verified), or a reference's summary."""

    source: str | None  # a seed source id, with `quote`
    quote: str | None
    reference: str | None  # a reference id, with `summary`
    summary: str | None  # in our words: not verified against a stored text
    location: Location


@attrs.frozen(slots=True)
class Outcome:
    """What became of a node, as far as the dated facts allow."""

    status: OutcomeStatus
    date: PartialDate | None  # when it happened or was settled; None while open
    as_of: PartialDate  # when the facts were checked
    note: str
    evidence: tuple[Evidence, ...]
    location: Location


@attrs.frozen(slots=True)
class Citation:
    source: str  # source id
    quote: str
    stance: Stance
    speaker: str | None  # person id, when the quote is someone quoted by the article
    likelihood: str | None  # the author's hedge word, as written
    location: Location
    quote_location: Location


@attrs.frozen(slots=True)
class Node:
    id: str
    kind: NodeKind
    title: str
    claim: str
    tags: tuple[str, ...]
    horizon: Horizon | None
    citations: tuple[Citation, ...]
    children: tuple[Node, ...]
    see_also: tuple[str, ...]
    location: Location
    outcome: Outcome | None = None

    def walk(self) -> Iterator[Node]:
        """This node and all below it, parents before children (iterative: trees may be deep)."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@attrs.frozen(slots=True)
class Corpus:
    id: str
    title: str
    summary: str
    folder: Path  # the corpus folder (holds corpus.yaml)
    seeds_folder: Path
    trigger: Node  # the root: its children are the roots of the tree files, in order
    tree_files: tuple[str, ...]  # display path of each tree file, parallel to trigger.children
    people: tuple[Person, ...]
    sources: tuple[Source, ...]
    location: Location
    references: tuple[Reference, ...] = ()

    def nodes(self) -> Iterator[Node]:
        return self.trigger.walk()
