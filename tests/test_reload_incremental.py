"""A reload that reuses what the last load read (`Reuse`) gives exactly what a full load gives.

The oracle is the full load itself: after every edit of a copy of the bundled corpus — a title,
a quote, an id taken from another file, a file broken or removed, a seed changed, a tree dropped
from corpus.yaml, a source pointed at another seed — the incremental load and a fresh one must
agree on the corpus and on every diagnostic, in order; the index over the incremental load,
patched from the parts of the files that did not change, must answer every lookup the screens
make as an index walked from the whole corpus does; and the checks run file by file, reusing
what they found in unchanged files, must find what every check run once over the whole corpus
finds.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from explorer.checks.by_tree import TreeFindings
from explorer.reading.load import load_corpus
from explorer.reading.reuse import Reuse
from tests.index_oracle import same_findings, same_index, walked_index
from tests.shared import copy_bundled, same_load

ROOT = Path(__file__).resolve().parent.parent
TREES = (
    "iran-response.yaml",
    "diplomacy.yaml",
    "iraq-troops.yaml",
    "iraq-leverage.yaml",
    "iraq-2022-crisis.yaml",
    "iran-internal.yaml",
    "causes.yaml",
    "recommendations.yaml",
)


# Edits by text: each makes a change the loader or a check must notice.
TREE_EDITS: dict[str, Callable[[str], str]] = {
    "title": lambda text: text.replace("title: ", "title: Changed ", 1),
    "quote": lambda text: text.replace('quote: "', 'quote: "Not in the seed ', 1),
    "hedge": lambda text: text.replace("stance: ", "likelihood: likely\n      stance: ", 1),
    "broken": lambda text: text + "\n  - [unclosed\n",
    "not utf-8": lambda text: text + "\n# \udcff",
    "empty": lambda text: "",
}


class IncrementalReload(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.scratch = Path(tempfile.mkdtemp(prefix="reload-"))
        self.folder = copy_bundled(self.scratch)
        self.originals = {p.name: p.read_bytes() for p in self.folder.iterdir()}
        self.seeds = sorted((self.scratch / "seeds").glob("*.txt"))
        self.seed_originals = {p: p.read_bytes() for p in self.seeds}
        self.reuse = Reuse()
        self.findings = TreeFindings()  # checks run by the oracle, reusing what they found
        self.loads = 0

    def teardown(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)

    def write(self, path: Path, text: str) -> None:
        path.write_bytes(text.encode("utf-8", "surrogateescape"))

    @rule(tree=st.sampled_from(TREES), edit=st.sampled_from(sorted(TREE_EDITS)))
    def edit_tree(self, tree: str, edit: str) -> None:
        path = self.folder / tree
        if path.exists():
            text = path.read_bytes().decode("utf-8", "surrogateescape")
            self.write(path, TREE_EDITS[edit](text))

    @rule(tree=st.sampled_from(TREES), other=st.sampled_from(TREES))
    def take_an_id_of_another_file(self, tree: str, other: str) -> None:
        path, source = self.folder / tree, self.folder / other
        if path.exists() and source.exists():
            taken = next(
                (
                    line
                    for line in source.read_text("utf-8", "replace").splitlines()
                    if line.strip().startswith("id: ")
                ),
                None,
            )
            text = path.read_text("utf-8", "replace")
            first = next((line for line in text.splitlines() if "id: " in line), None)
            if taken is not None and first is not None:
                self.write(path, text.replace(first, first.split("id:")[0] + taken.strip(), 1))

    @rule(tree=st.sampled_from(TREES))
    def remove_tree_file(self, tree: str) -> None:
        (self.folder / tree).unlink(missing_ok=True)

    @rule(name=st.sampled_from(sorted([*TREES, "corpus.yaml"])))
    def restore(self, name: str) -> None:
        (self.folder / name).write_bytes(self.originals[name])

    @rule(tree=st.sampled_from(TREES))
    def drop_from_corpus_file(self, tree: str) -> None:
        path = self.folder / "corpus.yaml"
        self.write(path, path.read_text("utf-8").replace(f"  - {tree}\n", "", 1))

    @rule(data=st.data())
    def point_a_source_at_another_seed(self, data: st.DataObject) -> None:
        path = self.folder / "corpus.yaml"
        text = path.read_text("utf-8")
        names = [p.name for p in self.seeds]
        old, new = data.draw(st.sampled_from(names)), data.draw(st.sampled_from(names))
        self.write(path, text.replace(f"seed: {old}", f"seed: {new}", 1))

    @rule(seed=st.integers(0, 4), edit=st.sampled_from(["cut", "append", "remove", "restore"]))
    def edit_seed(self, seed: int, edit: str) -> None:
        path = self.seeds[seed]
        original = self.seed_originals[path]
        if edit == "restore":
            path.write_bytes(original)
        elif edit == "remove":
            path.unlink(missing_ok=True)
        elif edit == "append":
            path.write_bytes(original + b"\nA paragraph added later.\n")
        else:  # most quotes of this seed are no longer found
            path.write_bytes(original[: len(original) // 3])

    @rule()
    def unlisted_yaml_file(self) -> None:
        path = self.folder / "notes.yaml"
        if path.exists():
            path.unlink()
        else:
            path.write_text("notes: not a tree\n", encoding="utf-8")

    @invariant()
    def incremental_load_is_a_full_load(self) -> None:
        incremental = load_corpus(self.folder, reuse=self.reuse)
        full = load_corpus(self.folder)
        same_load(incremental, full)
        if incremental.corpus is not None and incremental.index is not None:
            assert full.corpus is not None
            same_index(incremental.index, walked_index(full.corpus))
            same_findings(incremental.corpus, incremental.seeds, self.findings)
        self.loads += 1


TestIncrementalReload = pytest.mark.slow(IncrementalReload.TestCase)
TestIncrementalReload.settings = settings(max_examples=12, stateful_step_count=6, deadline=None)


def test_an_unchanged_corpus_is_neither_built_nor_checked_again(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    reuse = Reuse()
    first = load_corpus(folder, reuse=reuse)
    assert reuse.trees_built == len(TREES) and reuse.findings.checked == len(TREES)
    again = load_corpus(folder, reuse=reuse)
    assert reuse.trees_built == len(TREES)  # none more
    assert (reuse.findings.checked, reuse.findings.reused) == (0, len(TREES))
    same_load(again, first)
    # Reused as they are: the very same node objects.
    assert again.corpus is not None and first.corpus is not None
    for old, new in zip(first.corpus.trigger.children, again.corpus.trigger.children, strict=True):
        assert old is new


def test_one_saved_tree_file_is_the_only_one_built_and_checked_again(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    reuse = Reuse()
    load_corpus(folder, reuse=reuse)
    path = folder / "diplomacy.yaml"
    path.write_text(TREE_EDITS["quote"](path.read_text("utf-8")), encoding="utf-8")
    again = load_corpus(folder, reuse=reuse)
    assert reuse.trees_built == len(TREES) + 1
    assert (reuse.findings.checked, reuse.findings.reused) == (1, len(TREES) - 1)
    assert [d.code for d in again.errors] == ["E011"]
    same_load(again, load_corpus(folder))


def test_a_changed_seed_checks_the_quotes_of_every_tree_again(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    reuse = Reuse()
    load_corpus(folder, reuse=reuse)
    seed = sorted((tmp_path / "seeds").glob("*.txt"))[0]
    seed.write_bytes(seed.read_bytes()[:100])
    again = load_corpus(folder, reuse=reuse)
    assert reuse.trees_built == len(TREES)  # the trees are reused ...
    assert reuse.findings.checked == len(TREES)  # ... but their quotes are checked again
    assert any(d.code == "E011" for d in again.errors)
    same_load(again, load_corpus(folder))
