"""Citing from the source view: a passage selected by keyboard (or mouse), `c`, the dialog, and
the file changes by exactly the new lines; the explorer's reload then shows the citation."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, Select, Static

from explorer.tui.app import ExplorerApp
from explorer.tui.messages import JumpToNode, SourceOpened
from explorer.tui.screens.cite import CiteDialog
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.source import SourceScreen
from explorer.tui.widgets.seed_view import SeedView

from .helpers import detail_text, explore, main_screen, plain, press

SENTENCE = (
    "Fishing crews will almost certainly move north within a year, and the boatyards could "
    "follow them."
)
CITED_TO_NODE = (
    "      - source: gazette\n"
    f'        quote: "{SENTENCE}"\n'
    "        stance: warns\n"
    "        likelihood: will\n"
)
NEW_CHILD = """\
      - id: boatyards-move-too
        kind: event
        title: "Boatyards move too"
        claim: "The boatyards follow the crews north."
        citations:
          - source: gazette
            quote: "the boatyards could follow them."
            stance: predicts
            likelihood: could
"""


def view_of(app: ExplorerApp) -> SeedView:
    assert isinstance(app.screen, SourceScreen)
    return app.screen.query_one(SeedView)


def selected(app: ExplorerApp) -> str:
    view = view_of(app)
    span = view.selected_passage()
    assert span is not None
    return view.seed.text[span[0] : span[1]]


async def until(pilot: Pilot[None], done: object, timeout: float = 10.0) -> None:
    """Wait for the watcher's reload: `done` is a callable that says when it has happened."""
    assert callable(done)
    async with asyncio.timeout(timeout):
        while not done():
            await pilot.pause(0.05)


