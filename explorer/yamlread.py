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

Tree files that are provably clean take a faster road (`explorer.fastread`); this reader stays the
judge of every other file, and of every problem.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final, NamedTuple, cast

import attrs
import yaml

from explorer.diagnostics import Diagnostic

# The C parser is ~5x faster; the pure-Python one behaves the same, only slower. Tests swap one
# for the other here.
_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@attrs.frozen(slots=True)
class Limits:
    """Bounds on what one file may hold; each breach is a located E019."""

    file_bytes: int = 64 * 1024 * 1024
    depth: int = 100
    scalar_chars: int = 100_000
    # Keys, texts, lists and mappings in one file. The bundled files hold about 500 each; a
    # file within the byte limit could otherwise hold 30 million, minutes of work and gigabytes.
    values: int = 100_000


DEFAULT_LIMITS: Final = Limits()

NULL_WORDS: Final = frozenset({"", "~", "null", "Null", "NULL"})


# The located values are immutable named tuples rather than attrs classes: a large corpus makes
# millions of them, and a tuple is built several times faster than a frozen attrs instance.


class Scalar(NamedTuple):
    value: str
    line: int
    column: int
    plain: bool  # written without quotes (so `~` or an empty value may mean "not given")

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in NULL_WORDS


class Mapping(NamedTuple):
    items: tuple[tuple[Scalar, Value], ...]
    line: int
    column: int


class Sequence(NamedTuple):
    items: tuple[Value, ...]
    line: int
    column: int


Value = Scalar | Mapping | Sequence


def kind_name(value: Value) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return "text"


# C0 controls except tab, newline and carriage return; DEL; C1 controls except NEL; non-characters.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CHAR_NAMES: Final = {"\x00": "NUL", "\x07": "BEL", "\x1b": "ESC", "\x7f": "DEL"}


def describe_char(char: str) -> str:
    name = _CHAR_NAMES.get(char)
    code = f"U+{ord(char):04X}"
    return f"{name} ({code})" if name else code


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


class _Stop(Exception):
    """A fatal problem: reading stops with this diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@attrs.frozen(slots=True)
class ReadResult:
    value: Value | None
    diagnostics: tuple[Diagnostic, ...]


# Bytes that are never part of a forbidden character: tab, line feed, carriage return and the
# printable ASCII. Deleting them leaves little to look at, in a thousandth of the time the regular
# expression takes over the whole text.
_PLAIN_BYTES: Final = b"\t\n\r" + bytes(range(0x20, 0x7F))
_HIGH_BYTES: Final = bytes(range(0x80, 0x100))


def _may_hold_forbidden(data: bytes) -> bool:
    """False when the UTF-8 bytes surely hold no `_FORBIDDEN` character: no ASCII control, and no
    lead bytes of C1 controls (U+0080..U+009F: C2 80..9F) or of U+FFFE and U+FFFF (EF BF BE/BF)."""
    rest = data.translate(None, _PLAIN_BYTES)
    if not rest:
        return False
    return bool(rest.translate(None, _HIGH_BYTES)) or b"\xc2" in rest or b"\xef\xbf" in rest


def forbidden_char(value: str) -> re.Match[str] | None:
    """The first character a text may not hold (a control character, U+FFFE/U+FFFF or a lone
    surrogate), if any. isprintable() is a fast first look; only text it doubts is searched."""
    if value.isprintable():
        return None
    return _FORBIDDEN.search(value) or _SURROGATE.search(value)


def decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    """Bytes to text: UTF-8 only (a UTF-8 BOM is dropped), no control characters."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            return None, Diagnostic(
                "E002", f"the file is {name} text; save it as UTF-8", display, 1, 1
            )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8", errors="replace")
        line, column = _line_col(good, len(good))
        return None, Diagnostic(
            "E002",
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02X} at offset "
            f"{error.start}); save it as UTF-8",
            display,
            line,
            column,
        )
    bad = _FORBIDDEN.search(text) if _may_hold_forbidden(data) else None
    if bad:
        line, column = _line_col(text, bad.start())
        return None, Diagnostic(
            "E002",
            f"the file holds the control character {describe_char(bad.group())}, "
            "which is not allowed in a scenario file",
            display,
            line,
            column,
        )
    return text, None


