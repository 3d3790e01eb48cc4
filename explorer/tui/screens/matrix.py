"""The compare matrix: who argued which alternative of each question, filtered by tag."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.walks import compare_matrix
from explorer.reading.load import LoadResult
from explorer.tui.messages import NodesChosen
from explorer.tui.screens.pick import NodePicker
from explorer.tui.widgets.matrix import MatrixHeader, MatrixTable


def matrix_tags(index: CorpusIndex) -> list[str]:
    """The corpus's tags in order of first use, those that keep at least one question."""
    tags: dict[str, None] = {}
    for node in index.ordered_nodes():
        tags.update(dict.fromkeys(node.tags))
    return [tag for tag in tags if compare_matrix(index, tag).questions]


class MatrixScreen(Screen[str | None]):
    """Dismissed with the id of the node to show in the tree, or None (Escape)."""

    AUTO_FOCUS = "#matrix"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_tag", "Next tag"),
        Binding("F", "previous_tag", "Previous tag", show=False),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, index: CorpusIndex) -> None:
        super().__init__()
        self.index = index
        self.tags: list[str | None] = [None, *matrix_tags(index)]
        self.tag_at = 0

    @property
    def tag(self) -> str | None:
        return self.tags[self.tag_at]

    def compose(self) -> ComposeResult:
        yield MatrixHeader(id="matrix-header")
        yield MatrixTable(self.index, id="matrix")
        yield Footer()

    def on_mount(self) -> None:
        self.show_matrix()

    def show_matrix(self) -> None:
        matrix = compare_matrix(self.index, self.tag)
        self.query_one(MatrixHeader).show_filter(self.tag, len(matrix.questions))
        self.query_one(MatrixTable).show_matrix(matrix)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_tag", "previous_tag"):
            return len(self.tags) > 1 or None
        return True

    def action_next_tag(self) -> None:
        self.tag_at = (self.tag_at + 1) % len(self.tags)
        self.show_matrix()

    def action_previous_tag(self) -> None:
        self.tag_at = (self.tag_at - 1) % len(self.tags)
        self.show_matrix()

    def on_nodes_chosen(self, message: NodesChosen) -> None:
        ids = [i for i in message.node_ids if i in self.index.nodes]
        if not ids:
            if message.empty_note:
                self.notify(message.empty_note, markup=False)
        elif len(ids) == 1:
            self.dismiss(ids[0])
        else:

            def picked(node_id: str | None) -> None:
                if node_id is not None:
                    self.dismiss(node_id)

            nodes = [self.index.nodes[i] for i in ids]
            self.app.push_screen(NodePicker(nodes, "Show which alternative?"), picked)

    def action_close(self) -> None:
        self.dismiss(None)

    async def show_index(self, index: CorpusIndex, result: LoadResult) -> None:
        """Another corpus (a live reload): the same tag, when it is still used."""
        tag = self.tag
        self.index = index
        self.tags = [None, *matrix_tags(index)]
        self.tag_at = self.tags.index(tag) if tag in self.tags else 0
        await self.recompose()
        self.show_matrix()
        self.query_one(MatrixTable).focus()
