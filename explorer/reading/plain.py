"""What a tree file was read as — its nodes and diagnostics — as plain JSON data, and back.

The warm-start cache keeps these. Decoding builds model objects only from lists, strings,
numbers, booleans and nulls, and checks every value on the way, its type and what it may hold
(an enum's values, a real calendar date, a line and column from 1): whatever another program
wrote into the cache can at worst be refused (`NotPlain`, which the cache takes as a miss),
never run as code and never handed to the explorer as a record the reader could not have made.
What decodes is exactly what `encode` writes for it again.

Layout: lists, not objects (the entries are large). A record is the list of its fields in the
order `attrs.fields` gives for its class; each field's codec is named in the tables below, and a
model field without one stops the import, so a new field cannot be left out of the cache. A
location is [line, column] in the entry's own file, or [file, line, column] in another; a date is
[year, month, day] (month and day may be null); evidence is its kind ("quote" or "reference")
followed by its fields; an entry is [root node or null, [diagnostic, ...]].
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import operator
from collections.abc import Callable, Mapping
from sys import intern
from typing import Any, TypeVar

import attrs

from explorer.checks.diagnostics import RULES, Diagnostic, printable
from explorer.model import (
    Citation,
    Evidence,
    Horizon,
    Location,
    Node,
    NodeKind,
    Outcome,
    OutcomeStatus,
    PartialDate,
    QuoteEvidence,
    ReferenceEvidence,
    Stance,
)

E = TypeVar("E", bound=enum.Enum)


class NotPlain(ValueError):
    """The data is not what `encode` writes."""


@attrs.frozen
class Layout:
    """A record class's fields, in constructor order, each with the name of its codec."""

    record: type
    fields: tuple[str, ...]
    codecs: tuple[str, ...]


def layout(record: type, **codecs: str) -> Layout:
    """The layout of `record`, refusing one that names a field the class lacks or leaves out one
    it has: each model field must have its place in the cache."""
    fields = attrs.fields(record)
    names = [field.name for field in fields]
    if set(names) != set(codecs) or any(field.kw_only or not field.init for field in fields):
        raise TypeError(
            f"plain: the cache layout of {record.__name__} names {sorted(codecs)}, "
            f"its fields are {names}"
        )
    return Layout(record, tuple(names), tuple(codecs[name] for name in names))


NODE = layout(
    Node,
    id="text",
    kind="node kind",
    title="text",
    claim="text",
    tags="names",
    horizon="horizon",
    citations="citations",
    children="nodes",
    see_also="names",
    location="location",
    outcome="outcome",
)
CITATION = layout(
    Citation,
    source="name",
    quote="text",
    stance="stance",
    speaker="optional name",
    likelihood="optional name",
    location="location",
    quote_location="location",
    reports="optional name",
    hedge_checked="flag",
)
OUTCOME = layout(
    Outcome,
    status="status",
    date="optional date",
    as_of="date",
    note="text",
    evidence="evidence",
    location="location",
)
QUOTE_EVIDENCE = layout(QuoteEvidence, source="text", quote="text", location="location")
REFERENCE_EVIDENCE = layout(
    ReferenceEvidence, reference="text", summary="text", location="location"
)
EVIDENCE_KINDS = {"quote": QUOTE_EVIDENCE, "reference": REFERENCE_EVIDENCE}
DIAGNOSTIC = layout(
    Diagnostic, code="rule", message="message", file="text", line="count", column="count"
)
_LAYOUTS = (NODE, CITATION, OUTCOME, QUOTE_EVIDENCE, REFERENCE_EVIDENCE, DIAGNOSTIC)


# What checking a value may raise: a date past year 9999 overflows, a key not of an enum is missing.
_REFUSALS = (TypeError, ValueError, KeyError, OverflowError, RecursionError)


