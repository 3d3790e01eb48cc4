"""The browser tests: Debian's Chromium driven by Playwright's sync API.

Playwright is pointed at `/usr/bin/chromium` (`executable_path`) and never downloads a browser of
its own; the README's test command installs Chromium where it can (`tests/browser/ensure-chromium`).
Without it the tests skip with a sentence saying why, except under CI, where they fail: CI cannot
pass without having run them. Each test module gets one browser, closed at the module's end, so
Playwright's event loop never outlives the module (the Pilot tests run their own loops).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from explorer.bench.brief import CHROMIUM, CHROMIUM_ARGS

# Screenshots and PDFs kept for a person to look at (git ignores the folder's contents).
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", Path(__file__).parent / "artifacts"))


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return (
            f"{CHROMIUM} is not installed, so the browser tests cannot run "
            "(as root: apt-get install chromium, or run the README's test command)"
        )
    return None


def require_browser() -> None:
    """Skip the test when there is no Chromium; fail it under CI."""
    reason = missing_browser_reason()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_browser()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        try:
            yield launched
        finally:
            launched.close()


@attrs.define(slots=False)  # Playwright marks the bound handlers it is given
class Watched:
    """A page with what it said: console errors, uncaught exceptions and dialogs opened."""

    page: Page
    errors: list[str] = attrs.Factory(list)
    dialogs: list[str] = attrs.Factory(list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page (its own context: no state shared between tests) that records its errors."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    watched = Watched(page)
    page.on("console", watched.on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"uncaught: {error}"))
    page.on("dialog", watched.on_dialog)
    try:
        yield watched
    finally:
        context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (`-m "not browser"` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
