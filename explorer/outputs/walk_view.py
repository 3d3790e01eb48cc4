"""A walk as a story (Markdown or JSON), for `explorer walk`."""

from __future__ import annotations

import json
from typing import Any

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.walks import Argument, Position, Walk
from explorer.model import NodeKind, date_text
from explorer.outputs.markdown import inline


def _who(argument: Argument, index: CorpusIndex) -> str:
    source = index.sources.get(argument.citation.source)
    where = (
        f"{source.outlet}, {date_text(source.published)}" if source else argument.citation.source
    )
    hedge = argument.citation.likelihood
    sure = f"“{hedge}”: {argument.band_text}" if hedge else "likelihood not stated"
    reported = ""
    if argument.reported_by:
        reported = f", as reported by {inline(', '.join(v.name for v in argument.reported_by))}"
    return (
        f"**{inline(argument.voice.name)}**{reported} ({argument.citation.stance.value}; {sure})"
        f" — {inline(where)}"
    )


def to_markdown(walk: Walk, index: CorpusIndex) -> str:
    out = ["# A walk through the scenarios", ""]
    out.append(" → ".join(inline(step.node.title) for step in walk.steps))
    out.append("")
    for number, step in enumerate(walk.steps, start=1):
        kind = "question" if step.node.kind is NodeKind.QUESTION else "event"
        out += [
            f"## {number}. {inline(step.node.title)} ({kind})",
            "",
            inline(step.node.claim),
        ]
        out.append("")
        if step.alternatives:
            out.append("Alternatives:")
            for alternative in step.alternatives:
                mark = "→" if alternative.node.id == step.chosen else " "
                pro = ", ".join(inline(v.name) for v in alternative.supporters) or "no one"
                con = ", ".join(inline(v.name) for v in alternative.opponents)
                against = f"; against: {con}" if con else ""
                out.append(f"- {mark} {inline(alternative.node.title)} — argued by {pro}{against}")
            out.append("")
        for title, arguments in (
            ("Argued by", step.arguments_for),
            ("Argued against by", step.arguments_against),
        ):
            if not arguments:
                continue
            out.append(f"{title}:")
            for argument in arguments:
                out.append(f"- {_who(argument, index)}")
                out.append(f"  > {inline(argument.citation.quote)}")
            out.append("")
    out += ["## How sure each was, step by step", ""]
    table = walk.positions()
    header = "| who | " + " | ".join(inline(s.node.title) for s in walk.steps) + " |"
    out += [header, "|" + " --- |" * (len(walk.steps) + 1)]
    for voice in walk.voices():
        cells = [_position_cell(position) for position in table[voice.key]]
        out.append(f"| {inline(voice.name)} | " + " | ".join(cells) + " |")
    out.append("")
    out.append(
        "Bands are the ICD 203 bands of each author's own hedge word; “not stated” where the "
        "author gave none; “against” where the author argued against the step; “—” where the "
        "author did not argue it."
    )
    return "\n".join(out) + "\n"


def _position_cell(position: Position | None) -> str:
    if position is None:
        return "—"
    return f"against: {position.band}" if position.against else position.band


def _position_json(position: Position | None) -> dict[str, Any] | None:
    if position is None:
        return None
    return {
        "argued": "against" if position.against else "for",
        "stance": position.stance.value,
        "band": position.band,
    }


def _argument_json(argument: Argument) -> dict[str, Any]:
    return {
        "voice": argument.voice.key,
        "name": argument.voice.name,
        "reported_by": [v.key for v in argument.reported_by],
        "source": argument.citation.source,
        "stance": argument.citation.stance.value,
        "quote": argument.citation.quote,
        "likelihood": argument.citation.likelihood,
        "band": argument.band_text,
    }


def to_json(walk: Walk) -> str:
    data = {
        "path": list(walk.node_ids),
        "steps": [
            {
                "id": step.node.id,
                "kind": step.node.kind.value if step.node.kind is not None else None,
                "title": step.node.title,
                "claim": step.node.claim,
                "chosen": step.chosen,
                "alternatives": [
                    {
                        "id": a.node.id,
                        "title": a.node.title,
                        "argued_by": [v.key for v in a.supporters],
                        "argued_against_by": [v.key for v in a.opponents],
                    }
                    for a in step.alternatives
                ],
                "for": [_argument_json(a) for a in step.arguments_for],
                "against": [_argument_json(a) for a in step.arguments_against],
            }
            for step in walk.steps
        ],
        "positions_by_voice": {
            key: [_position_json(position) for position in positions]
            for key, positions in walk.positions().items()
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
