"""Where the bundled corpus is (inside the installed package, or in the source checkout), which
corpus `explorer` works on when given none, and the rule that the installed copy is read-only."""

from __future__ import annotations

import os
from pathlib import Path

from explorer.paths import shown_path
from explorer.reading.locate import Refused, find_upward

_PACKAGE = Path(__file__).resolve().parent.parent  # explorer/, from explorer/reading/
INIT_HINT = "run 'explorer init DIR' for a copy of your own to edit"


class ReadOnlyCorpus(Refused):
    """A write into the bundled corpus of an installation (a usage error, exit 2)."""


def _installed() -> Path:
    return _PACKAGE / "_bundled"


def bundled_scenarios() -> Path:
    """The bundled `scenarios/` folder.

    A wheel carries it as `explorer/_bundled/scenarios` (see pyproject.toml); a source checkout or
    an editable install has it once, at the top of the repository.
    """
    installed = _installed() / "scenarios"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "scenarios"


def default_corpus(start: Path | None = None) -> Path:
    """What `explorer` works on without a PATH: the corpus of the folder it runs in or one
    above (see `find_upward`), else the bundled one."""
    return find_upward(Path.cwd() if start is None else start) or bundled_scenarios()


def is_read_only(path: Path) -> bool:
    """True for a file or folder of the bundled corpus inside an installation (site-packages):
    a reinstall replaces it, so an edit there would be lost. A source checkout's corpus, which an
    editable install also bundles, is the user's own and writable."""
    real = Path(os.path.realpath(path))
    return real.is_relative_to(os.path.realpath(_installed()))


def ensure_writable(path: Path) -> None:
    """Raise `ReadOnlyCorpus`, worded as one sentence for the user, when `path` (a corpus folder,
    its corpus.yaml or any file of it) belongs to the installed bundled corpus. Every command
    and key that writes into a corpus asks this first."""
    if is_read_only(path):
        raise ReadOnlyCorpus(
            f"{shown_path(str(path))} is in the bundled corpus installed with the explorer, "
            f"which is read-only (a reinstall would replace it): {INIT_HINT}"
        )
