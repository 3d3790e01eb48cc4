"""A catalog of hostile inputs, each run through `explorer check` in a child process.

Every case copies the mini corpus, replaces one file (a tree file, corpus.yaml or a seed) with a
hostile input, and runs `python -m explorer check` with a timeout. Refused inputs must give exit 1
and a compiler-style line with the expected code at the expected line; legal inputs (YAML 1.1
typing traps, markup, BOMs, CRLF) must load cleanly and read back as exactly the text written.
Always: no traceback, no foreign exception name, no death by signal, no time-out.

Below the catalog, hypothesis properties drive `explorer.reading.yamlread.read_bytes` directly with
YAML
built from a grammar of hostile constructs (no child process: each example costs microseconds).
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from explorer.checks.diagnostics import RULES
from explorer.model import Corpus
from explorer.reading import yaml_text
from explorer.reading.load import load_corpus
from explorer.reading.located import Limits, Scalar, Sequence
from explorer.reading.located import Mapping as YMapping
from explorer.reading.yamlread import read_bytes

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
HOSTILE = REPO / "tests" / "hostile"
CREWS = (MINI / "crews.yaml").read_bytes()
CORPUS = (MINI / "corpus.yaml").read_bytes()
HARBOUR = (MINI / "seeds" / "harbour.txt").read_bytes()
LEDGER = (MINI / "seeds" / "ledger.txt").read_bytes()
MIB = 1024 * 1024

Ref = tuple[str, str, str]  # (record kind, record id, field): ("node", "crews", "title")
Writer = Callable[[Path], None]  # for what bytes cannot say: links, FIFOs, folders


def b(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def sub(base: bytes, old: str | bytes, new: str | bytes) -> bytes:
    """`base` with the first `old` replaced; `old` must be there (the fixture may not drift)."""
    assert b(old) in base, f"{old!r} is not in the fixture"
    return base.replace(b(old), b(new), 1)


def line_of(content: bytes, needle: str | bytes) -> int:
    index = content.find(b(needle))
    assert index >= 0, f"{needle!r} is not in the hostile input"
    return content.count(b"\n", 0, index) + 1


WHOLE_FILE = 0  # `at` for a diagnostic about the whole file: `file: error CODE: …`


@dataclass(frozen=True)
class Case:
    id: str
    files: Mapping[str, bytes]  # path in the corpus copy → its whole new content
    code: str | None  # the expected error; None: the input is legal and must load cleanly
    at: str | bytes | int | None = None  # a needle in `file` (its line), a line, or None
    file: str = "crews.yaml"  # the file the diagnostic names
    values: Mapping[Ref, str | None] = field(default_factory=dict)  # legal: the exact text
    writer: Writer | None = None
    also: frozenset[str] = frozenset()  # other error codes that may come with the expected one
    timeout: float = 10.0
    known: str | None = None  # a known, reported failure: xfail(strict) until fixed

    @property
    def line(self) -> int | None:
        if self.at is None or isinstance(self.at, int):
            return self.at
        content = (
            self.files[self.file] if self.file in self.files else (MINI / self.file).read_bytes()
        )
        return line_of(content, self.at)


CASES: list[Case] = []


def case(case_id: str, files: Mapping[str, bytes], code: str | None, **kwargs: Any) -> None:
    CASES.append(Case(case_id, files, code, **kwargs))


def tree(content: str | bytes, code: str | None, case_id: str, **kwargs: Any) -> None:
    """A case whose hostile file is the tree file crews.yaml."""
    case(case_id, {"crews.yaml": b(content)}, code, **kwargs)


def corpus(content: str | bytes, code: str | None, case_id: str, **kwargs: Any) -> None:
    case(case_id, {"corpus.yaml": b(content)}, code, file="corpus.yaml", **kwargs)


def in_crews(line: str, case_id: str, code: str | None, at: str | None = None, **kw: Any) -> None:
    """crews.yaml with one more line after `id: crews` (a top-level key of the root node)."""
    tree(sub(CREWS, "id: crews\n", f"id: crews\n{line}\n"), code, case_id, at=at, **kw)


def title(text: str, case_id: str, code: str | None, **kwargs: Any) -> None:
    """crews.yaml with the root's title line replaced by `title: <text>`."""
    content = sub(CREWS, "title: Do the fishing crews leave?", f"title: {text}")
    tree(content, code, case_id, at="title: " if code else None, **kwargs)


# -- tags: nothing is constructed, every tag is refused (E014) --------------------------------

for tag_id, value in [
    ("tag-python-apply-os-system", '!!python/object/apply:os.system ["touch PWNED"]'),
    ("tag-python-object-new", '!!python/object/new:os.system ["touch PWNED"]'),
    ("tag-python-name", "!!python/name:os.system"),
    ("tag-python-module", "!!python/module:os"),
    ("tag-python-object", "!!python/object:explorer.model.Node {id: x}"),
    ("tag-binary", "!!binary aGVsbG8gd29ybGQ="),
    ("tag-set", "!!set {a, b}"),
    ("tag-omap", "!!omap [a: 1, b: 2]"),
    ("tag-timestamp", "!!timestamp 2020-01-05"),
    ("tag-bool", "!!bool yes"),
    ("tag-str", "!!str even a harmless tag"),
    ("tag-local", "!foo bar"),
    ("tag-verbatim", "!<tag:yaml.org,2002:python/object/apply:os.system> [x]"),
]:
    title(value, tag_id, "E014")
