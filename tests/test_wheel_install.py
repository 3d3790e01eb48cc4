"""A real install: build the wheel, install it in a fresh virtualenv, run `explorer` from nowhere.

This proves what a source checkout cannot: the wheel carries the bundled corpus and its seeds
(pyproject.toml force-includes scenarios/ and seeds/), the `explorer` script exists, and the
installed package finds its corpus from an empty folder. The dependencies are resolved by pip as
for a user (from the configured index, with pip's cache); the whole test takes some 20 seconds.

It runs in every suite. Set SKIP_WHEEL_INSTALL=1 to skip it on a machine without network; that is
refused when CI is set, so CI cannot pass without having installed the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_NODES = 59
# The test environment's variables that would make the installed program see this checkout.
LEAKY = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONSAFEPATH")


def _skip_unless_wanted() -> None:
    if os.environ.get("SKIP_WHEEL_INSTALL"):
        if os.environ.get("CI"):
            pytest.fail("SKIP_WHEEL_INSTALL is set, but CI must install the wheel")
        pytest.skip("SKIP_WHEEL_INSTALL is set")


def _run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300, expect: int = 0
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )
    assert result.returncode == expect, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _install(base: Path, env: dict[str, str]) -> Path:
    """Build the wheel and install it in a fresh virtualenv; returns the venv's bin folder."""
    dist = base / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        cwd=base,
        env=env,
    )
    (wheel,) = dist.glob("scenario_explorer-*.whl")
    venv = base / "venv"
    # No pip inside the new venv (saves seconds): this environment's pip installs into it.
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=base, env=env)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "-q",
            str(wheel),
        ],
        cwd=base,
        env=env,
    )
    return venv / "bin"


# One test, so that parallel workers (pytest -n) do not each build and install the wheel.
@pytest.mark.slow
def test_the_installed_wheel_works_from_an_empty_folder(tmp_path: Path) -> None:
    _skip_unless_wanted()
    env = {k: v for k, v in os.environ.items() if k not in LEAKY}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    bin_folder = _install(tmp_path, env)
    nowhere = tmp_path / "empty"
    nowhere.mkdir()

    def explorer(*args: str) -> str:
        return _run([str(bin_folder / "explorer"), *args], cwd=nowhere, env=env).stdout

    # The package imported is the wheel's, not this checkout.
    where = _run(
        [str(bin_folder / "python"), "-c", "import explorer; print(explorer.__file__)"],
        cwd=nowhere,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(bin_folder.parent)

    installed = Path(where).parent / "_bundled" / "scenarios"
    checked = explorer("check").strip().splitlines()[-1]
    assert checked == f"checked soleimani in {installed / 'soleimani'}: no problems"

    data = json.loads(explorer("export", "--format", "json"))
    assert data["corpus"]["id"] == "soleimani"
    assert len(data["nodes"]) == BUNDLED_NODES
    assert all(s["seed"].startswith("seeds/") for s in data["sources"])

    shown = explorer("show")
    assert "The US kills Qasem Soleimani" in shown and "\x1b" not in shown
    assert explorer() == shown  # without a terminal, `explorer` prints what `show` prints

    explorer("export", "--format", "markdown", "-o", "brief.md")
    assert (nowhere / "brief.md").read_text(encoding="utf-8").startswith("# After Soleimani\n")
    explorer("export", "--format", "html", "-o", "brief.html")  # its templates are in the wheel
    assert "<title>After Soleimani</title>" in (nowhere / "brief.html").read_text(encoding="utf-8")
    _the_installed_copy_is_read_only_and_init_makes_one_to_edit(bin_folder, installed, nowhere, env)
    _a_clone_s_corpus_comes_before_the_bundled_one(bin_folder, tmp_path, env)


def _the_installed_copy_is_read_only_and_init_makes_one_to_edit(
    bin_folder: Path, installed: Path, nowhere: Path, env: dict[str, str]
) -> None:
    tree = installed / "soleimani" / "iran-response.yaml"
    before = tree.read_bytes()
    refused = _run(
        [str(bin_folder / "explorer"), "new", "node", "--parent", "iran-response", "--write"],
        cwd=nowhere,
        env=env,
        expect=2,
    )
    assert refused.stderr.count("\n") == 1 and "read-only" in refused.stderr
    assert "explorer init DIR" in refused.stderr and "Traceback" not in refused.stderr
    assert tree.read_bytes() == before

    _run([str(bin_folder / "explorer"), "init", "mine"], cwd=nowhere, env=env)
    mine = nowhere / "mine"
    checked = _run([str(bin_folder / "explorer"), "check", "--strict"], cwd=mine, env=env)
    assert (
        checked.stdout.splitlines()[-1] == "checked soleimani in scenarios/soleimani: no problems"
    )
    _run(
        [str(bin_folder / "explorer"), "new", "node", "--parent", "iran-response", "--write"],
        cwd=mine / "scenarios",
        env=env,
    )
    assert "iran-response-new" in (mine / "scenarios/soleimani/iran-response.yaml").read_text()
    assert tree.read_bytes() == before

    _run([str(bin_folder / "explorer"), "init", "--skeleton", "sketch"], cwd=nowhere, env=env)
    _run([str(bin_folder / "explorer"), "check", "--strict"], cwd=nowhere / "sketch", env=env)
    _run([str(bin_folder / "explorer"), "init", "mine"], cwd=nowhere, env=env, expect=2)


def _a_clone_s_corpus_comes_before_the_bundled_one(
    bin_folder: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    clone = tmp_path / "clone"  # what a clone holds of the corpus, with a folder to work in
    for name in ("scenarios", "seeds"):
        shutil.copytree(ROOT / name, clone / name)
    (clone / "notes").mkdir()

    def explorer(*args: str, cwd: Path = clone) -> str:
        return _run([str(bin_folder / "explorer"), *args], cwd=cwd, env=env).stdout

    assert explorer("check").splitlines()[-1] == (
        "checked soleimani in scenarios/soleimani: no problems"
    )
    data = json.loads(explorer("export"))
    assert data["corpus"]["folder"] == "scenarios/soleimani"
    assert all(node["file"].startswith("scenarios/soleimani/") for node in data["nodes"])
    below = explorer("check", cwd=clone / "notes").splitlines()[-1]  # found upward
    assert below == f"checked soleimani in {clone / 'scenarios' / 'soleimani'}: no problems"
