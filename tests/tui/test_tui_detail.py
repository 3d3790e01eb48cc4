"""The detail pane and the breadcrumb follow the tree's cursor."""

from __future__ import annotations

from textual.screen import Screen

from explorer.tui.app import ExplorerApp
from explorer.tui.widgets.breadcrumb import Breadcrumb
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.detail_parts import PartKind
from explorer.tui.widgets.labels import one_line

from .helpers import detail_text, explore, main_screen, pane_lines, press, tree_of


def breadcrumb(app: ExplorerApp) -> str:
    return main_screen(app).query_one(Breadcrumb).plain


async def test_the_breadcrumb_is_the_path_from_the_trigger() -> None:
    async with explore() as (app, pilot):
        assert breadcrumb(app) == "• The council closes the old harbour"
        await press(pilot, "j", "j", "l", "l")
        assert tree_of(app).cursor_id == "boatyards-follow"
        assert breadcrumb(app) == (
            "• The council closes the old harbour › ? Do the fishing crews leave? › "
            "• Crews move north › • Boatyards follow the crews"
        )


async def test_the_detail_shows_claim_citations_stances_bands_people_and_sources() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j")  # crews-move
        text = detail_text(app)
        assert "• Crews move north" in text
        assert "event · id crews-move · tags jobs · horizon months · crews.yaml:11" in text
        assert "The crews relocate to the northern port within a year." in text
        assert "Argued by: AG Ada Gale" in text
        assert "Against: ¬LW Ledger Weekly (author not named)" in text
        assert "Citations (2)" in text
        assert (
            "1  predicts · likelihood “almost certainly”: almost certain (95–99 %)\n"
            "“Fishing crews will almost certainly move north within a year”\n"
            "Ada Gale — Columnist of the Harbour Gazette\n"
            "The harbour closes · The Harbour Gazette · 2021-03-02 · opinion"
        ) in text
        assert (
            "2  doubts · likelihood “unlikely”: unlikely (20–45 %)\n"
            "“The crews are unlikely to leave”\n"
            "Ledger Weekly (author not named)\n"
            "A mistake at the harbour · Ledger Weekly · 2021-03 · analysis"
        ) in text


async def test_a_missing_hedge_a_quoted_speaker_and_see_also() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "j")  # crews-stay
        text = detail_text(app)
        assert "Mara Quay (quoted) — Chair of the fishers' association" in text
        assert "“will”: almost certain (95–99 %)" in text
        assert "See also\n→ • Crews move north" in text
        await press(pilot, "end")  # the last line: waterfront-idle
        assert tree_of(app).cursor_id == "waterfront-idle"
        assert "predicts · likelihood not stated" in detail_text(app)


def citations_shown(pane: DetailPane) -> list[tuple[str, int]]:
    return [(p.node_id, p.number) for p in pane.parts if p.kind is PartKind.CITATION]


async def test_the_citations_follow_the_node_and_no_move_lays_the_screen_out() -> None:
    """The pane draws its lines itself, in a region of fixed size: a node whose details fit it,
    with more or fewer lines than the last, changes what the pane draws, never the screen's
    layout (with a widget per part, each such move laid the whole screen out twice)."""

    async with explore(size=(120, 40)) as (app, pilot):
        screen = main_screen(app)
        pane = screen.query_one(DetailPane)
        layouts: list[Screen[object]] = []
        screen.screen_layout_refresh_signal.subscribe(pane, layouts.append)
        await press(pilot, "j", "j")  # crews-move: two citations
        assert citations_shown(pane) == [("crews-move", 1), ("crews-move", 2)]
        tall = len([line for line in pane_lines(app) if line])
        await press(pilot, "end")  # waterfront-idle: one citation, no outcome
        assert citations_shown(pane) == [("waterfront-idle", 1)]
        node = tree_of(app).index.nodes["waterfront-idle"]
        assert node.claim in detail_text(app)
        assert one_line(node.citations[0].quote) in detail_text(app)
        assert len([line for line in pane_lines(app) if line]) < tall  # fewer lines drawn
        await press(pilot, "home")  # the trigger: several citations again
        trigger = tree_of(app).index.corpus.trigger
        assert len(citations_shown(pane)) == len(trigger.citations)
        assert trigger.claim in detail_text(app)
        assert layouts == []


async def test_the_pane_draws_blank_lines_between_parts_and_an_edge_on_citations() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "j", "j")  # crews-move
        lines = pane_lines(app)
        assert lines[0] == "• Crews move north"
        assert lines[2] == ""  # the claim stands apart from the facts above it
        first = next(n for n, line in enumerate(lines) if line.startswith("▌ 1  predicts"))
        assert lines[first - 1] == ""  # a blank line before each citation
        assert lines[first + 1].startswith("▌ “Fishing crews will almost certainly move north")
        second = next(n for n, line in enumerate(lines) if line.startswith("▌ 2  doubts"))
        assert lines[second - 1] == ""
        assert all(line.startswith("▌") for line in lines[first : second - 1])


