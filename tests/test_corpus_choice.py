"""Which corpus: the one of the folder `explorer` runs in (found upward, as git finds `.git`),
else the bundled one; the bundled copy of an installation is read-only; `explorer init` makes a
corpus of one's own that checks clean, and never overwrites anything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.editing.init import init_corpus
from explorer.reading import bundled
from explorer.reading.bundled import (
    INIT_HINT,
    ReadOnlyCorpus,
    default_corpus,
    ensure_writable,
    is_read_only,
)
from explorer.reading.locate import find_upward

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A project as a team keeps it: scenarios/<corpus>/ at its top, and folders below."""
    root = tmp_path / "clone"
    shutil.copytree(MINI, root / "scenarios" / "mini")
    (root / "notes" / "deep").mkdir(parents=True)
    return root


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["notes", "deep", "a b", "x"]), max_size=4))
def test_the_corpus_is_found_from_any_folder_below_the_project(
    tmp_path_factory: pytest.TempPathFactory, below: list[str]
) -> None:
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(MINI, root / "scenarios" / "mini", dirs_exist_ok=True)
    start = root.joinpath(*below)
    start.mkdir(parents=True, exist_ok=True)
    assert find_upward(start) == root / "scenarios"
    assert find_upward(root / "scenarios" / "mini" / "seeds") == root / "scenarios" / "mini"


def test_a_scenarios_folder_without_a_corpus_is_passed_by(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "outer" / "scenarios" / "mini")
    (tmp_path / "outer" / "inner" / "scenarios" / "notes").mkdir(parents=True)
    assert find_upward(tmp_path / "outer" / "inner") == tmp_path / "outer" / "scenarios"


def test_without_a_project_the_bundled_corpus_is_used(tmp_path: Path) -> None:
    assert find_upward(tmp_path) is None  # a temporary folder: no project above it
    assert default_corpus(tmp_path) == bundled.bundled_scenarios()


def test_check_and_export_name_and_read_the_project_of_the_folder(
    clone: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(clone)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "checked harbour in scenarios/mini: no problems\n"
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["corpus"]["folder"] == "scenarios/mini"
    assert {node["file"] for node in data["nodes"]} == {
        "scenarios/mini/corpus.yaml",
        "scenarios/mini/crews.yaml",
        "scenarios/mini/waterfront.yaml",
    }
    monkeypatch.chdir(clone / "notes" / "deep")  # from below, shown as it truly is
    assert main(["check"]) == 0
    assert (
        capsys.readouterr().out
        == f"checked harbour in {clone / 'scenarios' / 'mini'}: no problems\n"
    )


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled corpus laid out as in an installation: explorer/_bundled/scenarios in
    site-packages (the package's location faked); the working folder has no project."""
    package = tmp_path / "site-packages" / "explorer"
    shutil.copytree(MINI, package / "_bundled" / "scenarios" / "mini")
    monkeypatch.setattr(bundled, "_PACKAGE", package)
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return package / "_bundled" / "scenarios"


def test_the_installed_bundled_corpus_is_read_only(installed: Path, tmp_path: Path) -> None:
    assert bundled.bundled_scenarios() == installed
    assert default_corpus(tmp_path / "home") == installed
    corpus = installed / "mini"
    for path in (corpus, corpus / "corpus.yaml", corpus / "seeds" / "harbour.txt"):
        assert is_read_only(path)
        with pytest.raises(ReadOnlyCorpus) as refused:
            ensure_writable(path)
        message = str(refused.value)
        assert INIT_HINT in message and "explorer init DIR" in message
        assert "\n" not in message and message.count(": ") == 1
    copy = tmp_path / "mine"
    shutil.copytree(corpus, copy)
    assert not is_read_only(copy / "crews.yaml")
    ensure_writable(copy / "crews.yaml")
    link = tmp_path / "link.yaml"  # a link into the installation is the installation
    link.symlink_to(corpus / "crews.yaml")
    assert is_read_only(link)


def test_writing_commands_refuse_the_installed_corpus_in_one_sentence(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crews = installed / "mini" / "crews.yaml"
    before = crews.read_bytes()
    assert main(["new", "node", "--parent", "crews-move", "--write"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("explorer: ") and error.count("\n") == 1
    assert "read-only" in error and "explorer init DIR" in error
    assert crews.read_bytes() == before
    assert main(["new", "node", "--parent", "crews-move"]) == 0  # printing is not writing


def test_a_checkout_s_own_corpus_is_not_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a source checkout (or an editable install) the bundled corpus is the repository's own.
    shutil.copytree(MINI, tmp_path / "repo" / "scenarios" / "mini")
    monkeypatch.setattr(bundled, "_PACKAGE", tmp_path / "repo" / "explorer")
    assert bundled.bundled_scenarios() == tmp_path / "repo" / "scenarios"
    assert not is_read_only(tmp_path / "repo" / "scenarios" / "mini" / "crews.yaml")
    ensure_writable(tmp_path / "repo" / "scenarios" / "mini")


def test_init_copies_the_bundled_corpus_which_checks_clean_and_is_found_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    assert main(["init", str(target)]) == 0
    assert "scenarios/soleimani" in capsys.readouterr().out
    assert (target / "scenarios" / "schema" / "corpus.schema.json").is_file()
    monkeypatch.chdir(target)
    assert main(["check", "--strict"]) == 0
    assert capsys.readouterr().out == "checked soleimani in scenarios/soleimani: no problems\n"
    assert main(["new", "node", "--parent", "iran-response", "--write"]) == 0
    assert "iran-response-new" in (target / "scenarios/soleimani/iran-response.yaml").read_text()


def test_init_from_an_installation_copies_the_installed_corpus(
    installed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = init_corpus(tmp_path / "mine")
    assert folder == tmp_path / "mine" / "scenarios" / "mini"
    assert not is_read_only(folder)
    assert main(["check", "--strict", str(folder)]) == 0


def test_init_skeleton_is_a_corpus_with_one_seed_that_checks_clean_under_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--skeleton", str(tmp_path / "new")]) == 0
    assert list((tmp_path / "new" / "seeds").iterdir()) == [tmp_path / "new/seeds/example.txt"]
    capsys.readouterr()
    assert main(["check", "--strict", str(tmp_path / "new" / "scenarios")]) == 0
    assert capsys.readouterr().out.endswith(": no problems\n")


@pytest.mark.parametrize("occupant", ["file", "folder"])
def test_init_refuses_a_folder_that_is_not_empty_and_touches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], occupant: str
) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    if occupant == "file":
        (target / "notes.txt").write_text("mine")
    else:
        (target / "scenarios").mkdir()
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    assert main(["init", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("explorer: ") and "is not empty" in error and error.count("\n") == 1
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before


def test_init_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a-file"
    target.write_text("mine")
    assert main(["init", "--skeleton", str(target)]) == 2
    assert "is a file" in capsys.readouterr().err
    assert target.read_text() == "mine"
