"""The YAML test suite's cases (tests/yaml_suite), the oracle read from their `test.event`, and
the child process that runs them through the loader on one parser; tests/test_yaml_suite.py
judges the outcomes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SUITE = REPO / "tests" / "yaml_suite" / "cases"
PARSERS = ("C", "Python")
CHILD_TIMEOUT = 60.0

# A shape is what the data is, without positions: ("s", plain, text), ("q", items) or
# ("m", pairs). Our reader keeps every scalar as the text written, so this is all it can be.
Shape = tuple[Any, ...]


@dataclass(frozen=True)
class Case:
    id: str
    folder: Path

    @property
    def valid(self) -> bool:
        return not (self.folder / "error").exists()

    @property
    def data(self) -> bytes:
        return (self.folder / "in.yaml").read_bytes()

    @property
    def name(self) -> str:
        return (self.folder / "===").read_text(encoding="utf-8").strip()


def suite_cases() -> list[Case]:
    return [
        Case(str(path.parent.relative_to(SUITE)), path.parent)
        for path in sorted(SUITE.glob("**/in.yaml"))
    ]


# -- the oracle: test.event ------------------------------------------------------------------

NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # as yamlread.NULL_WORDS
_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "b": "\b", "r": "\r", "0": "\0"}
_ESCAPE = re.compile(r"\\(.)")
_PROPERTIES = re.compile(r"(?:&(?P<anchor>\S+) )?(?:<(?P<tag>[^>]*)> )?")


@dataclass
class Expected:
    documents: list[Shape]
    reasons: set[str]  # the codes a deliberate refusal may give


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text)


def expected(events: str) -> Expected:
    """The documents a valid case's event stream describes, and the codes that may refuse it."""
    documents: list[Shape] = []
    reasons: set[str] = set()
    stack: list[tuple[str, list[Any]]] = []

    def add(shape: Shape) -> None:
        if stack:
            stack[-1][1].append(shape)
        else:
            documents.append(shape)

    def properties(rest: str) -> str:
        found = _PROPERTIES.match(rest)
        assert found is not None
        if found["anchor"] or (found["tag"] is not None and found["tag"] != "!"):
            reasons.add("E014")
        return rest[found.end() :]

    for line in events.splitlines():
        kind, _, rest = line.partition(" ")
        if kind in ("+MAP", "+SEQ"):
            properties(rest.removeprefix("{}").removeprefix("[]").strip() + " ")
            stack.append((kind[1:], []))
        elif kind in ("-MAP", "-SEQ"):
            what, items = stack.pop()
            if what == "SEQ":
                add(("q", tuple(items)))
                continue
            pairs = tuple(zip(items[::2], items[1::2], strict=True))
            keys = [key for key, _ in pairs]
            if any(key[0] != "s" for key in keys):
                reasons.add("E003")
            texts = [key[2] for key in keys if key[0] == "s"]
            if len(set(texts)) != len(texts):
                reasons.add("E006")
            if any(key == ("s", True, "<<") for key in keys):
                reasons.add("E014")
            add(("m", pairs))
        elif kind == "=VAL":
            body = properties(rest)
            add(("s", body[0] == ":", _unescape(body[1:])))
        elif kind == "=ALI":
            reasons.add("E014")
            add(("alias",))
    if len(documents) != 1 or (documents[0][:2] == ("s", True) and documents[0][2] in NULLS):
        reasons.add("E020")
    return Expected(documents, reasons)


# -- the child: one parser, many cases -------------------------------------------------------
#
# The child imports the loader only once it has chosen its parser: without libyaml, both
# yamlread and fastread take their fallbacks at import, as on a PyYAML built without it.


def shape_of(value: Any) -> Shape:
    from explorer.reading.located import Mapping, Scalar

    if isinstance(value, Scalar):
        return ("s", value.plain, value.value)
    if isinstance(value, Mapping):
        return ("m", tuple((shape_of(k), shape_of(v)) for k, v in value.items))
    return ("q", tuple(shape_of(item) for item in value.items))


def limits_reasons(shape: Shape, depth: int = 1) -> set[str]:
    from explorer.reading.located import DEFAULT_LIMITS
    from explorer.reading.yaml_text import forbidden_char

    reasons = set()
    stack = [(shape, depth)]
    while stack:
        item, level = stack.pop()
        if item[0] == "s":
            if forbidden_char(item[2]):
                reasons.add("E002")
            if len(item[2]) > DEFAULT_LIMITS.scalar_chars:
                reasons.add("E019")
        elif item[0] in ("q", "m"):
            if level > DEFAULT_LIMITS.depth:
                reasons.add("E019")
            for child in item[1]:
                if item[0] == "m":
                    stack.extend((part, level + 1) for part in child)
                else:
                    stack.append((child, level + 1))
    return reasons


