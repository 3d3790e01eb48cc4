"""What the checks found in each tree file, and what each file contributes to the checks across
files, kept from one load to the next.

Every check but those across files reads only the nodes of one tree file, the corpus's records
(people, sources, references) and the seeds' texts. A reload that reuses a tree file's nodes
unchanged (the same objects: see `explorer.reading.reuse`) and finds the same records and the
same seed texts reuses that file's findings instead of checking it again, and its summary
(`explorer.checks.summary`) for the checks across files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import Protocol

import attrs

from explorer.analysis.quotes import SeedText
from explorer.checks.diagnostics import Diagnostic
from explorer.checks.summary import Summary
from explorer.model import Corpus, Node, Person, Reference, Source


@attrs.frozen(slots=True, eq=False)
class Inputs:
    """What the per-tree checks read besides the tree: compared by identity for the seeds (a
    reload reuses the SeedText of an unchanged seed file) and by value for the records."""

    people: tuple[Person, ...]
    sources: tuple[Source, ...]
    references: tuple[Reference, ...]
    seeds: tuple[tuple[str, SeedText], ...]

    @classmethod
    def of(cls, corpus: Corpus, seeds: Mapping[str, SeedText]) -> Inputs:
        return cls(
            corpus.people,
            corpus.sources,
            corpus.references,
            tuple(sorted(seeds.items(), key=lambda item: item[0])),
        )

    def same_as(self, other: Inputs) -> bool:
        return (
            self.people == other.people
            and self.sources == other.sources
            and self.references == other.references
            and len(self.seeds) == len(other.seeds)
            and all(
                name == other_name and seed is other_seed
                for (name, seed), (other_name, other_seed) in zip(
                    self.seeds, other.seeds, strict=True
                )
            )
        )

    @cached_property
    def records_key(self) -> str:
        """The records as a key for the warm-start cache (the seeds are keyed by their bytes
        there): their text, which names files by path, never by this process's numbers."""
        text = repr((self.people, self.sources, self.references))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Backing(Protocol):
    """Findings kept beyond this process (the warm-start cache), for one validation's inputs;
    `group` names the checks that found them."""

    def stored(self, root: Node, group: str, inputs: Inputs) -> tuple[Diagnostic, ...] | None: ...

    def store(
        self, root: Node, group: str, inputs: Inputs, found: tuple[Diagnostic, ...]
    ) -> None: ...


CHECKS_GROUP = "checks"  # the checks that always run
AFTER_ERRORS_GROUP = "after errors"  # those that run once the corpus has no errors


@attrs.define(slots=True)
class _Kept:
    root: Node  # held: entries are found by the root's id
    summary: Summary | None = None
    found: dict[str, tuple[Diagnostic, ...]] = attrs.Factory(dict)  # by group


class TreeFindings:
    """The per-tree findings and summaries of the last validation, by tree root (held, compared
    by identity); `backing`, when set, is asked for the findings not held and told those found."""

    def __init__(self) -> None:
        self._inputs: Inputs | None = None
        self._by_root: dict[int, _Kept] = {}
        self.backing: Backing | None = None
        self.checked = 0  # trees checked afresh by the last validation (tests look)
        self.reused = 0  # ... and trees whose findings were reused (held or stored)
        self.summarized = 0  # trees summarized afresh by the last validation
        self.checked_after_errors = 0  # trees the checks after errors ran on afresh

    def begin(self, roots: Iterable[Node], inputs: Inputs) -> None:
        """A validation of these roots under these inputs starts: forget the roots that are
        gone, and every finding if the inputs changed (summaries depend on the tree alone)."""
        same_inputs = self._inputs is not None and self._inputs.same_as(inputs)
        kept: dict[int, _Kept] = {}
        for root in roots:
            before = self._by_root.get(id(root))
            if before is None or before.root is not root:
                before = _Kept(root)
            elif not same_inputs:
                before.found.clear()
            kept[id(root)] = before
        self._inputs, self._by_root = inputs, kept
        self.checked = self.reused = self.summarized = self.checked_after_errors = 0

    def summaries(self, roots: Iterable[Node]) -> list[Summary]:
        """What each root's tree contributes to the checks across files."""
        found: list[Summary] = []
        for root in roots:
            kept = self._kept(root)
            if kept.summary is None:
                kept.summary = Summary.of(root.walk())
                self.summarized += 1
            found.append(kept.summary)
        return found

    def findings(
        self,
        roots: Iterable[Node],
        inputs: Inputs,
        check_tree: Callable[[Node], Iterable[Diagnostic]],
        group: str = CHECKS_GROUP,
    ) -> list[Diagnostic]:
        """Every root's findings by the checks of `group`: kept ones where the root and the
        inputs are the same objects as last time, else `check_tree(root)`."""
        if self._inputs is not inputs:
            self.begin(roots, inputs)
        found: list[Diagnostic] = []
        counted = group == CHECKS_GROUP
        for root in roots:
            kept = self._kept(root)
            diagnostics = kept.found.get(group)
            if diagnostics is None and self.backing is not None:
                diagnostics = self.backing.stored(root, group, inputs)
            if diagnostics is not None:
                self.reused += counted
            else:
                diagnostics = tuple(check_tree(root))
                self.checked += counted
                self.checked_after_errors += group == AFTER_ERRORS_GROUP
                if self.backing is not None:
                    self.backing.store(root, group, inputs, diagnostics)
            kept.found[group] = diagnostics
            found += diagnostics
        return found

    def _kept(self, root: Node) -> _Kept:
        kept = self._by_root.get(id(root))
        if kept is None or kept.root is not root:  # not among the roots begun with
            kept = self._by_root[id(root)] = _Kept(root)
        return kept
