"""Where libyaml reads YAML otherwise than YAML does: its own limits said as ours, and cheap checks
that refuse (or mend, before parsing) what it would take or misread."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, Protocol, cast

import yaml

from explorer.checks.diagnostics import Diagnostic
from explorer.reading import yaml_text
from explorer.reading.located import Limits, ReadResult
from explorer.reading.yaml_text import C_BAD_ESCAPE, bad_escape, line_col

_LINE_BREAKS: Final = ("\n", "\r", "\x85", "\u2028", "\u2029")


def parser_text(text: str) -> str:
    """The text the parser is given (on both roads): the file's text, with a line break at the
    end if it had none. In YAML the end of the input ends a line as a line break does (a block
    scalar keeps its last line either way); libyaml and PyYAML lose that line's text when no
    break follows it (`foo: |` ending in a line of spaces read as "x\n" for "x\n \n")."""
    return text if not text or text.endswith(_LINE_BREAKS) else text + "\n"


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


_YAML_DIRECTIVE: Final = re.compile(r"^%YAML[ \t]+([0-9]+)\.([0-9]+)", re.MULTILINE)
_MAX_VERSION_DIGITS: Final = 9


def long_version(text: str, display: str) -> Diagnostic | None:
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
    loader = yaml_text.LOADER(text)
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
    line, column = line_col(text, index)
    return Diagnostic(code, message, display, line, column)


# A line that holds only white space (and perhaps a comment after it), with a tab in it.
_TAB_LINE: Final = re.compile(r"^([ \t]*\t[ \t]*)(#?)", re.MULTILINE)
_BLOCK_INDICATORS: Final = re.compile(r"[|>]([-+0-9]{0,2})")
# A block scalar, by its lines (0-based, both in) and the index of its '|' or '>'.
BlockScalarSpan = tuple[int, int, int]


def _blank_after_block_scalar(text: str, lines: list[str], at: int, span: BlockScalarSpan) -> bool:
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


def block_scalar_spans(
    events: Iterator[yaml.Event], spans: list[BlockScalarSpan]
) -> Iterator[yaml.Event]:
    """The events, passed on, noting in `spans` where each block scalar lies."""
    for event in events:
        if type(event) is yaml.ScalarEvent and event.style in ("|", ">"):
            start, end = event.start_mark, event.end_mark
            if start is not None and end is not None:
                spans.append((start.line, end.line if end.column else end.line - 1, start.index))
        yield event


class Reread(Protocol):
    """The reader itself, for a check that reads a mended or shortened text again."""

    def __call__(
        self,
        text: str,
        display: str,
        limits: Limits,
        relocate: bool = ...,
        spans: list[BlockScalarSpan] | None = ...,
    ) -> ReadResult: ...


def parser_error(
    read: Reread,
    error: yaml.MarkedYAMLError,
    text: str,
    display: str,
    limits: Limits,
    relocate: bool,
) -> Diagnostic:
    """A parser's error as our diagnostic: its own code where one applies, else E001."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if error.problem == C_BAD_ESCAPE:  # libyaml's words for "\ud800" or "\U00110000"
        return bad_escape(display, line, column)
    limit = parser_limit(error)
    if limit == NESTING:
        # libyaml's scanner reads up to a line (or 1,024 characters) ahead of the events it
        # gives, so a line of a thousand '[' reaches its limit before our count of the events
        # reaches ours. The text up to where it stopped holds no more levels than its limit:
        # read again, it stops at ours, at the level that breaks it, as the pure-Python parser
        # (and libyaml 0.2.5) do at once.
        if relocate and mark is not None:
            again = read(text[: mark.index], display, limits, relocate=False)
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
        return long_version(text, display) or Diagnostic("E019", limit, display, line, column)
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


def tabs_on_blank_lines(
    read: Reread, text: str, display: str, limits: Limits, first: ReadResult
) -> ReadResult:
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
    spans: list[BlockScalarSpan] = []
    second = read("".join(pieces), display, limits, spans=spans)
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
