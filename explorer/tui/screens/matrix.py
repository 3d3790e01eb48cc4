"""The compare matrix: who argued which alternative of each question, filtered by tag."""

from __future__ import annotations

import weakref
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.walks import Matrix, VoiceOrder, compare_matrix
from explorer.model import Corpus, NodeKind
from explorer.reading.result import LoadResult
from explorer.tui.messages import NodesChosen
from explorer.tui.screens.pick import NodePicker
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.matrix import CellDetail, CellShown, MatrixHeader, MatrixTable


def matrix_tags(index: CorpusIndex) -> list[str]:
    """The corpus's tags in order of first use, those that keep at least one question (which
    `compare_matrix` keeps when it or one of its alternatives carries the tag): one walk."""
    tags: dict[str, None] = {}
    keeping: set[str] = set()
    for node in index.ordered_nodes():
        tags.update(dict.fromkeys(node.tags))
        if node.kind is NodeKind.QUESTION:
            keeping.update(node.tags, *(child.tags for child in node.children))
    return [tag for tag in tags if tag in keeping]


class _Made:
    """The tags and the matrices of one index, made once (not each time the screen opens); kept
    with the corpus they were made from, so that an index given another corpus makes its own."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.tags: list[str] | None = None
        self.matrices: dict[str | None, Matrix] = {}


_made: weakref.WeakKeyDictionary[CorpusIndex, _Made] = weakref.WeakKeyDictionary()
MADE_AT_ONCE = 5000  # nodes: a larger corpus's first matrix is made in a thread, after a frame


def _made_for(index: CorpusIndex) -> _Made:
    made = _made.get(index)
    if made is None or made.corpus is not index.corpus:
        made = _made[index] = _Made(index.corpus)
    return made


def kept_tags(index: CorpusIndex) -> list[str]:
    made = _made_for(index)
    if made.tags is None:
        made.tags = matrix_tags(index)
    return made.tags


def kept_matrix(index: CorpusIndex, tag: str | None = None) -> Matrix:
    made = _made_for(index)
    if tag not in made.matrices:
        made.matrices[tag] = compare_matrix(index, tag)
    return made.matrices[tag]


def is_made(index: CorpusIndex) -> bool:
    """Whether the tags and the whole matrix of this index are made already."""
    made = _made_for(index)
    return made.tags is not None and None in made.matrices


class MatrixScreen(Screen[str | None]):
    """Dismissed with the id of the node to show in the tree, or None (Escape)."""

    AUTO_FOCUS = "#matrix"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_tag", "Next tag"),
        Binding("F", "previous_tag", "Previous tag", show=False),
        # One meaning per key across the app: o and x are the main screen's (outcomes, clear).
        Binding("O", "next_order", "Order people"),
        Binding("minus", "hide_person", "Hide column", key_display="-"),
        Binding("plus", "show_everyone", "Every column", key_display="+"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, index: CorpusIndex) -> None:
        super().__init__()
        self.index = index
        self.tags: list[str | None] = [None]  # and the corpus's, once made (see on_mount)
        self.tag_at = 0
        self.order = VoiceOrder.CORPUS
        self.hidden: frozenset[str] = frozenset()  # people whose columns the reader hid
        self.matrix = Matrix((), (), {})

    @property
    def tag(self) -> str | None:
        return self.tags[self.tag_at]

    def compose(self) -> ComposeResult:
        yield MatrixHeader(id="matrix-header")
        yield MatrixTable(self.index, id="matrix")
        yield CellDetail(self.index, id="matrix-cell")
        yield FittingFooter()

    def on_mount(self) -> None:
        if is_made(self.index) or len(self.index.nodes) <= MADE_AT_ONCE:
            self._made(kept_tags(self.index))
        else:  # the screen is drawn first, its table filled when made
            self.run_worker(self._make, thread=True, group="matrix", exit_on_error=False)

    def _make(self) -> None:
        tags, _ = kept_tags(self.index), kept_matrix(self.index)
        self.app.call_from_thread(self._made, tags)

    def _made(self, tags: list[str]) -> None:
        if not self.is_attached:
            return  # closed before the thread was done
        self.tags = [None, *tags]
        self.show_matrix()

    def show_matrix(self) -> None:
        self.matrix = matrix = kept_matrix(self.index, self.tag)
        voices = matrix.ordered_voices(self.order, self.hidden)
        self.query_one(MatrixHeader).show_filter(
            self.tag, len(matrix.questions), (len(voices), len(matrix.voices)), self.order
        )
        table = self.query_one(MatrixTable)
        table.show_matrix(matrix, voices)
        if not matrix.questions:
            self.query_one(CellDetail).update("")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_tag", "previous_tag"):
            return len(self.tags) > 1 or None
        if action == "hide_person":
            return self._person_column() is not None or None
        if action == "show_everyone":
            return bool(self.hidden)  # in the footer only once a column is hidden
        return True

    def _person_column(self) -> str | None:
        """The person whose column the cursor is on; None on the questions' column."""
        table = self.query_one(MatrixTable)
        if not table.row_count or table.cursor_column == 0:
            return None
        return table.column_keys[table.cursor_column]

    def action_next_order(self) -> None:
        self.order = self.order.next()
        self.show_matrix()
        self.notify(f"People {self.order.value}.", markup=False)

    def action_hide_person(self) -> None:
        key = self._person_column()
        if key is not None:
            self.hidden |= {key}
            self.show_matrix()

    def action_show_everyone(self) -> None:
        self.hidden = frozenset()
        self.show_matrix()

    def on_cell_shown(self, message: CellShown) -> None:
        question = self.index.nodes.get(message.question_id)
        if question is None:
            return
        key = message.voice_key
        voice = self.index.voices.get(key) if key is not None else None
        cell = self.matrix.cell(question.id, key) if key is not None else None
        self.query_one(CellDetail).show_cell(question, voice, cell)
        self.refresh_bindings()

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
        self.tags = [None, *kept_tags(index)]
        self.tag_at = self.tags.index(tag) if tag in self.tags else 0
        await self.recompose()
        self.show_matrix()
        self.query_one(MatrixTable).focus()
