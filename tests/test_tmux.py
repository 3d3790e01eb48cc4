"""The installed `explorer` program in a real terminal, driven through tmux.

Uses the console script beside the running interpreter (`<venv>/bin/explorer`). Without it (or
without tmux) the tests are skipped, except on CI (`CI` set), where that is a failure.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explorer.analysis.quotes import fold, quote_parts
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "fixtures" / "mini"
EXPLORER = Path(sys.executable).parent / "explorer"
WIDTH, HEIGHT = 100, 30
TIMEOUT = 30.0


def _require_tools() -> None:
    missing = [
        what
        for what, found in (
            (f"the explorer console script ({EXPLORER})", EXPLORER.exists()),
            ("tmux", shutil.which("tmux") is not None),
        )
        if not found
    ]
    if missing:
        message = "not found: " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class Terminal:
    """One tmux session on a private server, running one command."""

    def __init__(self, socket: str, status: Path) -> None:
        self.socket = socket
        self.status = status

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def start(
        self, args: list[str], cwd: Path = REPO, size: tuple[int, int] = (WIDTH, HEIGHT)
    ) -> None:
        command = " ".join(shlex.quote(a) for a in [str(EXPLORER), *args])
        script = f"{command}; echo EXIT=$? > {shlex.quote(str(self.status))}"
        # COLUMNS and LINES (set by some runners) would override the terminal size in the app.
        dropped = ("NO_COLOR", "TMUX", "COLUMNS", "LINES")
        env = {k: v for k, v in os.environ.items() if k not in dropped}
        subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-s", "t",
             "-x", str(size[0]), "-y", str(size[1]), "-c", str(cwd), "sh", "-c", script],
            check=True,
            env=env,
        )  # fmt: skip

    def screen(self) -> str:
        try:
            return self.tmux("capture-pane", "-p", "-t", "t")
        except subprocess.CalledProcessError:
            return ""  # the session has ended

    def wait_for(self, text: str) -> str:
        """Wait until `text` is on the screen (compared folded, so wrapped lines and curly
        quotes still match); returns the screen it was found on."""
        wanted = " ".join(fold(text).split())
        return self._wait(lambda screen: wanted in " ".join(fold(screen).split()), repr(text))

    def wait_for_pattern(self, pattern: str) -> str:
        return self._wait(lambda screen: re.search(pattern, screen) is not None, pattern)

    def _wait(self, found: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if found(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{what} did not appear; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def exit_status(self) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return self.status.read_text().strip()
            time.sleep(0.2)
        raise AssertionError(f"the program did not exit; the screen was:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    _require_tools()
    term = Terminal(f"explorer-test-{os.getpid()}-{tmp_path.name}", tmp_path / "status")
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)


def _first_words(quote: str, count: int = 6) -> str:
    return " ".join(quote_parts(quote)[0].split()[:count])


def test_the_fixture_corpus_shows_its_tree_and_a_quote_and_q_exits_0(terminal: Terminal) -> None:
    terminal.start([str(MINI)])
    screen = terminal.wait_for_pattern(r"Crews move north\s+AG ¬LW\s+\(2\)")
    assert "The council closes the old harbour" in screen
    assert "Do the fishing crews leave?" in screen
    terminal.keys("j", "j")  # Crews move north
    terminal.wait_for("Fishing crews will almost certainly move north")
    terminal.keys("2")  # the Ledger's citation, in the seed
    terminal.wait_for("Closing the harbour is a mistake, writes our correspondent.")
    terminal.keys("Escape")
    terminal.wait_for("Do the fishing crews leave?")
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"


def test_the_bundled_corpus_opens_without_a_path(terminal: Terminal) -> None:
    corpus_file = REPO / "scenarios" / "soleimani" / "corpus.yaml"
    if not corpus_file.exists():
        pytest.skip("the bundled corpus is not written yet")
    corpus = load_corpus(bundled_scenarios()).corpus
    assert corpus is not None
    trigger = corpus.trigger
    terminal.start([])
    terminal.wait_for(_first_words(trigger.title, 4))
    for root in trigger.children[:2]:
        terminal.wait_for(_first_words(root.title, 3))
    if trigger.citations:
        terminal.keys("1")  # the trigger's first citation, in its seed
        terminal.wait_for(_first_words(trigger.citations[0].quote))
        terminal.keys("Escape")
        terminal.wait_for(_first_words(trigger.title, 4))
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"
