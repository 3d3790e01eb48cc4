"""Exports of a loaded corpus. JSON follows the contract other tools read (README: JSON export)."""

from __future__ import annotations

import json
from typing import Any

from explorer.analysis.likelihood import band_for
from explorer.analysis.outcomes import moot_condition
from explorer.analysis.queries import CorpusIndex
from explorer.model import Corpus, Node, Outcome, QuoteEvidence
from explorer.paths import shown_path


def corpus_to_dict(corpus: Corpus) -> dict[str, Any]:
    index = CorpusIndex(corpus)
    seeds_name = corpus.seeds_folder.name
    nodes = []
    for node in index.ordered_nodes():
        nodes.append(_node(node, index))
    return {
        "corpus": {
            "id": corpus.id,
            "title": corpus.title,
            "summary": corpus.summary,
            "folder": shown_path(str(corpus.folder)),  # the folder read, as seen from here
        },
        "people": [{"id": p.id, "name": p.name, "role": p.role} for p in corpus.people],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "outlet": s.outlet,
                "published": str(s.published) if s.published is not None else None,
                "published_note": s.published_note,
                "url": s.url,
                "authors": list(s.authors),
                "seed": f"{seeds_name}/{s.seed}",
                "kind": s.kind.value if s.kind is not None else None,
            }
            for s in corpus.sources
        ],
        "references": [
            {
                "id": r.id,
                "title": r.title,
                "publisher": r.publisher,
                "date": str(r.date) if r.date is not None else None,
                "url": r.url,
            }
            for r in corpus.references
        ],
        "nodes": nodes,
    }


def _outcome(outcome: Outcome | None, moot_because: Node | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        "status": outcome.status.value,
        "moot_because": moot_because.id if moot_because is not None else None,
        "date": str(outcome.date) if outcome.date else None,
        "as_of": str(outcome.as_of),
        "note": outcome.note,
        "evidence": [
            # A reference's summary is ours, not a verified quote: the key says which it is.
            {"source": e.source, "quote": e.quote}
            if isinstance(e, QuoteEvidence)
            else {"reference": e.reference, "summary": e.summary}
            for e in outcome.evidence
        ],
    }


def _node(node: Node, index: CorpusIndex) -> dict[str, Any]:
    return {
        "id": node.id,
        "parent": index.parent[node.id],
        "kind": node.kind.value if node.kind is not None else None,
        "title": node.title,
        "claim": node.claim,
        "tags": list(node.tags),
        "horizon": node.horizon.value if node.horizon else None,
        "see_also": list(node.see_also),
        "file": node.location.shown,
        "line": node.location.line,
        "outcome": _outcome(node.outcome, moot_condition(index, node)),
        "citations": [
            {
                "source": c.source,
                "speaker": c.speaker,
                "reports": c.reports,
                "argued_by": [v.key for v in index.voices_of(c)],
                "reported_by": [v.key for v in index.reporters_of(c)],
                "stance": c.stance.value,
                "quote": c.quote,
                "likelihood": c.likelihood,
                "likelihood_band": _band(c.likelihood),
                "hedge_checked": c.hedge_checked,
            }
            for c in node.citations
        ],
    }


def _band(word: str | None) -> str | None:
    band = band_for(word) if word else None
    return band.describe() if band else None


def to_json(corpus: Corpus) -> str:
    return json.dumps(corpus_to_dict(corpus), ensure_ascii=False, indent=2) + "\n"