tree(
    sub(CREWS, "tags: [jobs]", "tags: !!seq [jobs]"), "E014", "tag-seq-on-a-list", at="tags: !!seq"
)
tree(
    "%TAG !e! tag:example.com,2000:\n---\n" + CREWS.decode().replace("title: Do", "title: !e!x Do"),
    "E014",
    "tag-directive-handle",
    at="title: !e!x",
)
tree(
    sub(CREWS, "children:\n", "children: !!python/object/apply:os.system\n"),
    "E014",
    "tag-on-a-block-collection",
    at="children: !!python",
)
# The non-specific tag `!` only says "text": legal, and the text is what follows it.
title("! Crews", "tag-non-specific-is-text", None, values={("node", "crews", "title"): "Crews"})

# -- anchors, aliases, merge keys (E014) --------------------------------------------------------

BOMB = "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9 if i else ['lol'] * 9)}]\n" for i in range(9)
)
assert 400 < len(BOMB) < 700, len(BOMB)
in_crews("claim2: &a text", "anchor-on-a-scalar", "E014", at="claim2: &a")
in_crews("claim2: *nowhere", "alias-undefined", "E014", at="claim2: *")
in_crews("x: &a [1]\ny: *a", "anchor-then-alias", "E014", at="x: &a")
in_crews("x: &r [*r]", "alias-recursive", "E014", at="x: &r")
in_crews("<<: {title: merged}", "merge-key-inline", "E014", at="<<:")
in_crews("<<: [{a: 1}, {b: 2}]", "merge-key-list", "E014", at="<<:")
tree("<<: {id: crews}\n" + CREWS.decode(), "E014", "merge-key-first-line", at=1)
tree(sub(CREWS, "id: crews\n", "id: crews\n" + BOMB), "E014", "alias-bomb-billion-laughs", at="l0:")
tree(
    sub(CREWS, "  - id: crews-move", "  - &child\n    id: crews-move"),
    "E014",
    "anchor-on-a-node",
    at="&child",
)
corpus(
    sub(CORPUS, "  - id: mara-quay", "  - &p\n    id: mara-quay"),
    "E014",
    "anchor-in-corpus",
    at="&p",
)

# -- nesting: the depth limit is 100 (the root mapping counts) --------------------------------


def flow(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + "x" + close * depth


in_crews(f"deep: {flow(99)}", "nesting-flow-100-is-in-limit", "E005", at="deep:")
in_crews(f"deep: {flow(100)}", "nesting-flow-101", "E019", at="deep:")
in_crews(f"deep: {flow(599)}", "nesting-flow-600", "E019", at="deep:")
in_crews(f"deep: {flow(29_999)}", "nesting-flow-30000", "E019", at="deep:")
in_crews(f"deep: {'[' * 30_000}", "nesting-flow-30000-unclosed", "E019", at="deep:")
in_crews(f"deep: {'{a: ' * 599 + 'x' + '}' * 599}", "nesting-flow-mapping-600", "E019", at="deep:")
in_crews(
    f"deep: {'{a: ' * 29_999 + 'x' + '}' * 29_999}",
    "nesting-flow-mapping-30000",
    "E019",
    at="deep:",
)
in_crews(
    "deep:\n  " + "- " * 99 + "x", "nesting-block-sequence-100-is-in-limit", "E005", at="deep:"
)
in_crews("deep:\n  " + "- " * 599 + "x", "nesting-block-sequence-600", "E019", at="  - - ")
in_crews("deep:\n  " + "- " * 29_999 + "x", "nesting-block-sequence-30000", "E019", at="  - - ")


def block_mappings(depth: int) -> str:
    """`deep:` then `depth - 1` mappings, each one space further in."""
    return (
        "deep:\n"
        + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth - 2))
        + " " * depth
        + "k: x"
    )


in_crews(block_mappings(99), "nesting-block-mapping-100-is-in-limit", "E005", at="deep:")
in_crews(block_mappings(600), "nesting-block-mapping-600", "E019", at=" " * 100 + "k99:")
# 30,000 levels of block mappings take 450 MB of indentation (past the size limit); 5,000 do.
in_crews(block_mappings(5_000), "nesting-block-mapping-5000", "E019", at=" " * 100 + "k99:")
corpus(
    sub(CORPUS, "people:\n", "people:\n  " + "- " * 599 + "x\n  "),
    "E019",
    "nesting-in-corpus-people",
    at="- - -",
)

# -- duplicate keys at every level (E006, reading goes on) -------------------------------------

corpus(
    sub(CORPUS, "summary:", "title: again\nsummary:"),
    "E006",
    "dup-corpus-top-level",
    at="title: again",
)
corpus(
    sub(CORPUS, "    role: Columnist", "    name: Ada\n    role: Columnist"),
    "E006",
    "dup-in-a-person",
    at="name: Ada\n",
)
corpus(
    sub(CORPUS, "    kind: opinion\n", "    kind: opinion\n    kind: news\n"),
    "E006",
    "dup-in-a-source",
    at="kind: news",
)
corpus(
    sub(CORPUS, "  kind: event\n", "  kind: event\n  kind: question\n"),
    "E006",
    "dup-in-the-trigger",
    at="kind: question",
)
corpus(
    sub(CORPUS, "      stance: explains\n", "      stance: explains\n      stance: warns\n"),
    "E006",
    "dup-in-a-trigger-citation",
    at="stance: warns",
)
tree(
    sub(CREWS, "kind: question\n", "kind: question\nkind: event\n"),
    "E006",
    "dup-in-a-node",
    at="kind: event",
)
tree(
    sub(CREWS, "    stance: explains\n", "    stance: explains\n    stance: warns\n"),
    "E006",
    "dup-in-a-citation",
    at="stance: warns",
)
tree(
    sub(
        CREWS,
        "        title: Boatyards follow the crews\n",
        "        title: Boatyards follow the crews\n        title: again\n",
    ),
    "E006",
    "dup-in-a-nested-child",
    at="title: again",
)
tree(
    sub(
        CREWS,
        "title: Do the fishing crews leave?\n",
        "title: Do the fishing crews leave?\n'title': quoted, still the same text\n",
    ),
    "E006",
    "dup-plain-and-quoted-key",
    at="'title'",
)
tree(
    sub(
        CREWS,
        "          - source: gazette\n            quote: and the boatyards could follow them\n"
        "            stance: predicts\n            likelihood: could\n",
        "          - {source: gazette, quote: and the boatyards could follow them, "
        "stance: predicts, stance: warns, likelihood: could}\n",
    ),
    "E006",
    "dup-in-a-flow-mapping",
    at="stance: warns",
)

