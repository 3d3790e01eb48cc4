"""Reading the tree files corpus.yaml lists: each file once, kept from the last load where its
bytes did not change (`Reuse.read_tree`), built by the fast road where it can be."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import attrs

from explorer.checks.diagnostics import Diagnostic
from explorer.model import Location, Node
from explorer.reading import fastread
from explorer.reading.build import FileBuilder
from explorer.reading.locate import CORPUS_FILE, absolute_path
from explorer.reading.located import Interned, Limits, ReadResult, Scalar
from explorer.reading.reuse import Reuse, TreeRead
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
    for each YAML file beside it that is not listed."""
    roots: list[Node] = []
    files: list[str] = []
    diagnostics: list[Diagnostic] = []
    causes: set[Diagnostic] = set()
    read: dict[str, TreeRead] = {}
    nodes_built = 0
    for done, (name, at) in enumerate(listed, 1):
        path = folder / name
        display = absolute_path(path)
        refused = _refused(folder, name, Location(corpus_display, at.line, at.column))
        if refused is not None:
            tree = TreeRead(b"", None, (refused,))
        else:
            data = file_bytes(path, display, limits)
            if isinstance(data, ReadResult):
                tree = TreeRead(b"", None, data.diagnostics)
            else:
                build = functools.partial(
                    build_tree, display=display, limits=limits, interned=interned
                )
                tree = reuse.read_tree(display, data, build)
                read[display] = tree
        diagnostics.extend(tree.diagnostics)
        if tree.root is not None:
            roots.append(tree.root)
            files.append(display)
        else:
            causes.update(tree.diagnostics)
        if progress is not None:
            nodes_built += sum(1 for _ in tree.root.walk()) if tree.root is not None else 0
            progress(done, len(listed), nodes_built)
    diagnostics.extend(_unlisted_yaml(folder, {name for name, _ in listed}))
    return TreesRead(
        tuple(roots),
        tuple(files),
        tuple(diagnostics),
        frozenset(causes),
        read,
        complete=len(roots) == len(listed),
    )


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
