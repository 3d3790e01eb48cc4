"""The folder `explorer init` makes is a corpus every command takes; init writes into a fresh
repository (a folder holding only dotfiles); a failed init leaves nothing behind."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.editing import atomic
from explorer.reading.locate import CorpusNotFound, find_corpora
from tests.shared import run_explorer

MINI = Path(__file__).parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parent.parent


def _tree(folder: Path) -> list[str]:
    """Every file and folder below `folder` (dotfiles too), as sorted relative paths."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A folder as `explorer init --skeleton` made it (the skeleton: quick to write)."""
    assert main(["init", "--skeleton", str(tmp_path / "mine")]) == 0
    capsys.readouterr()
    return tmp_path / "mine"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["check", "--strict"], "checked my-scenarios in "),
        (["show"], "My scenarios (my-scenarios)"),
        (["export", "--format", "markdown"], "# My scenarios"),
        (["compare"], "No questions to compare."),
        (["scorecard"], ""),
        (["new", "node", "--parent", "example-consequence"], "id: example-consequence-new"),
        (["walk", "--through", "example-consequence"], "The example consequence follows"),
        ([], "The example event happens"),  # `explorer DIR` without a terminal prints the tree
    ],
)
def test_every_command_takes_the_folder_init_made(
    made: Path, capsys: pytest.CaptureFixture[str], command: list[str], expected: str
) -> None:
    words = 2 if command[:1] == ["new"] else 1
    argv = [*command[:words], str(made), *command[words:]]
    assert main(argv) == 0, capsys.readouterr().err
    assert expected in capsys.readouterr().out


def test_a_folder_holding_scenarios_is_read_like_the_upward_search_reads_it() -> None:
    # The repository's own top: its corpora are under scenarios/, as `find_upward` finds them.
    assert find_corpora(ROOT) == [ROOT / "scenarios" / "soleimani" / "corpus.yaml"]


_NAMES = st.text(alphabet="abcdefgh-", min_size=1, max_size=6).filter(lambda s: s[0] != "-")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    beside=st.sets(_NAMES, max_size=3),
    under_scenarios=st.sets(_NAMES, max_size=3),
    empty=st.sets(_NAMES, max_size=3),
)
def test_the_corpora_of_a_folder_are_those_in_it_and_in_its_scenarios(
    tmp_path_factory: pytest.TempPathFactory,
    beside: set[str],
    under_scenarios: set[str],
    empty: set[str],
) -> None:
    root = tmp_path_factory.mktemp("project")
    expected = []
    for names, parent in ((beside, root), (under_scenarios, root / "scenarios")):
        for name in sorted(names):
            (parent / name).mkdir(parents=True)
            (parent / name / "corpus.yaml").write_text("id: x\n")
            expected.append(parent / name / "corpus.yaml")
    for name in empty:  # folders without a corpus, beside and under scenarios/, are passed by
        (root / "scenarios" / f"{name}-notes").mkdir(parents=True, exist_ok=True)
        (root / f"{name}-notes").mkdir(exist_ok=True)
    if not expected:
        with pytest.raises(CorpusNotFound, match=r"no corpus\.yaml in this folder, the folders in"):
            find_corpora(root)
    else:
        assert find_corpora(root) == expected


