"""Component-class styles kept between screens (`tree_splice.keep_component_styles`) must be what
Textual's own matching gives, and the text styles a themed widget keeps (`Themed._style`) those it
would make again, after any sequence of screens opened and closed, focus moved and themes
switched (hypothesis drives the keys)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from explorer.tui.app import ExplorerApp
from explorer.tui.widgets import tree_splice
from explorer.tui.widgets.labels import text_style
from explorer.tui.widgets.themed import Themed

from .helpers import explore

# Keys that open, close and move between screens, move the focus, and change the theme.
KEYS = ("w", "m", "a", "p", "o", "t", "question_mark", "escape", "tab", "j", "d")

pytestmark = pytest.mark.skipif(
    tree_splice.installed_textual() != tree_splice.TESTED_TEXTUAL,
    reason="the styles are kept only on the Textual release it was tested with",
)


def stock_rules(node: DOMNode, component: str) -> object:
    """The rules Textual's own matching gives a component class of this node."""
    virtual = DOMNode(classes=component)
    virtual._attach(node)
    node.app.stylesheet.apply(virtual)
    return virtual._css_styles.get_rules()


def mismatches(app: ExplorerApp) -> list[str]:
    found = []
    for node in app.screen.walk_children(with_self=True):
        for component in node._get_component_classes():
            kept = node._component_styles.get(component)
            if kept is None or kept.base.get_rules() != stock_rules(node, component):
                found.append(f"{type(node).__name__} {component}")
    return found


async def holds_after_each_key(keys: list[str], wrong: Callable[[ExplorerApp], list[str]]) -> None:
    """`wrong` finds nothing at start, nor after any of the keys."""
    async with explore(live=False) as (app, pilot):
        assert not wrong(app)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert not wrong(app), key


def test_kept_styles_are_in_use() -> None:
    assert tree_splice.keep_component_styles()
    assert getattr(Stylesheet, "_keeps_component_styles", False)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=12))
async def test_kept_styles_are_those_made_afresh(keys: list[str]) -> None:
    """The component styles are Textual's own, and the text styles themed widgets keep are those
    they would make (one run of keys checks both: each run costs seconds)."""
    await holds_after_each_key(keys, lambda app: mismatches(app) + stale_made_styles(app))


async def test_a_theme_switch_restyles_the_kept_components() -> None:
    async with explore(live=False) as (app, pilot):
        await pilot.press("w")  # a screen made with the first theme's styles
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        before = app.screen.query_one("#tree")._component_styles["label--muted"].rich_style
        await pilot.press("t")
        await pilot.pause()
        after = app.screen.query_one("#tree")._component_styles["label--muted"].rich_style
        assert after != before
        assert not mismatches(app)
        await pilot.press("w")
        await pilot.pause()
        assert not mismatches(app)


def stale_made_styles(app: ExplorerApp) -> list[str]:
    """The styles a themed widget keeps (`Themed._style`) that its component classes no longer
    give; each widget is first asked for every style it may use, so that each is kept."""
    found = []
    for node in app.screen.walk_children(with_self=True):
        if not isinstance(node, Themed):
            continue
        for component in node._get_component_classes():
            node._style(component)
        for name, kept in (node._styles_made or {}).items():
            if kept != text_style(node, name):
                found.append(f"{type(node).__name__} {name}")
    return found
