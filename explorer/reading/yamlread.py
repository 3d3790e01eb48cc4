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
stays the
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

from explorer.checks.diagnostics import Diagnostic

# The C parser is ~5x faster; the pure-Python one reads the same, only slower (where the two
# differ, tests/test_yaml_suite.py lists how). Tests swap one for the other here.
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
    text = parser_text(text)
    result = _read(text, display, limits)
    if result.value is None and "\t" in text:
        result = _tabs_on_blank_lines(text, display, limits, result)
    if result.value is not None:
        problem = token_problem(text, display)
        if problem is not None:
            return ReadResult(None, (*result.diagnostics, problem))
    return result


_LINE_BREAKS: Final = ("\n", "\r", "\x85", "\u2028", "\u2029")


def parser_text(text: str) -> str:
    """The text the parser is given (on both roads): the file's text, with a line break at the
    end if it had none. In YAML the end of the input ends a line as a line break does (a block
    scalar keeps its last line either way); libyaml and PyYAML lose that line's text when no
    break follows it (`foo: |` ending in a line of spaces read as "x\n" for "x\n \n")."""
    return text if not text or text.endswith(_LINE_BREAKS) else text + "\n"


def _read(
    text: str,
    display: str,
    limits: Limits,
    relocate: bool = True,
    spans: list[_Span] | None = None,
) -> ReadResult:
    builder = _Builder(display, limits)
    try:
        value = builder.run(text, spans)
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
    if error.context in ("while scanning an anchor", "while scanning an alias"):
        # A name libyaml does not take ('&😁'): refused as every anchor and alias is.
        at = error.context_mark or mark
        line, column = (at.line + 1, at.column + 1) if at else (line, column)
        return Diagnostic(
            "E014",
            "anchors and aliases ('&name', '*name') are not allowed: write each value out in full",
            display,
            line,
            column,
        )
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


# -- what libyaml takes and YAML does not ------------------------------------------------------
#
# Each check below is one libyaml (and mostly the pure-Python parser too) gets wrong, found by the
# YAML test suite (tests/test_yaml_suite.py), and cheap: the token stream is read only for a file
# that a glance at its text cannot clear (a '#' right after a quote, a bracket, a comma, ...; a '?'
# right before text), tabs are looked at only in a file the parser refused. The fast road
# (`explorer.reading.fastread`) runs the same checks, or leaves the file to this reader.

LONE_DASH: Final = (
    "a lone '-' in a flow collection is not a value in YAML (the parser would read it as the "
    "text '-'): quote it ('-') or remove it"
)
_COMMENT_AFTER: Final = (
    "a comment needs white space before its '#': put a space before it (or quote the text, if "
    "the '#' belongs to it)"
)
_QUESTION_KEY: Final = (
    "a '?' right before text in a flow collection reads as the text '{text}' in YAML but as a "
    "key to the YAML parser: quote the text, or put a space after the '?' for a key"
)
_QUESTION: Final = re.compile(r"\?[^ \t\r\n]")
_BLOCK_HEADER: Final = re.compile(r"[|>][-+0-9]{0,2}#")
_PLAIN_IN_FLOW: Final = re.compile(r"(?:[^ \t\r\n,\[\]{}:]|:(?=[^ \t\r\n,\[\]{}]))*")


# What a token can end with that a '#' may follow with no white space between: a quote, a flow
# indicator, '?', a block scalar's header ('|', '>', '+', '-', a digit), a %YAML version. (A
# letter ends only an anchor, an alias or a tag, which are refused anyway.) "C#" or "a#b" never
# sends a file to the token stream.
_TOKEN_ENDS: Final = frozenset("\"'[]{},:?|>+-0123456789")


def _needs_token_check(text: str) -> bool:
    """True when the text may hold what `token_problem` finds: a '#' right after a character
    that can end a token, or a '?' right before text where a token may start."""
    at = text.find("#", 1)
    while at != -1:
        if text[at - 1] in _TOKEN_ENDS:
            return True
        at = text.find("#", at + 1)
    for found in _QUESTION.finditer(text):
        at = found.start()
        if at == 0 or text[at - 1] in " \t\r\n[{,":
            return True
    return False


def token_problem(text: str, display: str) -> Diagnostic | None:
    """What libyaml takes but YAML does not, found on the token stream: a comment with no white
    space before its '#' (`"value"# note`, `[a, b]#`, `[a,#`, `>#`), and a '?' right before text
    in a flow collection (`[?x]`: YAML 1.2 reads the text '?x', libyaml a key). None when there is
    no such thing, or when the text is not valid YAML (the event stream says why)."""
    if not _needs_token_check(text):
        return None
    loader = _Loader(text)
    check, get = loader.check_token, loader.get_token
    size = len(text)
    try:
        while check():
            token = cast(yaml.Token, get())  # never None after check() said there is one
            start, end = token.start_mark.index, token.end_mark.index
            if start < end < size and text[end] == "#":
                # Only a comment can follow a token with no white space between (a plain
                # scalar would have taken the '#' into its text).
                return _at(text, end, display, _COMMENT_AFTER)
            kind = type(token)
            if kind is yaml.KeyToken and end == start + 1 and end < size:
                if text[end] not in " \t\r\n":  # an explicit '?' with text right after it
                    written = "?" + _PLAIN_IN_FLOW.match(text, end).group()  # type: ignore[union-attr]
                    return _at(text, start, display, _QUESTION_KEY.format(text=written))
            elif kind is yaml.ScalarToken and cast(yaml.ScalarToken, token).style in ("|", ">"):
                header = _BLOCK_HEADER.match(text, start)  # `>#`, `|-#`: no space before '#'
                if header is not None:
                    return _at(text, header.end() - 1, display, _COMMENT_AFTER)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _at(text: str, index: int, display: str, message: str, code: str = "E001") -> Diagnostic:
    line, column = _line_col(text, index)
    return Diagnostic(code, message, display, line, column)


