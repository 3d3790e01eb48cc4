"""The parts of a load (corpus.yaml, the tree files, the seeds) and the UI's names for what the
analysis marks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from explorer.analysis.focus import Mark
from explorer.analysis.hindsight import OutcomeMark
from explorer.outputs.classes import PALETTE_SIZE, mark_class
from explorer.reading import trees, watch
from explorer.reading.load import load_corpus
from explorer.reading.reuse import Reuse
from explorer.reading.yaml_text import file_bytes
from tests.shared import same_load

MINI = Path(__file__).parent / "fixtures" / "mini"
STYLES = Path(__file__).resolve().parent.parent / "explorer" / "tui" / "styles"


def test_an_empty_corpus_title_is_reported(tmp_path: Path) -> None:
    """The corpus's title was built after its file's diagnostics were collected: lost."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    corpus_file = folder / "corpus.yaml"
    text = corpus_file.read_text(encoding="utf-8")
    corpus_file.write_text(re.sub(r"(?m)^title: .*$", 'title: ""', text), encoding="utf-8")
    result = load_corpus(folder)
    assert [(d.code, d.line, d.message) for d in result.diagnostics] == [
        ("E004", 2, "'title' is empty")
    ]
    assert result.corpus is not None and result.corpus.title == "mini"


def test_a_reload_reads_a_tree_file_again_only_when_its_bytes_change(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    reuse = Reuse()
    first = load_corpus(folder, reuse=reuse)
    assert first.corpus is not None
    built = reuse.trees_built
    assert built == len(first.corpus.tree_files) == 2
    again = load_corpus(folder, reuse=reuse)
    assert reuse.trees_built == built and again.diagnostics == first.diagnostics == ()
    tree = folder / "crews.yaml"
    tree.write_text(tree.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_corpus(folder, reuse=reuse)
    assert reuse.trees_built == built + 1


def test_every_mark_has_a_class_and_every_class_a_style() -> None:
    defined = set(re.findall(r"\.([a-z]+--[a-z0-9-]+)", "".join(
        path.read_text(encoding="utf-8") for path in STYLES.glob("*.tcss")
    )))  # fmt: skip
    for mark in [*Mark, *OutcomeMark]:
        assert mark_class(mark) in defined, mark
    assert {f"person--{slot}" for slot in range(PALETTE_SIZE)} <= defined


def test_a_tree_file_hashed_before_the_load_and_unchanged_is_kept_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fingerprint taken before a reload hashes every file; a tree file whose status has
    not changed since is found in what was kept by that digest, and not read a second time."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    reuse = Reuse()
    first = load_corpus(folder, reuse=reuse)
    assert first.corpus is not None and len(first.corpus.tree_files) == 2
    changed = folder / "crews.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(watch, "RACY_SECONDS", -1.0)  # files just written count as settled
    for tree_file in first.corpus.tree_files:
        watch.content_digest(Path(tree_file))  # as the fingerprint before a reload does
    read: list[str] = []
    real = file_bytes

    def counted(path: Path, *args: object) -> object:
        read.append(path.name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(trees, "file_bytes", counted)  # the name the tree reader calls
    again = load_corpus(folder, reuse=reuse)
    assert set(read) == {"crews.yaml"}  # the unchanged file was not read again
    same_load(again, load_corpus(folder))
