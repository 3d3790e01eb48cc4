"""The tree of branches, keyed by node id, filled lazily as branches are expanded."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.theme import Theme
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from explorer.queries import CorpusIndex
from explorer.tui.focus import Focus, Palette, View
from explorer.tui.messages import NodeSelected
from explorer.tui.widgets.labels import LABEL_CLASSES, node_label, one_line, text_style

OPEN_AT_START = 500  # lines: the tree files' first levels are opened at start up to this many


class ScenarioTree(Tree[str]):
    """The trigger at the root, the tree files below it; each line a node with who argued it.

    Children are added to the widget only when their parent is first expanded, so a corpus of
    100k nodes costs only what the reader opens.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next node", show=False),
        Binding("up,k", "cursor_up", "Previous node", show=False),
        Binding("enter", "select_cursor", "Select: expand or collapse", show=False),
        Binding("space", "toggle_node", "Expand or collapse", show=False),
        Binding("h,left", "collapse_or_parent", "Collapse, or go to the parent", show=False),
        Binding("l,right", "expand_or_child", "Expand, or go to the first child", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = Tree.COMPONENT_CLASSES | LABEL_CLASSES

    def __init__(self, index: CorpusIndex, *, id: str | None = None) -> None:
        trigger = index.corpus.trigger
        super().__init__(Text(one_line(trigger.title)), trigger.id, id=id)
        self.index = index
        self.palette = Palette(index)
        self.view = View(index, Focus())
        self.hindsight = False  # outcome marks on every node
        self._by_id: dict[str, TreeNode[str]] = {trigger.id: self.root}
        self._filled: set[str] = set()
        self._labels: dict[str, Text] = {}

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
        return [line.node.data for line in self._tree_lines if line.node.data is not None]

    def is_expanded(self, node_id: str) -> bool:
        node = self._by_id.get(node_id)
        return node is not None and node.is_expanded

    def label_of(self, node_id: str) -> Text:
        return self._label(node_id)

    # -- building ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._fill(self.root)
        self.root.expand()
        # Each tree file's first level is opened, when they all fit in a few screens; a library
        # of many large trees opens with one line per tree, an overview to choose from.
        nodes = self.index.nodes
        shown = sum(len(nodes[child.data].children) for child in self.root.children if child.data)
        if shown <= OPEN_AT_START:
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
            has_children = any(visible is None or c.id in visible for c in child.children)
            self._by_id[child.id] = tree_node.add(
                Text(one_line(child.title)), child.id, allow_expand=has_children
            )

    def _toggle_node(self, node: TreeNode[str]) -> None:
        self._fill(node)
        super()._toggle_node(node)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        # Expansions not made through _toggle_node (e.g. shift+space) fill here.
        self._fill(event.node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None:
            self.post_message(NodeSelected(event.node.data))

    # -- labels --------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return text_style(self, name)

    def _label(self, node_id: str) -> Text:
        label = self._labels.get(node_id)
        if label is None:
            node = self.index.nodes[node_id]
            label = node_label(
                node, self.index, self.view, self.palette, self._style, self.hindsight
            )
            self._labels[node_id] = label
        return label

    def get_label_width(self, node: TreeNode[str]) -> int:
        # The stock Tree renders every line's label to measure it, each time a branch opens or
        # closes; the width of a node's line is its label's plus the two cells of the icon.
        if node.data is None:
            return super().get_label_width(node)
        return 2 + self._label(node.data).cell_len

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        if node.data is None:
            return super().render_label(node, base_style, style)
        label = self._label(node.data).copy()
        label.stylize(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + Style(meta={"toggle": True})), label)
        return Text.assemble(("  ", base_style), label)

    def _theme_changed(self, _theme: Theme) -> None:
        self._labels.clear()  # rebuilt in the new theme's colours
        self._invalidate()

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
        _ = self._tree_lines  # lay the lines out now, so the node's line is known
        self.move_cursor(target)
        self.scroll_to_node(target, animate=False)
        self.post_message(NodeSelected(target.data or self.index.corpus.trigger.id))

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self._fill(node)
            node.expand()
        elif node.children:
            _ = self._tree_lines
            self.move_cursor(node.children[0])

    # -- hindsight and focus (people) ----------------------------------------------------------

    def show_hindsight(self, on: bool) -> None:
        """Mark every node with its outcome (✓ ✗ ◐ ○), or take the marks off."""
        self.hindsight = on
        self._labels.clear()
        self._invalidate()

    def show_focus(self, focus: Focus) -> None:
        """Mark and dim for the chosen people; rebuild when the kept nodes change."""
        previous = self.view.visible
        self.view = View(self.index, focus)
        self._labels.clear()
        if self.view.visible != previous:
            self._rebuild()
        else:
            self._invalidate()

    def show_index(
        self, index: CorpusIndex, focus: Focus, expanded: Collection[str], cursor: str
    ) -> None:
        """Another corpus (a reload): its nodes, with these branches open and the cursor on
        `cursor`; ids that no longer exist are passed over."""
        trigger = index.corpus.trigger
        self.index = index
        self.palette = Palette(index)
        self.view = View(index, focus)
        self._labels.clear()
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