# -- keys that are not text, and words that look typed but are text keys ----------------------

in_crews("? [a]\n: x", "key-a-list", "E003", at="? [a]")
in_crews("? {a: b}\n: x", "key-a-mapping", "E003", at="? {a: b}")
in_crews("[a, b]: x", "key-a-flow-list-implicit", "E003", at="[a, b]")
for word in ("1", "true", "null", "~", "''"):
    in_crews(
        f"{word}: x",
        f"key-{word.strip(chr(39)) or 'empty'}-is-an-unknown-field",
        "E005",
        at=f"{word}: x",
    )

# -- YAML 1.1 implicit typing traps: legal, and the text must be exactly what was written ------

TRAP_WORDS = "no NO yes off on y ~ null 1.10 0x1F 0o17 1_000 22:22 2020-01-05 .inf -.Inf .nan 1e3"
TRAPS = TRAP_WORDS.split()
for word in TRAPS:
    content = sub(CREWS, "title: Do the fishing crews leave?", f"title: {word}")
    content = sub(content, "claim: The closure forces", f"claim: {word}\n# was: The closure forces")
    corpus_content = sub(CORPUS, "  title: The council closes the old harbour", f"  title: {word}")
    corpus_content = sub(corpus_content, "    name: Ada Gale", f"    name: {word}")
    corpus_content = sub(corpus_content, "    outlet: The Harbour Gazette", f"    outlet: {word}")
    corpus_content = sub(
        corpus_content,
        "published_note: month given in the print edition",
        f"published_note: {word}",
    )
    case(
        f"trap-{word}",
        {"crews.yaml": content, "corpus.yaml": corpus_content},
        None,
        values={
            ("node", "crews", "title"): word,
            ("node", "crews", "claim"): word,
            ("node", "harbour-closed", "title"): word,
            ("person", "ada-gale", "name"): word,
            ("source", "gazette", "outlet"): word,
            # Only in an optional field do `~` and `null` mean "not given".
            ("source", "ledger", "published_note"): None if word in ("~", "null") else word,
        },
    )
tree(
    sub(CREWS, "tags: [jobs]\ncitations", "tags: [no, 'off', 1e3, 2020]\ncitations"),
    None,
    "trap-words-as-tags",
    values={("node", "crews", "tags"): "no off 1e3 2020"},
)

# -- huge numbers and huge texts ----------------------------------------------------------------

DIGITS = "9" * 5_000
title(DIGITS, "huge-integer-as-title", None, values={("node", "crews", "title"): DIGITS})
# A plain (implicit) key may not be longer than 1024 characters: YAML itself says so.
in_crews(f"{DIGITS}: x", "huge-integer-as-implicit-key", "E001", at=DIGITS)
in_crews(f"? {DIGITS}\n: x", "huge-integer-as-explicit-key", "E005", at=DIGITS)
corpus(
    sub(CORPUS, "published: 2021-03-02", f"published: {DIGITS}"),
    "E016",
    "huge-integer-as-date",
    at=DIGITS,
)
LIMIT_TEXT = "x" * 100_000
title(LIMIT_TEXT, "text-at-the-limit", None, values={("node", "crews", "title"): LIMIT_TEXT})
title("x" * 100_001, "text-over-the-limit-plain", "E019")
title('"' + "x" * 200_000 + '"', "text-over-the-limit-quoted", "E019")
tree(
    sub(CREWS, "claim: The closure", "claim: |\n  " + "y" * 150_000 + "\nclaim0: The closure"),
    "E019",
    "text-over-the-limit-block-literal",
    at="claim: |",
)
in_crews("? " + "z" * 100_001 + "\n: x", "key-over-the-limit", "E019", at="zzz")
tree(
    sub(CREWS, "tags: [jobs]", "tags: [" + ", ".join(["a"] * 100_001) + "]"),
    "E019",
    "too-many-values",
    at="tags: [a",
)


def huge_file(path: Path) -> None:
    """The legal tree, a hole, and a last comment: 64 MiB and one byte, written sparse (the size
    is refused before a byte is read, so the hole's NULs are never seen)."""
    end = b"# the end\n"
    with (path / "crews.yaml").open("wb") as out:
        out.write(CREWS)
        out.seek(64 * MIB + 1 - len(end))
        out.write(end)
    assert (path / "crews.yaml").stat().st_size == 64 * MIB + 1


tree(CREWS, "E019", "file-over-64-mib", at=WHOLE_FILE, writer=huge_file)

