"""One meaning per key across the app: every binding of every screen and widget is collected,
and a key bound to two different actions fails, except where the actions are one idea (listed
below, each saying why)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict
from collections.abc import Callable

from textual.binding import Binding
from textual.dom import DOMNode

import explorer.tui

Bound = tuple[str, str, str]  # action (without its parameters), the class that binds it, words

# Keys whose actions differ by name but are one idea. Each entry: the keys, what they mean
# everywhere, and the actions that mean it.
SAME_IDEA: list[tuple[frozenset[str], str, frozenset[str]]] = [
    (
        frozenset({"escape"}),
        "back: leave, close or cancel what is on top (a selection first, as in an editor)",
        # end_search: the source view's search line (as less's), closed
        frozenset({"back", "close", "cancel", "clear_selection", "close_people", "end_search"}),
    ),
    (
        frozenset({"backspace"}),
        "back: one step back (out of the source view, up the walk)",
        frozenset({"back", "step_back"}),
    ),
    (
        frozenset({"enter"}),
        "take the highlighted thing: open, choose, expand or show it",
        frozenset({"select", "select_cursor", "open", "choose_highlighted"}),
    ),
    (
        frozenset({str(n) for n in range(1, 10)}),
        "choose by number: a citation, a choice of the walk, an entry of a picker",
        frozenset({"choose", "open_citation"}),
    ),
    (
        frozenset({"j", "down", "k", "up"}),
        "down and up: the next or previous line, or scroll",
        frozenset({"cursor_down", "cursor_up", "scroll_down", "scroll_up", "scroll"}),
    ),
    (
        frozenset({"h", "left", "l", "right"}),
        "left and right: toward the parent or the child in the tree, the person beside",
        frozenset({"collapse_or_parent", "expand_or_child", "cursor_left", "cursor_right"}),
    ),
    (
        frozenset({"left_square_bracket", "right_square_bracket"}),
        "previous and next, as vim's [ and ]: the place visited, the sentence of an article",
        frozenset({"back", "forward", "sentence"}),
    ),
    (
        frozenset({"less_than_sign", "greater_than_sign"}),
        "less and more: the tree's pane, the selection in an article",
        frozenset({"move_split", "end_word"}),
    ),
    (
        frozenset({"n", "N"}),
        "next and previous, as in less: the next quote of an article, or the next match of a "
        "search in it",
        frozenset({"next_quote", "next_found"}),
    ),
    (
        frozenset({"question_mark"}),
        "the help: opens it, and closes it again",
        frozenset({"help", "close"}),
    ),
    (
        frozenset({"q"}),
        "quit",
        frozenset({"quit", "quit_failed"}),
    ),
]


def is_search(binding: Binding) -> bool:
    """`/` searches: the corpus from the tree, the text of an article in the source view."""
    words = f"{binding.description} {binding.tooltip}".lower()
    return binding.key == "slash" and ("search" in words or "find" in words)


def app_classes() -> list[type[DOMNode]]:
    """Every screen and widget (and the app) defined in the explorer's TUI package."""
    found: list[type[DOMNode]] = []
    for module_info in pkgutil.walk_packages(explorer.tui.__path__, "explorer.tui."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, DOMNode):
                found.append(cls)
    return found


def bindings_by_key(classes: list[type[DOMNode]]) -> dict[str, list[tuple[Binding, str]]]:
    """Each key, with the bindings the classes declare for it. A binding without a description
    is the hidden twin of one with (as `e` when the corpus is read-only, `d` with no problems):
    it answers the same key in the same place when its twin cannot, and is left out."""
    keys: dict[str, list[tuple[Binding, str]]] = defaultdict(list)
    for cls in classes:
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            if binding.description:
                keys[binding.key].append((binding, cls.__name__))
    return keys


def action_name(binding: Binding) -> str:
    """`screen.close_people` → `close_people`, `choose(3)` → `choose`."""
    return binding.action.split("(", 1)[0].rsplit(".", 1)[-1]


def meaning(key: str, binding: Binding) -> str:
    if is_search(binding):
        return "search"
    action = action_name(binding)
    for keys, idea, actions in SAME_IDEA:
        if key in keys and action in actions:
            return idea
    return action


def keys_with_two_meanings(
    keys: dict[str, list[tuple[Binding, str]]], mean: Callable[[str, Binding], str] = meaning
) -> dict[str, list[str]]:
    clashes: dict[str, list[str]] = {}
    for key, bound in keys.items():
        if len({mean(key, binding) for binding, _cls in bound}) > 1:
            clashes[key] = sorted(f"{cls}: {b.description} ({b.action})" for b, cls in bound)
    return clashes


def test_every_key_has_one_meaning_across_the_app() -> None:
    classes = app_classes()
    names = {cls.__name__ for cls in classes}
    assert {"ExplorerApp", "MainScreen", "ScenarioTree", "SourceScreen", "WalkScreen"} <= names
    assert {"MatrixScreen", "MatrixTable", "SeedView", "HelpScreen"} <= names
    keys = bindings_by_key(classes)
    assert len(keys) > 40
    assert keys_with_two_meanings(keys) == {}


def test_the_check_finds_a_key_with_two_meanings() -> None:
    """The check itself: a key bound to two ideas is reported; one idea under two names is not."""
    keys = {
        "c": [(Binding("c", "collapse", "Collapse"), "Tree"), (Binding("c", "cite", "Cite"), "S")],
        "escape": [
            (Binding("escape", "close", "Back"), "Walk"),
            (Binding("escape", "cancel", "Cancel"), "Dialog"),
        ],
        "slash": [
            (Binding("slash", "app.command_palette", "Search"), "Main"),
            (Binding("slash", "find", "Find in the article"), "Source"),
        ],
    }
    assert keys_with_two_meanings(keys) == {"c": ["S: Cite (cite)", "Tree: Collapse (collapse)"]}


def test_the_keys_that_had_two_meanings_have_one() -> None:
    keys = bindings_by_key(app_classes())
    for key in ("c", "x", "g", "o", "r", "space"):
        assert len({action_name(b) for b, _cls in keys[key]}) <= 1, keys[key]
    assert {cls for _b, cls in keys["g"]} == {"ScenarioTree"}
