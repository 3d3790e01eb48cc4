"""Rules that look across records: ids, references, quotes in seeds, and the corpus's coverage."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from explorer.diagnostics import Diagnostic, did_you_mean
from explorer.model import Citation, Corpus, Location, Node, NodeKind, OutcomeStatus
from explorer.outcomes import Timing, timing
from explorer.queries import CorpusIndex
from explorer.quotes import SeedText, fold


def _at(code: str, message: str, location: Location) -> Diagnostic:
    return Diagnostic(code, message, location.file, location.line, location.column)


def _duplicates(kind: str, items: Iterable[tuple[str, Location]]) -> list[Diagnostic]:
    first: dict[str, Location] = {}
    found = []
    for item_id, location in items:
        if item_id in first:
            seen = first[item_id]
            found.append(
                _at(
                    "E007",
                    f"the {kind} id '{item_id}' is used twice (first at {seen})",
                    location,
                )
            )
        else:
            first[item_id] = location
    return found


def hedge_in_quote(word: str, quote: str) -> bool:
    return _hedge_pattern(word.lower()).search(fold(quote).lower()) is not None


@functools.lru_cache(maxsize=256)
def _hedge_pattern(word: str) -> re.Pattern[str]:
    # A few dozen hedge words, checked against every quote of a corpus: compiled once each.
    return re.compile(r"\b" + r"\s+".join(re.escape(w) for w in word.split()) + r"\b")


# Words that name a chance rather than an event: "heightens the risk of war" says the risk rose.
_CHANCE_WORDS = {
    "risk": "risk",
    "risks": "risk",
    "chance": "chance",
    "chances": "chance",
    "possibility": "possibility",
    "possibilities": "possibility",
    "danger": "danger",
    "dangers": "danger",
    "threat": "threat",
    "threats": "threat",
    "prospect": "prospect",
    "prospects": "prospect",
    "likelihood": "likelihood",
    "odds": "likelihood",
}
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_BEFORE, _AFTER = 4, 6  # words looked at on each side of the hedge word


def hedged_risk(word: str, quote: str) -> str | None:
    """What the hedge word seems to qualify instead of the event ('risk', 'possibility'…), when
    such a word stands within a few words of it; None when nothing suggests so. A heuristic: the
    citation's `hedge_checked` records a person's reading where it is wrong."""
    words = _WORD.findall(fold(quote).lower())
    hedge = word.lower().split()
    for at in range(len(words) - len(hedge) + 1):
        if words[at : at + len(hedge)] != hedge:
            continue
        near = words[max(0, at - _BEFORE) : at] + words[at + len(hedge) : at + len(hedge) + _AFTER]
        for other in near:
            if other in _CHANCE_WORDS:
                return _CHANCE_WORDS[other]
    return None


def validate(
    corpus: Corpus,
    seeds: Mapping[str, SeedText],
    *,
    complete: bool = True,
    index: CorpusIndex | None = None,
) -> list[Diagnostic]:
    """Cross-record rules; `complete` is False when some tree file could not be read, which
    silences the coverage warnings that would only echo that error. `index`, when given, must be
    the corpus's own (its node tables are not used here, so none are built)."""
    if index is None:
        index = CorpusIndex(corpus)
    found: list[Diagnostic] = []
    nodes = list(corpus.nodes())
    node_ids: set[str] | None = None  # built when a see_also first needs it

    found += _duplicates("person", ((p.id, p.location) for p in corpus.people))
    found += _duplicates("source", ((s.id, s.location) for s in corpus.sources))
    found += _duplicates("node", ((n.id, n.location) for n in nodes))
    found += _duplicates("reference", ((r.id, r.location) for r in corpus.references))
    references = {r.id for r in corpus.references}

    for source in corpus.sources:
        for author in source.authors:
            if author not in index.people:
                hint = did_you_mean(author, index.people)
                found.append(
                    _at(
                        "E009",
                        f"source '{source.id}' names an unknown author '{author}'{hint}",
                        source.location,
                    )
                )

    cited_sources: set[str] = set()
    for node in nodes:
        if not node.citations:
            found.append(
                _at(
                    "W101",
                    f"node '{node.id}' has no citation: nothing shows who argues it",
                    node.location,
                )
            )
        if node.kind is NodeKind.QUESTION and len(node.children) < 2:
            found.append(
                _at(
                    "E015",
                    f"question '{node.id}' has {len(node.children)} alternative"
                    f"{'' if len(node.children) == 1 else 's'}; a question needs two or more "
                    "(make it an event if there is nothing to choose between)",
                    node.location,
                )
            )
        for target in node.see_also:
            if node_ids is None:
                node_ids = {n.id for n in nodes}
            if target not in node_ids:
                hint = did_you_mean(target, node_ids)
                found.append(
                    _at(
                        "E010",
                        f"see_also of '{node.id}' names an unknown node '{target}'{hint}",
                        node.location,
                    )
                )
        for citation in node.citations:
            cited_sources.add(citation.source)
            found += _check_citation(citation, index, seeds)
        if node.outcome is not None:
            if node.kind is NodeKind.QUESTION:
                found.append(
                    _at(
                        "E024",
                        f"question '{node.id}' has an outcome, but a question cannot happen: put "
                        "the outcome on the alternative or event it is about",
                        node.outcome.location,
                    )
                )
            found += _check_outcome(node, index, references, seeds)

    # Coverage warnings wait until the errors are fixed: a broken reference or an unreadable file
    # would make them echo the error ("never cited") rather than say something new.
    if not complete or any(d.is_error for d in found):
        return found
    for source in corpus.sources:
        if source.id not in cited_sources:
            found.append(_at("W102", f"source '{source.id}' is never cited", source.location))

    credited = _credited_people(nodes, index)
    for person in corpus.people:
        if person.id not in credited:
            found.append(
                _at(
                    "W104",
                    f"person '{person.id}' is never cited (as a speaker, or as the author of a "
                    "cited source)",
                    person.location,
                )
            )

    for node in nodes:
        if node.kind is NodeKind.QUESTION and len(node.children) >= 2:
            argued = [frozenset(v.key for v in index.supporters(c)) for c in node.children]
            everyone = frozenset().union(*argued)
            if len(everyone) == 1 and all(argued):
                (only,) = everyone
                found.append(
                    _at(
                        "W103",
                        f"every alternative of question '{node.id}' is argued by "
                        f"{index.voices[only].name} alone: no competition is shown",
                        node.location,
                    )
                )
    return found


