"""Validation: every registered rule over a corpus, each rule waiting for what it needs.

The rules live by topic, one check function per rule code (`references`, `citations`,
`coverage`), registered in `explorer.checks.registry`; importing this module registers them all.
A test checks that every code is either registered there or emitted by the reader or the builder.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import SeedText
from explorer.checks import citations, coverage, references
from explorer.checks.by_tree import Inputs, TreeFindings
from explorer.checks.diagnostics import Diagnostic
from explorer.checks.registry import CHECKS, Context, check
from explorer.model import Corpus, Node

__all__ = ["CHECKS", "RULE_MODULES", "check", "validate"]

# The modules whose check functions register themselves when imported.
RULE_MODULES = (references, citations, coverage)


def validate(
    corpus: Corpus,
    seeds: Mapping[str, SeedText],
    *,
    complete: bool = True,
    index: CorpusIndex | None = None,
    findings: TreeFindings | None = None,
) -> list[Diagnostic]:
    """Every registered check; `complete` is False when some tree file could not be read, which
    silences the checks that would only echo that error (those after errors, ids named across
    files). `index`, when given, must be the corpus's own (its node tables are not used here, so
    none are built). `findings`, when given, holds the per-tree checks' findings of the previous
    validation: those of tree files that did not change are reused, and it is updated."""
    context = Context(
        corpus, index if index is not None else CorpusIndex(corpus), seeds, tuple(corpus.nodes())
    )
    found: list[Diagnostic] = []
    for registered in CHECKS.values():
        if registered.per_tree and findings is not None:
            continue  # run tree by tree, below
        if not registered.after_errors and (complete or not registered.every_file):
            found += registered.run(context)
    if findings is not None:
        found += _per_tree_checks(context, findings)
    if complete and not any(d.is_error for d in found):
        for registered in CHECKS.values():
            if registered.after_errors:
                found += registered.run(context)
    return found


def _per_tree_checks(context: Context, findings: TreeFindings) -> list[Diagnostic]:
    checks = [registered for registered in CHECKS.values() if registered.per_tree]

    def check_nodes(nodes: tuple[Node, ...]) -> Iterator[Diagnostic]:
        part = attrs.evolve(context, nodes=nodes)
        for registered in checks:
            yield from registered.run(part)

    def check_tree(root: Node) -> Iterator[Diagnostic]:
        return check_nodes(tuple(root.walk()))

    trigger = context.corpus.trigger  # written in corpus.yaml, built anew by every load
    inputs = Inputs.of(context.corpus, context.seeds)
    return [*check_nodes((trigger,)), *findings.findings(trigger.children, inputs, check_tree)]
