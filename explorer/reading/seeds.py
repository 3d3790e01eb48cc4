"""Reading the seeds folder: the article text each source names, kept from the last load where
its bytes did not change."""

from __future__ import annotations

from pathlib import Path

from explorer.analysis.quotes import SeedText
from explorer.checks.diagnostics import Diagnostic
from explorer.model import Location, Source
from explorer.reading.locate import absolute_path
from explorer.reading.reuse import Reuse, SeedRead, digest
from explorer.reading.trees import exists


def seeds_folder_missing(
    seeds_folder: Path, named: str, named_at: Location | None
) -> Diagnostic | None:
    """E012 where corpus.yaml names a seeds folder that is not there."""
    if named_at is None or exists(seeds_folder, Path.is_dir):
        return None
    return Diagnostic.at(
        "E012",
        f"the seeds folder '{named}' does not exist (looked for {seeds_folder})",
        named_at,
    )


def read_seeds(
    seeds_folder: Path,
    sources: tuple[Source, ...],
    reuse: Reuse,
    seeds_read: dict[str, SeedRead],
) -> tuple[dict[str, SeedText], list[Diagnostic]]:
    """The seed of every source that names one, by file name; `seeds_read` is told what each
    file gave, for the next load. A seed that cannot be read is reported at its source."""
    seeds: dict[str, SeedText] = {}
    diagnostics: list[Diagnostic] = []
    root = seeds_folder.resolve()
    for source in sources:
        name = source.seed
        if not name or name in seeds:
            continue
        path = seeds_folder / name
        data = _seed_bytes(path, root, absolute_path(seeds_folder))
        if isinstance(data, bytes):
            key, data_digest = str(path), digest(data)
            kept = reuse.seed(key, data_digest)
            seed = kept if kept is not None else _decoded(name, data)
            if isinstance(seed, SeedText):
                seeds[name] = seed
                seeds_read[key] = SeedRead(data_digest, seed)
                continue
            code, problem = seed
        else:
            code, problem = data
        message = f"the seed '{name}' of source '{source.id}' {problem}"
        diagnostics.append(Diagnostic.at(code, message, source.location))
    return seeds, diagnostics


# Why a seed was not read: its rule code, and the end of a sentence naming the seed.
Refusal = tuple[str, str]


def _seed_bytes(path: Path, root: Path, shown_folder: str) -> bytes | Refusal:
    try:
        if not path.resolve().is_relative_to(root):
            return "E013", "links outside the seeds folder"
        # Only a regular file: a FIFO or a device would block the read or never end.
        if path.exists() and not path.is_file():
            return "E012", "is not a regular file"
        return path.read_bytes()
    except OSError as error:
        reason = (
            "does not exist"
            if isinstance(error, FileNotFoundError)
            else f"cannot be read ({error.strerror})"
        )
        return "E012", f"{reason} in {shown_folder}"


def _decoded(name: str, data: bytes) -> SeedText | Refusal:
    try:
        return SeedText(name, data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return "E012", f"is not UTF-8 text (a bad byte at offset {error.start})"
