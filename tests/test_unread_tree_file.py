"""A tree file that cannot be read: its error comes first, and nothing that only follows from it
(a see_also from another file to one of its nodes) is reported as an error of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.reading.load import load_corpus

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def corpus_with_a_see_also_across_files(tmp_path: Path, target: str) -> Path:
    """The mini corpus, its waterfront tree pointing at `target` (a node of crews.yaml)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    waterfront = corpus / "waterfront.yaml"
    text = waterfront.read_text(encoding="utf-8")
    waterfront.write_text(
        text.replace("tags: [tourism]\n", f"tags: [tourism]\nsee_also: [{target}]\n", 1),
        encoding="utf-8",
    )
    return corpus


def break_syntax(corpus: Path) -> None:
    crews = corpus / "crews.yaml"
    lines = crews.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + " : : [\n"  # the claim: not YAML any more
    crews.write_text("".join(lines), encoding="utf-8")


def test_a_syntax_error_comes_first_and_see_also_into_its_file_waits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = corpus_with_a_see_also_across_files(tmp_path, "crews-move")
    assert not load_corpus(corpus).diagnostics  # the see_also is fine while crews.yaml reads
    break_syntax(corpus)
    diagnostics = load_corpus(corpus).diagnostics
    assert diagnostics[0].code == "E001" and diagnostics[0].file.endswith("crews.yaml")
    assert not [d for d in diagnostics if d.code == "E010"]
    assert main(["check", str(corpus)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "crews.yaml:4:" in lines[0] and "error E001" in lines[0]


def test_a_see_also_to_no_node_at_all_is_still_reported_once_every_file_reads(
    tmp_path: Path,
) -> None:
    corpus = corpus_with_a_see_also_across_files(tmp_path, "crews-moved")
    codes = [d.code for d in load_corpus(corpus).diagnostics]
    assert codes == ["E010"]
    break_syntax(corpus)
    codes = [d.code for d in load_corpus(corpus).diagnostics]
    assert codes[0] == "E001" and "E010" not in codes


def test_why_a_tree_file_cannot_be_read_comes_before_what_the_other_files_have(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    crews = corpus / "crews.yaml"  # sorts before waterfront.yaml
    crews.write_text(
        crews.read_text(encoding="utf-8").replace(
            "quote: We will stay and fight the decision", "quote: We will never leave", 1
        ),
        encoding="utf-8",
    )
    waterfront = corpus / "waterfront.yaml"
    waterfront.write_text(
        waterfront.read_text(encoding="utf-8").replace("kind: question\n", "kind: : [\n", 1),
        encoding="utf-8",
    )
    diagnostics = load_corpus(corpus).diagnostics
    assert [d.code for d in diagnostics[:2]] == ["E001", "E011"]
    assert diagnostics[0].file.endswith("waterfront.yaml")
    assert diagnostics[1].file.endswith("crews.yaml")
