"""The app under stress: markup and terminal escapes in every text of the corpus and of its seeds.
Markup is shown as written and never acts; no escape reaches the terminal.

Textual re-raises an exception of the app when `run_test` ends, so every `explore` block below
fails its test on any crash; `alive` also checks, at each step, that the app still runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList

from explorer.analysis.quotes import fold
from explorer.model import Node, QuoteEvidence
from explorer.reading.load import load_corpus
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.source import SourceHeader, SourceScreen
from explorer.tui.widgets.diagnostics import DiagnosticsPanel
from explorer.tui.widgets.labels import one_line
from explorer.tui.widgets.seed_view import SeedView

from .helpers import MINI, detail_text, explore, main_screen, plain, tree_of
from .stress_helpers import (
    HOSTILE_ALL,
    alive,
    copy_fixture,
    quick,  # noqa: F401 (the autouse fixture)
    tour,
)

ANSI_SEED = "ansi.txt"

# A regression: the source view wrote a seed's escape sequences to the terminal until it drew
# control characters as visible symbols.

# C0 controls but newline, DEL, and C1 controls: never to be written to a terminal as they are.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


# -- helpers ---------------------------------------------------------------------------------


def screen_text(app: App[None]) -> str:
    """What the terminal shows of the current screen, one line per row, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# -- 3. markup and escapes -------------------------------------------------------------------


def walk(node: Node) -> list[Node]:
    """A node and every node under it."""
    return [node, *(n for child in node.children for n in walk(child))]


def test_the_hostile_fixture_validates_and_holds_markup_in_every_text_field() -> None:
    result = load_corpus(HOSTILE_ALL)
    assert result.corpus is not None and not result.diagnostics
    corpus = result.corpus
    texts = [corpus.title, corpus.summary]
    for person in corpus.people:
        texts += [person.name, person.role]
    for source in corpus.sources:
        texts += [source.title, source.outlet]
        texts += [t for t in (source.published_note, source.url) if t is not None]
    for reference in corpus.references:
        texts += [reference.title, reference.publisher, reference.url]
    for node in [corpus.trigger, *(n for t in corpus.trigger.children for n in walk(t))]:
        texts += [node.title, node.claim, *(c.quote for c in node.citations)]
        if node.outcome is not None:
            texts.append(node.outcome.note)
            texts += [
                e.quote if isinstance(e, QuoteEvidence) else e.summary
                for e in node.outcome.evidence
            ]
    assert all("[" in text and "]" in text for text in texts), [t for t in texts if "[" not in t]
    markup = ("[/]", "[bold]x[/italic]", "[@click=app.quit]", "[link=https://example.com]")
    assert all(any(m in t for t in texts) for m in markup)
    assert "\x1b[31m" in result.seeds[ANSI_SEED].text


@pytest.mark.parametrize("how", ["raw byte", "yaml escape"])
async def test_an_escape_character_in_a_yaml_file_is_refused_with_e002(
    how: str, tmp_path: Path
) -> None:
    corpus = copy_fixture(MINI, tmp_path)
    crews = corpus / "crews.yaml"
    text = crews.read_text(encoding="utf-8")
    title = "title: Do the fishing crews leave?"
    assert title in text
    bad = "title: Do the \x1b[31mcrews leave?" if how == "raw byte" else 'title: "\\x1b[31mcrews"'
    crews.write_text(text.replace(title, bad, 1), encoding="utf-8")
    result = load_corpus(corpus)
    e002 = [d for d in result.diagnostics if d.code == "E002"]
    assert e002 and e002[0].file.endswith("crews.yaml")
    assert "ESC" in e002[0].message and "\x1b" not in e002[0].message
    if how != "raw byte":  # the app shows both the same way
        return
    # The explorer opens it with the diagnostic shown, no escape drawn.
    async with explore(corpus, size=(120, 30)) as (app, pilot):
        await tour(app, pilot, ["down", "s", "escape", "d", "d"])
        shown = screen_text(app)
        assert "E002" in shown or "E002" in main_screen(app).query_one(DiagnosticsPanel).plain
        assert not CONTROL.search(shown)


