"""What the stress tests of the app (tests/tui/test_tui_stress*.py) share: the hostile fixture
corpus, an autouse fixture that makes them quick, and helpers that press keys and check, at each
step, that the app still runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from explorer.tui.app import ExplorerApp

from .helpers import FIXTURES

HOSTILE_ALL = FIXTURES / "hostile-all"  # markup in every text field; seeds/ansi.txt: escapes


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Time, not coverage: no animations (Pilot waits for each scroll's frames, each frame a new
    layout); and on a crash, no traceback rendered with its locals at the terminal's width (at a
    few columns that takes 10-20 s) — `run_test` still re-raises the exception."""

    def close(app: App[object]) -> None:
        app._close_messages_no_wait()

    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(App, "_fatal_error", close)


# -- helpers ---------------------------------------------------------------------------------


def alive(app: ExplorerApp) -> None:
    assert app.is_running, "the app stopped"
    assert app.return_code is None, f"the app exited with {app.return_code}"
    assert app._exception is None, app._exception


async def tour(app: ExplorerApp, pilot: Pilot[None], keys: list[str]) -> int:
    """Press each key on its own, checking the app still runs after each; the keys pressed."""
    for key in keys:
        await pilot.press(key)
        alive(app)
    await pilot.pause()
    alive(app)
    return len(keys)


def copy_fixture(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target
