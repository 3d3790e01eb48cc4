"""What a tree file was read as — its nodes and diagnostics — as plain JSON data, and back.

The warm-start cache keeps these. Decoding builds model objects only from lists, strings,
numbers, booleans and nulls, and checks the type of every value on the way: whatever another
program wrote into the cache can at worst be refused (`NotPlain`, which the cache takes as a
miss), never run as code and never handed to the explorer as a record of the wrong shape.

Layout (lists, not objects: the fields are fixed and the entries large). A location is
[line, column] in the entry's own file, or [file, line, column] elsewhere.
  node:      [id, kind, title, claim, tags, horizon, citations, children, see_also, location,
              outcome]
  citation:  [source, quote, stance, speaker, likelihood, location, quote_location, reports,
              hedge_checked]
  outcome:   [status, date, as_of, note, evidence, location]; a date [year, month, day]
  evidence:  ["quote", source, quote, location] or ["reference", reference, summary, location]
  diagnostic: [code, message, file, line, column]
"""

from __future__ import annotations

import json
from collections.abc import Callable
from sys import intern
from typing import Any, TypeVar

from explorer.checks.diagnostics import RULES, Diagnostic
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

E = TypeVar("E")


class NotPlain(ValueError):
    """The data is not what `encode` writes."""


def encode(file: str, root: Node | None, diagnostics: tuple[Diagnostic, ...]) -> str:
    """A tree file's reading as JSON text; its locations relative to `file`."""
    encoder = _Encoder(file)
    data = [None if root is None else encoder.node(root), [_diagnostic(d) for d in diagnostics]]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(file: str, text: str | bytes) -> tuple[Node | None, tuple[Diagnostic, ...]]:
    """The reading `encode` wrote for `file`; NotPlain when the text is anything else."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise NotPlain(f"not JSON: {error}") from None
    try:
        root, diagnostics = _list(data, 2)
        decoder = _Decoder(file)
        node = None if root is None else decoder.node(root)
        return node, tuple(_undiagnostic(d) for d in _list(diagnostics))
    except (TypeError, ValueError, KeyError, RecursionError) as error:
        raise NotPlain(str(error) or type(error).__name__) from None


def encode_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> str:
    return json.dumps([_diagnostic(d) for d in diagnostics], ensure_ascii=False)


def decode_diagnostics(text: str | bytes) -> tuple[Diagnostic, ...]:
    try:
        return tuple(_undiagnostic(d) for d in _list(json.loads(text)))
    except (TypeError, ValueError, RecursionError) as error:
        raise NotPlain(str(error) or type(error).__name__) from None


class _Encoder:
    def __init__(self, file: str) -> None:
        self.file = file

    def location(self, location: Location) -> list[Any]:
        file, line, column = location.file, location.line, location.column
        return [line, column] if file == self.file else [file, line, column]

    def node(self, node: Node) -> list[Any]:
        return [
            node.id,
            None if node.kind is None else node.kind.value,
            node.title,
            node.claim,
            list(node.tags),
            None if node.horizon is None else node.horizon.value,
            [self.citation(c) for c in node.citations],
            [self.node(child) for child in node.children],
            list(node.see_also),
            self.location(node.location),
            None if node.outcome is None else self.outcome(node.outcome),
        ]

    def citation(self, c: Citation) -> list[Any]:
        return [
            c.source,
            c.quote,
            c.stance.value,
            c.speaker,
            c.likelihood,
            self.location(c.location),
            self.location(c.quote_location),
            c.reports,
            c.hedge_checked,
        ]

    def outcome(self, outcome: Outcome) -> list[Any]:
        return [
            outcome.status.value,
            _date(outcome.date),
            _date(outcome.as_of),
            outcome.note,
            [self.evidence(e) for e in outcome.evidence],
            self.location(outcome.location),
        ]

    def evidence(self, evidence: Evidence) -> list[Any]:
        if isinstance(evidence, QuoteEvidence):
            return ["quote", evidence.source, evidence.quote, self.location(evidence.location)]
        return [
            "reference",
            evidence.reference,
            evidence.summary,
            self.location(evidence.location),
        ]


def _date(date: PartialDate | None) -> list[int | None] | None:
    return None if date is None else [date.year, date.month, date.day]


def _diagnostic(d: Diagnostic) -> list[Any]:
    return [d.code, d.message, d.file, d.line, d.column]


# -- decoding: every value's type is checked -----------------------------------------------------


def _list(value: object, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise TypeError("a list of the wrong kind")
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise TypeError("a text was expected")
    return value


def _int(value: object) -> int:
    if type(value) is not int:
        raise TypeError("a number was expected")
    return value


def _enum(kind: Callable[[str], E], value: object) -> E:
    return kind(_str(value))  # ValueError for a value not of the enum


def _slugs(value: object) -> tuple[str, ...]:
    return tuple([intern(_str(item)) for item in _list(value)])


# By value; a key that is not one (or not a text) raises KeyError or TypeError: refused.
_KINDS = {kind.value: kind for kind in NodeKind}
_HORIZONS = {horizon.value: horizon for horizon in Horizon}
_STANCES = {stance.value: stance for stance in Stance}


def _undate(value: object) -> PartialDate | None:
    if value is None:
        return None
    year, month, day = _list(value, 3)
    return PartialDate(
        _int(year), None if month is None else _int(month), None if day is None else _int(day)
    )


def _undiagnostic(value: object) -> Diagnostic:
    code, message, file, line, column = _list(value, 5)
    if _str(code) not in RULES:
        raise ValueError(f"no rule {code}")
    return Diagnostic(code, _str(message), _str(file), _int(line), _int(column))


class _Decoder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.make = Location.maker(file)

    def location(self, value: object) -> Location:
        if type(value) is list and len(value) == 2:  # the common case, checked inline
            line, column = value
            if type(line) is int and type(column) is int:
                return self.make(line, column)
        file, line, column = _list(value, 3)
        return Location(_str(file), _int(line), _int(column))

    # The two records of which a large corpus has hundreds of thousands: their checks are
    # written out, each field's type tested once.
    def node(self, value: object) -> Node:
        fields = _list(value, 11)
        id_, kind, title, claim, tags, horizon, citations, children, see_also = fields[:9]
        location, outcome = fields[9:]
        if not (type(id_) is str and type(title) is str and type(claim) is str):
            raise TypeError("a node's id, title or claim is not text")
        return Node(
            id_,
            None if kind is None else _KINDS[kind],
            title,
            claim,
            _slugs(tags),
            None if horizon is None else _HORIZONS[horizon],
            tuple([self.citation(c) for c in _list(citations)]),
            tuple([self.node(child) for child in _list(children)]),
            _slugs(see_also),
            self.location(location),
            None if outcome is None else self.outcome(outcome),
        )

    def citation(self, value: object) -> Citation:
        (source, quote, stance, speaker, likelihood, location, quote_location, reports, checked) = (
            _list(value, 9)
        )
        if not (
            type(source) is str
            and type(quote) is str
            and (speaker is None or type(speaker) is str)
            and (likelihood is None or type(likelihood) is str)
            and (reports is None or type(reports) is str)
            and type(checked) is bool
        ):
            raise TypeError("a citation field is of the wrong type")
        return Citation(
            intern(source),  # the same few texts again and again: kept once, as the reader does
            quote,
            _STANCES[stance],
            None if speaker is None else intern(speaker),
            None if likelihood is None else intern(likelihood),
            self.location(location),
            self.location(quote_location),
            None if reports is None else intern(reports),
            checked,
        )

    def outcome(self, value: object) -> Outcome:
        status, date, as_of, note, evidence, location = _list(value, 6)
        settled = _undate(as_of)
        if settled is None:
            raise TypeError("an outcome without as_of")
        return Outcome(
            _enum(OutcomeStatus, status),
            _undate(date),
            settled,
            _str(note),
            tuple(self.evidence(e) for e in _list(evidence)),
            self.location(location),
        )

    def evidence(self, value: object) -> Evidence:
        kind, first, second, location = _list(value, 4)
        if kind == "quote":
            return QuoteEvidence(_str(first), _str(second), self.location(location))
        if kind == "reference":
            return ReferenceEvidence(_str(first), _str(second), self.location(location))
        raise ValueError(f"no evidence of kind {kind!r}")
