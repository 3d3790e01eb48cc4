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
from explorer.checks.by_tree import AFTER_ERRORS_GROUP, CHECKS_GROUP, Inputs, TreeFindings
from explorer.checks.diagnostics import Diagnostic
from explorer.checks.registry import CHECKS, Context, Registered, check
from explorer.checks.summary import Summary
from explorer.model import Corpus, Node

__all__ = ["CHECKS", "RULE_MODULES", "check", "validate", "validate_whole"]

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
    none are built). `findings`, when given, holds what the last validation found in each tree
    file and what each contributes to the checks across files: those of tree files that did not
    change are reused, and it is updated.

    The checks run tree file by tree file (corpus.yaml's trigger and records first), then the
    checks across files over the files' summaries; the result is the same set as every check run
    once over the whole corpus (`validate_whole`)."""
    findings = findings if findings is not None else TreeFindings()
    context = Context(corpus, index if index is not None else CorpusIndex(corpus), seeds, ())
    trigger, roots = corpus.trigger, corpus.trigger.children
    inputs = Inputs.of(corpus, seeds)
    findings.begin(roots, inputs)

    def by_tree(group: str, checks: list[Registered]) -> list[Diagnostic]:
        def check_tree(root: Node) -> Iterator[Diagnostic]:
            return _run(checks, attrs.evolve(context, nodes=tuple(root.walk()), records=False))

        own = list(_run(checks, attrs.evolve(context, nodes=(trigger,))))  # corpus.yaml's part
        return own + findings.findings(roots, inputs, check_tree, group)

    summaries = (Summary.of((trigger,)), *findings.summaries(roots))
    across = attrs.evolve(context, given_summaries=summaries)
    runs = [r for r in CHECKS.values() if complete or not r.every_file]
    # Across files first: the set of every id they count is gone before the findings pile up.
    found = list(_run([r for r in runs if not r.after_errors and r.across], across))
    found += by_tree(CHECKS_GROUP, [r for r in runs if not r.after_errors and not r.across])
    if complete and not any(d.is_error for d in found):
        found += by_tree(AFTER_ERRORS_GROUP, [r for r in runs if r.after_errors and not r.across])
        found += _run([r for r in runs if r.after_errors and r.across], across)
    return found


def validate_whole(
    corpus: Corpus, seeds: Mapping[str, SeedText], *, complete: bool = True
) -> list[Diagnostic]:
    """Every registered check run once over the whole corpus, as one part: what `validate`
    must find (tests compare the two)."""
    context = Context(corpus, CorpusIndex(corpus), seeds, tuple(corpus.nodes()))
    runs = [r for r in CHECKS.values() if complete or not r.every_file]
    found = list(_run([r for r in runs if not r.after_errors], context))
    if complete and not any(d.is_error for d in found):
        found += _run([r for r in runs if r.after_errors], context)
    return found


def _run(checks: list[Registered], context: Context) -> Iterator[Diagnostic]:
    for registered in checks:
        yield from registered.run(context)
