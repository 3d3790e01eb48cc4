"""Bringing in an article from the explorer: `i`, an address from a loopback server, the
metadata in editable fields, ctrl+s, and the source view on the new seed, citing from it at
once; a bad address is one sentence and nothing written; the bundled corpus refuses as `e`
does."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from explorer.cli import main
from explorer.reading import bundled
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.cite import CiteDialog
from explorer.tui.screens.import_page import ImportPageScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.seed_view import SeedView
from tests.import_pages import answer, readability_html, serve

from .helpers import explore, main_screen, plain, press


def _skeleton(tmp_path: Path) -> Path:
    assert main(["init", "--skeleton", str(tmp_path / "mine")]) == 0
    return tmp_path / "mine" / "scenarios" / "my-scenarios"


async def until(pilot: Pilot[None], done: Callable[[], bool], timeout: float = 20.0) -> None:
    async with asyncio.timeout(timeout):
        while not done():
            await pilot.pause(0.05)


def _field(app: ExplorerApp, name: str) -> Input:
    return app.screen.query_one(f"#import-{name}", Input)


def _status(app: ExplorerApp) -> str:
    return plain(app.screen.query_one("#import-status", Static).content)


async def test_an_address_is_previewed_saved_and_cited_from_at_once(tmp_path: Path) -> None:
    corpus = _skeleton(tmp_path)
    seeds = corpus.parent.parent / "seeds"
    with serve({"/story": answer(readability_html("cnet"))}) as base:
        async with explore(corpus, size=(120, 36)) as (app, pilot):
            await press(pilot, "j")  # the node a passage will be cited to
            assert main_screen(app).here == "example-consequence"
            await press(pilot, "i")
            assert isinstance(app.screen, ImportPageScreen)
            await press(pilot, *f"{base}/story", "enter")
            await until(pilot, lambda: bool(_field(app, "title").value))
            assert _field(app, "title").value.startswith("Zuckerberg offers peek at Facebook")
            assert _field(app, "authors").value == "Steven Musil"
            assert _field(app, "id").value == "cnet-2017"
            assert "words from " in _status(app)
            text = plain(app.screen.query_one("#import-text", Static).content)
            # An edited field is what is saved.
            _field(app, "id").value = "zuck-2017"
            await press(pilot, "ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, SourceScreen))
            await until(
                pilot, lambda: any("Saved zuck-2017.txt" in n.message for n in app._notifications)
            )
            assert (seeds / "zuck-2017.txt").read_text(encoding="utf-8") == text
            assert "zuck-2017" in main_screen(app).index.sources
            await press(pilot, "right_square_bracket")  # the first sentence
            view = app.screen.query_one(SeedView)
            span = view.selected_passage()
            assert span is not None
            sentence = view.seed.text[span[0] : span[1]]
            await press(pilot, "c")
            assert isinstance(app.screen, CiteDialog)
            app.screen.query_one("#cite-ok", Button).press()
            await until(pilot, lambda: isinstance(app.screen, SourceScreen))
            tree = (corpus / "first-tree.yaml").read_text(encoding="utf-8")
            assert "source: zuck-2017" in tree and sentence[:40] in tree

            def reloaded() -> bool:
                node = main_screen(app).index.nodes["example-consequence"]
                return any(c.source == "zuck-2017" for c in node.citations)

            await until(pilot, reloaded)
            assert main_screen(app).diagnostics == ()


async def test_a_bad_address_is_one_sentence_and_nothing_is_written(tmp_path: Path) -> None:
    corpus = _skeleton(tmp_path)
    before = (corpus / "corpus.yaml").read_bytes()
    with serve({}) as base:
        async with explore(corpus) as (app, pilot):
            await press(pilot, "i", *f"{base}/gone", "enter")
            await until(pilot, lambda: "404" in _status(app))
            assert _status(app) == f"{base}/gone: the server answered 404 Not Found"
            await press(pilot, "ctrl+s")  # nothing to save
            assert isinstance(app.screen, ImportPageScreen)
            await press(pilot, "escape")
            assert isinstance(app.screen, MainScreen)
    assert (corpus / "corpus.yaml").read_bytes() == before
    assert sorted(p.name for p in (corpus.parent.parent / "seeds").iterdir()) == ["example.txt"]


async def test_the_bundled_corpus_refuses_with_the_sentence_e_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _skeleton(tmp_path)
    monkeypatch.setattr(bundled, "is_read_only", lambda path: True)
    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, "i")
        assert isinstance(app.screen, MainScreen)
        messages = [n.message for n in app._notifications]
        assert any("read-only" in m and "explorer init DIR" in m for m in messages)


async def test_the_command_palette_offers_it_and_the_footer_shows_its_key(tmp_path: Path) -> None:
    corpus = _skeleton(tmp_path)
    async with explore(corpus, size=(80, 24), live=False) as (app, pilot):
        footer = [b.key for (_, b, _, _) in app.screen.active_bindings.values() if b.show]
        assert "i" in footer
        await press(pilot, "slash", *"add an article")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, ImportPageScreen))


async def test_closing_the_screen_while_a_page_downloads_leaves_the_explorer_running(
    tmp_path: Path,
) -> None:
    corpus = _skeleton(tmp_path)

    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        answer(readability_html("cnet"))(handler)

    with serve({"/slow": slow}) as base:
        async with explore(corpus, live=False) as (app, pilot):
            await press(pilot, "i", *f"{base}/slow", "enter")
            assert "Reading " in _status(app)
            await press(pilot, "escape")
            assert isinstance(app.screen, MainScreen)
            await pilot.pause(2.0)  # the download ends with no screen to show it
            await press(pilot, "j")
            assert isinstance(app.screen, MainScreen) and app.is_running
    assert sorted(p.name for p in (corpus.parent.parent / "seeds").iterdir()) == ["example.txt"]
