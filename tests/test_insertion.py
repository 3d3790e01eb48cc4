"""One way to add YAML lines to a file, for `new source`, `new node` and `cite`: the file is read
once, the result read back before the write, and a file changed since it was read is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.editing import scaffold, yaml_lines
from explorer.reading.load import load_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"
EDIT_MEANWHILE = "# a note saved by an editor meanwhile\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    (copy / "seeds" / "new_paper.txt").write_text("Some text.", encoding="utf-8")
    return copy


def _edited_after_the_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make every insertion's file change right after the insertion has read it and worked out
    its lines, as when an editor saves it then; gives the files changed."""
    changed: list[Path] = []
    plan = yaml_lines.plan_insertion

    def plan_then_edit(path: Path, *args: object, **kwargs: object) -> yaml_lines.Insertion:
        insertion = plan(path, *args, **kwargs)  # type: ignore[arg-type]
        path.write_text(path.read_text(encoding="utf-8") + EDIT_MEANWHILE, encoding="utf-8")
        changed.append(path)
        return insertion

    monkeypatch.setattr(scaffold, "plan_insertion", plan_then_edit)
    return changed


@pytest.mark.parametrize(
    ("command", "file"),
    [
        (["new", "node", "--parent", "crews-move"], "crews.yaml"),
        (["new", "source", "new_paper.txt"], "corpus.yaml"),
    ],
    ids=["node", "source"],
)
def test_new_write_refuses_a_file_changed_between_its_read_and_its_write(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    file: str,
) -> None:
    before = (folder / file).read_text(encoding="utf-8")
    changed = _edited_after_the_read(monkeypatch)
    assert main([*command, str(folder), "--write"]) == 2
    assert changed == [folder / file]
    assert "changed since it was read" in capsys.readouterr().err
    # The other writer's change is kept and nothing was added over it.
    assert (folder / file).read_text(encoding="utf-8") == before + EDIT_MEANWHILE


def test_new_write_adds_the_lines_to_an_unchanged_file(folder: Path) -> None:
    assert main(["new", "source", "new_paper.txt", str(folder), "--write"]) == 0
    assert main(["new", "node", "--parent", "crews-move", str(folder), "--write"]) == 0
    after = load_corpus(folder)
    assert after.corpus is not None
    assert "new-paper" in [source.id for source in after.corpus.sources]
    assert [d.code for d in after.errors] == ["E011"]  # the node skeleton's placeholder quote


def test_lines_that_would_change_other_values_are_refused_before_any_write(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The result is read back: lines put in the wrong place never reach the disk."""
    place = yaml_lines.list_insertion

    def misplaced(*args: object, **kwargs: object) -> yaml_lines.Insertion:
        insertion: yaml_lines.Insertion = place(*args, **kwargs)  # type: ignore[arg-type]
        return yaml_lines.Insertion(insertion.path, 2, insertion.text)  # inside the root's keys

    monkeypatch.setattr(yaml_lines, "list_insertion", misplaced)
    before = (folder / "crews.yaml").read_bytes()
    assert main(["new", "node", "--parent", "crews-move", str(folder), "--write"]) == 2
    assert "cannot be placed in this file's text without changing its other values" in (
        capsys.readouterr().err
    )
    assert (folder / "crews.yaml").read_bytes() == before


def test_a_kept_trailing_line_break_is_not_taken_from_its_scalar(folder: Path) -> None:
    """A `|+` scalar keeps its trailing blank lines. The place found for a new child, before the
    blank lines that end the list, lies among them here: read back, the result would change the
    scalar, so the insertion is refused (with the lines to add by hand) and nothing is written."""
    crews = folder / "crews.yaml"
    text = crews.read_text(encoding="utf-8").replace(
        "            likelihood: could\n",
        "            likelihood: could\n        note: |+\n          kept as written\n\n",
    )
    crews.write_text(text, encoding="utf-8")
    loaded = load_corpus(folder)
    assert loaded.corpus is not None
    with pytest.raises(scaffold.ScaffoldError, match="without changing its other values") as info:
        scaffold.insert_node(loaded.corpus, "crews-move")
    assert "- id: crews-move-new" in str(info.value)
    assert crews.read_text(encoding="utf-8") == text


def test_a_file_with_crlf_line_breaks_keeps_them(folder: Path) -> None:
    crews = folder / "crews.yaml"
    crews.write_bytes(crews.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["new", "node", "--parent", "crews-move", str(folder), "--write"]) == 0
    data = crews.read_bytes()
    assert b"crews-move-new" in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_every_insertion_holds_the_bytes_it_was_worked_out_from(folder: Path) -> None:
    loaded = load_corpus(folder)
    assert loaded.corpus is not None
    node = scaffold.insert_node(loaded.corpus, "crews-move")
    source = scaffold.insert_source(loaded.corpus, folder / "corpus.yaml", "new_paper.txt")
    assert node.original == (folder / "crews.yaml").read_bytes()
    assert source.original == (folder / "corpus.yaml").read_bytes()
    assert node.new_text() == node.apply((folder / "crews.yaml").read_text(encoding="utf-8"))
