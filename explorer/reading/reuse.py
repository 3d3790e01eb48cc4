"""What one load read, kept for the next load of the same corpus: a reload reads every file again
but builds only those whose bytes changed.

A tree file whose bytes have the same SHA-256 as last time gives the same nodes and the same
diagnostics (the reader is deterministic, and locations name the file by its absolute path), so
the nodes built last time are reused as they are; an unchanged seed keeps its `SeedText` (and
what was worked out about it). The per-tree checks then reuse their findings for the trees and
seeds that are the same objects (`explorer.checks.by_tree`), and so do the checks across files
(ids, references, coverage), which read what each tree file contributes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import attrs

from explorer.analysis.quotes import SeedText
from explorer.checks.by_tree import CHECKS_GROUP, Inputs, TreeFindings
from explorer.checks.diagnostics import Diagnostic
from explorer.model import Node, Source
from explorer.reading.cache import TreeStore, key, tree_key
from explorer.reading.located import DEFAULT_LIMITS, Limits


@attrs.frozen(slots=True)
class TreeRead:
    digest: bytes  # SHA-256 of the file's bytes
    root: Node | None  # None when the file could not be read
    diagnostics: tuple[Diagnostic, ...]


@attrs.frozen(slots=True)
class SeedRead:
    digest: bytes
    seed: SeedText


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class Reuse:
    """Kept by whoever loads one corpus again and again (the explorer's live session); one load
    at a time. Each load replaces what is kept, so files no longer read are forgotten."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS, store: TreeStore | None = None) -> None:
        """`store`: the warm-start cache, asked for what is not held here (the first load)."""
        self.store = store
        self.forget(limits)
        self.trees_built = 0  # tree files built afresh, in all (tests and the bench look)

    def forget(self, limits: Limits) -> None:
        """Keep nothing: the next load reads everything afresh, under `limits`."""
        self.limits = limits
        self.trees: dict[str, TreeRead] = {}  # absolute path → what was read from it
        self.seeds: dict[str, SeedRead] = {}  # absolute path → the seed read from it
        self.findings = TreeFindings()

    def tree(self, path: str, data_digest: bytes) -> TreeRead | None:
        read = self.trees.get(path)
        if read is not None and read.digest == data_digest:
            return read
        if self.store is not None:
            stored = self.store.tree(tree_key(path, data_digest, self.limits), path)
            if stored is not None:
                return TreeRead(data_digest, *stored)
        return None

    def seed(self, path: str, data_digest: bytes) -> SeedText | None:
        read = self.seeds.get(path)
        return read.seed if read is not None and read.digest == data_digest else None

    def read_tree(
        self,
        path: str,
        data: bytes,
        build: Callable[[bytes], tuple[Node | None, tuple[Diagnostic, ...]]],
    ) -> TreeRead:
        """What the tree file at `path` holding `data` gives: kept from the last load (or the
        store) when its bytes are the same, else `build(data)`, which is then kept."""
        data_digest = digest(data)
        read = self.tree(path, data_digest)
        if read is None:
            read = TreeRead(data_digest, *build(data))
            self.built(path, read)
        return read

    def built(self, path: str, read: TreeRead) -> None:
        """A tree file was built afresh."""
        self.trees_built += 1
        if self.store is not None:
            self.store.put_tree(
                tree_key(path, read.digest, self.limits), path, read.root, read.diagnostics
            )

    def back_findings(
        self, trees: dict[str, TreeRead], seeds: dict[str, SeedRead], sources: tuple[Source, ...]
    ) -> None:
        """Let the per-tree checks find and keep their findings in the store, for this load's
        files: a tree's findings are keyed by its file and bytes, the sources and the seeds."""
        if self.store is None:
            return
        inputs = key(
            "inputs",
            *(f"{source.id}\0{source.seed}" for source in sources),
            *(f"{read.seed.name}\0{read.digest.hex()}" for read in seeds.values()),
        )
        entries = {
            id(read.root): (key("findings", tree_key(path, read.digest, self.limits), inputs), path)
            for path, read in trees.items()
            if read.root is not None
        }
        self.findings.backing = _StoredFindings(self.store, entries)


class _StoredFindings:
    def __init__(self, store: TreeStore, entries: dict[int, tuple[str, str]]) -> None:
        self._store = store
        # id of a tree's root (alive while validating) → its entry and its file
        self._entries = entries

    def _entry(self, root: Node, group: str, inputs: Inputs) -> tuple[str, str] | None:
        """The entry's key and the slot it takes: the store keeps one entry per slot, the file
        for the checks that always run, the file and the group for any other group."""
        entry = self._entries.get(id(root))
        if entry is None:
            return None
        slot = entry[1] if group == CHECKS_GROUP else f"{entry[1]}\0{group}"
        return key(entry[0], group, inputs.records_key), slot

    def stored(self, root: Node, group: str, inputs: Inputs) -> tuple[Diagnostic, ...] | None:
        entry = self._entry(root, group, inputs)
        return self._store.findings(entry[0]) if entry is not None else None

    def store(self, root: Node, group: str, inputs: Inputs, found: tuple[Diagnostic, ...]) -> None:
        entry = self._entry(root, group, inputs)
        if entry is not None:
            self._store.put_findings(*entry, found)
