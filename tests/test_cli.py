"""The `explorer` command: exit codes, output formats, and errors as sentences."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from tests.shared import run_explorer as run

MINI = Path(__file__).parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parent.parent


def test_check_clean_corpus_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINI)]) == 0
    assert capsys.readouterr().out == "checked harbour in tests/fixtures/mini: no problems\n"


def test_check_bundled_corpus_by_default_is_clean_under_strict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--strict"]) == 0
    assert "checked soleimani in scenarios/soleimani: no problems" in capsys.readouterr().out


def _broken(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    crews = folder / "crews.yaml"
    crews.write_text(crews.read_text().replace("source: gazette", "source: gazete", 1))
    return folder


def test_check_reports_compiler_style_lines_and_exits_1(tmp_path: Path) -> None:
    result = run("check", str(_broken(tmp_path)))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.endswith(
        "crews.yaml:7:5: error E008: unknown source 'gazete'; did you mean 'gazette'?"
    )
    assert result.stdout.splitlines()[-1] == f"checked harbour in {tmp_path / 'mini'}: 1 error"
    assert "Traceback" not in result.stderr


def test_check_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(_broken(tmp_path)), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1 and report["warnings"] == 0
    (diagnostic,) = report["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("E008", 7, 5)


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / "notes.yaml").write_text("id: notes\n")
    assert main(["check", str(folder)]) == 0
    assert main(["check", str(folder), "--strict"]) == 1


@pytest.mark.parametrize("command", [["check"], ["export"], ["show"], []])
def test_missing_path_is_one_line_and_exit_2(command: list[str]) -> None:
    result = run(*command, "/no/such/corpus")
    assert result.returncode == 2
    assert result.stderr == "explorer: /no/such/corpus: no such file or folder\n"


def test_folder_without_corpus_is_exit_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert "no corpus.yaml" in result.stderr


def test_usage_error_is_exit_2() -> None:
    result = run("check", "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_export_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(MINI), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["corpus"] == {
        "id": "harbour",
        "title": "After the harbour closes",
        "summary": "Two papers argue what the closure of the old harbour leads to.",
        "folder": "tests/fixtures/mini",
    }
    assert {"id", "name", "role"} <= set(data["people"][0])
    source = data["sources"][0]
    assert {"id", "title", "outlet", "published", "url", "authors", "seed"} <= set(source)
    assert source["seed"] == "seeds/harbour.txt"
    seen: set[str] = set()
    for node in data["nodes"]:
        assert node["parent"] is None or node["parent"] in seen  # parents before children
        seen.add(node["id"])
        assert {"id", "parent", "kind", "title", "claim", "tags", "file", "line"} <= set(node)
        for citation in node["citations"]:
            assert {"source", "speaker", "stance", "quote", "likelihood"} <= set(citation)
    assert len(seen) == len(data["nodes"]) == 8
    stay = next(n for n in data["nodes"] if n["id"] == "crews-stay")
    assert stay["citations"][0]["speaker"] == "mara-quay"
    assert stay["file"].endswith("crews.yaml") and stay["line"] == 36


def test_explorer_without_a_terminal_prints_the_tree() -> None:
    result = run(str(MINI))
    assert result.returncode == 0
    assert "? Do the fishing crews leave?  [AG]" in result.stdout
    assert "LW  Ledger Weekly (author not named) — outlet" in result.stdout


def test_show_works_from_any_folder(tmp_path: Path) -> None:
    result = run("show", cwd=tmp_path)
    assert result.returncode == 0
    assert "The US kills Qasem Soleimani" in result.stdout


def test_walk_prints_a_story_and_refuses_a_broken_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["walk", str(MINI), "--through", "crews,boatyards-follow", "--format", "json"]) == 0
    walk = json.loads(capsys.readouterr().out)
    assert walk["path"] == ["harbour-closed", "crews", "crews-move", "boatyards-follow"]
    assert walk["steps"][2]["against"][0]["voice"] == "source:ledger"
    assert main(["walk", str(MINI), "--through", "crews-stay,boatyards-follow"]) == 2
    assert "is not on the path" in capsys.readouterr().err


def test_compare_as_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(MINI), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "question_id,question,ada-gale,mara-quay,source:ledger"
    assert lines[1].startswith("crews,Do the fishing crews leave?,Crews move north")


def test_scorecard_labels_its_brier_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scorecard", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "derived from hedge words" in report["brier_label"]
    assert {card["voice"] for card in report["scorecards"]} >= {"hadley", "simon"}


def test_schema_prints_what_the_repo_keeps(capsys: pytest.CaptureFixture[str]) -> None:
    from explorer.editing.editor_schema import render

    assert main(["schema", "tree"]) == 0
    assert capsys.readouterr().out == render("tree")


def test_new_node_prints_then_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    before = (folder / "waterfront.yaml").read_text()
    assert main(["new", "node", "--parent", "waterfront-idle", str(folder)]) == 0
    assert "- id: waterfront-idle-new" in capsys.readouterr().out
    assert (folder / "waterfront.yaml").read_text() == before  # printing writes nothing
    assert main(["new", "node", "--parent", "waterfront-idle", str(folder), "--write"]) == 0
    assert "waterfront-idle-new" in (folder / "waterfront.yaml").read_text()
    assert main(["new", "node", "--parent", "nowhere", str(folder)]) == 2
    assert "no node 'nowhere'" in capsys.readouterr().err


# Every command that reads a corpus, with arguments that suit the mini corpus.
CORPUS_COMMANDS = {
    "open-without-terminal": [],
    "show": ["show"],
    "show-cite": ["show", "--node", "crews-move", "--cite"],
    "export-json": ["export", "--format", "json"],
    "export-markdown": ["export", "--format", "markdown"],
    "walk": ["walk", "--through", "crews,boatyards-follow"],
    "compare": ["compare"],
    "scorecard": ["scorecard"],
    "new-node": ["new", "node", "--parent", "crews-move"],
    "cite": ["cite", "crews", "--source", "ledger", "--quote", "unlikely to leave"],
}


def _command(name: str, folder: Path) -> list[str]:
    words = CORPUS_COMMANDS[name]
    if name == "cite":  # PATH goes right after NODE
        return [*words[:2], str(folder), *words[2:], "--stance", "doubts"]
    return [*words, str(folder)]


@pytest.mark.parametrize("name", CORPUS_COMMANDS)
def test_every_command_on_a_corpus_with_errors_prints_says_so_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """One rule: the output is given all the same, stderr says how many errors, and the exit
    is 1; on the same corpus without the error, the exit is 0 and stderr is empty."""
    clean = tmp_path / "clean"
    shutil.copytree(MINI, clean)
    assert main(_command(name, clean)) == 0
    out, err = capsys.readouterr()
    assert out and not err

    broken = _broken(tmp_path)
    assert main(_command(name, broken)) == 1
    out, err = capsys.readouterr()
    assert out  # the command did its work
    assert err == "1 error: run 'explorer check' for details\n"
