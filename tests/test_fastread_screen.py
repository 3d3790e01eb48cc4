"""The screen in front of libyaml's composer (`explorer.reading.screen`): deep input never reaches
the composer, and what the screen admits nests within the bound it promises.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from explorer.reading import screen


@pytest.mark.parametrize(
    "data",
    [
        b"k: " + b"[" * 1_000_000 + b"]" * 1_000_000,
        b"k: " + b"{a: " * 300_000 + b"}" * 300_000,
        b"- " * 500_000 + b"x",
        b"".join(b" " * i + b"k:\n" for i in range(2_000)),
        b"".join(b" " * i + b"- '\\n'\n" for i in range(0, 4_000, 2)),
        b'k: ["]", ["]", ["]", ["]", []]]]]',
    ],
    ids=["flow-seq", "flow-map", "compact-seq", "block-map", "quoted-seq", "hidden-closers"],
)
def test_deep_input_never_reaches_the_composer(data: bytes) -> None:
    assert not screen.admitted(data)
    assert screen.compose(data, data.decode()) is None


def depth_of(root: yaml.Node) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return deepest


@st.composite
def nested_yaml(draw: st.DrawFn) -> bytes:
    """Nesting made of the pieces the screen reasons about: indentation, dashes, `?` and `:`,
    flow brackets, quotes and comments that might hide a closer."""
    pieces = st.sampled_from(
        ["- ", "? ", ": ", "  ", " ", "k:", "k: ", "\n", "[", "]", "{", "}", ", ", "'", '"', "#"]
    )
    parts = draw(st.lists(pieces, max_size=300))
    return ("".join(parts) + draw(st.sampled_from(["x", "k: v", "- x", ""]))).encode()


BOUND = 2 * (screen.MAX_PREFIX + 2) + 1


@given(nested_yaml())
def test_what_the_screen_admits_nests_within_its_bound(data: bytes) -> None:
    if screen.admitted(data):
        root = screen.compose(data, data.decode())
        if root is not None:
            assert depth_of(root) <= BOUND


@pytest.mark.parametrize("depth", [60, 119])
def test_the_bound_holds_for_the_deepest_admitted_shapes(depth: int) -> None:
    # One more level per column: compact sequences, and mappings indented by one space.
    for data in (
        b"- " * (screen.MAX_PREFIX // 2) + b"x",
        b"".join(b" " * i + b"k:\n" for i in range(depth)) + b" " * depth + b"v\n",
    ):
        assert screen.admitted(data)
        root = screen.compose(data, data.decode())
        assert root is not None and depth_of(root) <= BOUND
