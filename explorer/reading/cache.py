"""The warm-start cache: what each tree file was read as, and what the per-tree checks found in
it, kept on disk for the next run; and, for a large corpus, the outline its tree shows first
(`explorer.analysis.outline`), kept under the fingerprint of every file its load read.

An entry is found by the SHA-256 of everything its content depends on: the explorer's own code,
the reading limits, the file's absolute path and its bytes (and, for findings, the sources and
the seeds' bytes). A changed file is a new key, so an entry can be missing, never stale. Entries
are plain JSON in an SQLite database (`explorer.reading.plain`), never pickles: whoever can write
the cache folder can make the explorer show wrong records at worst, not run code, and an entry
that is not what the explorer writes is a miss. One kind of entry is not found by content: the
digests of a corpus's files, kept by their status (size, times, inode) as git's index keeps them,
so that the next start need not read every file to know that none changed.

The database is $XDG_CACHE_HOME/scenario-explorer/trees.v2.sqlite3 (~/.cache/...); deleting it is
always safe. A cache that cannot be opened, read or written is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from explorer.analysis.outline import Outline
from explorer.checks.diagnostics import Diagnostic
from explorer.model import Node
from explorer.reading import plain
from explorer.reading.located import Limits
from explorer.reading.watch import Digest

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent.parent  # explorer/, from explorer/reading/
# A new layout of the tables takes a new file name: an old explorer's file is left as it was.
DATABASE = "trees.v2.sqlite3"
# Each file keeps only the entry of its last reading; past this many files, the oldest go.
KEEP_ENTRIES = 5_000
# A tree file's reading, the per-tree checks' findings, a large corpus's outline (its first
# levels), and the digests of a corpus's files by their status (`explorer.reading.watch`).
TABLES = ("trees", "findings", "outlines", "digests")


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scenario-explorer"


@functools.cache
def code_hash() -> str:
    """Every module of the explorer: any of them may change what a load gives."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        name = path.relative_to(_PACKAGE).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256(code_hash().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def tree_key(path: str, data_digest: bytes, limits: Limits) -> str:
    return key("tree", repr(limits), path, data_digest)


def digests_key(corpus_file: str) -> str:
    return key("digests", corpus_file)


def outline_key(corpus_file: str, files_fingerprint: str, limits: Limits) -> str:
    """An outline is kept for every file the load read exactly as it was: the fingerprint."""
    return key("outline", repr(limits), corpus_file, files_fingerprint)


