"""A catalog of hostile inputs, each run through `explorer check` in a child process.

Every case copies the mini corpus, replaces one file (a tree file, corpus.yaml or a seed) with a
hostile input, and runs `python -m explorer check` with a timeout. Refused inputs must give exit 1
and a compiler-style line with the expected code at the expected line; legal inputs (YAML 1.1
typing traps, markup, BOMs, CRLF) must load cleanly and read back as exactly the text written.
Always: no traceback, no foreign exception name, no death by signal, no time-out.

The cases are registered in tests/hostile_cases_*.py; tests/test_hostile_yaml_grammar.py drives
the reader directly with YAML built from a grammar of hostile constructs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from explorer.checks.diagnostics import RULES
from explorer.model import Corpus
from explorer.reading.load import load_corpus

# Each module of the catalog registers its cases in CASES as it is imported.
from tests import (  # noqa: F401
    hostile_cases_constructs,
    hostile_cases_documents,
    hostile_cases_markup_and_seeds,
)
from tests.hostile_cases import CASES, MINI, REPO, WHOLE_FILE, Case, Ref

# -- running a case -----------------------------------------------------------------------------

FOREIGN = re.compile(
    rb"Traceback|Fatal Python error|Segmentation fault|core dumped|"
    rb"\b[A-Z]\w*(?:Error|Exception|Interrupt)\b|\bRecursionError\b"
)
DIAGNOSTIC_LINE = re.compile(
    r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: "
    r"(?P<severity>error|warning) (?P<code>[EW]\d{3}): ."
)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    env.pop("PYTHONSTARTUP", None)
    return env


def run_explorer(cwd: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "explorer", *args],
            cwd=cwd,
            env=_environment(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:  # run() has killed the child
        pytest.fail(f"explorer {' '.join(args)} did not finish within {timeout} s: {expired}")


@contextmanager
def corpus_copy(tmp_path: Path, hostile: Case) -> Iterator[Path]:
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    for name, content in hostile.files.items():
        (root / name).write_bytes(content)
    if hostile.writer is not None:
        hostile.writer(root)
    yield root


def field_value(corpus_: Corpus, ref: Ref) -> Any:
    kind, record_id, name = ref
    if kind == "corpus":
        return getattr(corpus_, name)
    if kind == "person":
        return getattr(next(p for p in corpus_.people if p.id == record_id), name)
    if kind == "source":
        return getattr(next(s for s in corpus_.sources if s.id == record_id), name)
    node = next(n for n in corpus_.nodes() if n.id == record_id)
    if kind == "citation":
        return getattr(node.citations[0], name)
    value = getattr(node, name)
    return " ".join(value) if isinstance(value, tuple) else value


def _params() -> Iterator[Any]:
    for hostile in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=hostile.known)] if hostile.known else []
        yield pytest.param(hostile, id=hostile.id, marks=marks)


@pytest.mark.parametrize("hostile", _params())
def test_hostile_input(hostile: Case, tmp_path: Path) -> None:
    with corpus_copy(tmp_path, hostile) as root:
        done = run_explorer(tmp_path, "check", root.name, timeout=hostile.timeout)
        out, err = done.stdout, done.stderr
        shown = (out + err).decode("utf-8", errors="replace")[:3000]
        # Never a crash, whatever the input.
        assert done.returncode >= 0, f"killed by signal {-done.returncode}\n{shown}"
        assert done.returncode in (0, 1), f"exit {done.returncode}\n{shown}"
        assert not FOREIGN.search(out + err), shown
        assert not (tmp_path / "PWNED").exists(), "a tag ran a command"
        assert b"\x1b" not in out + err, "an escape sequence reached the terminal"
        # Every line is one diagnostic with a known code, or the closing summary.
        lines = out.decode("utf-8").splitlines()
        assert lines and lines[-1].startswith("checked "), shown
        found = [DIAGNOSTIC_LINE.match(line) for line in lines[:-1]]
        assert all(found), f"a line that is not a diagnostic:\n{shown}"
        diagnostics = [m for m in found if m is not None]
        assert all(m["code"] in RULES for m in diagnostics), shown

        if hostile.code is None:
            assert done.returncode == 0, shown
            assert lines == [f"checked harbour in {root.name}: no problems"], shown
            result = load_corpus(root)
            assert result.corpus is not None
            for ref, expected in hostile.values.items():
                assert field_value(result.corpus, ref) == expected, ref
            return

        assert done.returncode == 1, shown
        display = f"{root.name}/{hostile.file}"
        wanted = [m for m in diagnostics if m["file"] == display and m["code"] == hostile.code]
        assert wanted, f"no {hostile.code} in {display}:\n{shown}"
        if hostile.line == WHOLE_FILE:
            assert any(m["line"] is None for m in wanted), shown
        elif hostile.line is not None:
            assert any(m["line"] == str(hostile.line) for m in wanted), (
                f"{hostile.code} expected at line {hostile.line}:\n{shown}"
            )
        errors = {m["code"] for m in diagnostics if m["severity"] == "error"}
        assert errors <= {hostile.code, *hostile.also}, f"other errors too:\n{shown}"


def test_catalog_size_and_outcomes() -> None:
    outcomes = Counter("legal" if c.code is None else c.code for c in CASES)
    known = sum(1 for c in CASES if c.known)
    print(
        f"\nhostile catalog: {len(CASES)} inputs, {known} known failures; "
        + ", ".join(f"{code} {count}" for code, count in sorted(outcomes.items()))
    )
    assert len(CASES) >= 50
    assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"
    assert outcomes["legal"] >= 20
