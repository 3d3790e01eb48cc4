"""The loader's own answers where the YAML parsers differ from YAML, or from each other.

Each answer holds on both parsers (libyaml, and the pure-Python one PyYAML falls back to) and on
both roads (the strict reader, and the fast one for clean tree files): libyaml's limits reported
as ours (E019, located where ours would be).
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

import explorer.yamlread as yamlread
from explorer.diagnostics import Diagnostic
from explorer.yamlread import (
    NESTING,
    Limits,
    Mapping,
    ReadResult,
    Scalar,
    Sequence,
    Value,
    parser_limit,
    read_bytes,
)
from tests.test_fastread import fast

PARSERS = ("CSafeLoader", "SafeLoader")


@contextmanager
def parser(name: str) -> Iterator[None]:
    """Read with libyaml or with the pure-Python parser."""
    saved = yamlread._Loader
    yamlread._Loader = getattr(yaml, name)
    try:
        yield
    finally:
        yamlread._Loader = saved


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
