"""At 80×24 the pushed screens keep the line that says what to do or what is shown: the walk's
instruction, the source view's quote and line. Read from what is drawn, not from the texts."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget

from explorer.reading.bundled import bundled_scenarios
from explorer.tui.screens.source import SourceHeader, SourceScreen
from explorer.tui.screens.walk import WalkScreen
from explorer.tui.widgets.walk import StepHeader

from .helpers import explore, press

SMALL = (80, 24)


def drawn(widget: Widget) -> str:
    """The lines the widget draws in the region it was given."""
    width, height = widget.outer_size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


async def test_the_walks_first_step_keeps_its_instruction_at_80x24() -> None:
    async with explore(bundled_scenarios(), size=SMALL) as (app, pilot):
        await press(pilot, "w")
        assert isinstance(app.screen, WalkScreen)
        lines = drawn(app.screen.query_one(StepHeader))
        assert "Step 1" in lines
        assert "Consequences, which may happen together: follow one" in lines


async def test_the_source_view_keeps_its_quote_line_at_80x24() -> None:
    async with explore(bundled_scenarios(), size=SMALL) as (app, pilot):
        await press(pilot, "s", "1")  # the Washington Post, with a long address
        assert isinstance(app.screen, SourceScreen)
        lines = drawn(app.screen.query_one(SourceHeader))
        assert "(line 11, highlighted)" in lines
        assert "“The U.S. drone strike" in lines
