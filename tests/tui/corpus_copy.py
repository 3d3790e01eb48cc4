"""A corpus copied to a temporary folder, to be edited under a running explorer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.tui.app import ExplorerApp
from explorer.tui.live import RELOAD_GROUP

from .helpers import workers_done

Snapshot = dict[str, tuple[int, bytes]]

# The fake editor: `vi +LINE FILE` replaces the first title at or after LINE with
# "Edited in the editor", and notes its arguments in a file beside itself.
FAKE_EDITOR = """\
#!{python}
import pathlib, sys
here = pathlib.Path(__file__).resolve().parent
(here / "argv.txt").write_text("\\n".join(sys.argv[1:]), encoding="utf-8")
line, path = int(sys.argv[1].lstrip("+")), pathlib.Path(sys.argv[2])
lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
for i in range(line - 1, len(lines)):
    stripped = lines[i].lstrip()
    if stripped.startswith("title:"):
        indent = lines[i][: len(lines[i]) - len(stripped)]
        lines[i] = indent + "title: Edited in the editor\\n"
        break
path.write_text("".join(lines), encoding="utf-8")
"""


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> Snapshot:
    """Every file under the folder: its modification time (ns) and its bytes."""
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def fake_editor(tmp: Path) -> Path:
    """An executable named `vi` (so it is given `+LINE FILE`) that edits a title."""
    folder = tmp / "bin"
    folder.mkdir()
    script = folder / "vi"
    script.write_text(FAKE_EDITOR.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    return script


async def reloads_done(app: ExplorerApp, pilot: Pilot[None]) -> None:
    """Wait for the reloads started in workers (after the editor) to finish."""
    await workers_done(app, RELOAD_GROUP)
    await pilot.pause()


def environment_without_editor(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """No $VISUAL, no $EDITOR and nothing on the PATH: no editor at all."""
    empty = tmp / "empty-path"
    empty.mkdir()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(empty))
    assert not any(os.access(empty / name, os.X_OK) for name in ("vi", "nano"))
