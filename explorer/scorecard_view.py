"""The analysts' scorecard as text, Markdown or JSON (for `explorer scorecard`)."""

from __future__ import annotations

import json
from typing import Any

from explorer.formats.markdown import inline
from explorer.model import OutcomeStatus
from explorer.outcomes import Scorecard, Timing

BRIER_LABEL = "Brier score derived from hedge words (band midpoints; 0 best, 1 worst)"
STATUSES = (
    OutcomeStatus.HAPPENED,
    OutcomeStatus.DID_NOT_HAPPEN,
    OutcomeStatus.PARTLY,
    OutcomeStatus.OPEN,
)


def _brier_text(card: Scorecard) -> str:
    if card.brier is None:
        return "no forecast with a hedge word was scored"
    return f"{card.brier:.3f} over {len(card.brier_pairs)} forecast(s) with a hedge word"


def _counts(card: Scorecard) -> str:
    return ", ".join(f"{card.count(s)} {s.value}" for s in STATUSES)


def _line(card: Scorecard) -> list[str]:
    lines = []
    for forecast in card.forecasts:
        stance = forecast.citation.stance.value
        hedge = forecast.citation.likelihood or "no hedge"
        note = ""
        if forecast.timing is Timing.AFTER:
            note = " (published after the event: not scored)"
        elif forecast.timing is Timing.UNCERTAIN:
            note = " (dates too coarse to tell before from after: not scored)"
        lines.append(
            f"{forecast.node.title} — {stance}, {hedge} → {forecast.status.value}: "
            f"{forecast.verdict.value}{note}"
        )
    return lines


def to_text(cards: list[Scorecard]) -> str:
    out = []
    for card in cards:
        scored = len(card.scored)
        out.append(f"{card.voice.name}")
        out.append(f"  forecasts: {len(card.forecasts)} ({_counts(card)})")
        out.append(f"  held up: {card.held} of {scored} scored")
        out.append(f"  {BRIER_LABEL}: {_brier_text(card)}")
        out += [f"  - {line}" for line in _line(card)]
        out.append("")
    return "\n".join(out) if out else "no forecasts on nodes with outcomes\n"


def to_markdown(cards: list[Scorecard]) -> str:
    out = [
        "# Scorecard",
        "",
        "| who | forecasts | happened | did not | partly | open | held up | Brier (from words) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for card in cards:
        brier = f"{card.brier:.3f} (n={len(card.brier_pairs)})" if card.brier is not None else "—"
        counts = " | ".join(str(card.count(s)) for s in STATUSES)
        out.append(
            f"| {inline(card.voice.name)} | {len(card.forecasts)} | {counts} | "
            f"{card.held}/{len(card.scored)} | {brier} |"
        )
    out += ["", f"*{BRIER_LABEL}.*", ""]
    for card in cards:
        out += [f"## {inline(card.voice.name)}", ""]
        out += [f"- {inline(line)}" for line in _line(card)]
        out.append("")
    return "\n".join(out)


def to_json(cards: list[Scorecard]) -> str:
    data: list[dict[str, Any]] = []
    for card in cards:
        data.append(
            {
                "voice": card.voice.key,
                "name": card.voice.name,
                "counts": {s.value: card.count(s) for s in STATUSES},
                "scored": len(card.scored),
                "held": card.held,
                "brier_from_words": card.brier,
                "brier_forecasts": len(card.brier_pairs),
                "forecasts": [
                    {
                        "node": f.node.id,
                        "stance": f.citation.stance.value,
                        "likelihood": f.citation.likelihood,
                        "probability_from_words": f.probability,
                        "status": f.status.value,
                        "timing": f.timing.value,
                        "verdict": f.verdict.value,
                    }
                    for f in card.forecasts
                ],
            }
        )
    return json.dumps({"brier_label": BRIER_LABEL, "scorecards": data}, indent=2) + "\n"
