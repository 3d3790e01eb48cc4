"""SVG snapshots of a broken edit under the running explorer: the tree as it was, the panel.

Regenerate with `pytest tests/tui/test_tui_reload_snapshots.py --snapshot-update`, then look at
the SVGs under __snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.tui.app import ExplorerApp
from tests.shared import copy_corpus

from .corpus_copy import replace
from .helpers import loaded

SnapCompare = Callable[..., bool]

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@SIZES
def test_a_broken_edit_keeps_the_tree_and_opens_the_panel(
    snap_compare: SnapCompare,
    size: tuple[int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """'Crews move north' selected; its title replaced by a misspelt field. The tree still shows
    it; the panel lists the errors (file:line:column) and says the tree stays until they are
    fixed."""
    monkeypatch.chdir(tmp_path)  # the panel shows paths relative to here: corpus/crews.yaml
    corpus = copy_corpus(tmp_path)

    async def break_it(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("j", "j")
        replace(corpus / "crews.yaml", "    title: Crews move north\n", "    titel: Gone\n")
        app = pilot.app
        assert isinstance(app, ExplorerApp)
        await app.live_corpus.reload(settle=False)
        await pilot.pause()

    assert snap_compare(
        ExplorerApp(Path("corpus"), live=False), terminal_size=size, run_before=break_it
    )
