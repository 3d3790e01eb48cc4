"""Knowing when a corpus's files changed and have settled, so a reload reads whole files.

Editors save in steps (write a temp file, rename, touch), so a change notice may arrive while a
file is half written. A reload waits until two fingerprints of the corpus's files, taken a short
time apart, are equal.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path

WATCHED_SUFFIXES = frozenset({".yaml", ".yml", ".txt"})


def corpus_files(folder: Path, seeds_folder: Path | None) -> list[Path]:
    """The files a corpus is read from: its YAML files, and the texts in its seeds folder."""
    files: list[Path] = []
    for base in (folder, seeds_folder):
        if base is None or not base.is_dir():
            continue
        try:
            files.extend(
                p for p in sorted(base.iterdir()) if p.suffix in WATCHED_SUFFIXES and p.is_file()
            )
        except OSError:
            continue
    return files


def fingerprint(files: Iterable[Path]) -> str:
    """A hash of the files' names and contents; a file that cannot be read counts as its error."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as error:
            digest.update(f"unreadable: {error.errno}".encode())
    return digest.hexdigest()


def wait_until_stable(
    take: Callable[[], str],
    *,
    interval: float = 0.15,
    timeout: float = 5.0,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Take fingerprints `interval` apart until two in a row agree (or `timeout` passes)."""
    previous = take()
    waited = 0.0
    while waited < timeout:
        sleep(interval)
        waited += interval
        current = take()
        if current == previous:
            return current
        previous = current
    return previous