def test_a_file_of_a_corpus_names_the_corpus_folder_that_holds_it(
    made: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(made.parent)
    tree = Path("mine/scenarios/my-scenarios/first-tree.yaml")
    assert main(["check", str(tree)]) == 2
    assert capsys.readouterr().err == (
        f"explorer: {tree}: not a corpus but a file in the corpus folder "
        "mine/scenarios/my-scenarios; name that folder (or its corpus.yaml) instead\n"
    )
    # A seed kept in the corpus's own folder (as the fixture keeps them) names it too.
    assert main(["show", str(MINI / "seeds" / "harbour.txt")]) == 2
    assert f"in the corpus folder {MINI}; name that folder" in capsys.readouterr().err
    # A file in no corpus folder: nothing to name.
    assert main(["check", "mine/seeds/example.txt"]) == 2
    error = capsys.readouterr().err
    assert (
        error
        == "explorer: mine/seeds/example.txt: not a corpus; name a folder that holds corpus.yaml\n"
    )


def test_init_writes_into_a_folder_holding_only_dotfiles_and_leaves_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "repo"
    (target / ".git" / "objects").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (target / ".gitignore").write_text(".venv/\n")
    assert main(["init", "--skeleton", str(target)]) == 0
    assert (target / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (target / ".gitignore").read_text() == ".venv/\n"
    assert (target / "scenarios" / "my-scenarios" / "corpus.yaml").is_file()
    capsys.readouterr()
    assert main(["check", "--strict", str(target)]) == 0


def _disk_full_after(writes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file write after the first `writes` fails as on a full disk."""
    real = atomic.write_all
    done = [0]

    def write_all(fd: int, content: bytes) -> None:
        if done[0] >= writes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        done[0] += 1
        real(fd, content)

    monkeypatch.setattr(atomic, "write_all", write_all)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    writes=st.integers(min_value=0, max_value=4),  # both corpora have more files than that
    skeleton=st.booleans(),
    where=st.sampled_from(["new", "new/below", "empty", "dotfiles"]),
)
def test_a_failed_init_leaves_nothing_behind_and_a_second_one_works(
    tmp_path_factory: pytest.TempPathFactory, writes: int, skeleton: bool, where: str
) -> None:
    base = tmp_path_factory.mktemp("init")
    target = base / where
    if where == "empty":
        target.mkdir()
    elif where == "dotfiles":
        (target / ".git").mkdir(parents=True)
    before = _tree(base)
    flag = ["--skeleton"] if skeleton else []
    with pytest.MonkeyPatch.context() as monkeypatch:
        _disk_full_after(writes, monkeypatch)
        code = main(["init", *flag, str(target)])
    assert code == 2
    assert _tree(base) == before  # no folder, no file, no temporary file left
    assert main(["init", *flag, str(target)]) == 0
    assert main(["check", "--strict", str(target)]) == 0


def test_a_full_disk_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_full_after(2, monkeypatch)
    assert main(["init", str(tmp_path / "mine")]) == 2
    assert capsys.readouterr().err == (
        f"explorer: cannot write the corpus into {tmp_path / 'mine'}: No space left on device; "
        "nothing was kept\n"
    )
    assert not (tmp_path / "mine").exists()


def _explorer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_explorer(*args, cwd=cwd, timeout=120)  # no terminal: `explorer DIR` prints the tree


@pytest.mark.parametrize("skeleton", [True, False])
def test_init_then_check_then_explore_from_another_folder(tmp_path: Path, skeleton: bool) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for folder in ("../mine", str(tmp_path / "theirs")):  # relative and absolute
        init = _explorer("init", *(["--skeleton"] if skeleton else []), folder, cwd=elsewhere)
        assert init.returncode == 0, init.stderr
        # It says what to run next, as the next two steps run it.
        assert f"  explorer check --strict {folder}  " in init.stdout
        assert f"  explorer {folder}  " in init.stdout
        check = _explorer("check", "--strict", folder, cwd=elsewhere)
        assert (check.returncode, check.stderr) == (0, ""), check.stdout
        assert check.stdout.endswith(": no problems\n")
        explore = _explorer(folder, cwd=elsewhere)
        assert (explore.returncode, explore.stderr) == (0, "")
        title = "The example event happens" if skeleton else "The US kills Qasem Soleimani"
        assert title in explore.stdout


def test_a_file_that_appears_meanwhile_is_kept_and_the_rest_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.editing import init

    real = atomic.write_atomic
    calls = [0]

    def write_atomic(path: Path, data: bytes, **kwargs: Any) -> Path:
        calls[0] += 1
        if calls[0] == 3:  # someone else saves this very file first
            path.write_text("theirs")
        return real(path, data, **kwargs)

    monkeypatch.setattr(init, "write_atomic", write_atomic)
    target = tmp_path / "mine"
    assert main(["init", "--skeleton", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("explorer: ") and error.count("\n") == 1
    assert "appeared while the corpus was written: it was left as it is" in error
    (theirs,) = (p for p in target.rglob("*") if p.is_file())
    assert theirs.read_text() == "theirs"
    # Only the file and the folders holding it are left.
    assert _tree(target) == sorted(
        p.relative_to(target).as_posix() for p in (theirs, *theirs.parents) if target in p.parents
    )
