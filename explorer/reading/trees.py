"""Reading the tree files corpus.yaml lists: each file once, kept from the last load where its
bytes did not change (`Reuse.read_tree`), built by the fast road where it can be."""

from __future__ import annotations

import copyreg
import functools
import gc
import operator
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from explorer.checks.diagnostics import Diagnostic
from explorer.model import (
    Citation,
    Location,
    Node,
    Outcome,
    PartialDate,
    QuoteEvidence,
    ReferenceEvidence,
)
from explorer.reading import fastread, pool
from explorer.reading.build import FileBuilder
from explorer.reading.locate import CORPUS_FILE, absolute_path
from explorer.reading.located import Interned, Limits, ReadResult, Scalar
from explorer.reading.reuse import Reuse, TreeRead, digest
from explorer.reading.watch import known_digest
from explorer.reading.yaml_text import bytes_text, file_bytes
from explorer.reading.yamlread import read_text

# Told, after each tree file, how many of how many tree files are read and the nodes built so far.
Progress = Callable[[int, int, int], None]


@attrs.frozen(slots=True)
class TreesRead:
    roots: tuple[Node, ...]  # of the files that could be read, in the order listed
    files: tuple[str, ...]  # those files, as diagnostics name them
    diagnostics: tuple[Diagnostic, ...]
    causes: frozenset[Diagnostic]  # why a tree file could not be read
    read: dict[str, TreeRead]  # what each file gave, for the next load (`Reuse.trees`)
    # Every listed file was read: else "never cited" would only echo why one was not.
    complete: bool


def read_trees(
    folder: Path,
    listed: list[tuple[str, Scalar]],
    corpus_display: str,
    limits: Limits,
    interned: Interned,
    reuse: Reuse,
    progress: Progress | None = None,
) -> TreesRead:
    """Every tree file `listed` in corpus.yaml (named there at each `Scalar`), and a warning
    for each YAML file beside it that is not listed.

    The files to build are built in worker processes when that pays (`pool.worth_a_pool`); the
    result is the same either way, and each file's is taken in the order listed."""
    files = [
        _TreeFile(folder, name, Location(corpus_display, at.line, at.column)) for name, at in listed
    ]
    # With cores to spare, a first look finds what is to be built, and the pool builds it if that
    # pays; on one core each file is read and built in turn, as it always was.
    looks = [file.first_look(limits, reuse) for file in files] if pool.cores() >= 2 else []
    jobs = _jobs(files, looks, limits) if looks else None
    roots: list[Node] = []
    displays: list[str] = []
    diagnostics: list[Diagnostic] = []
    causes: set[Diagnostic] = set()
    read: dict[str, TreeRead] = {}
    nodes_built = 0
    try:
        for done, file in enumerate(files, 1):
            tree, kept = file.result(
                looks[done - 1] if looks else None, limits, interned, reuse, jobs
            )
            if kept:
                read[file.display] = tree
            diagnostics.extend(tree.diagnostics)
            if tree.root is not None:
                roots.append(tree.root)
                displays.append(file.display)
            else:
                causes.update(tree.diagnostics)
            if progress is not None:
                nodes_built += sum(1 for _ in tree.root.walk()) if tree.root is not None else 0
                progress(done, len(listed), nodes_built)
    finally:
        if jobs is not None:
            jobs.cancel()  # abandoned midway (a progress report stopped it): nothing more to build
    diagnostics.extend(_unlisted_yaml(folder, {name for name, _ in listed}))
    return TreesRead(
        tuple(roots),
        tuple(displays),
        tuple(diagnostics),
        frozenset(causes),
        read,
        complete=len(roots) == len(listed),
    )


# A tree built elsewhere, with what was found wrong in it.
Built = tuple[Node | None, tuple[Diagnostic, ...]]


@attrs.define(slots=True)
class _Unbuilt:
    """A tree file found to need building."""

    digest: bytes  # of the bytes it was found to hold
    size: int
    job: int | None = None  # its number in the pool, when the pool builds it


