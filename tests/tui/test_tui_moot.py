"""The scorecard widget shows a moot forecast (an open outcome whose condition did not happen) as
moot, with its own mark and count, never as open."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style

from explorer.analysis.outcomes import scorecards
from explorer.outputs.classes import Palette
from explorer.tui.widgets.scorecard import MOOT_GLYPH, card_text, forecast_text
from tests.test_outcomes import moot_corpus


def test_the_scorecard_widget_marks_moot_forecasts_and_counts_them_apart(tmp_path: Path) -> None:
    index = moot_corpus(tmp_path)
    (card,) = scorecards(index)
    plain = card_text(card, Palette(index), lambda _name: Style()).plain
    assert "○ 1 open · ⊘ 2 moot" in plain
    ruin = next(f for f in card.forecasts if f.node.id == "ruin")
    line = forecast_text(ruin, lambda _name: Style()).plain
    assert line.startswith(f"{MOOT_GLYPH} The ruin — warns “would” → moot: ")
    assert line.endswith("its condition (“The expel”) did not happen: not scored")
    far = next(f for f in card.forecasts if f.node.id == "far")
    assert forecast_text(far, lambda _name: Style()).plain.endswith("→ open: not yet known")
