"""Located, literal YAML reading.

Every file is untrusted. We read the YAML event stream (PyYAML's C parser when present) and build
our own small tree of mappings, sequences and scalars, each with its line and column. Nothing is
constructed by PyYAML: every scalar stays the text the user wrote (`no` is not False, `1.10` is not
1.1, `2020-01-05` is not a date), so a field decides how to read its text. Anchors, aliases, tags
and merge keys are refused (they make shared or recursive structures and alias bombs); duplicate
keys are reported (PyYAML keeps the last one silently); depth is checked on the event stream before
anything deep is built, so no input reaches Python's recursion limit. The parser's own limits
(libyaml stops at 1,000 levels, which its scanner can reach ahead of the events) are reported as
ours, in our words and at our place.

Where libyaml takes what YAML does not, or reads other data than YAML says, a few cheap checks
refuse it with a located message, or give the parser what YAML means (a final line break, tabs on
blank lines as spaces); tests/test_yaml_suite.py runs the YAML test suite to keep them honest.

Tree files that are provably clean take a faster road (`explorer.reading.fastread`); this reader
stays the judge of every other file, and of every problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import cast

import yaml

from explorer.checks.diagnostics import Diagnostic
from explorer.reading import yaml_text
from explorer.reading.located import (
    DEFAULT_LIMITS,
    Limits,
    Mapping,
    ReadResult,
    Scalar,
    Sequence,
    Value,
    kind_name,
)
from explorer.reading.yaml_quirks import (
    LONE_DASH,
    BlockScalarSpan,
    block_scalar_spans,
    long_version,
    parser_error,
    parser_limit,
    parser_text,
    tabs_on_blank_lines,
    token_problem,
)
from explorer.reading.yaml_text import (
    LONG_ESCAPE,
    bad_escape,
    bytes_text,
    describe_char,
    file_bytes,
    forbidden_char,
    line_col,
)


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


class _Stop(Exception):
    """A fatal problem: reading stops with this diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_file(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one YAML file into a located tree, or say why not."""
    data = file_bytes(path, display, limits)
    return data if isinstance(data, ReadResult) else read_bytes(data, display, limits)


def read_bytes(data: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    text = bytes_text(data, display, limits)
    return text if isinstance(text, ReadResult) else read_text(text, display, limits)


def _events(text: str, display: str) -> Iterator[yaml.Event]:
    """The parser's events; the pure-Python scanner's chr() on "\\U00110000" becomes an E002."""
    # The parser's own methods, without yaml.parse's generator: this loop runs once per event.
    loader = yaml_text.LOADER(text)
    check, get = loader.check_event, loader.get_event
    try:
        while check():
            yield cast(yaml.Event, get())  # never None after check() said there is one
    except ValueError as error:
        found = next(
            (m for m in LONG_ESCAPE.finditer(text) if int(m.group(1), 16) > 0x10FFFF), None
        )
        line, column = line_col(text, found.start()) if found else (0, 0)
        raise _Stop(bad_escape(display, line, column)) from error
    finally:
        loader.dispose()


def read_text(text: str, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Build the located tree from YAML text (already decoded and screened)."""
    text = parser_text(text)
    result = _read(text, display, limits)
    if result.value is None and "\t" in text:
        result = tabs_on_blank_lines(_read, text, display, limits, result)
    if result.value is not None:
        problem = token_problem(text, display)
        if problem is not None:
            return ReadResult(None, (*result.diagnostics, problem))
    return result


def _read(
    text: str,
    display: str,
    limits: Limits,
    relocate: bool = True,
    spans: list[BlockScalarSpan] | None = None,
) -> ReadResult:
    builder = _Builder(display, limits)
    try:
        value = builder.run(text, spans)
    except _Stop as stop:
        return ReadResult(None, (*builder.diagnostics, stop.diagnostic))
    except yaml.MarkedYAMLError as error:
        problem = parser_error(_read, error, text, display, limits, relocate)
        return ReadResult(None, (*builder.diagnostics, problem))
    except yaml.YAMLError as error:  # e.g. a reader error without a mark
        limit = parser_limit(error)
        code, message = ("E019", limit) if limit else ("E001", str(error))
        return ReadResult(None, (*builder.diagnostics, Diagnostic(code, message, display)))
    return ReadResult(value, tuple(builder.diagnostics))


class _Builder:
    """Turns the event stream into Scalar/Mapping/Sequence without recursion."""

    def __init__(self, display: str, limits: Limits) -> None:
        self.display = display
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []

    def _stop(self, code: str, message: str, event: yaml.Event) -> _Stop:
        line, column = _position(event)
        return _Stop(Diagnostic(code, message, self.display, line, column))

    def run(self, text: str, spans: list[BlockScalarSpan] | None = None) -> Value:
        """The document's value. `spans`, when given, receives every block scalar's lines."""
        stack: list[_Open] = []
        root: Value | None = None
        documents = 0
        values = 0
        scalar_event, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        events = _events(text, self.display)
        if spans is not None:
            events = block_scalar_spans(events, spans)
        for event in events:
            kind = type(event)
            # The common case first, with no isinstance chain: a plain scalar inside a collection.
            if kind is scalar_event and stack:
                scalar = cast(yaml.ScalarEvent, event)
                if scalar.anchor is not None or scalar.tag is not None:
                    self._check_node_event(scalar)
                values += 1
                if values > self.limits.values:
                    raise self._too_many(event)
                self._add(stack[-1], self._scalar(scalar))
                continue
            if kind in collection_end:
                value = stack.pop().close()
                if stack:
                    self._add(stack[-1], value)
                else:
                    root = value
                continue
            if kind is mapping_start or kind is sequence_start:
                self._check_node_event(cast(yaml.CollectionStartEvent, event))
                values += 1
                if values > self.limits.values:
                    raise self._too_many(event)
                if len(stack) >= self.limits.depth:
                    raise self._stop(
                        "E019",
                        f"the YAML is nested more than {self.limits.depth} levels deep",
                        event,
                    )
                stack.append(_Open(kind is mapping_start, *_position(event)))
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._stop(
                        "E020",
                        "the file holds more than one YAML document (a second '---'); "
                        "keep one document per file",
                        event,
                    )
                if event.version is not None:  # a %YAML directive: libyaml's limit on both
                    problem = long_version(text, self.display)
                    if problem is not None:
                        raise _Stop(problem)
                continue
            if isinstance(event, yaml.AliasEvent):
                raise self._stop(
                    "E014",
                    f"the alias '*{event.anchor}' is not allowed: write the value out in full",
                    event,
                )
            if kind is scalar_event:  # a document that is a bare scalar
                self._check_node_event(cast(yaml.ScalarEvent, event))
                root = self._scalar(cast(yaml.ScalarEvent, event))
        if root is None or (isinstance(root, Scalar) and root.is_null):
            raise _Stop(Diagnostic("E020", "the file is empty", self.display, 1, 1))
        return root

    def _too_many(self, event: yaml.Event) -> _Stop:
        return self._stop(
            "E019",
            f"the file holds more than {self.limits.values:,} values (keys, texts, lists and "
            "mappings); split it into smaller files",
            event,
        )

    def _check_node_event(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            raise self._stop(
                "E014",
                f"the anchor '&{event.anchor}' is not allowed: write each value out in full",
                event,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise self._stop(
                "E014",
                f"the tag '{tag}' is not allowed: every value is read as the text you wrote",
                event,
            )

    def _scalar(self, event: yaml.ScalarEvent) -> Scalar:
        value = event.value
        if len(value) > self.limits.scalar_chars:
            raise self._stop(
                "E019",
                f"a text of {len(value):,} characters is over the limit of "
                f"{self.limits.scalar_chars:,}",
                event,
            )
        # Escapes in double-quoted text ("\x1b", "\ud800") can smuggle what the file screen refused.
        bad = forbidden_char(value)
        if bad:
            raise self._stop(
                "E002",
                f"the text holds the character {describe_char(bad.group())}, "
                "which is not allowed in a scenario file",
                event,
            )
        if value == "-" and not event.style:  # only ever from '[-]', '[a, -]' or '{-: x}'
            raise self._stop("E001", LONE_DASH, event)
        mark = event.start_mark
        assert mark is not None  # both parsers mark every event
        return Scalar(value, mark.line + 1, mark.column + 1, not event.style)

    def _add(self, parent: _Open, value: Value) -> None:
        if not parent.is_mapping:
            parent.items.append(value)
            return
        if parent.key is None:
            if not isinstance(value, Scalar):
                raise _Stop(
                    Diagnostic(
                        "E003",
                        f"a key must be text, not {kind_name(value)}",
                        self.display,
                        value.line,
                        value.column,
                    )
                )
            if value.plain and value.value == "<<":
                raise _Stop(
                    Diagnostic(
                        "E014",
                        "the merge key '<<' is not allowed: write the fields out in full",
                        self.display,
                        value.line,
                        value.column,
                    )
                )
            first = parent.seen.get(value.value)
            if first is not None:
                self.diagnostics.append(
                    Diagnostic(
                        "E006",
                        f"the key '{value.value}' appears twice in this mapping "
                        f"(first at line {first.line}); remove one",
                        self.display,
                        value.line,
                        value.column,
                    )
                )
                parent.skip_next = True
            else:
                parent.seen[value.value] = value
            parent.key = value
            return
        if parent.skip_next:
            parent.skip_next = False
        else:
            parent.pairs.append((parent.key, value))
        parent.key = None


class _Open:
    """A collection still being read."""

    __slots__ = ("column", "is_mapping", "items", "key", "line", "pairs", "seen", "skip_next")

    def __init__(self, is_mapping: bool, line: int, column: int) -> None:
        self.is_mapping = is_mapping
        self.line = line
        self.column = column
        self.items: list[Value] = []
        self.pairs: list[tuple[Scalar, Value]] = []
        self.key: Scalar | None = None
        self.seen: dict[str, Scalar] = {}
        self.skip_next = False

    def close(self) -> Value:
        if self.is_mapping:
            return Mapping(tuple(self.pairs), self.line, self.column)
        return Sequence(tuple(self.items), self.line, self.column)
