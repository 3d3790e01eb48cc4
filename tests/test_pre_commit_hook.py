"""The pre-commit hook teams run on their corpora: a valid hook file whose entry is a real
`explorer` command, passing on a clean corpus and failing on a broken one, and the README's
snippets (the config and the CI step) naming that hook."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.shared import run_explorer

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    (hook,) = hooks
    assert isinstance(hook, dict)
    return hook


def _readme_yaml(marker: str) -> Any:
    found = re.search(rf"<!-- {marker} -->\n```yaml\n(.*?)```", README, re.DOTALL)
    assert found is not None, marker
    return yaml.safe_load(found.group(1))


def test_the_hook_file_is_what_pre_commit_reads() -> None:
    hook = _hook()
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "explorer-check"
    assert hook["language"] == "python"  # pre-commit installs this repository to run it
    assert hook["pass_filenames"] is False  # it checks whole corpora, not the files staged
    files = re.compile(hook["files"])
    for changed in (
        "scenarios/soleimani/iran-response.yaml",
        "scenarios/team/corpus.yml",
        "seeds/004_7104e97b60815347.txt",
        "seeds/notes.md",
    ):
        assert files.search(changed), changed
    for unrelated in ("explorer/cli.py", "pyproject.toml", "picture.png"):
        assert not files.search(unrelated), unrelated


def _entry_as_module(cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry as pre-commit runs it (from the top of the repository, no file names),
    with the console script it names replaced by the module it runs."""
    program, *args = shlex.split(_hook()["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert scripts[program] == "explorer.cli:main"
    return run_explorer(*args, cwd=cwd, timeout=120)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository keeping the bundled corpus as a team would: scenarios/ and seeds/."""
    for name in ("scenarios", "seeds"):
        shutil.copytree(ROOT / name, tmp_path / "repo" / name)
    return tmp_path / "repo"


def test_the_entry_passes_on_the_bundled_corpus_and_fails_on_a_broken_one(
    repository: Path,
) -> None:
    passed = _entry_as_module(repository)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.splitlines()[-1] == (
        "checked soleimani in scenarios/soleimani: no problems"
    )
    seed = repository / "seeds" / "004_7104e97b60815347.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("heightens", "raises"))
    failed = _entry_as_module(repository)
    assert failed.returncode == 1
    assert "E011" in failed.stdout and "Traceback" not in failed.stderr


def test_the_readme_shows_the_hook_in_a_config_and_in_a_ci_step() -> None:
    config = _readme_yaml("pre-commit-config")
    (repo,) = config["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == [_hook()["id"]]
    steps = _readme_yaml("ci-step")["jobs"]["scenarios"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == [f"pip install pre-commit && pre-commit run {_hook()['id']} --all-files"]
    assert any(step.get("uses", "").startswith("actions/checkout") for step in steps)