def encode(file: str, root: Node | None, diagnostics: tuple[Diagnostic, ...]) -> str:
    """A tree file's reading as JSON text; its locations relative to `file`."""
    encoder = _Encoder(file)
    data = [
        None if root is None else encoder.record(NODE, root),
        [encoder.record(DIAGNOSTIC, d) for d in diagnostics],
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(file: str, text: str | bytes) -> tuple[Node | None, tuple[Diagnostic, ...]]:
    """The reading `encode` wrote for `file`; NotPlain when the text is anything else."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise NotPlain(f"not JSON: {error}") from None
    decoder = _Decoder(file)
    try:
        root, diagnostics = _list(data, 2)
        node = None if root is None else decoder.node(root)
        return node, decoder.diagnostics(diagnostics)
    except _REFUSALS as error:
        raise NotPlain(str(error) or type(error).__name__) from None


def encode_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> str:
    encoder = _Encoder("")
    return json.dumps([encoder.record(DIAGNOSTIC, d) for d in diagnostics], ensure_ascii=False)


def decode_diagnostics(text: str | bytes) -> tuple[Diagnostic, ...]:
    try:
        return _Decoder("").diagnostics(json.loads(text))
    except _REFUSALS as error:
        raise NotPlain(str(error) or type(error).__name__) from None


# -- encoding ----------------------------------------------------------------------------------


def _value(member: enum.Enum | None) -> object:
    return None if member is None else member.value


def _date(date: PartialDate | None) -> list[int | None] | None:
    return None if date is None else [date.year, date.month, date.day]


class _Encoder:
    def __init__(self, file: str) -> None:
        self.file = file
        # None: the value is written as it is.
        codecs: dict[str, Callable[[Any], object] | None] = {
            "text": None,
            "name": None,
            "optional name": None,
            "message": None,
            "rule": None,
            "count": None,
            "flag": None,
            "names": list,
            "node kind": _value,
            "horizon": _value,
            "stance": _value,
            "status": _value,
            "date": _date,
            "optional date": _date,
            "location": self.location,
            "citations": lambda citations: [self.record(CITATION, c) for c in citations],
            "nodes": lambda nodes: [self.record(NODE, n) for n in nodes],
            "outcome": lambda o: None if o is None else self.record(OUTCOME, o),
            "evidence": lambda evidence: [self.evidence(e) for e in evidence],
        }
        self.shapes = {
            shape.record: (
                operator.attrgetter(*shape.fields),
                tuple(codecs[name] for name in shape.codecs),
            )
            for shape in _LAYOUTS
        }

    def record(self, shape: Layout, record: object) -> list[object]:
        fields, codecs = self.shapes[shape.record]
        return [
            value if codec is None else codec(value)
            for codec, value in zip(codecs, fields(record), strict=False)  # one layout: one length
        ]

    def location(self, location: Location) -> list[object]:
        file, line, column = location.file, location.line, location.column
        return [line, column] if file == self.file else [file, line, column]

    def evidence(self, evidence: Evidence) -> list[object]:
        kind = "quote" if isinstance(evidence, QuoteEvidence) else "reference"
        return [kind, *self.record(EVIDENCE_KINDS[kind], evidence)]


# -- decoding: every value is checked ----------------------------------------------------------


def _list(value: object, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise TypeError("a list of the wrong kind")
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise TypeError("a text was expected")
    return value


def _name(value: object) -> str:
    return intern(_str(value))  # the same few texts again and again: kept once, as the reader does


def _optional_name(value: object) -> str | None:
    return None if value is None else _name(value)


def _names(value: object) -> tuple[str, ...]:
    return tuple([_name(item) for item in _list(value)])


def _count(value: object) -> int:
    if type(value) is not int or value < 0:
        raise TypeError("a count from 0 was expected")
    return value


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise TypeError("true or false was expected")
    return value


def _rule(value: object) -> str:
    code = _str(value)
    if code not in RULES:
        raise ValueError(f"no rule {code}")
    return code


def _message(value: object) -> str:
    message = _str(value)
    if printable(message) != message:
        raise ValueError("a message the explorer would have shown escaped")
    return message


def _member(kind: type[E], optional: bool) -> Callable[[object], E | None]:
    by_value = {member.value: member for member in kind}

    def member(value: object) -> E | None:
        if value is None and optional:
            return None
        return by_value[_str(value)]  # KeyError for a value not of the enum

    return member


def _date_or_none(value: object) -> PartialDate | None:
    if value is None:
        return None
    year, month, day = _list(value, 3)
    if type(year) is not int or not (
        (month is None and day is None)
        or (type(month) is int and (day is None or type(day) is int))
    ):
        raise TypeError("a date is [year, month, day], month and day null or numbers")
    datetime.date(year, month or 1, day or 1)  # ValueError for month 13, 30 February, year 0
    return PartialDate(year, month, day)


def _date_given(value: object) -> PartialDate:
    date = _date_or_none(value)
    if date is None:
        raise TypeError("a date was expected")
    return date


def _record_decoder(
    shape: Layout, codecs: tuple[Callable[[Any], object], ...]
) -> Callable[[object], Any]:
    make, length = shape.record, len(codecs)

    def decode(value: object) -> Any:
        if type(value) is not list or len(value) != length:
            raise TypeError(f"a {shape.record.__name__} of the wrong length")
        return make(*[codec(item) for codec, item in zip(codecs, value, strict=False)])

    return decode


class _Decoder:
    def __init__(self, file: str) -> None:
        self.file = file
        codecs: Mapping[str, Callable[[Any], object]] = {
            "text": _str,
            "name": _name,
            "optional name": _optional_name,
            "names": _names,
            "message": _message,
            "rule": _rule,
            "count": _count,
            "flag": _flag,
            "node kind": _member(NodeKind, optional=True),
            "horizon": _member(Horizon, optional=True),
            "stance": _member(Stance, optional=False),
            "status": _member(OutcomeStatus, optional=False),
            "date": _date_given,
            "optional date": _date_or_none,
            "location": self.location,
            "citations": lambda items: tuple([self.record(CITATION, c) for c in _list(items)]),
            "nodes": lambda items: tuple([self.node(n) for n in _list(items)]),
            "outcome": lambda item: None if item is None else self.record(OUTCOME, item),
            "evidence": lambda items: tuple([self.evidence(e) for e in _list(items)]),
        }
        self.records = {
            shape.record: _record_decoder(shape, tuple(codecs[name] for name in shape.codecs))
            for shape in _LAYOUTS
        }

    def record(self, shape: Layout, value: object) -> Any:
        return self.records[shape.record](value)

    def node(self, value: object) -> Node:
        node: Node = self.record(NODE, value)
        return node

    def diagnostics(self, value: object) -> tuple[Diagnostic, ...]:
        return tuple([self.record(DIAGNOSTIC, d) for d in _list(value)])

    @functools.cached_property
    def make(self) -> Callable[[int, int], Location]:
        return Location.maker(self.file)

    def location(self, value: object) -> Location:
        if type(value) is list and len(value) == 2:  # the common case, checked inline
            line, column = value
            if type(line) is int and type(column) is int and line >= 1 and column >= 1:
                return self.make(line, column)
            raise ValueError("a line and a column from 1 were expected")
        file, line, column = _list(value, 3)
        if _str(file) == self.file:  # the encoder writes the entry's own file as [line, column]
            raise ValueError("a location in the entry's own file, written with its name")
        if type(line) is not int or type(column) is not int or line < 1 or column < 1:
            raise ValueError("a line and a column from 1 were expected")
        return Location(file, line, column)

    def evidence(self, value: object) -> Evidence:
        items = _list(value)
        if not items or type(items[0]) is not str or items[0] not in EVIDENCE_KINDS:
            raise ValueError("evidence of no known kind")
        evidence: Evidence = self.record(EVIDENCE_KINDS[items[0]], items[1:])
        return evidence
