"""A cache of loaded corpora, for a warm start on unchanged files.

An entry is keyed by the corpus file's path and holds the validated result together with the
SHA-256 of every file the load read (corpus.yaml, the tree files, the other YAML files in the
folder, the seeds) and of the explorer's own code. It is served only when all of them are still
byte for byte the same, so a changed, added or removed file — or a new version of the explorer —
always means a fresh load: the cache can be slow, never stale.

Entries live in $XDG_CACHE_HOME/scenario-explorer (~/.cache/scenario-explorer); deleting the
folder is always safe. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import attrs

from explorer.reading.load import LoadResult, load_corpus_file
from explorer.reading.locate import absolute_path, find_corpora
from explorer.reading.watch import corpus_files

_PACKAGE = Path(__file__).resolve().parent.parent  # explorer/, from explorer/reading/


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scenario-explorer"


@attrs.frozen(slots=True)
class _Entry:
    code: str  # hash of the explorer's own modules
    files: dict[str, str]  # path → sha256 of every file the load depended on
    result: LoadResult


def _code_hash() -> str:
    digest = hashlib.sha256()
    # Every module of every sub-package: any of them may change what a load gives.
    for path in sorted(_PACKAGE.rglob("*.py")):
        name = path.relative_to(_PACKAGE).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _hashes(paths: list[Path]) -> dict[str, str]:
    hashes = {}
    for path in paths:
        try:
            hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            hashes[str(path)] = "unreadable"
    return hashes


def _depends_on(corpus_file: Path, result: LoadResult) -> list[Path]:
    seeds = result.corpus.seeds_folder if result.corpus is not None else None
    return corpus_files(corpus_file.parent, seeds)


def _entry_path(corpus_file: Path) -> Path:
    key = hashlib.sha256(str(corpus_file.resolve()).encode("utf-8", "surrogateescape"))
    return cache_folder() / f"{key.hexdigest()[:32]}.pickle"


def load_cached(path: Path) -> LoadResult:
    """`load_corpus(path)`, served from the cache when nothing it read has changed."""
    # Absolute: the files an entry records (and the result names) must be true from any folder.
    corpus_file = Path(absolute_path(find_corpora(path)[0]))
    entry_path = _entry_path(corpus_file)
    code = _code_hash()
    try:
        entry = pickle.loads(entry_path.read_bytes())
        if (
            isinstance(entry, _Entry)
            and entry.code == code
            and entry.files == _hashes([Path(p) for p in entry.files])
            and set(entry.files) == {str(p) for p in _depends_on(corpus_file, entry.result)}
        ):
            return entry.result
    except Exception:  # any unreadable, old or foreign entry is just a miss
        pass
    before = _hashes(corpus_files(corpus_file.parent, None))
    result = load_corpus_file(corpus_file)
    after = _hashes(_depends_on(corpus_file, result))
    if _unchanged_during_load(before, after, result):
        _store(entry_path, _Entry(code, after, result))
    return result


def _unchanged_during_load(
    before: dict[str, str], after: dict[str, str], result: LoadResult
) -> bool:
    """True when the files hashed after the load are the ones the load read: an editor saving
    mid-load must not leave an entry that pairs new hashes with an old result."""
    if any(after.get(path) != digest for path, digest in before.items()):
        return False
    for name, seed in result.seeds.items():
        if result.corpus is None:
            break
        path = str(result.corpus.seeds_folder / name)
        text = seed.text.encode("utf-8")
        if after.get(path) not in (
            hashlib.sha256(text).hexdigest(),
            hashlib.sha256(b"\xef\xbb\xbf" + text).hexdigest(),
        ):
            return False
    return True


def _store(entry_path: Path, entry: _Entry) -> None:
    try:
        entry_path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temp = tempfile.mkstemp(dir=entry_path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temp).replace(entry_path)
    except (OSError, pickle.PicklingError, RecursionError):
        return  # a cache is a convenience: failing to write one is not an error
