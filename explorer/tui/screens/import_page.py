"""Bringing in an article from the explorer: type a path or an address, check the metadata in
editable fields beside the extracted text, save (the seed and the source entry, as
`explorer new source PAGE --write` does), and the source view opens on the new seed, ready to
cite from. Reading and writing run in worker threads, never on the UI thread."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

import attrs
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.widgets import Input

    from explorer.importing.entry import ImportPlan
    from explorer.importing.page import Article
    from explorer.tui.screens.main import MainScreen

FIELDS = (  # (field id, label, placeholder)
    ("id", "Id", "a slug, unique among sources"),
    ("title", "Title", "the article's title"),
    ("outlet", "Outlet", "where it was published"),
    ("published", "Published", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("url", "Address", "https://…"),
    ("authors", "Authors", "names, separated by commas; empty when none is named"),
    ("kind", "Kind", "opinion, analysis or news"),
)
KINDS = ("opinion", "analysis", "news")
READ, SAVE = "import-read", "import-save"  # the screen's two worker threads
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def open_import(main: MainScreen) -> None:
    """The key on the main screen: refused in one sentence in the read-only bundled corpus."""
    from explorer.reading.bundled import ReadOnlyCorpus, ensure_writable

    corpus = main.result.corpus
    if corpus is None:
        return
    try:
        ensure_writable(corpus.folder / "corpus.yaml")
    except ReadOnlyCorpus as error:
        main.notify(str(error), title="Read-only", severity="warning", markup=False)
        return
    main.app.push_screen(ImportPageScreen(main))


class Add(Provider):
    """The command palette's "Add an article": the way to the screen beside the key."""

    NAME = "Add an article"
    HELP = "Bring in a saved page, a text or an http(s) address as a seed and a source (i)"

    def _open(self) -> None:
        from explorer.tui.screens.main import MainScreen

        if isinstance(self.screen, MainScreen):
            open_import(self.screen)

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.NAME, self._open, help=self.HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(self.NAME)
        if score > 0:
            yield Hit(score, matcher.highlight(self.NAME), self._open, help=self.HELP)


