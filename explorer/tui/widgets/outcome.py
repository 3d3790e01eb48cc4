"""Text for a node's outcome and its evidence: a seed quote is a quote, a reference's summary
is our words and is labelled so, never styled as a quote."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from explorer.analysis.hindsight import OutcomeMark
from explorer.analysis.queries import CorpusIndex
from explorer.model import Evidence, Outcome, Reference, ReferenceEvidence, date_text
from explorer.outputs.classes import mark_class
from explorer.tui.widgets.labels import StyleOf, one_line, source_line

SUMMARY_LABEL = "Summary, not verified against a stored text"


def outcome_text(outcome: Outcome, style_of: StyleOf) -> Text:
    """`✓ happened · 2022-01 · as of 2024-06-01`, then the note."""
    mark = OutcomeMark.of_status(outcome.status)
    text = Text()
    text.append(f"{mark.glyph} {mark.meaning}", style_of(mark_class(mark)))
    if outcome.date is not None:
        text.append(f" · {outcome.date}")
    text.append(f" · as of {outcome.as_of}", style_of("label--muted"))
    if outcome.note:
        text.append("\n")
        text.append(one_line(outcome.note))
    return text


def evidence_text(
    evidence: Evidence,
    index: CorpusIndex,
    references: Mapping[str, Reference],
    style_of: StyleOf,
) -> Text:
    """A seed quote with its source, or a reference (title, publisher, date, address) with its
    summary after an explicit label."""
    muted = style_of("label--muted")
    text = Text()
    if isinstance(evidence, ReferenceEvidence):
        reference = references.get(evidence.reference)
        if reference is None:
            text.append(f"unknown reference '{evidence.reference}'", muted)
        else:
            text.append(one_line(reference.title))
            text.append(f" · {reference.publisher} · {date_text(reference.date)}", muted)
            text.append(f"\n{reference.url}", muted)
        text.append("\n")
        text.append(f"{SUMMARY_LABEL}: ", style_of("detail--label"))
        text.append(one_line(evidence.summary))
        return text
    text.append(f"“{one_line(evidence.quote)}”", style_of("detail--quote"))
    text.append("\n")
    source = index.sources.get(evidence.source)
    if source is None:
        text.append(f"unknown source '{evidence.source}'", muted)
    else:
        text.append(source_line(source), muted)
    return text
