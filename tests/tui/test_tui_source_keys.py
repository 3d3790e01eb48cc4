"""The source view's keys: it answers at once after a cite, the cite dialog's dropdowns stay in
its border, `/` searches the article; on the main screen, `r` reaches the see-also links."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Spacing
from textual.widgets import Label, Select

from explorer.tui.app import ExplorerApp
from explorer.tui.messages import SourceOpened
from explorer.tui.screens.cite import CiteDialog
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.detail_parts import PartKind
from explorer.tui.widgets.find_bar import FindBar
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.seed_view import SeedView
from explorer.tui.widgets.tree_splice import FooterKey
from tests.shared import BUNDLED, ROOT, copy_bundled

from .helpers import chosen, explore, main_screen, plain, press
from .test_tui_cite import SENTENCE, selected, until, view_of
from .test_tui_first_session_pickers import footer_keys

NEXT_SENTENCE = "Some say the closure “opens"


async def test_after_a_cite_and_its_reload_the_text_has_the_focus_and_answers(
    mini_copy: Path,
) -> None:
    async with explore(mini_copy) as (app, pilot):
        await press(pilot, "j", "j", "1", "right_square_bracket")
        assert selected(app) == SENTENCE
        await press(pilot, "c")
        assert isinstance(app.screen, CiteDialog)
        await press(pilot, "tab", "tab", "tab", "tab", "enter")  # to, stance, hedge, voice: Cite
        assert isinstance(app.screen, SourceScreen)

        def reloaded() -> bool:
            return len(main_screen(app).index.nodes["crews-move"].citations) == 3

        await until(pilot, reloaded)
        await pilot.pause()
        assert isinstance(app.focused, SeedView)
        # The passage just cited is the quote shown; `]` goes on from it, `[` back before it.
        view = view_of(app)
        assert view.seed.text[view.matches[view.current].start :].startswith(SENTENCE)
        await press(pilot, "right_square_bracket")
        assert selected(app).startswith(NEXT_SENTENCE)
        await press(pilot, "c")
        assert isinstance(app.screen, CiteDialog)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(
    ("choice", "to_child"),
    [
        ("#cite-to", False),
        ("#cite-stance", False),
        ("#cite-hedge", False),
        ("#cite-voice", False),
        ("#cite-voice", True),  # the last list, under the most rows
    ],
)
async def test_the_cite_dialogs_dropdowns_open_inside_its_border(
    tmp_path: Path, size: tuple[int, int], choice: str, to_child: bool
) -> None:
    # The bundled corpus: its many people make a long list of voices.
    async with explore(copy_bundled(tmp_path), size=size, live=False) as (app, pilot):
        await press(pilot, "j", "1", "right_square_bracket", "c")
        assert isinstance(app.screen, CiteDialog)
        if to_child:  # two more rows: a title and a claim
            await press(pilot, "enter", "down", "enter")
            assert app.screen.query_one("#cite-title").display
        select = app.screen.query_one(choice, Select)
        select.focus()
        await press(pilot, "enter")
        overlay = select.query_one("SelectOverlay")  # the list
        assert select.expanded
        await pilot.pause()
        inside = app.screen.query_one("#cite-dialog").region.shrink(Spacing.all(1))
        assert overlay.region.height >= min(len(select._options), 8)  # its options are shown
        assert inside.contains_region(overlay.region), (overlay.region, inside)
        await press(pilot, "escape")  # the list closes, the dialog stays
        assert not select.expanded
        assert isinstance(app.screen, CiteDialog)


def found_text(app: ExplorerApp) -> list[str]:
    view = view_of(app)
    return [view.seed.text[a:b] for a, b in view.found]


def shown_match(app: ExplorerApp) -> str:
    view = view_of(app)
    start, end = view.found[view.found_current]
    return view.seed.text[start:end]


def find_count(app: ExplorerApp) -> str:
    return plain(app.screen.query_one("#find-count", Label).content)


async def test_slash_searches_the_article_and_n_goes_through_the_matches() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "1")
        assert isinstance(app.screen, SourceScreen)
        assert "n Next match" not in footer_keys(app)
        await press(pilot, "slash")
        bar = app.screen.query_one(FindBar)
        assert bar.display and app.focused is bar.input
        await press(pilot, *"COUNCIL")  # case does not matter
        assert found_text(app) == ["council", "council"]
        assert (shown_match(app), find_count(app)) == ("council", "1 of 2")
        await press(pilot, "enter")  # the next one
        assert find_count(app) == "2 of 2"
        await press(pilot, "escape")  # the line closes; the matches stay, the text has the keys
        assert not bar.display and isinstance(app.focused, SeedView)
        keys = footer_keys(app)
        assert "n Next match" in keys and "N Previous match" in keys
        assert "escape End search" in keys
        await press(pilot, "n")  # round to the first
        assert (view_of(app).found_current, find_count(app)) == (0, "1 of 2")
        await press(pilot, "N")
        assert view_of(app).found_current == 1
        await press(pilot, "right_square_bracket")  # the sentence around the match shown
        assert selected(app) == "That is likely, but only if the council funds the promenade."
        await press(pilot, "escape", "escape")  # the selection goes, then the search
        assert view_of(app).found == () and isinstance(app.screen, SourceScreen)
        assert "n Next match" not in footer_keys(app)
        await press(pilot, "slash", *"council's")  # a straight apostrophe finds a curly one
        assert found_text(app) == ["council’s"]
        await press(pilot, "backspace", "backspace", "x")
        assert (found_text(app), find_count(app)) == ([], "not found")
        await press(pilot, "escape", "escape", "escape")
        assert not isinstance(app.screen, SourceScreen)


async def test_n_goes_through_the_quotes_when_no_search_is_on() -> None:
    async with explore() as (app, pilot):
        main_screen(app).post_message(SourceOpened("gazette"))  # every quote from the seed
        await pilot.pause()
        view = view_of(app)
        assert len(view.matches) > 1
        assert "n Next quote" in footer_keys(app)
        await press(pilot, "n")
        assert view.current == 1
        await press(pilot, "N")
        assert view.current == 0
        await press(pilot, "slash", *"harbour", "escape")
        assert "n Next quote" not in footer_keys(app)
        await press(pilot, "n")
        assert view.current == 0 and view.found_current == 1


async def test_the_match_shown_is_scrolled_into_view(tmp_path: Path) -> None:
    async with explore(copy_bundled(tmp_path), size=(80, 24), live=False) as (app, pilot):
        await press(pilot, "j", "1")
        view = view_of(app)
        # A phrase from the end of the article, far below the quote shown.
        phrase = " ".join(view.seed.text.split()[-6:-1])
        assert view.line_of(len(view.seed.text)) > view.scroll_y + 2 * view.size.height
        await press(pilot, "slash", *phrase)
        assert view.found
        line = view.line_of(view.found[0][0])
        assert view.scroll_y <= line < view.scroll_y + view.size.height


async def test_a_search_starts_from_the_top_of_the_view(tmp_path: Path) -> None:
    async with explore(copy_bundled(tmp_path), size=(80, 24), live=False) as (app, pilot):
        await press(pilot, "j", "1")
        view = view_of(app)
        assert view.scroll_y > 0  # opened at its quote, below the article's first lines
        top = view.first_line_shown()
        assert top > 0 and view.line_of(top) <= view.scroll_y
        text = view.seed.text.lower()
        word = next(w for w in ("iran", "the") if 0 <= text.find(w) < top < text.rfind(w))
        await press(pilot, "slash", *word)
        after = [number for number, (start, _) in enumerate(view.found) if start >= top]
        assert after and after[0] > 0  # matches above the view are skipped, not lost
        assert view.found_current == after[0]
        assert find_count(app) == f"{after[0] + 1} of {len(view.found)}"
        await press(pilot, "escape", "N")  # the line closes; the one above is a key away
        assert view.found[view.found_current][0] < top


def notes(app: ExplorerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def related_key(app: ExplorerApp) -> FooterKey:
    footer = main_screen(app).query_one(FittingFooter)
    return next(key for key in footer.query(FooterKey) if key.description == "Related")


async def test_the_footer_lights_r_only_on_a_node_with_see_also_links() -> None:
    async with explore(ROOT / "scenarios" / BUNDLED, size=(160, 40), live=False) as (app, pilot):
        screen = main_screen(app)
        footer = screen.query_one(FittingFooter)
        assert "r Related" in footer_keys(app)
        related = related_key(app)
        assert related.display and related.has_class("-disabled")  # the trigger has no link
        keys = list(footer.query(FooterKey))
        screen.go_to("iraq-vote")
        await until(pilot, lambda: not related_key(app).has_class("-disabled"), timeout=5)
        await press(pilot, "g")  # the trigger again: no link
        assert not screen.index.nodes[screen.here].see_also
        await until(pilot, lambda: related_key(app).has_class("-disabled"), timeout=5)
        # Dimmed and lit in place: the footer did not mount its keys anew (nor lay out the
        # screen) for a cursor move.
        assert list(footer.query(FooterKey)) == keys
        await press(pilot, "r")
        assert "This node has no see-also link to a related node." in notes(app)


async def test_a_dimmed_key_gives_way_first_in_a_narrow_footer() -> None:
    async with explore(ROOT / "scenarios" / BUNDLED, size=(80, 24), live=False) as (app, _):
        footer = main_screen(app).query_one(FittingFooter)
        assert related_key(app).has_class("-disabled")
        # Before the Quit key in order, the dimmed key is the one left out.
        assert "q Quit" in footer.shown_keys and "r Related" not in footer.shown_keys
        order = [key.description for key in footer.query(FooterKey)]
        assert order.index("Related") < order.index("Quit")


async def test_a_key_too_wide_for_the_room_left_does_not_hide_a_later_one_that_fits() -> None:
    """At 80 columns, on a node with see-also links, `r Related` is lit and does not fit: the
    keys after it that fit (`q Quit`) still show, and every key shown is whole."""
    async with explore(ROOT / "scenarios" / BUNDLED, size=(80, 24), live=False) as (app, pilot):
        screen = main_screen(app)
        footer = screen.query_one(FittingFooter)
        screen.go_to("iraq-vote")
        await until(pilot, lambda: not related_key(app).has_class("-disabled"), timeout=5)
        await pilot.pause()
        assert "q Quit" in footer.shown_keys
        shown = [key for key in footer.query(FooterKey) if key.display]
        assert all(key.region.right <= 80 for key in shown)


def chosen_link(app: ExplorerApp) -> str | None:
    part = chosen(app)
    return part.node_id if part is not None and part.kind is PartKind.LINK else None


async def test_r_goes_through_the_see_also_links_and_enter_follows_one() -> None:
    async with explore(ROOT / "scenarios" / BUNDLED, size=(120, 40), live=False) as (app, pilot):
        screen = main_screen(app)
        assert not screen.index.nodes[screen.here].see_also  # the trigger has none: r says so
        await press(pilot, "r")
        assert "This node has no see-also link to a related node." in notes(app)
        assert app.focused is screen.scenario_tree
        # A node of four citations (four Tab stops before its first link) and three links.
        screen.go_to("iraq-vote")
        screen.action_related()  # as a key typed ahead: the node's details are not drawn yet
        await until(pilot, lambda: chosen_link(app) is not None, timeout=5)
        targets = ["us-leverage-lost", "moderate-shia-influence-ends", "us-troops-stay"]
        for target in [*targets, targets[0]]:  # round again after the last
            assert chosen_link(app) == target
            await press(pilot, "r")
        assert chosen_link(app) == targets[1]
        await press(pilot, "enter")
        assert screen.here == targets[1] and app.focused is screen.scenario_tree
