"""The app as a whole: help, quit, theme, layout, NO_COLOR, hostile text, broken corpora."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

import explorer.tui
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.failed import LoadFailedScreen
from explorer.tui.screens.help import HelpScreen, bindings_of, help_description
from explorer.tui.screens.loading import LoadingScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.breadcrumb import Breadcrumb
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.diagnostics import DiagnosticsPanel
from explorer.tui.widgets.labels import text_style
from explorer.tui.widgets.people import PeopleList
from explorer.tui.widgets.scenario_tree import ScenarioTree
from explorer.tui.widgets.seed_view import SeedView

from .helpers import (
    BROKEN,
    HOSTILE,
    MINI,
    UNREADABLE,
    detail_text,
    explore,
    label_text,
    loaded,
    main_screen,
    plain,
    press,
    tree_of,
)


async def test_help_lists_every_binding_of_every_screen_and_widget() -> None:
    async with explore(size=(100, 40)) as (app, pilot):
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.help_text().plain
        checked = 0
        for title, classes, extra in app.help_sections():
            assert title in text
            for cls in classes:
                for binding in [*bindings_of(cls), *extra]:
                    assert help_description(binding) in text, binding
                    assert app.get_key_display(binding) in text, binding
                    checked += 1
        assert checked > 40
        for phrase in (
            "Collapse to the chosen",
            "Open the source of citation 1–9",
            "Back",
            "Tree pane larger",
            "go to the linked node",
        ):
            assert phrase in text
        shown = plain(app.screen.query_one("#help-text", Static).content)
        assert shown == text
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        await press(pilot, "question_mark", "question_mark")
        assert isinstance(app.screen, MainScreen)


def test_every_binding_is_declared_and_none_is_dispatched_in_on_key() -> None:
    package = Path(explorer.tui.__file__).parent
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert not names & {"on_key", "_on_key"}, path
    assert any(b.key == "question_mark" for b in bindings_of(ExplorerApp))
    assert {b.key for b in bindings_of(ScenarioTree)} >= {"j", "k", "h", "l", "enter", "space"}


async def test_q_quits_with_status_zero() -> None:
    async with explore() as (app, pilot):
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_t_switches_between_dark_and_light() -> None:
    async with explore() as (app, pilot):
        assert app.theme == "textual-dark"
        label = tree_of(app).label_of("crews")
        at = label.plain.index("AG")
        dark = label.get_style_at_offset(app.console, at)
        await press(pilot, "t")
        assert app.theme == "textual-light"
        assert not app.current_theme.dark
        light = tree_of(app).label_of("crews").get_style_at_offset(app.console, at)
        assert dark.color != light.color  # labels are rebuilt in the new theme's colours
        assert "Argued by: AG Ada Gale" in detail_text(app)
        await press(pilot, "t")
        assert app.theme == "textual-dark"


@pytest.mark.parametrize(("size", "narrow"), [((80, 24), True), ((200, 60), False)])
async def test_at_80_by_24_the_panes_stack_and_at_200_by_60_they_sit_side_by_side(
    size: tuple[int, int], narrow: bool
) -> None:
    async with explore(size=size) as (app, pilot):
        screen = main_screen(app)
        tree, detail = screen.query_one(ScenarioTree), screen.query_one(DetailPane)
        assert screen.has_class("-narrow") is narrow
        if narrow:
            assert detail.region.y > tree.region.y and detail.region.x == 0
        else:
            assert detail.region.x > tree.region.x + 40 and detail.region.y == tree.region.y
        assert detail.region.height >= 8 and tree.region.height >= 8
        await press(pilot, "p")
        people = screen.query_one(PeopleList)
        assert people.region.width > 0 and people.region.height >= 6
        assert detail.display is not narrow or not detail.region.height


async def test_no_color_is_respected_and_marks_do_not_need_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async with explore() as (app, pilot):
        assert app.no_color
        await press(pilot, "p", "enter", "down", "down", "enter")
        assert label_text(app, "crews-move").startswith("≠ ")
        assert "¬LW" in label_text(app, "tourism-boom")
        await press(pilot, "escape", "s")
        seed = app.screen.query_one(SeedView)
        assert text_style(seed, "seed-view--quote").reverse  # lit without colour


def _no_actions(text: object) -> bool:
    """No span of a Rich Text carries an action (`@click`) or a link."""
    from rich.text import Text

    assert isinstance(text, Text)
    for span in text.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(str(span.style))
        if style.link or any(key.startswith("@") for key in style.meta):
            return False
    return True


async def test_markup_in_the_yaml_is_shown_literally_and_triggers_nothing() -> None:
    async with explore(HOSTILE, size=(120, 40)) as (app, pilot):
        tree = tree_of(app)
        assert label_text(app, "harbour-closed").startswith(
            "• [@click=app.quit]The council closes the harbour[/]"
        )
        assert label_text(app, "crews").startswith(
            "? Do the [bold]crews[/italic] leave? [@click=app.quit]"
        )
        assert "Crews stay \\[escaped] and [$accent]fight" in label_text(app, "crews-stay")
        assert ":smile:" in label_text(app, "waterfront-idle")
        assert all(_no_actions(tree.label_of(i)) for i in tree.shown_ids())
        screen = main_screen(app)
        crumb = screen.query_one(Breadcrumb).plain
        assert crumb == "• [@click=app.quit]The council closes the harbour[/]"
        text = detail_text(app)
        assert "The council [b]votes[/b] to close the old harbour. [@click=app.bell]ring[/]" in text
        assert "Ada [i]Gale[/i] — [link=https://example.com]Columnist[/link]" in text
        assert "The [@click=app.quit]Harbour Gazette[/]" in text
        # Clicking on text that looks like an action does nothing but select.
        await pilot.click(ScenarioTree, offset=(8, 1))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        await press(pilot, "p")
        options = [plain(o.prompt) for o in screen.query_one(PeopleList).options]
        assert options[1].startswith("  QU [@click=app.quit]Mara[/] Quay")
        await press(pilot, "escape", "s")
        assert isinstance(app.screen, SourceScreen)
        seed = app.screen.query_one(SeedView)
        assert "[bold]decision[/italic]" in seed.highlighted_text()
        assert plain(seed.text_widget.content).startswith("The [@click=app.quit]Harbour")
        await pilot.click(SeedView, offset=(6, 0))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_a_corpus_with_errors_opens_with_its_diagnostics_shown() -> None:
    async with explore(BROKEN) as (app, pilot):
        screen = main_screen(app)
        panel = screen.query_one(DiagnosticsPanel)
        assert panel.display
        lines = panel.plain.splitlines()
        assert lines[0].endswith(
            "broken/crews.yaml:6:1: error E005: unknown field 'mood' in a node"
        )
        e011 = ": error E011: the quote is not in the seed 'ledger.txt'"
        assert any(e011 in line and "crews.yaml:44:16" in line for line in lines)
        assert tree_of(app).cursor_id == "harbour-closed"
        assert tree_of(app).has_focus  # the panel opened by itself
        await press(pilot, "d")  # goes to it
        assert panel.display and panel.has_focus
        await press(pilot, "d")  # hides it
        assert not panel.display and tree_of(app).has_focus
        await press(pilot, "d")
        assert panel.display and panel.has_focus


async def test_an_unreadable_corpus_shows_a_diagnostics_screen_and_q_exits_1() -> None:
    async with explore(UNREADABLE) as (app, pilot):
        assert isinstance(app.screen, LoadFailedScreen)
        text = app.screen.query_one(DiagnosticsPanel).plain
        assert "unreadable/corpus.yaml:4:5: error E001:" in text
        assert app.screen.query_one(Footer)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


MAIN_ACTIONS = {"q", "question_mark", "p", "s", "slash", "w", "m", "o", "a", "e"}


async def test_the_footer_lists_the_main_keys() -> None:
    async with explore() as (app, _pilot):
        shown = {
            key
            for key, active in app.screen.active_bindings.items()
            if active.binding.show and active.enabled
        }
        assert shown >= MAIN_ACTIONS


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=str)
async def test_at_80_columns_the_footer_shows_every_main_action_whole(
    size: tuple[int, int],
) -> None:
    async with explore(size=size) as (app, _pilot):
        keys = list(app.screen.query(FooterKey).results(FooterKey))
        whole = {
            key.key
            for key in keys
            if key.region.width and key.region.right <= size[0] and key.region.y == size[1] - 1
        }
        assert whole >= MAIN_ACTIONS, sorted(MAIN_ACTIONS - whole)


async def test_the_loading_screen_tells_how_many_tree_files_are_read_and_nodes_built() -> None:
    told: list[tuple[int, int, int]] = []

    app = ExplorerApp(MINI, live=False)
    show = LoadingScreen.show_progress

    def recorded(screen: LoadingScreen, read: int, files: int, nodes: int) -> None:
        told.append((read, files, nodes))
        show(screen, read, files, nodes)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LoadingScreen, "show_progress", recorded)
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            loading = app.screen_stack[0]
            assert isinstance(loading, LoadingScreen)
            shown = str(loading.query_one("#loading-progress", Static).render())
            corpus = app.live_corpus.session.corpus
            assert corpus is not None
            nodes = sum(1 for root in corpus.trigger.children for _ in root.walk())
            assert shown == f"2 of 2 tree files read, {nodes} nodes built"

    assert told[-1][:2] == (2, 2)  # the last report is always made
    assert [t[0] for t in told] == sorted(t[0] for t in told)
