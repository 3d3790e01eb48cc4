"""Skeletons for new sources and nodes land where they belong and keep the file well formed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.analysis.queries import CorpusIndex
from explorer.editing.scaffold import ScaffoldError, insert_node, insert_source
from explorer.reading.load import load_corpus
from tests.strategies import corpora, write_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"
PLACEHOLDER = "Words copied exactly from the seed"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def _add_node(folder: Path, parent: str) -> None:
    result = load_corpus(folder)
    assert result.corpus is not None
    insertion = insert_node(result.corpus, parent)
    insertion.path.write_text(insertion.apply(insertion.path.read_text()))


@pytest.mark.parametrize("parent", ["crews", "crews-move", "boatyards-follow", "waterfront-idle"])
def test_new_node_becomes_the_last_child(tmp_path: Path, parent: str) -> None:
    folder = _copy(tmp_path)
    before = load_corpus(folder)
    assert before.corpus is not None
    children_before = [c.id for c in CorpusIndex(before.corpus).nodes[parent].children]
    _add_node(folder, parent)
    after = load_corpus(folder)
    assert after.corpus is not None
    index = CorpusIndex(after.corpus)
    children = [c.id for c in index.nodes[parent].children]
    assert children[:-1] == children_before
    assert children[-1] == f"{parent}-new"
    # The skeleton's only error is its placeholder quote, which the user replaces.
    assert [d.code for d in after.errors] == ["E011"]


def test_user_text_is_kept_byte_for_byte(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "crews.yaml"
    original = path.read_text()
    result = load_corpus(folder)
    assert result.corpus is not None
    insertion = insert_node(result.corpus, "crews-move")
    changed = insertion.apply(original)
    lines = changed.splitlines(True)
    start = insertion.line - 1
    added = len(insertion.text.splitlines())
    assert "".join(lines[start : start + added]) == insertion.text
    # Taking the skeleton out again gives back the original exactly: nothing else moved.
    assert "".join(lines[:start] + lines[start + added :]) == original


def test_new_source_is_appended_to_sources(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "seeds" / "new_paper.txt").write_text("Some text.", encoding="utf-8")
    result = load_corpus(folder)
    assert result.corpus is not None
    insertion = insert_source(result.corpus, folder / "corpus.yaml", "new_paper.txt")
    insertion.path.write_text(insertion.apply(insertion.path.read_text()))
    after = load_corpus(folder)
    assert after.corpus is not None and after.errors == ()
    assert [s.id for s in after.corpus.sources] == ["gazette", "ledger", "new-paper"]


def test_refusals_are_sentences(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    result = load_corpus(folder)
    assert result.corpus is not None
    with pytest.raises(ScaffoldError, match="no node 'nowhere'"):
        insert_node(result.corpus, "nowhere")
    with pytest.raises(ScaffoldError, match="tree files"):
        insert_node(result.corpus, "harbour-closed")
    with pytest.raises(ScaffoldError, match="not in the seeds folder"):
        insert_source(result.corpus, folder / "corpus.yaml", "missing.txt")
    with pytest.raises(ScaffoldError, match="without folders"):
        insert_source(result.corpus, folder / "corpus.yaml", "../corpus.yaml")


@settings(max_examples=200)
@given(corpora(max_nodes=6), st.data())
def test_a_node_can_be_added_under_any_node(generated: dict[str, Any], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = write_corpus(Path(name) / "c", generated)
        result = load_corpus(folder)
        assert result.corpus is not None
        index = CorpusIndex(result.corpus)
        parent = data.draw(
            st.sampled_from([i for i in index.nodes if index.nodes[i] is not result.corpus.trigger])
        )
        _add_node(folder, parent)
        after = load_corpus(folder)
        assert after.corpus is not None
        assert [c.id for c in CorpusIndex(after.corpus).nodes[parent].children][-1].startswith(
            f"{parent}-new"
        )
        assert {d.code for d in after.errors} == {"E011"}
