"""The one door to Textual's private parts: a branch opened or closed is spliced into the lines
drawn, instead of every open line being laid out again.

The stock `Tree` lays out all its open lines after any change, slow with many thousands open.
Opening or closing one branch changes only the lines below it, so `SplicedLines` replaces those in
the list and renumbers the lines after them. That needs Textual's private parts (`_TreeLine`, the
line cache, the change counts, `Tree._build`; and `Tree._render_line`, handed the tree's style
read once per frame), so it is used only on the Textual release it was
tested with (`TESTED_TEXTUAL`), when every private name it needs is present, and unless the
environment variable `SCENARIO_EXPLORER_STOCK_TREE` is set (to anything but "" or "0").
Otherwise the tree is the stock one: slower to open a large branch, the same lines, and nothing
private touched. The same holds for `keep_component_styles` (below), which keeps the styles of
widgets' component classes between screens (`SCENARIO_EXPLORER_STOCK_STYLES` turns it off).
`set_footer_key_disabled` dims a footer key in place. Nothing else in the app names a private
part of Textual.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib
import os
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from textual.dom import DOMNode
from textual.geometry import Size
from textual.widgets import Tree
from textual.widgets._footer import FooterKey as FooterKey  # exported here only; for footer.py
from textual.widgets.tree import TreeNode

if TYPE_CHECKING:
    from rich.style import Style
    from textual.css.styles import RulesMap
    from textual.css.stylesheet import Stylesheet
    from textual.geometry import Region
    from textual.strip import Strip
    from textual.widgets._tree import _TreeLine

    class _Base(Tree[str]):
        def _set_open(self, node: TreeNode[str], open_: bool) -> None: ...

else:
    # Not a Widget subclass at run time: a mixin placed before the tree's own class.
    _Base = object

TESTED_TEXTUAL = "8.2.8"
STOCK_TREE = "SCENARIO_EXPLORER_STOCK_TREE"

Mode = Literal["splice", "stock"]
T = TypeVar("T")

# What the splice reads, writes or overrides: methods of the classes, and attributes their
# `__init__` assigns (read from its code, so the check needs no instance).
_METHODS = {
    "Tree": (
        "_build",
        "_invalidate",
        "_toggle_node",
        "_clear_line_cache",
        "_tree_lines",
        "_render_line",
    ),
    "TreeNode": ("_reset",),
    "Widget": ("_scroll_update",),
    "_TreeLine": ("_get_guide_width",),
}
_ASSIGNED = {
    "Tree": ("_tree_lines_cached", "_updates"),
    "TreeNode": ("_line", "_expanded", "_children", "_updates"),
}


def loop_last(values: Iterable[T]) -> Iterator[tuple[bool, T]]:
    """Each value, with True for the last."""
    iterator = iter(values)
    try:
        previous = next(iterator)
    except StopIteration:
        return
    for value in iterator:
        yield False, previous
        previous = value
    yield True, previous


@functools.cache
def installed_textual() -> str | None:
    """The version of the installed Textual distribution.

    Asked before the first frame (`keep_component_styles`), so read first from the one
    `textual-VERSION.dist-info` folder beside the package, where pip installs it: importing
    `importlib.metadata` (and the email parser it brings) delays that frame noticeably. Any
    other layout is asked of `importlib.metadata`."""
    import textual

    beside = list(Path(textual.__file__).parent.parent.glob("textual-*.dist-info"))
    if len(beside) == 1:
        with contextlib.suppress(OSError), (beside[0] / "METADATA").open(encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("Version:"):
                    return line.removeprefix("Version:").strip()
                if not line.strip():  # the headers end at the first blank line
                    break
    import importlib.metadata

    try:
        return importlib.metadata.version("textual")
    except importlib.metadata.PackageNotFoundError:
        return None


def tree_mode(version: str | None = None) -> Mode:
    """The tree's mode: "splice" when the splice may be used with this Textual version (by
    default the installed one), "stock" when the tree must be the stock `Tree`."""
    if os.environ.get(STOCK_TREE, "") not in ("", "0"):
        return "stock"
    if (version or installed_textual()) != TESTED_TEXTUAL:
        return "stock"  # checked first: another release's private parts are not even looked at
    return "stock" if missing_parts() else "splice"


@functools.cache
def missing_parts() -> tuple[str, ...]:
    """The private names the splice needs that the installed Textual lacks."""
    try:
        module = importlib.import_module("textual.widgets._tree")
    except ImportError:
        return ("textual.widgets._tree",)
    from textual.widget import Widget

    classes = {
        "Tree": Tree,
        "TreeNode": TreeNode,
        "Widget": Widget,
        "_TreeLine": getattr(module, "_TreeLine", None),
    }
    missing = [name for name, cls in classes.items() if cls is None]
    for name, methods in _METHODS.items():
        cls = classes[name]
        missing += [f"{name}.{m}" for m in methods if cls is not None and not hasattr(cls, m)]
    for name, attributes in _ASSIGNED.items():
        assigned = set(classes[name].__init__.__code__.co_names)  # type: ignore[misc]
        missing += [f"{name}.{a}" for a in attributes if a not in assigned]
    tree_line = classes["_TreeLine"]
    if tree_line is not None and (
        not dataclasses.is_dataclass(tree_line)
        or [f.name for f in dataclasses.fields(tree_line)] != ["path", "last"]
    ):
        missing.append("_TreeLine(path, last)")
    return tuple(missing)


@functools.cache
def _tree_line() -> type[_TreeLine[str]]:
    line: type[_TreeLine[str]] = importlib.import_module("textual.widgets._tree")._TreeLine
    return line


class SplicedLines(_Base):
    """A mixin, before the tree's own class, for use only when `tree_mode()` is "splice": the
    tree's `_set_open` opens or closes a branch, and its lines are spliced into those drawn."""

    # A branch opened or closed: (its node, the lines drawn before, Textual's change count).
    _splice: tuple[TreeNode[str], list[_TreeLine[str]], int] | None = None

    def _set_open(self, node: TreeNode[str], open_: bool) -> None:
        drawn = self._tree_lines_cached  # None when a change is already waiting to be laid out
        super()._set_open(node, open_)
        self._splice = (node, drawn, self._updates) if drawn is not None else None

    # The tree's style, read once for all the lines a frame draws: Textual's `render_line` reads
    # it for each line, and each read walks the tree's ancestors for their backgrounds.
    _frame_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def render_line(self, y: int) -> Strip:
        style = self._frame_style
        if style is None:  # asked outside a frame
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        return self._render_line(y + scroll_y, scroll_x, scroll_x + self.size.width, style)

    def _toggle_node(self, node: TreeNode[str]) -> None:
        # Textual's own way in (enter, a click on the icon): opened or closed by `_set_open`.
        if node.allow_expand:
            self._set_open(node, not node.is_expanded)

    def _build(self) -> None:
        # Anything else that changed the tree since the branch was opened or closed (Textual
        # counts every change in `_updates`) falls back to the stock layout.
        splice, self._splice = self._splice, None
        if splice is not None and splice[2] == self._updates and self._splice_lines(*splice[:2]):
            return
        super()._build()

    def _invalidate(self) -> None:
        # The stock Tree asks for a layout pass on every change (for a tree sized by its lines);
        # ours fills its pane (height 1fr), and a change of its lines' size asks for one itself.
        self._clear_line_cache()
        self._updates += 1
        self.root._reset()
        self.refresh()

    def _resize_lines(self, size: Size) -> None:
        """The new size of the lines. Assigned, `virtual_size` asks for a layout pass, which
        arranges and redraws the whole screen; the tree's own region does not change, so only
        the scrollbars are updated (one that appears or goes asks for the layout itself)."""
        self.set_reactive(Tree.virtual_size, size)
        self._scroll_update(size)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
        self.refresh()

    def _splice_lines(self, node: TreeNode[str], drawn: list[_TreeLine[str]]) -> bool:
        start = node._line
        if not 0 <= start < len(drawn) or drawn[start].node is not node:
            return False
        path = drawn[start].path
        end = start + 1
        while end < len(drawn) and len(drawn[end].path) > len(path):
            end += 1
        new: list[_TreeLine[str]] = []
        tree_line = _tree_line()

        def add(parent_path: list[TreeNode[str]], child: TreeNode[str], last: bool) -> None:
            child_path = [*parent_path, child]
            new.append(tree_line(child_path, last))
            if child._expanded:
                for is_last, grandchild in loop_last(child._children):
                    add(child_path, grandchild, is_last)

        if node._expanded:
            for is_last, child in loop_last(node._children):
                add(path, child, is_last)
        lines = drawn[: start + 1] + new + drawn[end:]
        for number in range(start + 1, len(lines)):
            lines[number].node._line = number
        self._tree_lines_cached = lines

        def width(line: _TreeLine[str]) -> int:
            return self.get_label_width(line.node) + line._get_guide_width(
                self.guide_depth, self.show_root
            )

        removed = max((width(line) for line in drawn[start + 1 : end]), default=0)
        widest = self.virtual_size.width
        if removed >= widest:  # the widest line may have gone: measure them all
            widest = max(width(line) for line in lines)
        else:
            widest = max([widest, *(width(line) for line in new)])
        self._resize_lines(Size(widest, len(lines)))
        if self.cursor_line != -1:  # as the stock layout does
            if self.cursor_node is not None:
                self.cursor_line = self.cursor_node._line
            if self.cursor_line >= len(lines):
                self.cursor_line = -1
        return True


