"""The citations as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): JSON-LD that
tools speaking the standard (Hypothesis, Recogito…) can show on the articles themselves.

One `Annotation` per citation, all in one `AnnotationCollection`. Its target is the source's
address (else a URN naming the seed), with two selectors over the seed (the stored text of the
article): a `TextQuoteSelector` whose `exact` is the quoted passage in the seed's own characters
(quotes are matched with white space, quotation marks and dashes folded, so the passage is taken
from the seed, never from the quote as typed), with the seed's characters around it as `prefix`
and `suffix`; and a `TextPositionSelector`, the passage's start and end in the seed's text,
counted in characters (code points), so `seed[start:end] == exact`. A quote with elided words
("…") has one target per quoted part. The body says which node the passage argues, with what
stance and hedge word, and who is credited, as text and as tags (`node:…`, `stance:…`, `band:…`,
`person:…` or `outlet:…`).

A citation whose quote is not in its seed (an error `explorer check` reports) is left out.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from explorer.analysis.likelihood import band_for, hedge_phrase
from explorer.analysis.queries import CorpusIndex, Voice
from explorer.analysis.quotes import SeedText
from explorer.model import Citation, Corpus, Node, Source

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_WIDTH = 32  # characters of prefix and suffix, as Hypothesis takes them
# Ids are URNs made from what they name (RFC 4122, version 5), so an export made again of the
# same corpus names the same annotations the same way.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/scenario-explorer/annotations")

Json = dict[str, Any]


def _urn(*parts: str) -> str:
    return uuid.uuid5(_NAMESPACE, "\0".join(parts)).urn


def read_seeds(corpus: Corpus) -> dict[str, SeedText]:
    """The seed texts of the corpus's sources, read as the loader reads them (UTF-8, a byte-order
    mark dropped); a seed that is missing, unreadable, not UTF-8 or outside the seeds folder is
    left out, as the loader leaves it out (with a diagnostic)."""
    seeds: dict[str, SeedText] = {}
    root = corpus.seeds_folder.resolve()
    for source in corpus.sources:
        name = source.seed
        if not name or name in seeds:
            continue
        path = corpus.seeds_folder / name
        try:
            if not path.resolve().is_relative_to(root) or not path.is_file():
                continue
            seeds[name] = SeedText(name, path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
    return seeds


def source_address(source: Source, corpus_id: str) -> str:
    """The address annotations point at: the article's own (http or https only: a corpus is data
    someone else may have written), else a name for the seed that is the same on every machine
    (a file address would hold the folders of the one the export was made on)."""
    url = (source.url or "").strip()
    if url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url):
        return url
    return _urn("seed", corpus_id, source.seed)


def text_target(address: str, seed: SeedText, start: int, end: int) -> Json:
    """A part of a seed as an annotation target: the quote and its surroundings, and its place."""
    text = seed.text
    quote: Json = {"type": "TextQuoteSelector", "exact": text[start:end]}
    if prefix := text[max(0, start - CONTEXT_WIDTH) : start]:
        quote["prefix"] = prefix
    if suffix := text[end : end + CONTEXT_WIDTH]:
        quote["suffix"] = suffix
    position = {"type": "TextPositionSelector", "start": start, "end": end}
    return {"type": "SpecificResource", "source": address, "selector": [quote, position]}


def _voice_tag(voice: Voice) -> str:
    if voice.is_outlet:
        return f"outlet:{voice.subject.id}"
    return f"person:{voice.key}"


def _tags(node: Node, citation: Citation, voices: tuple[Voice, ...]) -> Iterator[str]:
    yield f"node:{node.id}"
    yield f"stance:{citation.stance.value}"
    band = band_for(citation.likelihood) if citation.likelihood else None
    if band is not None:
        yield f"band:{band.name}"
    yield from (_voice_tag(voice) for voice in voices)


def body(node: Node, citation: Citation, index: CorpusIndex) -> list[Json]:
    """What the passage is cited for: the node, the stance, the hedge word and its band, and who
    is credited, in a sentence (with the node's claim) and as tags."""
    hedge = hedge_phrase(citation.likelihood, "likelihood not stated")
    who = index.credit(citation)
    sentence = f"{node.title} ({node.id}): {citation.stance.value}, {hedge}. Credited to {who}."
    description = f"{sentence}\n\n{node.claim}" if node.claim.strip() else sentence
    bodies: list[Json] = [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "value": description,
        }
    ]
    for tag in _tags(node, citation, index.voices_of(citation)):
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    return bodies


def citation_annotations(corpus: Corpus, seeds: Mapping[str, SeedText]) -> Iterator[Json]:
    """One annotation per citation whose quote is found in its seed, in the tree's order."""
    index = CorpusIndex(corpus)
    seen: dict[str, int] = {}
    for node in index.ordered_nodes():
        for citation in node.citations:
            source = index.sources.get(citation.source)
            seed = seeds.get(source.seed) if source is not None else None
            match = seed.find(citation.quote) if seed is not None else None
            if source is None or seed is None or match is None:
                continue
            address = source_address(source, corpus.id)
            targets = [text_target(address, seed, start, end) for start, end in match.spans]
            key = "\0".join((corpus.id, node.id, citation.source, citation.quote))
            seen[key] = seen.get(key, 0) + 1  # the same quote cited twice: two names
            yield {
                "@context": CONTEXT,  # each annotation stands alone when taken out
                "id": _urn("annotation", key, str(seen[key])),
                "type": "Annotation",
                "motivation": "describing",
                "body": body(node, citation, index),
                "target": targets[0] if len(targets) == 1 else targets,
            }


def to_collection(corpus: Corpus, seeds: Mapping[str, SeedText] | None = None) -> Json:
    """The corpus's citations as one AnnotationCollection, every annotation on its first page."""
    items = list(citation_annotations(corpus, read_seeds(corpus) if seeds is None else seeds))
    collection: Json = {
        "@context": CONTEXT,
        "id": _urn("collection", corpus.id),
        "type": "AnnotationCollection",
        "label": f"{corpus.title}: the citations of the scenario trees",
        "total": len(items),
    }
    if items:  # an empty collection has no pages
        collection["first"] = {
            "id": _urn("page", corpus.id, "0"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return collection


def render(corpus: Corpus) -> str:
    return json.dumps(to_collection(corpus), ensure_ascii=False, indent=2) + "\n"
