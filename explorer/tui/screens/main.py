"""The main screen: the tree, the selected node's details, the path, people and diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import ClassVar, Protocol, runtime_checkable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Vertical
from textual.events import Resize
from textual.reactive import var

from explorer.analysis.focus import Focus
from explorer.analysis.queries import CorpusIndex
from explorer.checks.diagnostics import Diagnostic
from explorer.reading.bundled import is_read_only
from explorer.reading.result import LoadResult
from explorer.tui.history import History
from explorer.tui.messages import (
    EditRequested,
    JumpToNode,
    NodeSelected,
    PersonChosen,
)
from explorer.tui.providers.search import ScenarioSearch
from explorer.tui.screens.import_page import Add, open_import
from explorer.tui.screens.main_sources import SourceActions
from explorer.tui.settings import SPLIT_DEFAULT, Settings
from explorer.tui.widgets.breadcrumb import Breadcrumb
from explorer.tui.widgets.corpus_heading import corpus_heading
from explorer.tui.widgets.detail import DetailPane
from explorer.tui.widgets.diagnostics import DiagnosticsPanel
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.legend import SHORT, Legend
from explorer.tui.widgets.people import PeopleList
from explorer.tui.widgets.scenario_tree import scenario_tree
from explorer.tui.widgets.split import SplitBody, Splitter
from explorer.tui.widgets.too_small import TooSmall

CITATION_KEYS = 9
SEARCH_HELP = "Search titles, claims, tags, quotes, people and sources"
WALK_HERE_HELP = "Walk to the selected node and on"
HINDSIGHT_HELP = "Outcomes on the tree (hindsight) on/off"
DIAGNOSTICS_HELP = "Diagnostics: go to the panel; from the panel, hide it"
BACK_HELP = "Back to the node before the last jump (search, see also, walk, matrix)"
FWD = "Forward again, after going back"
RELATED_HELP = "To the see-also links, one after another"
NO_RELATED = "This node has no see-also link to a related node."
NO_PROBLEMS = "No problems: the corpus passes every check."
# While the outline is shown (a large corpus's first levels, before its load), the actions that
# need every node are dimmed: their keys fall through to `still_reading`, which says so.
NEED_THE_LOAD = frozenset(
    {
        "toggle_people",
        "source",
        "walk",
        "walk_here",
        "matrix",
        "toggle_hindsight",
        "scorecard",
        "import_page",
        "collapse",
        "clear_focus",
        "toggle_diagnostics",
        "no_problems",
        "related",
        "no_related",
        "open_citation",
    }
)


def still_reading_binding(bindings: list[BindingType]) -> Binding:
    """One binding for the keys of the actions in NEED_THE_LOAD and of search (the app's palette
    key too), listed after theirs: while an outline is shown, it answers them."""
    keys = [App.COMMAND_PALETTE_BINDING]
    for binding in bindings:
        if isinstance(binding, Binding):
            action = binding.action
            if action == "app.command_palette" or action.split("(", 1)[0] in NEED_THE_LOAD:
                keys.append(binding.key)
    return Binding(",".join(dict.fromkeys(keys)), "still_reading", "", show=False)


WIDE = 120  # columns from which the tree and the details sit side by side


@runtime_checkable
class ShowsCorpus(Protocol):
    """A screen pushed over the main one that shows the corpus (walk, matrix, scorecard, source):
    after a reload it shows the new one."""

    async def show_index(self, index: CorpusIndex, result: LoadResult) -> None: ...


class MainScreen(SourceActions):
    """Owns the reader's state: the selected node, the people chosen, the outcome marks. The tree,
    the people and the legend are bound to the last two (`data_bind`); the path and the details
    follow the selection (`watch_selected_id`)."""

    AUTO_FOCUS = "#tree"
    # Textual declares these without ClassVar. Below SHORT rows the legend keeps to one line.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]  # noqa: RUF012
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ScenarioSearch, Add}
    SEARCH_PLACEHOLDER = "Search titles, claims, tags, quotes, people and sources…"
    action_import_page = open_import  # i: bring in an article (a page, a text, an address)

    # The footer shows each main action's short label (it fits 80 columns, compact); the help
    # shows the tooltip, which says what the key does in full (see screens/help.py).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "app.command_palette", "Search", tooltip=SEARCH_HELP),
        Binding("p", "toggle_people", "People", tooltip="People: highlight or compare"),
        Binding("s", "source", "Source", tooltip="Open a citation's source"),
        Binding("w", "walk", "Walk", tooltip="Walk from the trigger"),
        Binding("W", "walk_here", "Walk here", show=False, tooltip=WALK_HERE_HELP),
        Binding("m", "matrix", "Matrix", tooltip="Compare matrix: who argued which alternative"),
        Binding("o", "toggle_hindsight", "Outcomes", tooltip=HINDSIGHT_HELP),
        Binding("a", "scorecard", "Scores", tooltip="Scorecard: whose forecasts held up"),
        Binding("e", "edit", "Edit", tooltip="Edit the node in $EDITOR, at its line"),
        Binding("i", "import_page", "Add", tooltip="Add an article: a page, a text, an address"),
        Binding("e", "edit_read_only", "", show=False),  # dimmed "Edit": e says why
        Binding("z", "collapse", "Collapse", tooltip="Collapse to the chosen people's paths"),
        Binding("x", "clear_focus", "Clear", tooltip="Clear the people filter"),
        Binding("d", "toggle_diagnostics", "Problems", tooltip=DIAGNOSTICS_HELP),
        Binding("d", "no_problems", "", show=False),
        Binding("left_square_bracket,alt+left", "back", "Back", tooltip=BACK_HELP),
        Binding("right_square_bracket,alt+right", "forward", "Forward", show=False, tooltip=FWD),
        # In the footer only on a node with see-also links; elsewhere r says there are none.
        Binding("r", "related", "Related", tooltip=RELATED_HELP),
        Binding("r", "no_related", "", show=False),
        Binding("y", "copy_citations", "Copy citations (quote, who, source) to paste", show=False),
        *(
            Binding(str(n), f"open_citation({n})", "Open the source of citation 1–9", show=False)
            for n in range(1, CITATION_KEYS + 1)
        ),
    ]
    # Last: a key whose action waits for the load comes here while an outline is shown.
    BINDINGS.append(still_reading_binding(BINDINGS))

    hindsight: var[bool] = var(False)  # outcome marks on the tree's nodes
    person_focus: var[Focus] = var(Focus, bindings=True)  # the people chosen
    # Shown anew on each selection (a reload may change the node); the cursor may be ahead: `here`.
    selected_id: var[str] = var("", always_update=True, init=False)

    def __init__(self, result: LoadResult, index: CorpusIndex | None = None) -> None:
        super().__init__()
        assert result.corpus is not None
        self.result = result
        self.index = index if index is not None else CorpusIndex(result.corpus)
        self.diagnostics = result.diagnostics  # those of the last load, shown or not
        self.set_reactive(MainScreen.selected_id, result.corpus.trigger.id)
        self.history = History()  # the nodes left by jumps, to go back and forward

    @property
    def reading(self) -> bool:
        """Showing an outline: the tree's first levels, while the whole corpus is read."""
        return self.index.is_outline

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TooSmall(id="too-small")
        yield Breadcrumb(id="breadcrumb")
        settings = getattr(self.app, "settings", None)  # the split kept from the last run
        split = settings.split if isinstance(settings, Settings) else SPLIT_DEFAULT
        with SplitBody(split=split, wide=WIDE, id="body"):
            with Vertical(id="tree-pane"):
                tree = scenario_tree(self.index, id="tree")
                tree.border_title = self._heading()
                yield tree.data_bind(MainScreen.hindsight, MainScreen.person_focus)
                yield PeopleList(self.index, id="people").data_bind(MainScreen.person_focus)
                yield Legend(self.index, id="legend").data_bind(
                    MainScreen.hindsight, MainScreen.person_focus
                )
            yield Splitter(id="splitter")
            yield DetailPane(self.index, id="detail")
        yield DiagnosticsPanel(self.diagnostics, id="diagnostics")
        yield FittingFooter(compact=True, show_command_palette=False)

    def _heading(self) -> Text:
        return corpus_heading(self.index.corpus, self.index.node_total if self.reading else None)

    def action_no_problems(self) -> None:
        self.notify(NO_PROBLEMS, markup=False)

    def action_no_related(self) -> None:
        self.notify(NO_RELATED, markup=False)

    def action_still_reading(self) -> None:
        self.notify(
            f"Still reading the whole corpus ({self.index.node_total:,} nodes): search, people, "
            "outcomes, problems and the other screens are ready in a moment.",
            markup=False,
        )

    def on_mount(self) -> None:
        self.set_class(bool(self.result.errors), "-diagnostics")
        self.fit(self.app.size.width, self.app.size.height)

    def on_resize(self, event: Resize) -> None:
        self.fit(event.size.width, event.size.height)

    def fit(self, width: int, height: int) -> None:
        """Below the workable size: the tree alone, under a notice that says so."""
        self.set_class(self.query_one(TooSmall).fit(width, height), "-cramped")

    # -- reloads -------------------------------------------------------------------------------

    def show_corpus(self, result: LoadResult, index: CorpusIndex) -> None:
        """A reload without errors: every widget shows the new corpus, with the reader's place
        kept where its ids still exist — the selected node (else its nearest surviving
        ancestor), the open branches, the people chosen, the outcome marks; the focus stays."""
        assert result.corpus is not None
        old_path = self.index.path_to(self.here)
        cursor = next(
            (n.id for n in reversed(old_path) if n.id in index.nodes), result.corpus.trigger.id
        )
        people = tuple(key for key in self.person_focus.people if key in index.voices)
        focus = Focus(people, self.person_focus.collapsed and bool(people))
        self.result, self.index, self.diagnostics = result, index, result.diagnostics
        # Not through the bindings: each widget is given the focus with the new index.
        self.set_reactive(MainScreen.person_focus, focus)
        self.set_reactive(MainScreen.selected_id, cursor)
        tree = self.scenario_tree
        tree.border_title = self._heading()
        tree.show_index(index, focus, tree.expanded_ids(), cursor)
        self.query_one(PeopleList).show_index(index, focus)
        self.query_one(Legend).show_index(index, focus)
        self.query_one(DetailPane).show_index(index)
        panel = self.query_one(DiagnosticsPanel)
        panel.show(result.diagnostics)
        self.set_class(bool(result.errors), "-diagnostics")
        if panel.has_focus and not result.errors:
            tree.focus()  # the panel closes by itself
        self.refresh_bindings()
        for screen in self.app.screen_stack:
            if screen is not self and isinstance(screen, ShowsCorpus):
                screen.call_later(screen.show_index, index, result)

    def show_problems(self, diagnostics: Sequence[Diagnostic]) -> None:
        """A reload with errors: the tree stays as it was; the panel lists what to fix."""
        self.diagnostics = tuple(diagnostics)
        self.query_one(DiagnosticsPanel).show(self.diagnostics, kept=True)
        self.add_class("-diagnostics")
        self.refresh_bindings()

    def action_edit(self) -> None:
        where = self.index.nodes[self.here].location
        self.post_message(EditRequested(where.file, where.line))

    action_edit_read_only = action_edit  # the app answers that the corpus is read-only

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "still_reading":
            return self.reading
        enabled = self._enabled(action)
        if self.reading and action in NEED_THE_LOAD and enabled:
            return None  # dimmed until the load is in; the key falls through to `still_reading`
        return enabled

    def _enabled(self, action: str) -> bool | None:
        """Whether an action is on (True), dimmed (None) or hidden (False), the load aside."""
        if action in ("collapse", "clear_focus"):
            return self.person_focus.active
        if action in ("edit", "edit_read_only"):  # the bundled copy: "Edit" dimmed, e says why
            return (action == "edit_read_only") == is_read_only(self.index.corpus.folder) or None
        if action == "toggle_diagnostics":
            return bool(self.diagnostics)
        if action == "back":  # in the footer once there is a way back
            return bool(self.history.back)
        if action == "forward":
            return bool(self.history.forward)
        if action == "related":  # dimmed where there is no link (r then says so)
            return bool(self._related(self.here)) or None
        return True

    def _related(self, node_id: str) -> list[str]:
        """The nodes a node's see-also links reach (those the corpus holds)."""
        node = self.index.nodes.get(node_id)
        return (
            [] if node is None else [other for other in node.see_also if other in self.index.nodes]
        )

    # -- the selected node ---------------------------------------------------------------------

    def on_node_selected(self, message: NodeSelected) -> None:
        if message.node_id in self.index.nodes:
            self.selected_id = message.node_id

    def watch_selected_id(self, old_id: str, node_id: str) -> None:
        self.query_one(Breadcrumb).show_path(self.index.path_to(node_id))
        self.query_one(DetailPane).show(node_id)
        if bool(self._related(old_id)) != bool(self._related(node_id)):
            self.refresh_bindings()  # `r Related` dimmed or lit

    def on_jump_to_node(self, message: JumpToNode) -> None:
        if message.node_id not in self.index.nodes:
            return
        self.history = self.history.jumped(self.here, message.node_id)
        self.go_to(message.node_id)

    @property
    def here(self) -> str:
        # The tree's cursor, not `selected_id`: keys typed ahead may not have reached us yet.
        return self.scenario_tree.cursor_id or self.selected_id

    def go_to(self, node_id: str) -> None:
        """Put the tree's cursor on the node, uncollapsing the people filter if it hides it."""
        visible = self.scenario_tree.view.visible
        if visible is not None and node_id not in visible:
            self.person_focus = Focus(self.person_focus.people)  # uncollapse to show it
        tree = self.scenario_tree
        tree.go_to(node_id)
        tree.focus()
        # Once drawn: opening branches may have added a scrollbar over the tree's last row.
        tree.call_after_refresh(tree.keep_cursor_in_view)
        self.refresh_bindings()

    def action_back(self) -> None:
        self.history, place = self.history.go_back(self.here, self.index.nodes)
        if place is not None:
            self.go_to(place)
        self.refresh_bindings()

    def action_forward(self) -> None:
        self.history, place = self.history.go_forward(self.here, self.index.nodes)
        if place is not None:
            self.go_to(place)
        self.refresh_bindings()

    def action_related(self, tries: int = 20) -> None:
        targets = self._related(self.here)
        if not targets:
            self.notify(NO_RELATED, markup=False)
        elif self.has_class("-cramped"):
            self.notify("The terminal is too small for the details.", markup=False)
        elif not self.query_one(DetailPane).focus_link(targets) and tries:
            # The details of a node just reached (a key typed ahead) are drawn a little later.
            self.set_timer(0.05, partial(self.action_related, tries - 1))

    # -- people --------------------------------------------------------------------------------

    def action_toggle_people(self) -> None:
        if self.has_class("-people"):
            self.action_close_people()
        else:
            self.add_class("-people")
            self.query_one(PeopleList).focus()

    def action_close_people(self) -> None:
        self.remove_class("-people")
        self.scenario_tree.focus()

    def on_person_chosen(self, message: PersonChosen) -> None:
        if message.key not in self.index.voices:
            return
        focus = self.person_focus
        self.person_focus = focus.only(message.key) if message.only else focus.choose(message.key)

    def action_collapse(self) -> None:
        self.person_focus = self.person_focus.toggled_collapse()

    def action_clear_focus(self) -> None:
        self.person_focus = Focus()

    # -- walks, the matrix, outcomes -----------------------------------------------------------

    def action_walk(self) -> None:
        from explorer.tui.screens.walk import WalkScreen

        self.app.push_screen(WalkScreen(self.index, hindsight=self.hindsight), self.show_node)

    def action_walk_here(self) -> None:
        from explorer.tui.screens.walk import WalkScreen

        walk = WalkScreen(self.index, self.here, hindsight=self.hindsight)
        self.app.push_screen(walk, self.show_node)

    def action_matrix(self) -> None:
        from explorer.tui.screens.matrix import MatrixScreen

        self.app.push_screen(MatrixScreen(self.index), self.show_node)

    def action_scorecard(self) -> None:
        from explorer.tui.screens.scorecard import ScorecardScreen

        self.app.push_screen(ScorecardScreen(self.index))

    def show_node(self, node_id: str | None) -> None:
        """Back from a walk or the matrix: show the node chosen there, as search does."""
        if node_id is not None:
            self.post_message(JumpToNode(node_id))

    def action_toggle_hindsight(self) -> None:
        self.hindsight = not self.hindsight  # the bound widgets follow

    # -- diagnostics ---------------------------------------------------------------------------

    def action_toggle_diagnostics(self) -> None:
        """Go to the panel, showing it if hidden; from the panel, hide it (back to the tree).
        The panel opens by itself when a load has errors, without the focus: `d` goes to it."""
        panel = self.query_one(DiagnosticsPanel)
        if not panel.has_focus:
            self.add_class("-diagnostics")
            panel.focus()
            return
        self.remove_class("-diagnostics")
        self.scenario_tree.focus()
