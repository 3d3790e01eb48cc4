"""Rules on what a citation quotes: the quote is in its seed, a speaker's words are inside
quotation marks, a hedge word is in the quote and qualifies the node's event."""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis.likelihood import hedge_in_quote, hedged_risk
from explorer.analysis.quotes import SeedText
from explorer.checks.registry import Context, Found, check
from explorer.model import QuoteEvidence


@check("E011")
def quotes_in_seeds(context: Context) -> Iterator[Found]:
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
                yield _quote_missing(quote, seed), location


def _quote_missing(quote: str, seed: SeedText) -> str:
    message = f"the quote is not in the seed '{seed.name}'"
    closest = seed.closest(quote)
    if closest is not None and closest.similarity >= 0.4:
        shortened = closest.text[:198].rsplit(" ", 1)[0] + "..."  # between words
        passage = closest.text if len(closest.text) <= 200 else shortened
        message += (
            f"; the closest passage ({closest.similarity:.0%} alike, seed line {closest.line}) "
            f'reads: "{passage}"'
        )
    return message


@check("W107", after_errors=True)
def speakers_inside_quotation_marks(context: Context) -> Iterator[Found]:
    for _, citation in context.citations():
        if citation.speaker is None:
            continue
        source = context.index.sources.get(citation.source)
        seed = context.seeds.get(source.seed) if source is not None else None
        match = seed.find(citation.quote) if seed is not None else None
        if seed is not None and match is not None and not seed.inside_quotation_marks(match):
            yield (
                f"the quote credited to speaker '{citation.speaker}' is not inside quotation "
                "marks in the seed: the author's words reporting someone take "
                f"'reports: {citation.speaker}' instead of 'speaker'",
                citation.quote_location,
            )


@check("E022")
def hedges_in_quotes(context: Context) -> Iterator[Found]:
    for _, citation in context.citations():
        if citation.likelihood and not hedge_in_quote(citation.likelihood, citation.quote):
            yield (
                f"the hedge word '{citation.likelihood}' does not occur in the quote; "
                "give the author's own word",
                citation.location,
            )


@check("W108")
def hedges_on_the_event(context: Context) -> Iterator[Found]:
    for _, citation in context.citations():
        if not citation.likelihood or citation.hedge_checked:
            continue
        qualified = hedged_risk(citation.likelihood, citation.quote)
        if qualified is not None and hedge_in_quote(citation.likelihood, citation.quote):
            yield (
                f"the hedge word '{citation.likelihood}' seems to qualify a {qualified}, not the "
                "node's event: a heightened risk is not a likely event, so drop 'likelihood'; if "
                "the word does qualify the event, add 'hedge_checked: true'",
                citation.location,
            )
