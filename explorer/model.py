"""The validated scenario model: frozen attrs classes, built only by `explorer.reading.build`.

A large corpus holds millions of these objects, so none has a weak-reference slot (nothing refers
to them weakly): eight bytes less per object.
"""

from __future__ import annotations

import datetime
import enum
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

from explorer.paths import shown_path


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
    def supports(self) -> bool:
        """True when the citation argues for the node rather than against it."""
        return self is not Stance.DOUBTS


class OutcomeStatus(enum.Enum):
    HAPPENED = "happened"
    DID_NOT_HAPPEN = "did-not-happen"
    PARTLY = "partly"
    OPEN = "open"  # not yet knowable


class SourceKind(enum.Enum):
    OPINION = "opinion"
    ANALYSIS = "analysis"
    NEWS = "news"


class Horizon(enum.Enum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


# The files locations name, each kept once: a location holds the file's number, not the file.
# The loader names each file by its absolute path, which is true from any working folder (the
# warm-start cache serves locations to later runs, started anywhere).
_FILES: list[str] = []
_FILE_NUMBERS: dict[str, int] = {}
_FILES_LOCK = threading.Lock()


def _file_number(file: str) -> int:
    number = _FILE_NUMBERS.get(file)
    if number is None:
        with _FILES_LOCK:  # a worker thread may load while another does
            number = _FILE_NUMBERS.setdefault(file, len(_FILES))
            if number == len(_FILES):
                _FILES.append(file)
    return number


# Two layouts, told apart by the lowest bit. `...1`: file (8 bits), line (14) and column (7) in 30
# bits, which CPython keeps in a one-digit int of 48 bytes with its collector header, where an
# object of three fields takes 64. `...0`: the rest, in a larger int.
_COLUMN_BITS, _LINE_BITS, _FILE_BITS = 7, 14, 8
_WIDE_BITS = 48  # lines and columns past 2**48 do not occur: files are read whole into memory
_WIDE_LIMIT = 1 << _WIDE_BITS


class Location(int):
    """Where something was written: the file (absolute, as the loader names it), 1-based line and
    column; `shown` and `str()` give the file as a person should see it from the working folder.

    A large corpus holds three locations per node, hundreds of thousands in all, so a location is
    one immutable int packing the three (see the layouts above): it compares, hashes, copies and
    prints as a location, and is built the same way."""

    __slots__ = ()

    def __new__(cls, file: str, line: int, column: int) -> Location:
        if not (0 <= line < _WIDE_LIMIT and 0 <= column < _WIDE_LIMIT):
            raise ValueError(f"no location has line {line} and column {column}")
        number = _file_number(file)
        if number >> _FILE_BITS or line >> _LINE_BITS or column >> _COLUMN_BITS:
            packed = ((number << _WIDE_BITS | line) << _WIDE_BITS | column) << 1
        else:
            packed = ((number << _LINE_BITS | line) << _COLUMN_BITS | column) << 1 | 1
        return int.__new__(cls, packed)

    @staticmethod
    def maker(file: str) -> Callable[[int, int], Location]:
        """`Location(file, line, column)` for the many locations of one file, in less time."""
        number = _file_number(file)
        if number >> _FILE_BITS:
            return lambda line, column: Location(file, line, column)
        base = number << _LINE_BITS
        new = int.__new__

        def make(line: int, column: int) -> Location:
            if line >> _LINE_BITS or column >> _COLUMN_BITS or line < 0 or column < 0:
                return Location(file, line, column)
            return new(Location, ((base | line) << _COLUMN_BITS | column) << 1 | 1)

        return make

    def _fields(self) -> tuple[int, int, int]:
        packed = int(self)
        if packed & 1:
            column_bits, line_bits = _COLUMN_BITS, _LINE_BITS
        else:
            column_bits = line_bits = _WIDE_BITS
        packed >>= 1
        column = packed & ((1 << column_bits) - 1)
        packed >>= column_bits
        return packed >> line_bits, packed & ((1 << line_bits) - 1), column

    @property
    def file(self) -> str:
        return _FILES[self._fields()[0]]

    @property
    def shown(self) -> str:
        """The file as a person should see it, from the working folder at the time of asking."""
        return shown_path(self.file)

    @property
    def line(self) -> int:
        return self._fields()[1]

    @property
    def column(self) -> int:
        return self._fields()[2]

    def __str__(self) -> str:
        number, line, column = self._fields()
        return f"{shown_path(_FILES[number])}:{line}:{column}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        number, line, column = self._fields()
        return f"Location(file={_FILES[number]!r}, line={line!r}, column={column!r})"

    def __reduce__(self) -> tuple[type[Location], tuple[str, int, int]]:
        # By file name: file numbers belong to one process.
        number, line, column = self._fields()
        return Location, (_FILES[number], line, column)


@attrs.frozen(slots=True, order=True, weakref_slot=False)
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


def date_text(date: PartialDate | None) -> str:
    """A date as written, or what stands for one the file did not give validly."""
    return "date not given" if date is None else str(date)


@attrs.frozen(slots=True, weakref_slot=False)
class Person:
    id: str
    name: str
    role: str
    location: Location


@attrs.frozen(slots=True, weakref_slot=False)
class Source:
    id: str
    title: str
    outlet: str
    published: PartialDate | None  # None when the file's date is missing or not valid
    published_note: str | None
    url: str | None
    authors: tuple[str, ...]  # person ids; empty when no author is established
    seed: str  # a file name inside the corpus's seeds folder
    kind: SourceKind | None  # None when missing or not one of the kinds
    location: Location

    @property
    def kind_text(self) -> str:
        return self.kind.value if self.kind is not None else "kind not given"


@attrs.frozen(slots=True, weakref_slot=False)
class Reference:
    """A public document with no local text: its evidence is a summary, never a quote."""

    id: str
    title: str
    publisher: str
    date: PartialDate | None  # None when missing or not valid
    url: str
    location: Location


@attrs.frozen(slots=True, weakref_slot=False)
class QuoteEvidence:
    """A seed that reports the event, with a quote verified against it."""

    source: str  # a seed source id
    quote: str
    location: Location


@attrs.frozen(slots=True, weakref_slot=False)
class ReferenceEvidence:
    """A public document with no stored text: its summary is in our words, never verified."""

    reference: str  # a reference id
    summary: str
    location: Location


# Why an outcome is what it is: one or the other, never both.
Evidence = QuoteEvidence | ReferenceEvidence


@attrs.frozen(slots=True, weakref_slot=False)
class Outcome:
    """What became of a node, as far as the dated facts allow."""

    status: OutcomeStatus
    date: PartialDate | None  # when it happened or was settled; None while open
    as_of: PartialDate  # when the facts were checked
    note: str
    evidence: tuple[Evidence, ...]
    location: Location


@attrs.frozen(slots=True, weakref_slot=False)
class Citation:
    """Why a node is in the tree: a quote, always the words of whoever wrote or said them.

    Who the quote argues for: `speaker` when the words are a person's own, quoted inside the
    article; `reports` when they are the author's words reporting that person's position; else
    the source's authors. Never both."""

    source: str  # source id
    quote: str
    stance: Stance
    speaker: str | None  # person id, when the quote is someone's own words quoted by the article
    likelihood: str | None  # the author's hedge word, as written
    location: Location
    quote_location: Location
    reports: str | None = None  # person id, when the author's words report that person's view
    # A person read the sentence: the hedge word qualifies the node's event (silences W108).
    hedge_checked: bool = False


@attrs.frozen(slots=True, weakref_slot=False)
class Node:
    id: str
    kind: NodeKind | None  # None when missing or not one of the kinds (drawn as an event)
    title: str
    claim: str
    tags: tuple[str, ...]
    horizon: Horizon | None
    citations: tuple[Citation, ...]
    children: tuple[Node, ...]
    see_also: tuple[str, ...]
    location: Location
    outcome: Outcome | None = None

    @property
    def kind_text(self) -> str:
        return self.kind.value if self.kind is not None else "kind not given"

    def walk(self) -> Iterator[Node]:
        """This node and all below it, parents before children (iterative: trees may be deep)."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@attrs.frozen(slots=True, weakref_slot=False)
class Corpus:
    id: str
    title: str
    summary: str
    folder: Path  # the corpus folder (holds corpus.yaml)
    seeds_folder: Path
    trigger: Node  # the root: its children are the roots of the tree files, in order
    tree_files: tuple[str, ...]  # absolute path of each tree file, parallel to trigger.children
    people: tuple[Person, ...]
    sources: tuple[Source, ...]
    location: Location
    references: tuple[Reference, ...] = ()

    def nodes(self) -> Iterator[Node]:
        return self.trigger.walk()
