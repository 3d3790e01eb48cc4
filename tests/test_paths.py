"""Paths that are true anywhere: files are kept absolute, shown relative to where one is.

The warm-start cache serves a load to a later run started from another folder; what it serves
must name files that exist from there, and show them as seen from there.
"""

from __future__ import annotations

import json
import os
import pickle
import posixpath
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.editing.editor import editor_command
from explorer.model import Location
from explorer.outputs.export import to_json
from explorer.paths import shown_path

from .test_cache import start

MINI = Path(__file__).parent / "fixtures" / "mini"

_names = st.text(
    st.characters(exclude_characters="/\0", exclude_categories=["Cs"]), min_size=1
).filter(lambda name: name not in (".", ".."))
_absolute = st.lists(_names, max_size=5).map(lambda parts: "/" + "/".join(parts))


@given(_absolute, _absolute)
def test_a_path_is_shown_relative_when_below_the_folder_else_absolute(path: str, cwd: str) -> None:
    shown = shown_path(path, cwd)
    below = path == cwd or path.startswith(cwd.rstrip("/") + "/")
    if below:
        assert not shown.startswith("/")
        assert posixpath.normpath(posixpath.join(cwd, shown)) == posixpath.normpath(path)
    else:
        assert shown == posixpath.normpath(path)


@given(_absolute, st.lists(_names, min_size=1, max_size=4))
def test_a_path_below_the_folder_is_shown_as_its_parts_below(cwd: str, parts: list[str]) -> None:
    path = posixpath.join(cwd, *parts)
    assert shown_path(path, cwd) == "/".join(parts)


def test_a_location_keeps_the_absolute_file_and_shows_it_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = str(tmp_path / "corpus" / "tree.yaml")
    where = Location(file, 12, 3)
    monkeypatch.chdir(tmp_path)
    assert (where.file, where.shown) == (file, "corpus/tree.yaml")
    assert str(where) == "corpus/tree.yaml:12:3"
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert where.shown == file and str(where) == f"{file}:12:3"
    copied = pickle.loads(pickle.dumps(where))
    assert copied == where and copied.file == file


def test_a_load_cached_from_one_folder_is_true_from_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    clone = tmp_path / "clone"
    shutil.copytree(MINI, clone / "scenarios" / "mini")
    (clone / "scenarios" / "mini" / "draft.yaml").write_text("id: draft\n")  # a W105 warning
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    monkeypatch.chdir(clone)
    first, reuse = start(Path("scenarios/mini"))
    assert first.corpus is not None and reuse.trees_built == 2
    (warning,) = first.diagnostics
    assert warning.where == "scenarios/mini/draft.yaml"

    monkeypatch.chdir(elsewhere)
    again, reuse = start(clone / "scenarios" / "mini")
    assert reuse.trees_built == 0, "the second start must be served from the cache"
    assert again.corpus is not None
    node = again.corpus.trigger.children[0]
    command = editor_command(Path(node.location.file), node.location.line, {"EDITOR": "vi"})
    opened = Path(command[-1])
    assert opened.is_absolute() and opened.is_file()
    assert opened == clone / "scenarios" / "mini" / "crews.yaml"
    # Shown from here: the absolute path, as nothing of it is below this folder.
    (warning,) = again.diagnostics
    assert warning.where == str(clone / "scenarios" / "mini" / "draft.yaml")
    files = {n["file"] for n in json.loads(to_json(again.corpus))["nodes"]}
    assert all(Path(f).is_absolute() and Path(f).is_file() for f in files)

    monkeypatch.chdir(clone / "scenarios")  # and below the corpus's parent, relative again
    third, reuse = start(Path("mini"))
    assert third.diagnostics[0].where == "mini/draft.yaml"
    assert reuse.trees_built == 0
    assert os.path.exists(again.corpus.tree_files[0])  # noqa: PTH110


def test_a_path_is_shown_absolute_when_the_working_folder_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert shown_path(str(tmp_path / "corpus.yaml")) == str(tmp_path / "corpus.yaml")