# What a first look at a file found: what it gives and whether to keep it for the next load, or
# that it is to be built.
Look = tuple[TreeRead, bool] | _Unbuilt


def _jobs(
    files: list[_TreeFile], looks: list[Look], limits: Limits
) -> pool.OrderedJobs[Built | None] | None:
    """The pool's jobs building the files `looks` found unbuilt, when there are enough to pay for
    a pool (a reload or a warm start that builds one file or none uses none)."""
    unbuilt = [
        (file, look) for file, look in zip(files, looks, strict=True) if isinstance(look, _Unbuilt)
    ]
    if not pool.worth_a_pool(len(unbuilt), sum(look.size for _, look in unbuilt)):
        return None

    def here(path: str, display: str, data_digest: bytes, limits: Limits) -> Built | None:
        return None  # what the pool could not build is read again by `_TreeFile.result`

    executor = pool.shared_executor()
    if executor is None:
        return None
    jobs = pool.OrderedJobs(executor, build_file, here)
    for file, look in unbuilt:
        look.job = jobs.add(str(file.path), file.display, look.digest, limits)
    return jobs


@attrs.frozen(slots=True)
class _TreeFile:
    folder: Path
    name: str
    named_at: Location

    @property
    def path(self) -> Path:
        return self.folder / self.name

    @functools.cached_property
    def display(self) -> str:
        return absolute_path(self.path)

    def _refusal(self) -> tuple[TreeRead, bool] | None:
        """What the file gives when it is refused by name; None when it is not."""
        refused = _refused(self.folder, self.name, self.named_at)
        return (TreeRead(b"", None, (refused,)), False) if refused is not None else None

    def _read(self, limits: Limits) -> bytes | tuple[TreeRead, bool]:
        """The file's bytes, or what it gives when it cannot be read."""
        data = file_bytes(self.path, self.display, limits)
        if isinstance(data, ReadResult):
            return TreeRead(b"", None, data.diagnostics), False
        return data

    def _bytes(self, limits: Limits) -> bytes | tuple[TreeRead, bool]:
        """The file's bytes, or what it gives when it is refused by name or cannot be read."""
        return self._refusal() or self._read(limits)

    def first_look(self, limits: Limits, reuse: Reuse) -> Look:
        """What the file gives without building it (refused, unreadable, kept from the last
        load), or that it is to be built."""
        refusal = self._refusal()
        if refusal is not None:
            return refusal
        # Hashed by the fingerprint taken before this load, and unchanged since: what was kept
        # for those bytes is found without reading them again.
        known = known_digest(self.path)
        kept = reuse.tree(self.display, known) if known is not None else None
        if kept is not None:
            return kept, True
        data = self._read(limits)
        if isinstance(data, tuple):
            return data
        data_digest = digest(data)
        kept = reuse.tree(self.display, data_digest)
        # Its bytes are not kept: a worker reads them again, and a whole corpus held here would
        # double the memory a load takes.
        return (kept, True) if kept is not None else _Unbuilt(data_digest, len(data))

    def result(
        self,
        look: Look | None,
        limits: Limits,
        interned: Interned,
        reuse: Reuse,
        jobs: pool.OrderedJobs[Built | None] | None,
    ) -> tuple[TreeRead, bool]:
        """What the file gives, and whether to keep it for the next load."""
        if isinstance(look, tuple):
            return look
        if isinstance(look, _Unbuilt) and look.job is not None and jobs is not None:
            built = jobs.take(look.job)
            if built is not None:
                tree = TreeRead(look.digest, *built)
                reuse.built(self.display, tree)
                return tree, True
        # Read here: on one core, too little to build for the pool, or the pool could not build
        # it (the file changed since its first look, or a worker failed).
        data = self._bytes(limits)
        if isinstance(data, tuple):
            return data
        build = functools.partial(
            build_tree, display=self.display, limits=limits, interned=interned
        )
        return reuse.read_tree(self.display, data, build), True


