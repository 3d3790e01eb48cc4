"""A new user's first session on the bundled corpus, in a real terminal (tmux), at 80×24 and at
120×40: a search jump leaves the node in view, a new node's details start at the top, a source
opened on a citation comes back with j/k moving the tree, and a resize keeps the node in view."""

from __future__ import annotations

import re

import pytest

from explorer.model import Node
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus

from .test_tmux import Terminal, terminal  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

META_ID = re.compile(r"(?:event|question) · id ([a-z0-9-]+)")


def nodes_by_id() -> dict[str, Node]:
    corpus = load_corpus(bundled_scenarios()).corpus
    assert corpus is not None
    found: dict[str, Node] = {}
    stack = [corpus.trigger]
    while stack:
        node = stack.pop()
        found[node.id] = node
        stack.extend(node.children)
    return found


def tree_line(node: Node) -> str:
    """A line of the tree (after its guides, not in the breadcrumb): the node's first words."""
    words = re.escape(" ".join(node.title.split()[:4]))
    return rf"── (?:[▶▼] |  )[•?] {words}"


def shown_id(term: Terminal, other_than: str) -> str:
    screen = term.wait_for_pattern(rf"· id (?!{re.escape(other_than)} )[a-z0-9-]+ ·")
    found: list[str] = [i for i in META_ID.findall(screen) if i != other_than]
    assert found, screen
    return found[0]


def search(term: Terminal, query: str) -> None:
    """`/`, and the query once the palette is open (typed sooner, it would be lost)."""
    term.keys("/")
    term.wait_for("Search titles, claims")
    term.keys(query)


def resize(term: Terminal, size: tuple[int, int]) -> None:
    term.tmux("resize-window", "-t", "t", "-x", str(size[0]), "-y", str(size[1]))


@pytest.mark.parametrize(
    ("size", "then"), [((80, 24), (120, 40)), ((120, 40), (80, 24))], ids=["80x24", "120x40"]
)
def test_a_new_users_path_through_the_bundled_corpus(
    terminal: Terminal,  # noqa: F811
    size: tuple[int, int],
    then: tuple[int, int],
) -> None:
    nodes = nodes_by_id()
    terminal.start([])
    resize(terminal, size)
    # The tree drawn (the trigger's line, who argues it, its count), not the loading screen:
    # keys typed before would be lost.
    terminal.wait_for_pattern(r"▼ • The US kills Qasem Soleimani\s+SH PK SS\s+\(3\)")
    # A search jump: the chosen node's line is in the tree's visible part.
    syrians = nodes["syrians-celebrate"]
    search(terminal, "Syrians celebrated")
    terminal.wait_for(f"node   {syrians.title}")
    terminal.keys("Enter")
    terminal.wait_for_pattern(tree_line(syrians))
    # Details scrolled down on one node; the next node is read from the top.
    search(terminal, "Iran escalates toward")
    terminal.wait_for(f"node   {' '.join(nodes['iran-escalates'].title.split()[:4])}")
    terminal.keys("Enter")
    terminal.wait_for_pattern(r"· id iran-escalates ·")
    terminal.keys("Tab", "PageDown", "BTab", "j")
    restrains = nodes["iran-restrains"]
    terminal.wait_for_pattern(rf"[•?] {re.escape(restrains.title)}\s*\n[^\n]*· id iran-restrains")
    # A citation's source, opened with Enter on the citation; back, j moves the tree.
    terminal.keys("Tab", "Tab", "Enter")
    # The source view's own line: the quote alone is also in the details, before it opens.
    terminal.wait_for(f"Citation 1: “{' '.join(restrains.citations[0].quote.split()[:5])}")
    terminal.keys("Escape")
    terminal.wait_for(f"› • {restrains.title}")  # the breadcrumb, back on the main screen
    terminal.keys("j")
    moved_to = nodes[shown_id(terminal, "iran-restrains")]
    terminal.wait_for_pattern(tree_line(moved_to))
    # Another size: the selected node stays in view.
    resize(terminal, then)
    terminal.wait_for_pattern(tree_line(moved_to))
    resize(terminal, size)
    terminal.wait_for_pattern(tree_line(moved_to))
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"
