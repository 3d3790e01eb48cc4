"""Loading a corpus folder: corpus.yaml, its tree files and its seeds, then validation."""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from collections.abc import Mapping as MappingABC
from pathlib import Path

import attrs

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import SeedText
from explorer.checks.diagnostics import Diagnostic, sort_key
from explorer.checks.validate import validate
from explorer.model import Corpus, Location, Node, NodeKind, Source
from explorer.reading import fastread
from explorer.reading.build import FileBuilder
from explorer.reading.locate import CORPUS_FILE, absolute_path, find_corpora
from explorer.reading.located import DEFAULT_LIMITS, Interned, Limits, ReadResult, Scalar
from explorer.reading.reuse import Reuse, SeedRead, TreeRead, digest
from explorer.reading.schema import CORPUS
from explorer.reading.yaml_text import bytes_text, file_bytes
from explorer.reading.yamlread import read_file, read_text


@attrs.frozen(slots=True)
class LoadResult:
    corpus: Corpus | None  # None only when corpus.yaml itself could not be read
    diagnostics: tuple[Diagnostic, ...]
    seeds: MappingABC[str, SeedText]  # seed file name → its text, for every seed that was read

    @functools.cached_property
    def index(self) -> CorpusIndex | None:
        """The lookups over `corpus`, built once on first use and shared by every caller (its
        node tables are themselves built only when asked for)."""
        return CorpusIndex(self.corpus) if self.corpus is not None else None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


# Told, after each tree file, how many of how many tree files are read and the nodes built so far.
Progress = Callable[[int, int, int], None]


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
    with _collector_paused():
        if reuse is not None and reuse.limits != limits:  # read under other limits: may differ
            reuse.forget(limits)
        return _load_corpus_file(corpus_file, limits, reuse, progress)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_corpus_file(
    corpus_file: Path, limits: Limits, reuse: Reuse | None, progress: Progress | None
) -> LoadResult:
    folder = corpus_file.parent
    # Files are named by absolute paths, true from any folder (results are cached and shown
    # from elsewhere); they are made relative to the working folder only when shown.
    display = absolute_path(corpus_file)
    read = read_file(corpus_file, display, limits)
    diagnostics = list(read.diagnostics)
    if read.value is None:
        return LoadResult(None, tuple(diagnostics), {})
    interned = Interned()  # shared by every file of the corpus
    builder = FileBuilder(display, interned)
    fields = builder.fields(read.value, CORPUS)
    if fields is None:
        return LoadResult(None, (*diagnostics, *builder.diagnostics), {})

    people = tuple(p for p in (builder.person(v) for v in builder.items(fields, "people")) if p)
    sources = tuple(s for s in (builder.source(v) for v in builder.items(fields, "sources")) if s)
    references = tuple(
        r for r in (builder.reference(v) for v in builder.items(fields, "references")) if r
    )
    trigger_value = fields.get("trigger")
    trigger = builder.node(trigger_value, allow_children=False) if trigger_value else None
    tree_names = builder.file_names(fields, "trees")
    seeds_text = builder.text(fields, "seeds") or ""
    diagnostics.extend(builder.diagnostics)

    roots: list[Node] = []
    tree_files: list[str] = []
    causes: set[Diagnostic] = set()  # why a tree file could not be read
    trees_read: dict[str, TreeRead] = {}  # for `reuse`, by the next load
    nodes_built = 0
    for done, (name, at) in enumerate(tree_names, 1):
        node, file_diagnostics, tree_display = _load_tree(
            folder, name, at, display, limits, interned, reuse, trees_read
        )
        diagnostics.extend(file_diagnostics)
        if node is not None:
            roots.append(node)
            tree_files.append(tree_display)
        else:
            causes.update(file_diagnostics)
        if progress is not None:
            nodes_built += sum(1 for _ in node.walk()) if node is not None else 0
            progress(done, len(tree_names), nodes_built)
    diagnostics.extend(_unlisted_yaml(folder, {name for name, _ in tree_names}))

    seeds_folder = (folder / seeds_text).resolve() if seeds_text else folder
    seeds_value = fields.get("seeds")
    if seeds_text and not _exists(seeds_folder, Path.is_dir) and seeds_value is not None:
        diagnostics.append(
            Diagnostic(
                "E012",
                f"the seeds folder '{seeds_text}' does not exist (looked for {seeds_folder})",
                display,
                seeds_value.line,
                seeds_value.column,
            )
        )
    seeds_read: dict[str, SeedRead] = {}
    seeds, seed_diagnostics = _read_seeds(seeds_folder, sources, reuse, seeds_read)
    diagnostics.extend(seed_diagnostics)

    if trigger is None:
        trigger = Node(
            id="trigger",
            kind=NodeKind.EVENT,
            title="(no trigger)",
            claim="",
            tags=(),
            horizon=None,
            citations=(),
            children=(),
            see_also=(),
            location=Location(display, read.value.line, read.value.column),
        )
    corpus = Corpus(
        id=builder.text(fields, "id") or folder.name,
        title=builder.text(fields, "title") or folder.name,
        summary=builder.text(fields, "summary", required=False) or "",
        folder=folder,
        seeds_folder=seeds_folder,
        trigger=attrs.evolve(trigger, children=tuple(roots)),
        tree_files=tuple(tree_files),
        people=people,
        sources=sources,
        location=Location(display, read.value.line, read.value.column),
        references=references,
    )
    # When a tree file could not be read, "never cited" would only echo that error.
    complete = len(roots) == len(tree_names)
    findings = None
    if reuse is not None:
        reuse.back_findings(trees_read, seeds_read, sources)
        findings = reuse.findings
    diagnostics.extend(validate(corpus, seeds, complete=complete, findings=findings))
    if reuse is not None:
        reuse.trees, reuse.seeds = trees_read, seeds_read
    # What kept a tree file from being read comes first: the rest may follow from it.
    # The message last: two findings at one place are listed the same way every time.
    ordered = sorted(set(diagnostics), key=lambda d: (d not in causes, sort_key(d), d.message))
    return LoadResult(corpus, tuple(ordered), seeds)


