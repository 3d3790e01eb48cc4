"""The app under stress: tiny and huge terminals, a storm of resizes, markup and terminal escapes
in every text, a seed that goes away while the app runs. Nothing may raise or quit the app.

Textual re-raises an exception of the app when `run_test` ends, so every `explore` block below
fails its test on any crash; `alive` also checks, at each step, that the app still runs.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import threading
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

from .helpers import (
    BROKEN,
    FIXTURES,
    MINI,
    UNREADABLE,
    Size,
    detail_text,
    explore,
    main_screen,
    plain,
    tree_of,
)

HOSTILE_ALL = FIXTURES / "hostile-all"  # markup in every text field; seeds/ansi.txt: escapes
ANSI_SEED = "ansi.txt"

SIZES: list[Size] = [(1, 1), (2, 2), (10, 3), (20, 5), (80, 24), (300, 100)]

# A tour of the main screen's keys: `s` (the trigger has one citation: no picker), `?`, `w`, `m`,
# `a` and `/` open a screen that Escape closes; `p` opens the people list, Escape closes it.
TOUR: list[str] = [
    *("up", "down", "left", "right", "j", "k", "h", "l", "enter", "space"),
    *("p", "escape", "s", "escape", "question_mark", "escape", "w", "escape"),
    *("m", "escape", "o", "a", "escape", "t", "slash", "escape"),
]

# Regressions: Textual 8.2.8's OptionList raised ValueError when its content area was narrower
# than its option padding (the people list, the citation picker, the diagnostics panel and the
# search palette at 1-4 columns) until explorer.tcss gave every OptionList a minimum width; and
# the source view wrote a seed's escape sequences to the terminal until it drew control characters
# as visible symbols.

# C0 controls but newline, DEL, and C1 controls: never to be written to a terminal as they are.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Time, not coverage: no animations (Pilot waits for each scroll's frames, each frame a new
    layout); and on a crash, no traceback rendered with its locals at the terminal's width (at a
    few columns that takes 10-20 s) — `run_test` still re-raises the exception."""

    def close(app: App[object]) -> None:
        app._close_messages_no_wait()

    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(App, "_fatal_error", close)


# -- helpers ---------------------------------------------------------------------------------