class ImportPageScreen(Screen[None]):
    CSS_PATH = "../styles/import_page.tcss"
    AUTO_FOCUS = "#import-page"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main
        self.article: Article | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        # Imported here: the main screen imports this module at start, for its key.
        from textual.containers import Horizontal, Vertical, VerticalScroll
        from textual.widgets import Input, Label

        yield Static(
            "Bring in an article: a saved page (.html, .htm, .gz), a text file or an http(s) "
            "address, then Enter.",
            id="import-prompt",
        )
        yield Input(placeholder="path or https://…", id="import-page")
        yield Static(Text(""), id="import-status")
        with Horizontal(id="import-body"):
            with Vertical(id="import-fields"):
                for field, label, placeholder in FIELDS:
                    with Horizontal(classes="import-row"):
                        yield Label(label, classes="import-label")
                        yield Input(placeholder=placeholder, id=f"import-{field}", compact=True)
            with VerticalScroll(id="import-preview"):
                yield Static(Text(""), id="import-text")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.article is not None and not self.busy
        return True

    def action_back(self) -> None:
        self.dismiss()

    def _say(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(Text(text))
        status.set_class(error, "-error")

    def _field(self, name: str) -> Input:
        from textual.widgets import Input

        return self.query_one(f"#import-{name}", Input)

    # -- reading -------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "import-page" or self.busy or not event.value.strip():
            return
        from explorer.importing.page import read_page

        page = event.value.strip()
        self.busy = True
        self._say(f"Reading {page} …")
        # The handler returns at once: Escape still closes the screen while the page downloads.
        self.run_worker(
            partial(read_page, page), name=READ, group="import", thread=True, exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name not in (READ, SAVE) or worker.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self.busy = False
        self.refresh_bindings()
        if worker.state is WorkerState.ERROR:
            self._say(str(worker.error), error=True)  # the fields keep what was typed
        elif worker.name == READ:
            self._show(cast("Article", worker.result))
        else:
            self.run_worker(self._open_source(cast("ImportPlan", worker.result)), group="open")

    def _show(self, article: Article) -> None:
        from explorer.importing.entry import default_id

        self.article = article
        corpus = self.main.result.corpus
        taken = {s.id for s in corpus.sources} if corpus is not None else set()
        meta = article.metadata
        values = {
            "id": default_id(article, taken),
            "title": meta.title,
            "outlet": meta.outlet,
            "published": meta.published,
            "url": meta.url,
            "authors": ", ".join(meta.authors),
            "kind": meta.kind or "analysis",
        }
        for name, value in values.items():
            self._field(name).value = value
        words = len(article.text.split())
        notes = "; ".join(article.warnings)
        self._say(
            f"{words:,} words from {article.origin}. Check the fields, then ctrl+s saves."
            + (f" ({notes})" if notes else "")
        )
        self.query_one("#import-text", Static).update(Text(article.text))
        self.refresh_bindings()

    # -- saving --------------------------------------------------------------------------------

    def _edited(self) -> tuple[Article, str]:
        """The article with the fields' metadata, and the id; ValueError says what is wrong."""
        assert self.article is not None
        value = {name: self._field(name).value.strip() for name, _, _ in FIELDS}
        if value["published"] and not _DATE.fullmatch(value["published"]):
            raise ValueError("Published must be YYYY, YYYY-MM or YYYY-MM-DD.")
        if value["kind"] not in KINDS:
            raise ValueError("Kind must be opinion, analysis or news.")
        authors = tuple(n.strip() for n in value["authors"].split(",") if n.strip())
        metadata = attrs.evolve(
            self.article.metadata,
            title=value["title"],
            outlet=value["outlet"],
            published=value["published"],
            url=value["url"],
            authors=authors,
            kind=value["kind"],
        )
        return attrs.evolve(self.article, metadata=metadata), value["id"]

    def action_save(self) -> None:
        from explorer.importing.entry import plan_import, write_import

        corpus = self.main.result.corpus
        if self.article is None or corpus is None or self.busy:
            return
        try:
            article, source_id = self._edited()
        except ValueError as error:
            self._say(str(error), error=True)
            return
        corpus_file = corpus.folder / "corpus.yaml"

        def save() -> ImportPlan:
            plan = plan_import(corpus, corpus_file, article, source_id or None)
            write_import(plan)
            return plan

        self.busy = True
        self.refresh_bindings()
        self.run_worker(save, name=SAVE, group="import", thread=True, exit_on_error=False)

    async def _open_source(self, plan: ImportPlan) -> None:
        """Read the corpus again (now, not when the watcher would), then show the new seed in
        the source view, citing to the node selected on the main screen."""
        from explorer.tui.app import ExplorerApp
        from explorer.tui.screens.source import SourceScreen

        if isinstance(self.app, ExplorerApp):
            await self.app.live_corpus.reload(settle=False)
        main = self.main
        index, result = main.index, main.result
        source = index.sources.get(plan.source_id) if index is not None else None
        self.dismiss()
        if source is None:
            main.notify(
                f"Saved {plan.seed_path.name} and the source '{plan.source_id}', but the corpus "
                "does not read cleanly now: see the problems panel (d).",
                severity="warning",
                markup=False,
            )
            return
        screen = SourceScreen(
            source,
            result.seeds.get(source.seed),
            [],
            node_id=main.here,
            corpus=lambda: main.result,
        )
        main.app.push_screen(screen)
        # Said on the source view once it is shown (this screen is gone by then).
        saved = (
            f"Saved {Path(plan.seed_path).name} and the source '{plan.source_id}': ] selects "
            "a sentence, c cites it."
        )
        screen.call_after_refresh(partial(screen.notify, saved, markup=False))
