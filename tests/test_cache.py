"""The warm-start cache: served only while every file it read is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.reading import cache
from explorer.reading.load import load_corpus, load_corpus_file

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = load_corpus_file

    def counting(path: Path) -> object:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(cache, "load_corpus_file", counting)
    return calls


def test_second_load_is_served_from_the_cache(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_loads(monkeypatch)
    first = cache.load_cached(corpus)
    second = cache.load_cached(corpus)
    assert len(calls) == 1
    assert second.corpus == first.corpus == load_corpus(corpus).corpus
    assert second.diagnostics == first.diagnostics


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "crews.yaml").write_text(
            (folder / "crews.yaml").read_text().replace("Crews move north", "Crews move south")
        ),
        lambda folder: (folder / "seeds" / "ledger.txt").write_text("Rewritten entirely."),
        lambda folder: (folder / "draft.yaml").write_text("id: draft\n"),
        lambda folder: (folder / "waterfront.yaml").unlink(),
    ],
    ids=["tree-edited", "seed-edited", "file-added", "file-removed"],
)
def test_any_change_means_a_fresh_load(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, change: object
) -> None:
    calls = _count_loads(monkeypatch)
    cache.load_cached(corpus)
    change(corpus)  # type: ignore[operator]
    fresh = cache.load_cached(corpus)
    assert len(calls) == 2
    assert fresh.diagnostics == load_corpus(corpus).diagnostics
    assert fresh.corpus == load_corpus(corpus).corpus


def test_a_broken_cache_entry_is_a_miss(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.load_cached(corpus)
    for entry in cache.cache_folder().glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    calls = _count_loads(monkeypatch)
    assert cache.load_cached(corpus).corpus == load_corpus(corpus).corpus
    assert len(calls) == 1


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.load_cached(MINI).corpus == load_corpus(MINI).corpus
