"""Reading corpus.yaml: the corpus's own records, the tree files it lists, its seeds folder."""

from __future__ import annotations

from pathlib import Path

import attrs

from explorer.checks.diagnostics import Diagnostic
from explorer.model import Corpus, Location, Node, NodeKind, Person, Reference, Source
from explorer.reading.build import FileBuilder
from explorer.reading.locate import absolute_path
from explorer.reading.located import Interned, Limits, Scalar
from explorer.reading.schema import CORPUS
from explorer.reading.yamlread import read_file


@attrs.frozen(slots=True)
class CorpusFile:
    """What corpus.yaml holds, built: everything of the corpus but its trees and seeds."""

    display: str  # the file, as diagnostics name it (absolute)
    location: Location  # of its top-level mapping
    id: str
    title: str
    summary: str
    people: tuple[Person, ...]
    sources: tuple[Source, ...]
    references: tuple[Reference, ...]
    trigger: Node  # without its children, which the tree files hold
    trees: list[tuple[str, Scalar]]  # the tree files listed, each with where it is named
    seeds_folder: Path
    seeds_text: str  # the folder as 'seeds' names it ('' when it names none)
    seeds_named: Location | None  # where 'seeds' names a folder, when it does
    interned: Interned  # shared by every file of the corpus

    def corpus(self, folder: Path, roots: tuple[Node, ...], tree_files: tuple[str, ...]) -> Corpus:
        """The corpus, with these tree files' roots (read, or an outline's) under the trigger."""
        return Corpus(
            id=self.id,
            title=self.title,
            summary=self.summary,
            folder=folder,
            seeds_folder=self.seeds_folder,
            trigger=attrs.evolve(self.trigger, children=roots),
            tree_files=tree_files,
            people=self.people,
            sources=self.sources,
            location=self.location,
            references=self.references,
        )


def read_corpus_file(
    corpus_file: Path, limits: Limits
) -> tuple[CorpusFile | None, tuple[Diagnostic, ...]]:
    """corpus.yaml built, with what was found wrong in it; None when it could not be read."""
    folder = corpus_file.parent
    # Files are named by absolute paths, true from any folder (results are cached and shown
    # from elsewhere); they are made relative to the working folder only when shown.
    display = absolute_path(corpus_file)
    read = read_file(corpus_file, display, limits)
    if read.value is None:
        return None, read.diagnostics
    interned = Interned()
    builder = FileBuilder(display, interned)
    fields = builder.fields(read.value, CORPUS)
    if fields is None:
        return None, (*read.diagnostics, *builder.diagnostics)
    location = builder.location(read.value)
    trigger_value = fields.get("trigger")
    trigger = builder.node(trigger_value, allow_children=False) if trigger_value else None
    seeds_text = builder.text(fields, "seeds") or ""
    seeds_value = fields.get("seeds")
    built = CorpusFile(
        display=display,
        location=location,
        id=builder.text(fields, "id") or folder.name,
        title=builder.text(fields, "title") or folder.name,
        summary=builder.text(fields, "summary", required=False) or "",
        people=tuple(p for p in (builder.person(v) for v in builder.items(fields, "people")) if p),
        sources=tuple(
            s for s in (builder.source(v) for v in builder.items(fields, "sources")) if s
        ),
        references=tuple(
            r for r in (builder.reference(v) for v in builder.items(fields, "references")) if r
        ),
        trigger=trigger if trigger is not None else _no_trigger(location),
        trees=builder.file_names(fields, "trees"),
        seeds_folder=(folder / seeds_text).resolve() if seeds_text else folder,
        seeds_text=seeds_text,
        seeds_named=builder.location(seeds_value) if seeds_text and seeds_value else None,
        interned=interned,
    )
    return built, (*read.diagnostics, *builder.diagnostics)


def _no_trigger(location: Location) -> Node:
    """The root the trees hang from when corpus.yaml gives no trigger (its diagnostic says so)."""
    return Node(
        id="trigger",
        kind=NodeKind.EVENT,
        title="(no trigger)",
        claim="",
        tags=(),
        horizon=None,
        citations=(),
        children=(),
        see_also=(),
        location=location,
    )
