"""A new user's first session, round two, in a real terminal (tmux) at 80×24 and 60×18: the
folder `explorer init` made is checked and opened from another folder; the breadcrumb keeps to
one line, the tree to at least half the rows, the footer to whole keys; search finds a tag and
reads a typo; in the source view, after a cite through the dialog, `]` moves the selection."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest
from textual.binding import Binding

from explorer.reading.load import load_corpus
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.people import PeopleList

from .test_tmux import EXPLORER, Terminal, terminal  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

SIZES = [(80, 24), (60, 18)]
SIZE_IDS = ["80x24", "60x18"]
# The tree is drawn (not the loading screen): the trigger's line with who argues it and its count.
READY = r"▼ • The US kills Qasem Soleimani\s+SH PK SS\s+\(3\)"
TREE_ROW = re.compile(r"^(?:[│ ]   |├── |└── )*(?:[▶▼] |  )[•?] .*\(\d+\)\W*$")  # \W: a scroll bar


def initialised(tmp_path: Path) -> Path:
    """`explorer init mine` in one folder, then `explorer check --strict` on it from another:
    the folder that `check` is run from, with `../made/mine` to name the corpus's folder."""
    made, elsewhere = tmp_path / "made", tmp_path / "elsewhere"
    made.mkdir()
    elsewhere.mkdir()
    init = subprocess.run([EXPLORER, "init", "mine"], cwd=made, capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    check = subprocess.run(
        [EXPLORER, "check", "--strict", "../made/mine"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    return elsewhere


def footer_items() -> list[str]:
    """What a key of the main screen (and the app's, the people list's) says in the footer."""
    classes = (MainScreen, ExplorerApp, PeopleList)
    bindings = [b for cls in classes for b in Binding.make_bindings(cls.BINDINGS)]
    return sorted({b.description for b in bindings if b.show and b.description}, key=len)[::-1]


def whole_footer(line: str) -> bool:
    """The footer line is made of whole keys: each a key's sign and a description in full."""
    descriptions = "|".join(re.escape(d) for d in footer_items())
    return re.fullmatch(rf"\s*(?:\S{{1,5}}?(?:{descriptions})\s*)+", line) is not None


def search(terminal: Terminal, query: str) -> None:  # noqa: F811
    """`/`, and the query once the palette is open (typed sooner, it would be lost)."""
    terminal.keys("/")
    terminal.wait_for("Search titles, claims")
    terminal.keys(query)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_init_check_open_then_search_at_a_small_size(
    terminal: Terminal,  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    elsewhere = initialised(tmp_path)
    terminal.start(["../made/mine"], cwd=elsewhere, size=size)
    terminal.wait_for_pattern(READY)  # typing before the tree is drawn would be lost
    # A tag: `expulsion` finds the node tagged so; Enter goes there.
    tagged = "Iraq's parliament votes to expel foreign troops"
    search(terminal, "expulsion")
    terminal.wait_for(f"node   {tagged}")
    terminal.keys("Escape")
    terminal.wait_for_pattern(READY)
    # A typo: `sanctons` reads as sanctions.
    search(terminal, "sanctons")
    terminal.wait_for_pattern(r"(?im)^\W*(?:node|claim|quote|tag|person|source)\s{2,}.*sanction")
    terminal.keys("Escape")
    terminal.wait_for_pattern(READY)
    # A deep node: its breadcrumb is longer than the terminal is wide, and keeps to one line.
    search(terminal, "Iran escalates toward")
    terminal.wait_for("node   Iran escalates toward open military confrontation")
    terminal.keys("Enter")
    screen = terminal.wait_for_pattern(r"· id iran-escalates ·")
    lines = screen.splitlines()
    width, height = size
    assert lines[0].startswith(" … › ") and "Iran escalates" in lines[0], screen
    assert lines[1].startswith("─") and "After Soleimani" in lines[1], screen  # the tree's top
    rows = [line for line in lines if TREE_ROW.match(line)]
    legend = next(n for n, line in enumerate(lines) if "argues for" in line)
    assert legend - 1 >= height // 2, screen  # the tree's pane: at least half the rows
    assert len(rows) >= height // 2 - 2, screen  # its border and a scroll bar aside, nodes
    assert any("Iran escalates" in row for row in rows), screen
    assert all(len(line) <= width for line in lines)
    footer = lines[height - 1]
    assert whole_footer(footer), footer
    assert footer.rstrip().endswith("?Help"), footer
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"


def citations(folder: Path) -> set[tuple[str, str]]:
    """(node id, quote) of every citation of the corpus in this folder."""
    corpus = load_corpus(folder).corpus
    assert corpus is not None
    found: set[tuple[str, str]] = set()
    stack = [corpus.trigger]
    while stack:
        node = stack.pop()
        found.update((node.id, citation.quote) for citation in node.citations)
        stack.extend(node.children)
    return found


def cite_selection(terminal: Terminal, corpus: Path) -> set[tuple[str, str]]:  # noqa: F811
    """In the source view, a passage selected: `c`, then the dialog's Cite (ctrl+s); returns the
    citations the corpus gained. Read from the files: the notification that says so may be
    drawn over the article's text at a small size, and wrap between its words."""
    known = citations(corpus)
    terminal.keys("c")
    terminal.wait_for("Cite this passage")
    terminal.keys("C-s")  # Cite, with the dialog's first choices
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        added = citations(corpus) - known
        if added:
            terminal.wait_for_pattern(r"\n\s*esc Back .* c Cite")  # the dialog closed
            return added
        time.sleep(0.2)
    raise AssertionError(f"nothing was cited; the screen was:\n{terminal.screen()}")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_after_a_cite_bracket_moves_the_selection_without_tab(
    terminal: Terminal,  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    elsewhere = initialised(tmp_path)
    corpus = tmp_path / "made" / "mine"
    terminal.start(["../made/mine"], cwd=elsewhere, size=size)
    terminal.wait_for_pattern(READY)
    terminal.keys("1")  # the trigger's first citation, in its article
    terminal.wait_for("Citation 1:")
    terminal.keys("]")  # a sentence selected
    terminal.wait_for("Clear selection")
    first = cite_selection(terminal, corpus)
    assert len(first) == 1
    terminal.keys("]")  # the next sentence, with no Tab first
    terminal.wait_for("Clear selection")
    second = cite_selection(terminal, corpus)
    assert len(second) == 1
    (_, first_quote), (_, second_quote) = *first, *second
    assert first_quote != second_quote
    terminal.keys("Escape", "q")
    assert terminal.exit_status() == "EXIT=0"