# -- component styles kept while nothing they depend on changed ------------------------------------

STOCK_STYLES = "SCENARIO_EXPLORER_STOCK_STYLES"
_STYLE_PARTS = ("_process_component_classes", "rules_map", "apply", "replace_rules")
_NODE_PARTS = ("_get_component_classes", "_attach")
_NODE_ASSIGNED = ("_component_styles", "_css_styles")


class _KeptStyles:
    """The rules of each component class, by what selectors can match along the widget's path,
    for one parse of the stylesheet; and what each widget's component styles were made from."""

    def __init__(self) -> None:
        self.rules_map: object = None
        self.pseudo_classes: frozenset[str] = frozenset()  # those the stylesheet names
        self.rules: dict[tuple[object, ...], RulesMap] = {}
        self.made_from: weakref.WeakKeyDictionary[DOMNode, tuple[object, ...]]
        self.made_from = weakref.WeakKeyDictionary()

    def follow(self, stylesheet: Stylesheet) -> None:
        """Forget what was made from an older parse of the stylesheet."""
        if stylesheet.rules_map is not self.rules_map:
            self.rules_map = stylesheet.rules_map
            self.pseudo_classes = frozenset().union(*(r.pseudo_classes for r in stylesheet.rules))
            self.rules.clear()
            self.made_from.clear()

    def selector_key(self, node: DOMNode) -> tuple[object, ...]:
        """What selectors can match along a node's path: each node's type, id, classes and the
        pseudo-classes the stylesheet names, from the app down to the node."""
        named = self.pseudo_classes
        return tuple(
            (type(step), step.id, step.classes, tuple(p for p in named if step.has_pseudo_class(p)))
            for step in node.css_path_nodes
        )


