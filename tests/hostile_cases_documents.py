"""Hostile inputs for tests/test_hostile_catalog.py, on whole files: empty files, several
documents and wrong shapes, encodings and forbidden characters, line endings, indentation and
syntax, and what libyaml takes that YAML does not. Importing the module registers its cases in
`CASES`.
"""

from __future__ import annotations

import codecs

from tests.hostile_cases import CORPUS, CREWS, corpus, sub, title, tree

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
