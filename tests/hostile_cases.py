"""The hostile-input catalog's building blocks: the `Case` record, the mini corpus's files as
bytes, and the helpers (`case`, `tree`, `corpus`, `in_crews`, `title`) that register a case in
`CASES`. The cases themselves are in tests/hostile_cases_*.py; tests/test_hostile_catalog.py runs
them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
CREWS = (MINI / "crews.yaml").read_bytes()
CORPUS = (MINI / "corpus.yaml").read_bytes()
HARBOUR = (MINI / "seeds" / "harbour.txt").read_bytes()
LEDGER = (MINI / "seeds" / "ledger.txt").read_bytes()
MIB = 1024 * 1024

Ref = tuple[str, str, str]  # (record kind, record id, field): ("node", "crews", "title")
Writer = Callable[[Path], None]  # for what bytes cannot say: links, FIFOs, folders


def b(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def sub(base: bytes, old: str | bytes, new: str | bytes) -> bytes:
    """`base` with the first `old` replaced; `old` must be there (the fixture may not drift)."""
    assert b(old) in base, f"{old!r} is not in the fixture"
    return base.replace(b(old), b(new), 1)


def line_of(content: bytes, needle: str | bytes) -> int:
    index = content.find(b(needle))
    assert index >= 0, f"{needle!r} is not in the hostile input"
    return content.count(b"\n", 0, index) + 1


WHOLE_FILE = 0  # `at` for a diagnostic about the whole file: `file: error CODE: …`


@dataclass(frozen=True)
class Case:
    id: str
    files: Mapping[str, bytes]  # path in the corpus copy → its whole new content
    code: str | None  # the expected error; None: the input is legal and must load cleanly
    at: str | bytes | int | None = None  # a needle in `file` (its line), a line, or None
    file: str = "crews.yaml"  # the file the diagnostic names
    values: Mapping[Ref, str | None] = field(default_factory=dict)  # legal: the exact text
    writer: Writer | None = None
    also: frozenset[str] = frozenset()  # other error codes that may come with the expected one
    timeout: float = 10.0
    known: str | None = None  # a known, reported failure: xfail(strict) until fixed

    @property
    def line(self) -> int | None:
        if self.at is None or isinstance(self.at, int):
            return self.at
        content = (
            self.files[self.file] if self.file in self.files else (MINI / self.file).read_bytes()
        )
        return line_of(content, self.at)


CASES: list[Case] = []


def case(case_id: str, files: Mapping[str, bytes], code: str | None, **kwargs: Any) -> None:
    CASES.append(Case(case_id, files, code, **kwargs))


def tree(content: str | bytes, code: str | None, case_id: str, **kwargs: Any) -> None:
    """A case whose hostile file is the tree file crews.yaml."""
    case(case_id, {"crews.yaml": b(content)}, code, **kwargs)


def corpus(content: str | bytes, code: str | None, case_id: str, **kwargs: Any) -> None:
    case(case_id, {"corpus.yaml": b(content)}, code, file="corpus.yaml", **kwargs)


def in_crews(line: str, case_id: str, code: str | None, at: str | None = None, **kw: Any) -> None:
    """crews.yaml with one more line after `id: crews` (a top-level key of the root node)."""
    tree(sub(CREWS, "id: crews\n", f"id: crews\n{line}\n"), code, case_id, at=at, **kw)


def title(text: str, case_id: str, code: str | None, **kwargs: Any) -> None:
    """crews.yaml with the root's title line replaced by `title: <text>`."""
    content = sub(CREWS, "title: Do the fishing crews leave?", f"title: {text}")
    tree(content, code, case_id, at="title: " if code else None, **kwargs)