def read_file(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one YAML file into a located tree, or say why not."""
    data = file_bytes(path, display, limits)
    return data if isinstance(data, ReadResult) else read_bytes(data, display, limits)


def file_bytes(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> bytes | ReadResult:
    """A file's bytes, or the result that says why they cannot be read."""
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            return _fail(
                Diagnostic(
                    "E019",
                    f"the file is {size:,} bytes, over the limit of {limits.file_bytes:,}",
                    display,
                )
            )
        return path.read_bytes()
    except OSError as error:
        return _fail(Diagnostic("E012", f"cannot read the file: {error.strerror}", display))


def read_bytes(data: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    text = bytes_text(data, display, limits)
    return text if isinstance(text, ReadResult) else read_text(text, display, limits)


def bytes_text(data: bytes, display: str, limits: Limits = DEFAULT_LIMITS) -> str | ReadResult:
    """The text of a file's bytes, decoded and screened, or the result that says why not."""
    if len(data) > limits.file_bytes:
        return _fail(
            Diagnostic(
                "E019",
                f"the file is {len(data):,} bytes, over the limit of {limits.file_bytes:,}",
                display,
            )
        )
    text, problem = decode(data, display)
    if problem is not None or text is None:
        return _fail(problem) if problem else ReadResult(None, ())
    return text


def _fail(diagnostic: Diagnostic) -> ReadResult:
    return ReadResult(None, (diagnostic,))


_C_BAD_ESCAPE: Final = "found invalid Unicode character escape code"
_LONG_ESCAPE = re.compile(r"\\U([0-9a-fA-F]{8})")


def _bad_escape(display: str, line: int, column: int) -> Diagnostic:
    # The same code as a surrogate that the pure-Python parser lets through to `_scalar`.
    return Diagnostic(
        "E002",
        "an escape names no character (a surrogate such as \\ud800, or a number past "
        "\\U0010FFFF), which is not allowed in a scenario file",
        display,
        line,
        column,
    )


def _events(text: str, display: str) -> Iterator[yaml.Event]:
    """The parser's events; the pure-Python scanner's chr() on "\\U00110000" becomes an E002."""
    # The parser's own methods, without yaml.parse's generator: this loop runs once per event.
    loader = _Loader(text)
    check, get = loader.check_event, loader.get_event
    try:
        while check():
            yield cast(yaml.Event, get())  # never None after check() said there is one
    except ValueError as error:
        found = next(
            (m for m in _LONG_ESCAPE.finditer(text) if int(m.group(1), 16) > 0x10FFFF), None
        )
        line, column = _line_col(text, found.start()) if found else (0, 0)
        raise _Stop(_bad_escape(display, line, column)) from error
    finally:
        loader.dispose()


def read_text(text: str, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Build the located tree from YAML text (already decoded and screened)."""
    return _read(text, display, limits)


def _read(text: str, display: str, limits: Limits, relocate: bool = True) -> ReadResult:
    builder = _Builder(display, limits)
    try:
        value = builder.run(text)
    except _Stop as stop:
        return ReadResult(None, (*builder.diagnostics, stop.diagnostic))
    except yaml.MarkedYAMLError as error:
        problem = _parser_error(error, text, display, limits, relocate)
        return ReadResult(None, (*builder.diagnostics, problem))
    except yaml.YAMLError as error:  # e.g. a reader error without a mark
        limit = parser_limit(error)
        code, message = ("E019", limit) if limit else ("E001", str(error))
        return ReadResult(None, (*builder.diagnostics, Diagnostic(code, message, display)))
    return ReadResult(value, tuple(builder.diagnostics))


# libyaml's own limits, known by the words of its messages. Each is a limit exceeded (E019), said
# in our words, whichever libyaml is installed: libyaml 0.2.5 (PyYAML 6.0.3) has no limit on
# nesting; the one in PyYAML 6.0.4 stops at 1,000 levels ("exceeded maximum nesting depth", while
# increasing the flow or the block level), and libyaml's own repository says "Maximum nesting
# level reached". It also refuses a %YAML version number over 9 digits, and a stream longer than
# half the address space ("input is too long", a reader error: far past our 64 MiB). A key over
# 1,024 characters ("could not find expected ':'") is YAML's own rule, not a limit of the parser:
# it stays E001. The pure-Python parser has no limit of its own.
NESTING: Final = "nesting"
_NESTING_WORDS: Final = ("maximum nesting depth", "maximum nesting level")
_LONG_VERSION: Final = "found extremely long version number"
_PARSER_LIMITS: Final = {
    _LONG_VERSION: (
        "the %YAML directive's version number is longer than the YAML parser allows (9 "
        "digits); write '%YAML 1.1' or remove the line"
    ),
    "input is too long": "the file is longer than the YAML parser can read",
}


def parser_limit(error: yaml.YAMLError) -> str | None:
    """For an error of either parser: `NESTING` when it stopped at its own limit on nesting, our
    message when it stopped at another of its limits, None for every other error."""
    if isinstance(error, yaml.MarkedYAMLError):
        problem = error.problem or ""
    elif isinstance(error, yaml.reader.ReaderError):
        problem = error.reason
    else:
        return None
    if any(words in problem.lower() for words in _NESTING_WORDS):
        return NESTING
    return _PARSER_LIMITS.get(problem)


def _parser_error(
    error: yaml.MarkedYAMLError, text: str, display: str, limits: Limits, relocate: bool
) -> Diagnostic:
    """A parser's error as our diagnostic: its own code where one applies, else E001."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if error.problem == _C_BAD_ESCAPE:  # libyaml's words for "\ud800" or "\U00110000"
        return _bad_escape(display, line, column)
    limit = parser_limit(error)
    if limit == NESTING:
        # libyaml's scanner reads up to a line (or 1,024 characters) ahead of the events it
        # gives, so a line of a thousand '[' reaches its limit before our count of the events
        # reaches ours. The text up to where it stopped holds no more levels than its limit:
        # read again, it stops at ours, at the level that breaks it, as the pure-Python parser
        # (and libyaml 0.2.5) do at once.
        if relocate and mark is not None:
            again = _read(text[: mark.index], display, limits, relocate=False)
            found = again.diagnostics[-1] if again.diagnostics else None
            if found is not None and found.code == "E019":
                return found
        return Diagnostic(
            "E019",
            f"the YAML is nested too deep for the YAML parser ({error.problem}); the limit is "
            f"{limits.depth} levels",
            display,
            line,
            column,
        )
    if limit == _PARSER_LIMITS[_LONG_VERSION]:
        return _long_version(text, display) or Diagnostic("E019", limit, display, line, column)
    if limit is not None:
        return Diagnostic("E019", limit, display, line, column)
    reason = error.problem or "invalid YAML"
    if error.context:
        reason = f"{reason} ({error.context})"
    return Diagnostic("E001", reason, display, line, column)


_YAML_DIRECTIVE: Final = re.compile(r"^%YAML[ \t]+([0-9]+)\.([0-9]+)", re.MULTILINE)
_MAX_VERSION_DIGITS: Final = 9


def _long_version(text: str, display: str) -> Diagnostic | None:
    """A %YAML directive whose version number is over libyaml's 9 digits, which the pure-Python
    parser takes: refused on both, at the number."""
    for found in _YAML_DIRECTIVE.finditer(text):
        for number in (1, 2):
            if len(found.group(number)) > _MAX_VERSION_DIGITS:
                return _at(
                    text, found.start(number), display, _PARSER_LIMITS[_LONG_VERSION], "E019"
                )
    return None


def _at(text: str, index: int, display: str, message: str, code: str = "E001") -> Diagnostic:
    line, column = _line_col(text, index)
    return Diagnostic(code, message, display, line, column)


class _Builder:
    """Turns the event stream into Scalar/Mapping/Sequence without recursion."""

    def __init__(self, display: str, limits: Limits) -> None:
        self.display = display
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []

    def _stop(self, code: str, message: str, event: yaml.Event) -> _Stop:
        line, column = _position(event)
        return _Stop(Diagnostic(code, message, self.display, line, column))

    def run(self, text: str) -> Value:
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
        for event in _events(text, self.display):
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
                    problem = _long_version(text, self.display)
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
