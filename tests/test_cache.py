"""The warm-start cache: per tree file, plain data, never stale, and never a way to run code."""

from __future__ import annotations

import ast
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from explorer.reading import cache, plain
from explorer.reading.load import LoadResult, load_corpus
from explorer.reading.reuse import Reuse
from tests.shared import same_as_a_full_load
from tests.strategies import mutated

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
    assert reuse.findings.checked_after_errors == 2  # the corpus has no errors: they ran too
    second, reuse = start(corpus)
    assert reuse.trees_built == 0
    assert (reuse.findings.checked, reuse.findings.reused) == (0, 2)
    assert reuse.findings.checked_after_errors == 0
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
    assert len(texts) == 6  # two trees; for each, the findings of both groups of checks
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


def _entry_with(
    outcome: str = "null",
    location: str = "[1, 1]",
    citation: str = '["s", "q", "predicts", null, null, [1, 1], [1, 1], null, false]',
    diagnostic: str = '["W106", "a finding", "f", 1, 1]',
    extra_field: bool = False,
) -> str:
    """A cache entry of one node, well formed but for the part given."""
    extra = ', "more"' if extra_field else ""
    node = (
        f'["id", "event", "t", "c", [], null, [{citation}], [], [], {location}, {outcome}{extra}]'
    )
    return f"[{node}, [{diagnostic}]]"


def test_the_entries_of_the_foreign_entry_test_differ_from_a_good_one_only_where_named() -> None:
    """The refused entries below are refused for what they name, not for a slip elsewhere."""
    root, diagnostics = plain.decode("/x/tree.yaml", _entry_with())
    assert root is not None and root.citations[0].stance.value == "predicts"
    assert [d.code for d in diagnostics] == ["W106"]
    good_outcome = (
        '["happened", [2020, 12, null], [2020, 12, 31], "n", [["quote", "a", "b", [1, 1]]], [1, 1]]'
    )
    root, _ = plain.decode("/x/tree.yaml", _entry_with(outcome=good_outcome))
    assert root is not None and root.outcome is not None and root.outcome.date is not None
    assert root.outcome.date.latest.isoformat() == "2020-12-31"


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
        _entry_with(outcome='["happened", [2020, 13, 1], [2020, 1, 1], "n", [], [1, 1]]'),
        _entry_with(outcome='["happened", [2021, 2, 29], [2021, 3, 1], "n", [], [1, 1]]'),
        _entry_with(outcome='["happened", [2020, null, 5], [2020, 1, 1], "n", [], [1, 1]]'),
        _entry_with(outcome='["happened", [0, 1, 1], [2020, 1, 1], "n", [], [1, 1]]'),
        _entry_with(outcome='["happened", [2020, 1, 1], [99999999999, 1, 1], "n", [], [1, 1]]'),
        _entry_with(outcome='["maybe", null, [2020, 1, 1], "n", [], [1, 1]]'),
        _entry_with(
            outcome='["open", null, [2020, 1, 1], "n", [["rumour", "a", "b", [1, 1]]], [1, 1]]'
        ),
        _entry_with(location="[0, 1]"),
        _entry_with(location="[1, -3]"),
        _entry_with(location="[true, 1]"),
        _entry_with(location="[1.0, 1]"),
        _entry_with(location=f"[{json.dumps(str(MINI / 'crews.yaml'))}, 0, 1]"),
        _entry_with(citation='["s", "q", "shouts", null, null, [1, 1], [1, 1], null, false]'),
        _entry_with(citation='["s", "q", "predicts", null, null, [1, 1], [1, 1], null, 0]'),
        _entry_with(diagnostic='["W106", "x", "f", -1, 0]'),
        _entry_with(diagnostic='["W106", "a\\u001b[2Jb", "f", 1, 1]'),
        _entry_with(extra_field=True),
    ],
    ids=[
        *("text", "empty", "unknown-rule", "title-not-text", "unknown-kind", "object", "deep"),
        *("month-13", "29-february-2021", "day-without-month", "year-0", "year-overflow"),
        *("unknown-status", "unknown-evidence", "line-0", "negative-column", "line-true"),
        *("line-float", "own-file-by-name", "unknown-stance", "checked-not-bool"),
        *("negative-line", "escape-in-message", "a-field-too-many"),
    ],
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


def _real_entries(folder: Path) -> list[tuple[str, object]]:
    """What the cache keeps for each tree file of `folder`, as JSON data."""
    loaded = load_corpus(folder)
    assert loaded.corpus is not None
    return [
        (
            file,
            json.loads(
                plain.encode(file, root, tuple(d for d in loaded.diagnostics if d.file == file))
            ),
        )
        for file, root in zip(loaded.corpus.tree_files, loaded.corpus.trigger.children, strict=True)
    ]


SOLEIMANI_ENTRIES = _real_entries(SOLEIMANI)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_what_decodes_is_exactly_what_the_explorer_writes(draw: st.DataObject) -> None:
    """Anything the explorer would not write is refused: what decodes encodes to the same JSON."""
    file, entry = draw.draw(st.sampled_from(SOLEIMANI_ENTRIES), label="entry")
    text = mutated(draw, entry)
    try:
        root, diagnostics = plain.decode(file, text)
    except plain.NotPlain:
        event("refused")
        return
    event("decoded")
    canonical = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    assert plain.encode(file, root, diagnostics) == canonical


def test_a_real_entry_decodes_to_what_was_read() -> None:
    loaded = load_corpus(SOLEIMANI)
    assert loaded.corpus is not None
    for (file, entry), root in zip(SOLEIMANI_ENTRIES, loaded.corpus.trigger.children, strict=True):
        assert plain.decode(file, json.dumps(entry))[0] == root


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_changed_entry_gives_the_reading_it_holds_or_a_miss(
    corpus: Path, draw: st.DataObject
) -> None:
    """With one part of a tree's entry replaced by any JSON, a start never fails: the entry is
    refused and the file built afresh, the load equal to a full load, or (when the change is
    something the explorer could have written) the entry is what the load shows, checked anew."""
    (cache.cache_folder() / cache.DATABASE).unlink(missing_ok=True)  # an earlier example's edit
    start(corpus)
    file, entry = draw.draw(st.sampled_from(_real_entries(corpus)), label="entry")
    text = mutated(draw, entry)
    with sqlite3.connect(cache.cache_folder() / cache.DATABASE) as connection:
        connection.execute("UPDATE trees SET data = ? WHERE file = ?", (text, file))
        connection.execute("DELETE FROM findings")  # the per-tree checks run on what is served
    served, reuse = start(corpus)
    try:
        root, _ = plain.decode(file, text)
    except plain.NotPlain:
        event("refused")
        assert reuse.trees_built == 1
        same_as_a_full_load(served, corpus)
        return
    event("decoded")
    assert reuse.trees_built == 0
    assert served.corpus is not None
    if root is None:  # the reading of a file that could not be read: no tree of it is shown
        assert file not in served.corpus.tree_files
        return
    position = served.corpus.tree_files.index(file)
    assert served.corpus.trigger.children[position] == root


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
    trees = sorted(str(corpus / name) for name in ("crews.yaml", "waterfront.yaml"))
    assert sorted(files) == trees
    # One entry per file for each group of checks: those that always run, those after errors.
    assert sorted(findings) == sorted([*trees, *(f"{tree}\0after errors" for tree in trees)])
    crews.write_text(original.replace("Crews move north", "Crews move north 4"))
    _, reuse = start(corpus)
    assert reuse.trees_built == 0  # the last reading is the one kept
