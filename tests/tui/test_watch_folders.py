"""The folder watcher (`explorer.tui.live.watch_folders`), on real folders and watchfiles' own
watcher: a change is reported, including one made while the watcher was still being set up."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import watchfiles

from explorer.tui.live import watch_folders

WAIT = 10.0  # seconds: far above the watcher's one-second look, for a loaded machine


async def watch_until_called(folder: Path, edit_after_start: bool) -> int:
    """Run the watcher on `folder` until `changed` is first called (or WAIT passes); the number
    of calls."""
    stop = asyncio.Event()
    called = asyncio.Event()
    calls = 0

    async def changed() -> None:
        nonlocal calls
        calls += 1
        called.set()

    watcher = asyncio.create_task(watch_folders(lambda: [folder], changed, stop))
    if edit_after_start:
        await asyncio.sleep(0.5)  # the watch is set up by now, even on a loaded machine
        (folder / "crews.yaml").write_text("title: Crews head north\n", encoding="utf-8")
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(called.wait(), WAIT)
    stop.set()
    await asyncio.wait_for(watcher, WAIT)
    return calls


async def test_a_change_in_a_watched_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "crews.yaml").write_text("title: Crews move north\n", encoding="utf-8")
    assert await watch_until_called(tmp_path, edit_after_start=True) >= 1


async def test_a_change_made_while_the_watch_is_set_up_is_not_missed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The explorer looks at the corpus before it starts watching; a save that lands after that
    look but before the operating system's watch exists raised no event, and was shown only at
    the next change (once seen as a failure of the reload test on a loaded machine). Here the
    save lands at the worst moment: as the watch is being made."""
    (tmp_path / "crews.yaml").write_text("title: Crews move north\n", encoding="utf-8")
    real_awatch = watchfiles.awatch

    def awatch_after_a_save(*paths: Any, **options: Any) -> AsyncIterator[Any]:
        (tmp_path / "crews.yaml").write_text("title: Crews head north\n", encoding="utf-8")
        return real_awatch(*paths, **options)

    monkeypatch.setattr(watchfiles, "awatch", awatch_after_a_save)
    calls = await watch_until_called(tmp_path, edit_after_start=False)
    assert calls >= 1, "a save made as the watch was set up was never reported"


async def test_the_watcher_stops_when_told(tmp_path: Path) -> None:
    stop = asyncio.Event()

    async def changed() -> None:
        pass

    watcher = asyncio.create_task(watch_folders(lambda: [tmp_path], changed, stop))
    await asyncio.sleep(0.2)
    stop.set()
    await asyncio.wait_for(watcher, WAIT)
    assert watcher.done() and watcher.exception() is None
