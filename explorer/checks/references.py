"""Rules on ids and the references between records: ids used twice, unknown sources, people and
nodes. Ids used twice and see_also between files are checked across files, from what each file
contributes (`Context.summaries`)."""

from __future__ import annotations

from collections.abc import Iterator

from explorer.checks.diagnostics import did_you_mean
from explorer.checks.registry import Context, Found, check
from explorer.model import Location, ReferenceEvidence


@check("E007", across=True)
def duplicate_ids(context: Context) -> Iterator[Found]:
    corpus = context.corpus
    # Node ids used twice are rare (an error): only then are the nodes walked to say where.
    nodes = corpus.nodes() if context.ids_repeated else iter(())
    for kind, items in (
        ("person", ((p.id, p.location) for p in corpus.people)),
        ("source", ((s.id, s.location) for s in corpus.sources)),
        ("node", ((n.id, n.location) for n in nodes)),
        ("reference", ((r.id, r.location) for r in corpus.references)),
    ):
        first: dict[str, Location] = {}
        for item_id, location in items:
            if item_id not in first:
                first[item_id] = location
                continue
            yield f"the {kind} id '{item_id}' is used twice (first at {first[item_id]})", location


@check("E008")
def unknown_sources(context: Context) -> Iterator[Found]:
    sources = context.index.sources
    for _, citation in context.citations():
        if citation.source not in sources:
            hint = did_you_mean(citation.source, sources)
            yield f"unknown source '{citation.source}'{hint}", citation.location
    references = context.reference_ids
    for node in context.nodes:
        for evidence in node.outcome.evidence if node.outcome is not None else ():
            if isinstance(evidence, ReferenceEvidence):
                if evidence.reference not in references:
                    hint = did_you_mean(evidence.reference, references)
                    yield f"unknown reference '{evidence.reference}'{hint}", evidence.location
            elif evidence.source not in sources:
                hint = did_you_mean(evidence.source, sources)
                yield f"unknown source '{evidence.source}'{hint}", evidence.location


@check("E009")
def unknown_people(context: Context) -> Iterator[Found]:
    people = context.index.people
    for source in context.corpus.sources if context.records else ():
        for author in source.authors:
            if author not in people:
                hint = did_you_mean(author, people)
                yield (
                    f"source '{source.id}' names an unknown author '{author}'{hint}",
                    source.location,
                )
    for _, citation in context.citations():
        for role, person in (("speaker", citation.speaker), ("reported person", citation.reports)):
            if person is not None and person not in people:
                hint = did_you_mean(person, people)
                yield f"unknown {role} '{person}'{hint}", citation.location


@check("E010", every_file=True, across=True)
def unknown_see_also(context: Context) -> Iterator[Found]:
    for summary in context.summaries:
        for node, target in summary.see_also:
            if target not in context.node_ids:
                hint = did_you_mean(target, context.node_ids)
                yield (
                    f"see_also of '{node.id}' names an unknown node '{target}'{hint}",
                    node.location,
                )
