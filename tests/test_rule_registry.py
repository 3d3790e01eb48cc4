"""The registry of the validator's rules: every rule code is checked in one place, a check
function never writes a code (the registry attaches it), and the function registered under a
code is the one that finds that rule's case."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from explorer.checks.diagnostics import RULES
from explorer.checks.registry import Context
from explorer.checks.validate import CHECKS, check
from explorer.reading.load import load_corpus
from tests.test_rules import CASES, MINI, line_of, mutated_copy

PACKAGE = Path(__file__).resolve().parent.parent / "explorer"
RULE_TABLE = PACKAGE / "checks" / "diagnostics.py"  # names every code: neither checks nor emits


def _code_of(node: ast.AST) -> str | None:
    """The rule code a node spells as a whole string, if it does."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if re.fullmatch(r"[EW]\d{3}", node.value) else None
    return None


def _codes_in(source: str) -> tuple[set[str], set[str]]:
    """The rule codes a module names as whole strings: (those it registers with `@check(CODE)`,
    those it writes anywhere else, which the reader, the builder and the loader emit)."""
    tree = ast.parse(source)
    registered: set[str] = set()
    registrations: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and isinstance(decorator.func, ast.Name)
                    and decorator.func.id == "check"
                    and decorator.args
                    and (code := _code_of(decorator.args[0])) is not None
                ):
                    registered.add(code)
                    registrations.add(id(decorator.args[0]))
    emitted = {
        code
        for node in ast.walk(tree)
        if (code := _code_of(node)) is not None and id(node) not in registrations
    }
    return registered, emitted


def _codes_by_use() -> tuple[set[str], dict[str, set[str]]]:
    """Over the package: the codes registered by a check function, and the codes emitted
    elsewhere (code → the modules that write it)."""
    assert RULE_TABLE.is_file()
    registered: set[str] = set()
    emitted: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path == RULE_TABLE:
            continue
        found, written = _codes_in(path.read_text(encoding="utf-8"))
        registered |= found
        for code in written:
            emitted.setdefault(code, set()).add(path.name)
    return registered, emitted


def test_the_code_scan_tells_a_registration_from_a_code_written_by_hand() -> None:
    source = (
        '@check("E007")\ndef f(context):\n    yield "msg", where\n'
        'def g():\n    return Diagnostic("E012", "text", "f.yaml")\n'
        'def h():\n    """Says E011 in words, which is not a code."""\n'
    )
    assert _codes_in(source) == ({"E007"}, {"E012"})


def test_every_rule_is_checked_in_one_place() -> None:
    """A rule is a registered check of the validator, or emitted while reading and building:
    never neither (a rule nobody checks) and never both (two checks that can drift). A check
    function never writes a code (the registry attaches its own), so the codes the package
    registers by hand are exactly those the registry holds."""
    registered, elsewhere = _codes_by_use()
    assert registered == set(CHECKS)
    assert set(CHECKS) | set(elsewhere) == set(RULES)
    assert not set(CHECKS) & set(elsewhere), {c: elsewhere[c] for c in set(CHECKS) & set(elsewhere)}
    checks_folder = {path.name for path in (PACKAGE / "checks").glob("*.py")}
    assert not {name for names in elsewhere.values() for name in names} & (
        checks_folder - {"diagnostics.py"}
    )


@pytest.mark.parametrize(
    ("code", "file", "old", "new", "marker"),
    [case for case in CASES if case[0] in CHECKS],
    ids=[case[0] for case in CASES if case[0] in CHECKS],
)
def test_each_check_alone_finds_its_own_rules_case(
    tmp_path: Path, code: str, file: str, old: str | None, new: str, marker: str
) -> None:
    """The check registered under a code is the one that finds that rule's case: run alone over
    the case, it finds it at its line, and over the clean fixture it finds nothing."""
    folder, text = mutated_copy(tmp_path, file, old, new)
    registered = CHECKS[code]
    found = list(registered.run(_context(folder)))
    assert [(d.code, d.line) for d in found] == [(code, line_of(text, marker))]
    assert list(registered.run(_context(MINI))) == []


def _context(folder: Path) -> Context:
    result = load_corpus(folder)
    assert result.corpus is not None and result.index is not None
    return Context(result.corpus, result.index, result.seeds, tuple(result.corpus.nodes()))


def test_registering_an_unknown_code_or_a_second_check_fails() -> None:
    with pytest.raises(ValueError, match="not in the rule table"):
        check("E999")(lambda _context: ())
    with pytest.raises(ValueError, match="has a check already"):
        check("E007")(lambda _context: ())
