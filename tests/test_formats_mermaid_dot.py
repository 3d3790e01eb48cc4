"""Mermaid and DOT exports: shapes, edges and labels escaped so that Mermaid and Graphviz show
every title as written.

DOT output is checked by Graphviz itself (`dot -Tsvg`). Without Graphviz the DOT tests skip on a
developer's machine and fail when `CI` is set, so CI cannot pass without having run them.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model import Corpus
from explorer.outputs import dot as dot_format
from explorer.outputs import mermaid as mermaid_format
from explorer.outputs.common import one_line
from explorer.outputs.formats import render
from tests.test_formats import (
    HOSTILE_TITLES,
    ROOT,
    hostile_corpus,  # noqa: F401 (the fixture 'hostile')
    load,
    mini_corpus,  # noqa: F401 (the fixture 'mini')
)


def require_dot() -> str:
    found = shutil.which("dot")
    if found is None:
        message = "Graphviz 'dot' is not installed (apt-get install graphviz)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def run_dot(source: str) -> str:
    result = subprocess.run(
        [require_dot(), "-Tsvg"], input=source, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def svg_node_texts(svg: str) -> dict[str, list[str]]:
    """Node name → the lines of text Graphviz drew in it."""
    nodes: dict[str, list[str]] = {}
    for block in re.findall(r'<g id="node\d+" class="node">(.*?)</g>', svg, flags=re.S):
        title = re.search(r"<title>(.*?)</title>", block, flags=re.S)
        assert title is not None
        lines = re.findall(r"<text[^>]*>(.*?)</text>", block, flags=re.S)
        nodes[html.unescape(title.group(1))] = [html.unescape(line) for line in lines]
    return nodes


def shown_lines(text: str) -> list[str]:
    """How a label's lines compare: white space folded, empty lines left out."""
    return [line for line in (one_line(part) for part in text.splitlines()) if line]


# -- Mermaid ---------------------------------------------------------------------------------

MERMAID_NODE = re.compile(r'^    (n_\w+)(\("([^"]*)"\)|\{\{"([^"]*)"\}\})$')
MERMAID_LABEL_CHARS = re.compile(r"[^\"<>\[\]{}|`:;#&]*")


def mermaid_labels(chart: str) -> dict[str, tuple[str, str]]:
    """Mermaid id → (shape, label) for every node line; fails on any line it cannot read."""
    nodes: dict[str, tuple[str, str]] = {}
    for line in chart.splitlines()[2:]:
        match = MERMAID_NODE.match(line)
        if match:
            shape = "event" if match.group(3) is not None else "question"
            nodes[match.group(1)] = (shape, match.group(3) or match.group(4) or "")
    return nodes


def test_mermaid_shapes_and_classes(mini: Corpus) -> None:
    chart = render("mermaid", mini)
    assert chart.startswith("flowchart TD\n")
    nodes = mermaid_labels(chart)
    assert len(nodes) == 8
    assert nodes["n_crews"][0] == "question" and nodes["n_crews_move"][0] == "event"
    assert "    class n_crews_move contested" in chart.splitlines()
    assert "    n_crews -->|or| n_crews_move" in chart.splitlines()
    assert "    n_crews_stay -.->|see also| n_crews_move" in chart.splitlines()


def test_mermaid_hostile_labels_are_fully_escaped(hostile: Corpus) -> None:
    chart = render("mermaid", hostile)
    nodes = mermaid_labels(chart)
    assert len(nodes) == 8
    titles = set()
    for _, label in nodes.values():
        parts = label.split(mermaid_format.LINE_BREAK)
        for part in parts:
            # Between our own <br/> breaks: no character that could end or reinterpret a label.
            assert re.fullmatch(r"(?:[^\"<>\[\]{}|`:;#&%]|#\d+;)*", part), part
        titles.add(mermaid_format.unescape(parts[0]))
    assert {one_line(t) for t in HOSTILE_TITLES.values()} <= titles
    # The directive in a title stays inside its label, escaped.
    assert "%%{" not in chart


