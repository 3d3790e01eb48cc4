"""`y` copies citations to the clipboard (OSC 52), as `explorer show --node ID --cite` prints
them: the focused citation, else every citation of the selected node."""

from __future__ import annotations

from explorer.outputs.citations import citations_text
from explorer.tui.widgets.detail import CitationCard

from .helpers import explore, main_screen, press


async def test_y_copies_the_nodes_citations_or_the_focused_one() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "j", "j", "y")  # 'Crews move north': two citations
        index = main_screen(app).index
        citations = index.nodes["crews-move"].citations
        assert app.clipboard == citations_text(citations, index)
        assert len(app.clipboard.splitlines()) == 2
        cards = list(main_screen(app).query(CitationCard))
        cards[1].focus()
        await press(pilot, "y")
        assert app.clipboard == citations_text(citations[1:], index)
