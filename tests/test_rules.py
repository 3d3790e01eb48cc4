"""One failing fixture per rule: each edit of the fixture corpus gives exactly its code, at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.checks.diagnostics import RULES
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


def mutated_copy(tmp_path: Path, file: str, old: str | None, new: str) -> tuple[Path, str]:
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


def line_of(text: str, marker: str) -> int:
    index = text.index(marker)
    return text.count("\n", 0, index) + 1


def test_the_fixture_corpus_is_clean() -> None:
    assert load_corpus(MINI).diagnostics == ()


def test_every_rule_has_a_failing_case() -> None:
    covered = {case[0] for case in CASES} | {"W105", "W108"}  # W105, W108: tests of their own
    assert covered == set(RULES)


@pytest.mark.parametrize(("code", "file", "old", "new", "marker"), CASES, ids=[c[0] for c in CASES])
def test_rule(tmp_path: Path, code: str, file: str, old: str | None, new: str, marker: str) -> None:
    folder, text = mutated_copy(tmp_path, file, old, new)
    result = load_corpus(folder)
    codes = [d.code for d in result.diagnostics]
    assert codes == [code], [d.format() for d in result.diagnostics]
    (diagnostic,) = result.diagnostics
    assert diagnostic.file.endswith(file)
    assert diagnostic.line == line_of(text, marker), diagnostic.format()
    assert diagnostic.column >= 1


def test_unlisted_yaml_file_is_a_warning(tmp_path: Path) -> None:
    folder, _ = mutated_copy(tmp_path, "crews.yaml", None, (MINI / "crews.yaml").read_text())
    (folder / "draft.yaml").write_text("id: draft\n", encoding="utf-8")
    result = load_corpus(folder)
    assert [(d.code, Path(d.file).name) for d in result.diagnostics] == [("W105", "draft.yaml")]


def test_quote_not_found_shows_closest_passage(tmp_path: Path) -> None:
    folder, _ = mutated_copy(
        tmp_path,
        "waterfront.yaml",
        "quote: The promenade has no budget.",
        "quote: The promenade has a budget.",
    )
    (diagnostic,) = load_corpus(folder).diagnostics
    assert 'reads: "The promenade has no budget' in diagnostic.message
    assert "alike, seed line 7" in diagnostic.message


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    folder, _ = mutated_copy(
        tmp_path, "crews.yaml", "title: Do the fishing", "titel: Do the fishing"
    )
    (diagnostic,) = load_corpus(folder).diagnostics
    assert "did you mean 'title'?" in diagnostic.message


def test_duplicate_key_names_the_first(tmp_path: Path) -> None:
    folder, _ = mutated_copy(
        tmp_path, "crews.yaml", "kind: question\n", "kind: question\nkind: event\n"
    )
    (diagnostic,) = load_corpus(folder).diagnostics
    assert "first at line 2" in diagnostic.message
    assert load_corpus(folder).corpus is not None


def _hedged_risk_corpus(tmp_path: Path, checked: bool) -> tuple[Path, str]:
    """The Ledger says the closure heightens a risk; the tree takes its hedge for the event."""
    folder, _ = mutated_copy(tmp_path, "crews.yaml", None, (MINI / "crews.yaml").read_text())
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
    assert diagnostic.line == line_of(text, "- source: ledger\n        quote: It will surely")
    assert "seems to qualify a risk" in diagnostic.message


def test_hedge_checked_marks_the_exception(tmp_path: Path) -> None:
    folder, _ = _hedged_risk_corpus(tmp_path, checked=True)
    assert load_corpus(folder).diagnostics == ()


def test_a_reported_position_counts_for_the_person_and_names_the_author(tmp_path: Path) -> None:
    folder, _ = mutated_copy(
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


def test_a_bad_value_is_none_beside_its_diagnostic_not_a_plausible_default(
    tmp_path: Path,
) -> None:
    folder, _ = mutated_copy(tmp_path, "crews.yaml", "kind: question\n", "kind: questoin\n")
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
