"""The outline: a large corpus's first levels, kept in the warm-start cache under the fingerprint
of every file its load read, shown at the next start while the whole corpus is read."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from explorer.analysis import outline as outlines
from explorer.analysis.outline import Outline, OutlineIndex, first_levels_open, outline_of
from explorer.analysis.queries import CorpusIndex
from explorer.model import Node
from explorer.reading import cache, plain
from explorer.reading.load import load_corpus
from explorer.tui.session import Session
from tests.shared import MINI, pending_at_flush, shown_once
from tests.strategies import JSON, corpora, mutated, write_corpus

SOLEIMANI = Path(__file__).parent.parent / "scenarios" / "soleimani"


def _bare(node: Node) -> Node:
    return attrs.evolve(node, children=())


def _outline_nodes(kept: Outline) -> list[Node]:
    return [node for root in kept.roots for node in root.walk()]


def _check_outline(index: CorpusIndex, kept: Outline) -> None:
    """`kept` is `index`'s corpus cut at the levels the tree opens at start, nothing else."""
    roots = index.corpus.trigger.children
    assert [root.id for root in kept.roots] == [root.id for root in roots]
    opened = first_levels_open(roots)
    unread = set()
    for node in _outline_nodes(kept):
        whole = index.nodes[node.id]
        assert _bare(node) == _bare(whole)  # every field of the node as read, but its children
        if node.children:
            assert [c.id for c in node.children] == [c.id for c in whole.children]
        elif whole.children:
            unread.add(node.id)
    assert kept.unread == unread
    for root in kept.roots:  # the roots' children are kept exactly when the tree opens them
        if index.nodes[root.id].children:
            assert bool(root.children) == opened
        assert all(not child.children for child in root.children)
    assert kept.cited == tuple(voice.key for voice in index.cited_voices())
    assert (kept.has_reports, kept.has_outcomes) == (index.has_reports, index.has_outcomes)
    assert kept.nodes == len(index.nodes)


@settings(max_examples=40, deadline=None)
@given(corpora(max_nodes=20), st.sampled_from([0, 1, 3, 500]))
def test_an_outline_is_the_first_levels_the_tree_opens(
    generated: dict[str, object], open_at_start: int
) -> None:
    with tempfile.TemporaryDirectory() as name:
        loaded = load_corpus(write_corpus(Path(name) / "c", generated))
    assert loaded.index is not None
    with mock.patch.object(outlines, "OPEN_AT_START", open_at_start):
        kept = outline_of(loaded.index)
        event(f"first levels open: {first_levels_open(loaded.index.corpus.trigger.children)}")
        _check_outline(loaded.index, kept)


def test_the_bundled_corpus_has_an_outline_with_its_first_levels_open() -> None:
    loaded = load_corpus(SOLEIMANI)
    assert loaded.index is not None
    kept = outline_of(loaded.index)
    _check_outline(loaded.index, kept)
    assert all(root.children for root in kept.roots) and kept.unread


def _outline_index(index: CorpusIndex, kept: Outline) -> OutlineIndex:
    corpus = index.corpus
    trigger = attrs.evolve(corpus.trigger, children=kept.roots)
    return OutlineIndex(attrs.evolve(corpus, trigger=trigger), kept)


def test_an_outline_answers_as_the_whole_corpus_for_what_it_holds() -> None:
    loaded = load_corpus(SOLEIMANI)
    assert loaded.index is not None
    whole = loaded.index
    kept = outline_of(whole)
    index = _outline_index(whole, kept)
    assert index.is_outline and not whole.is_outline
    assert index.node_total == whole.node_total == len(whole.nodes)
    assert len(index.nodes) < len(whole.nodes)
    assert index.cited_voices() == whole.cited_voices()
    assert (index.has_reports, index.has_outcomes) == (whole.has_reports, whole.has_outcomes)
    assert index.voices == whole.voices
    for node_id, node in index.nodes.items():
        assert [n.id for n in index.path_to(node_id)] == [n.id for n in whole.path_to(node_id)]
        assert index.supporters(node) == whole.supporters(whole.nodes[node_id])
        assert index.children_unread(node_id) == (
            not node.children and bool(whole.nodes[node_id].children)
        )
        assert not whole.children_unread(node_id)


# -- kept as plain JSON ------------------------------------------------------------------------


def _soleimani_outline() -> tuple[tuple[str, ...], Outline]:
    loaded = load_corpus(SOLEIMANI)
    assert loaded.index is not None and loaded.corpus is not None
    return loaded.corpus.tree_files, outline_of(loaded.index)


SOLEIMANI_OUTLINE = _soleimani_outline()
SOLEIMANI_OUTLINE_JSON = json.loads(plain.encode_outline(*SOLEIMANI_OUTLINE))


def test_an_outline_decodes_to_what_was_kept() -> None:
    files, kept = SOLEIMANI_OUTLINE
    assert plain.decode_outline(plain.encode_outline(files, kept)) == (files, kept)


def test_an_outline_has_one_root_per_tree_file() -> None:
    files, kept = SOLEIMANI_OUTLINE
    with pytest.raises(ValueError, match="zip"):
        plain.encode_outline(files[1:], kept)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_what_decodes_as_an_outline_is_exactly_what_the_explorer_writes(
    draw: st.DataObject,
) -> None:
    text = mutated(draw, SOLEIMANI_OUTLINE_JSON)
    try:
        files, kept = plain.decode_outline(text)
    except plain.NotPlain:
        event("refused")
        return
    event("decoded")
    canonical = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    assert plain.encode_outline(files, kept) == canonical


