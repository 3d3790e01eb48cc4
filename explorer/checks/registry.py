"""The registry of the validator's rules: one check function per rule code.

A check function, registered with `@check(CODE)`, reads a `Context` and yields what it found as
`(message, where)`; the registry attaches the code and builds the `Diagnostic`, as a JSON Schema
validator attaches the keyword to the errors a keyword function yields. A check cannot give a
finding some other rule's code, and the registry and the rule table in
`explorer.checks.diagnostics` cannot drift apart: registering an unknown code, or a code twice,
fails at import.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import SeedText
from explorer.checks.diagnostics import RULES, Diagnostic, Located
from explorer.checks.summary import Summary
from explorer.model import Citation, Corpus, Node


@attrs.frozen(slots=True)
class Context:
    """What every check may read: the corpus, its index and seeds, the nodes it checks in order.

    A check that runs file by file is given one tree file's nodes at a time (`records` is then
    False but for corpus.yaml's own part, so that what is said of the people, sources and
    references is said once). A check `across` files reads `summaries` instead of `nodes`: what
    each file contributes (`explorer.checks.summary`). Built with every node and no summaries,
    a context is the whole corpus as one part, and every check can run over it."""

    corpus: Corpus
    index: CorpusIndex
    seeds: Mapping[str, SeedText]
    nodes: tuple[Node, ...]
    records: bool = True  # the corpus's people, sources and references are checked here
    given_summaries: tuple[Summary, ...] | None = None

    @functools.cached_property
    def summaries(self) -> tuple[Summary, ...]:
        """What each part checked contributes: the given ones, else `nodes` as one part."""
        if self.given_summaries is not None:
            return self.given_summaries
        return (Summary.of(self.nodes),)

    def citations(self) -> Iterator[tuple[Node, Citation]]:
        for node in self.nodes:
            for citation in node.citations:
                yield node, citation

    @functools.cached_property
    def node_ids(self) -> frozenset[str]:
        """The id of every node, in every part (built when a see_also asks)."""
        return frozenset().union(*(summary.ids for summary in self.summaries))

    @functools.cached_property
    def ids_repeated(self) -> bool:
        """Some node id is used twice (in one file or in two). The set of ids counted here is
        not kept: at 100k nodes it would raise the load's peak memory."""
        ids: set[str] = set()
        for summary in self.summaries:
            ids.update(summary.ids)
        return sum(len(summary.ids) for summary in self.summaries) != len(ids)

    @functools.cached_property
    def reference_ids(self) -> frozenset[str]:
        return frozenset(reference.id for reference in self.corpus.references)


# One finding of a check: its message and where it is (a model location, a located value).
Found = tuple[str, Located]
Check = Callable[[Context], Iterable[Found]]


@attrs.frozen(slots=True)
class Registered:
    code: str
    find: Check
    # Waits until the errors are fixed: a broken reference or an unreadable file would make it
    # echo the error ("never cited") rather than say something new.
    after_errors: bool = False
    # Waits until every tree file is read: a see_also to a node of an unread file is not unknown.
    every_file: bool = False
    # Reads what every file contributes (`Context.summaries`), not the nodes one by one. The
    # other checks read only the nodes given, the corpus's records and the seeds: they run tree
    # file by tree file, and what they found in an unchanged file is reused on a reload while
    # the records and the seeds are the same (`by_tree`).
    across: bool = False

    def run(self, context: Context) -> Iterator[Diagnostic]:
        """The check's findings, each under this rule's code."""
        for message, where in self.find(context):
            yield Diagnostic.at(self.code, message, where)


CHECKS: dict[str, Registered] = {}


def check(
    code: str, *, after_errors: bool = False, every_file: bool = False, across: bool = False
) -> Callable[[Check], Check]:
    """Register the check function of one rule code."""

    def register(find: Check) -> Check:
        if code not in RULES:
            raise ValueError(f"{code} is not in the rule table")
        if code in CHECKS:
            raise ValueError(f"{code} has a check already: {CHECKS[code].find.__name__}")
        CHECKS[code] = Registered(code, find, after_errors, every_file, across)
        return find

    return register
