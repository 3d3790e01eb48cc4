"""An imported article's place in a corpus: its seed file, its source entry and the people who
wrote it, planned on the corpus file's text and then written, the seed first and corpus.yaml
after it, each atomically; a failed corpus write takes the new seed back."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import attrs

from explorer.editing.atomic import ABSENT, FileChanged, Fingerprint, write_atomic
from explorer.editing.scaffold import Insertion, ScaffoldError, insert_source, slugify, unique_id
from explorer.editing.yaml_lines import PlacementError, list_insertion, yaml_scalar
from explorer.importing.errors import ImportRefused
from explorer.importing.page import Article
from explorer.model import Corpus
from explorer.paths import shown_path
from explorer.reading.bundled import ensure_writable
from explorer.reading.located import Mapping
from explorer.reading.yamlread import read_bytes

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SMALL_WORDS = frozenset(
    ["the", "a", "an", "of", "and", "for", "on", "in", "at", "de", "la", "le", "les", "el", "der"]
)


@attrs.frozen
class ImportPlan:
    corpus_file: Path
    seed_path: Path
    seed_text: str
    seed_is_there: bool  # the same text is already in the seeds folder under that name
    source_id: str
    entry: str  # the source entry, as inserted
    people: str  # the new people entries, as inserted ('' when none are new)
    line: int  # the line of corpus.yaml the source entry starts on, once written (1-based)
    original: bytes
    new_text: str  # corpus.yaml with both inserted


def ascii_slug(text: str, fallback: str) -> str:
    """A slug of a name, its accents dropped ('Éric Zemmour' → eric-zemmour); `fallback` for a
    name with no Latin letter or digit."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = slugify(folded)
    return slug if re.search(r"[a-z0-9]", folded.lower()) else fallback


def outlet_id(outlet: str) -> str:
    """The corpus's style of source id stem: an acronym the outlet writes ('BBC News' → bbc), a
    one-word outlet lowercased ('Engadget'), else the initials ('Responsible Statecraft' → rs)."""
    outlet = re.sub(r"\.[a-z]{2,4}$", "", outlet.strip())  # 'Le Monde.fr' is Le Monde
    folded = unicodedata.normalize("NFKD", outlet).encode("ascii", "ignore").decode("ascii")
    words = [w for w in re.findall(r"[A-Za-z0-9]+", folded) if w.lower() not in _SMALL_WORDS]
    acronyms = [w for w in words if len(w) >= 2 and w.isupper()]
    if acronyms:
        return slugify(acronyms[0])
    if len(words) == 1:
        return slugify(words[0])
    return slugify("".join(w[0] for w in words)) if words else ""


def default_id(article: Article, taken: set[str]) -> str:
    meta = article.metadata
    stem = outlet_id(meta.outlet) or ascii_slug(article.stem, "source")
    year = meta.published[:4]
    return unique_id(f"{stem}-{year}" if year else stem, taken)


def _seed_path(corpus: Corpus, source_id: str, text: str) -> tuple[Path, bool]:
    """A seed file name that is free, or already holds this very text."""
    folder = corpus.seeds_folder
    taken = {p.stem for p in folder.glob("*")} if folder.is_dir() else set()
    if (folder / f"{source_id}.txt").is_file() and (
        folder / f"{source_id}.txt"
    ).read_bytes() == text.encode():
        return folder / f"{source_id}.txt", True
    return folder / f"{unique_id(source_id, taken)}.txt", False


def _people(corpus: Corpus, article: Article) -> tuple[list[str], str]:
    """The authors' person ids (existing people reused by name) and new people's entries."""
    by_name = {p.name.casefold(): p.id for p in corpus.people}
    taken = {p.id for p in corpus.people}
    ids: list[str] = []
    entries: list[str] = []
    meta = article.metadata
    where = f" in {meta.outlet}" if meta.outlet else ""
    for name in meta.authors:
        known = by_name.get(name.casefold())
        if known is not None:
            ids.append(known)
            continue
        person_id = unique_id(ascii_slug(name, "author"), taken)
        taken.add(person_id)
        ids.append(person_id)
        role = (
            f"named as the author of “{meta.title}”{where}" if meta.title else f"an author{where}"
        )
        entries.append(
            f"- id: {person_id}\n  name: {yaml_scalar(name)}\n  role: {yaml_scalar(role)}\n"
        )
    return ids, "".join(entries)


