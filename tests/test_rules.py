"""One failing fixture per rule: each edit of the fixture corpus gives exactly its code, at its line."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from explorer.checks.diagnostics import RULES
from explorer.checks.registry import Context
from explorer.checks.validate import CHECKS, check
from explorer.reading.load import load_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"

# (code, file, text to replace, replacement, text on the line where the diagnostic must point)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "E001",
        "crews.yaml",
        "title: Do the fishing crews leave?",
        "title: Crews: leave?",
        "Crews: leave?",
    ),
    ("E002", "crews.yaml", "title: Do the fishing", "title: Do the \x07fishing", "\x07"),
    ("E003", "crews.yaml", "tags: [jobs]\ncitations", "tags: jobs\ncitations", "tags: jobs"),
    (
        "E004",
        "crews.yaml",
        "claim: The closure forces the crews to choose between moving and staying.\n",
        "",
        "id: crews",
    ),
    ("E005", "crews.yaml", "title: Do the fishing", "titel: Do the fishing", "titel:"),
    ("E006", "crews.yaml", "kind: question\n", "kind: question\nkind: event\n", "kind: event"),
    (
        "E007",
        "crews.yaml",
        "id: crews-stay",
        "id: crews-move",
        "id: crews-move\n    kind: event\n    title: Crews stay",
    ),
    (
        "E008",
        "waterfront.yaml",
        "source: ledger\n    quote: A tourist",
        "source: ledgr\n    quote: A tourist",
        "source: ledgr",
    ),
    (
        "E009",
        "crews.yaml",
        "speaker: mara-quay",
        "speaker: mara",
        "- source: ledger\n        quote: We will",
    ),
    ("E010", "crews.yaml", "see_also: [crews-move]", "see_also: [crews-moved]", "id: crews-stay"),
    (
        "E011",
        "waterfront.yaml",
        "quote: The promenade has no budget.",
        "quote: The promenade has a budget.",
        "has a budget",
    ),
    ("E012", "corpus.yaml", "seed: ledger.txt", "seed: missing.txt", "- id: ledger"),
    ("E013", "corpus.yaml", "seed: ledger.txt", "seed: ../ledger.txt", "../ledger.txt"),
    ("E014", "crews.yaml", "tags: [jobs]\ncitations", "tags: &t [jobs]\ncitations", "&t"),
    (
        "E015",
        "crews.yaml",
        "id: boatyards-follow\n        kind: event",
        "id: boatyards-follow\n        kind: question",
        "id: boatyards-follow",
    ),
    ("E016", "corpus.yaml", "published: 2021-03-02", "published: 2021-02-30", "2021-02-30"),
    (
        "E017",
        "waterfront.yaml",
        "stance: predicts\n        likelihood: likely",
        "stance: predict\n        likelihood: likely",
        "stance: predict",
    ),
    ("E018", "crews.yaml", "likelihood: could", "likelihood: couldish", "couldish"),
    ("E019", "crews.yaml", "title: Crews stay and fight", "title: " + "x" * 100_001, "x" * 50),
    ("E020", "waterfront.yaml", None, "# only a comment\n", "# only a comment"),  # type: ignore[list-item]
    ("E021", "crews.yaml", "id: crews-stay", "id: Crews_Stay", "Crews_Stay"),
    (
        "E022",
        "waterfront.yaml",
        "quote: The promenade has no budget.\n        stance: predicts",
        "quote: The promenade has no budget.\n        stance: predicts\n        likelihood: likely",
        "- source: ledger\n        quote: The promenade",
    ),
    (
        "W101",
        "waterfront.yaml",
        "    citations:\n      - source: ledger\n        quote: The promenade has no budget.\n        stance: predicts\n",
        "",
        "id: waterfront-idle",
    ),
    (
        "W102",
        "corpus.yaml",
        "sources:\n",
        "sources:\n  - id: unused\n    title: Never cited\n    outlet: Nobody\n    published: 2020\n    authors: [ada-gale]\n    seed: ledger.txt\n    kind: news\n",
        "- id: unused",
    ),
    (
        "W103",
        "waterfront.yaml",
        "      - source: ledger\n        quote: The promenade has no budget.",
        "      - source: gazette\n        quote: only if the council funds the promenade",
        "id: waterfront\n",
    ),
    (
        "W104",
        "corpus.yaml",
        "people:\n",
        "people:\n  - id: nobody\n    name: No Body\n    role: never cited\n",
        "- id: nobody",
    ),
    (
        "E023",
        "crews.yaml",
        "    see_also: [crews-move]\n",
        "    see_also: [crews-move]\n    outcome:\n      status: happened\n      as_of: 2022-01-01\n      note: They stayed.\n      evidence:\n        - source: ledger\n          summary: both kinds at once\n",
        "- source: ledger\n          summary",
    ),
    (
        "E024",
        "crews.yaml",
        "claim: The closure forces the crews to choose between moving and staying.\n",
        "claim: The closure forces the crews to choose between moving and staying.\noutcome:\n  status: open\n  as_of: 2022-01-01\n  note: Not yet known.\n",
        "status: open",
    ),
    (
        "E025",
        "crews.yaml",
        "speaker: mara-quay",
        "speaker: mara-quay\n        reports: mara-quay",
        "reports: mara-quay",
    ),
    (
        "W107",
        "crews.yaml",
        "quote: The crews are unlikely to leave\n        stance: doubts",
        "quote: The crews are unlikely to leave\n        stance: doubts\n        speaker: mara-quay",
        "quote: The crews are unlikely to leave",
    ),
    (
        "W106",
        "crews.yaml",
        "    horizon: months\n",
        "    horizon: months\n    outcome:\n      status: happened\n      date: 2021-01-10\n      as_of: 2022-01-01\n      note: They left before the article.\n",
        "- source: gazette\n        quote: Fishing crews will almost certainly move north within a year\n        stance: predicts",
    ),
]


def _mutate(tmp_path: Path, file: str, old: str | None, new: str) -> tuple[Path, str]:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    if old is None:
        text = new
    else:
        assert text.count(old) >= 1, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return folder, text


def _line(text: str, marker: str) -> int:
    index = text.index(marker)
    return text.count("\n", 0, index) + 1


def test_the_fixture_corpus_is_clean() -> None:
    assert load_corpus(MINI).diagnostics == ()


def test_every_rule_has_a_failing_case() -> None:
    covered = {case[0] for case in CASES} | {"W105", "W108"}  # W105, W108: tests of their own
    assert covered == set(RULES)


@pytest.mark.parametrize(("code", "file", "old", "new", "marker"), CASES, ids=[c[0] for c in CASES])
def test_rule(tmp_path: Path, code: str, file: str, old: str | None, new: str, marker: str) -> None:
    folder, text = _mutate(tmp_path, file, old, new)
    result = load_corpus(folder)
    codes = [d.code for d in result.diagnostics]
    assert codes == [code], [d.format() for d in result.diagnostics]
    (diagnostic,) = result.diagnostics
    assert diagnostic.file.endswith(file)
    assert diagnostic.line == _line(text, marker), diagnostic.format()
    assert diagnostic.column >= 1


def test_unlisted_yaml_file_is_a_warning(tmp_path: Path) -> None:
    folder, _ = _mutate(tmp_path, "crews.yaml", None, (MINI / "crews.yaml").read_text())
    (folder / "draft.yaml").write_text("id: draft\n", encoding="utf-8")
    result = load_corpus(folder)
    assert [(d.code, Path(d.file).name) for d in result.diagnostics] == [("W105", "draft.yaml")]


def test_quote_not_found_shows_closest_passage(tmp_path: Path) -> None:
    folder, _ = _mutate(
        tmp_path,
        "waterfront.yaml",
        "quote: The promenade has no budget.",
        "quote: The promenade has a budget.",
    )
    (diagnostic,) = load_corpus(folder).diagnostics
    assert 'reads: "The promenade has no budget' in diagnostic.message
    assert "alike, seed line 7" in diagnostic.message


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    folder, _ = _mutate(tmp_path, "crews.yaml", "title: Do the fishing", "titel: Do the fishing")
    (diagnostic,) = load_corpus(folder).diagnostics
    assert "did you mean 'title'?" in diagnostic.message


def test_duplicate_key_names_the_first(tmp_path: Path) -> None:
    folder, _ = _mutate(tmp_path, "crews.yaml", "kind: question\n", "kind: question\nkind: event\n")
    (diagnostic,) = load_corpus(folder).diagnostics
    assert "first at line 2" in diagnostic.message
    assert load_corpus(folder).corpus is not None


def _hedged_risk_corpus(tmp_path: Path, checked: bool) -> tuple[Path, str]:
    """The Ledger says the closure heightens a risk; the tree takes its hedge for the event."""
    folder, _ = _mutate(tmp_path, "crews.yaml", None, (MINI / "crews.yaml").read_text())
    seed = folder / "seeds" / "ledger.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\nIt will surely raise the risk of a strike.\n",
        encoding="utf-8",
    )
    tree = folder / "crews.yaml"
    citation = (
        "      - source: ledger\n"
        "        quote: It will surely raise the risk of a strike.\n"
        "        stance: warns\n"
        "        likelihood: surely\n" + ("        hedge_checked: true\n" if checked else "")
    )
    text = tree.read_text(encoding="utf-8").replace(
        "        stance: doubts\n        likelihood: unlikely\n",
        "        stance: doubts\n        likelihood: unlikely\n" + citation,
        1,
    )
    tree.write_text(text, encoding="utf-8")
    return folder, text


def test_a_hedge_on_a_risk_is_a_warning(tmp_path: Path) -> None:
    folder, text = _hedged_risk_corpus(tmp_path, checked=False)
    (diagnostic,) = load_corpus(folder).diagnostics
    assert diagnostic.code == "W108"
    assert diagnostic.line == _line(text, "- source: ledger\n        quote: It will surely")
    assert "seems to qualify a risk" in diagnostic.message


def test_hedge_checked_marks_the_exception(tmp_path: Path) -> None:
    folder, _ = _hedged_risk_corpus(tmp_path, checked=True)
    assert load_corpus(folder).diagnostics == ()


def test_a_reported_position_counts_for_the_person_and_names_the_author(tmp_path: Path) -> None:
    folder, _ = _mutate(
        tmp_path,
        "crews.yaml",
        "quote: The crews are unlikely to leave\n        stance: doubts",
        "quote: The crews are unlikely to leave\n        stance: doubts\n        reports: mara-quay",
    )
    result = load_corpus(folder)
    assert result.diagnostics == ()
    index = result.index
    assert index is not None
    node = index.nodes["crews-move"]
    (citation,) = [c for c in node.citations if c.reports is not None]
    assert [v.key for v in index.voices_of(citation)] == ["mara-quay"]
    assert index.credit(citation) == "Mara Quay, as reported by Ledger Weekly (author not named)"


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
    folder, text = _mutate(tmp_path, file, old, new)
    registered = CHECKS[code]
    found = list(registered.run(_context(folder)))
    assert [(d.code, d.line) for d in found] == [(code, _line(text, marker))]
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


def test_a_bad_value_is_none_beside_its_diagnostic_not_a_plausible_default(
    tmp_path: Path,
) -> None:
    folder, _ = _mutate(tmp_path, "crews.yaml", "kind: question\n", "kind: questoin\n")
    corpus_file = folder / "corpus.yaml"
    corpus_file.write_text(
        corpus_file.read_text(encoding="utf-8")
        .replace("published: 2021-03-02", "published: 2021-13-02")
        .replace("kind: opinion", "kind: opnion"),
        encoding="utf-8",
    )
    result = load_corpus(folder)
    assert result.index is not None
    assert sorted(d.code for d in result.diagnostics) == ["E016", "E017", "E017"]
    assert result.index.nodes["crews"].kind is None
    gazette = result.index.sources["gazette"]
    assert (gazette.published, gazette.kind) == (None, None)
