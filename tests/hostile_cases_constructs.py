"""Hostile inputs for tests/test_hostile_catalog.py, on what YAML can say: tags, anchors,
aliases and merge keys, nesting, duplicate keys, keys that are not text, YAML 1.1 typing traps
and huge numbers and texts. Importing the module registers its cases in `CASES`.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile_cases import (
    CORPUS,
    CREWS,
    MIB,
    WHOLE_FILE,
    case,
    corpus,
    in_crews,
    sub,
    title,
    tree,
)

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
