"""People: the list, a person's filter, collapsing to their paths, comparing two, clearing."""

from __future__ import annotations

from explorer.analysis.focus import Mark
from explorer.tui.app import ExplorerApp
from explorer.tui.widgets.legend import Legend
from explorer.tui.widgets.people import PeopleList

from .helpers import explore, label_text, main_screen, plain, press, tree_of

ALL_SHOWN = [
    "harbour-closed",
    "crews",
    "crews-move",
    "crews-stay",
    "waterfront",
    "tourism-boom",
    "waterfront-idle",
]


def people(app: ExplorerApp) -> PeopleList:
    return main_screen(app).query_one(PeopleList)


def legend(app: ExplorerApp) -> str:
    return plain(main_screen(app).query_one(Legend).content)


def prompts(app: ExplorerApp) -> list[str]:
    return [plain(option.prompt) for option in people(app).options]


async def test_p_shows_the_people_with_role_and_node_count() -> None:
    async with explore() as (app, pilot):
        assert not people(app).display
        await press(pilot, "p")
        assert people(app).display
        assert app.focused is people(app)
        assert prompts(app) == [
            "  AG Ada Gale\n  5 nodes · Columnist of the Harbour Gazette",
            "  MQ Mara Quay\n  1 node · Chair of the fishers' association",
            "  LW Ledger Weekly (author not named)\n  4 nodes · outlet",
        ]
        await press(pilot, "escape")
        assert not people(app).display
        focused: object = app.focused  # (mypy narrowed it to PeopleList above)
        assert focused is tree_of(app)


async def test_choosing_a_person_marks_their_nodes_and_dims_the_rest() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "p", "enter")  # Ada Gale
        screen = main_screen(app)
        assert screen.person_focus.people == ("ada-gale",)
        view = tree_of(app).view
        assert view.mark("crews-move") is Mark.FOR
        assert view.mark("waterfront-idle") is None
        assert view.dimmed("waterfront-idle")
        assert view.dimmed("crews-stay")
        assert not view.dimmed("waterfront")  # on the path to a node she argues
        assert label_text(app, "crews-move").startswith("● • Crews move north")
        assert label_text(app, "waterfront-idle").startswith("  • The waterfront")
        assert prompts(app)[0].startswith("● AG Ada Gale")
        assert "AG Ada Gale:  ● argues for  ¬ argues against" in legend(app)
        # The tree is unchanged, only marked.
        assert tree_of(app).shown_ids() == ALL_SHOWN


async def test_a_person_who_only_argues_against_a_node_is_marked_against() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "p", "down", "down", "enter")  # Ledger Weekly
        view = tree_of(app).view
        assert main_screen(app).person_focus.people == ("source:ledger",)
        assert view.mark("crews-move") is Mark.AGAINST
        assert view.mark("waterfront-idle") is Mark.FOR
        assert label_text(app, "crews-move").startswith("¬ • Crews move north")


async def test_c_collapses_the_tree_to_the_persons_paths_and_back() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "p", "enter", "escape")  # Ada Gale
        await press(pilot, "z")
        tree = tree_of(app)
        assert main_screen(app).person_focus.collapsed
        assert tree.shown_ids() == [
            "harbour-closed",
            "crews",
            "crews-move",
            "boatyards-follow",
            "waterfront",
            "tourism-boom",
        ]
        assert "collapsed to their paths" in legend(app)
        await press(pilot, "z")
        assert not main_screen(app).person_focus.collapsed
        shown = tree.shown_ids()
        assert set(ALL_SHOWN) <= set(shown)
        assert "boatyards-follow" in shown  # what the paths opened stays open


async def test_collapsing_keeps_the_cursor_on_a_kept_node() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "end")  # waterfront-idle, which Mara does not argue
        await press(pilot, "p", "down", "enter", "escape", "z")
        tree = tree_of(app)
        assert tree.shown_ids() == ["harbour-closed", "crews", "crews-stay"]
        assert tree.cursor_id == "harbour-closed"


async def test_a_second_person_compares_and_x_clears() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "p", "enter", "down", "down", "enter")  # Ada, then Ledger
        screen = main_screen(app)
        assert screen.person_focus.people == ("ada-gale", "source:ledger")
        view = tree_of(app).view
        assert view.comparison is not None
        assert view.mark("boatyards-follow") is Mark.ONLY_A
        assert view.mark("waterfront-idle") is Mark.ONLY_B
        assert view.mark("crews-move") is Mark.OPPOSED  # she predicts, it doubts
        assert view.mark("tourism-boom") is Mark.OPPOSED
        assert view.mark("crews-stay") is None
        assert label_text(app, "crews-move").startswith("≠  • Crews move north")
        assert label_text(app, "waterfront-idle").startswith("B  • The waterfront")
        text = legend(app)
        for words in ("A AG Ada Gale", "B LW Ledger Weekly", "only A", "only B", "both"):
            assert words in text
        assert "≠ they take opposite sides" in text
        assert [p.split("\n")[0][:1] for p in prompts(app)] == ["A", " ", "B"]
        await press(pilot, "escape", "x")
        assert not screen.person_focus.active
        assert tree_of(app).view.mark("crews-move") is None
        assert label_text(app, "crews-move") == "• Crews move north  AG ¬LW  (2)"


async def test_choosing_a_chosen_person_again_unchooses_them() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "p", "enter")
        assert main_screen(app).person_focus.people == ("ada-gale",)
        await press(pilot, "enter")
        assert main_screen(app).person_focus.people == ()


async def test_the_clear_and_collapse_keys_are_offered_only_with_a_filter() -> None:
    async with explore() as (app, pilot):
        screen = main_screen(app)
        assert not screen.check_action("clear_focus", ())
        assert not screen.check_action("collapse", ())
        await press(pilot, "x", "z")  # nothing to clear or collapse
        assert not screen.person_focus.active
        await press(pilot, "p", "enter")
        assert screen.check_action("clear_focus", ())


async def test_a_click_on_a_person_chooses_them() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "p")
        await pilot.click(PeopleList, offset=(6, 3))  # border, Ada (2 lines), Mara
        await pilot.pause()
        assert main_screen(app).person_focus.people == ("mara-quay",)


async def test_comparing_two_marks_a_node_one_of_them_argues_against() -> None:
    """Mara Quay (A) against Ledger Weekly (B): the Ledger doubts 'Crews move north' and Mara
    Quay is silent there; the node is marked ¬B, as a one-person filter marks it ¬."""

    async with explore() as (app, pilot):
        await press(pilot, "p", "down", "enter", "down", "enter")
        assert main_screen(app).person_focus.people == ("mara-quay", "source:ledger")
        view = tree_of(app).view
        assert view.mark("crews-move") is Mark.AGAINST_B
        assert label_text(app, "crews-move").startswith("¬B • Crews move north")
        # Marks of one column line up with those of two.
        assert label_text(app, "waterfront-idle").startswith("B  • ")
        assert "¬B only B, against" in legend(app)