async def test_a_burst_of_keys_shows_the_last_node() -> None:
    async with explore() as (app, pilot):
        pane = main_screen(app).query_one(DetailPane)
        await pilot.press(*"jjjjj")
        await pilot.pause()
        tree = tree_of(app)
        assert pane.is_current and pane.node_id == tree.cursor_id == "tourism-boom"
        assert tree.index.nodes["tourism-boom"].claim in detail_text(app)


async def test_a_scrollbar_is_shown_exactly_when_the_details_do_not_fit() -> None:
    """The pane decides its scrollable height itself: a node taller than the pane scrolls (its
    lines laid out beside the scrollbar), a node that fits shows none, whichever came before."""
    async with explore(size=(120, 18)) as (app, pilot):
        pane = main_screen(app).query_one(DetailPane)
        seen = set()
        for key in ["j"] * 6 + ["home", "end"]:
            await press(pilot, key)
            await pilot.pause()
            taller = pane.spans[-1][1] > pane.content_region.height
            seen.add(taller)
            assert pane.show_vertical_scrollbar == taller, pane.node_id
            width = pane.scrollable_content_region.width
            assert {pane.render_line(y).cell_length for y in range(pane.size.height)} == {width}
        assert seen == {True, False}  # both cases met on the way


async def test_tab_steps_through_citations_and_links_then_leaves_the_pane() -> None:
    """As Tab went through a widget per citation and link: the pane first, each citation, each
    link, then on to the next widget; Shift+Tab back the same way."""
    async with explore(size=(120, 40)) as (app, pilot):
        await press(pilot, "j", "j", "j")  # crews-stay: one citation, one see-also link
        screen = main_screen(app)
        pane = screen.query_one(DetailPane)
        steps = []
        for _ in range(4):
            await press(pilot, "tab")
            part = pane.chosen_part
            steps.append((app.focused is pane, part and (part.kind, part.node_id, part.number)))
        assert steps == [
            (True, None),
            (True, (PartKind.CITATION, "crews-stay", 1)),
            (True, (PartKind.LINK, "crews-move", 0)),
            (False, None),  # on to the next widget
        ]
        await press(pilot, "shift+tab", "tab", "tab", "shift+tab", "shift+tab")
        assert app.focused is pane and pane.chosen_part is None  # the pane itself
        await press(pilot, "shift+tab")
        assert app.focused is not pane


async def test_the_citation_under_the_mouse_is_drawn_raised() -> None:
    async with explore(size=(120, 40)) as (app, pilot):
        await press(pilot, "j", "j")  # crews-move
        pane = main_screen(app).query_one(DetailPane)
        first = next(n for n, p in enumerate(pane.parts) if p.kind is PartKind.CITATION)
        row = pane.spans[first][0]
        plain_line = pane.render_line(row)
        await pilot.hover(pane, offset=(5, row))
        raised = pane.render_line(row)
        assert raised.text == plain_line.text and raised != plain_line  # same words, other style
        await pilot.hover(pane, offset=(5, pane.spans[0][0]))  # on the title: nothing raised
        assert pane.render_line(row) == plain_line


async def test_another_theme_redraws_the_details_in_its_colours() -> None:
    async with explore(size=(120, 40)) as (app, pilot):
        await press(pilot, "j", "j")
        pane = main_screen(app).query_one(DetailPane)
        before = [pane.render_line(y) for y in range(pane.size.height)]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        after = [pane.render_line(y) for y in range(pane.size.height)]
        assert [s.text for s in after] == [s.text for s in before] and after != before


async def test_a_quote_can_be_selected_with_the_mouse_and_its_text_is_what_is_drawn() -> None:
    """Dragging over the details selects their text, as it did when each part was a Static: the
    cells drawn selected, the text copied without the citations' edges."""
    async with explore(size=(120, 40)) as (app, pilot):
        await press(pilot, "j", "j")  # crews-move
        pane = main_screen(app).query_one(DetailPane)
        lines = pane_lines(app)
        row = next(n for n, line in enumerate(lines) if "“Fishing crews" in line)
        start = lines[row].index("“")  # the pane's padding is one cell: offsets below add it
        await pilot.mouse_down(pane, offset=(start + 1, row))
        await pilot.hover(pane, offset=(start + 1 + len("“Fishing crews"), row))
        await pilot.mouse_up(pane, offset=(start + 1 + len("“Fishing crews"), row))
        await pilot.pause()
        selected = app.screen.get_selected_text()
        assert selected is not None and selected.startswith("“Fishing crews")
        selected_line = pane.render_line(row)
        app.screen.clear_selection()
        await pilot.pause()
        plain_line = pane.render_line(row)
        assert selected_line.text == plain_line.text and selected_line != plain_line
