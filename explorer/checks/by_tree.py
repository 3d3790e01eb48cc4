"""What the per-citation checks found in each tree file, kept from one load to the next.

Checking every quote against its seed and every hedge word against its quote is most of what
validation costs, yet each answer depends only on the tree's
own nodes, the sources (which seed a source id names) and the seeds' texts. A reload that reuses
a tree file's nodes unchanged (the same objects: see `explorer.reading.reuse`) and finds the same
sources and the same seed texts reuses that file's findings instead of checking it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

import attrs

from explorer.analysis.quotes import SeedText
from explorer.checks.diagnostics import Diagnostic
from explorer.model import Corpus, Node


@attrs.frozen(slots=True, eq=False)
class Inputs:
    """What the per-tree checks read besides the tree: compared by identity for the seeds (a
    reload reuses the SeedText of an unchanged seed file) and by value for the rest."""

    seeds_of_sources: tuple[tuple[str, str], ...]  # (source id, seed file name)
    seeds: tuple[tuple[str, SeedText], ...]

    @classmethod
    def of(cls, corpus: Corpus, seeds: Mapping[str, SeedText]) -> Inputs:
        return cls(
            tuple((source.id, source.seed) for source in corpus.sources),
            tuple(sorted(seeds.items(), key=lambda item: item[0])),
        )

    def same_as(self, other: Inputs) -> bool:
        return (
            self.seeds_of_sources == other.seeds_of_sources
            and len(self.seeds) == len(other.seeds)
            and all(
                name == other_name and seed is other_seed
                for (name, seed), (other_name, other_seed) in zip(
                    self.seeds, other.seeds, strict=True
                )
            )
        )


class Backing(Protocol):
    """Findings kept beyond this process (the warm-start cache), for one validation's inputs."""

    def stored(self, root: Node) -> tuple[Diagnostic, ...] | None: ...

    def store(self, root: Node, found: tuple[Diagnostic, ...]) -> None: ...


class TreeFindings:
    """The per-tree findings of the last validation, by tree root (held, compared by identity);
    `backing`, when set, is asked for those not held and told those found."""

    def __init__(self) -> None:
        self._inputs: Inputs | None = None
        self._by_root: dict[int, tuple[Node, tuple[Diagnostic, ...]]] = {}
        self.backing: Backing | None = None
        self.checked = 0  # trees checked afresh by the last validation (tests look)
        self.reused = 0  # ... and trees whose findings were reused (held or stored)

    def findings(
        self,
        roots: Iterable[Node],
        inputs: Inputs,
        check_tree: Callable[[Node], Iterable[Diagnostic]],
    ) -> list[Diagnostic]:
        """Every root's findings: kept ones where the root and the inputs are the same objects
        as last time, else `check_tree(root)`. Forgets the roots that are gone."""
        same_inputs = self._inputs is not None and self._inputs.same_as(inputs)
        kept: dict[int, tuple[Node, tuple[Diagnostic, ...]]] = {}
        found: list[Diagnostic] = []
        self.checked = self.reused = 0
        for root in roots:
            before = self._by_root.get(id(root)) if same_inputs else None
            stored = None
            if before is not None and before[0] is root:
                stored = before[1]
            elif self.backing is not None:
                stored = self.backing.stored(root)
            if stored is not None:
                diagnostics = stored
                self.reused += 1
            else:
                diagnostics = tuple(check_tree(root))
                self.checked += 1
                if self.backing is not None:
                    self.backing.store(root, diagnostics)
            kept[id(root)] = (root, diagnostics)
            found += diagnostics
        self._inputs, self._by_root = inputs, kept
        return found
