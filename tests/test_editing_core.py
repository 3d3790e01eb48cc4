"""Editor commands and the settle-before-reload fingerprints (no Textual involved)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from explorer.editing.editor import NoEditor, editor_command
from explorer.reading import watch
from explorer.reading.watch import corpus_files, fingerprint, wait_until_stable

FILE = Path("/corpus/crews.yaml")


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+12", "/corpus/crews.yaml"]),
        ("/usr/bin/nvim", ["/usr/bin/nvim", "+12", "/corpus/crews.yaml"]),
        ("nano", ["nano", "+12", "/corpus/crews.yaml"]),
        ("emacs -nw", ["emacs", "-nw", "+12", "/corpus/crews.yaml"]),
        ("micro", ["micro", "+12", "/corpus/crews.yaml"]),
        ("hx", ["hx", "+12", "/corpus/crews.yaml"]),
        ("code --wait", ["code", "--wait", "--goto", "/corpus/crews.yaml:12"]),
        ("gedit", ["gedit", "/corpus/crews.yaml"]),
    ],
)
def test_editor_gets_the_line_its_way(editor: str, expected: list[str]) -> None:
    assert editor_command(FILE, 12, {"EDITOR": editor}) == expected


def test_visual_wins_over_editor() -> None:
    assert editor_command(FILE, 3, {"VISUAL": "vim", "EDITOR": "nano"})[0] == "vim"


def test_fallback_is_nano_then_vi(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: f"/bin/{name}" if name == "vi" else None)
    assert editor_command(FILE, 3, {}) == ["vi", "+3", "/corpus/crews.yaml"]
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(NoEditor):
        editor_command(FILE, 3, {})


def test_fingerprint_follows_content_not_time(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\n")
    (tmp_path / "notes.md").write_text("ignored\n")
    files = corpus_files(tmp_path, None)
    assert [p.name for p in files] == ["a.yaml"]
    before = fingerprint(files)
    (tmp_path / "a.yaml").write_text("id: a\n")  # rewritten, same bytes
    assert fingerprint(files) == before
    (tmp_path / "a.yaml").write_text("id: b\n")
    assert fingerprint(files) != before
    (tmp_path / "a.yaml").unlink()
    assert fingerprint(files) != before  # a vanished file is a change, not a crash


def test_wait_until_stable_waits_for_two_equal_fingerprints() -> None:
    readings = iter(["half", "written", "done", "done", "later"])
    slept: list[float] = []
    assert wait_until_stable(lambda: next(readings), sleep=slept.append) == "done"
    assert len(slept) == 3


def test_wait_until_stable_gives_up_after_the_timeout() -> None:
    counter = iter(range(1000))
    result = wait_until_stable(
        lambda: str(next(counter)), interval=1, timeout=3, sleep=lambda s: None
    )
    assert result == "3"


def test_fingerprint_sees_a_rewrite_that_keeps_size_and_modification_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hashes are kept by file status; a status that looks the same must not hide new bytes."""
    monkeypatch.setattr(watch, "RACY_SECONDS", -1.0)  # keep every hash, however recent
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n")
    long_ago = time.time() - 3600
    os.utime(path, (long_ago, long_ago))
    files = corpus_files(tmp_path, None)
    before = fingerprint(files)
    assert fingerprint(files) == before  # served from the kept hash
    path.write_text("id: b\n")  # same size ...
    os.utime(path, (long_ago, long_ago))  # ... and the same modification time, set back
    assert fingerprint(files) != before


def test_fingerprint_hashes_a_just_written_file_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n")
    files = corpus_files(tmp_path, None)
    fingerprint(files)
    assert str(path) not in watch.known_digests  # written within RACY_SECONDS: not kept
    monkeypatch.setattr(watch, "RACY_SECONDS", -1.0)
    fingerprint(files)
    assert str(path) in watch.known_digests
