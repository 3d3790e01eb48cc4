"""The source view: a seed's text with the cited quote highlighted; Escape goes back. A passage
selected there (mouse or keyboard) is cited, with `c`, to the node the view was opened from; `/`
searches the text, and `n`/`N` then go through the matches instead of the quotes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Footer, Input, Static

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.quotes import Match, SeedText
from explorer.model import Source, date_text
from explorer.reading.result import LoadResult
from explorer.tui.widgets.find_bar import FindBar
from explorer.tui.widgets.labels import one_line, styled
from explorer.tui.widgets.seed_view import SeedView
from explorer.tui.widgets.themed import Themed

if TYPE_CHECKING:
    from explorer.editing.cite import Plan
    from explorer.reading.result import LoadResult
    from explorer.tui.screens.cite import CiteChoice


FIND_HELP = "Search the article (as in less): Enter for the next match, Esc closes the line"
PREVIOUS_HELP = "Previous quote; in a search, previous match"


class SourceHeader(Themed, Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"source-header--title", "source-header--muted"}

    def __init__(self, source: Source, notes: Sequence[str]) -> None:
        super().__init__(Text(""), id="source-header")
        self.source = source
        self.notes = tuple(notes)

    def on_mount(self) -> None:
        self.update(self._text())

    def show(self, source: Source, notes: Sequence[str]) -> None:
        self.source, self.notes = source, tuple(notes)
        self.update(self._text())

    def _theme_changed(self, _theme: Theme) -> None:
        self.update(self._text())

    def _text(self) -> Text:
        source = self.source
        muted = self._style("source-header--muted")
        text = styled(one_line(source.title), self._style("source-header--title"))
        authors = "" if source.authors else " · author not named"
        text.append(
            f"\n{source.outlet} · {date_text(source.published)} · {source.kind_text}{authors}",
            muted,
        )
        text.append(f" · {source.seed}", muted)
        # The notes (which quote, at which line) before the address: a small terminal cuts the end.
        for note in self.notes:
            text.append(f"\n{note}")
        if source.url:
            text.append(f"\n{source.url}", muted)
        return text


class SourceScreen(Screen[None]):
    """Pushed over the main screen, which keeps its tree, cursor and filter underneath."""

    AUTO_FOCUS = "#seed"

    # `n` and `N` go through what is highlighted: a search's matches while one is on, else the
    # quotes; the footer says which. Escape first ends a search, then goes back.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "end_search", "End search"),
        Binding("escape", "back", "Back"),
        Binding("backspace", "back", "Back", show=False),
        Binding("slash", "find", "Search", tooltip=FIND_HELP),
        Binding("n", "next_found(1)", "Next match"),
        Binding("N", "next_found(-1)", "Previous match"),
        # The help lists these two, the last bound to their keys: their tooltips say both.
        Binding("n", "next_quote(1)", "Next quote", tooltip="Next quote; in a search, next match"),
        Binding("N", "next_quote(-1)", "Previous quote", show=False, tooltip=PREVIOUS_HELP),
        Binding("c", "cite", "Cite"),
    ]

    def __init__(
        self,
        source: Source,
        seed: SeedText | None,
        quotes: Sequence[str],
        label: str = "",
        *,
        node_id: str | None = None,
        corpus: Callable[[], LoadResult] | None = None,
    ) -> None:
        """`node_id`: the node the view was opened from, which a passage may be cited to;
        `corpus`: the corpus as last loaded (asked for when citing)."""
        super().__init__()
        self.source = source
        self.seed = seed
        self.node_id = node_id
        self.corpus = corpus
        self.quotes = tuple(quotes)
        self.label = label
        self.matches: list[Match] = []
        self.notes: list[str] = []
        self._search_from = 0  # where the search line, when opened, found the view
        self._find_quotes()

    def _find_quotes(self) -> None:
        """Find the quotes in the seed; the notes say where, or what is missing."""
        source, seed, label = self.source, self.seed, self.label
        self.matches = []
        notes: list[str] = []
        if seed is None:
            notes.append(f"The seed '{source.seed}' could not be read.")
        else:
            missing = 0
            for quote in self.quotes:
                match = seed.find(quote)
                if match is None:
                    missing += 1
                else:
                    self.matches.append(match)
            if len(self.quotes) == 1 and self.matches:
                line = seed.line_of(self.matches[0].start)
                notes.append(f"{label}“{one_line(self.quotes[0])}” (line {line}, highlighted)")
            elif self.matches:
                notes.append(f"{len(self.matches)} quotes highlighted; n: next.")
            if missing:
                notes.append(
                    f"{missing} quote{'s' if missing > 1 else ''} not found in the seed "
                    "(explorer check reports E011)."
                )
        self.notes = notes

    def compose(self) -> ComposeResult:
        yield SourceHeader(self.source, self.notes)
        if self.seed is not None:
            yield SeedView(self.seed, self.matches, id="seed")
        else:
            yield Static(Text(""), id="seed-missing")
        yield FindBar(id="find")
        yield Footer()

    @property
    def searching(self) -> bool:
        return any(view.searched for view in self.query(SeedView))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("end_search", "next_found"):
            return self.searching
        if action == "find":  # not in the footer while typing in the search line
            typing = any(bar.has_focus_within for bar in self.query(FindBar))
            return bool(self.query(SeedView)) and not typing
        if action == "next_quote":
            return len(self.matches) > 1 and not self.searching
        if action == "cite":
            return self.node_id is not None and self.corpus is not None and bool(self.seed)
        return True

    def action_back(self) -> None:
        self.dismiss()

    async def show_index(self, index: CorpusIndex, result: LoadResult) -> None:
        """Another corpus (a live reload): the source and its seed as they now read."""
        self.source = index.sources.get(self.source.id, self.source)
        self.seed = result.seeds.get(self.source.seed)
        self._find_quotes()
        views = self.query(SeedView)
        if views and self.seed is not None:  # in place: the focus and the reader's place stay
            self.query_one(SourceHeader).show(self.source, self.notes)
            views.first().show_seed(self.seed, self.matches)
        else:  # the seed came or went
            await self.recompose()
            for view in self.query(SeedView):
                self.set_focus(view)
        self.refresh_bindings()

    def action_next_quote(self, step: int) -> None:
        for view in self.query(SeedView):
            view.show_match(view.current + step)

    # -- searching -----------------------------------------------------------------------------

    def action_find(self) -> None:
        # What is typed is searched for from the line at the top of the view, where the reader
        # is, however the matches scroll the text meanwhile.
        self._search_from = self.query_one(SeedView).first_line_shown()
        self.query_one(FindBar).open()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        for view, bar in zip(self.query(SeedView), self.query(FindBar), strict=False):
            found = view.search(event.value, self._search_from)
            bar.count(view.found_current + 1, found)
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next_found(1)

    def action_next_found(self, step: int) -> None:
        view = self.query_one(SeedView)
        view.next_found(step)
        self.query_one(FindBar).count(view.found_current + 1, len(view.found))

    def on_find_bar_closed(self, event: FindBar.Closed) -> None:
        event.stop()
        self.query_one(SeedView).focus()
        self.refresh_bindings()

    def action_end_search(self) -> None:
        bar = self.query_one(FindBar)
        bar.input.clear()
        bar.display = False
        self.query_one(SeedView).search("")  # the matches go
        self.query_one(SeedView).focus()
        self.refresh_bindings()

    # -- citing --------------------------------------------------------------------------------

    def action_cite(self) -> None:
        from explorer.editing.cite import (
            CiteError,
            hedge_words_in,
            quote_from_seed,
            speaker_allowed,
        )
        from explorer.reading.bundled import ReadOnlyCorpus, ensure_writable
        from explorer.tui.screens.cite import CiteDialog

        if getattr(self.app, "served", False):  # `explorer serve`: a reader, not an editor
            from explorer.tui.serve_command import SERVED_READ_ONLY

            self.notify(SERVED_READ_ONLY, title="Read-only", severity="warning", markup=False)
            return
        view = self.query_one(SeedView)
        span = view.selected_passage()
        if span is None or self.node_id is None or self.corpus is None:
            self.notify(
                "Select a passage first: ] selects a sentence, } adds the next one, < and > "
                "take a word off or add one; or drag with the mouse.",
                markup=False,
            )
            return
        seed, result = view.seed, self.corpus()
        try:
            quote = quote_from_seed(seed, seed.text[span[0] : span[1]])
        except CiteError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        index = result.index
        node = index.nodes.get(self.node_id) if index is not None else None
        if node is None or index is None:
            self.notify(f"The node '{self.node_id}' is no longer in the corpus.", markup=False)
            return
        try:  # said before the dialog, not after it
            ensure_writable(Path(node.location.file))
        except ReadOnlyCorpus as error:
            self.notify(str(error), severity="error", markup=False)
            return
        dialog = CiteDialog(
            node,
            quote,
            hedge_words_in(quote),
            tuple(index.people.values()),
            speaker_allowed(seed, quote),
            write=lambda choice: self._write(quote, choice),
        )
        self.app.push_screen(dialog, self._cited)

    def _write(self, quote: str, choice: CiteChoice) -> Plan:
        """Write the citation (the explorer's watcher then reads the corpus again); CiteError
        says why not, and the dialog stays open with what was typed in it."""
        from explorer.editing.cite import Cite, CiteError, plan_cite, write_plan

        result = self.corpus() if self.corpus is not None else None
        if result is None or result.corpus is None or self.node_id is None:
            raise CiteError("the corpus is not loaded")
        cite = Cite(
            self.node_id,
            self.source.id,
            quote,
            choice.stance,
            choice.likelihood,
            choice.speaker,
            choice.reports,
            choice.child,
        )
        plan = plan_cite(result.corpus, result.seeds, cite)
        write_plan(plan)
        return plan

    def _cited(self, plan: Plan | None) -> None:
        if plan is None:
            return
        # Kept with the quotes shown: the reload the write causes finds them all again.
        self.quotes = (*self.quotes, plan.quote)
        view = self.query_one(SeedView)
        match = view.seed.find(plan.quote)
        if match is not None:
            view.add_match(match)
        self.notify(f"Cited for '{plan.node_id}' in {plan.shown}, line {plan.line}.", markup=False)
