"""Knowing when a corpus's files changed and have settled, so a reload reads whole files.

Editors save in steps (write a temp file, rename, touch), so a change notice may arrive while a
file is half written. A reload keeps what it read only when two fingerprints of the corpus's
files, one taken before the read and one after it, are equal, and the files held still for a
short time in all: counted from their last change as the file system dates it
(`held_still_for`), or, where those dates cannot be trusted, from the first fingerprint.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

WATCHED_SUFFIXES = frozenset({".yaml", ".yml", ".txt"})

T = TypeVar("T")


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


# A file's content hash, kept while its status (size, times, inode) stays the same, in this run
# and, through the warm-start cache, the next: a large corpus is fingerprinted several times a
# reload, and once before its outline is shown (47 MB at 100k nodes). As git does for its index, a
# file changed within RACY_SECONDS of the look is hashed again anyway: a rewrite of the same size
# within one tick of the file system's clock leaves the status as it was.
RACY_SECONDS = 2.0
Digest = tuple[tuple[int, ...], bytes]  # a file's status key and the SHA-256 of its bytes
known_digests: dict[str, Digest] = {}


def fingerprint(files: Iterable[Path], read: Mapping[str, bytes] | None = None) -> str:
    """A hash of the files' names and contents; a file that cannot be read counts as its error.
    `read`: the SHA-256 of files as a load read them (by path), used instead of the disk's."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            known = read.get(str(path)) if read is not None else None
            digest.update(known if known is not None else content_digest(path))
        except OSError as error:
            digest.update(f"unreadable: {error.errno}".encode())
    return digest.hexdigest()


STATUS_FIELDS = 5  # in a status key


def _status_key(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _kept_digest(name: str, key: tuple[int, ...]) -> bytes | None:
    known = known_digests.get(name)
    return known[1] if known is not None and known[0] == key else None


def known_digest(path: Path) -> bytes | None:
    """The SHA-256 `content_digest` last found for the file, if its status has not changed
    since (the file is not read); None when it has, or was never hashed or kept."""
    try:
        key = _status_key(path.stat())
    except OSError:
        return None
    return _kept_digest(str(path), key)


def kept_digests(paths: Iterable[Path]) -> dict[str, Digest]:
    """The digests known for these files (settled when hashed: see RACY_SECONDS), by path: the
    warm-start cache keeps them for the next run."""
    kept = ((str(path), known_digests.get(str(path))) for path in paths)
    return {name: digest for name, digest in kept if digest is not None}


def trust_digests(kept: Mapping[str, Digest]) -> None:
    """Take the digests an earlier run kept (`kept_digests`). As those found here, each is used
    only while its file's status is the one it was hashed with; a file changed since, by any
    program, has another change time at least, and is hashed again."""
    for name, digest in kept.items():
        known_digests.setdefault(name, digest)


def content_digest(path: Path) -> bytes:
    """SHA-256 of the file's bytes (OSError when it cannot be read)."""
    name = str(path)
    status = path.stat()
    key = _status_key(status)
    kept = _kept_digest(name, key)
    if kept is not None:
        return kept
    found = hashlib.sha256(path.read_bytes()).digest()
    settled = time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > RACY_SECONDS * 1e9
    if settled:
        known_digests[name] = (key, found)
    else:
        known_digests.pop(name, None)
    return found


_CLOCK_REALTIME_COARSE = 5  # <linux/time.h>; Python's time module does not name it


def _change_time_slack() -> float:
    """How far a change's time as the file system records it may trail the change: Linux dates
    files by its coarse clock, one tick (its resolution) at most; elsewhere 10 ms is assumed."""
    if sys.platform == "linux":
        try:
            return time.clock_getres(_CLOCK_REALTIME_COARSE)
        except OSError:
            pass
    return 0.01


CHANGE_TIME_SLACK = _change_time_slack()


def held_still_for(paths: Iterable[Path], now: Callable[[], int] = time.time_ns) -> float:
    """Seconds since the last change to any of the paths (files, or folders for files added,
    removed or renamed), by their status change times; 0 when one cannot be trusted."""
    newest = None
    for path in paths:
        try:
            changed = path.stat().st_ctime_ns
        except OSError:
            continue  # a missing file's absence is in the fingerprint; its folder's time here
        if changed % 1_000_000_000 == 0:
            # Taken for a file system that keeps whole seconds (FAT, some network shares),
            # where a change half a second ago would look up to a second older.
            return 0.0
        newest = changed if newest is None else max(newest, changed)
    if newest is None:
        return 0.0
    return max((now() - newest) / 1e9 - CHANGE_TIME_SLACK, 0.0)


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


def load_settled(
    load: Callable[[], T],
    take: Callable[[], str],
    known: str | None = None,
    *,
    settle: bool = True,
    attempts: int = 3,
    interval: float = 0.15,
    timeout: float = 5.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    held: Callable[[], float] = lambda: 0.0,
) -> tuple[T, str] | None:
    """Load from files that hold still; None when they are as they were at the `known` fingerprint.

    The fingerprint is taken before the load and again after it; when the two differ (a save
    landed while the files were read), wait until the files hold still and load again, at most
    `attempts` loads in all. With `settle`, the second fingerprint is taken once the files have
    held still for `interval`: `held()`, asked right after the first fingerprint, says for how
    long they had already (0 when unknown), and the load's own time counts. So what is returned
    was read between two equal fingerprints with no change for that long before the second: a
    file caught half written, with its writer still at work, is read again. Returns the result
    and the fingerprint of the files it was read from; when they never held still, the one taken
    before the last load, so that a later check still sees a change and loads again.
    """
    current = take()
    if current == known:
        return None
    for attempt in range(1, max(attempts, 1) + 1):
        still = max(held(), 0.0) if settle else 0.0
        started = clock()
        result = load()
        if settle and (left := interval - still - (clock() - started)) > 0:
            sleep(left)  # a load quicker than `interval` does not shorten the check
        if take() == current:
            break
        if attempt < attempts:
            current = wait_until_stable(take, interval=interval, timeout=timeout, sleep=sleep)
    return result, current