@settings(max_examples=60)
@given(JSON)
def test_decoding_any_json_as_an_outline_reads_or_refuses(value: object) -> None:
    try:
        files, kept = plain.decode_outline(json.dumps(value))
    except plain.NotPlain:
        return
    assert len(files) == len(kept.roots)


# -- in the warm-start cache, through the session ----------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(outlines, "OUTLINE_FROM", 1)  # the mini corpus counts as large
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def test_a_large_corpus_shown_keeps_its_outline_for_the_next_start(corpus: Path) -> None:
    shown = shown_once(corpus)
    assert shown.shown is not None and shown.shown.index is not None
    found = Session(corpus).outline()
    assert found is not None
    result, index = found
    assert isinstance(index, OutlineIndex) and not result.diagnostics
    assert index.outline == outline_of(shown.shown.index)
    assert result.corpus is not None and result.corpus.trigger.children == index.outline.roots
    whole = shown.shown.corpus
    assert whole is not None
    assert result.corpus.tree_files == whole.tree_files
    assert attrs.evolve(result.corpus, trigger=whole.trigger) == whole


def test_a_corpus_smaller_than_the_threshold_keeps_none(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outlines, "OUTLINE_FROM", 10_000)
    shown_once(corpus)
    assert Session(corpus).outline() is None
    assert not cache.TreeStore().has_outline(str(Session(corpus).corpus_file))


def test_a_corpus_become_too_small_loses_its_outline(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not looked for at each start in vain: the cache holds no outline of a small corpus."""
    corpus_file = str(Session(corpus).corpus_file)
    shown_once(corpus)
    assert cache.TreeStore().has_outline(corpus_file)
    monkeypatch.setattr(outlines, "OUTLINE_FROM", 10_000)
    shown_once(corpus)
    assert not cache.TreeStore().has_outline(corpus_file)


def test_a_small_corpus_shown_again_has_nothing_to_write(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No outline to drop: a start that read everything from the cache leaves it alone."""
    monkeypatch.setattr(outlines, "OUTLINE_FROM", 10_000)
    shown_once(corpus)
    session = Session(corpus)
    loaded = session.read(settle=False)
    assert loaded is not None
    session.accept(loaded)
    pending = pending_at_flush(session)
    session.save_cache()
    assert pending == [False]


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "crews.yaml").write_text(
            (folder / "crews.yaml").read_text().replace("Crews move north", "Crews move south")
        ),
        lambda folder: (folder / "corpus.yaml").write_text(
            (folder / "corpus.yaml").read_text() + "\n"
        ),
        lambda folder: (folder / "seeds" / "ledger.txt").write_text("Rewritten entirely."),
        lambda folder: (folder / "draft.yaml").write_text("id: draft\n"),
        lambda folder: (folder / "waterfront.yaml").unlink(),
    ],
    ids=["tree-edited", "corpus-file-edited", "seed-edited", "file-added", "file-removed"],
)
def test_after_any_change_to_what_the_load_read_no_outline_is_shown(
    corpus: Path, change: Callable[[Path], object]
) -> None:
    shown_once(corpus)
    assert Session(corpus).outline() is not None
    change(corpus)
    assert Session(corpus).outline() is None
    shown_once(corpus)  # and the next run keeps the outline of the files as they are now
    assert Session(corpus).outline() is not None


def test_a_corpus_keeps_one_outline_its_last(corpus: Path) -> None:
    shown_once(corpus)
    crews = corpus / "crews.yaml"
    crews.write_text(crews.read_text().replace("Crews move north", "Crews move south"))
    shown_once(corpus)
    with sqlite3.connect(cache.cache_folder() / cache.DATABASE) as connection:
        rows = connection.execute("SELECT file FROM outlines").fetchall()
    assert rows == [(str(Session(corpus).corpus_file),)]
    found = Session(corpus).outline()
    assert found is not None and found[0].corpus is not None
    titles = [node.title for root in found[0].corpus.trigger.children for node in root.walk()]
    assert "Crews move south" in " ".join(titles)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_changed_outline_entry_is_shown_as_it_holds_or_not_at_all(
    corpus: Path, draw: st.DataObject
) -> None:
    """Whatever another program wrote in the outline's place, a start never fails: the entry is
    refused (no outline), or it is what the outline shows; the load that follows is the load."""
    (cache.cache_folder() / cache.DATABASE).unlink(missing_ok=True)  # an earlier example's edit
    shown_once(corpus)
    with sqlite3.connect(cache.cache_folder() / cache.DATABASE) as connection:
        (text,) = connection.execute("SELECT data FROM outlines").fetchone()
        changed = mutated(draw, json.loads(text))
        connection.execute("UPDATE outlines SET data = ?", (changed,))
    session = Session(corpus)
    found = session.outline()
    try:
        files, kept = plain.decode_outline(changed)
    except plain.NotPlain:
        event("refused")
        assert found is None
    else:
        event("decoded")
        assert found is not None and found[0].corpus is not None
        assert found[0].corpus.trigger.children == kept.roots
        assert found[0].corpus.tree_files == files
    loaded = session.read(settle=False)
    assert loaded is not None and loaded.index is not None and not loaded.index.is_outline
