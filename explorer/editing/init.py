"""`explorer init DIR`: a corpus of one's own to edit, as a copy of the bundled one or as a
minimal skeleton with one seed, laid out as a project keeps it (`scenarios/` and `seeds/`).

DIR must be new or hold nothing but dotfiles (`.git`, `.gitignore`: a fresh repository), and
every file is created without replacing one (a file that appears meanwhile is refused), so
nothing already there is ever overwritten. When a write fails (a full disk, a folder turned
read-only), every file and folder made so far is removed again: a second try finds DIR as it was.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from explorer.editing.atomic import ABSENT, FileChanged, write_atomic
from explorer.editing.editor_schema import SCHEMA_FILES, render
from explorer.paths import shown_path
from explorer.reading.bundled import bundled_scenarios
from explorer.reading.locate import SCENARIOS, Refused

SKELETON_ID = "my-scenarios"
SEEDS = "seeds"


class InitRefused(Refused):
    """DIR cannot take a new corpus (not empty, not a folder, not writable): exit 2."""


def init_corpus(target: Path, *, skeleton: bool = False) -> Path:
    """Write the corpus into `target` (created when missing); returns its corpus folder."""
    shown = shown_path(str(target))
    if target.exists() and not target.is_dir():
        raise InitRefused(f"{shown} is a file: name a new or empty folder for the corpus")
    made = _Made()
    try:
        if target.is_dir() and any(not p.name.startswith(".") for p in target.iterdir()):
            raise InitRefused(
                f"{shown} is not empty: explorer init writes only into a new folder or one "
                "holding only dotfiles (such as .git), so that nothing in it is overwritten"
            )
        made.folder(target)
        for relative, data in (_skeleton_files() if skeleton else _bundled_files()).items():
            path = target / relative
            made.folder(path.parent)
            write_atomic(path, data, expected=ABSENT)
            made.paths.append(path)
    except BaseException as error:
        made.undo()
        if isinstance(error, FileChanged):
            raise InitRefused(
                f"{shown_path(str(error.path))} appeared while the corpus was written: it was "
                "left as it is, and what init had written was removed"
            ) from error
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            raise InitRefused(
                f"cannot write the corpus into {shown}: {reason}; nothing was kept"
            ) from error
        raise
    corpus_id = SKELETON_ID if skeleton else _bundled_id()
    return target / SCENARIOS / corpus_id


class _Made:
    """The files and folders one init made, in the order made, to remove again on failure."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def folder(self, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        for path in reversed(missing):
            path.mkdir()
            self.paths.append(path)

    def undo(self) -> None:
        for path in reversed(self.paths):
            # A folder that something else wrote into meanwhile is kept, with what is in it.
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                else:
                    path.unlink()


def _bundled_id() -> str:
    return next(p.parent.name for p in sorted(bundled_scenarios().glob("*/corpus.yaml")))


def _bundled_files() -> dict[str, bytes]:
    """The bundled `scenarios/` and its `seeds/` beside it, as the corpus names them
    (`seeds: ../../seeds`)."""
    scenarios = bundled_scenarios()
    files: dict[str, bytes] = {}
    for folder, name in ((scenarios, SCENARIOS), (scenarios.parent / SEEDS, SEEDS)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[f"{name}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


def _skeleton_files() -> dict[str, bytes]:
    corpus = f"{SCENARIOS}/{SKELETON_ID}"
    files = {
        f"{corpus}/corpus.yaml": SKELETON_CORPUS,
        f"{corpus}/first-tree.yaml": SKELETON_TREE,
        f"{SEEDS}/example.txt": SKELETON_SEED,
    }
    for kind, name in SCHEMA_FILES.items():
        files[f"{SCENARIOS}/schema/{name}"] = render(kind)
    return {path: text.encode("utf-8") for path, text in files.items()}


SKELETON_SEED = """\
An example article. Replace this file with the text of a real one, copied whole and unedited:
every quote in the corpus must be found in it, word for word.

The example event has happened, the article says. Officials say the example consequence will
likely follow within weeks.
"""

SKELETON_CORPUS = f"""\
# yaml-language-server: $schema=../schema/corpus.schema.json
# A corpus: the event every tree starts from, the people, and the sources they wrote. Each
# source's text is a file in the seeds folder. `explorer check --strict` says what to fix;
# `explorer new source SEEDFILE --write` and `explorer new node --parent ID --write` add more.
id: {SKELETON_ID}
title: My scenarios
summary: What the articles argue follows from the example event.
seeds: ../../seeds
trees: [first-tree.yaml]
trigger:
  id: example-event
  kind: event
  title: The example event happens
  claim: The event every tree of this corpus starts from.
  citations:
    - source: example-article
      quote: "The example event has happened"
      stance: explains
people:
  - id: example-author
    name: The example article's author
    role: Replace with who they are
sources:
  - id: example-article
    title: An example article
    outlet: An example outlet
    published: 2024-01-15
    authors: [example-author]
    seed: example.txt
    kind: analysis
"""

SKELETON_TREE = """\
# yaml-language-server: $schema=../schema/tree.schema.json
# A tree: one node, its root, whose parent is the trigger. A question's children are competing
# alternatives (two or more); an event's children are consequences.
id: example-consequence
kind: event
title: The example consequence follows
claim: Within weeks of the event, the consequence the article expects follows.
horizon: weeks
citations:
  - source: example-article
    quote: "the example consequence will likely follow within weeks"
    stance: predicts
    likelihood: likely
"""