async def click_action_texts(app: ExplorerApp, pilot: Pilot[None], limit: int = 6) -> int:
    """Click on (the middle of) each `[@click=…]` drawn on the screen; none may act."""
    clicked = 0
    for k in range(limit):
        spots = [
            (m.start() + 4, y)
            for y, line in enumerate(screen_text(app).splitlines())
            for m in re.finditer(re.escape("[@click="), line)
        ]
        if k >= len(spots):
            break
        screen = app.screen
        await pilot.click(offset=spots[k])
        await pilot.pause()
        alive(app)
        clicked += 1
        if app.screen is not screen:  # a citation card opens its source on a click: back
            await pilot.press("escape")
            alive(app)
    return clicked


@pytest.mark.slow
async def test_walking_every_node_and_source_of_the_hostile_corpus_shows_all_text_literally() -> (
    None
):
    async with explore(HOSTILE_ALL, size=(160, 50)) as (app, pilot):
        index = main_screen(app).index
        tree = tree_of(app)
        walked: list[str] = []
        sources = escapes = 0
        while (node_id := tree.cursor_id) is not None and node_id not in walked:
            walked.append(node_id)
            cursor = tree.cursor_node
            assert cursor is not None
            if cursor.allow_expand and not cursor.is_expanded:
                await pilot.press("enter")
                alive(app)
            node = index.nodes[node_id]
            shown = screen_text(app)
            assert one_line(node.title) in shown  # in the tree and the detail pane
            details = detail_text(app)
            assert node.claim in details
            for citation in node.citations:
                assert one_line(citation.quote) in details
            for number, citation in enumerate(node.citations, 1):
                await pilot.press(str(number))
                alive(app)
                assert isinstance(app.screen, SourceScreen)
                source = index.sources[citation.source]
                header = plain(app.screen.query_one(SourceHeader).content)
                assert one_line(source.title) in header and source.outlet in header
                view = app.screen.query_one(SeedView)
                assert fold(view.highlighted_text()) == fold(citation.quote)
                escapes += "\x1b]8;;" in view.seed.text  # the OSC 8 link of ansi.txt
                shown = screen_text(app)
                assert one_line(source.title) in shown
                first_line = view.seed.text.splitlines()[0]
                assert first_line in shown  # the seed, markup and all
                sources += 1
                await pilot.press("escape")
                alive(app)
            await pilot.press("down")
            alive(app)
        assert len(walked) == len(index.nodes) == 8
        assert sources == sum(len(n.citations) for n in index.nodes.values()) == 13
        assert escapes == 1  # waterfront-idle's second citation, in seeds/ansi.txt


async def test_clicking_on_markup_that_looks_like_an_action_does_nothing_and_search_finds_it() -> (
    None
):
    async with explore(HOSTILE_ALL, size=(160, 50)) as (app, pilot):
        assert "[@click=app.quit]The council closes the harbour[/]" in screen_text(app)
        clicks = await click_action_texts(app, pilot, limit=4)  # the tree, the details
        await pilot.press("p")
        clicks += await click_action_texts(app, pilot, limit=2)  # the people list too
        await pilot.press("escape", "1")
        assert isinstance(app.screen, SourceScreen)
        assert "The [@click=app.quit]Harbour Gazette[/] — Opinion" in screen_text(app)
        clicks += await click_action_texts(app, pilot, limit=3)  # the header, the seed
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("escape", "w")
        clicks += await click_action_texts(app, pilot, limit=3)  # a walk
        await pilot.press("escape")
        assert clicks >= 10
        # Search for markup: the hits show it literally; choosing one jumps to its node.
        await pilot.press("slash", *"[@click=app.quit]")
        for _ in range(50):  # the palette searches in the background
            await pilot.pause(0.05)
            if app.screen.query(OptionList).first().option_count:
                break
        alive(app)
        assert app.screen.query(OptionList).first().option_count
        assert "[@click=app.quit]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        alive(app)
        assert isinstance(app.screen, MainScreen)


async def test_the_escape_sequences_of_a_seed_never_reach_the_terminal() -> None:
    async with explore(HOSTILE_ALL, size=(120, 40)) as (app, pilot):
        tree_of(app).go_to("waterfront-idle")
        await pilot.press("2")
        assert isinstance(app.screen, SourceScreen)
        shown = screen_text(app)
        assert "red alert" in shown
        assert not CONTROL.search(shown), [
            line for line in shown.splitlines() if CONTROL.search(line)
        ]