class TreeStore:
    """The entries, in one SQLite database; every failure is a miss or a write not made.

    Used by one load at a time, from whichever thread loads."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or cache_folder()) / DATABASE
        self._connection: sqlite3.Connection | None = None
        self._broken = False
        # What this load found, encoded and written by `flush` (after the corpus is shown).
        self._trees: list[tuple[str, str, Node | None, tuple[Diagnostic, ...]]] = []
        self._findings: list[tuple[str, str, tuple[Diagnostic, ...]]] = []
        self._outlines: list[tuple[str, str, tuple[str, ...], Outline | None]] = []
        self._digests: list[tuple[str, dict[str, Digest]]] = []
        self._lock = threading.Lock()  # a flush in one thread, the next load in another

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=0.5, check_same_thread=False)
                with connection:
                    for table in TABLES:
                        connection.execute(
                            f"CREATE TABLE IF NOT EXISTS {table} "
                            "(key TEXT PRIMARY KEY, file TEXT NOT NULL, data TEXT NOT NULL)"
                        )
                self._connection = connection
            except (OSError, sqlite3.Error):
                self._broken = True  # not a folder, read-only, not a database: no cache
        return self._connection

    def _get(self, table: str, entry: str) -> str | None:
        with self._lock:
            connection = self._connect()
            if connection is None:
                return None
            try:
                row = connection.execute(
                    f"SELECT data FROM {table} WHERE key = ?", (entry,)
                ).fetchone()
            except sqlite3.Error:
                return None
        return row[0] if row is not None and isinstance(row[0], str) else None

    def tree(self, entry: str, path: str) -> tuple[Node | None, tuple[Diagnostic, ...]] | None:
        return self._decoded("trees", entry, lambda text: plain.decode(path, text))

    def findings(self, entry: str) -> tuple[Diagnostic, ...] | None:
        return self._decoded("findings", entry, plain.decode_diagnostics)

    def outline(self, entry: str) -> tuple[tuple[str, ...], Outline] | None:
        """The tree files and the outline kept under `entry` (see `outline_key`)."""
        return self._decoded("outlines", entry, plain.decode_outline)

    def digests(self, corpus_file: str) -> dict[str, Digest]:
        """The digests of the corpus's files an earlier run kept (none: an empty mapping)."""
        kept = self._decoded("digests", digests_key(corpus_file), plain.decode_digests)
        return kept or {}

    def has_outline(self, corpus_file: str) -> bool:
        """Whether an outline of the corpus is kept, for its files as they were at some time:
        asked first, as it costs no reading (most corpora are too small to have one)."""
        with self._lock:
            connection = self._connect()
            if connection is None:
                return False
            try:
                query = "SELECT 1 FROM outlines WHERE file = ? LIMIT 1"
                return connection.execute(query, (corpus_file,)).fetchone() is not None
            except sqlite3.Error:
                return False

    def _decoded(self, table: str, entry: str, decode: Callable[[str], T]) -> T | None:
        """The entry, decoded; None when there is none or it is not what this explorer writes."""
        text = self._get(table, entry)
        if text is None:
            return None
        try:
            return decode(text)
        except plain.NotPlain:
            return None

    def put_tree(
        self, entry: str, path: str, root: Node | None, diagnostics: tuple[Diagnostic, ...]
    ) -> None:
        if not self._broken:
            self._trees.append((entry, path, root, diagnostics))

    def put_findings(self, entry: str, path: str, found: tuple[Diagnostic, ...]) -> None:
        if not self._broken:
            self._findings.append((entry, path, found))

    def put_outline(
        self, entry: str, corpus_file: str, files: tuple[str, ...], outline: Outline | None
    ) -> None:
        """Keep a corpus's outline in place of its earlier one at the next flush (None: keep
        none: the corpus has become too small for one)."""
        if not self._broken:
            self._outlines.append((entry, corpus_file, files, outline))

    def put_digests(self, corpus_file: str, digests: dict[str, Digest]) -> None:
        """Keep the digests of the corpus's files in place of their earlier ones at the next
        flush."""
        if not self._broken:
            self._digests.append((corpus_file, digests))

    @property
    def pending(self) -> bool:
        return bool(self._trees or self._findings or self._outlines or self._digests)

    def _encoded(self) -> Iterator[tuple[str, str, str, str | None]]:
        trees, self._trees = self._trees, []
        findings, self._findings = self._findings, []
        outlines, self._outlines = self._outlines, []
        digests, self._digests = self._digests, []
        for entry, path, root, diagnostics in trees:
            yield "trees", entry, path, plain.encode(path, root, diagnostics)
        for entry, path, found in findings:
            yield "findings", entry, path, plain.encode_diagnostics(found)
        for entry, corpus_file, files, outline in outlines[-1:]:  # the last load's is enough
            data = plain.encode_outline(files, outline) if outline is not None else None
            yield "outlines", entry, corpus_file, data
        for corpus_file, kept in digests[-1:]:
            yield "digests", digests_key(corpus_file), corpus_file, plain.encode_digests(kept)

    def flush(self) -> None:
        """Write what the loads since the last flush found, in one transaction, each in place of
        its file's earlier entry; drop the oldest entries past KEEP_ENTRIES. Takes time at 100k
        nodes: run it once the corpus is shown."""
        with self._lock:
            if self.pending:
                self._write(list(self._encoded()))

    def _write(self, pending: list[tuple[str, str, str, str | None]]) -> None:
        connection = self._connect()
        if connection is None:
            return
        try:
            with connection:
                for table, entry, path, data in pending:
                    # The file's earlier readings go: edited a thousand times, a file of a
                    # thousand nodes would otherwise keep a thousand copies.
                    connection.execute(f"DELETE FROM {table} WHERE file = ?", (path,))
                    if data is not None:
                        connection.execute(
                            f"INSERT OR REPLACE INTO {table} (key, file, data) VALUES (?, ?, ?)",
                            (entry, path, data),
                        )
                for table in TABLES:
                    connection.execute(
                        f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} "
                        "ORDER BY rowid DESC LIMIT -1 OFFSET ?)",
                        (KEEP_ENTRIES,),
                    )
        except sqlite3.Error:
            return  # locked by another explorer, disk full: a cache is a convenience
