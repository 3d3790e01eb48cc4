"""The analysts' scorecard: per person, their forecasts and what became of each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.widgets import Static

from explorer.analysis.hindsight import OutcomeMark
from explorer.analysis.outcomes import MOOT, Forecast, Scorecard, Verdict
from explorer.analysis.queries import CorpusIndex
from explorer.outputs.classes import Palette, mark_class
from explorer.outputs.scorecard_view import BRIER_LABEL, STATUSES, brier_text
from explorer.tui.widgets.labels import (
    LABEL_CLASSES,
    StyleOf,
    one_line,
    stance_style,
    styled,
    voice_line,
)
from explorer.tui.widgets.themed import Themed

SCORECARD_CLASSES = frozenset({"scorecard--name", "scorecard--label"})

MOOT_GLYPH = "⊘"  # an open outcome whose condition did not happen (styled as open)

VERDICT_CLASS = {
    Verdict.HELD: "outcome--happened",
    Verdict.FAILED: "outcome--did-not-happen",
    Verdict.EVEN: "outcome--partly",
    Verdict.NOT_SCORED: "label--muted",
}


def forecast_text(forecast: Forecast, style_of: StyleOf) -> Text:
    """`✓ Crews move north — predicts “almost certainly” → happened: held up`."""
    mark = OutcomeMark.of_status(forecast.status)
    glyph, meaning = (MOOT_GLYPH, MOOT) if forecast.moot else (mark.glyph, mark.meaning)
    text = styled(glyph, style_of(mark_class(mark)))
    text.append(f" {one_line(forecast.node.title)} — ")
    stance = forecast.citation.stance
    text.append(stance.value, stance_style(stance, style_of))
    hedge = forecast.citation.likelihood
    text.append(f" “{hedge}”" if hedge else " (no hedge word)")
    if forecast.reported_by:
        reporters = ", ".join(v.name for v in forecast.reported_by)
        text.append(f" (as reported by {reporters})", style_of("label--muted"))
    text.append(f" → {meaning}: ")
    reason = forecast.reason_not_scored
    if reason is not None:
        text.append(reason, style_of("label--muted"))
    else:
        text.append(forecast.verdict.value, style_of(VERDICT_CLASS[forecast.verdict]))
    return text


def card_text(card: Scorecard, palette: Palette, style_of: StyleOf) -> Text:
    label = style_of("scorecard--label")
    text = voice_line(card.voice, palette, style_of)
    text.stylize(style_of("scorecard--name"))
    if card.voice.role:
        text.append(f" — {card.voice.role}", style_of("label--muted"))
    count = len(card.forecasts)
    text.append(f"\n{count} forecast{'s' if count != 1 else ''}: ", label)
    for i, status in enumerate(STATUSES):
        if i:
            text.append(" · ")
        mark = OutcomeMark.of_status(status)
        text.append(mark.glyph, style_of(mark_class(mark)))
        text.append(f" {card.count(status)} {mark.meaning}")
    text.append(" · ")
    text.append(MOOT_GLYPH, style_of(mark_class(OutcomeMark.OPEN)))
    text.append(f" {card.moot} {MOOT}")
    text.append("\nHeld up: ", label)
    text.append(f"{card.held} of {len(card.scored)} scored")
    if card.reported:
        text.append(f" ({len(card.reported)} reported by others, listed apart, not scored)")
    text.append(f"\n{BRIER_LABEL}: ", label)
    text.append(brier_text(card))
    for forecast in card.forecasts:
        text.append("\n  ")
        text.append_text(forecast_text(forecast, style_of))
    return text


class ScorecardList(Themed, VerticalScroll):
    """One card per person with forecasts, best record first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LABEL_CLASSES | SCORECARD_CLASSES)

    def __init__(
        self, index: CorpusIndex, cards: Sequence[Scorecard], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.palette = Palette(index)
        self.cards = tuple(cards)

    def _theme_changed(self, _theme: Theme) -> None:
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        if not self.cards:
            yield Static(
                Text("No forecast lies on a node with an outcome: nothing to score."),
                classes="scorecard-empty",
            )
        for card in self.cards:
            yield Static(card_text(card, self.palette, self._style), classes="scorecard")

    @property
    def plain(self) -> str:
        return "\n\n".join(card_text(c, self.palette, lambda _n: Style()).plain for c in self.cards)
