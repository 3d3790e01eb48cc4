"""Coverage-guided fuzzing of the YAML reader and the model builder with atheris (libFuzzer).

Not collected by pytest (the name does not start with `test_`) and atheris is not a project
dependency. From the repository root, one command:

    pip install atheris && python tests/fuzz_loader.py -atheris_runs=100000

Without a corpus folder on the command line, new inputs go to a fresh temporary folder and the
files in tests/hostile/ are the seeds (they are only read). Any libFuzzer option works, e.g.
`-max_total_time=600` or `-max_len=4096`; a folder given first receives the new inputs. An input
that makes the reader or the builder raise, or break an invariant below, stops the run and is
saved as `crash-<hash>`; replay it with `python tests/fuzz_loader.py crash-<hash>`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

with atheris.instrument_imports():
    import yaml

    import explorer.reading.yaml_text as yaml_text
    from explorer.checks.diagnostics import RULES
    from explorer.reading.build import FileBuilder
    from explorer.reading.located import Limits, Mapping, Scalar, Sequence
    from explorer.reading.yamlread import read_bytes

# Small limits reach the limit paths with small inputs; the defaults are exercised too.
LIMITS = (Limits(), Limits(file_bytes=2_000, depth=8, scalar_chars=64, values=200))
LOADERS = (yaml.CSafeLoader, yaml.SafeLoader)  # libyaml, and the pure-Python twin


def check(data: bytes, limits: Limits) -> None:
    result = read_bytes(data, "fuzz.yaml", limits)
    for diagnostic in result.diagnostics:
        assert diagnostic.code in RULES, diagnostic
        assert diagnostic.message
    if result.value is None:
        assert any(d.is_error for d in result.diagnostics), result
        return
    stack: list[tuple[object, int]] = [(result.value, 1)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if isinstance(value, Scalar):
            assert len(value.value) <= limits.scalar_chars
            assert not yaml_text.FORBIDDEN.search(value.value)
            assert not yaml_text.SURROGATE.search(value.value)
        elif isinstance(value, Sequence):
            assert depth <= limits.depth
            stack.extend((item, depth + 1) for item in value.items)
        else:
            assert isinstance(value, Mapping)
            assert depth <= limits.depth
            keys = [key.value for key, _ in value.items]
            assert len(keys) == len(set(keys)), "a duplicate key was kept"
            for key, item in value.items:
                stack.extend(((key, depth + 1), (item, depth + 1)))
    assert count <= limits.values
    # The builder must turn any located tree into records or diagnostics, never an exception.
    builder = FileBuilder("fuzz.yaml")
    builder.node(result.value)
    for diagnostic in builder.diagnostics:
        assert diagnostic.code in RULES, diagnostic


def test_one_input(data: bytes) -> None:
    # The length picks the parser and the limits, so the seeds are read whole and each input
    # meets one of the four pairs (a byte more or less, and the fuzzer meets the others).
    yaml_text.LOADER = LOADERS[len(data) & 1]
    check(data, LIMITS[(len(data) >> 1) & 1])


def main() -> None:
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv += [tempfile.mkdtemp(prefix="fuzz-loader-"), str(REPO / "tests" / "hostile")]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
