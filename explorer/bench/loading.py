"""Load timing against the parse floor, and peak memory in fresh processes."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as FloorLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as FloorLoader  # type: ignore[assignment]


def timed(function: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def parse_floor(corpus_folder: Path) -> None:
    gc.freeze()
    gc.disable()
    try:
        for path in sorted(corpus_folder.glob("*.yaml")):
            with path.open("rb") as handle:
                yaml.load(handle, Loader=FloorLoader)
    finally:
        gc.enable()
        gc.unfreeze()


def our_load(corpus_folder: Path) -> None:
    from explorer.reading.load import load_corpus

    result = load_corpus(corpus_folder)
    assert result.corpus is not None and not result.errors, result.errors[:3]


def _peak_rss_mb(code: str) -> float:
    """Peak resident memory of a fresh interpreter running `code`, in MB.

    Read from VmHWM, which starts afresh at exec: ru_maxrss would carry over the parent's size
    from the fork, and this process holds the generated corpora."""
    probe = (
        code
        + "\nstatus = open('/proc/self/status').read().splitlines()"
        + "\nprint(next(l.split()[1] for l in status if l.startswith('VmHWM')))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return int(output.strip().splitlines()[-1]) / 1024


def memory_ratio(corpus_folder: Path) -> tuple[float, float, float]:
    baseline = _peak_rss_mb(
        "import yaml, explorer.reading.load, explorer.tui"
    )  # interpreter + imports
    floor = _peak_rss_mb(
        "import yaml, explorer.reading.load, explorer.tui\nfrom pathlib import Path\n"
        f"docs = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) "
        f"for p in sorted(Path({str(corpus_folder)!r}).glob('*.yaml'))]"
    )
    ours = _peak_rss_mb(
        "import yaml, explorer.reading.load, explorer.tui\nfrom pathlib import Path\n"
        f"r = explorer.reading.load.load_corpus(Path({str(corpus_folder)!r}))"
    )
    return (ours - baseline) / max(floor - baseline, 1e-9), ours, floor


# The times of the first frame composed on any screen, and of the first on the main screen (the
# corpus shown), taken where Textual composes frames: a Pilot pause waits for the app to be idle,
# which includes the load and the search index built after it.
