"""Loading a corpus folder: corpus.yaml, its tree files and its seeds, then validation."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Collection, Iterator
from pathlib import Path

from explorer.checks.diagnostics import Diagnostic, sort_key
from explorer.checks.validate import validate
from explorer.reading.corpus_file import read_corpus_file
from explorer.reading.locate import find_corpora
from explorer.reading.located import DEFAULT_LIMITS, Limits
from explorer.reading.result import LoadResult
from explorer.reading.reuse import Reuse, SeedRead
from explorer.reading.seeds import read_seeds, seeds_folder_missing
from explorer.reading.trees import Progress, read_trees

__all__ = ["LoadResult", "Progress", "load_corpus", "load_corpus_file"]


def load_corpus(
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    reuse: Reuse | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Load and validate the first corpus found at `path` (see `find_corpora`)."""
    return load_corpus_file(find_corpora(path)[0], limits, reuse, progress)


def load_corpus_file(
    corpus_file: Path,
    limits: Limits = DEFAULT_LIMITS,
    reuse: Reuse | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """`reuse`, when given, holds what the previous load of this corpus read: files whose bytes
    did not change are not built or checked again (the result is the same as without it), and
    it is updated with what this load read."""
    # Loading builds a large graph of objects that live on, none of them cyclic garbage; left on,
    # the cyclic collector walks that growing graph again and again (superlinear time).
    with collector_paused():
        if reuse is None:
            reuse = Reuse(limits)  # kept by no one: this load reads and checks everything
        elif reuse.limits != limits:  # read under other limits: may differ
            reuse.forget(limits)
        return _load_corpus_file(corpus_file, limits, reuse, progress)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while a large structure is built: all of it lives on, and each full
    collection would walk it for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_corpus_file(
    corpus_file: Path, limits: Limits, reuse: Reuse, progress: Progress | None
) -> LoadResult:
    read, diagnostics = read_corpus_file(corpus_file, limits)
    if read is None:
        return LoadResult(None, diagnostics, {})
    folder = corpus_file.parent
    trees = read_trees(folder, read.trees, read.display, limits, read.interned, reuse, progress)
    missing = seeds_folder_missing(read.seeds_folder, read.seeds_text, read.seeds_named)
    seeds_read: dict[str, SeedRead] = {}
    seeds, seed_diagnostics = read_seeds(read.seeds_folder, read.sources, reuse, seeds_read)
    corpus = read.corpus(folder, trees.roots, trees.files)
    reuse.back_findings(trees.read, seeds_read, read.sources)
    found = validate(corpus, seeds, complete=trees.complete, findings=reuse.findings)
    reuse.trees, reuse.seeds = trees.read, seeds_read
    every = {*diagnostics, *trees.diagnostics, *([missing] if missing else []), *seed_diagnostics}
    # What kept a tree file from being read comes first: the rest may follow from it.
    # The message last: two findings at one place are listed the same way every time.
    causes = trees.causes
    return LoadResult(corpus, _ordered(every.union(found), causes), seeds)


def _ordered(
    diagnostics: set[Diagnostic], causes: Collection[Diagnostic]
) -> tuple[Diagnostic, ...]:
    """What kept a tree file from being read first, then by place and rule; the message last."""
    if not causes:  # mostly none: the keys need no lookup (thousands of warnings, each hashed)
        return tuple(sorted(diagnostics, key=lambda d: (*sort_key(d), d.message)))
    return tuple(sorted(diagnostics, key=lambda d: (d not in causes, *sort_key(d), d.message)))