@given(st.text())
def test_mermaid_escape_round_trips_and_leaves_nothing_risky(text: str) -> None:
    escaped = mermaid_format.escape(text)
    assert mermaid_format.unescape(escaped) == one_line(text)
    rest = re.sub(r"#\d+;", "", escaped)
    for char in rest:
        if char.isascii():
            assert char.isalnum() or char in ",.'?!-/() ", escaped
        else:
            assert char.isprintable(), escaped


def test_mermaid_ids_are_distinct_and_safe() -> None:
    ids = mermaid_format.Ids()
    made = [ids(name) for name in ("end", "a-b", "a_b", "a.b", "o", "x", "a-b")]
    assert made[0] == "n_end" and made[1] == made[-1]
    assert len(set(made)) == 6
    assert all(re.fullmatch(r"n_\w+", m) for m in made)


# -- DOT -------------------------------------------------------------------------------------


def test_dot_of_the_fixture_is_read_by_graphviz(mini: Corpus) -> None:
    drawn = svg_node_texts(run_dot(render("dot", mini)))
    assert set(drawn) == {n.id for n in mini.nodes()} | {dot_format.LEGEND_ID}
    assert drawn["crews-move"] == ["Crews move north", "for: AG", "against: LW"]


def test_dot_of_the_bundled_corpus_is_read_by_graphviz() -> None:
    corpus = load(ROOT / "scenarios")
    drawn = svg_node_texts(run_dot(render("dot", corpus)))
    assert len(drawn) == 59 + 1


def test_dot_hostile_labels_are_drawn_as_written(hostile: Corpus) -> None:
    source = render("dot", hostile)
    drawn = svg_node_texts(run_dot(source))
    for node in hostile.nodes():
        expected = shown_lines(dot_format.wrapped(node.title))
        assert drawn[node.id][: len(expected)] == expected


def test_dot_shapes_and_edges(mini: Corpus) -> None:
    source = render("dot", mini)
    assert source.startswith('digraph "harbour" {\n')
    assert re.search(r'^    "crews" \[label="[^\n]*shape="hexagon"', source, re.M)
    assert re.search(r'^    "crews-stay" \[label="[^\n]*shape="box"', source, re.M)
    assert '"crews" -> "crews-move" [label="or"' in source
    assert '"crews-stay" -> "crews-move" [label="see also"' in source


def dot_texts() -> st.SearchStrategy[str]:
    specials = st.sampled_from([*'\\"\n\r{}[]<>|;:#&=,', "\\N", "\\l", "&amp;", "\r\n"])
    return st.lists(
        st.one_of(specials, st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))),
        max_size=25,
    ).map("".join)


@given(st.text())
def test_dot_escape_round_trips(text: str) -> None:
    escaped = dot_format.escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    # Every quote is escaped: an odd run of backslashes precedes it.
    for match in re.finditer(r'(\\*)"', escaped):
        assert len(match.group(1)) % 2 == 1
    assert not escaped.endswith("\\") or re.search(r"(?<!\\)(\\\\)+$", escaped)
    expected = "\n".join(
        "".join(" " if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in line)
        for line in text.splitlines()
    )
    assert dot_format.unescape(escaped) == expected


@settings(max_examples=25)  # each example runs Graphviz once
@given(st.lists(dot_texts(), min_size=1, max_size=6))
def test_dot_labels_survive_graphviz(labels: list[str]) -> None:
    # Hostile node names too: if a name's escaping failed, nodes would merge or dot would fail.
    body = "".join(
        f"    {dot_format.quote(f'{label}#{i}')} [label={dot_format.quote(label)}, shape=box];\n"
        for i, label in enumerate(labels)
    )
    drawn = svg_node_texts(run_dot(f"digraph {dot_format.quote(labels[0])} {{\n{body}}}\n"))
    assert len(drawn) == len(labels)
    # Graphviz writes the nodes in the order they were declared.
    for lines, label in zip(drawn.values(), labels, strict=True):
        assert [line for line in (one_line(x) for x in lines) if line] == shown_lines(label)
