"""Walk mode: from the trigger down one path, choosing at each step, to a summary at a leaf."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.walks import walk_to
from explorer.reading.result import LoadResult
from explorer.tui.messages import StepChosen
from explorer.tui.widgets.breadcrumb import Breadcrumb
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.walk import (
    CHOICE_KEYS,
    ChoiceList,
    LikelihoodTable,
    StepHeader,
    WalkSummary,
)


class WalkScreen(Screen[str | None]):
    """Dismissed with a node id to show in the tree (T), or None (Escape).

    `path` holds the node ids walked so far, from the trigger; its last one is the current step.
    """

    AUTO_FOCUS = "#choices"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "step_back", "Step back"),
        # One meaning per key across the app: r and g belong to the main screen and the tree.
        Binding("R", "restart", "Restart"),
        Binding("T", "show_in_tree", "Show in tree"),
        Binding("v", "toggle_quotes", "Full quotes"),
        Binding("escape", "close", "Back"),
        *(
            Binding(str(n), f"choose({n})", "Take choice 1–9", show=False)
            for n in range(1, CHOICE_KEYS + 1)
        ),
    ]

    def __init__(self, index: CorpusIndex, node_id: str | None = None, hindsight: bool = False):
        super().__init__()
        self.index = index
        self.hindsight = hindsight
        start = node_id if node_id in index.nodes else index.corpus.trigger.id
        self.path: list[str] = [n.id for n in index.path_to(start)]

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="walk-path")
        yield StepHeader(id="walk-step")
        yield ChoiceList(self.index, id="choices")
        yield WalkSummary(self.index, id="summary")
        yield LikelihoodTable(self.index, id="likelihoods")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.show_step()

    @property
    def current(self) -> str:
        return self.path[-1]

    @property
    def at_end(self) -> bool:
        return not self.index.nodes[self.current].children

    def show_step(self) -> None:
        """Show the current step: its choices, or the summary at a leaf; and the table."""
        node = self.index.nodes[self.current]
        walk = walk_to(self.index, node.id)
        self.query_one(Breadcrumb).show_path(tuple(s.node for s in walk.steps))
        self.query_one(StepHeader).show_step(node, len(walk.steps))
        choices = self.query_one(ChoiceList)
        summary = self.query_one(WalkSummary)
        self.set_class(self.at_end, "-end")
        if self.at_end:
            summary.show_walk(walk, self.hindsight)
            summary.scroll_home(animate=False)
            summary.focus()
        else:
            choices.show_choices(node, self.hindsight)
            choices.focus()
        self.query_one(LikelihoodTable).show_walk(walk)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("choose", "toggle_quotes"):
            return not self.at_end
        if action in ("step_back", "restart"):
            return len(self.path) > 1 or None
        return True

    # -- moving --------------------------------------------------------------------------------

    def on_step_chosen(self, message: StepChosen) -> None:
        self.take(message.node_id)

    def action_choose(self, number: int) -> None:
        children = self.index.nodes[self.current].children
        if 1 <= number <= len(children):
            self.take(children[number - 1].id)
        else:
            self.notify(f"This step has {len(children)} choice(s).", markup=False)

    def take(self, node_id: str) -> None:
        if node_id not in {c.id for c in self.index.nodes[self.current].children}:
            return
        self.path.append(node_id)
        self.show_step()

    def action_step_back(self) -> None:
        if len(self.path) > 1:
            left = self.path.pop()
            self.show_step()
            choices = self.query_one(ChoiceList)
            if left in choices.choice_ids:
                choices.highlighted = choices.choice_ids.index(left)

    def action_restart(self) -> None:
        self.path = self.path[:1]
        self.show_step()

    def action_toggle_quotes(self) -> None:
        self.query_one(ChoiceList).toggle_quotes()

    def action_show_in_tree(self) -> None:
        self.dismiss(self.current)

    def action_close(self) -> None:
        self.dismiss(None)

    async def show_index(self, index: CorpusIndex, result: LoadResult) -> None:
        """Another corpus (a live reload): the walk goes on from the deepest step that is still
        in it."""
        last = next((i for i in reversed(self.path) if i in index.nodes), None)
        self.index = index
        self.path = [n.id for n in index.path_to(last or index.corpus.trigger.id)]
        await self.recompose()
        self.show_step()
