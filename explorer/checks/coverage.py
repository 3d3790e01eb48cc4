"""Rules on the shape of the trees and on what the corpus leaves out: questions with too few
alternatives or one voice, outcomes on questions, forecasts after the fact, nodes, sources and
people never cited."""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis.outcomes import Timing, timing
from explorer.checks.registry import Context, Found, check
from explorer.model import NodeKind, OutcomeStatus


@check("E015")
def questions_have_alternatives(context: Context) -> Iterator[Found]:
    for node in context.nodes:
        count = len(node.children)
        if node.kind is NodeKind.QUESTION and count < 2:
            yield (
                f"question '{node.id}' has {count} alternative{'' if count == 1 else 's'}; a "
                "question needs two or more (make it an event if there is nothing to choose "
                "between)",
                node.location,
            )


@check("E024")
def outcomes_on_events(context: Context) -> Iterator[Found]:
    for node in context.nodes:
        if node.outcome is not None and node.kind is NodeKind.QUESTION:
            yield (
                f"question '{node.id}' has an outcome, but a question cannot happen: put the "
                "outcome on the alternative or event it is about",
                node.outcome.location,
            )


@check("W106")
def forecasts_before_outcomes(context: Context) -> Iterator[Found]:
    for node in context.nodes:
        outcome = node.outcome
        if outcome is None or outcome.date is None or outcome.status is OutcomeStatus.OPEN:
            continue
        for citation in node.citations:
            source = context.index.sources.get(citation.source)
            if source is None or not citation.stance.is_forecast:
                continue
            if timing(source.published, outcome.date) is Timing.AFTER:
                yield (
                    f"'{source.id}' (published {source.published}) is cited as "
                    f"'{citation.stance.value}' on '{node.id}', which was settled on "
                    f"{outcome.date}: a text from after the event reports it rather than "
                    "forecasts it; use stance 'explains'",
                    citation.location,
                )


@check("W101")
def nodes_are_cited(context: Context) -> Iterator[Found]:
    for node in context.nodes:
        if not node.citations:
            yield f"node '{node.id}' has no citation: nothing shows who argues it", node.location


@check("W102", after_errors=True, across=True)
def sources_are_cited(context: Context) -> Iterator[Found]:
    cited = frozenset().union(*(summary.cited_sources for summary in context.summaries))
    for source in context.corpus.sources:
        if source.id not in cited:
            yield f"source '{source.id}' is never cited", source.location


@check("W103", after_errors=True)
def questions_show_competition(context: Context) -> Iterator[Found]:
    index = context.index
    for node in context.nodes:
        if node.kind is not NodeKind.QUESTION or len(node.children) < 2:
            continue
        argued = [index.supporter_keys(child) for child in node.children]
        everyone = frozenset().union(*argued)
        if len(everyone) == 1 and all(argued):
            (only,) = everyone
            yield (
                f"every alternative of question '{node.id}' is argued by "
                f"{index.voices[only].name} alone: no competition is shown",
                node.location,
            )


@check("W104", after_errors=True, across=True)
def people_are_cited(context: Context) -> Iterator[Found]:
    credited = _credited_people(context)
    for person in context.corpus.people:
        if person.id not in credited:
            yield (
                f"person '{person.id}' is never cited (as a speaker, a reported person, or the "
                "author of a cited source)",
                person.location,
            )


def _credited_people(context: Context) -> set[str]:
    """The ids of the people some citation credits (`index.arguers` of every node and the
    authors whose words report someone, people only), from what each file names (speakers and
    reported people) and the sources it cites without a speaker (their authors are credited)."""
    index = context.index
    named = frozenset().union(*(summary.named_people for summary in context.summaries))
    sources = frozenset().union(*(summary.unnamed_sources for summary in context.summaries))
    credited = set(named & index.voices.keys())
    for source_id in sources:
        source = index.sources.get(source_id)
        if source is not None:
            credited.update(a for a in source.authors if a in index.voices)
    return credited