# -- empty, several documents, wrong shapes ----------------------------------------------------

tree("", "E020", "empty-file", at=1)
tree("# only a comment\n# and another\n", "E020", "comment-only", at=1)
tree("\n\n   \n", "E020", "blank-lines-only", at=1)
tree("---\n", "E020", "document-marker-only", at=1)
tree("~\n", "E020", "null-document", at=1)
tree(CREWS + b"---\nid: second\n", "E020", "two-documents", at="---")
tree(CREWS + b"...\n---\nid: second\n", "E020", "document-end-then-another", at="---")
corpus("", "E020", "corpus-empty", at=1)
tree("- id: crews\n- id: other\n", "E003", "top-level-list", at=1)
tree("just some words\n", "E003", "top-level-scalar", at=1)
tree("''\n", "E003", "top-level-empty-quoted", at=1)
corpus("- id: harbour\n", "E003", "corpus-top-level-list", at=1)
corpus("harbour\n", "E003", "corpus-top-level-scalar", at=1)
tree(sub(CREWS, "tags: [jobs]", "tags: jobs"), "E003", "tags-not-a-list", at="tags: jobs")
tree(
    sub(
        CREWS, "  - source: gazette\n    quote: Fishing", "  source: gazette\n  quote: Fishing"
    ).replace(b"\n    stance: explains", b"\n  stance: explains", 1),
    "E003",
    "citations-a-mapping",
    at="  source: gazette",
)

# -- encodings and forbidden characters (E002) -------------------------------------------------

tree(
    codecs.BOM_UTF8 + CREWS,
    None,
    "utf8-bom-is-accepted",
    values={("node", "crews", "title"): "Do the fishing crews leave?"},
)
tree(
    codecs.BOM_UTF8 + sub(CREWS, "kind: question\n", "kind: question\nkind: event\n"),
    "E006",
    "utf8-bom-keeps-lines",
    at="kind: event",
)
tree(codecs.BOM_UTF16_LE + CREWS.decode().encode("utf-16-le"), "E002", "utf16-le-bom", at=1)
tree(codecs.BOM_UTF16_BE + CREWS.decode().encode("utf-16-be"), "E002", "utf16-be-bom", at=1)
tree(codecs.BOM_UTF32_LE + CREWS.decode().encode("utf-32-le"), "E002", "utf32-le-bom", at=1)
tree(CREWS.decode().encode("utf-16-le"), "E002", "utf16-without-bom", at=1)
tree(sub(CREWS, "title: Do the", b"title: Do the \xff"), "E002", "invalid-utf8", at=b"\xff")
tree(sub(CREWS, "title: Do the", b"title: Do the \xc0\xaf"), "E002", "overlong-utf8", at=b"\xc0")
tree(
    sub(CREWS, "title: Do the", b"title: Do the \xed\xa0\x80"),
    "E002",
    "encoded-surrogate",
    at=b"\xed",
)
tree(CREWS + b"# \xe2\x82", "E002", "truncated-utf8-at-end", at=b"\xe2")
for char_id, raw in [
    ("nul", "\x00"),
    ("bel", "\x07"),
    ("esc-sgr", "\x1b[31m"),
    ("esc-osc-title", "\x1b]0;pwned\x07"),
    ("del", "\x7f"),
    ("c1-csi", "\x9b31m"),
    ("noncharacter", "\ufffe"),
]:
    title(f"Do the {raw}fishing", f"raw-{char_id}", "E002")
corpus(
    sub(CORPUS, "summary: Two papers", "summary: Two \x1b[2J papers"),
    "E002",
    "raw-esc-in-corpus-summary",
    at="summary:",
)
corpus(
    sub(CORPUS, "name: Mara Quay", "name: Mara\x00Quay"), "E002", "raw-nul-in-a-person", at="Mara"
)
tree(CREWS + b"# a comment with \x1b[31m in it\n", "E002", "raw-esc-in-a-comment", at="# a comment")
for char_id, escape in [
    ("x1b", r"\x1b[31m"),
    ("e", r"\e[31m"),
    ("u0007", r"\u0007"),
    ("a", r"\a"),
    ("0", r"\0"),
    ("x9b", r"\x9b"),
    ("ud800-lone-surrogate", r"\ud800"),
    ("surrogate-pair", r"\ud83d\ude00"),
    ("U00110000", r"\U00110000"),
]:
    title(f'"Do the {escape} fishing"', f"escape-{char_id}", "E002")
corpus(
    sub(CORPUS, "name: Ada Gale", r'name: "Ada \e]0;pwned\a Gale"'),
    "E002",
    "escape-osc-in-a-person",
    at='name: "Ada',
)

# -- line endings, indentation and syntax ------------------------------------------------------

tree(
    CREWS.replace(b"\n", b"\r\n"),
    None,
    "crlf-is-accepted",
    values={("node", "crews", "title"): "Do the fishing crews leave?"},
)
tree(
    sub(CREWS, "kind: question\n", "kind: question\nkind: event\n").replace(b"\n", b"\r\n"),
    "E006",
    "crlf-keeps-lines",
    at="kind: event",
)
corpus(
    CORPUS.replace(b"\n", b"\r\n"),
    None,
    "crlf-corpus-is-accepted",
    values={("corpus", "", "title"): "After the harbour closes"},
)
tree(sub(CREWS, "  - id: crews-stay", "\t- id: crews-stay"), "E001", "tab-indentation", at="\t- id")
tree(sub(CREWS, "title: Do the fishing", 'title: "Do the fishing'), "E001", "unclosed-double-quote")
tree(sub(CREWS, "title: Do the fishing", "title: 'Do the fishing"), "E001", "unclosed-single-quote")
tree(sub(CREWS, "tags: [jobs]", "tags: [jobs"), "E001", "unclosed-flow-list")
tree(
    sub(CREWS, "    kind: event\n    title: Crews move", "    kind: event\n   title: Crews move"),
    "E001",
    "bad-indentation",
    at="   title: Crews move",
)
title("Crews: leave?", "colon-space-in-a-plain-value", "E001")
tree(CREWS + b"- a trailing item\n", "E001", "list-item-after-a-mapping", at="- a trailing")

