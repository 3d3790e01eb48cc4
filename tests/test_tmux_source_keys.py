"""The source view and the cite dialog in a real terminal (tmux), at 80×24 and 120×40, on a copy
of the bundled corpus: the Voice list opens inside the dialog's border; after a cite the text
answers `]` and `c` at once; `/` finds a word; and `r` on the main screen says when a node has no
see-also link."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.shared import copy_bundled

from .test_tmux import Terminal, terminal  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def escape(term: Terminal) -> None:
    """Escape alone: tmux reads an Escape followed at once by a key as Alt and that key."""
    term.keys("Escape")
    time.sleep(0.7)


def lines_of(screen: str, text: str) -> list[int]:
    return [number for number, line in enumerate(screen.splitlines()) if text in line]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_citing_then_searching_in_the_source_view(
    terminal: Terminal,  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    corpus = copy_bundled(tmp_path)
    terminal.start([str(corpus)])
    terminal.tmux("resize-window", "-t", "t", "-x", str(size[0]), "-y", str(size[1]))
    terminal.wait_for("After Soleimani")
    terminal.keys("j", "1")
    terminal.wait_for("Soleimani's killing will exacerbate")
    terminal.keys("]", "]", "c")  # the sentence after the quote's
    terminal.wait_for("Cite this passage")
    terminal.keys("Tab", "Tab", "Tab", "Enter")  # to, stance, hedge: the voice's list opens
    screen = terminal.wait_for("reports: Stephen Hadley")
    bottom = lines_of(screen, "╰")
    assert bottom and max(lines_of(screen, "reports:")) < bottom[-1], screen
    escape(terminal)  # the list closes
    terminal.keys("Tab", "Enter")  # Cite
    terminal.wait_for("Cited for 'tensions-sharpen'")
    terminal.keys("]", "c")  # no Tab: the text has the keys
    terminal.wait_for("Cite this passage")
    escape(terminal)
    terminal.keys("/", "Hezbollah")
    # Which match is shown depends on where the view is: the search starts from its top line.
    terminal.wait_for_pattern(r"/ Hezbollah\s+\d+ of \d+")
    escape(terminal)  # the search line closes: n and N go through the matches
    terminal.wait_for("n Next match")
    for _ in range(3):  # the passage selected, the search, the source view
        escape(terminal)
    terminal.wait_for("After Soleimani")
    terminal.keys("k", "r")  # the trigger has no see-also link
    terminal.wait_for("This node has no see-also link")
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"
