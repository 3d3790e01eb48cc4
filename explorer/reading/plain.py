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
followed by its fields; an entry is [root node or null, [diagnostic, ...]]. An outline of the
tree's first levels (`explorer.analysis.outline`) has a layout of its own: `encode_outline`; so
have the digests of a corpus's files (`encode_digests`).
"""

from __future__ import annotations

import datetime
import enum
import json
import operator
from collections.abc import Callable, Mapping
from sys import intern
from typing import Any, TypeVar

import attrs

from explorer.analysis.outline import Outline
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
from explorer.reading.watch import STATUS_FIELDS, Digest

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


def encode_outline(files: tuple[str, ...], outline: Outline) -> str:
    """An outline as JSON text: [[[file, root], ...], unread ids, cited voice keys, has
    reports, has outcomes, node count], each root's locations relative to its own file."""
    pairs = zip(files, outline.roots, strict=True)  # one root per tree file
    roots = [[file, _Encoder(file).record(NODE, root)] for file, root in pairs]
    data = [
        roots,
        sorted(outline.unread),
        list(outline.cited),
        outline.has_reports,
        outline.has_outcomes,
        outline.nodes,
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode_outline(text: str | bytes) -> tuple[tuple[str, ...], Outline]:
    """The tree files and the outline `encode_outline` wrote; NotPlain for anything else."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise NotPlain(f"not JSON: {error}") from None
    try:
        roots, unread, cited, has_reports, has_outcomes, nodes = _list(data, 6)
        files: list[str] = []
        decoded: list[Node] = []
        for entry in _list(roots):
            file, root = _list(entry, 2)
            files.append(_str(file))
            decoded.append(_Decoder(files[-1]).node(root))
        if type(has_reports) is not bool or type(has_outcomes) is not bool:
            raise TypeError("a flag that is not true or false")
        if type(nodes) is not int or nodes < 1 + len(decoded):
            raise ValueError("a node count that is not the outline's")
        outline = Outline(
            roots=tuple(decoded),
            unread=frozenset(_str(node_id) for node_id in _list(unread)),
            cited=tuple(_str(key) for key in _list(cited)),
            has_reports=has_reports,
            has_outcomes=has_outcomes,
            nodes=nodes,
        )
        return tuple(files), outline
    except _REFUSALS as error:
        raise NotPlain(str(error) or type(error).__name__) from None


def encode_digests(digests: Mapping[str, Digest]) -> str:
    """Files' digests (`explorer.reading.watch.kept_digests`) as JSON text: {path: [status key
    ..., SHA-256 in hex]}."""
    data = {name: [*status, digest.hex()] for name, (status, digest) in sorted(digests.items())}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode_digests(text: str | bytes) -> dict[str, Digest]:
    """The digests `encode_digests` wrote; NotPlain for anything else."""
    try:
        data = json.loads(text)
        if type(data) is not dict:
            raise TypeError("not an object of files")
        digests: dict[str, Digest] = {}
        for name, entry in data.items():
            *status, digest = _list(entry, STATUS_FIELDS + 1)
            if any(type(number) is not int for number in status):
                raise TypeError("a status that is not whole numbers")
            sha = bytes.fromhex(_str(digest))  # ValueError for what is not hex
            if len(sha) != 32 or digest != sha.hex():  # fromhex skips spaces, reads capitals
                raise ValueError("not a SHA-256 in hex")
            digests[name] = (tuple(status), sha)
        return digests
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


def _names(value: object) -> tuple[str, ...]:
    return tuple([_name(item) for item in _list(value)])


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


# Decoding builds hundreds of thousands of records at a warm start. Each record's decoder is
# generated from its layout (as attrs generates `__init__`): the checks of the common codecs are
# written inline, one statement per field, where a call per field cost most of the decoding time.
# Every codec a layout names must have its entry here (a KeyError at import otherwise).
_CODEC_CHECKS: dict[str, tuple[str | None, str]] = {
    # codec: (a statement checking the field `{v}`, or None; the expression it decodes to)
    "text": ("if type({v}) is not str: raise TypeError('a text was expected')", "{v}"),
    # The same few names again and again: kept once, as the reader does.
    "name": ("if type({v}) is not str: raise TypeError('a text was expected')", "intern({v})"),
    "optional name": (
        "if {v} is not None and type({v}) is not str: raise TypeError('a text was expected')",
        "None if {v} is None else intern({v})",
    ),
    "names": (None, "() if type({v}) is list and not {v} else names({v})"),  # mostly none
    "message": (None, "message({v})"),
    "rule": (None, "rule({v})"),
    "count": (
        "if type({v}) is not int or {v} < 0: raise TypeError('a count from 0 was expected')",
        "{v}",
    ),
    "flag": ("if type({v}) is not bool: raise TypeError('true or false was expected')", "{v}"),
    # An enum's member by its value: a value of no member (or of no text) raises KeyError or
    # TypeError (a list is unhashable); only a text can equal a member's value.
    "node kind": (None, "None if {v} is None else node_kinds[{v}]"),
    "horizon": (None, "None if {v} is None else horizons[{v}]"),
    "stance": (None, "stances[{v}]"),
    "status": (None, "statuses[{v}]"),
    "date": (None, "date_given({v})"),
    "optional date": (None, "date_or_none({v})"),
    # [line, column] in the entry's own file, the common case, checked inline.
    "location": (
        None,
        "make({v}[0], {v}[1]) if type({v}) is list and len({v}) == 2 and type({v}[0]) is int "
        "and type({v}[1]) is int and {v}[0] >= 1 and {v}[1] >= 1 else location({v})",
    ),
    "citations": (None, "tuple([decode_Citation(item) for item in checked_list({v})])"),
    "nodes": (None, "tuple([decode_Node(item) for item in checked_list({v})])"),
    "outcome": (None, "None if {v} is None else decode_Outcome({v})"),
    "evidence": (None, "tuple([evidence(item) for item in checked_list({v})])"),
}
# What the generated decoders call, besides each other: given to `_decoders` by these names.
_HELPERS = (
    "intern", "names", "message", "rule", "node_kinds", "horizons", "stances", "statuses",
    "date_given", "date_or_none", "make", "location", "checked_list", "evidence",
    *(shape.record.__name__ for shape in _LAYOUTS),
)  # fmt: skip


def _decoder_source(shape: Layout) -> str:
    name = shape.record.__name__
    fields = [f"v{number}" for number in range(len(shape.fields))]
    lines = [
        f"    def decode_{name}(value):",
        f"        if type(value) is not list or len(value) != {len(fields)}:",
        f"            raise TypeError('a {name} of the wrong length')",
        f"        {', '.join(fields)}, = value",
    ]
    arguments = []
    for field, codec in zip(fields, shape.codecs, strict=True):
        check, expression = _CODEC_CHECKS[codec]
        if check is not None:
            lines.append("        " + check.format(v=field))
        arguments.append(expression.format(v=field))
    lines.append(f"        return {name}({', '.join(arguments)})")
    return "\n".join(lines)


def _decoders_factory() -> Callable[..., dict[type, Callable[[object], Any]]]:
    """A function of the helpers giving each record class's decoder (compiled once)."""
    source = "\n\n".join(
        [
            f"def decoders({', '.join(_HELPERS)}):",
            *(_decoder_source(shape) for shape in _LAYOUTS),
            "    return {"
            + ", ".join(f"{s.record.__name__}: decode_{s.record.__name__}" for s in _LAYOUTS)
            + "}",
        ]
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, "<explorer.reading.plain decoders>", "exec"), namespace)
    factory: Callable[..., dict[type, Callable[[object], Any]]] = namespace["decoders"]
    return factory


_DECODERS = _decoders_factory()


def _by_value(kind: type[E]) -> dict[object, E]:
    return {member.value: member for member in kind}


class _Decoder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.make = Location.maker(file)
        self.records = _DECODERS(
            intern=intern,
            names=_names,
            message=_message,
            rule=_rule,
            node_kinds=_by_value(NodeKind),
            horizons=_by_value(Horizon),
            stances=_by_value(Stance),
            statuses=_by_value(OutcomeStatus),
            date_given=_date_given,
            date_or_none=_date_or_none,
            make=self.make,
            location=self.location,
            checked_list=_list,
            evidence=self.evidence,
            **{shape.record.__name__: shape.record for shape in _LAYOUTS},
        )

    def record(self, shape: Layout, value: object) -> Any:
        return self.records[shape.record](value)

    def node(self, value: object) -> Node:
        node: Node = self.record(NODE, value)
        return node

    def diagnostics(self, value: object) -> tuple[Diagnostic, ...]:
        return tuple([self.record(DIAGNOSTIC, d) for d in _list(value)])

    def location(self, value: object) -> Location:
        """A location other than [line, column] from 1 (which the decoders check inline)."""
        if type(value) is list and len(value) == 2:
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