def _fast_value(data: bytes, text: str) -> Any:
    """What the fast road makes of a file: libyaml's composed nodes, walked with the strict
    reader's checks into a located value; None where it leaves the file to the strict reader."""
    from explorer.reading import fastread, screen
    from explorer.reading.located import DEFAULT_LIMITS, Interned, Scalar

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    root = screen.compose(data, text)
    if root is None:
        return None
    walk = fastread.TreeWalk("in.yaml", DEFAULT_LIMITS, Interned())
    try:
        value = walk.located(root, 0)
    except fastread.Doubt:
        return None
    if walk.values > DEFAULT_LIMITS.values or (isinstance(value, Scalar) and value.is_null):
        return None
    return value


def run_case(case: Case) -> dict[str, Any]:
    """One case on the parser this process has: its outcome, and any problem that fails it
    whatever the table says."""
    from explorer.reading import fastread
    from explorer.reading.build import FileBuilder
    from explorer.reading.located import ReadResult
    from explorer.reading.yaml_text import bytes_text
    from explorer.reading.yamlread import read_bytes, read_text

    data = case.data
    problems: list[str] = []
    result = read_bytes(data, "in.yaml")
    errors = [d for d in result.diagnostics if d.is_error]
    for diagnostic in result.diagnostics:
        if diagnostic.line < 1 or diagnostic.column < 1 or len(diagnostic.message) < 10:
            problems.append(f"not located, or no sentence: {diagnostic.format()}")
    if errors:
        outcome = "+".join(dict.fromkeys(d.code for d in errors))
    elif not case.valid:
        outcome = "accepted"
    else:
        oracle = expected((case.folder / "test.event").read_text(encoding="utf-8"))
        same = oracle.documents == [shape_of(result.value)]
        outcome = "read" if same and not oracle.reasons else "misread"

    # The fast road: where it answers, the strict reader must read the same, silently.
    text = bytes_text(data, "in.yaml")
    if not isinstance(text, ReadResult):
        value = _fast_value(data, text)
        if value is not None and (result.diagnostics or value != result.value):
            problems.append(
                f"the fast road reads {shape_of(value)} where the strict one: {outcome}"
            )
        node = fastread.read_tree(data, text, "in.yaml")
        if node is not None:
            strict = read_text(text, "in.yaml")
            builder = FileBuilder("in.yaml")
            assert strict.value is not None
            if builder.node(strict.value) != node or builder.diagnostics:
                problems.append("the fast road builds another node")
    return {
        "id": case.id,
        "outcome": outcome,
        "problems": problems,
        "first": errors[0].format() if errors else "",
    }


def child(parser: str) -> None:
    """Run the cases named on stdin, one JSON line out per case (and a line before it, so a
    hang or a crash names its case)."""
    if parser == "Python":  # as PyYAML built without libyaml: the fallback imports
        import yaml

        for name in ("CSafeLoader", "CLoader", "CBaseLoader", "CFullLoader", "CUnsafeLoader"):
            if hasattr(yaml, name):
                delattr(yaml, name)
    by_id = {case.id: case for case in suite_cases()}
    out = sys.stdout
    for case_id in sys.argv[1:]:
        out.write(f"start {case_id}\n")
        out.flush()
        try:
            found = run_case(by_id[case_id])
        except BaseException as error:  # reported, never raised: the parent judges
            found = {"id": case_id, "outcome": "exception", "problems": [repr(error)]}
        out.write("done " + json.dumps(found) + "\n")
        out.flush()


def run_children(cases: list[Case]) -> dict[str, dict[str, dict[str, Any]]]:
    """Each parser in its own child process, both at once; a case that hangs or kills its child
    is reported, and the rest go on in a new child."""
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED="0")
    results: dict[str, dict[str, dict[str, Any]]] = {parser: {} for parser in PARSERS}
    pending = {parser: [case.id for case in cases] for parser in PARSERS}
    while any(pending.values()):
        code = "import tests.yaml_suite_runner as t; t.child({!r})"
        running = {
            parser: subprocess.Popen(
                [sys.executable, "-c", code.format(parser), *ids],
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for parser, ids in pending.items()
            if ids
        }
        for parser, process in running.items():
            try:
                out, err = process.communicate(timeout=CHILD_TIMEOUT)
                failure = f"the child died ({process.returncode}): {err[-2000:]}"
            except subprocess.TimeoutExpired:
                process.kill()
                out, err = process.communicate()
                failure = f"no answer within {CHILD_TIMEOUT} s"
            started = None
            for line in out.splitlines():
                if line.startswith("start "):
                    started = line.split()[1]
                elif line.startswith("done "):
                    found = json.loads(line[5:])
                    results[parser][found["id"]] = found
                    started = None
            if process.returncode == 0 and started is None:
                pending[parser] = [i for i in pending[parser] if i not in results[parser]]
                assert not pending[parser], f"{parser}: cases without an answer: {pending[parser]}"
                continue
            culprit = started or next(i for i in pending[parser] if i not in results[parser])
            results[parser][culprit] = {"id": culprit, "outcome": "crash", "problems": [failure]}
            pending[parser] = [i for i in pending[parser] if i not in results[parser]]
    return results