def keep_component_styles() -> bool:
    """Match a widget's component classes against the stylesheet only when their styles may
    differ from those already made.

    Textual styles each component class of a widget (ours declare thirty or more, one per kind of
    span) by matching a throwaway node against the whole stylesheet: for every widget each time a
    screen is made, and again each time it is shown, which made opening and closing any screen
    slow. Those rules depend only on the stylesheet and on what selectors can match along the
    widget's path, so they are matched once per path and stylesheet, and a widget whose path has
    not changed keeps its styles. Used only on the Textual release it was tested with, when the
    names it needs are present, and unless the environment variable
    `SCENARIO_EXPLORER_STOCK_STYLES` is set; returns whether it is in use."""
    from textual.css.stylesheet import Stylesheet

    if getattr(Stylesheet, "_keeps_component_styles", False):
        return True
    if (
        os.environ.get(STOCK_STYLES, "") not in ("", "0")
        or installed_textual() != TESTED_TEXTUAL
        or not all(hasattr(Stylesheet, name) for name in _STYLE_PARTS)
        or not all(hasattr(DOMNode, name) for name in _NODE_PARTS)
        or not set(_NODE_ASSIGNED) <= set(DOMNode.__init__.__code__.co_names)
    ):
        return False
    kept = _KeptStyles()

    def process_component_classes(self: Stylesheet, node: DOMNode) -> None:
        components = node._get_component_classes()
        if not components:
            return
        kept.follow(self)  # parsed again on a new theme, or new widget classes
        key = kept.selector_key(node)
        made = node._component_styles
        if kept.made_from.get(node) == key and made.keys() == components:
            return
        changed = False
        for component in sorted(components):
            rules = kept.rules.get((key, component))
            current = made.get(component)
            if rules is not None and current is not None and current.base.get_rules() == rules:
                continue  # the path changed, not what matches this component
            virtual = DOMNode(classes=component)
            virtual._attach(node)
            if rules is None:
                self.apply(virtual, animate=False)
                kept.rules[(key, component)] = virtual._css_styles.get_rules()
            else:
                self.replace_rules(virtual, rules)
            made[component] = virtual.styles
            changed = True
        for gone in made.keys() - components:
            del made[gone]
        kept.made_from[node] = key
        if changed:
            node.refresh()

    Stylesheet._process_component_classes = process_component_classes  # type: ignore[method-assign]
    Stylesheet._keeps_component_styles = True  # type: ignore[attr-defined]
    return True


def set_footer_key_disabled(key: FooterKey, disabled: bool) -> None:
    """Dim or light a key shown in the footer, in place. Textual's footer mounts all its keys anew
    when any binding's state changes, which lays out the whole screen; the key's `_disabled`
    (read when it is clicked) follows its class where this Textual has it."""
    key.set_class(disabled, "-disabled")
    if "_disabled" in vars(key):
        key._disabled = disabled