def _credited_people(nodes: list[Node], index: CorpusIndex) -> set[str]:
    """The ids of the people some citation credits (`index.arguers` of every node, people only),
    from two sets rather than a tuple of voices per citation."""
    speakers: set[str] = set()  # speakers and reported people
    sources: set[str] = set()  # cited without a speaker: their authors are credited
    for node in nodes:
        for citation in node.citations:
            if citation.speaker is not None:
                speakers.add(citation.speaker)
            else:
                sources.add(citation.source)
                if citation.reports is not None:
                    speakers.add(citation.reports)
    credited = speakers & index.voices.keys()
    for source_id in sources:
        source = index.sources.get(source_id)
        if source is not None:
            credited.update(a for a in source.authors if a in index.voices)
    return credited


def _check_citation(
    citation: Citation, index: CorpusIndex, seeds: Mapping[str, SeedText]
) -> list[Diagnostic]:
    found = []
    source = index.sources.get(citation.source)
    if source is None:
        hint = did_you_mean(citation.source, index.sources)
        found.append(_at("E008", f"unknown source '{citation.source}'{hint}", citation.location))
    for role, person in (("speaker", citation.speaker), ("reported person", citation.reports)):
        if person is not None and person not in index.people:
            hint = did_you_mean(person, index.people)
            found.append(_at("E009", f"unknown {role} '{person}'{hint}", citation.location))
    if citation.likelihood:
        if not hedge_in_quote(citation.likelihood, citation.quote):
            found.append(
                _at(
                    "E022",
                    f"the hedge word '{citation.likelihood}' does not occur in the quote; "
                    "give the author's own word",
                    citation.location,
                )
            )
        elif not citation.hedge_checked:
            qualified = hedged_risk(citation.likelihood, citation.quote)
            if qualified is not None:
                found.append(
                    _at(
                        "W108",
                        f"the hedge word '{citation.likelihood}' seems to qualify a {qualified}, "
                        "not the node's event: a heightened risk is not a likely event, so drop "
                        "'likelihood'; if the word does qualify the event, add "
                        "'hedge_checked: true'",
                        citation.location,
                    )
                )
    if source is not None:
        seed = seeds.get(source.seed)
        if seed is not None:
            if citation.speaker is None:
                if not seed.contains(citation.quote):
                    found.append(_quote_missing(citation.quote, seed, citation.quote_location))
            else:
                match = seed.find(citation.quote)
                if match is None:
                    found.append(_quote_missing(citation.quote, seed, citation.quote_location))
                elif citation.speaker in index.people and not seed.inside_quotation_marks(match):
                    found.append(
                        _at(
                            "W107",
                            f"the quote credited to speaker '{citation.speaker}' is not inside "
                            "quotation marks in the seed: the author's words reporting someone "
                            f"take 'reports: {citation.speaker}' instead of 'speaker'",
                            citation.quote_location,
                        )
                    )
    return found


def _check_outcome(
    node: Node, index: CorpusIndex, references: set[str], seeds: Mapping[str, SeedText]
) -> list[Diagnostic]:
    outcome = node.outcome
    assert outcome is not None
    found = []
    for evidence in outcome.evidence:
        if evidence.reference is not None and evidence.reference not in references:
            hint = did_you_mean(evidence.reference, references)
            found.append(
                _at("E008", f"unknown reference '{evidence.reference}'{hint}", evidence.location)
            )
        if evidence.source is not None and evidence.quote is not None:
            source = index.sources.get(evidence.source)
            if source is None:
                hint = did_you_mean(evidence.source, index.sources)
                found.append(
                    _at("E008", f"unknown source '{evidence.source}'{hint}", evidence.location)
                )
                continue
            seed = seeds.get(source.seed)
            if seed is not None and not seed.contains(evidence.quote):
                found.append(_quote_missing(evidence.quote, seed, evidence.location))
    if outcome.date is None or outcome.status is OutcomeStatus.OPEN:
        return found
    for citation in node.citations:
        source = index.sources.get(citation.source)
        if source is None or not citation.stance.is_forecast:
            continue
        if timing(source.published, outcome.date) is Timing.AFTER:
            found.append(
                _at(
                    "W106",
                    f"'{source.id}' (published {source.published}) is cited as "
                    f"'{citation.stance.value}' on '{node.id}', which was settled on "
                    f"{outcome.date}: a text from after the event reports it rather than "
                    "forecasts it; use stance 'explains'",
                    citation.location,
                )
            )
    return found


def _quote_missing(quote: str, seed: SeedText, location: Location) -> Diagnostic:
    message = f"the quote is not in the seed '{seed.name}'"
    closest = seed.closest(quote)
    if closest is not None and closest.similarity >= 0.4:
        passage = closest.text if len(closest.text) <= 200 else closest.text[:197] + "..."
        message += (
            f"; the closest passage ({closest.similarity:.0%} alike, seed line {closest.line}) "
            f'reads: "{passage}"'
        )
    return _at("E011", message, location)
