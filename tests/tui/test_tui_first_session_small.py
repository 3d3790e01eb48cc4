"""Small terminals (60×18, 80×24): the breadcrumb keeps to one line, shortened from the left;
the legend folds into one line; the tree has at least half the rows; the footer drops its last
keys whole rather than cut one, and keeps Esc and ? in view."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from explorer.analysis.queries import CorpusIndex
from explorer.model import Node
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.walk import WalkScreen
from explorer.tui.widgets.breadcrumb import Breadcrumb, fitted_path_text
from explorer.tui.widgets.footer import FittingFooter
from explorer.tui.widgets.legend import Legend

from .helpers import explore, main_screen, press, tree_of

SMALL_SIZES = [(60, 18), (80, 24)]


def corpus_index() -> CorpusIndex:
    result = load_corpus(bundled_scenarios() / "soleimani" / "corpus.yaml")
    assert result.index is not None
    return result.index


INDEX = corpus_index()
PATHS = [INDEX.path_to(node.id) for node in INDEX.ordered_nodes()]


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(PATHS), width=st.integers(min_value=4, max_value=200))
def test_the_fitted_path_fits_and_ends_with_the_selected_node(
    path: tuple[Node, ...], width: int
) -> None:
    text = fitted_path_text(path, lambda _name: Style(), width).plain
    assert len(text) <= width
    whole = fitted_path_text(path, lambda _name: Style(), 10_000).plain
    if len(whole) <= width:
        assert text == whole
    else:
        assert text.startswith("…")
        assert whole.endswith(text[1:])  # what is left is the end of the path


def footer_fits(app: ExplorerApp) -> None:
    """Every key the footer draws lies whole inside it, none under the palette's key."""
    footer = app.screen.query_one(FittingFooter)
    keys = [key for key in footer.query(FooterKey) if key.display]
    palette = [key for key in keys if key.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    for key in keys:
        if key not in palette:
            assert key.region.right <= right, f"{key.key_display} {key.description} is cut"
    shown = {key.key for key in keys}
    assert "question_mark" in shown


def rows_of(widget: Widget) -> int:
    return widget.outer_size.height


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_the_main_screen_keeps_the_tree_at_least_half_the_rows(
    size: tuple[int, int],
) -> None:
    async with explore(bundled_scenarios(), size=size) as (app, pilot):
        await press(pilot, "j", "j")  # a node three deep: the path is wider than 60 columns
        screen = main_screen(app)
        crumb = screen.query_one(Breadcrumb)
        assert rows_of(crumb) == 1
        assert crumb.shown.endswith("How does Iran respond?")
        if size[0] == 60:
            assert crumb.shown.startswith("…")
        assert rows_of(screen.query_one(Legend)) == 1
        assert rows_of(tree_of(app)) >= size[1] / 2
        footer_fits(app)
        await press(pilot, "p")  # the people list open: Esc goes back, and stays in view
        footer_fits(app)
        assert "escape" in {k.key for k in screen.query(FooterKey) if k.display}


async def test_a_tall_terminal_lets_the_legend_wrap() -> None:
    async with explore(bundled_scenarios(), size=(60, 40)) as (app, _pilot):
        assert rows_of(main_screen(app).query_one(Legend)) >= 2


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_the_walks_footer_keeps_its_keys_whole(size: tuple[int, int]) -> None:
    async with explore(bundled_scenarios(), size=size) as (app, pilot):
        await press(pilot, "w")
        assert isinstance(app.screen, WalkScreen)
        footer_fits(app)
        assert "escape" in {k.key for k in app.screen.query(FooterKey) if k.display}
