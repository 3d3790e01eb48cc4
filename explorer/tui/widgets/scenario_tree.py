"""The tree of branches, keyed by node id, filled lazily as branches are expanded."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.theme import Theme
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from explorer.analysis.focus import Focus, View
from explorer.analysis.outline import first_levels_open
from explorer.analysis.queries import CorpusIndex
from explorer.outputs.classes import Palette
from explorer.tui.messages import NodeSelected
from explorer.tui.widgets.labels import (
    LABEL_CLASSES,
    fit_title,
    fitted_width,
    node_label,
    one_line,
    title_start,
)
from explorer.tui.widgets.themed import Themed
from explorer.tui.widgets.tree_splice import SplicedLines, tree_mode

BRANCH_WAITS = "This branch opens once the whole corpus is read, in a moment."


class ScenarioTree(Themed, Tree[str]):
    """The trigger at the root, the tree files below it; each line a node with who argued it.

    Children are added to the widget only when their parent is first expanded, so a corpus of
    100k nodes costs only what the reader opens. This class uses only Textual's public API; when
    `tree_mode()` allows it, `scenario_tree(...)` makes a `SplicedScenarioTree` instead, whose
    opened and closed branches are spliced into the lines drawn (see `tree_splice`).

    `hindsight` and `person_focus` are bound to the main screen's (`data_bind`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next node", show=False),
        Binding("up,k", "cursor_up", "Previous node", show=False),
        Binding("enter", "select_cursor", "Expand or collapse", show=False),
        # Space pages down here as in every other pane (as less); Enter opens and closes.
        Binding("space", "page_down", "Page down", show=False),
        Binding("h,left", "collapse_or_parent", "Collapse, or go to the parent", show=False),
        Binding("l,right", "expand_or_child", "Expand, or go to the first child", show=False),
        # As less and vim: the first and the last line shown (not the last node of the corpus).
        Binding("g", "first_line", "To the first node shown (as home)", show=False),
        Binding("G", "last_line", "To the last node shown (as end)", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = Tree.COMPONENT_CLASSES | LABEL_CLASSES

    hindsight: var[bool] = var(False, init=False)  # outcome marks on every node
    person_focus: var[Focus] = var(Focus, init=False)  # the people chosen: marks, dimming

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        trigger = index.corpus.trigger
        super().__init__(Text(one_line(trigger.title)), trigger.id, id=id)
        self.index = index
        self.palette = Palette(index)
        self.view = View(index, Focus())
        self._by_id: dict[str, TreeNode[str]] = {trigger.id: self.root}
        self._filled: set[str] = set()
        self._labels: dict[str, Text] = {}
        self._widths: dict[str, int] = {}  # cells of each label's line, for the tree's width
        self._fits: dict[str, tuple[int, Text]] = {}  # labels shortened to a room of so many cells

    # -- state the screen and tests read -------------------------------------------------------

    @property
    def cursor_id(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def expanded_ids(self) -> set[str]:
        """Ids of the nodes whose branches are open."""
        return {node_id for node_id, node in self._by_id.items() if node.is_expanded}

    def loaded_ids(self) -> set[str]:
        """Ids of the nodes that exist in the widget (shown or inside a collapsed branch)."""
        return set(self._by_id)

    def shown_ids(self) -> list[str]:
        """Ids of the nodes on the tree's lines, top to bottom."""
        lines = (self.get_node_at_line(number) for number in range(self.last_line + 1))
        return [node.data for node in lines if node is not None and node.data is not None]

    def is_expanded(self, node_id: str) -> bool:
        node = self._by_id.get(node_id)
        return node is not None and node.is_expanded

    def label_of(self, node_id: str) -> Text:
        return self._label(node_id)

    # -- building ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._fill(self.root)
        self.root.expand()
        # Each tree file's first level is opened, when they all fit in a few screens; a library
        # of many large trees opens with one line per tree, an overview to choose from. (An
        # outline holds those levels only when they are opened: see `outline_of`.)
        index = self.index
        roots = tuple(index.nodes[child.data] for child in self.root.children if child.data)
        if first_levels_open(roots) and not any(index.children_unread(r.id) for r in roots):
            for child in self.root.children:
                self._fill(child)
                child.expand()
        self.go_to(self.index.corpus.trigger.id)

    def _fill(self, tree_node: TreeNode[str]) -> None:
        """Add a node's children to the widget, once (those kept by the view)."""
        node_id = tree_node.data
        if node_id is None or node_id in self._filled:
            return
        self._filled.add(node_id)
        visible = self.view.visible
        for child in self.index.nodes[node_id].children:
            if child.id in self._by_id or (visible is not None and child.id not in visible):
                continue  # a duplicate id (reported by the validator), or filtered out
            has_children = self.index.children_unread(child.id) or any(
                visible is None or c.id in visible for c in child.children
            )
            self._by_id[child.id] = tree_node.add(
                Text(one_line(child.title)), child.id, allow_expand=has_children
            )

    def _set_open(self, node: TreeNode[str], open_: bool) -> None:
        """Open or close one branch (a `SplicedScenarioTree` splices its lines)."""
        if open_:
            self._fill(node)
            node.expand()
            if node.data is not None and self.index.children_unread(node.data):
                # Left open: the load that follows the outline fills it (`show_index`).
                self.notify(BRANCH_WAITS, markup=False)
        else:
            node.collapse()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        # Expansions not made through `_set_open` (e.g. shift+space) fill here.
        self._fill(event.node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None:
            self.post_message(NodeSelected(event.node.data))

    # -- labels --------------------------------------------------------------------------------

    def _label(self, node_id: str) -> Text:
        label = self._labels.get(node_id)
        if label is None:
            node = self.index.nodes[node_id]
            label = node_label(
                node, self.index, self.view, self.palette, self._style, self.hindsight
            )
            self._labels[node_id] = label
        return label

    def _forget_labels(self) -> None:
        self._labels.clear()
        self._widths.clear()
        self._fits.clear()

    def _keep_labels(self, before: CorpusIndex, after: CorpusIndex) -> None:
        """Keep the labels of the nodes a reload left as they were: a label is made of its node
        and of who each citation credits, so it holds while the node is the same object (a
        file that did not change keeps its nodes) and the voices are the same."""
        if after.voices != before.voices:
            self._forget_labels()
            return
        old, new = before.nodes, after.nodes
        same = {
            node_id
            for node_id in self._labels
            if (node := new.get(node_id)) is not None and node is old.get(node_id)
        }
        for table in (self._labels, self._widths, self._fits):
            for node_id in [node_id for node_id in table if node_id not in same]:
                del table[node_id]

    def get_label_width(self, node: TreeNode[str]) -> int:
        # The stock Tree renders every line's label to measure it, each time a branch opens or
        # closes; the width of a node's line is its label's plus the two cells of the icon. A
        # label wider than its room is drawn with a shorter title (`_fitted`): so measured.
        if node.data is None:
            return super().get_label_width(node)
        width = self._widths.get(node.data)
        if width is None:
            width = self._widths[node.data] = 2 + self._label(node.data).cell_len
        room = self._room(node)
        if width - 2 <= room:
            return width
        return 2 + fitted_width(self._label(node.data), *self._title_span(node.data), room)

    def _room(self, node: TreeNode[str]) -> int:
        """The cells a node's label has on its line: the pane's width less the guides before it
        (one level per ancestor) and the icon."""
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        return self.scrollable_content_region.width - depth * self.guide_depth - 2

    def _fitted(self, node: TreeNode[str]) -> Text:
        """The node's label, its title shortened so that the initials and count stay in view."""
        node_id = node.data
        assert node_id is not None
        label = self._label(node_id)
        room = self._room(node)
        if label.cell_len <= room:
            return label
        kept = self._fits.get(node_id)
        if kept is None or kept[0] != room:
            kept = self._fits[node_id] = (room, fit_title(label, *self._title_span(node_id), room))
        return kept[1]

    def _title_span(self, node_id: str) -> tuple[int, int]:
        """Where the title is in the node's label (see `node_label`)."""
        start = title_start(self.view, self.hindsight)
        return start, start + len(one_line(self.index.nodes[node_id].title))

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        if node.data is None:
            return super().render_label(node, base_style, style)
        label = self._fitted(node).copy()
        label.stylize(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + Style(meta={"toggle": True})), label)
        return Text.assemble(("  ", base_style), label)

    def _theme_changed(self, _theme: Theme) -> None:
        self._forget_labels()  # rebuilt in the new theme's colours
        self._relabel()

    def _relabel(self) -> None:
        """Lay the lines out and draw them again, with the labels and their widths rebuilt.
        `Tree.notify_style_update` is the public call that drops the tree's line caches."""
        self.notify_style_update()

    # -- moving --------------------------------------------------------------------------------

    def go_to(self, node_id: str) -> None:
        """Expand the ancestors of a node and put the cursor on it."""
        visible = self.view.visible
        path = [n.id for n in self.index.path_to(node_id)]
        if visible is not None:
            path = [i for i in path if i in visible] or [self.index.corpus.trigger.id]
        for ancestor in path[:-1]:
            tree_node = self._by_id.get(ancestor)
            if tree_node is None:
                break
            self._fill(tree_node)
            if not tree_node.is_expanded:
                tree_node.expand()
        target = self._by_id.get(path[-1], self.root)
        _ = self.last_line  # lay the lines out now, so the node's line is known
        self.move_cursor(target)
        self.scroll_to_node(target, animate=False)
        self.post_message(NodeSelected(target.data or self.index.corpus.trigger.id))

    def on_resize(self) -> None:
        # The tree's height changes with the terminal's and with the breadcrumb's (a deeper node
        # may wrap its path onto more lines): the cursor's line stays in view.
        self.call_after_refresh(self.keep_cursor_in_view)

    def keep_cursor_in_view(self) -> None:
        if self.cursor_line >= 0:
            self.scroll_to_line(self.cursor_line, animate=False)

    def action_first_line(self) -> None:
        self._cursor_to_line(0)

    def action_last_line(self) -> None:
        self._cursor_to_line(self.last_line)

    def _cursor_to_line(self, line: int) -> None:
        node = self.get_node_at_line(line)
        if node is not None:
            self.move_cursor(node)  # and scrolls it into view

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            self._set_open(node, False)
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self._set_open(node, True)
        elif node.children:
            _ = self.last_line  # lay the lines out now, so the child's line is known
            self.move_cursor(node.children[0])

    # -- hindsight and focus (people) ----------------------------------------------------------

    def watch_hindsight(self) -> None:
        """Mark every node with its outcome (✓ ✗ ◐ ○), or take the marks off."""
        self._forget_labels()
        self._relabel()

    def watch_person_focus(self, focus: Focus) -> None:
        """Mark and dim for the chosen people; rebuild when the kept nodes change."""
        previous = self.view.visible
        self.view = View(self.index, focus)
        self._forget_labels()
        if self.view.visible != previous:
            self._rebuild()
        else:
            self._relabel()

    def show_index(
        self, index: CorpusIndex, focus: Focus, expanded: Collection[str], cursor: str
    ) -> None:
        """Another corpus (a reload): its nodes, with these branches open and the cursor on
        `cursor`; ids that no longer exist are passed over."""
        trigger = index.corpus.trigger
        before, palette_before, view_before = self.index, self.palette, self.view
        self.index = index
        self.palette = Palette(index)
        self.set_reactive(ScenarioTree.person_focus, focus)  # its view is made here, for `index`
        self.view = View(index, focus)
        if view_before.active or self.view.active or self.palette != palette_before:
            self._forget_labels()  # marks and colours may differ on any line
        else:
            self._keep_labels(before, index)
        self.root.data = trigger.id
        self.root.set_label(Text(one_line(trigger.title)))
        self._fill_anew(set(expanded), cursor)

    def _rebuild(self) -> None:
        self._fill_anew(self.expanded_ids(), self.cursor_id or self.index.corpus.trigger.id)

    def _fill_anew(self, expanded: set[str], cursor: str) -> None:
        """Fill the tree anew with these branches open, the cursor on `cursor` (or the nearest of
        its ancestors kept by the view)."""
        visible = self.view.visible
        if visible is not None:
            expanded |= visible  # collapsed to the paths: open them all
        self.clear()
        self._by_id = {self.index.corpus.trigger.id: self.root}
        self._filled = set()
        queue = [self.root]
        while queue:
            tree_node = queue.pop()
            if tree_node.data in expanded or tree_node is self.root:
                self._fill(tree_node)
                tree_node.expand()
                queue.extend(tree_node.children)
        self.go_to(cursor if cursor in self.index.nodes else self.index.corpus.trigger.id)


class SplicedScenarioTree(SplicedLines, ScenarioTree):
    """The tree, with opened and closed branches spliced into the lines drawn: made by
    `scenario_tree(...)` when `tree_mode()` is "splice"."""


def scenario_tree(index: CorpusIndex, *, id: str | None = None) -> ScenarioTree:
    """The tree for this Textual release and environment: spliced when `tree_mode()` allows."""
    kind = SplicedScenarioTree if tree_mode() == "splice" else ScenarioTree
    return kind(index, id=id)
