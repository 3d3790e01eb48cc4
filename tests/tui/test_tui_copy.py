"""`y` copies citations to the clipboard (OSC 52), as `explorer show --node ID --cite` prints
them: the focused citation, else every citation of the selected node."""

from __future__ import annotations

from explorer.outputs.citations import citations_text
from explorer.tui.widgets.detail_parts import PartKind

from .helpers import chosen, explore, main_screen, press


async def test_y_copies_the_nodes_citations_or_the_focused_one() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "j", "j", "y")  # 'Crews move north': two citations
        index = main_screen(app).index
        citations = index.nodes["crews-move"].citations
        assert app.clipboard == citations_text(citations, index)
        assert len(app.clipboard.splitlines()) == 2
        await press(pilot, "tab", "tab", "tab")  # the pane, its first citation, the second
        part = chosen(app)
        assert part is not None and part.kind is PartKind.CITATION and part.number == 2
        await press(pilot, "y")
        assert app.clipboard == citations_text(citations[1:], index)
