"""Walk mode: choose at each step, step back, restart, start from a node, and the summary."""

from __future__ import annotations

from explorer.reading.bundled import bundled_scenarios
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.walk import WalkScreen
from explorer.tui.widgets.breadcrumb import Breadcrumb
from explorer.tui.widgets.labels import one_line, shorten
from explorer.tui.widgets.walk import (
    QUOTE_WIDTH,
    ChoiceList,
    LikelihoodTable,
    StepHeader,
    WalkSummary,
)

from .helpers import HOSTILE, explore, main_screen, plain, press, tree_of


def walk_screen(app: ExplorerApp) -> WalkScreen:
    assert isinstance(app.screen, WalkScreen)
    return app.screen


def choices(app: ExplorerApp) -> list[str]:
    return [plain(o.prompt) for o in walk_screen(app).query_one(ChoiceList).options]


async def test_choose_by_number_and_enter_step_back_and_restart() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "w")
        screen = walk_screen(app)
        assert screen.path == ["harbour-closed"]
        header = plain(screen.query_one(StepHeader).content)
        assert header.startswith("Step 1  • The council closes the old harbour\n")
        assert "Consequences, which may happen together: follow one (1–2 or Enter)." in header
        assert [c.split("\n")[0] for c in choices(app)] == [
            "1 ? Do the fishing crews leave?",
            "2 ? What becomes of the waterfront?",
        ]
        await press(pilot, "1")
        assert screen.path == ["harbour-closed", "crews"]
        assert "Competing alternatives: choose one (1–2 or Enter)." in plain(
            screen.query_one(StepHeader).content
        )
        assert choices(app)[0] == (
            "1 • Crews move north\n"
            "    AG Ada Gale  predicts · “almost certainly”: almost certain (95–99 %)\n"
            "      “Fishing crews will almost certainly move north within a year”\n"
            "    ¬LW Ledger Weekly (author not named)  doubts · “unlikely”: unlikely (20–45 %)"
            "\n      “The crews are unlikely to leave”"
        )
        assert choices(app)[1] == (
            "2 • Crews stay and fight\n"
            "    MQ Mara Quay  predicts · “will”: almost certain (95–99 %)\n"
            "      “We will stay and fight the decision”"
        )
        await press(pilot, "9")  # no ninth choice: nothing moves
        assert screen.path == ["harbour-closed", "crews"]
        await press(pilot, "down", "enter")  # the highlighted one: a leaf
        assert screen.path[-1] == "crews-stay" and screen.at_end
        assert screen.has_class("-end") and app.focused is screen.query_one(WalkSummary)
        await press(pilot, "backspace")
        assert screen.path == ["harbour-closed", "crews"]
        assert screen.query_one(ChoiceList).highlighted == 1  # back where we left
        await press(pilot, "up", "enter")
        assert screen.path[-1] == "crews-move"
        assert screen.query_one(Breadcrumb).plain.endswith("› • Crews move north")
        await press(pilot, "R")
        assert screen.path == ["harbour-closed"]
        await press(pilot, "backspace")  # nothing before the trigger
        assert screen.path == ["harbour-closed"]
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert tree_of(app).cursor_id == "harbour-closed"


async def test_a_walk_from_the_selected_node_ends_in_a_summary_with_the_doubts() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "W")  # from crews-move
        screen = walk_screen(app)
        assert screen.path == ["harbour-closed", "crews", "crews-move"]
        await press(pilot, "1")
        assert screen.path[-1] == "boatyards-follow" and screen.at_end
        assert "The end of this path" in plain(screen.query_one(StepHeader).content)
        summary = screen.query_one(WalkSummary).plain
        assert summary.startswith("1 • The council closes the old harbour\nArgued by:\n")
        assert (
            "3 • Crews move north\n"
            "Argued by:\n"
            "AG Ada Gale  predicts · “almost certainly”: almost certain (95–99 %)\n"
            "“Fishing crews will almost certainly move north within a year”\n"
            "The harbour closes · The Harbour Gazette · 2021-03-02 · opinion\n"
            "Argued against (doubts):\n"
            "¬LW Ledger Weekly (author not named)  doubts · “unlikely”: unlikely (20–45 %)\n"
            "“The crews are unlikely to leave”\n"
            "A mistake at the harbour · Ledger Weekly · 2021-03 · analysis\n"
        ) in summary
        assert "Not taken: Crews stay and fight MQ" in summary
        assert summary.endswith(
            "“and the boatyards could follow them”\n"
            "The harbour closes · The Harbour Gazette · 2021-03-02 · opinion"
        )
        # Per person, per step: their band, "not stated", blank where they did not argue it.
        table = screen.query_one(LikelihoodTable)
        assert table.by_voice() == {
            "ada-gale": [
                "not stated",
                "not stated",
                "almost certain (95–99 %)",
                "possible (no probability stated)",
            ],
            "source:ledger": ["", "", "¬ unlikely (20–45 %)", ""],
        }
        await press(pilot, "T")  # show the step in the tree
        assert isinstance(app.screen, MainScreen)
        assert tree_of(app).cursor_id == "boatyards-follow"
        assert main_screen(app).selected_id == "boatyards-follow"


async def test_a_walk_shows_markup_in_the_yaml_literally() -> None:
    async with explore(HOSTILE) as (app, pilot):
        await press(pilot, "w")
        assert choices(app)[0].startswith("1 ? Do the [bold]crews[/italic] leave? [@click")
        await press(pilot, "1", "1", "1")
        summary = walk_screen(app).query_one(WalkSummary).plain
        assert "• Boatyards [link=https://example.com]follow[/link]" in summary
        assert "Ada [i]Gale[/i]" in summary
        assert app.is_running


async def test_each_voice_shows_its_quote_shortened_and_v_shows_it_whole() -> None:
    async with explore(bundled_scenarios(), size=(80, 24)) as (app, pilot):
        await press(pilot, "w")
        screen = walk_screen(app)
        first = screen.index.nodes[screen.query_one(ChoiceList).choice_ids[0]]
        quotes = [one_line(c.quote) for c in first.citations]
        assert any(len(q) > QUOTE_WIDTH for q in quotes)
        lines = choices(app)[0].split("\n")
        shown = [line.strip() for line in lines if line.startswith("      “")]
        assert shown == [f"“{shorten(q, QUOTE_WIDTH)}”" for q in quotes]
        assert all(len(line) <= QUOTE_WIDTH + 2 for line in shown)
        await press(pilot, "down", "v")
        assert screen.query_one(ChoiceList).highlighted == 1  # the reader keeps their place
        lines = choices(app)[0].split("\n")
        assert [line.strip() for line in lines if line.startswith("      “")] == [
            f"“{q}”" for q in quotes
        ]
        await press(pilot, "v")
        assert f"“{shorten(quotes[0], QUOTE_WIDTH)}”" in choices(app)[0]
