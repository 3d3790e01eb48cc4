"""Located values: what the YAML reader builds (texts, lists and mappings, each with its line
and column), the limits it enforces, and what a read gives."""

from __future__ import annotations

from typing import Final, NamedTuple

import attrs

from explorer.checks.diagnostics import Diagnostic


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
# millions of them, and a tuple is built in less time than a frozen attrs instance.


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


@attrs.frozen(slots=True)
class ReadResult:
    value: Value | None
    diagnostics: tuple[Diagnostic, ...]


class Interned:
    """Texts and tuples that repeat across a corpus (tags, source ids, hedge words), kept once.

    The parser makes a new string for every occurrence; one table per load keeps one of each."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    def text(self, text: str) -> str:
        return self.texts.setdefault(text, text)

    def slugs(self, slugs: tuple[str, ...]) -> tuple[str, ...]:
        return self.tuples.setdefault(slugs, slugs) if slugs else ()
