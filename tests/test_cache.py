"""The warm-start cache: per tree file, plain data, never stale, and never a way to run code."""

from __future__ import annotations

import ast
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.reading import cache, plain
from explorer.reading.load import LoadResult, load_corpus
from explorer.reading.reuse import Reuse
from tests.shared import same_as_a_full_load

MINI = Path(__file__).parent / "fixtures" / "mini"
SOLEIMANI = Path(__file__).parent.parent / "scenarios" / "soleimani"
READING = Path(cache.__file__).parent


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def start(path: Path) -> tuple[LoadResult, Reuse]:
    """A run's first load through the cache, then the write the explorer makes once shown."""
    reuse = Reuse(store=cache.TreeStore())
    result = load_corpus(path, reuse=reuse)
    assert reuse.store is not None
    reuse.store.flush()
    return result, reuse


def test_a_second_start_builds_and_checks_nothing(corpus: Path) -> None:
    first, reuse = start(corpus)
    assert reuse.trees_built == 2 and reuse.findings.checked == 2
    second, reuse = start(corpus)
    assert reuse.trees_built == 0
    assert (reuse.findings.checked, reuse.findings.reused) == (0, 2)
    assert second.corpus == first.corpus
    same_as_a_full_load(second, corpus)


def test_the_bundled_corpus_comes_back_from_the_cache_as_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    start(SOLEIMANI)
    served, reuse = start(SOLEIMANI)
    assert reuse.trees_built == 0
    same_as_a_full_load(served, SOLEIMANI)


@pytest.mark.parametrize(
    ("change", "built"),
    [
        (
            lambda folder: (folder / "crews.yaml").write_text(
                (folder / "crews.yaml").read_text().replace("Crews move north", "Crews move south")
            ),
            1,
        ),
        (lambda folder: (folder / "seeds" / "ledger.txt").write_text("Rewritten entirely."), 0),
        (lambda folder: (folder / "draft.yaml").write_text("id: draft\n"), 0),
        (lambda folder: (folder / "waterfront.yaml").unlink(), 0),
    ],
    ids=["tree-edited", "seed-edited", "file-added", "file-removed"],
)
def test_any_change_is_seen_at_the_next_start(
    corpus: Path, change: Callable[[Path], object], built: int
) -> None:
    start(corpus)
    change(corpus)
    fresh, reuse = start(corpus)
    assert reuse.trees_built == built
    same_as_a_full_load(fresh, corpus)


def test_entries_are_plain_json_text(corpus: Path) -> None:
    start(corpus)
    database = cache.cache_folder() / cache.DATABASE
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT data FROM trees UNION ALL SELECT data FROM findings")
        texts = [row[0] for row in rows]
    assert len(texts) == 4  # two trees, their two findings
    for text in texts:
        assert isinstance(text, str)
        json.loads(text)


def test_no_reading_module_can_unpickle() -> None:
    """The cache folder may be writable by others: nothing that can run code is read from it."""
    for module in READING.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in {"pickle", "marshal", "shelve", "dill"}, module


def _overwrite_entries(data: str) -> None:
    with sqlite3.connect(cache.cache_folder() / cache.DATABASE) as connection:
        connection.execute("UPDATE trees SET data = ?", (data,))
        connection.execute("UPDATE findings SET data = ?", (data,))


@pytest.mark.parametrize(
    "data",
    [
        "not json",
        "[]",
        '[null, [["E999", "no such rule", "x", 1, 1]]]',
        '[["id", "event", 3, "claim", [], null, [], [], [], [1, 1], null], []]',
        '[["id", "nonsense", "t", "c", [], null, [], [], [], [1, 1], null], []]',
        '{"__reduce__": "os.system"}',
        "[" * 100_000,
    ],
    ids=["text", "empty", "unknown-rule", "title-not-text", "unknown-kind", "object", "deep"],
)
def test_a_foreign_entry_is_a_miss(corpus: Path, data: str) -> None:
    start(corpus)
    _overwrite_entries(data)
    served, reuse = start(corpus)
    assert reuse.trees_built == 2  # built afresh ...
    same_as_a_full_load(served, corpus)  # ... and right


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=12),
        max_leaves=40,
    )
)
def test_decoding_any_json_gives_a_reading_or_refuses(value: object) -> None:
    try:
        root, diagnostics = plain.decode("/x/tree.yaml", json.dumps(value))
    except plain.NotPlain:
        return
    assert isinstance(diagnostics, tuple)
    assert root is None or isinstance(root.title, str)


def test_a_cache_file_that_is_not_a_database_is_ignored(corpus: Path) -> None:
    folder = cache.cache_folder()
    folder.mkdir(parents=True)
    (folder / cache.DATABASE).write_bytes(b"\x00garbage" * 100)
    served, reuse = start(corpus)
    assert reuse.trees_built == 2
    same_as_a_full_load(served, corpus)


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    served, _ = start(MINI)
    same_as_a_full_load(served, MINI)


def test_another_version_of_the_explorer_does_not_read_this_ones_entries(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start(corpus)
    monkeypatch.setattr(cache, "code_hash", lambda: "another version")
    _, reuse = start(corpus)
    assert reuse.trees_built == 2


def test_a_file_edited_again_and_again_keeps_one_entry(corpus: Path) -> None:
    crews = corpus / "crews.yaml"
    original = crews.read_text()
    for number in range(5):
        crews.write_text(original.replace("Crews move north", f"Crews move north {number}"))
        start(corpus)
    with sqlite3.connect(cache.cache_folder() / cache.DATABASE) as connection:
        files = [row[0] for row in connection.execute("SELECT file FROM trees")]
        findings = [row[0] for row in connection.execute("SELECT file FROM findings")]
    assert (
        sorted(files)
        == sorted(findings)
        == sorted(str(corpus / name) for name in ("crews.yaml", "waterfront.yaml"))
    )
    crews.write_text(original.replace("Crews move north", "Crews move north 4"))
    _, reuse = start(corpus)
    assert reuse.trees_built == 0  # the last reading is the one kept
