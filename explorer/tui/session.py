"""The corpus file being explored and its loads: which load is on screen, which was the last,
and the fingerprint of the files it was read from, so that a reload happens only when one of
them changed (see `explorer.reading.watch`). `LiveCorpus` (tui/live.py) runs the loads."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from explorer.checks.diagnostics import Diagnostic
from explorer.reading.bundled import is_read_only
from explorer.reading.locate import CorpusNotFound, absolute_path, display_path, find_corpora
from explorer.reading.watch import (
    Digest,
    content_digest,
    corpus_files,
    fingerprint,
    held_still_for,
    kept_digests,
    known_digest,
    load_settled,
    trust_digests,
)
from explorer.tui.heap import freeze_loaded

# The loader and the model are imported where first used, in the loading thread: the first
# screen (the loading screen) is drawn without them.
if TYPE_CHECKING:
    from explorer.analysis.queries import CorpusIndex
    from explorer.model import Corpus, Source
    from explorer.reading.cache import TreeStore
    from explorer.reading.load import Progress
    from explorer.reading.result import LoadResult
    from explorer.reading.reuse import Reuse

SETTLE_INTERVAL = 0.15  # the files hold still at least this long before a reload's read is kept


@attrs.frozen(slots=True)
class Loaded:
    """One load: what was read, the fingerprint of the files it was read from, and — when it is
    to replace the corpus on screen — the index over it (built in the loading thread too)."""

    result: LoadResult
    fingerprint: str
    index: CorpusIndex | None

    @property
    def replaces(self) -> bool:
        return self.index is not None


class Session:
    """The corpus file being explored, the load on screen and the last load of all.

    `shown` is the first load that produced a corpus, then every later load without errors;
    `latest` is the last load, whatever it held. `read` runs in a worker thread, `accept` on the
    app's thread; the app runs them one load at a time.
    """

    def __init__(self, path: Path, load: Callable[[Path], LoadResult] | None = None) -> None:
        """`load`: how to read the corpus (by default `load_corpus`, the first time from the
        warm-start cache)."""
        self.corpus_file = find_corpora(path)[0]  # CorpusNotFound propagates: the CLI reports it
        self.where = display_path(self.corpus_file.parent)
        if is_read_only(self.corpus_file):  # the loading screen says so before `e` does
            self.where += " (the bundled copy: read-only)"
        self.load = load
        # Told how far the first load is, from the loading thread (the loading screen shows it).
        self.progress: Progress | None = None
        self.shown: LoadResult | None = None
        self.latest: LoadResult | None = None
        self.fingerprint: str | None = None
        self.settle_interval = SETTLE_INTERVAL
        # The files' fingerprint and index of the last load shown, until the cache keeps its
        # outline (`save_cache`).
        self._to_outline: tuple[str, CorpusIndex] | None = None
        # The files' digests the cache holds (None: not asked yet; see `_trust_kept_digests`).
        self._digests_kept: dict[str, Digest] | None = None

    @property
    def corpus(self) -> Corpus | None:
        """The corpus of the last load that produced one."""
        for result in (self.latest, self.shown):
            if result is not None and result.corpus is not None:
                return result.corpus
        return None

    def folders(self) -> list[Path]:
        """The folders to watch: the corpus's and its seeds folder, those that exist."""
        corpus = self.corpus
        found: list[Path] = []
        for folder in (self.corpus_file.parent, corpus.seeds_folder if corpus else None):
            if folder is not None and folder not in found and folder.is_dir():
                found.append(folder)
        return found

    def files(self, corpus: Corpus | None) -> list[Path]:
        """The files a load of the corpus reads: the YAML files and texts of its folders, and
        every seed it names (whatever its suffix)."""
        if corpus is None:
            return corpus_files(self.corpus_file.parent, None)
        return self._files_named(corpus.seeds_folder, corpus.sources)

    def _files_named(self, seeds_folder: Path, sources: Iterable[Source]) -> list[Path]:
        files = corpus_files(self.corpus_file.parent, seeds_folder)
        named = {seeds_folder / source.seed for source in sources if source.seed}
        # Regular files only: reading a named pipe would block for ever (the loader refuses
        # such a seed with a diagnostic; its absence here changes the fingerprint).
        return files + sorted(path for path in named - set(files) if _is_file(path))

    def take_fingerprint(self) -> str:
        return fingerprint(self.files(self.corpus))

    def held_still_for(self) -> float:
        """Seconds since the last change to the corpus's files and folders (0 when unknown)."""
        return held_still_for([*self.files(self.corpus), *self.folders()])

    def outline(self) -> tuple[LoadResult, CorpusIndex] | None:
        """In a thread, before the first load: the outline of the corpus the warm-start cache
        keeps for its files exactly as they are now, as a load without diagnostics over an
        `OutlineIndex` (its checks are not run: the load that follows runs them); None when
        the cache has none (a small corpus, a changed file, a first run)."""
        store = self.reuse.store if self.load is None and self.latest is None else None
        if store is None or not store.has_outline(str(self.corpus_file)):
            return None
        self._trust_kept_digests()
        from explorer.analysis.outline import OutlineIndex
        from explorer.reading.corpus_file import read_corpus_file
        from explorer.reading.located import DEFAULT_LIMITS
        from explorer.reading.result import LoadResult

        read, _ = read_corpus_file(self.corpus_file, DEFAULT_LIMITS)
        if read is None:
            return None
        files = fingerprint(self._files_named(read.seeds_folder, read.sources))
        kept = store.outline(self._outline_key(files))
        if kept is None:
            return None
        tree_files, outline = kept
        corpus = read.corpus(self.corpus_file.parent, outline.roots, tree_files)
        return LoadResult(corpus, (), {}), OutlineIndex(corpus, outline)

    def read(self, settle: bool = True) -> Loaded | None:
        """In a thread: load the corpus, unless no file changed since the last load (None)."""
        self._trust_kept_digests()
        loaded = load_settled(
            self._load_prepared,
            self.take_fingerprint,
            self.fingerprint,
            settle=settle,
            interval=self.settle_interval,
            held=self.held_still_for,
        )
        if loaded is None:
            return None
        (result, index), files_fingerprint = loaded
        if result.corpus is not None and self.files(result.corpus) != self.files(self.corpus):
            # The load names other files (the first load; a new seeds folder or seed): the
            # fingerprint that later changes are compared with must cover them, as the load read
            # them. A seed saved after the load read it then still counts as a change.
            files_fingerprint = fingerprint(self.files(result.corpus), self._digests_read())
        return Loaded(result, files_fingerprint, index)

    def _load_prepared(self) -> tuple[LoadResult, CorpusIndex | None]:
        """A load and, when it is to replace the corpus shown, its index with the node tables
        and the panels' lookups built (here, not on the app's thread). Built before the check
        that the files held still: a reload spends that wait idle otherwise."""
        result = self._load_once()
        replaces = result.corpus is not None and (self.shown is None or not result.errors)
        index = result.index if replaces else None
        # Frozen first: built right after a load that paused the collector, the lookups' tables
        # set off young collections that each walked the whole corpus just read.
        freeze_loaded()
        if index is not None:
            index.prepare_views()
        return result, index

    @functools.cached_property
    def reuse(self) -> Reuse:
        """What the last load read: a reload builds only the files that changed. Backed by the
        warm-start cache, which serves the first load the files read by an earlier run."""
        from explorer.reading.cache import TreeStore
        from explorer.reading.reuse import Reuse

        return Reuse(store=TreeStore())

    def _digests_read(self) -> dict[str, bytes]:
        """The SHA-256 of each file the last load read, by path (known when it read through
        `reuse`; a `load` of one's own reads without it, and the disk's digests stand in)."""
        if self.load is not None or "reuse" not in self.__dict__:
            return {}
        reuse = self.reuse
        read = {path: tree.digest for path, tree in reuse.trees.items()}
        read.update((path, seed.digest) for path, seed in reuse.seeds.items())
        return read

    def save_cache(self) -> None:
        """Write what the last load read to the warm-start cache (in a thread, once shown), and
        the outline of a large corpus shown (for the next start to show at once)."""
        store = self.reuse.store if self.load is None else None
        if store is None:
            return
        outlined, self._to_outline = self._to_outline, None
        if outlined is not None:
            from explorer.analysis.outline import OUTLINE_FROM, outline_of

            files, index = outlined
            corpus_file = str(self.corpus_file)
            kept = outline_of(index) if index.node_total >= OUTLINE_FROM else None
            # Below the threshold the corpus's earlier outline goes (it is not looked for); a
            # corpus that never had one writes nothing.
            if kept is not None or store.has_outline(corpus_file):
                entry = self._outline_key(files)
                store.put_outline(entry, corpus_file, index.corpus.tree_files, kept)
        self._keep_digests(store)
        store.flush()

    def _keep_digests(self, store: TreeStore) -> None:
        """The digests of the corpus's files, for the next start (when they changed)."""
        read = self.files(self.corpus)
        for path in read:  # a seed the load read was hashed by the load, not by `watch`
            if known_digest(path) is None:
                with contextlib.suppress(OSError):  # gone: the next start will find it so
                    content_digest(path)
        digests = kept_digests(read)
        if digests != self._digests_kept:
            store.put_digests(str(self.corpus_file), digests)
            self._digests_kept = digests

    def _trust_kept_digests(self) -> None:
        """Once, before the first fingerprint: the digests of the corpus's files the cache kept
        (`watch.trust_digests`), so that a start reads only the files changed since."""
        if self._digests_kept is not None:
            return
        store = self.reuse.store if self.load is None else None
        self._digests_kept = store.digests(str(self.corpus_file)) if store is not None else {}
        trust_digests(self._digests_kept)

    def _outline_key(self, files_fingerprint: str) -> str:
        from explorer.reading.cache import outline_key
        from explorer.reading.located import DEFAULT_LIMITS

        return outline_key(str(self.corpus_file), files_fingerprint, DEFAULT_LIMITS)

    def _load_once(self) -> LoadResult:
        from explorer.reading.load import load_corpus
        from explorer.reading.result import LoadResult

        progress = self.progress if self.latest is None else None
        load = self.load or partial(load_corpus, reuse=self.reuse, progress=progress)
        try:
            return load(self.corpus_file)
        except CorpusNotFound as error:  # corpus.yaml was removed (or renamed away)
            where = absolute_path(self.corpus_file)
            problem = Diagnostic("E012", f"cannot read the corpus: {error}", where)
            return LoadResult(None, (problem,), {})

    def accept(self, loaded: Loaded) -> None:
        self.latest = loaded.result
        self.fingerprint = loaded.fingerprint
        if loaded.replaces:
            self.shown = loaded.result
            assert loaded.index is not None
            self._to_outline = (loaded.fingerprint, loaded.index)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