def _exists(path: Path, test: Callable[[Path], bool]) -> bool:
    """`Path.is_file`/`is_dir`, but False where the system refuses the name (too long, say)."""
    try:
        return test(path)
    except OSError:
        return False


def _load_tree(
    folder: Path,
    name: str,
    at: Scalar,
    corpus_display: str,
    limits: Limits,
    interned: Interned,
    reuse: Reuse | None,
    trees_read: dict[str, TreeRead],
) -> tuple[Node | None, list[Diagnostic], str]:
    path = folder / name
    display = absolute_path(path)
    if not _exists(path, Path.is_file):
        return (
            None,
            [
                Diagnostic(
                    "E012",
                    f"the tree file '{name}' does not exist beside corpus.yaml",
                    corpus_display,
                    at.line,
                    at.column,
                )
            ],
            display,
        )
    if not path.resolve().is_relative_to(folder.resolve()):
        return (
            None,
            [
                Diagnostic(
                    "E013",
                    f"the tree file '{name}' links outside the corpus folder",
                    corpus_display,
                    at.line,
                    at.column,
                )
            ],
            display,
        )
    data = file_bytes(path, display, limits)
    if isinstance(data, ReadResult):
        return None, list(data.diagnostics), display
    if reuse is None:
        node, diagnostics = _read_tree(data, display, limits, interned)
        return node, diagnostics, display
    data_digest = digest(data)
    read = reuse.tree(display, data_digest)
    if read is None:
        node, diagnostics = _read_tree(data, display, limits, interned)
        read = TreeRead(data_digest, node, tuple(diagnostics))
        reuse.built(display, read)
    trees_read[display] = read
    return read.root, list(read.diagnostics), display


def _read_tree(
    data: bytes, display: str, limits: Limits, interned: Interned
) -> tuple[Node | None, list[Diagnostic]]:
    text = bytes_text(data, display, limits)
    if isinstance(text, ReadResult):
        return None, list(text.diagnostics)
    # A clean file is built straight from libyaml's nodes; anything else, or anything in doubt,
    # is read the strict way, which words every problem at its line.
    node = fastread.read_tree(data, text, display, limits, interned)
    if node is not None:
        return node, []
    del data
    read = read_text(text, display, limits)
    del text
    if read.value is None:
        return None, list(read.diagnostics)
    builder = FileBuilder(display, interned)
    node = builder.node(read.value)
    return node, [*read.diagnostics, *builder.diagnostics]


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


def _read_seeds(
    seeds_folder: Path,
    sources: tuple[Source, ...],
    reuse: Reuse | None,
    seeds_read: dict[str, SeedRead],
) -> tuple[dict[str, SeedText], list[Diagnostic]]:
    seeds: dict[str, SeedText] = {}
    diagnostics: list[Diagnostic] = []
    root = seeds_folder.resolve()
    for source in sources:
        name = source.seed
        if not name or name in seeds:
            continue
        at = source.location
        path = seeds_folder / name
        try:
            if not path.resolve().is_relative_to(root):
                diagnostics.append(
                    Diagnostic(
                        "E013",
                        f"the seed '{name}' of source '{source.id}' links outside the seeds folder",
                        at.file,
                        at.line,
                        at.column,
                    )
                )
                continue
            # Only a regular file: a FIFO or a device would block the read or never end.
            if path.exists() and not path.is_file():
                diagnostics.append(
                    Diagnostic(
                        "E012",
                        f"the seed '{name}' of source '{source.id}' is not a regular file",
                        at.file,
                        at.line,
                        at.column,
                    )
                )
                continue
            data = path.read_bytes()
        except OSError as error:
            reason = (
                "does not exist"
                if isinstance(error, FileNotFoundError)
                else (f"cannot be read ({error.strerror})")
            )
            diagnostics.append(
                Diagnostic(
                    "E012",
                    f"the seed '{name}' of source '{source.id}' {reason} "
                    f"in {absolute_path(seeds_folder)}",
                    at.file,
                    at.line,
                    at.column,
                )
            )
            continue
        if reuse is not None:
            key, data_digest = str(path), digest(data)
            kept = reuse.seed(key, data_digest)
            if kept is not None:
                seeds[name] = kept
                seeds_read[key] = SeedRead(data_digest, kept)
                continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            diagnostics.append(
                Diagnostic(
                    "E012",
                    f"the seed '{name}' of source '{source.id}' is not UTF-8 text "
                    f"(a bad byte at offset {error.start})",
                    at.file,
                    at.line,
                    at.column,
                )
            )
            continue
        seeds[name] = SeedText(name, text)
        if reuse is not None:
            seeds_read[key] = SeedRead(data_digest, seeds[name])
    return seeds, diagnostics