# -- what libyaml takes and YAML does not: refused where it is, never read as other data ---------

title('"Do the fishing crews leave?"# a note', "comment-right-after-a-quote", "E001")
tree(sub(CREWS, "tags: [jobs]", "tags: [jobs]# a note"), "E001", "comment-right-after-a-list")
tree(
    sub(CREWS, "tags: [jobs]", "tags: [?jobs]"),
    "E001",
    "question-mark-key-in-a-flow-list",
    at="tags: [?",
)
tree(sub(CREWS, "tags: [jobs]", "tags: [jobs, -]"), "E001", "lone-dash-in-a-flow-list", at="tags:")
tree("%YAML 1.0000000001\n---\n" + CREWS.decode(), "E019", "yaml-version-number-too-long", at=1)
# A blank line holding a tab (what editors leave behind) is a blank line; in a block scalar,
# where white space is text, the parser stops at it and the message says to delete the tab.
tree(
    sub(CREWS, "kind: question\n", "kind: question\n\t\n  \t \n"),
    None,
    "blank-line-with-a-tab",
    values={("node", "crews", "title"): "Do the fishing crews leave?"},
)
tree(
    sub(
        CREWS,
        "claim: The closure forces the crews to choose between moving and staying.\n",
        "claim: |\n  The closure forces the crews\n\t\n  to choose.\n",
    ),
    "E001",
    "blank-line-with-a-tab-in-a-block-scalar",
    at="\t\n",
)

# -- markup and terminal escapes in every text field: markup is text, escapes are refused -------

MARKUP = "[bold]x[/italic] [@click=app.quit] [link=https://x]y[/link] [/]"


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


for ref, (name, old) in {
    ("node", "crews", "title"): ("crews.yaml", "title: Do the fishing crews leave?"),
    ("node", "crews", "claim"): (
        "crews.yaml",
        "claim: The closure forces the crews to choose between moving and staying.",
    ),
    ("node", "harbour-closed", "title"): (
        "corpus.yaml",
        "title: The council closes the old harbour",
    ),
    ("node", "harbour-closed", "claim"): (
        "corpus.yaml",
        "claim: The town council votes to close the old harbour.",
    ),
    ("corpus", "", "title"): ("corpus.yaml", "title: After the harbour closes"),
    ("corpus", "", "summary"): (
        "corpus.yaml",
        "summary: Two papers argue what the closure of the old harbour leads to.",
    ),
    ("person", "ada-gale", "name"): ("corpus.yaml", "name: Ada Gale"),
    ("person", "mara-quay", "role"): ("corpus.yaml", "role: Chair of the fishers' association"),
    ("source", "gazette", "title"): ("corpus.yaml", "title: The harbour closes"),
    ("source", "gazette", "outlet"): ("corpus.yaml", "outlet: The Harbour Gazette"),
    ("source", "ledger", "published_note"): (
        "corpus.yaml",
        "published_note: month given in the print edition",
    ),
}.items():
    base = CREWS if name == "crews.yaml" else CORPUS
    key = old.split(":")[0]
    case(
        f"markup-in-{ref[0]}-{ref[1] + '-' if ref[1] else ''}{ref[2]}",
        {name: sub(base, old, f"{key}: {quoted(MARKUP)}")},
        None,
        values={ref: MARKUP},
    )
corpus(
    sub(CORPUS, "    authors: []\n", f"    url: {quoted(MARKUP)}\n    authors: []\n"),
    None,
    "markup-in-source-url",
    values={("source", "ledger", "url"): MARKUP},
)
MARKUP_QUOTE = "and the boatyards [bold]could[/italic] follow them [@click=app.quit]"
case(
    "markup-in-a-quote-and-its-seed",
    {
        "crews.yaml": sub(
            CREWS, "quote: and the boatyards could follow them", f"quote: {quoted(MARKUP_QUOTE)}"
        ),
        "seeds/harbour.txt": sub(HARBOUR, "and the boatyards could follow them", MARKUP_QUOTE),
    },
    None,
    values={("citation", "boatyards-follow", "quote"): MARKUP_QUOTE},
)
title("[bold]x[/italic]", "markup-unquoted-is-a-flow-list", "E001")
tree(sub(CREWS, "id: crews\n", "id: '[bold]crews'\n"), "E021", "markup-in-an-id", at="id: '[bold]")

# -- seeds and tree files named by the corpus ---------------------------------------------------


def seed_file(name: str, content: bytes) -> dict[str, bytes]:
    return {f"seeds/{name}": content}


