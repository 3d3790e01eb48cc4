"""A save replaces what the saved file contributes and checks again only what depends on it:
its own rules, and the ids and references it adds or removes. Each reload here is compared with
a full load and with an index walked from the whole corpus (`tests.index_oracle`)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.analysis.search_entries import LAST_ENTRIES
from explorer.analysis.tree_index import LAST_PARTS
from explorer.analysis.voices import LAST_ARGUED
from explorer.checks.validate import validate, validate_whole
from explorer.reading.load import LoadResult, load_corpus
from explorer.reading.reuse import Reuse
from tests.index_oracle import QUERIES, same_index, walked_index
from tests.shared import copy_bundled, same_load
from tests.strategies import corpora, write_corpus

TREE_FILES = 8  # in the bundled corpus


def reload(folder: Path, reuse: Reuse) -> LoadResult:
    """A load through `reuse` whose index has built everything the screens ask for, checked
    against a full load and a walked index."""
    result = load_corpus(folder, reuse=reuse)
    full = load_corpus(folder)
    same_load(result, full)
    assert result.index is not None and full.corpus is not None
    result.index.prepare_views()
    result.index.search(QUERIES[0])
    same_index(result.index, walked_index(full.corpus))
    return result


def test_a_save_makes_again_only_what_the_saved_file_contributes(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    reuse = Reuse()
    reload(folder, reuse)
    assert reuse.findings.summarized == TREE_FILES
    path = folder / "diplomacy.yaml"
    path.write_text(path.read_text("utf-8").replace("title: ", "title: Saved ", 1), "utf-8")
    again = reload(folder, reuse)
    assert (reuse.findings.checked, reuse.findings.summarized) == (1, 1)
    assert LAST_PARTS.made_anew == LAST_ARGUED.made_anew == LAST_ENTRIES.made_anew == 1
    assert again.index is not None
    assert any(hit.text.startswith("Saved ") for hit in again.index.search("saved"))


def test_an_id_the_saved_file_takes_from_an_unchanged_one_is_used_twice(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    reuse = Reuse()
    reload(folder, reuse)
    path = folder / "causes.yaml"
    original = path.read_text("utf-8")
    first_id = next(line for line in original.splitlines() if line.startswith("id: "))
    path.write_text(original.replace(first_id, "id: us-leverage-lost", 1), "utf-8")
    taken = reload(folder, reuse)
    assert reuse.findings.checked == 1
    twice = [d for d in taken.errors if d.code == "E007"]
    assert len(twice) == 1 and "'us-leverage-lost' is used twice" in twice[0].message
    assert taken.index is not None and taken.index.tree_index.parts is None  # walked instead
    path.write_text(original, "utf-8")
    given_back = reload(folder, reuse)
    assert not given_back.errors
    assert given_back.index is not None and given_back.index.tree_index.parts is not None


def test_a_see_also_of_an_unchanged_file_to_an_id_the_saved_file_removed(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    reuse = Reuse()
    reload(folder, reuse)
    path = folder / "iraq-leverage.yaml"
    original = path.read_text("utf-8")
    path.write_text(original.replace("id: us-leverage-lost", "id: us-leverage-gone", 1), "utf-8")
    renamed = reload(folder, reuse)
    assert (reuse.findings.checked, reuse.findings.summarized) == (1, 1)
    unknown = [d for d in renamed.errors if d.code == "E010"]
    files = {Path(d.file).name for d in unknown}
    assert "causes.yaml" in files and "iraq-leverage.yaml" not in files  # unchanged files
    assert all("unknown node 'us-leverage-lost'" in d.message for d in unknown)
    path.write_text(original, "utf-8")
    assert not reload(folder, reuse).errors


# What a corpus's files may do to each other: take an id of another tree, name ids in see_also
# (known or not), lose their citations (sources and people then go uncited).
NODE_ID = re.compile(r"^[ -]*id: (.+)$", re.MULTILINE)
EDITS = st.lists(
    st.tuples(st.sampled_from(["take an id", "see also", "uncite"]), st.integers(0, 50)),
    max_size=4,
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=corpora(), edits=EDITS)
def test_checks_file_by_file_find_what_checks_over_the_whole_corpus_find(
    tmp_path_factory: pytest.TempPathFactory,
    generated: dict[str, object],
    edits: list[tuple[str, int]],
) -> None:
    folder = write_corpus(tmp_path_factory.mktemp("corpus"), generated)
    reuse = Reuse()
    load_corpus(folder, reuse=reuse)  # kept: the edits below are reloads
    trees = sorted(folder.glob("tree-*.yaml"))
    ids = [found for p in trees for found in NODE_ID.findall(p.read_text("utf-8"))]
    for edit, number in edits:
        path = trees[number % len(trees)]
        text = path.read_text("utf-8")
        target = ids[number % len(ids)]
        if edit == "take an id":
            own = NODE_ID.search(text)
            if own is not None:
                text = text[: own.start(1)] + target + text[own.end(1) :]
        elif edit == "see also":
            named = target if number % 3 else target + "-gone"
            text = text.replace("\nkind: ", f"\nsee_also: [{named}]\nkind: ", 1)
        else:
            text = text.replace("citations:", "old_citations:", 1)
        path.write_text(text, "utf-8")
        result = load_corpus(folder, reuse=reuse)
        same_load(result, load_corpus(folder))
        assert result.corpus is not None and result.index is not None
        found = validate(result.corpus, result.seeds, findings=reuse.findings)
        assert Counter(found) == Counter(validate_whole(result.corpus, result.seeds))
        same_index(result.index, walked_index(result.corpus))