# A line that holds only white space (and perhaps a comment after it), with a tab in it.
_TAB_LINE: Final = re.compile(r"^([ \t]*\t[ \t]*)(#?)", re.MULTILINE)
_BLOCK_INDICATORS: Final = re.compile(r"[|>]([-+0-9]{0,2})")
# A block scalar, by its lines (0-based, both in) and the index of its '|' or '>'.
_Span = tuple[int, int, int]


def _tabs_on_blank_lines(text: str, display: str, limits: Limits, first: ReadResult) -> ReadResult:
    """YAML allows tabs on a line of white space (or before a comment), and editors leave them
    there; libyaml refuses some, the pure-Python parser every one. When the text was refused, it
    is read again with those tabs as spaces (each column stays where it was), and that answer is
    taken unless such a line lies in a block scalar, where white space may be text. Else the
    first answer stands, and if it stopped on such a line, it says to delete the tab."""
    lines: dict[int, bool] = {}  # 0-based line: it holds a comment
    pieces: list[str] = []
    last = 0
    line = 0
    for found in _TAB_LINE.finditer(text):
        if not found.group(2) and found.end() < len(text) and text[found.end()] not in "\r\n":
            continue  # text follows the white space
        line += text.count("\n", last, found.start())
        lines[line] = bool(found.group(2))
        pieces += (text[last : found.start()], found.group(1).replace("\t", " "))
        last = found.end(1)
    if not lines:
        return first
    pieces.append(text[last:])
    spans: list[_Span] = []
    second = _read("".join(pieces), display, limits, spans=spans)
    refused_on_purpose = second.value is None and second.diagnostics[-1].code != "E001"
    if second.value is not None or refused_on_purpose:
        all_lines = text.split("\n")
        if all(
            _blank_after_block_scalar(text, all_lines, at, span)
            for at in lines
            for span in spans
            if span[0] < at <= span[1]
        ):
            return second
    stop = first.diagnostics[-1] if first.diagnostics else None
    if stop is None or stop.code != "E001" or stop.line - 1 not in lines:
        return first
    what = "white space and a comment" if lines[stop.line - 1] else "white space"
    tab = Diagnostic(
        "E001",
        f"this line holds only {what}, and a tab in it stops the YAML parser ({stop.message}): "
        "delete the tab, or put spaces in its place",
        display,
        stop.line,
        stop.column,
    )
    return ReadResult(None, (*first.diagnostics[:-1], tab))


def _blank_after_block_scalar(text: str, lines: list[str], at: int, span: _Span) -> bool:
    """True when the blank line `at`, in the lines a block scalar took once its tabs were
    spaces, is blank either way: it comes after the scalar's last line of text, its tab before
    the scalar's indentation (so never text), and the scalar drops its last blank lines (no
    '+'; and no indentation indicator, which would leave the indentation unknown here). Then
    the tab ended the scalar where the spaces end it among its dropped lines: the same text."""
    start, end, index = span
    header = _BLOCK_INDICATORS.match(text, index)
    if header is None or header.group(1) not in ("", "-"):
        return False
    written = [number for number in range(start + 1, end + 1) if lines[number].strip()]
    if not written or at <= written[-1]:
        return False
    first_line = lines[written[0]]
    indentation = len(first_line) - len(first_line.lstrip(" "))
    blank = lines[at]
    return len(blank) - len(blank.lstrip(" ")) < indentation


def _block_scalar_spans(events: Iterator[yaml.Event], spans: list[_Span]) -> Iterator[yaml.Event]:
    for event in events:
        if type(event) is yaml.ScalarEvent and event.style in ("|", ">"):
            start, end = event.start_mark, event.end_mark
            if start is not None and end is not None:
                spans.append((start.line, end.line if end.column else end.line - 1, start.index))
        yield event


class _Builder:
    """Turns the event stream into Scalar/Mapping/Sequence without recursion."""

    def __init__(self, display: str, limits: Limits) -> None:
        self.display = display
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []

    def _stop(self, code: str, message: str, event: yaml.Event) -> _Stop:
        line, column = _position(event)
        return _Stop(Diagnostic(code, message, self.display, line, column))

    def run(self, text: str, spans: list[_Span] | None = None) -> Value:
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
            events = _block_scalar_spans(events, spans)
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
