"""tests/browser/ensure-chromium, the head of the README's test command: it installs Chromium
with apt-get when it is missing and it can, and otherwise says why and lets the command go on.
Run with stand-ins for `id` and `apt-get` on PATH that record what they were asked."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parent / "ensure-chromium"


def run(tmp_path: Path, *, uid: int, apt: bool, chromium: Path) -> tuple[int, str, list[str]]:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir(exist_ok=True)
    log = tmp_path / "calls"
    (bin_folder / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    if apt:
        (bin_folder / "apt-get").write_text(f'#!/bin/sh\necho "$*" >> {log}\n')
    for tool in bin_folder.iterdir():
        tool.chmod(0o755)
    # The stand-ins are all the script may find: it needs no other program.
    env = {"PATH": str(bin_folder), "ENSURE_CHROMIUM_PATH": str(chromium)}
    done = subprocess.run(
        ["/bin/bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return done.returncode, done.stderr, calls


def test_a_present_browser_is_left_alone(tmp_path: Path) -> None:
    present = tmp_path / "chromium"
    present.write_text("#!/bin/sh\n")
    present.chmod(0o755)
    assert run(tmp_path, uid=0, apt=True, chromium=present) == (0, "", [])


def test_as_root_with_apt_get_it_installs_chromium(tmp_path: Path) -> None:
    code, err, calls = run(tmp_path, uid=0, apt=True, chromium=tmp_path / "missing")
    assert code == 0 and "installing" in err
    assert calls == ["update -qq", "install -y -qq chromium"]


def test_without_root_it_says_why_and_goes_on(tmp_path: Path) -> None:
    code, err, calls = run(tmp_path, uid=1000, apt=True, chromium=tmp_path / "missing")
    assert code == 0 and calls == []
    assert "needs root" in err and "will not run" in err


def test_without_apt_get_it_says_why_and_goes_on(tmp_path: Path) -> None:
    code, err, calls = run(tmp_path, uid=0, apt=False, chromium=tmp_path / "missing")
    assert code == 0 and calls == []
    assert "no apt-get" in err
    assert os.access(SCRIPT, os.X_OK)
