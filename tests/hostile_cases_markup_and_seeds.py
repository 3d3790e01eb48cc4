"""Hostile inputs for tests/test_hostile_catalog.py, on what the files say: markup and terminal
escapes in every text field, and the seeds and tree files the corpus names (bad encodings,
links, folders, FIFOs, names that escape the corpus). Importing the module registers its cases
in `CASES`.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from tests.hostile_cases import (
    CORPUS,
    CREWS,
    HARBOUR,
    LEDGER,
    MINI,
    Writer,
    case,
    corpus,
    in_crews,
    sub,
    title,
    tree,
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
