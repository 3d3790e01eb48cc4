"""The TUI tests run headless; keep Textual from reading the developer's environment."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL", raising=False)


@pytest.fixture(autouse=True)
def _collector_as_python_left_it() -> Iterator[None]:
    """An app freezes the heap and takes over full collections once a corpus is shown; the
    next test starts with Python's own schedule again (and collects what the app left)."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    gc.collect()
