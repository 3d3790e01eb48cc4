"""Rules that look across records: ids, references, quotes in seeds, hedges, outcomes, coverage.

One check function per rule code, registered with `@check(CODE)`: the registry and the rule table
in `explorer.checks.diagnostics` cannot drift apart (registering an unknown code fails at import,
and a
test checks that every code is either registered here or emitted by the reader or the builder).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from explorer.analysis.likelihood import hedge_in_quote, hedged_risk
from explorer.analysis.outcomes import Timing, timing
from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import SeedText
from explorer.checks.by_tree import Inputs, TreeFindings
from explorer.checks.diagnostics import RULES, Diagnostic, did_you_mean
from explorer.model import (
    Citation,
    Corpus,
    Location,
    Node,
    NodeKind,
    OutcomeStatus,
    QuoteEvidence,
    ReferenceEvidence,
)


@attrs.frozen(slots=True)
class Context:
    """What every check may read: the corpus, its index and seeds, its nodes in order."""

    corpus: Corpus
    index: CorpusIndex
    seeds: Mapping[str, SeedText]
    nodes: tuple[Node, ...]

    def citations(self) -> Iterator[tuple[Node, Citation]]:
        for node in self.nodes:
            for citation in node.citations:
                yield node, citation

    @functools.cached_property
    def node_ids(self) -> frozenset[str]:
        return frozenset(node.id for node in self.nodes)

    @functools.cached_property
    def reference_ids(self) -> frozenset[str]:
        return frozenset(reference.id for reference in self.corpus.references)


Check = Callable[[Context], Iterable[Diagnostic]]


@attrs.frozen(slots=True)
class Registered:
    code: str
    run: Check
    # A coverage check waits until the errors are fixed: a broken reference or an unreadable file
    # would make it echo the error ("never cited") rather than say something new.
    coverage: bool
    # Waits until every tree file is read: a see_also to a node of an unread file is not unknown.
    every_file: bool = False
    # Reads only each node's own fields, the sources and the seeds: run tree file by tree file,
    # and what it found in an unchanged file may be reused on a reload (`by_tree`).
    per_tree: bool = False


CHECKS: dict[str, Registered] = {}


def check(
    code: str, *, coverage: bool = False, every_file: bool = False, per_tree: bool = False
) -> Callable[[Check], Check]:
    """Register the check function of one rule code."""

    def register(run: Check) -> Check:
        if code not in RULES:
            raise ValueError(f"{code} is not in the rule table")
        if code in CHECKS:
            raise ValueError(f"{code} has a check already: {CHECKS[code].run.__name__}")
        CHECKS[code] = Registered(code, run, coverage, every_file, per_tree)
        return run

    return register


def validate(
    corpus: Corpus,
    seeds: Mapping[str, SeedText],
    *,
    complete: bool = True,
    index: CorpusIndex | None = None,
    findings: TreeFindings | None = None,
) -> list[Diagnostic]:
    """Every registered check; `complete` is False when some tree file could not be read, which
    silences the checks that would only echo that error (coverage, ids named across files).
    `index`, when given, must be the corpus's own (its node tables are not used here, so none
    are built). `findings`, when given, holds the per-tree checks' findings of the previous
    validation: those of tree files that did not change are reused, and it is updated."""
    context = Context(
        corpus, index if index is not None else CorpusIndex(corpus), seeds, tuple(corpus.nodes())
    )
    found: list[Diagnostic] = []
    for registered in CHECKS.values():
        if registered.per_tree and findings is not None:
            continue  # run tree by tree, below
        if not registered.coverage and (complete or not registered.every_file):
            found += registered.run(context)
    if findings is not None:
        found += _per_tree_checks(context, findings)
    if complete and not any(d.is_error for d in found):
        for registered in CHECKS.values():
            if registered.coverage:
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


# -- ids and references ----------------------------------------------------------------------


@check("E007")
def duplicate_ids(context: Context) -> Iterator[Diagnostic]:
    corpus = context.corpus
    for kind, items in (
        ("person", ((p.id, p.location) for p in corpus.people)),
        ("source", ((s.id, s.location) for s in corpus.sources)),
        ("node", ((n.id, n.location) for n in context.nodes)),
        ("reference", ((r.id, r.location) for r in corpus.references)),
    ):
        first: dict[str, Location] = {}
        for item_id, location in items:
            if item_id not in first:
                first[item_id] = location
                continue
            yield Diagnostic.at(
                "E007",
                f"the {kind} id '{item_id}' is used twice (first at {first[item_id]})",
                location,
            )


@check("E008")
def unknown_sources(context: Context) -> Iterator[Diagnostic]:
    sources = context.index.sources
    for _, citation in context.citations():
        if citation.source not in sources:
            hint = did_you_mean(citation.source, sources)
            yield Diagnostic.at(
                "E008", f"unknown source '{citation.source}'{hint}", citation.location
            )
    references = context.reference_ids
    for node in context.nodes:
        for evidence in node.outcome.evidence if node.outcome is not None else ():
            if isinstance(evidence, ReferenceEvidence):
                if evidence.reference not in references:
                    hint = did_you_mean(evidence.reference, references)
                    yield Diagnostic.at(
                        "E008", f"unknown reference '{evidence.reference}'{hint}", evidence.location
                    )
            elif evidence.source not in sources:
                hint = did_you_mean(evidence.source, sources)
                yield Diagnostic.at(
                    "E008", f"unknown source '{evidence.source}'{hint}", evidence.location
                )


@check("E009")
def unknown_people(context: Context) -> Iterator[Diagnostic]:
    people = context.index.people
    for source in context.corpus.sources:
        for author in source.authors:
            if author not in people:
                hint = did_you_mean(author, people)
                yield Diagnostic.at(
                    "E009",
                    f"source '{source.id}' names an unknown author '{author}'{hint}",
                    source.location,
                )
    for _, citation in context.citations():
        for role, person in (("speaker", citation.speaker), ("reported person", citation.reports)):
            if person is not None and person not in people:
                hint = did_you_mean(person, people)
                yield Diagnostic.at("E009", f"unknown {role} '{person}'{hint}", citation.location)


@check("E010", every_file=True)
def unknown_see_also(context: Context) -> Iterator[Diagnostic]:
    for node in context.nodes:
        for target in node.see_also:
            if target not in context.node_ids:
                hint = did_you_mean(target, context.node_ids)
                yield Diagnostic.at(
                    "E010",
                    f"see_also of '{node.id}' names an unknown node '{target}'{hint}",
                    node.location,
                )


# -- quotes ----------------------------------------------------------------------------------


@check("E011", per_tree=True)
def quotes_in_seeds(context: Context) -> Iterator[Diagnostic]:
    sources, seeds = context.index.sources, context.seeds
    for node in context.nodes:
        quoted = [(c.source, c.quote, c.quote_location) for c in node.citations]
        if node.outcome is not None:
            quoted += [
                (e.source, e.quote, e.location)
                for e in node.outcome.evidence
                if isinstance(e, QuoteEvidence)
            ]
        for source_id, quote, location in quoted:
            source = sources.get(source_id)
            seed = seeds.get(source.seed) if source is not None else None
            if seed is not None and not seed.contains(quote):
                yield _quote_missing(quote, seed, location)


@check("W107", coverage=True)
def speakers_inside_quotation_marks(context: Context) -> Iterator[Diagnostic]:
    for _, citation in context.citations():
        if citation.speaker is None:
            continue
        source = context.index.sources.get(citation.source)
        seed = context.seeds.get(source.seed) if source is not None else None
        match = seed.find(citation.quote) if seed is not None else None
        if seed is not None and match is not None and not seed.inside_quotation_marks(match):
            yield Diagnostic.at(
                "W107",
                f"the quote credited to speaker '{citation.speaker}' is not inside quotation "
                "marks in the seed: the author's words reporting someone take "
                f"'reports: {citation.speaker}' instead of 'speaker'",
                citation.quote_location,
            )


def _quote_missing(quote: str, seed: SeedText, location: Location) -> Diagnostic:
    message = f"the quote is not in the seed '{seed.name}'"
    closest = seed.closest(quote)
    if closest is not None and closest.similarity >= 0.4:
        shortened = closest.text[:198].rsplit(" ", 1)[0] + "..."  # between words
        passage = closest.text if len(closest.text) <= 200 else shortened
        message += (
            f"; the closest passage ({closest.similarity:.0%} alike, seed line {closest.line}) "
            f'reads: "{passage}"'
        )
    return Diagnostic.at("E011", message, location)


# -- hedge words -----------------------------------------------------------------------------


@check("E022", per_tree=True)
def hedges_in_quotes(context: Context) -> Iterator[Diagnostic]:
    for _, citation in context.citations():
        if citation.likelihood and not hedge_in_quote(citation.likelihood, citation.quote):
            yield Diagnostic.at(
                "E022",
                f"the hedge word '{citation.likelihood}' does not occur in the quote; "
                "give the author's own word",
                citation.location,
            )


@check("W108", per_tree=True)
def hedges_on_the_event(context: Context) -> Iterator[Diagnostic]:
    for _, citation in context.citations():
        if not citation.likelihood or citation.hedge_checked:
            continue
        qualified = hedged_risk(citation.likelihood, citation.quote)
        if qualified is not None and hedge_in_quote(citation.likelihood, citation.quote):
            yield Diagnostic.at(
                "W108",
                f"the hedge word '{citation.likelihood}' seems to qualify a {qualified}, not the "
                "node's event: a heightened risk is not a likely event, so drop 'likelihood'; if "
                "the word does qualify the event, add 'hedge_checked: true'",
                citation.location,
            )


# -- structure and outcomes ------------------------------------------------------------------


@check("E015")
def questions_have_alternatives(context: Context) -> Iterator[Diagnostic]:
    for node in context.nodes:
        count = len(node.children)
        if node.kind is NodeKind.QUESTION and count < 2:
            yield Diagnostic.at(
                "E015",
                f"question '{node.id}' has {count} alternative{'' if count == 1 else 's'}; a "
                "question needs two or more (make it an event if there is nothing to choose "
                "between)",
                node.location,
            )


@check("E024")
def outcomes_on_events(context: Context) -> Iterator[Diagnostic]:
    for node in context.nodes:
        if node.outcome is not None and node.kind is NodeKind.QUESTION:
            yield Diagnostic.at(
                "E024",
                f"question '{node.id}' has an outcome, but a question cannot happen: put the "
                "outcome on the alternative or event it is about",
                node.outcome.location,
            )


@check("W106")
def forecasts_before_outcomes(context: Context) -> Iterator[Diagnostic]:
    for node in context.nodes:
        outcome = node.outcome
        if outcome is None or outcome.date is None or outcome.status is OutcomeStatus.OPEN:
            continue
        for citation in node.citations:
            source = context.index.sources.get(citation.source)
            if source is None or not citation.stance.is_forecast:
                continue
            if timing(source.published, outcome.date) is Timing.AFTER:
                yield Diagnostic.at(
                    "W106",
                    f"'{source.id}' (published {source.published}) is cited as "
                    f"'{citation.stance.value}' on '{node.id}', which was settled on "
                    f"{outcome.date}: a text from after the event reports it rather than "
                    "forecasts it; use stance 'explains'",
                    citation.location,
                )


# -- coverage --------------------------------------------------------------------------------


@check("W101")
def nodes_are_cited(context: Context) -> Iterator[Diagnostic]:
    for node in context.nodes:
        if not node.citations:
            yield Diagnostic.at(
                "W101",
                f"node '{node.id}' has no citation: nothing shows who argues it",
                node.location,
            )


@check("W102", coverage=True)
def sources_are_cited(context: Context) -> Iterator[Diagnostic]:
    cited = {citation.source for _, citation in context.citations()}
    for source in context.corpus.sources:
        if source.id not in cited:
            yield Diagnostic.at("W102", f"source '{source.id}' is never cited", source.location)


@check("W103", coverage=True)
def questions_show_competition(context: Context) -> Iterator[Diagnostic]:
    index = context.index
    for node in context.nodes:
        if node.kind is not NodeKind.QUESTION or len(node.children) < 2:
            continue
        argued = [index.supporter_keys(child) for child in node.children]
        everyone = frozenset().union(*argued)
        if len(everyone) == 1 and all(argued):
            (only,) = everyone
            yield Diagnostic.at(
                "W103",
                f"every alternative of question '{node.id}' is argued by "
                f"{index.voices[only].name} alone: no competition is shown",
                node.location,
            )


@check("W104", coverage=True)
def people_are_cited(context: Context) -> Iterator[Diagnostic]:
    credited = _credited_people(context)
    for person in context.corpus.people:
        if person.id not in credited:
            yield Diagnostic.at(
                "W104",
                f"person '{person.id}' is never cited (as a speaker, a reported person, or the "
                "author of a cited source)",
                person.location,
            )


def _credited_people(context: Context) -> set[str]:
    """The ids of the people some citation credits (`index.arguers` of every node and the
    authors whose words report someone, people only), from two sets rather than a tuple of
    voices per citation."""
    index = context.index
    named: set[str] = set()  # speakers and reported people
    sources: set[str] = set()  # cited without a speaker: their authors are credited
    for _, citation in context.citations():
        if citation.speaker is not None:
            named.add(citation.speaker)
        else:
            sources.add(citation.source)
            if citation.reports is not None:
                named.add(citation.reports)
    credited = named & index.voices.keys()
    for source_id in sources:
        source = index.sources.get(source_id)
        if source is not None:
            credited.update(a for a in source.authors if a in index.voices)
    return credited
