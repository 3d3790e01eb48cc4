"""Diagnostics: what the loader and the validator tell the user, each with a code and a place."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Protocol

import attrs

from explorer.paths import shown_path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(slots=True)
class Rule:
    """One validation rule: a stable code, its severity and a one-line summary."""

    code: str
    severity: Severity
    summary: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = _rules(
    Rule("E001", E, "the file is not valid YAML"),
    Rule("E002", E, "the file cannot be read as UTF-8 text, or holds a forbidden character"),
    Rule("E003", E, "a value has the wrong type"),
    Rule("E004", E, "a required field is missing or empty"),
    Rule("E005", E, "a field is not known"),
    Rule("E006", E, "a key appears twice in one mapping"),
    Rule("E007", E, "an id is used twice"),
    Rule("E008", E, "a citation names an unknown source"),
    Rule("E009", E, "an unknown person is named"),
    Rule("E010", E, "see_also names an unknown node"),
    Rule("E011", E, "a quote is not found in its seed"),
    Rule("E012", E, "a seed file or tree file is missing or unreadable"),
    Rule("E013", E, "a seed or tree path leaves its folder"),
    Rule("E014", E, "anchors, aliases, tags and merge keys are not allowed"),
    Rule("E015", E, "a question has fewer than two alternatives"),
    Rule("E016", E, "a date is not valid"),
    Rule("E017", E, "a value is not one of the allowed words"),
    Rule("E018", E, "a hedge word is not known"),
    Rule(
        "E019",
        E,
        "a limit is exceeded (file size, nesting depth, text length, values per file, or one of "
        "the YAML parser's own)",
    ),
    Rule("E020", E, "the file is empty or holds more than one document"),
    Rule("E021", E, "an id or tag is not a slug"),
    Rule("E022", E, "a hedge word does not occur in its quote"),
    Rule("E023", E, "evidence names neither or both of a seed quote and a reference"),
    Rule("E024", E, "a question has an outcome (only events and alternatives can happen)"),
    Rule("E025", E, "a citation names both a speaker and the person it reports"),
    Rule("W101", W, "a node has no citation"),
    Rule("W102", W, "a source is never cited"),
    Rule("W103", W, "every alternative of a question is argued by one and the same voice"),
    Rule("W104", W, "a person is never cited"),
    Rule("W105", W, "a YAML file in the corpus folder is not listed in trees"),
    Rule("W106", W, "a forecast was published after the outcome it predicts"),
    Rule("W107", W, "a speaker's quote does not lie inside quotation marks in the seed"),
    Rule("W108", W, "a hedge word seems to qualify a risk, possibility or cause, not the event"),
)
# Asked of every diagnostic of a load, thousands at 100k nodes: one lookup, not three.
_ERROR_CODES = frozenset(code for code, rule in RULES.items() if rule.severity is E)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Text safe to print as one line: control characters and line breaks from user files (or
    seeds) are shown escaped, so they can neither drive the terminal nor forge a second line."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class Located(Protocol):
    """Anything that says where it was written (a model `Location`, a located YAML value)."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


@attrs.frozen(slots=True)
class Diagnostic:
    """One finding, located at `file:line:column` (1-based; 0 when the whole file is meant).

    `file` is the path as the loader gives it (absolute), `shown_file` as a person should see it
    from the working folder: diagnostics are cached and shown from any folder."""

    code: str
    message: str = attrs.field(converter=printable)
    file: str
    line: int = 0
    column: int = 0

    @classmethod
    def at(cls, code: str, message: str, where: Located) -> Diagnostic:
        """A diagnostic at a model location: how the check registry words every finding, and
        how the loader words those it makes itself."""
        return cls(code, message, where.file, where.line, where.column)

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def is_error(self) -> bool:
        return self.code in _ERROR_CODES

    @property
    def shown_file(self) -> str:
        return printable(shown_path(self.file))

    @property
    def where(self) -> str:
        if self.line:
            return f"{self.shown_file}:{self.line}:{self.column}"
        return self.shown_file

    def format(self) -> str:
        return f"{self.where}: {self.severity.value} {self.code}: {self.message}"

    def to_json(self) -> dict[str, str | int]:
        return {
            "file": self.shown_file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """'2 errors, 1 warning' style count, or 'no problems'."""
    errors = warnings = 0
    for diagnostic in diagnostics:
        if diagnostic.is_error:
            errors += 1
        else:
            warnings += 1
    if not errors and not warnings:
        return "no problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The hint `; did you mean 'x'?` for the closest choice, or '' when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
