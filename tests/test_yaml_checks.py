"""The loader's own answers where the YAML parsers differ from YAML, or from each other.

Each answer holds on both parsers (libyaml, and the pure-Python one PyYAML falls back to) and on
both roads (the strict reader, and the fast one for clean tree files): libyaml's limits reported
as ours (E019, located where ours would be), a missing final line break, comments with no space
before their '#', '?' right before text in a flow collection, a lone '-' in one, tabs on blank
lines, anchors whose names libyaml refuses. The YAML test suite (tests/test_yaml_suite.py) found
them; these are the same answers on small inputs, with their positions and words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import yaml
from yaml.error import Mark
from yaml.reader import ReaderError
from yaml.scanner import ScannerError

from explorer.checks.diagnostics import Diagnostic
from explorer.reading import screen, yaml_text
from explorer.reading.located import Limits, Mapping, ReadResult, Scalar, Sequence, Value
from explorer.reading.yaml_quirks import NESTING, parser_limit
from explorer.reading.yamlread import read_bytes
from tests.test_fastread import CREWS, assert_agrees, fast, strict

PARSERS = ("CSafeLoader", "SafeLoader")


@contextmanager
def parser(name: str) -> Iterator[None]:
    """Read with libyaml or with the pure-Python parser."""
    saved = yaml_text.LOADER
    yaml_text.LOADER = getattr(yaml, name)
    try:
        yield
    finally:
        yaml_text.LOADER = saved


def read_both(data: bytes, limits: Limits | None = None) -> list[ReadResult]:
    results = []
    for name in PARSERS:
        with parser(name):
            results.append(read_bytes(data, "f.yaml", limits or Limits()))
    return results


def plain(value: Value | None) -> Any:
    """A located value as plain data: texts, lists and dicts."""
    if isinstance(value, Scalar):
        return value.value
    if isinstance(value, Sequence):
        return [plain(item) for item in value.items]
    assert isinstance(value, Mapping)
    return {key.value: plain(item) for key, item in value.items}


def the_error(result: ReadResult) -> Diagnostic:
    assert result.value is None and result.diagnostics, result
    return result.diagnostics[-1]


# -- libyaml's limits are ours --------------------------------------------------------------------

MARK = Mark("<unicode string>", 1001, 0, 1001, None, 0)


@pytest.mark.parametrize(
    ("context", "problem", "expected"),
    [
        # PyYAML 6.0.4's libyaml, in flow and in block context.
        ("while increasing flow level", "exceeded maximum nesting depth", NESTING),
        ("while increasing block level", "exceeded maximum nesting depth", NESTING),
        # libyaml's own repository, after 0.2.5.
        (
            "while parsing",
            "Maximum nesting level reached, set with yaml_set_max_nest_level())",
            NESTING,
        ),
        ("while scanning a %YAML directive", "found extremely long version number", "9 digits"),
        # YAML's own rule on implicit keys, not a limit of the parser: an E001.
        ("while scanning a simple key", "could not find expected ':'", None),
        ("while parsing a flow node", "did not find expected node content", None),
    ],
)
def test_the_parsers_limits_are_known_by_their_words(
    context: str, problem: str, expected: str | None
) -> None:
    found = parser_limit(ScannerError(context, MARK, problem, MARK))
    if expected is None or expected == NESTING:
        assert found == expected
    else:
        assert found is not None and expected in found


def test_a_stream_too_long_for_libyaml_is_a_limit() -> None:
    # A reader error, without a mark; unreachable under our 64 MiB, mapped all the same.
    found = parser_limit(ReaderError("<file>", 0, 0, "?", "input is too long"))
    assert found is not None and "longer than the YAML parser can read" in found


DEEP = b"k: " + b"[" * 30_000


@pytest.mark.parametrize(
    "data",
    [DEEP, DEEP + b"]" * 30_000, b"k: " + b"[" * 1_001 + b"\n"],
    ids=["unclosed", "closed", "a-thousand-and-one"],
)
def test_deep_brackets_give_our_e019_at_our_level_on_both_parsers(data: bytes) -> None:
    # libyaml 0.2.5 (PyYAML 6.0.3) had no limit: our count of the events stopped at the 101st
    # level, as the pure-Python parser does. The libyaml of PyYAML 6.0.4 stops at its own 1,000
    # levels, which its scanner reaches ahead of the events on a line of '['; the loader reads
    # the text up to there again and stops at the same level in the same words.
    c, python = (the_error(result) for result in read_both(data))
    assert c == python
    # The root mapping is the first level: the 100th '[' (column 3 + 100) is the 101st.
    assert (c.code, c.line, c.column) == ("E019", 1, 3 + 100)
    assert c.message == "the YAML is nested more than 100 levels deep"
    assert fast(data, Limits()) is None  # the fast road never composes it


def test_a_depth_limit_past_libyaml_s_own_is_reported_as_libyaml_s() -> None:
    data = b"k: " + b"[" * 2_000 + b"x" + b"]" * 2_000 + b"\n"
    limits = Limits(depth=5_000)
    c, python = read_both(data, limits)
    assert python.value is not None  # no limit of its own
    if c.value is None:  # a libyaml with a limit on nesting: ours in E019's words
        error = the_error(c)
        assert (error.code, error.line) == ("E019", 1)
        assert "nested too deep for the YAML parser" in error.message
        assert "the limit is 5000 levels" in error.message


def test_a_long_yaml_version_number_is_refused_on_both_parsers_alike() -> None:
    # libyaml refuses it ("found extremely long version number"); the pure-Python parser reads
    # it as 1.1. Both are an E019 at the number.
    data = b"%YAML 1.0000000001\n---\nk: v\n"
    c, python = (the_error(result) for result in read_both(data))
    assert c == python
    assert (c.code, c.line, c.column) == ("E019", 1, 9)
    assert "9 digits" in c.message


# -- the end of the file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # YAML reads the end of the input as a line break; libyaml and PyYAML dropped the line.
        (b"foo: |\n  x\n   ", {"foo": "x\n \n"}),
        (b"- |+\n   ", ["\n"]),
        (b"foo: |\n  x", {"foo": "x\n"}),
        (b"foo: |-\n  x", {"foo": "x"}),
        (b"foo: x", {"foo": "x"}),
        (b"foo: 'x'", {"foo": "x"}),
    ],
)
def test_a_missing_final_line_break_reads_as_if_it_were_there(data: bytes, expected: Any) -> None:
    for result in read_both(data):
        assert result.diagnostics == ()
        assert plain(result.value) == expected
        assert plain(read_bytes(data + b"\n", "f.yaml").value) == expected


def test_both_roads_read_a_tree_file_without_its_final_line_break_alike() -> None:
    data = CREWS.rstrip(b"\n")
    assert not data.endswith(b"\n")
    assert assert_agrees(data) is not None
    folded = CREWS.replace(
        b"claim: The closure forces the crews to choose between moving and staying.\n",
        b"claim: >\n  The closure forces the crews\n",
    )
    assert folded != CREWS
    assert assert_agrees(folded) is not None


# -- what libyaml takes and YAML does not ----------------------------------------------------------

COMMENT = "a comment needs white space before its '#'"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('key: "value"# note\n', 1, 13, COMMENT),
        ("key: 'value'# note\n", 1, 13, COMMENT),
        ("k: [a, b]# note\n", 1, 10, COMMENT),
        ("k: {a: b}# note\n", 1, 10, COMMENT),
        ("k: [a,# note\n  b]\n", 1, 7, COMMENT),
        ("k: >#note\n  x\n", 1, 5, COMMENT),
        ("k: |-#note\n  x\n", 1, 6, COMMENT),
        ("%YAML 1.1#note\n---\nk: v\n", 1, 10, COMMENT),
        ("k: [?x]\n", 1, 5, "reads as the text '?x' in YAML but as a key"),
        ("k: {?x: y}\n", 1, 5, "reads as the text '?x' in YAML but as a key"),
        ("k: [-]\n", 1, 5, "a lone '-' in a flow collection"),
        ("k: [a, -]\n", 1, 8, "a lone '-' in a flow collection"),
        ("k: {-: x}\n", 1, 5, "a lone '-' in a flow collection"),
    ],
)
def test_what_libyaml_takes_and_yaml_does_not_is_refused_where_it_is(
    text: str, line: int, column: int, words: str
) -> None:
    for name, result in zip(PARSERS, read_both(text.encode()), strict=True):
        error = the_error(result)
        assert (error.code, error.line, error.column) == ("E001", line, column), error
        # The pure-Python parser refuses a few of these itself, in its own words.
        assert words in error.message or name == "SafeLoader", error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('k: "a#b"\n', {"k": "a#b"}),
        ("k: a#b\n", {"k": "a#b"}),
        ("k: [a#b, c]\n", {"k": ["a#b", "c"]}),
        ("k: x # a#b\n", {"k": "x"}),
        ("# one\n#two\nk: v\n", {"k": "v"}),
        ("url: http://x.org/?a=b#part\n", {"url": "http://x.org/?a=b#part"}),
        ('q: "Will it?" # asked\n', {"q": "Will it?"}),
        ("q: what ?then\n", {"q": "what ?then"}),
        ("k: >\n  x #not a comment\n", {"k": "x #not a comment\n"}),
        ("k: [? x]\n", {"k": [{"x": ""}]}),
        ("k: [-1, -x]\n", {"k": ["-1", "-x"]}),
        ("k: '-'\n", {"k": "-"}),
    ],
)
def test_what_only_looks_like_it_reads_on_both_parsers(text: str, expected: Any) -> None:
    for result in read_both(text.encode()):
        assert result.diagnostics == ()
        assert plain(result.value) == expected


@pytest.mark.parametrize(
    "snippet",
    ["tags: [jobs]# note\n", "tags: [jobs, -]\n", "tags: [?jobs]\n", 'tags: ["jobs"]#\n'],
)
def test_the_fast_road_leaves_them_to_the_strict_one(snippet: str) -> None:
    data = CREWS.replace(b"tags: [jobs]\n", snippet.encode(), 1)
    assert data != CREWS
    if "-" not in snippet:  # the token checks hold it back before libyaml composes
        assert screen.compose(data, data.decode()) is None
    assert fast(data, Limits()) is None
    assert any(" E001: " in line for line in strict(data, Limits())[1])


# -- tabs on blank lines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("foo: 1\n\t\nbar: 2\n", {"foo": "1", "bar": "2"}),
        ("foo: 1\n  \t \nbar: 2\n", {"foo": "1", "bar": "2"}),
        ("foo: 1\r\n\t\r\nbar: 2\r\n", {"foo": "1", "bar": "2"}),
        ("foo:\n  a: 1\n\t\n  b: 2\n", {"foo": {"a": "1", "b": "2"}}),
        ("foo: 1\n\t# a note\nbar: 2\n", {"foo": "1", "bar": "2"}),
        ("- [\n\t\n a\n ]\n", [["a"]]),
        ('k: "a\n\t\n b"\n', {"k": "a\nb"}),
        ("k: a\n  b\n\t\n  c\n", {"k": "a b\nc"}),
        # In a block scalar white space is text: a tab after the indentation stays.
        ("a: |\n  x\n  \t\n  y\n", {"a": "x\n\t\ny\n"}),
        # Before it, after the last line, the tab ends the scalar, whose last blank lines go.
        ("a: |\n  x\n\t\nb: 1\n", {"a": "x\n", "b": "1"}),
        ("a: >-\n  x\n  y\n \t\n\t\n", {"a": "x y"}),
    ],
)
def test_a_blank_line_holding_a_tab_reads_as_a_blank_line(text: str, expected: Any) -> None:
    for result in read_both(text.encode()):
        assert result.diagnostics == (), result
        assert plain(result.value) == expected


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: |\n  x\n\t\n  y\n", 3),  # within a block scalar, before its indentation
        ("a: |+\n  x\n\t\nb: 1\n", 3),  # right after one that keeps its last lines
        ("a: |2\n  x\n\t\nb: 1\n", 3),  # or says its indentation
        ("a: |\n  x\n  \t\nb: 1\n\t\n", 5),  # the first tab is text, the second is not
        ("a: |\n \t\n  x\n", 2),  # before a block scalar's first line
    ],
)
def test_a_tab_the_parser_stops_at_in_a_block_scalar_is_named(text: str, line: int) -> None:
    for name, result in zip(PARSERS, read_both(text.encode()), strict=True):
        if result.value is not None:  # the pure-Python parser takes some as text, as YAML does
            assert name == "SafeLoader" and result.diagnostics == ()
            continue
        error = the_error(result)
        assert (error.code, error.line) == ("E001", line), error
        assert "delete the tab" in error.message


def test_a_blank_line_holding_a_tab_reads_the_same_on_both_roads() -> None:
    data = CREWS.replace(b"tags: [jobs]\n", b"tags: [jobs]\n\t\n", 1)
    assert data != CREWS
    node, diagnostics = strict(data, Limits())
    assert diagnostics == [] and node is not None
    assert fast(data, Limits()) in (None, node)


# -- anchors libyaml cannot even read -----------------------------------------------------------


@pytest.mark.parametrize("text", ["- &\U0001f601 unicode anchor\n", 'a: &:@*!$"<foo>: x\n'])
def test_an_anchor_name_the_parser_refuses_is_an_anchor_refused(text: str) -> None:
    for result in read_both(text.encode()):
        error = the_error(result)
        assert (error.code, error.line) == ("E014", 1), error