def build_file(path: str, display: str, data_digest: bytes, limits: Limits) -> Built | None:
    """In a worker: the tree the file at `path` holds and its diagnostics; None when its bytes
    are no longer those whose SHA-256 is `data_digest` (it changed since the load looked) or
    cannot be read. The pool sends the result back pickled: `_pickle_by_constructor`."""
    _pickle_by_constructor()
    data = file_bytes(Path(path), display, limits)
    if isinstance(data, ReadResult) or digest(data) != data_digest:
        return None
    was_enabled = gc.isenabled()
    gc.disable()  # the tree is all alive until sent: nothing for the collector to find
    try:
        return build_tree(data, display, limits, Interned())
    finally:
        if was_enabled:
            gc.enable()


@functools.cache
def _pickle_by_constructor() -> None:
    """Pickle a tree's records (in the worker that sends them) as calls of their classes with
    their fields, which unpickle in about half the time attrs' own state takes (a new object,
    then each field set); locations by their file's maker. Diagnostic keeps attrs' way: its
    constructor converts the message."""
    for record in (Node, Citation, Outcome, QuoteEvidence, ReferenceEvidence, PartialDate):
        copyreg.pickle(record, _by_constructor(record))
    copyreg.pickle(Location, lambda location: (_located, location.__reduce__()[1]))


def _by_constructor(record: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    # Each field is positional, in this order (`plain.layout` refuses a model class otherwise).
    fields = operator.attrgetter(*[field.name for field in attrs.fields(record)])
    if len(attrs.fields(record)) == 1:
        return lambda value: (record, (fields(value),))
    return lambda value: (record, fields(value))


_makers: dict[str, Callable[[int, int], Location]] = {}


def _located(file: str, line: int, column: int) -> Location:
    """`Location(file, line, column)` in less time, for the many locations of a tree's files."""
    make = _makers.get(file)
    if make is None:
        make = _makers[file] = Location.maker(file)
    return make(line, column)


def _refused(folder: Path, name: str, named_at: Location) -> Diagnostic | None:
    path = folder / name
    if not exists(path, Path.is_file):
        message = f"the tree file '{name}' does not exist beside corpus.yaml"
        return Diagnostic.at("E012", message, named_at)
    if not path.resolve().is_relative_to(folder.resolve()):
        message = f"the tree file '{name}' links outside the corpus folder"
        return Diagnostic.at("E013", message, named_at)
    return None


def exists(path: Path, test: Callable[[Path], bool]) -> bool:
    """`Path.is_file`/`is_dir`, but False where the system refuses the name (too long, say)."""
    try:
        return test(path)
    except OSError:
        return False


def build_tree(
    data: bytes, display: str, limits: Limits, interned: Interned
) -> tuple[Node | None, tuple[Diagnostic, ...]]:
    """The tree a file's bytes hold, with what was found wrong in it (None when unreadable)."""
    text = bytes_text(data, display, limits)
    if isinstance(text, ReadResult):
        return None, text.diagnostics
    # A clean file is built straight from libyaml's nodes; anything else, or anything in doubt,
    # is read the strict way, which words every problem at its line.
    node = fastread.read_tree(data, text, display, limits, interned)
    if node is not None:
        return node, ()
    read = read_text(text, display, limits)
    del text
    if read.value is None:
        return None, read.diagnostics
    builder = FileBuilder(display, interned)
    node = builder.node(read.value)
    return node, (*read.diagnostics, *builder.diagnostics)


def _unlisted_yaml(folder: Path, listed: set[str]) -> list[Diagnostic]:
    result = []
    for path in sorted(folder.glob("*.y*ml")):
        if (
            path.suffix in (".yaml", ".yml")
            and path.name != CORPUS_FILE
            and path.name not in listed
        ):
            result.append(
                Diagnostic(
                    "W105",
                    f"'{path.name}' is not listed in 'trees' of corpus.yaml, so it is not read",
                    absolute_path(path),
                )
            )
    return result