def inserted(before: str, after: str, text: str) -> int:
    """The 1-based line at which `after` is `before` with `text` inserted, else fail."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added = text.splitlines(keepends=True)
    at = next(i for i, (a, b) in enumerate(zip([*old, ""], new, strict=False)) if a != b)
    assert new == old[:at] + added + old[at:]
    return at + 1


async def test_a_sentence_selected_by_keyboard_is_cited_to_the_node_and_the_reload_shows_it(
    mini_copy: Path,
) -> None:
    corpus = mini_copy
    crews = corpus / "crews.yaml"
    before = crews.read_text(encoding="utf-8")

    async with explore(corpus) as (app, pilot):
        await press(pilot, "j", "j", "1")  # crews-move, its first citation's source
        await press(pilot, "right_square_bracket")  # the sentence around the quote
        assert selected(app) == SENTENCE
        await press(pilot, "right_square_bracket")
        assert selected(app).startswith("Some say the closure “opens")
        await press(pilot, "left_square_bracket")
        assert selected(app) == SENTENCE
        await press(pilot, "c")
        assert isinstance(app.screen, CiteDialog)
        await press(pilot, "tab")  # the title and claim are only for a new child
        assert app.focused is not None and app.focused.id == "cite-stance"
        await press(pilot, "enter", "down", "enter")  # predicts → warns
        await press(pilot, "tab", "enter", "down", "enter")  # the first hedge word: will
        hedge = app.screen.query_one("#cite-hedge", Select)
        assert hedge.value == "will"
        await press(pilot, "tab", "tab", "enter")  # past the voice, to Cite
        assert isinstance(app.screen, SourceScreen)
        assert inserted(before, crews.read_text(encoding="utf-8"), CITED_TO_NODE) == 26
        # The new quote is highlighted with the others.
        assert view_of(app).highlighted_text().endswith(SENTENCE)

        def reloaded() -> bool:
            node = main_screen(app).index.nodes["crews-move"]
            return len(node.citations) == 3

        await until(pilot, reloaded)
        await pilot.pause()
        # The reload shows the source anew: the quote just cited is still highlighted.
        assert view_of(app).highlighted_text().endswith(SENTENCE)
        cited = main_screen(app).index.nodes["crews-move"].citations[-1]
        assert (cited.quote, cited.stance.value, cited.likelihood) == (
            SENTENCE,
            "warns",
            "will",
        )
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert "follow them." in detail_text(app)
        assert main_screen(app).diagnostics == ()


async def test_a_passage_trimmed_by_word_is_cited_to_a_new_child(mini_copy: Path) -> None:
    corpus = mini_copy
    crews = corpus / "crews.yaml"
    before = crews.read_text(encoding="utf-8")

    async with explore(corpus) as (app, pilot):
        await press(pilot, "j", "j", "1", "right_square_bracket")
        await press(pilot, *["right_parenthesis"] * 11)  # the first 11 words off
        assert selected(app) == "the boatyards could follow them."
        await press(pilot, "less_than_sign", "greater_than_sign")  # a word off and back
        assert selected(app) == "the boatyards could follow them."
        await press(pilot, "c", "enter", "down", "enter")  # to: a new child of it
        await press(pilot, "tab", *"Boatyards move too", "tab")
        await press(pilot, *"The boatyards follow the crews north.", "tab")
        await press(pilot, "tab", "enter", "down", "enter")  # hedge: could
        await press(pilot, "tab", "tab", "enter")
        assert isinstance(app.screen, SourceScreen)
        assert inserted(before, crews.read_text(encoding="utf-8"), NEW_CHILD) == 36

        def reloaded() -> bool:
            return "boatyards-move-too" in main_screen(app).index.nodes

        await until(pilot, reloaded)
        index = main_screen(app).index
        assert index.parent["boatyards-move-too"] == "crews-move"
        assert index.nodes["boatyards-move-too"].citations[0].likelihood == "could"
        assert main_screen(app).diagnostics == ()


async def test_a_new_child_needs_a_title_and_a_claim_and_cancel_writes_nothing(
    mini_copy: Path,
) -> None:
    corpus = mini_copy
    crews = corpus / "crews.yaml"
    before = crews.read_bytes()

    async with explore(corpus) as (app, pilot):
        await press(pilot, "j", "j", "1", "c")
        assert isinstance(app.screen, SourceScreen)  # nothing selected yet: a note
        await press(pilot, "right_square_bracket", "c", "enter", "down", "enter")
        await pilot.click("#cite-ok")
        await pilot.pause()
        assert isinstance(app.screen, CiteDialog)
        error = app.screen.query_one("#cite-error", Label)
        assert plain(error.content) == "A new node needs a title and a claim."
        await press(pilot, "escape")
        assert isinstance(app.screen, SourceScreen)
        assert crews.read_bytes() == before


async def test_a_speaker_is_offered_only_for_words_inside_quotation_marks(mini_copy: Path) -> None:
    corpus = mini_copy

    async def voices(app: ExplorerApp, pilot: Pilot[None]) -> list[str]:
        await press(pilot, "c")
        assert isinstance(app.screen, CiteDialog)
        select = app.screen.query_one("#cite-voice", Select)
        values = [str(value) for _, value in select._options]
        await press(pilot, "escape")
        return values

    async with explore(corpus) as (app, pilot):
        await press(pilot, "j", "j", "j", "1")  # crews-stay: Mara Quay's own words
        await press(pilot, "right_square_bracket")
        assert selected(app).startswith("“We will stay and fight the decision,”")
        await press(pilot, *["less_than_sign"] * 8)
        assert selected(app) == "“We will stay and fight the decision,”"
        assert "speaker:mara-quay" in await voices(app, pilot)
        await press(pilot, "left_square_bracket")  # the author's own sentence before it
        assert selected(app).startswith("The crews are unlikely")
        found = await voices(app, pilot)
        assert "speaker:mara-quay" not in found
        assert "reports:mara-quay" in found


async def test_a_source_opened_from_search_has_no_node_to_cite_to() -> None:
    async with explore() as (app, pilot):
        main_screen(app).post_message(SourceOpened("gazette"))
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.check_action("cite", ()) is False


async def test_a_passage_selected_with_the_mouse_across_paragraphs_is_cited_verbatim(
    mini_copy: Path,
) -> None:
    corpus = mini_copy
    crews = corpus / "crews.yaml"
    before = crews.read_text(encoding="utf-8")
    quote = (
        "“We will stay and fight the decision,” said Mara Quay, who chairs the fishers’ "
        "association. A tourist boom is doubtful"
    )

    async with explore(corpus) as (app, pilot):
        await press(pilot, "j", "j", "2")  # crews-move, the Ledger's seed
        # Rows of the text at 100 columns: the third paragraph is on row 5, the fourth on 7.
        await pilot.mouse_down("#seed-text", offset=(0, 5))
        await pilot.hover("#seed-text", offset=(25, 7))
        await pilot.mouse_up("#seed-text", offset=(25, 7))
        assert selected(app) == quote.replace("association. ", "association.\n\n")
        await press(pilot, "c")
        assert isinstance(app.screen, CiteDialog)
        assert plain(app.screen.query_one("#cite-quote", Static).content) == quote
        await press(pilot, "tab", "enter", "down", "down", "down", "enter")  # doubts
        await press(pilot, "tab", "tab", "tab", "enter")
        added = f'      - source: ledger\n        quote: "{quote}"\n        stance: doubts\n'
        assert inserted(before, crews.read_text(encoding="utf-8"), added) == 26

        def reloaded() -> bool:
            return len(main_screen(app).index.nodes["crews-move"].citations) == 3

        await until(pilot, reloaded)
        assert main_screen(app).index.nodes["crews-move"].citations[-1].quote == quote
        assert main_screen(app).diagnostics == ()


async def test_a_mouse_selection_is_refined_from_the_keyboard() -> None:
    async with explore() as (app, pilot):
        await press(pilot, "j", "j", "2")
        await pilot.mouse_down("#seed-text", offset=(0, 2))
        await pilot.hover("#seed-text", offset=(30, 2))
        await pilot.mouse_up("#seed-text", offset=(30, 2))
        assert selected(app) == "Closing the harbour is a mistak"
        await pilot.pause()
        assert app.active_bindings["escape"].binding.action == "clear_selection"
        await press(pilot, "greater_than_sign")  # on to the end of the word cut
        assert selected(app) == "Closing the harbour is a mistake,"
        assert view_of(app).text_widget.text_selection is None  # the keys took it over
        await press(pilot, "escape")  # clears the selection first
        assert isinstance(app.screen, SourceScreen)
        assert view_of(app).selected_passage() is None
        await press(pilot, "escape")  # then goes back
        assert isinstance(app.screen, MainScreen)


async def test_a_hedge_word_next_to_a_risk_is_offered_with_the_warning_it_would_get() -> None:
    bundled = Path(__file__).resolve().parents[2] / "scenarios" / "soleimani"

    async with explore(bundled) as (app, pilot):
        main_screen(app).post_message(JumpToNode("iran-escalates"))
        await pilot.pause()
        await press(pilot, "2", "right_square_bracket", "c")  # "… it could sharply increase
        assert isinstance(app.screen, CiteDialog)  # the risk of a military confrontation …"
        select = app.screen.query_one("#cite-hedge", Select)
        labels = [plain(prompt) for prompt, _ in select._options]
        assert labels == [
            "none",
            "“could”: possible (no probability stated) — seems to qualify a risk, not the "
            "event (W108)",
        ]


async def test_a_failed_write_keeps_the_dialog_open_with_its_reason_and_what_was_typed(
    mini_copy: Path,
) -> None:
    corpus = mini_copy
    crews = corpus / "crews.yaml"
    good = crews.read_text(encoding="utf-8")

    async with explore(corpus, live=False) as (app, pilot):
        await press(pilot, "j", "j", "1", "right_square_bracket", "c", "enter", "down")
        await press(pilot, "enter", "tab", *"Boats", "tab", *"They go.")
        crews.write_text(good + "  broken: [\n", encoding="utf-8")  # an edit elsewhere
        await pilot.click("#cite-ok")
        assert isinstance(app.screen, CiteDialog)
        reason = plain(app.screen.query_one("#cite-error", Label).content)
        assert reason.startswith("Not cited: ")
        assert reason.endswith(
            "crews.yaml:47:3: the file has errors; fix them first ('explorer check')."
        )
        assert app.screen.query_one("#cite-title", Input).value == "Boats"
        crews.write_text(good, encoding="utf-8")  # fixed: the same dialog cites
        await pilot.pause(0.3)  # a button takes no click while it still shows the last one
        await pilot.click("#cite-ok")
        assert isinstance(app.screen, SourceScreen)
        assert "- id: boats" in crews.read_text(encoding="utf-8")
