"""Writing a file so that readers see either the old content or the new, never a mix.

`write_atomic` writes a temporary file beside the target, flushes and fsyncs it, gives it the
target's permissions, renames it over the target (`os.replace`, atomic on POSIX) and fsyncs the
folder so the rename itself survives a crash. A symlink is followed: its target is replaced and
the link stays a link. On any failure the old file is untouched and the temporary file is gone.

`expected` guards against overwriting someone else's change (an editor saving the same file
between our read and our write):

- `None`: do not care what is there now;
- `ABSENT`: the file must not exist (creating it is atomic: a hard link refuses to clobber);
- `Fingerprint.of(data_read_earlier)` or `Fingerprint.of_file(path)` taken at read time: the file
  must still hold exactly those bytes.

The check runs just before the rename; POSIX has no compare-and-swap rename, so a writer that
lands in that instant still wins. It narrows the window to microseconds, it cannot close it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from pathlib import Path

import attrs

NEW_FILE_MODE = 0o666  # before the umask, as open() would create it


@attrs.frozen(slots=True)
class Fingerprint:
    """What a file held when it was read: the SHA-256 of its bytes, or None for no file."""

    sha256: str | None

    @classmethod
    def of(cls, data: bytes) -> Fingerprint:
        return cls(hashlib.sha256(data).hexdigest())

    @classmethod
    def of_file(cls, path: str | os.PathLike[str]) -> Fingerprint:
        """The file's fingerprint now (following symlinks), ABSENT when there is no file."""
        try:
            return cls.of(Path(path).read_bytes())
        except FileNotFoundError:
            return ABSENT

    def describe(self) -> str:
        return "no file" if self.sha256 is None else f"sha256 {self.sha256[:12]}…"


ABSENT = Fingerprint(None)


class FileChanged(Exception):
    """The file is not what the caller read earlier: nothing was written."""

    def __init__(self, path: Path, expected: Fingerprint, found: Fingerprint) -> None:
        self.path, self.expected, self.found = path, expected, found
        if expected == ABSENT:
            what = "it already exists"
        elif found == ABSENT:
            what = "it was deleted since it was read"
        else:
            what = "it was changed since it was read"
        super().__init__(f"{path}: not written, {what}")


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    expected: Fingerprint | None = None,
) -> Path:
    """Replace the file at `path` with `data` (text is written as UTF-8); returns the real path.

    Raises FileChanged when `expected` does not match, OSError when the write fails; in both
    cases the file at `path` is as it was.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    # Follow symlinks so the link survives and its target gets the new content.
    target = Path(os.path.realpath(path))
    folder = target.parent
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    try:
        old_mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        old_mode = None

    temp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    try:
        try:
            write_all(fd, content)
            if old_mode is not None:
                os.fchmod(fd, old_mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if expected == ABSENT:
            _create_exclusive(temp, target)
        else:
            if expected is not None:
                found = Fingerprint.of_file(target)
                if found != expected:
                    raise FileChanged(target, expected, found)
            temp.replace(target)  # os.replace: atomic within one file system
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return target


def write_all(fd: int, content: bytes) -> None:
    """Every byte of content to fd (os.write may write fewer); the one place a save writes, so
    a test can make it fail as a full disk would."""
    view = memoryview(content)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _create_exclusive(temp: Path, target: Path) -> None:
    """Move `temp` to `target` only if `target` does not exist, without a race where possible."""
    try:
        os.link(temp, target)  # fails with EEXIST instead of clobbering
    except FileExistsError:
        raise FileChanged(target, ABSENT, Fingerprint.of_file(target)) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: check, then rename.
        if os.path.lexists(target):
            raise FileChanged(target, ABSENT, Fingerprint.of_file(target)) from None
        temp.replace(target)
    else:
        temp.unlink()


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable. Some systems cannot open or fsync a folder; the write is done."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
