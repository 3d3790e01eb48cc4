"""Finding a corpus: the corpus.yaml a path names, and paths as the user should see them.

Kept apart from `explorer.reading.load` (which imports the whole reading and validating machinery)
so the explorer can name its corpus and draw its first screen before any of that is imported.
"""

from __future__ import annotations

import os
from pathlib import Path

from explorer.paths import shown_path

CORPUS_FILE = "corpus.yaml"
SCENARIOS = "scenarios"  # the folder of corpora a project keeps at its top


class Refused(Exception):
    """What the explorer refuses to do, worded as one sentence for the user: exit 2."""


class CorpusNotFound(Refused):
    """The path given is not a corpus (or cannot be read at all): a usage error, exit 2."""


def absolute_path(path: Path) -> str:
    """The path the loader names a file by: absolute, so true from any working folder (links
    are kept as given: resolve() would follow them)."""
    return os.path.abspath(path)  # noqa: PTH100


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working folder when below it."""
    return shown_path(absolute_path(path))


def find_corpora(path: Path) -> list[Path]:
    """The corpus.yaml files a path names: itself, the folder's, or those of the folders in it
    and in its `scenarios/` (the layout `explorer init` makes and a project keeps at its top)."""
    if not path.exists():
        raise CorpusNotFound(f"{path}: no such file or folder")
    if path.is_file():
        if path.name != CORPUS_FILE:
            raise CorpusNotFound(_not_a_corpus(path))
        return [path]
    try:
        if (path / CORPUS_FILE).is_file():
            return [path / CORPUS_FILE]
        found = [*_corpora_in(path), *_corpora_in(path / SCENARIOS)]
    except OSError as error:
        raise CorpusNotFound(f"{path}: cannot read the folder ({error.strerror})") from error
    if not found:
        raise CorpusNotFound(
            f"{path}: no {CORPUS_FILE} in this folder, the folders in it or its {SCENARIOS}/"
        )
    return found


def _corpora_in(folder: Path) -> list[Path]:
    """The corpus.yaml of each folder in `folder`, sorted; none when it is not a folder."""
    if not folder.is_dir():
        return []
    return sorted(
        child / CORPUS_FILE for child in folder.iterdir() if (child / CORPUS_FILE).is_file()
    )


def _not_a_corpus(path: Path) -> str:
    """Why a file other than corpus.yaml is refused, naming the corpus folder that holds it (a
    tree file, a seed) when there is one."""
    for folder in Path(absolute_path(path)).parents:
        try:
            if (folder / CORPUS_FILE).is_file():
                return (
                    f"{path}: not a corpus but a file in the corpus folder "
                    f"{display_path(folder)}; name that folder (or its {CORPUS_FILE}) instead"
                )
        except OSError:
            break
    return f"{path}: not a corpus; name a folder that holds {CORPUS_FILE}"


def find_upward(start: Path) -> Path | None:
    """The corpus of the folder `start` and those above it, as git finds `.git`: the first
    folder that holds corpus.yaml, or a `scenarios/` folder with a corpus in it; None if none."""
    folder = Path(absolute_path(start))
    for candidate in (folder, *folder.parents):
        try:
            if (candidate / CORPUS_FILE).is_file():
                return candidate
            scenarios = candidate / SCENARIOS
            if scenarios.is_dir() and any(
                (child / CORPUS_FILE).is_file() for child in scenarios.iterdir()
            ):
                return scenarios
        except OSError:  # a folder that cannot be read is passed by, as git does
            continue
    return None
