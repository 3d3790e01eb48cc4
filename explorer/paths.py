"""Paths as a person should see them, computed when shown.

What the explorer keeps (in the model, in diagnostics, in the warm-start cache) names files by
their absolute paths, true from any working folder; a path is made relative to the folder the
person is in only when it is shown. Kept apart from the model and free of heavy imports: the
first screen names its corpus with it.
"""

from __future__ import annotations

import functools
import os


def shown_path(path: str, cwd: str | None = None) -> str:
    """A path as a person should see it: relative to `cwd` (the working folder when not given)
    when below it, else absolute. Computed when shown, so that what is stored (an absolute path)
    stays true whatever the folder the explorer runs in."""
    if cwd is None:
        try:
            cwd = os.getcwd()  # noqa: PTH109
        except OSError:  # the working folder was removed: there is nothing to be relative to
            return os.path.normpath(path)
    return _shown_path(path, cwd)


@functools.lru_cache(maxsize=4096)  # a few files, shown once per node in an export
def _shown_path(path: str, cwd: str) -> str:
    absolute = os.path.normpath(os.path.join(cwd, path))  # noqa: PTH118
    folder = os.path.normpath(cwd)
    if absolute == folder:
        return "."
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return absolute[len(prefix) :] if absolute.startswith(prefix) else absolute