case(
    "seed-invalid-utf8",
    seed_file("ledger.txt", b"\xff" + LEDGER),
    "E012",
    file="corpus.yaml",
    at="  - id: ledger",
)
case(
    "seed-utf16",
    seed_file("ledger.txt", codecs.BOM_UTF16_LE + LEDGER.decode().encode("utf-16-le")),
    "E012",
    file="corpus.yaml",
    at="  - id: ledger",
)
case("seed-utf8-bom-is-accepted", seed_file("ledger.txt", codecs.BOM_UTF8 + LEDGER), None)
case(
    "seed-empty",
    seed_file("ledger.txt", b""),
    "E011",
    file="waterfront.yaml",
    at="quote: A tourist boom",
)


def _link(target: str, name: str) -> Writer:
    def write(root: Path) -> None:
        (root / name).unlink()
        (root / name).symlink_to(target)

    return write


def _seed_folder(root: Path) -> None:
    (root / "seeds" / "ledger.txt").unlink()
    (root / "seeds" / "ledger.txt").mkdir()


case(
    "seed-links-outside",
    {},
    "E013",
    file="corpus.yaml",
    at=30,
    writer=_link("/etc/hostname", "seeds/ledger.txt"),
)
case("seed-is-a-folder", {}, "E012", file="corpus.yaml", at=30, writer=_seed_folder)
case(
    "tree-links-outside",
    {},
    "E013",
    file="corpus.yaml",
    at=5,
    writer=_link("/etc/hostname", "crews.yaml"),
)


def _tree_folder(root: Path) -> None:
    (root / "crews.yaml").unlink()
    (root / "crews.yaml").mkdir()


case("tree-is-a-folder", {}, "E012", file="corpus.yaml", at=5, writer=_tree_folder)
corpus(sub(CORPUS, "trees: [crews.yaml,", "trees: [..,"), "E013", "tree-named-dot-dot", at="trees:")
corpus(
    sub(CORPUS, "trees: [crews.yaml,", "trees: [/etc/passwd,"),
    "E013",
    "tree-named-by-absolute-path",
    at="trees:",
)
corpus(
    sub(CORPUS, "seed: ledger.txt", "seed: ../../etc/passwd"),
    "E013",
    "seed-named-by-relative-path",
    at="../../etc",
)
# A name the system refuses (longer than 255 bytes) used to escape as an OSError traceback.
corpus(
    sub(
        CORPUS,
        "trees: [crews.yaml, waterfront.yaml]",
        f"trees: [crews.yaml, waterfront.yaml, {'a' * 300}.yaml]",
    ),
    "E012",
    "tree-name-too-long",
    at="trees:",
)
corpus(
    sub(CORPUS, "seeds: seeds", f"seeds: {'s' * 300}"),
    "E012",
    "seeds-folder-name-too-long",
    at="seeds:",
)


def _seed_fifo(root: Path) -> None:
    (root / "seeds" / "ledger.txt").unlink()
    os.mkfifo(root / "seeds" / "ledger.txt")


case(
    "seed-is-a-fifo",
    {},
    "E012",
    file="corpus.yaml",
    at=30,
    writer=_seed_fifo,  # a read of a FIFO blocks for ever: the run's timeout catches it
)
case(
    "seed-with-terminal-escapes",
    seed_file(
        "ledger.txt",
        LEDGER.replace(
            b"The promenade has no budget.", b"The promenade \x1b]0;pwned\x07\x1b[31mhas no budget."
        ),
    ),
    "E011",
    file="waterfront.yaml",
    at="quote: The promenade has no budget.",
)
LONG_SEED = " ".join(f"word{i % 97} filler{i % 13}" for i in range(1_200)).encode()
case(
    "quote-long-and-not-found",
    {
        "seeds/ledger.txt": LEDGER + b"\n" + LONG_SEED,
        "waterfront.yaml": sub(
            (MINI / "waterfront.yaml").read_bytes(),
            "quote: The promenade has no budget.",
            "quote: " + "nothing like the seed " * 250,
        ),
    },
    "E011",
    file="waterfront.yaml",
    at="quote: nothing",  # its search's work is bounded: tests/test_closest_passage.py
)
# Output forging: a key with a line break makes the E005 message two lines, the second of which
# reads like a diagnostic of its own.
in_crews(
    '"x\\ncrews.yaml:1:1: error E000: forged": y',
    "key-with-a-line-break-forges-output",
    "E005",
    at='"x\\n',
)


# -- running a case -----------------------------------------------------------------------------

FOREIGN = re.compile(
    rb"Traceback|Fatal Python error|Segmentation fault|core dumped|"
    rb"\b[A-Z]\w*(?:Error|Exception|Interrupt)\b|\bRecursionError\b"
)
DIAGNOSTIC_LINE = re.compile(
    r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: "
    r"(?P<severity>error|warning) (?P<code>[EW]\d{3}): ."
)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    env.pop("PYTHONSTARTUP", None)
    return env


def run_explorer(cwd: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "explorer", *args],
            cwd=cwd,
            env=_environment(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:  # run() has killed the child
        pytest.fail(f"explorer {' '.join(args)} did not finish within {timeout} s: {expired}")


@contextmanager
def corpus_copy(tmp_path: Path, hostile: Case) -> Iterator[Path]:
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    for name, content in hostile.files.items():
        (root / name).write_bytes(content)
    if hostile.writer is not None:
        hostile.writer(root)
    yield root


def field_value(corpus_: Corpus, ref: Ref) -> Any:
    kind, record_id, name = ref
    if kind == "corpus":
        return getattr(corpus_, name)
    if kind == "person":
        return getattr(next(p for p in corpus_.people if p.id == record_id), name)
    if kind == "source":
        return getattr(next(s for s in corpus_.sources if s.id == record_id), name)
    node = next(n for n in corpus_.nodes() if n.id == record_id)
    if kind == "citation":
        return getattr(node.citations[0], name)
    value = getattr(node, name)
    return " ".join(value) if isinstance(value, tuple) else value


def _params() -> Iterator[Any]:
    for hostile in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=hostile.known)] if hostile.known else []
        yield pytest.param(hostile, id=hostile.id, marks=marks)


