"""Bringing in an article in a real terminal (tmux): `i`, an address from a loopback server,
Enter, ctrl+s, and a sentence of the new seed cited with `]` and `c`."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from tests.import_pages import answer, readability_html, serve

from .test_tmux import Terminal, terminal  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def test_type_an_address_save_and_cite_a_sentence_from_it(
    terminal: Terminal,  # noqa: F811
    tmp_path: Path,
) -> None:
    assert main(["init", "--skeleton", str(tmp_path / "mine")]) == 0
    corpus = tmp_path / "mine" / "scenarios" / "my-scenarios"
    with serve({"/tech/story.html": answer(readability_html("cnet"))}) as base:
        terminal.start([str(corpus)])
        terminal.wait_for("The example event happens")
        terminal.keys("j", "i")
        terminal.wait_for("Bring in an article")
        terminal.keys(f"{base}/tech/story.html", "Enter")
        terminal.wait_for("Check the fields, then ctrl+s saves")
        terminal.wait_for("cnet-2017")
        terminal.keys("C-s")
        terminal.wait_for("Saved cnet-2017.txt")  # a toast: its next words wrap
        terminal.wait_for("Zuckerberg offers peek at Facebook")  # the source view's header
    terminal.keys("]", "c")
    terminal.wait_for("Cite this passage")
    terminal.keys("Tab", "Tab", "Tab", "Tab", "Enter")
    terminal.wait_for("Cited for 'example-consequence'")
    terminal.keys("Escape", "q")
    assert terminal.exit_status() == "EXIT=0"
    tree = (corpus / "first-tree.yaml").read_text(encoding="utf-8")
    assert "  - source: cnet-2017\n" in tree
    seed = (tmp_path / "mine" / "seeds" / "cnet-2017.txt").read_text(encoding="utf-8")
    cited = tree.split("- source: cnet-2017\n", 1)[1].split("quote: ", 1)[1].split("\n", 1)[0]
    assert cited.strip('"')[:30] in seed
    assert main(["check", str(corpus)]) == 0