def screen_text(app: App[None]) -> str:
    """What the terminal shows of the current screen, one line per row, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def alive(app: ExplorerApp) -> None:
    assert app.is_running, "the app stopped"
    assert app.return_code is None, f"the app exited with {app.return_code}"
    assert app._exception is None, app._exception


async def tour(app: ExplorerApp, pilot: Pilot[None], keys: list[str]) -> int:
    """Press each key on its own, checking the app still runs after each; the keys pressed."""
    for key in keys:
        await pilot.press(key)
        alive(app)
    await pilot.pause()
    alive(app)
    return len(keys)


def copy_fixture(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


# -- 1. terminal sizes -----------------------------------------------------------------------


def size_id(size: Size) -> str:
    return "x".join(map(str, size))


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_the_main_keys_at_every_terminal_size(size: Size) -> None:
    """The whole tour, the people list included, at every size."""
    keys = list(TOUR)

    async with explore(HOSTILE_ALL, size=size) as (app, pilot):
        assert app.size == size
        assert await tour(app, pilot, keys) == len(keys)
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize(
    ("path", "size", "keys"),
    [
        pytest.param(HOSTILE_ALL, (1, 1), ["p"], id="people-1x1"),
        pytest.param(HOSTILE_ALL, (2, 2), ["p"], id="people-2x2"),
        pytest.param(MINI, (4, 24), ["j", "j", "s"], id="citation-picker-4x24"),
        pytest.param(BROKEN, (2, 2), ["d", "d"], id="diagnostics-2x2"),
        pytest.param(MINI, (4, 24), ["slash"], id="search-palette-4x24"),
    ],
)
async def test_an_option_list_with_no_room_for_its_options(
    path: Path, size: Size, keys: list[str]
) -> None:
    async with explore(path, size=(80, 24)) as (app, pilot):
        await pilot.resize_terminal(*size)
        await tour(app, pilot, [*keys, "down", "escape"])


@pytest.mark.parametrize("path", [BROKEN, UNREADABLE], ids=lambda p: p.name)
async def test_a_corpus_with_diagnostics_at_every_terminal_size(path: Path) -> None:
    """The diagnostics panel on the main screen, and the screen of a corpus that cannot be read,
    largest size first."""
    sizes = list(reversed(SIZES))

    async with explore(path, size=sizes[0]) as (app, pilot):
        for size in sizes:
            await pilot.resize_terminal(*size)
            assert app.size == size
            await tour(app, pilot, ["down", "d", "down", "d", "question_mark"])


# -- 2. a storm of resizes -------------------------------------------------------------------

STORM_KEYS = [
    *("down", "l", "j", "enter", "1", "j", "escape", "w", "down", "enter", "escape"),
    *("k", "m", "right", "escape", "a", "down", "escape", "question_mark", "escape"),
    *("o", "t", "space", "h", "up", "2", "n", "escape"),
]


def storm_sizes(count: int, seed: int = 20240601) -> list[Size]:
    """The extremes first, then random sizes: half of them tiny (up to 20×8), half any size."""
    rng = random.Random(seed)
    sizes: list[Size] = [(1, 1), (300, 100), (1, 100), (300, 1), (2, 2), (80, 24)]
    while len(sizes) < count:
        if rng.random() < 0.5:
            sizes.append((rng.randint(1, 20), rng.randint(1, 8)))
        else:
            sizes.append((rng.randint(1, 300), rng.randint(1, 100)))
    return sizes


@pytest.mark.slow
async def test_a_storm_of_resizes_between_keys() -> None:
    """60 sizes from 1×1 to 300×100, a key between them, on the screens that are not option
    lists (those have a test of their own at the narrowest sizes). Citations are opened with
    number keys, never through the picker."""
    sizes = storm_sizes(60)
    keys = iter(STORM_KEYS * 3)

    async with explore(HOSTILE_ALL, size=(80, 24)) as (app, pilot):
        resized = pressed = 0
        for size in sizes:
            await pilot.resize_terminal(*size)
            alive(app)
            assert app.size == size
            resized += 1
            pressed += await tour(app, pilot, [next(keys)])
        assert (resized, pressed) == (60, 60)
        while not isinstance(app.screen, MainScreen):
            await pilot.press("escape")
        alive(app)


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


# -- 4. a seed that goes away while the app runs ---------------------------------------------


def _break_seed(seed: Path, how: str) -> None:
    if how == "deleted":
        seed.unlink()
    elif how == "directory":
        seed.unlink()
        seed.mkdir()
    elif how == "not utf-8":
        seed.write_bytes(b"The council\xff\xfe decision \xc3\x28\n")
    elif how == "mode 000":
        seed.chmod(0)
        try:
            seed.read_bytes()
        except PermissionError:
            return
        seed.chmod(0o644)
        pytest.skip("root reads a file of mode 000; 'directory' and 'not utf-8' stand in")
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["deleted", "directory", "not utf-8", "mode 000"])
async def test_a_seed_broken_while_the_app_runs_then_opened(how: str, tmp_path: Path) -> None:
    corpus = copy_fixture(MINI, tmp_path)
    seed = corpus / "seeds" / "harbour.txt"
    held = seed.read_text(encoding="utf-8")
    try:
        async with explore(corpus, size=(100, 30)) as (app, pilot):
            _break_seed(seed, how)
            if app.live_corpus.watch:  # the app reads the corpus again when it changes
                panel = main_screen(app).query_one(DiagnosticsPanel)
                for _ in range(100):
                    await pilot.pause(0.1)
                    if "harbour.txt" in panel.plain:
                        break
                assert "E012" in panel.plain and "harbour.txt" in panel.plain
            alive(app)
            await pilot.press("s")  # the trigger's citation, in harbour.txt
            alive(app)
            assert isinstance(app.screen, SourceScreen)
            header = plain(app.screen.query_one(SourceHeader).content)
            views = app.screen.query(SeedView)
            if views:  # the text read at load time
                assert views.first().seed.text == held
                assert "(line 3, highlighted)" in header
            else:
                assert "The seed 'harbour.txt' could not be read." in header
            await tour(app, pilot, ["down", "escape", "j", "s", "escape"])
            assert isinstance(app.screen, MainScreen)
    finally:
        if seed.exists():
            seed.chmod(0o755 if seed.is_dir() else 0o644)


@pytest.mark.slow
async def test_a_seed_replaced_by_a_named_pipe_while_the_app_runs(tmp_path: Path) -> None:
    """A reload must not read the pipe (it would block for ever, and the process could not exit):
    the diagnostic comes as for a missing seed. If it does block, `unblock` frees the thread."""
    corpus = copy_fixture(MINI, tmp_path)
    seed = corpus / "seeds" / "harbour.txt"
    stop = threading.Event()

    def unblock() -> None:
        """Open the pipe for writing and close it, again and again: a thread of the app blocked
        opening or reading it gets an end of file, so none stays stuck after the test."""
        while not stop.is_set():
            with contextlib.suppress(OSError):
                os.close(os.open(seed, os.O_WRONLY | os.O_NONBLOCK))
            stop.wait(0.01)

    try:
        async with explore(corpus, size=(100, 30)) as (app, pilot):
            if not app.live_corpus.watch:
                pytest.skip("the app does not read the corpus again when it changes")
            seed.unlink()
            os.mkfifo(seed)
            try:
                panel = main_screen(app).query_one(DiagnosticsPanel)
                for _ in range(30):
                    await pilot.pause(0.1)
                    if "harbour.txt" in panel.plain:
                        break
                assert "E012" in panel.plain and "harbour.txt" in panel.plain, "no reload"
                await pilot.press("s")
                alive(app)
                assert isinstance(app.screen, SourceScreen)
            finally:
                threading.Thread(target=unblock, daemon=True).start()
    finally:
        stop.set()