def source_entry(article: Article, source_id: str, seed_name: str, author_ids: list[str]) -> str:
    """The `- id: …` entry at indent 0, every field from the page, the gaps marked."""
    meta = article.metadata
    todo = "  # not given by the page: fill in"

    def field(key: str, value: str) -> str:
        return f"  {key}: {yaml_scalar(value)}" + ("" if value else todo) + "\n"

    lines = [f"- id: {source_id}\n", field("title", meta.title), field("outlet", meta.outlet)]
    lines.append(field("published", meta.published))
    if meta.url:
        lines.append(f"  url: {yaml_scalar(meta.url)}\n")
    lines.append(f"  # retrieved {article.retrieved} from {article.origin}\n")
    lines.append(f"  authors: [{', '.join(author_ids)}]\n")
    lines.append(f"  seed: {yaml_scalar(seed_name)}\n")
    if meta.kind:
        lines.append(f"  kind: {meta.kind}\n")
    else:
        lines.append(
            "  kind: analysis                # opinion | analysis | news: the page does not say\n"
        )
    return "".join(lines)


def _reindent(entry: str, insertion: Insertion) -> str:
    """`entry` in place of the skeleton insert_source made: same indentation, same lead lines
    (a new `sources:` key when the corpus had none)."""
    lines = insertion.text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.lstrip().startswith("- "):
            pad = line[: len(line) - len(line.lstrip())]
            lead = "".join(lines[:number])
            return lead + "".join(pad + x if x.strip() else x for x in entry.splitlines(True))
    return entry


def plan_import(
    corpus: Corpus, corpus_file: Path, article: Article, wanted_id: str | None
) -> ImportPlan:
    taken = {s.id for s in corpus.sources}
    if wanted_id is not None:
        if not _SLUG.fullmatch(wanted_id):
            raise ImportRefused(
                f"--id '{wanted_id}' is not a slug (lower-case letters, digits and single hyphens)"
            )
        if wanted_id in taken:
            raise ImportRefused(
                f"--id '{wanted_id}' is already a source of the corpus: choose another"
            )
    source_id = wanted_id or default_id(article, taken)
    seed_path, seed_is_there = _seed_path(corpus, source_id, article.text)
    author_ids, people = _people(corpus, article)
    entry = source_entry(article, source_id, seed_path.name, author_ids)
    original = corpus_file.read_bytes()
    shown = shown_path(str(corpus_file))
    try:
        source_at = insert_source(corpus, corpus_file, _probe_seed(corpus, seed_path.name))
        insertions = [Insertion(corpus_file, source_at.line, _reindent(entry, source_at))]
        if people:
            lines = original.decode("utf-8").splitlines()
            root = read_bytes(original, shown).value
            assert isinstance(root, Mapping)  # insert_source refused a corpus file that is not
            insertions.append(
                list_insertion(corpus_file, lines, root, "people", people, shown=shown)
            )
    except (ScaffoldError, PlacementError) as error:
        raise ImportRefused(str(error)) from None
    text = original.decode("utf-8")
    for insertion in sorted(insertions, key=lambda i: i.line, reverse=True):
        text = insertion.apply(text)
    # People inserted above the entry push it down (at the same line they go before it).
    above = [i for i in insertions[1:] if i.line <= source_at.line]
    line = source_at.line + sum(i.text.count("\n") for i in above)
    return ImportPlan(
        corpus_file,
        seed_path,
        article.text,
        seed_is_there,
        source_id,
        insertions[0].text,
        "".join(i.text for i in insertions[1:]),
        line,
        original,
        text,
    )


def _probe_seed(corpus: Corpus, seed_name: str) -> str:
    """A seed file that exists, for insert_source, which wants one: where the entry goes does
    not depend on which, and the seed is written only with the entry."""
    folder = corpus.seeds_folder
    for name in (seed_name, *(s.seed for s in corpus.sources)):
        if (folder / name).is_file():
            return name
    raise ImportRefused(
        f"{shown_path(str(folder))} holds none of the corpus's seeds: fix the corpus first "
        "('explorer check')"
    )


def write_import(plan: ImportPlan) -> None:
    """Write the seed (never over another file) and corpus.yaml (only if unchanged since it was
    read); when the corpus write fails, the new seed is removed again."""
    ensure_writable(plan.corpus_file)
    plan.seed_path.parent.mkdir(parents=True, exist_ok=True)
    if not plan.seed_is_there:
        try:
            write_atomic(plan.seed_path, plan.seed_text, expected=ABSENT)
        except FileChanged as error:
            raise ImportRefused(
                f"{shown_path(str(error.path))} appeared meanwhile: nothing was written"
            ) from None
    try:
        write_atomic(plan.corpus_file, plan.new_text, expected=Fingerprint.of(plan.original))
    except BaseException:
        if not plan.seed_is_there:
            plan.seed_path.unlink(missing_ok=True)
        raise
