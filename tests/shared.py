"""What many test modules share: corpora copied to be edited, the full load as the oracle of
every faster road, and the explorer run as a program. `tests/conftest.py` offers the copies as
fixtures; a state machine or a helper that has no fixtures imports the functions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.reading.load import LoadResult, load_corpus

if TYPE_CHECKING:
    from explorer.tui.session import Session

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
BUNDLED = "soleimani"  # the corpus of the repository's scenarios/ folder

# Variables that would change what the explorer prints, whoever runs the suite.
_DISPLAY_VARIABLES = frozenset({"NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "TERM"})


def copy_corpus(into: Path, source: Path = MINI, name: str = "corpus") -> Path:
    """The corpus (with its seeds folder inside) copied to `into/name`."""
    target = into / name
    shutil.copytree(source, target)
    return target


def copy_bundled(into: Path, corpus: str = BUNDLED) -> Path:
    """A corpus of the repository and its seeds, laid out as there: `into/scenarios/corpus` and
    `into/seeds`. Returns the corpus's folder."""
    folder = into / "scenarios" / corpus
    shutil.copytree(ROOT / "scenarios" / corpus, folder)
    shutil.copytree(ROOT / "seeds", into / "seeds")
    return folder


def same_load(result: LoadResult, full: LoadResult) -> None:
    """The same corpus, diagnostics and seed texts as `full`."""
    assert result.corpus == full.corpus
    assert result.diagnostics == full.diagnostics
    assert dict(result.seeds).keys() == dict(full.seeds).keys()
    for name, seed in result.seeds.items():
        assert seed.text == full.seeds[name].text


def same_as_a_full_load(result: LoadResult, path: Path) -> None:
    """What a load through a faster road (the cache, a reload) gave is what reading the corpus
    afresh gives."""
    same_load(result, load_corpus(path))


def shown_once(folder: Path) -> Session:
    """A run of the explorer: its first load shown, then the warm-start cache written."""
    from explorer.tui.session import Session  # the app's session, without the app

    session = Session(folder)
    loaded = session.read(settle=False)
    assert loaded is not None
    session.accept(loaded)
    session.save_cache()
    return session


def pending_at_flush(session: Session) -> list[bool]:
    """Whether the session's cache had anything to write, at each flush from now on."""
    store = session.reuse.store
    assert store is not None
    pending: list[bool] = []
    flush = store.flush

    def watched_flush() -> None:
        pending.append(store.pending)
        flush()

    store.flush = watched_flush  # type: ignore[method-assign]
    return pending


def run_explorer(
    *args: str, cwd: Path = ROOT, timeout: float = 60, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m explorer ARGS`, its output captured as text: the package importable from
    anywhere (as after an install), no input, the display variables of the suite's own terminal
    left out (TERM is xterm-256color), then `env` on top."""
    clean = {k: v for k, v in os.environ.items() if k not in _DISPLAY_VARIABLES}
    env = env or {}
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env={**clean, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", **env},
        timeout=timeout,
    )
