"""`explorer cite`: prints the citation it would add; with --write adds it, checking clean and
changing no other line; wrong names and quotes are one sentence each, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.reading import bundled

ROOT = Path(__file__).resolve().parent.parent
QUOTE = "Iran's Supreme Leader promised that the perpetrators would be harshly punished"
ADDED = (
    "      - source: rs-2020\n"
    '        quote: "Iran’s Supreme Leader promised that the perpetrators would be harshly '
    'punished"\n'
    "        stance: explains\n"
    "        likelihood: would\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "scenarios" / "soleimani"


def _cite(corpus: Path, *options: str) -> list[str]:
    return ["cite", "iran-response", str(corpus), "--source", "rs-2020", *options]


def test_without_write_it_prints_the_yaml_and_changes_nothing(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (corpus / "iran-response.yaml").read_bytes()
    code = main(_cite(corpus, "--quote", QUOTE, "--stance", "explains", "--likelihood", "would"))
    assert code == 0
    assert capsys.readouterr().out == ADDED
    assert (corpus / "iran-response.yaml").read_bytes() == before


def test_with_write_it_adds_the_citation_which_checks_clean_and_changes_no_other_line(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus / "iran-response.yaml"
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    options = ("--quote", QUOTE, "--stance", "explains", "--likelihood", "would", "--write")
    assert main(_cite(corpus, *options)) == 0
    out = capsys.readouterr().out
    assert out.startswith("added a citation to 'iran-response' in ")
    assert out.endswith("iran-response.yaml at line 51\n")
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert after == [*before[:50], *ADDED.splitlines(keepends=True), *before[50:]]
    assert main(["check", str(corpus), "--strict"]) == 0
    checked = capsys.readouterr().out
    assert checked.startswith("checked soleimani in ") and checked.endswith(": no problems\n")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"iran-response": "iran-respons"}, "no node 'iran-respons' in the corpus; did you mean "
         "'iran-response'?"),
        ({"rs-2020": "rs-202"}, "no source 'rs-202' in the corpus; did you mean 'rs-2022'?"),
        ({"explains": "explain"}, "'explain' is not a stance (predicts, warns, recommends, "
         "doubts, explains); did you mean 'explains'?"),
        ({"would": "wuold"}, "'wuold' is not a known hedge word; did you mean 'would'?"),
        ({"--likelihood": "--speaker", "would": "hadly"}, "no person 'hadly' in the corpus; did "
         "you mean 'hadley'?"),
        ({QUOTE: QUOTE.replace("would", "wuld")}, "the quote is not in the seed "
         "'001_15346fee54f07480.txt'; the closest passage (99% alike, seed line 11) reads: "
         "\"Iran’s Supreme Leader promised that the perpetrators would be harshly punished\""),
    ],
)  # fmt: skip
def test_wrong_names_and_quotes_are_one_sentence_and_exit_2(
    corpus: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, str], message: str
) -> None:
    before = (corpus / "iran-response.yaml").read_bytes()
    argv = _cite(corpus, "--quote", QUOTE, "--stance", "explains", "--likelihood", "would")
    argv = [changes.get(word, word) for word in argv] + ["--write"]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"explorer: {message}\n")
    assert (corpus / "iran-response.yaml").read_bytes() == before


def test_a_speaker_and_a_reported_person_exclude_each_other(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ("--quote", QUOTE, "--stance", "explains", "--speaker", "hadley", "--reports", "x")
    with pytest.raises(SystemExit) as exit_:
        main(_cite(corpus, *options))
    assert exit_.value.code == 2
    assert "not allowed with argument --speaker" in capsys.readouterr().err


def test_the_installed_bundled_corpus_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "site-packages" / "explorer"  # laid out as in an installation
    shutil.copytree(ROOT / "scenarios", package / "_bundled" / "scenarios")
    shutil.copytree(ROOT / "seeds", package / "_bundled" / "seeds")
    monkeypatch.setattr(bundled, "_PACKAGE", package)
    monkeypatch.chdir(tmp_path)
    corpus = package / "_bundled" / "scenarios" / "soleimani"
    before = (corpus / "iran-response.yaml").read_bytes()
    options = ("--quote", QUOTE, "--stance", "explains")
    assert main(_cite(corpus, *options)) == 0  # printing is not writing
    assert capsys.readouterr().out == ADDED.replace("        likelihood: would\n", "")
    assert main(_cite(corpus, *options, "--write")) == 2
    error = capsys.readouterr().err
    assert error.startswith("explorer: ") and error.count("\n") == 1
    assert "read-only" in error and "explorer init DIR" in error
    assert (corpus / "iran-response.yaml").read_bytes() == before
