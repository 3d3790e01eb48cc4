"""Editing under a running explorer: reloads keep the reader's place, broken edits lose nothing,
a corpus that cannot be opened opens once it is fixed, nothing is written. (The editor:
test_tui_editor.py; the loading screen: test_tui_loading_screen.py.)
"""

from __future__ import annotations

from pathlib import Path

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.failed import LoadFailedScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.breadcrumb import Breadcrumb
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.diagnostics import KEPT_NOTE, DiagnosticsPanel
from explorer.tui.widgets.legend import Legend
from explorer.tui.widgets.people import PeopleList
from tests.shared import copy_corpus

from .corpus_copy import replace, snapshot
from .helpers import MINI, detail_text, explore, label_text, main_screen, plain, press, tree_of

BOATYARDS = """    children:
      - id: boatyards-follow
        kind: event
        title: Boatyards follow the crews
        claim: The boatyards move north after the crews.
        citations:
          - source: gazette
            quote: and the boatyards could follow them
            stance: predicts
            likelihood: could
"""


# An unknown field on line 14, column 5 of crews.yaml.
BROKEN_TITLE = "    title: Gone\n    mood: grim\n"


def panel_of(app: ExplorerApp) -> DiagnosticsPanel:
    screen = app.live_corpus.screen
    assert screen is not None
    return screen.query_one(DiagnosticsPanel)


async def test_a_valid_change_shows_the_new_title_with_the_place_kept(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)

    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, "j", "j", "l", "l")  # open 'Crews move north', to its child
        await press(pilot, "p", "enter", "escape", "o")  # Ada Gale chosen; outcomes on
        tree = tree_of(app)
        assert tree.cursor_id == "boatyards-follow"
        expanded = tree.expanded_ids()
        assert "crews-move" in expanded
        replace(corpus / "crews.yaml", "title: Crews move north", "title: Crews head north")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        tree = tree_of(app)
        assert "Crews head north" in label_text(app, "crews-move")
        assert tree.cursor_id == "boatyards-follow" and tree.has_focus
        assert tree.expanded_ids() == expanded
        screen = main_screen(app)
        assert screen.person_focus.people == ("ada-gale",)
        assert tree.view.people == ("ada-gale",) and tree.hindsight
        assert "Crews head north" in label_text(app, "crews-move")
        legend = plain(screen.query_one(Legend).content)
        assert "Ada Gale" in legend and "Outcomes:" in legend
        assert "Crews head north" in screen.query_one(Breadcrumb).plain
        assert "Boatyards follow the crews" in detail_text(app)
        assert not screen.query_one(DiagnosticsPanel).display