@pytest.mark.parametrize("hostile", _params())
def test_hostile_input(hostile: Case, tmp_path: Path) -> None:
    with corpus_copy(tmp_path, hostile) as root:
        done = run_explorer(tmp_path, "check", root.name, timeout=hostile.timeout)
        out, err = done.stdout, done.stderr
        shown = (out + err).decode("utf-8", errors="replace")[:3000]
        # Never a crash, whatever the input.
        assert done.returncode >= 0, f"killed by signal {-done.returncode}\n{shown}"
        assert done.returncode in (0, 1), f"exit {done.returncode}\n{shown}"
        assert not FOREIGN.search(out + err), shown
        assert not (tmp_path / "PWNED").exists(), "a tag ran a command"
        assert b"\x1b" not in out + err, "an escape sequence reached the terminal"
        # Every line is one diagnostic with a known code, or the closing summary.
        lines = out.decode("utf-8").splitlines()
        assert lines and lines[-1].startswith("checked "), shown
        found = [DIAGNOSTIC_LINE.match(line) for line in lines[:-1]]
        assert all(found), f"a line that is not a diagnostic:\n{shown}"
        diagnostics = [m for m in found if m is not None]
        assert all(m["code"] in RULES for m in diagnostics), shown

        if hostile.code is None:
            assert done.returncode == 0, shown
            assert lines == [f"checked harbour in {root.name}: no problems"], shown
            result = load_corpus(root)
            assert result.corpus is not None
            for ref, expected in hostile.values.items():
                assert field_value(result.corpus, ref) == expected, ref
            return

        assert done.returncode == 1, shown
        display = f"{root.name}/{hostile.file}"
        wanted = [m for m in diagnostics if m["file"] == display and m["code"] == hostile.code]
        assert wanted, f"no {hostile.code} in {display}:\n{shown}"
        if hostile.line == WHOLE_FILE:
            assert any(m["line"] is None for m in wanted), shown
        elif hostile.line is not None:
            assert any(m["line"] == str(hostile.line) for m in wanted), (
                f"{hostile.code} expected at line {hostile.line}:\n{shown}"
            )
        errors = {m["code"] for m in diagnostics if m["severity"] == "error"}
        assert errors <= {hostile.code, *hostile.also}, f"other errors too:\n{shown}"


def test_catalog_size_and_outcomes() -> None:
    outcomes = Counter("legal" if c.code is None else c.code for c in CASES)
    known = sum(1 for c in CASES if c.known)
    print(
        f"\nhostile catalog: {len(CASES)} inputs, {known} known failures; "
        + ", ".join(f"{code} {count}" for code, count in sorted(outcomes.items()))
    )
    assert len(CASES) >= 50
    assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"
    assert outcomes["legal"] >= 20


# -- the fuzzer's seed inputs read without an exception -----------------------------------------


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*")), ids=lambda p: p.name)
def test_fuzz_seed_reads_to_a_value_or_our_diagnostics(path: Path) -> None:
    check_read(path.read_bytes(), Limits())


# -- properties: the reader itself, driven by a grammar of hostile YAML ------------------------


def check_read(data: bytes, limits: Limits) -> None:
    """read_bytes gives a value or our diagnostics, never an exception; a value obeys the limits."""
    result = read_bytes(data, "f.yaml", limits)
    for diagnostic in result.diagnostics:
        assert diagnostic.code in RULES
        assert diagnostic.file == "f.yaml"
        assert diagnostic.message
        assert diagnostic.line >= 0 and diagnostic.column >= 0
    if result.value is None:
        assert any(d.is_error for d in result.diagnostics)
        return
    assert all(d.code == "E006" for d in result.diagnostics)
    values = 0
    stack: list[tuple[Any, int]] = [(result.value, 1)]
    while stack:
        value, depth = stack.pop()
        values += 1
        if isinstance(value, Scalar):
            assert len(value.value) <= limits.scalar_chars
            assert not yaml_text.FORBIDDEN.search(value.value)
            assert not yaml_text.SURROGATE.search(value.value)
            continue
        assert depth <= limits.depth
        if isinstance(value, Sequence):
            stack.extend((item, depth + 1) for item in value.items)
        else:
            assert isinstance(value, YMapping)
            keys = [key.value for key, _ in value.items]
            assert len(keys) == len(set(keys)), "a duplicate key was kept"
            stack.extend((key, depth + 1) for key, _ in value.items)
            stack.extend((item, depth + 1) for _, item in value.items)
    assert values <= limits.values


@contextmanager
def loader(name: str) -> Iterator[None]:
    """Read with the C parser or its pure-Python twin (the one used when libyaml is missing)."""
    module = vars(yaml_text)
    saved = module["LOADER"]
    module["LOADER"] = getattr(yaml, name)
    try:
        yield
    finally:
        module["LOADER"] = saved


