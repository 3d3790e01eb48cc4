"""Skeletons for a new source or node: commented YAML, printed or inserted where it belongs.

The insertion is `yaml_lines.plan_insertion`'s, as for a citation: the file is read once, the
skeleton goes in as lines of text (the user's comments, quoting and layout keep their bytes),
the result is read back before anything is written, and `Insertion.write` refuses a file that
changed since it was read.
"""

from __future__ import annotations

import re
from pathlib import Path

from explorer.analysis.queries import CorpusIndex
from explorer.checks.diagnostics import did_you_mean
from explorer.editing.yaml_lines import (
    Insertion,
    PlacementError,
    Route,
    find_mapping,
    plan_insertion,
)
from explorer.model import Corpus, Node
from explorer.paths import shown_path
from explorer.reading.located import Mapping, Value
from explorer.reading.yamlread import read_bytes

__all__ = [
    "Insertion",
    "ScaffoldError",
    "insert_node",
    "insert_source",
    "node_skeleton",
    "slugify",
    "source_skeleton",
    "unique_id",
]


class ScaffoldError(Exception):
    """The skeleton cannot be placed; the message says why, as a sentence."""


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "new"


def unique_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


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


def _read(path: Path) -> tuple[bytes, Value]:
    """The file's bytes, read once, and what they read as."""
    shown = shown_path(str(path))
    try:
        original = path.read_bytes()
    except OSError as error:
        raise ScaffoldError(f"{shown}: cannot be read ({error.strerror or error})") from None
    read = read_bytes(original, shown)
    if read.value is None:
        raise ScaffoldError(f"{shown}: fix its errors first ('explorer check')")
    return original, read.value


def _insert(
    path: Path, original: bytes, root: Value, found: tuple[Mapping, Route], key: str, item: str
) -> Insertion:
    try:
        return plan_insertion(path, original, root, found, key, item)
    except (PlacementError, UnicodeDecodeError) as error:
        raise ScaffoldError(str(error)) from None


def insert_source(corpus: Corpus, corpus_file: Path, seed_file: str) -> Insertion:
    """A new source for `seed_file`, last in `corpus_file`'s sources (nothing is written until
    the Insertion's `write`)."""
    skeleton = source_skeleton(corpus, seed_file)
    original, root = _read(corpus_file)
    if not isinstance(root, Mapping):
        raise ScaffoldError(
            f"{shown_path(str(corpus_file))}: fix its errors first ('explorer check')"
        )
    return _insert(corpus_file, original, root, (root, []), "sources", skeleton)


def insert_node(corpus: Corpus, parent_id: str) -> Insertion:
    """A new node, last among `parent_id`'s children (nothing is written until the Insertion's
    `write`)."""
    index = CorpusIndex(corpus)
    parent = index.nodes.get(parent_id)
    if parent is None:
        hint = did_you_mean(parent_id, index.nodes)
        raise ScaffoldError(f"no node '{parent_id}' in the corpus{hint}")
    if parent is corpus.trigger:
        raise ScaffoldError(
            "the trigger's children are the tree files: add a new tree file and list it in 'trees'"
        )
    skeleton = node_skeleton(corpus, parent)
    path = Path(parent.location.file)
    original, root = _read(path)
    at = (parent.location.line, parent.location.column)
    found = find_mapping(root, lambda mapping: (mapping.line, mapping.column) == at)
    if found is None:
        raise ScaffoldError(
            f"{shown_path(str(path))}: node '{parent_id}' was not found where it was read"
        )
    return _insert(path, original, root, found, "children", skeleton)
