"""The fast path for tree files (`explorer.reading.fastread`) against the strict reader it stands
in for.

The fast path may only ever answer for a file the strict reader and the builder would take
without a word, and must then build the very same model (locations included). So: generated
corpora load the same with and without it; mutated, hostile-ish tree files either fall back or
match the strict result exactly; suspicious input (anchors, tags, deep nesting, odd line breaks)
is never admitted to the C composer. The screen's bound on nesting is tested in
tests/test_fastread_screen.py.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from explorer.model import Node
from explorer.reading import fastread, screen
from explorer.reading.build import FileBuilder
from explorer.reading.load import load_corpus
from explorer.reading.located import Limits, ReadResult
from explorer.reading.yaml_text import bytes_text
from explorer.reading.yamlread import read_text
from tests.strategies import corpora, dump, write_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"
CREWS = (MINI / "crews.yaml").read_bytes()


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@contextmanager
def strict_only() -> Iterator[None]:
    """Every tree file read the strict way, as before the fast path."""
    with mock.patch.object(fastread, "read_tree", return_value=None):
        yield


def strict(data: bytes, limits: Limits) -> tuple[Node | None, list[str]]:
    """A tree file through the strict reader and the builder: the node and the diagnostics."""
    text = bytes_text(data, "t.yaml", limits)
    if isinstance(text, ReadResult):
        return None, [d.format() for d in text.diagnostics]
    read = read_text(text, "t.yaml", limits)
    if read.value is None:
        return None, [d.format() for d in read.diagnostics]
    builder = FileBuilder("t.yaml")
    node = builder.node(read.value)
    return node, [d.format() for d in (*read.diagnostics, *builder.diagnostics)]


def fast(data: bytes, limits: Limits) -> Node | None:
    text = bytes_text(data, "t.yaml", limits)
    if isinstance(text, ReadResult):
        return None
    return fastread.read_tree(data, text, "t.yaml", limits)


def assert_agrees(data: bytes, limits: Limits | None = None) -> Node | None:
    """The fast path answers only for a file the strict path takes silently, with its model."""
    limits = limits or Limits()
    node = fast(data, limits)
    if node is not None:
        expected, diagnostics = strict(data, limits)
        assert diagnostics == []
        assert node == expected
        assert [n.location for n in node.walk()] == [n.location for n in expected.walk()]
    return node


# -- whole corpora -------------------------------------------------------------------------------


@given(corpora())
def test_generated_corpus_loads_the_same_with_and_without_the_fast_path(
    generated: dict[str, Any],
) -> None:
    with folder() as root:
        path = write_corpus(root / "c", generated)
        answered = []
        read_tree = fastread.read_tree

        def counting(data: bytes, *args: Any) -> Node | None:
            node = read_tree(data, *args)
            # Valid by construction: every file the screen lets through is read fast.
            answered.append(node is not None or not screen.admitted(data))
            event("fast path" if node is not None else "not admitted")
            return node

        with mock.patch.object(fastread, "read_tree", counting):
            quick = load_corpus(path)
        with strict_only():
            slow = load_corpus(path)
    assert quick.corpus == slow.corpus
    assert quick.diagnostics == slow.diagnostics == ()
    assert answered and all(answered)


def test_the_mini_corpus_and_its_problems_load_the_same_either_way(tmp_path: Path) -> None:
    # The mini corpus has outcomes and see_also; a broken copy gives diagnostics on both paths.
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    crews = broken / "crews.yaml"
    crews.write_text(crews.read_text().replace("stance: doubts", "stance: doubt"))
    for path in (MINI, broken):
        quick = load_corpus(path)
        with strict_only():
            slow = load_corpus(path)
        assert quick.corpus == slow.corpus
        assert quick.diagnostics == slow.diagnostics
    assert any(d.code == "E017" for d in quick.diagnostics)


# -- hostile-ish tree files --------------------------------------------------------------------

# What a mutation may put before a value, in place of a key, or anywhere.
DECORATIONS = ["&a ", "*a ", "!!str ", "! ", "!x ", "!<tag:x> ", "? ", "- ", "[", "{", '"', "'"]
VALUES = [
    "~",
    "",
    "null",
    "no",
    "[a, b]",
    "[[a]]",
    "{a: b}",
    '"\\x1b[31m"',
    '"\\ud800"',
    '"\\U00110000"',
    '"\\u0085"',
    "'it''s'",
    "|\n  block\n",
    "x" * 50,
    '"a\\tb"',
    "a: b",
    "*a",
    "&a x",
]
KEYS = ["id", "kind", "title", "titel", "<<", "'id'", "? id", "!!str id", "[k]", "1", "~"]
ANYWHERE = [
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\ufeff",
    "\t",
    "\x1b",
    "\x00",
    "é",
    "#",
    ": ",
    " #c",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "&",
    "*",
    "!",
    "]",
    "}",
    "[",
    "{",
    " " * 130,
    "- " * 70,
    "\n\t\n",
    "?",
    "-]",
]


@st.composite
def tree_files(draw: st.DrawFn) -> bytes:
    """A valid generated tree file, then a few mutations of its text."""
    generated = draw(corpora(max_nodes=6))
    root = generated["trees"]["tree-0.yaml"]
    if draw(st.booleans()):
        root["see_also"] = [root["id"]]
        root["horizon"] = draw(st.sampled_from(["weeks", "~", "", "soon"]))
    if draw(st.booleans()):
        root["outcome"] = {
            "status": "happened",
            "as_of": "2025-01-01",
            "note": "n",
            "evidence": [{"reference": "r", "summary": "s"}],
        }
    style = draw(st.sampled_from(["block", "indented", "flow leaves"]))
    if style == "block":
        text = dump(root)
    elif style == "indented":  # sequences indented under their keys, as people write them
        text = yaml.dump(root, sort_keys=False, allow_unicode=True, indent=4, width=60)
    else:
        text = yaml.dump(root, sort_keys=False, allow_unicode=True, default_flow_style=None)
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        how = draw(st.sampled_from(["decorate", "value", "key", "insert", "duplicate", "indent"]))
        indent = len(line) - len(line.lstrip(" -"))
        key, colon, _rest = line[indent:].partition(": ")
        if how == "decorate" and colon:
            lines[at] = line[:indent] + key + ": " + draw(st.sampled_from(DECORATIONS)) + _rest
        elif how == "value" and colon:
            lines[at] = line[:indent] + key + ": " + draw(st.sampled_from(VALUES)) + "\n"
        elif how == "key" and colon:
            lines[at] = line[:indent] + draw(st.sampled_from(KEYS)) + ": " + _rest
        elif how == "duplicate":
            lines.insert(at, line)
        elif how == "indent":
            lines[at] = " " * draw(st.integers(100, 140)) + line
        else:
            position = draw(st.integers(0, len(line)))
            lines[at] = line[:position] + draw(st.sampled_from(ANYWHERE)) + line[position:]
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    if draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data


small_limits = st.builds(
    Limits,
    file_bytes=st.integers(0, 4_000),
    depth=st.integers(1, 12),
    scalar_chars=st.integers(0, 60),
    values=st.integers(1, 200),
)


@given(tree_files(), st.one_of(st.just(Limits()), small_limits))
def test_a_tree_file_reads_fast_only_where_the_strict_path_agrees(
    data: bytes, limits: Limits
) -> None:
    event("fast path" if assert_agrees(data, limits) is not None else "strict path")


@pytest.mark.parametrize(
    ("snippet", "why"),
    [
        ("title: &a Crews\n", "an anchor"),
        ("title: *a\n", "an alias"),
        ("title: !!str Do the fishing crews leave?\n", "a tag"),
        ("title: !x Do the fishing crews leave?\n", "a local tag"),
        ("<<: {title: x}\n", "a merge key"),
        ("title: twice\n", "a duplicate key"),
        ("titel: typo\n", "an unknown field"),
        ('note: "\\x1b[31m"\n', "an escaped control character"),
        ("tags: [[jobs]]\n", "nested flow collections"),
        ("tags: ['a]', [b]]\n", "a closer hidden in quotes"),
        ("tags: [x]\r" + "  " * 70 + "- y\n", "a line break only libyaml sees as one"),
        ("tags: [jobs]\x85\n", "NEL"),
        ("tags:\n" + " " * 125 + "- jobs\n", "a deep indentation"),
        ("tags: [jobs]# note\n", "a comment with no space before its '#'"),
        ("tags: [?jobs]\n", "a '?' that libyaml reads as a key, YAML as text"),
        ("tags: [jobs, -]\n", "a lone '-' in a flow list"),
    ],
)
def test_suspicious_input_falls_back_to_the_strict_reader(snippet: str, why: str) -> None:
    data = CREWS.replace(b"tags: [jobs]\n", snippet.encode(), 1)
    assert data != CREWS
    assert fast(data, Limits()) is None, why
    assert strict(data, Limits())[1] or not screen.admitted(data), why


def test_what_both_paths_accept_reads_fast() -> None:
    assert assert_agrees(CREWS) is not None
    # The bare `!` only means "text"; R&D and 5*3 are text, not anchors and aliases.
    accepted = CREWS.replace(b"tags: [jobs]", b"tags: ! [jobs]").replace(
        b"title: Do the fishing crews leave?", b"title: R&D at 5*3 dollars!"
    )
    node = assert_agrees(accepted)
    assert node is not None and node.title == "R&D at 5*3 dollars!"


def test_a_key_over_the_limit_on_texts_is_the_strict_readers_to_report() -> None:
    # Every value fits in five characters, the key 'citations' does not.
    data = b"id: a\nkind: event\ntitle: t\nclaim: c\n"
    data += b"citations:\n- {source: s, quote: q, stance: warns}\n"
    limits = Limits(scalar_chars=5)
    assert fast(data, limits) is None
    assert any("E019" in d for d in strict(data, limits)[1])
    assert assert_agrees(data, Limits(scalar_chars=9)) is not None
