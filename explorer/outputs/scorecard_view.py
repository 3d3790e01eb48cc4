"""The analysts' scorecard as text, Markdown or JSON (for `explorer scorecard`)."""

from __future__ import annotations

import json
from typing import Any

from explorer.analysis.outcomes import FEW_FORECASTS, MOOT, Forecast, Scorecard
from explorer.model import OutcomeStatus
from explorer.outputs.markdown import inline

BRIER_LABEL = (
    "Brier score derived from hedge words (band midpoints; 0 best, 1 worst), over forecasts "
    "with a word of probability on an outcome that happened or did not"
)
TOO_FEW = f"fewer than {FEW_FORECASTS} forecasts: too few to compare"
MOOT_NOTE = "moot: an open outcome whose condition did not happen, counted apart from open"
STATUSES = (
    OutcomeStatus.HAPPENED,
    OutcomeStatus.DID_NOT_HAPPEN,
    OutcomeStatus.PARTLY,
    OutcomeStatus.OPEN,
)


def brier_text(card: Scorecard) -> str:
    count = len(card.brier_pairs)
    if card.brier is None:
        return "none: no forecast with a probability word on a settled outcome"
    text = f"{card.brier:.3f} over {count} forecast{'s' if count != 1 else ''}"
    return f"{text} ({TOO_FEW})" if card.too_few else text


def _counts(card: Scorecard) -> str:
    counts = [f"{card.count(s)} {s.value}" for s in STATUSES]
    return ", ".join([*counts, f"{card.moot} {MOOT}"])


def _forecast_line(forecast: Forecast) -> str:
    stance = forecast.citation.stance.value
    hedge = f"“{forecast.citation.likelihood}”" if forecast.citation.likelihood else "no hedge"
    reported = ""
    if forecast.reported_by:
        reported = f" (as reported by {', '.join(v.name for v in forecast.reported_by)})"
    verdict = forecast.reason_not_scored or forecast.verdict.value
    return (
        f"{forecast.node.title} — {stance}, {hedge}{reported} → {forecast.status_text}: {verdict}"
    )


def _held_text(card: Scorecard) -> str:
    text = f"{card.held} of {len(card.scored)} scored"
    if card.reported:
        text += f"; {len(card.reported)} reported by others, listed apart, not scored"
    return text


def to_text(cards: list[Scorecard]) -> str:
    out = []
    for card in cards:
        out.append(f"{card.voice.name}")
        out.append(f"  forecasts: {len(card.forecasts)} ({_counts(card)})")
        out.append(f"  held up: {_held_text(card)}")
        out.append(f"  Brier: {brier_text(card)}")
        out += [f"  - {_forecast_line(f)}" for f in card.forecasts]
        out.append("")
    if not out:
        return "no forecasts on nodes with outcomes\n"
    return "\n".join([f"({BRIER_LABEL}.)", "", *out])


def to_markdown(cards: list[Scorecard]) -> str:
    out = [
        "# Scorecard",
        "",
        "| who | forecasts | happened | did not | partly | open | moot | held up "
        "| Brier (from words) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for card in cards:
        brier = "—"
        if card.brier is not None:
            brier = f"{card.brier:.3f} (n={len(card.brier_pairs)})"
            if card.too_few:
                brier += " — too few to compare"
        counts = " | ".join([*(str(card.count(s)) for s in STATUSES), str(card.moot)])
        out.append(
            f"| {inline(card.voice.name)} | {len(card.forecasts)} | {counts} | "
            f"{card.held}/{len(card.scored)} | {brier} |"
        )
    out += ["", f"*{BRIER_LABEL}; {TOO_FEW} where marked; {MOOT_NOTE}.*", ""]
    for card in cards:
        out += [f"## {inline(card.voice.name)}", ""]
        out += [f"- {inline(_forecast_line(f))}" for f in card.forecasts]
        out.append("")
    return "\n".join(out)


def to_json(cards: list[Scorecard]) -> str:
    data: list[dict[str, Any]] = []
    for card in cards:
        data.append(
            {
                "voice": card.voice.key,
                "name": card.voice.name,
                "counts": {**{s.value: card.count(s) for s in STATUSES}, MOOT: card.moot},
                "scored": len(card.scored),
                "held": card.held,
                "brier_from_words": card.brier,
                "brier_forecasts": len(card.brier_pairs),
                "too_few_to_compare": card.too_few,
                "forecasts": [
                    {
                        "node": f.node.id,
                        "stance": f.citation.stance.value,
                        "likelihood": f.citation.likelihood,
                        "probability_from_words": f.probability,
                        "reported_by": [v.key for v in f.reported_by],
                        "status": f.status.value,
                        "moot_because": f.moot_because.id if f.moot_because else None,
                        "timing": f.timing.value,
                        "scored": f.scored,
                        "verdict": f.verdict.value,
                        "not_scored_because": f.reason_not_scored,
                    }
                    for f in card.forecasts
                ],
            }
        )
    return json.dumps({"brier_label": BRIER_LABEL, "scorecards": data}, indent=2) + "\n"
