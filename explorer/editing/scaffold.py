"""Skeletons for a new source or node: commented YAML, printed or inserted where it belongs.

Insertion works on the text, not by re-dumping the YAML, so the user's comments, quoting and
layout are kept exactly; the located reader says where each block starts, and block indentation
says where it ends.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from explorer.analysis.queries import CorpusIndex
from explorer.checks.diagnostics import did_you_mean
from explorer.editing.atomic import Fingerprint, write_atomic
from explorer.model import Corpus, Node
from explorer.reading.bundled import ensure_writable
from explorer.reading.located import Mapping, Scalar, Sequence
from explorer.reading.yamlread import read_file


class ScaffoldError(Exception):
    """The skeleton cannot be placed; the message says why, as a sentence."""


@attrs.frozen(slots=True)
class Insertion:
    path: Path
    line: int  # 1-based line the skeleton goes before (len(lines) + 1 to append)
    text: str  # the skeleton, indented for its place, ending in a newline

    def apply(self, original: str) -> str:
        lines = original.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        index = self.line - 1
        return "".join(lines[:index]) + self.text + "".join(lines[index:])

    def write(self) -> None:
        """Insert the skeleton into the file, atomically. Raises ReadOnlyCorpus in the installed
        bundled corpus, FileChanged if the file changed between its read and the write."""
        ensure_writable(self.path)
        original = self.path.read_bytes()
        write_atomic(
            self.path, self.apply(original.decode("utf-8")), expected=Fingerprint.of(original)
        )


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "new"


def unique_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _indent(block: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in block.splitlines(True))


def source_skeleton(corpus: Corpus, seed_file: str) -> str:
    """A `- id: …` source entry for a seed file, indented by zero (the caller indents it)."""
    if "/" in seed_file or "\\" in seed_file:
        raise ScaffoldError(f"'{seed_file}': name a file inside the seeds folder, without folders")
    if not (corpus.seeds_folder / seed_file).is_file():
        raise ScaffoldError(f"'{seed_file}' is not in the seeds folder {corpus.seeds_folder}")
    taken = {s.id for s in corpus.sources}
    source_id = unique_id(slugify(Path(seed_file).stem), taken)
    return (
        f"- id: {source_id}                 # a slug, unique among sources\n"
        "  title: Title of the document\n"
        "  outlet: Where it was published\n"
        "  published: 2020-01            # YYYY, YYYY-MM or YYYY-MM-DD\n"
        "  # published_note: how the date was established, when it is partial\n"
        "  # url: https://…\n"
        "  authors: []                   # person ids; [] when no author is established\n"
        f"  seed: {seed_file}\n"
        "  kind: analysis                # opinion | analysis | news\n"
    )


def node_skeleton(corpus: Corpus, parent: Node) -> str:
    index = CorpusIndex(corpus)
    node_id = unique_id(f"{parent.id}-new", set(index.nodes))
    source = corpus.sources[0].id if corpus.sources else "SOURCE-ID"
    choices = ", ".join(s.id for s in corpus.sources) or "none yet"
    return (
        f"- id: {node_id}              # a slug, unique in the corpus\n"
        "  kind: event                # event | question (a question needs two or more children)\n"
        "  title: A short title\n"
        "  claim: One or two sentences, in your own words.\n"
        "  tags: []\n"
        "  citations:\n"
        f"    - source: {source}      # one of: {choices}\n"
        '      quote: "Words copied exactly from the seed"\n'
        "      stance: predicts       # predicts | warns | recommends | doubts | explains\n"
        "      # likelihood: could    # the author's own hedge word, if the quote has one\n"
    )


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _block_end(lines: list[str], start: int, column: int) -> int:
    """1-based line after a block whose keys sit at `column` (1-based) and which starts at
    `start`: the first later line, not blank or a comment, indented less than the keys."""
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if len(text) - len(stripped) < column - 1:
            return _back_over_blanks(lines, number)
    return len(lines) + 1


def _back_over_blanks(lines: list[str], number: int) -> int:
    while number > 1 and not lines[number - 2].strip():
        number -= 1
    return number


def _key(mapping: Mapping, name: str) -> tuple[Scalar, object] | None:
    for key, value in mapping.items:
        if key.value == name:
            return key, value
    return None


def _list_insertion(path: Path, mapping: Mapping, key_name: str, skeleton: str) -> Insertion:
    """Append `skeleton` as the last item of the block list `key_name` in `mapping`."""
    lines = _lines(path)
    found = _key(mapping, key_name)
    if found is None:
        end = _block_end(lines, mapping.line, mapping.column)
        text = _indent(f"{key_name}:\n" + _indent(skeleton, 2), mapping.column - 1)
        return Insertion(path, end, text)
    key, value = found
    if not isinstance(value, Sequence) or (value.items and value.line == key.line):
        raise ScaffoldError(
            f"{path}:{key.line}:{key.column}: '{key_name}' is not a block list; "
            "write it as one item per line ('- ...') to append to it"
        )
    if not value.items:
        raise ScaffoldError(
            f"{path}:{key.line}:{key.column}: '{key_name}' is empty; "
            "add the first item by hand, then append"
        )
    first = value.items[0]
    item_column = first.column  # where the item's keys start; its dash is two to the left
    last = value.items[-1]
    end = _block_end(lines, last.line, item_column)
    return Insertion(path, end, _indent(skeleton, item_column - 3))


def insert_source(corpus: Corpus, corpus_file: Path, seed_file: str) -> Insertion:
    read = read_file(corpus_file, str(corpus_file))
    if not isinstance(read.value, Mapping):
        raise ScaffoldError(f"{corpus_file}: fix its errors first ('explorer check')")
    return _list_insertion(corpus_file, read.value, "sources", source_skeleton(corpus, seed_file))


def insert_node(corpus: Corpus, parent_id: str) -> Insertion:
    index = CorpusIndex(corpus)
    parent = index.nodes.get(parent_id)
    if parent is None:
        hint = did_you_mean(parent_id, index.nodes)
        raise ScaffoldError(f"no node '{parent_id}' in the corpus{hint}")
    if parent is corpus.trigger:
        raise ScaffoldError(
            "the trigger's children are the tree files: add a new tree file and list it in 'trees'"
        )
    path = Path(parent.location.file)
    read = read_file(path, str(path))
    if read.value is None:
        raise ScaffoldError(f"{path}: fix its errors first ('explorer check')")
    mapping = _mapping_at(read.value, parent.location.line, parent.location.column)
    if mapping is None:
        raise ScaffoldError(f"{path}: node '{parent_id}' was not found where it was read")
    return _list_insertion(path, mapping, "children", node_skeleton(corpus, parent))


def _mapping_at(value: Mapping | Sequence | Scalar, line: int, column: int) -> Mapping | None:
    stack: list[Mapping | Sequence | Scalar] = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, Mapping):
            if (current.line, current.column) == (line, column):
                return current
            stack.extend(item for _, item in current.items)
        elif isinstance(current, Sequence):
            stack.extend(current.items)
    return None
