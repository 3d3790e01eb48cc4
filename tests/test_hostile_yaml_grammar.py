"""Hypothesis properties of `explorer.reading.yamlread.read_bytes`, driven with YAML built from a
grammar of hostile constructs (no child process: each example costs microseconds), and the
fuzzer's seed inputs in tests/hostile read the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from explorer.checks.diagnostics import RULES
from explorer.reading import yaml_text
from explorer.reading.located import Limits, Scalar, Sequence
from explorer.reading.located import Mapping as YMapping
from explorer.reading.yamlread import read_bytes

HOSTILE = Path(__file__).resolve().parent / "hostile"


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
