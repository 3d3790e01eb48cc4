"""`explorer DIR` on the folder `explorer init` made opens its corpus, found under scenarios/."""

from __future__ import annotations

from pathlib import Path

from explorer.editing.init import init_corpus
from explorer.tui.widgets.scenario_tree import ScenarioTree

from .helpers import explore, main_screen


async def test_the_folder_init_made_opens_in_the_explorer(tmp_path: Path) -> None:
    folder = init_corpus(tmp_path / "mine", skeleton=True)
    async with explore(tmp_path / "mine", live=False) as (app, _pilot):
        assert app.live_corpus.session.corpus_file == folder / "corpus.yaml"
        assert "My scenarios" in str(main_screen(app).query_one(ScenarioTree).border_title)
        assert main_screen(app).scenario_tree.cursor_id is not None