async def test_a_reload_redraws_the_details_only_when_the_node_shown_changed(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(tmp_path)
    async with explore(corpus, size=(120, 40), live=False) as (app, pilot):
        await press(pilot, "j", "j")  # crews-move
        pane = main_screen(app).query_one(DetailPane)
        drawn = pane.render_line(0)
        replace(corpus / "waterfront.yaml", "title: A tourism boom", "title: A tourism surge")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert "A tourism surge" in label_text(app, "tourism-boom")
        assert pane.render_line(0) is drawn  # this node's lines stand as they were drawn
        replace(corpus / "crews.yaml", "title: Crews move north", "title: Crews head north")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert pane.render_line(0).text.startswith("• Crews head north")


async def test_the_people_and_the_legend_change_with_a_person_and_only_then(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(tmp_path)
    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, "p", "enter", "escape")  # Ada Gale chosen: the legend names her
        screen = main_screen(app)
        people, legend = screen.query_one(PeopleList), screen.query_one(Legend)
        # (A first reload may make the lines again: their colours were resolved while the list
        # had the focus, which tints them.)
        replace(corpus / "crews.yaml", "title: Crews move north", "title: Crews head north")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        options, said = list(people.options), legend.content
        replace(corpus / "waterfront.yaml", "title: A tourism boom", "title: A tourism surge")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert "A tourism surge" in label_text(app, "tourism-boom")
        assert len(people.options) == len(options) and all(  # the same lines, not made again
            a is b for a, b in zip(people.options, options, strict=True)
        )
        assert legend.content is said
        replace(corpus / "corpus.yaml", "name: Ada Gale", "name: Bea Hale")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert any("Bea Hale" in option.prompt.plain for option in people.options)  # type: ignore[union-attr]
        assert "Bea Hale" in plain(legend.content) and "Ada Gale" not in plain(legend.content)
        assert "BH" in label_text(app, "crews-move")


async def test_a_reload_when_nothing_changed_reads_nothing_and_changes_nothing(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(tmp_path)

    async with explore(corpus, live=False) as (app, _pilot):
        screen, index = main_screen(app), main_screen(app).index
        # The fingerprint of the first load covers the seeds too (they are named by it).
        assert app.live_corpus.session.read(settle=False) is None
        await app.live_corpus.reload(settle=False)
        assert main_screen(app) is screen and screen.index is index
        (corpus / "seeds" / "notes.md").write_text("not a seed of this corpus")
        assert app.live_corpus.session.read(settle=False) is None
        replace(corpus / "seeds" / "harbour.txt", "reshape", "remake")
        assert app.live_corpus.session.read(settle=False) is not None


async def test_when_the_selected_node_goes_its_nearest_surviving_ancestor_is_selected(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(tmp_path)

    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, "j", "j", "l", "l")
        assert tree_of(app).cursor_id == "boatyards-follow"
        replace(corpus / "crews.yaml", BOATYARDS, "")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert "boatyards-follow" not in main_screen(app).index.nodes
        assert tree_of(app).cursor_id == "crews-move"
        assert main_screen(app).selected_id == "crews-move"


async def test_a_broken_edit_keeps_the_tree_and_lists_the_error_until_it_is_fixed(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(tmp_path)
    crews = corpus / "crews.yaml"
    original = crews.read_text(encoding="utf-8")

    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, "j", "j")
        shown = main_screen(app).index
        replace(crews, "    title: Crews move north\n", BROKEN_TITLE)
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        screen = main_screen(app)
        assert screen.index is shown  # the last good corpus, as it was
        assert "Crews move north" in label_text(app, "crews-move")
        assert tree_of(app).cursor_id == "crews-move"
        panel = panel_of(app)
        assert panel.display
        first = panel.plain.splitlines()[0]
        assert "crews.yaml:14:5: error E005: unknown field 'mood'" in first, first
        assert KEPT_NOTE in str(panel.border_title)
        # Broken differently: not YAML at all. Still the same tree; the new error listed.
        crews.write_text(original.replace("title: Crews move north", "title: [Crews"))
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert main_screen(app).index is shown
        first = panel_of(app).plain.splitlines()[0]
        assert "crews.yaml:" in first and "error E001" in first, first
        # Fixed: the panel closes by itself, the tree is read anew.
        crews.write_text(original.replace("Crews move north", "Crews go north"))
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert main_screen(app).index is not shown
        assert "Crews go north" in label_text(app, "crews-move")
        assert not panel_of(app).display
        assert not any(d.is_error for d in panel_of(app).diagnostics)
        assert tree_of(app).cursor_id == "crews-move"


async def test_a_removed_tree_file_or_corpus_file_is_an_error_and_the_tree_stays(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(tmp_path)

    async with explore(corpus, live=False) as (app, pilot):
        shown = main_screen(app).index
        saved = (corpus / "waterfront.yaml").read_bytes()
        (corpus / "waterfront.yaml").unlink()
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert main_screen(app).index is shown
        assert "error E012" in panel_of(app).plain
        (corpus / "waterfront.yaml").write_bytes(saved)
        manifest = (corpus / "corpus.yaml").read_bytes()
        (corpus / "corpus.yaml").unlink()
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert main_screen(app).index is shown
        assert "corpus.yaml: error E012: cannot read the corpus" in panel_of(app).plain
        (corpus / "corpus.yaml").write_bytes(manifest)
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert not panel_of(app).display
        assert "tourism-boom" in main_screen(app).index.nodes


async def test_a_reload_under_the_source_view_shows_when_it_is_closed(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)

    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, "j", "j", "2")
        assert isinstance(app.screen, SourceScreen)
        replace(corpus / "crews.yaml", "title: Crews move north", "title: Crews head north")
        await app.live_corpus.reload(settle=False)
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert "Crews head north" in label_text(app, "crews-move")
        assert tree_of(app).cursor_id == "crews-move"


async def test_the_watcher_reloads_after_a_save(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)

    async with explore(corpus) as (app, pilot):
        await press(pilot, "j", "j")
        replace(corpus / "crews.yaml", "title: Crews move north", "title: Crews head north")
        for _ in range(200):
            if "Crews head north" in label_text(app, "crews-move"):
                break
            await pilot.pause(0.05)
        assert "Crews head north" in label_text(app, "crews-move")
        assert tree_of(app).cursor_id == "crews-move"
        # A seed is watched too: an edit that breaks a quote shows up in the panel.
        replace(corpus / "seeds" / "ledger.txt", "unlikely to leave", "sure to leave")
        for _ in range(200):
            if panel_of(app).display:
                break
            await pilot.pause(0.05)
        assert "error E011" in panel_of(app).plain


async def test_a_corpus_that_cannot_be_opened_opens_once_it_is_fixed(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    manifest = corpus / "corpus.yaml"
    replace(manifest, "title: After the harbour closes", "title: [After the harbour")

    async with explore(corpus, live=False) as (app, pilot):
        assert isinstance(app.screen, LoadFailedScreen)
        assert "error E001" in panel_of(app).plain
        replace(manifest, "title: [After the harbour", "title: [Still broken")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert isinstance(app.screen, LoadFailedScreen)
        assert "error E001" in panel_of(app).plain
        replace(manifest, "title: [Still broken", "title: Fixed at last")
        await press(pilot, "question_mark")
        await app.live_corpus.reload(settle=False)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # the help over the failed screen went too
        assert app.live_corpus.screen is app.screen
        assert plain(tree_of(app).border_title) == "Fixed at last"
        await press(pilot, "q")
    assert app.return_code == 0


async def test_the_explorer_never_writes_a_file(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)

    async with explore(corpus) as (app, pilot):
        before = snapshot(corpus)
        await press(pilot, "j", "j", "o", "2", "escape")  # outcomes on; a seed opened
        for old, new in (("move north", "head north"), ("north", "[north"), ("[", "")):
            assert snapshot(corpus) == before
            replace(corpus / "crews.yaml", old, new)
            before = snapshot(corpus)
            await app.live_corpus.reload(settle=False)
            await press(pilot, "j")
        assert snapshot(corpus) == before
    assert snapshot(corpus) == before
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in MINI.iterdir())
