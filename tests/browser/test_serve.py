"""`explorer serve` in a real browser: Chromium, driven by Playwright, opens the served page.

The browser is the one tests/browser/conftest.py launches. xterm.js draws the terminal on
canvases, so what the explorer shows is read from the page's websocket: the frames the server
sends carry the terminal's output (text and escape codes).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from explorer.reading.bundled import bundled_scenarios
from explorer.reading.load import load_corpus

ESCAPE = re.compile(r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-_])")
START_SECONDS = 30.0  # for the server to listen, and for the page to show the tree

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(
    condition: Callable[[], bool],
    seconds: float,
    what: str,
    pause: Callable[[float], object] = time.sleep,
) -> None:
    """Poll `condition`; `pause` waits between looks (in the browser, Playwright's own wait: its
    events, the websocket frames among them, are delivered only while it runs)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds:.0f} s for {what}")
        pause(0.1)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _children() -> dict[int, list[int]]:
    """Every live process's children, from the process table (/proc): a zombie is not counted."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (orphans count: they are alive)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def descendants(pid: int) -> set[int]:
    table, found, todo = _children(), set(), [pid]
    while todo:
        for child in table.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


class Served:
    """A running `explorer serve`: its address, its process, and every explorer process seen
    under it (ended after the test if still running, so a failed test leaves none behind)."""

    def __init__(self, url: str, process: subprocess.Popen[bytes]) -> None:
        self.url, self.process = url, process
        self.seen: set[int] = set()

    def explorers(self) -> set[int]:
        """The processes the server runs for its tabs now."""
        found = descendants(self.process.pid)
        self.seen |= found
        return found


@pytest.fixture
def server() -> Iterator[Served]:
    """`explorer serve` on a free port, over the bundled corpus; stopped as Ctrl+C stops it."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "serve", "--port", str(port), str(bundled_scenarios())],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    served = Served(f"http://127.0.0.1:{port}/", process)
    try:
        _wait_for(lambda: _listening(port) or process.poll() is not None, START_SECONDS, "serve")
        assert process.poll() is None, "explorer serve ended at start"
        yield served
    finally:
        if process.poll() is None:
            served.explorers()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for pid in served.seen:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


class Terminal:
    """What the served explorer sent the page: its output as text, escape codes taken out."""

    def __init__(self) -> None:
        self.frames: list[str] = []

    def take(self, payload: str | bytes) -> None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        self.frames.append(ESCAPE.sub(" ", text))

    def text_since(self, frame: int) -> str:
        """The output from `frame` on, each run of white space made one space."""
        return " ".join("".join(self.frames[frame:]).split())


class ServedPage:
    """A browser tab on the served explorer, with what the explorer sent it."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.terminal = Terminal()
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("websocket", lambda socket: socket.on("framereceived", self.terminal.take))
        self.page.goto(url)

    def pause(self, seconds: float) -> None:
        self.page.wait_for_timeout(seconds * 1000)

    def wait_for_text(self, text: str, seconds: float, what: str, since: int = 0) -> None:
        _wait_for(lambda: text in self.terminal.text_since(since), seconds, what, self.pause)

    def press(self, *keys: str) -> int:
        """Type keys into the terminal; the number of frames received before them."""
        before = len(self.terminal.frames)
        self.page.locator(".xterm-helper-textarea").focus()
        for key in keys:
            self.page.keyboard.press(key)
        return before


def _bundled_trigger_and_first_branch() -> tuple[str, str, str]:
    corpus = load_corpus(bundled_scenarios()).corpus
    assert corpus is not None
    trigger = corpus.trigger
    return trigger.id, trigger.title, trigger.children[0].id


def test_each_tab_s_explorer_draws_answers_keys_and_ends_with_its_tab(
    browser: Browser, server: Served
) -> None:
    process = server.process
    trigger_id, trigger_title, first_branch = _bundled_trigger_and_first_branch()
    tab = ServedPage(browser, server.url)

    # The tree is drawn, the trigger selected: its id is in the detail pane.
    tab.wait_for_text(f"id {trigger_id}", START_SECONDS, "the tree in the served page")
    assert trigger_title in tab.terminal.text_since(0)
    explorers = server.explorers()
    assert explorers, "no explorer process runs for the open tab"

    # Keys typed into the page reach the explorer: the next node's details are shown.
    before = tab.press("j", "Enter")
    what = f"the details of '{first_branch}' after j and Enter"
    tab.wait_for_text(f"id {first_branch}", 10, what, since=before)

    # `e` is refused with a sentence: the served explorer only reads.
    before = tab.press("e")
    tab.wait_for_text("served to a browser", 10, "the read-only notice after e", since=before)

    # A second tab gets an explorer of its own, which outlives the first tab's.
    other = ServedPage(browser, server.url)
    other.wait_for_text(f"id {trigger_id}", START_SECONDS, "the tree in a second tab")
    others = server.explorers() - explorers
    assert others, "the second tab has no explorer of its own"

    # Closing a tab ends its explorer: no process is left behind.
    tab.page.close()
    _wait_for(lambda: not any(alive(pid) for pid in explorers), 15, "the tab's explorer to end")
    assert all(alive(pid) for pid in others), "the other tab's explorer runs on"
    other.page.close()
    _wait_for(lambda: not any(alive(pid) for pid in others), 15, "the second explorer to end")
    assert process.poll() is None, "the server stays up for the next tab"


def test_an_explorer_ends_when_its_server_is_killed(browser: Browser, server: Served) -> None:
    """A server killed outright cannot ask its explorers to quit: they end on their own, when
    their input (the pipe from the server) closes, rather than run on with no tab to draw in."""
    process = server.process
    trigger_id, _title, _branch = _bundled_trigger_and_first_branch()
    tab = ServedPage(browser, server.url)
    tab.wait_for_text(f"id {trigger_id}", START_SECONDS, "the tree in the served page")
    explorers = server.explorers()
    assert explorers, "no explorer process runs for the open tab"

    process.kill()
    process.wait()
    _wait_for(lambda: not any(alive(pid) for pid in explorers), 15, "the orphaned explorer to end")
