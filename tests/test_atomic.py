"""`write_atomic`: the old file survives every failure, and nothing is left behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from explorer.editing import atomic
from explorer.editing.atomic import ABSENT, FileChanged, Fingerprint, write_atomic

OLD = b"old content\n"


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "brief.md"
    path.write_bytes(OLD)
    path.chmod(0o640)
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- writing ---------------------------------------------------------------------------------


def test_creates_a_new_file_with_the_umask_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    old_umask = os.umask(0o027)
    try:
        assert write_atomic(path, "héllo\n") == path
    finally:
        os.umask(old_umask)
    assert path.read_bytes() == "héllo\n".encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert names(tmp_path) == ["new.txt"]


def test_replaces_and_keeps_the_mode(existing: Path) -> None:
    write_atomic(existing, b"new\n")
    assert existing.read_bytes() == b"new\n"
    assert existing.stat().st_mode & 0o777 == 0o640
    assert names(existing.parent) == ["brief.md"]


def test_follows_a_symlink_and_keeps_the_link(existing: Path) -> None:
    link = existing.parent / "link.md"
    link.symlink_to(existing.name)
    assert write_atomic(link, "through the link\n") == existing
    assert link.is_symlink()
    assert existing.read_text() == "through the link\n"
    assert names(existing.parent) == ["brief.md", "link.md"]


def test_a_dangling_symlink_gets_its_target_created(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("target.md")
    write_atomic(link, "made\n")
    assert link.is_symlink() and (tmp_path / "target.md").read_text() == "made\n"


def test_the_folder_is_fsynced(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(existing, "x")
    assert len(synced) == 2  # the temporary file, then the folder


# -- expected: refuse to overwrite a change --------------------------------------------------


def test_matching_fingerprint_writes(existing: Path) -> None:
    write_atomic(existing, "new", expected=Fingerprint.of(OLD))
    assert existing.read_text() == "new"


def test_changed_file_is_refused(existing: Path) -> None:
    seen = Fingerprint.of_file(existing)
    existing.write_bytes(b"someone else's edit\n")
    with pytest.raises(FileChanged, match="changed since it was read") as info:
        write_atomic(existing, "mine", expected=seen)
    assert info.value.expected == seen and info.value.found == Fingerprint.of_file(existing)
    assert existing.read_bytes() == b"someone else's edit\n"
    assert names(existing.parent) == ["brief.md"]


def test_deleted_file_is_refused(existing: Path) -> None:
    seen = Fingerprint.of_file(existing)
    existing.unlink()
    with pytest.raises(FileChanged, match="deleted since it was read"):
        write_atomic(existing, "mine", expected=seen)
    assert names(existing.parent) == []


def test_absent_creates_only_a_new_file(existing: Path) -> None:
    with pytest.raises(FileChanged, match="already exists"):
        write_atomic(existing, "mine", expected=ABSENT)
    assert existing.read_bytes() == OLD
    fresh = existing.parent / "fresh.md"
    write_atomic(fresh, "new", expected=ABSENT)
    assert fresh.read_text() == "new"
    assert names(existing.parent) == ["brief.md", "fresh.md"]


def test_absent_without_hard_links_still_refuses(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: Any) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(FileChanged):
        write_atomic(existing, "mine", expected=ABSENT)
    assert existing.read_bytes() == OLD
    fresh = existing.parent / "fresh.md"
    write_atomic(fresh, "new", expected=ABSENT)
    assert fresh.read_text() == "new"
    assert names(existing.parent) == ["brief.md", "fresh.md"]


def test_fingerprint_of_a_missing_file_is_absent(tmp_path: Path) -> None:
    assert Fingerprint.of_file(tmp_path / "nothing") == ABSENT
    assert ABSENT.describe() == "no file"


# -- failures mid-write ----------------------------------------------------------------------


def _fail(error: BaseException) -> Any:
    def fail(*_: Any, **__: Any) -> Any:
        raise error

    return fail


@pytest.mark.parametrize(
    "error", [OSError(errno.EIO, "I/O error"), KeyboardInterrupt()], ids=["oserror", "interrupt"]
)
def test_failed_rename_keeps_the_old_file(
    existing: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    monkeypatch.setattr(os, "replace", _fail(error))
    with pytest.raises(type(error)):
        write_atomic(existing, "new content that never lands\n")
    assert existing.read_bytes() == OLD
    assert existing.stat().st_mode & 0o777 == 0o640
    assert names(existing.parent) == ["brief.md"]


def test_disk_full_halfway_keeps_the_old_file(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    calls: list[int] = []

    def write(fd: int, data: Any) -> int:
        if calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        calls.append(fd)
        return real_write(fd, bytes(data[:5]))  # a short write, then the disk is full

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(existing, "a long new content\n" * 100)
    assert existing.read_bytes() == OLD
    assert names(existing.parent) == ["brief.md"]


def test_short_writes_are_completed(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    write_atomic(existing, "written three bytes at a time\n")
    assert existing.read_text() == "written three bytes at a time\n"


@pytest.mark.parametrize("function", ["fsync", "fchmod"])
def test_failed_flush_or_chmod_keeps_the_old_file(
    existing: Path, monkeypatch: pytest.MonkeyPatch, function: str
) -> None:
    monkeypatch.setattr(os, function, _fail(OSError(errno.EIO, "I/O error")))
    with pytest.raises(OSError, match="I/O error"):
        write_atomic(existing, "new")
    assert existing.read_bytes() == OLD
    assert names(existing.parent) == ["brief.md"]


def test_failed_hard_link_for_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", _fail(OSError(errno.EIO, "I/O error")))
    with pytest.raises(OSError, match="I/O error"):
        write_atomic(tmp_path / "new.md", "new", expected=ABSENT)
    assert names(tmp_path) == []


def test_missing_folder_and_a_folder_as_target_fail_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "file.md", "x")
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "x")
    assert names(tmp_path) == []
    assert not any(p.name.endswith(".tmp") for p in tmp_path.parent.iterdir())


def test_temporary_name_is_hidden_and_beside_the_target(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def replace(source: Any, target: Any) -> None:
        seen.append(str(source))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    write_atomic(existing, "x")
    (temp,) = seen
    assert Path(temp).parent == existing.parent
    assert Path(temp).name.startswith(".brief.md.") and temp.endswith(".tmp")
    assert atomic.NEW_FILE_MODE == 0o666