WORDS = [
    "a",
    "b",
    "id",
    "title",
    "<<",
    "1",
    "true",
    "~",
    "null",
    "no",
    "1.10",
    "22:22",
    "-",
    "?",
    "x: y",
    "#c",
    "'q'",
    "''",
    '"d"',
    '"\\x1b[31m"',
    '"\\e"',
    '"\\u0007"',
    '"\\0"',
    '"\\ud800"',
    '"\\udfff"',
    '"\\U00110000"',
    '"\\U0001F600"',
    '"\\N"',
    '"\\x85"',
    '"\\L"',
    "[bold]",
    "%",
    "@",
    "`",
    "!",
    "&",
    "*",
    "|",
    ">",
    "\t",
    "\ufeff",
    "\x85",
    "\u2028",
    "é",
    "\x00",
    "\x1b",
]
DECORATIONS = [
    "",
    "",
    "",
    "&a ",
    "&b ",
    "!!str ",
    "!!python/object/apply:os.system ",
    "!x ",
    "! ",
    "!<tag:x> ",
    "*a ",
    "*b ",
]
KEYS = ["a", "a", "b", "<<", "1", "'1'", "~", "", "? [k]", "? {k: v}", "&a k", "*a", "!!str k"]

leaves = st.tuples(st.just("scalar"), st.sampled_from(DECORATIONS), st.sampled_from(WORDS))


def _collections(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.tuples(st.just("seq"), st.sampled_from(DECORATIONS), st.lists(children, max_size=4)),
        st.tuples(
            st.just("map"),
            st.sampled_from(DECORATIONS),
            st.lists(st.tuples(st.sampled_from(KEYS), children), max_size=4),
        ),
    )


trees_ = st.recursive(leaves, _collections, max_leaves=16)


def render_flow(node: tuple[str, str, Any]) -> str:
    kind, decoration, body = node
    if kind == "scalar":
        return decoration + str(body)
    if kind == "seq":
        return decoration + "[" + ", ".join(render_flow(item) for item in body) + "]"
    return decoration + "{" + ", ".join(f"{key}: {render_flow(item)}" for key, item in body) + "}"


def render_block(node: Any, indent: int, flow_from: int) -> str:
    """Block style down to depth `flow_from`, flow style below; each line indented `indent`."""
    kind, decoration, body = node
    pad = " " * indent
    if kind == "scalar" or flow_from <= 0 or not body:
        return " " + render_flow(node) + "\n"
    lines = [f" {decoration.strip()}\n" if decoration.strip() else "\n"]
    for item in body:
        if kind == "seq":
            lines.append(f"{pad}-{render_block(item, indent + 2, flow_from - 1)}")
        else:
            key, value = item
            lines.append(f"{pad}{key}:{render_block(value, indent + 2, flow_from - 1)}")
    return "".join(lines)


@st.composite
def hostile_yaml(draw: st.DrawFn) -> bytes:
    node = draw(trees_)
    text = render_block(node, 0, draw(st.integers(0, 6))).lstrip(" \n")
    if draw(st.booleans()):  # wrap in a run of brackets around the depth limit
        depth = draw(st.integers(95, 105))
        text = "k: " + "[" * depth + render_flow(node) + "]" * depth + "\n"
    prefix = draw(st.sampled_from(["", "", "\ufeff", "%YAML 1.1\n---\n", "%TAG !e! tag:e:\n---\n"]))
    suffix = draw(st.sampled_from(["", "", "---\nb: 1\n", "...\n", "# end\n", "\r\n", "*a\n"]))
    data = (prefix + text + suffix).encode("utf-8")
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    return data


small_limits = st.builds(
    Limits,
    file_bytes=st.integers(0, 4_000),
    depth=st.integers(1, 120),
    scalar_chars=st.integers(0, 40),
    values=st.integers(1, 300),
)


PARSERS = ("CSafeLoader", "SafeLoader")  # libyaml, and the pure-Python twin used without it


@given(data=hostile_yaml(), limits=st.one_of(st.just(Limits()), small_limits))
def test_hostile_yaml_gives_a_value_or_our_diagnostics(data: bytes, limits: Limits) -> None:
    for parser in PARSERS:  # generating costs more than reading: read with both
        with loader(parser):
            check_read(data, limits)


# Text that a scenario file may hold: no control characters (tab and line breaks aside).
legal_text = st.text(
    alphabet=st.characters(
        codec="utf-8",  # no surrogates
        # U+0085 too: PyYAML's emitter (allow_unicode) writes it raw inside single quotes, where
        # YAML 1.1 reads it as a line break; yaml.safe_load reads it back as a space as we do.
        blacklist_characters="\x85"
        + "".join(
            chr(c)
            for c in [
                *range(0x09),
                0x0B,
                0x0C,
                *range(0x0E, 0x20),
                *range(0x7F, 0x85),
                *range(0x86, 0xA0),
                0xFFFE,
                0xFFFF,
            ]
        ),
    ),
    max_size=20,
)


@given(
    mapping=st.dictionaries(legal_text, legal_text, max_size=6),
    unicode=st.booleans(),
    flow=st.sampled_from([None, False, True]),
    width=st.sampled_from([20, 80, 1000]),
)
def test_dumped_text_reads_back_as_the_same_text(
    mapping: dict[str, str], unicode: bool, flow: bool | None, width: int
) -> None:
    dumped = yaml.safe_dump(mapping, allow_unicode=unicode, default_flow_style=flow, width=width)
    for parser in PARSERS:
        with loader(parser):
            result = read_bytes(dumped.encode("utf-8"), "f.yaml")
        assert result.diagnostics == (), (parser, dumped)
        assert isinstance(result.value, YMapping), (parser, dumped)
        read = {k.value: v.value for k, v in result.value.items if isinstance(v, Scalar)}
        assert read == mapping, (parser, dumped)
