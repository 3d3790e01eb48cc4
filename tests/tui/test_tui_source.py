"""The source view: the seed with the quote highlighted and in view; back keeps the tree."""

from __future__ import annotations

import shutil
from pathlib import Path

from explorer.tui.app import ExplorerApp
from explorer.tui.messages import SourceOpened
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.pick import CitationPicker
from explorer.tui.screens.source import SourceHeader, SourceScreen
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.detail_parts import PartKind
from explorer.tui.widgets.seed_view import SeedView

from .helpers import (
    BROKEN,
    MINI,
    chosen,
    explore,
    main_screen,
    numbered_parts,
    plain,
    press,
    tree_of,
)


def seed_view(app: ExplorerApp) -> SeedView:
    assert isinstance(app.screen, SourceScreen)
    return app.screen.query_one(SeedView)


def header(app: ExplorerApp) -> str:
    return plain(app.screen.query_one(SourceHeader).content)


async def test_s_opens_the_seed_with_the_quote_highlighted_and_escape_comes_back() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "s")
        assert isinstance(app.screen, SourceScreen)
        assert len(app.screen_stack) == 3  # loading (below), main, source
        view = seed_view(app)
        # Shown in the seed's own characters (a curly apostrophe where the YAML has ').
        assert view.highlighted_text() == (
            "The council’s decision to close the old harbour will reshape the town."
        )
        assert view.seed.text.startswith("The Harbour Gazette — Opinion")
        assert "The harbour closes\nThe Harbour Gazette · 2021-03-02 · opinion" in header(app)
        assert "(line 3, highlighted)" in header(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert tree_of(app).cursor_id == "harbour-closed"


async def test_number_keys_open_one_of_several_citations() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "2")  # crews-move, its second citation
        assert seed_view(app).highlighted_text() == "The crews are unlikely to leave"
        assert "Citation 2: “The crews are unlikely to leave”" in header(app)
        assert "author not named" in header(app)
        await press(pilot, "backspace")
        assert isinstance(app.screen, MainScreen)
        await press(pilot, "9")  # no ninth citation: stays
        assert isinstance(app.screen, MainScreen)


async def test_s_on_several_citations_lets_the_reader_pick() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "s")
        assert isinstance(app.screen, CitationPicker)
        await press(pilot, "down", "enter")
        assert seed_view(app).highlighted_text() == "The crews are unlikely to leave"
        await press(pilot, "escape")
        await press(pilot, "s", "escape")  # cancel the picker
        assert isinstance(app.screen, MainScreen)


async def test_enter_or_a_click_on_a_citation_opens_it() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "j", "j")
        await press(pilot, "tab", "tab", "tab")  # the pane, its first citation, the second
        part = chosen(app)
        assert part is not None and (part.node_id, part.number) == ("crews-move", 2)
        await press(pilot, "enter")
        assert seed_view(app).highlighted_text() == "The crews are unlikely to leave"
        await press(pilot, "escape")
        main_screen(app).scenario_tree.focus()
        await pilot.pause()
        pane = main_screen(app).query_one(DetailPane)
        first = numbered_parts(app, PartKind.CITATION)[0]
        row = pane.spans[first][0]  # the citation's first line, inside the pane
        await pilot.click(pane, offset=(4, row))
        await pilot.pause()
        assert "almost certainly move north" in seed_view(app).highlighted_text()


async def test_back_returns_to_the_same_node_filter_and_open_branches() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "l", "l")  # boatyards-follow, crews-move open
        await press(pilot, "p", "enter", "escape")  # Ada's filter
        tree = tree_of(app)
        before = (tree.cursor_id, tree.shown_ids(), main_screen(app).person_focus)
        await press(pilot, "s")
        assert "could follow them" in seed_view(app).highlighted_text()
        await press(pilot, "escape")
        assert (tree.cursor_id, tree.shown_ids(), main_screen(app).person_focus) == before
        assert app.focused is tree


async def test_a_quote_far_down_a_long_seed_is_scrolled_into_view(tmp_path: Path) -> None:
    corpus = tmp_path / "mini"
    shutil.copytree(MINI, corpus)
    ledger = corpus / "seeds" / "ledger.txt"
    filler = "".join(f"Paragraph {i} of filler about the harbour.\n\n" for i in range(200))
    ledger.write_text(filler + ledger.read_text(encoding="utf-8"), encoding="utf-8")

    async with explore(corpus, size=(80, 24)) as (app, pilot):
        await press(pilot, "end", "s")  # waterfront-idle: "The promenade has no budget."
        await pilot.pause()
        view = seed_view(app)
        assert view.highlighted_text() == "The promenade has no budget."
        line = view.line_of(view.matches[0].start)
        assert line > 400
        assert view.scroll_y > 0
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def test_a_quote_missing_from_its_seed_is_said_so() -> None:
    async with explore(BROKEN) as (app, pilot):
        await press(pilot, "j", "j", "j", "s")  # crews-stay: its quote is not in the seed
        assert isinstance(app.screen, SourceScreen)
        assert "1 quote not found in the seed" in header(app)
        assert seed_view(app).highlighted_text() == ""


async def test_n_moves_between_the_quotes_of_a_source() -> None:
    async with explore() as (app, pilot):
        screen = main_screen(app)
        screen.post_message(SourceOpened("ledger"))
        await pilot.pause()
        await pilot.pause()
        view = seed_view(app)
        assert len(view.matches) == 4
        assert view.current == 0
        await press(pilot, "n")
        assert view.current == 1
