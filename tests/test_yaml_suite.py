"""The official YAML test suite (tests/yaml_suite) through the loader: both roads, both parsers.

Every case goes through the strict reader (`yamlread.read_bytes`) and the fast road (libyaml's
composer and the walk of `explorer.reading.fastread`), once on libyaml (the C parser) and once on
the
pure-Python parser PyYAML falls back to without it, each in a child process with a time-out (many
cases per child). Whatever the input: no exception, crash or hang, and every refusal is a located
diagnostic with a sentence. Then, per case:

- an invalid input (the suite's `error` marker) is refused, with any code;
- a valid input is read as the data its `test.event` describes (the structure, and every scalar
  as the text written and whether it was plain), or refused with a code that says why on purpose:
  E014 anchors, aliases and tags, E020 no document or several, E003 a key that is not text, E006
  a key twice, E002 a forbidden character, E019 a limit;
- both parsers give the same outcome;
- the fast road answers only where the strict reader reads the same value without a word.

Where libyaml (or the pure-Python parser) is itself wrong, the case is listed in `KNOWN`, with
what happens and why we accept it. The table is exact: a case that behaves otherwise fails,
including one that starts behaving right (then it leaves the table). The cases, the oracle and
the child processes are in tests/yaml_suite_runner.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from tests.yaml_suite_runner import (
    PARSERS,
    Case,
    expected,
    limits_reasons,
    run_children,
    suite_cases,
)

# -- the verdict -----------------------------------------------------------------------------


def what_happens(outcomes: dict[str, str]) -> str:
    c, python = outcomes["C"], outcomes["Python"]
    return c if c == python else f"C {c}, Python {python}"


def agree(outcomes: dict[str, str]) -> bool:
    """The same data, or both refused (a code apart is a message apart, not a misreading)."""
    c, python = outcomes["C"], outcomes["Python"]
    return c == python or (c.startswith("E") and python.startswith("E"))


def is_right(case: Case, outcome: str) -> bool:
    """An invalid input refused; a valid one read as the same data, or refused on purpose."""
    if not case.valid or outcome == "read":
        return outcome.startswith("E") or outcome == "read"
    if not outcome.startswith("E"):
        return False
    oracle = expected((case.folder / "test.event").read_text(encoding="utf-8"))
    reasons = set(oracle.reasons)
    for document in oracle.documents:
        reasons |= limits_reasons(document)
    from explorer.reading.yaml_text import decode

    if decode(case.data, "in.yaml")[1] is not None:
        reasons.add("E002")
    return set(outcome.split("+")) <= reasons


# Where libyaml or the pure-Python parser is wrong, and why the loader lets it be. Each row: the
# case, what happens ("E001": both parsers refuse it so; "C read, Python E001": they differ), and
# why we accept it. Exact: a case that behaves otherwise fails the test, one that comes right too.
EMPTY_KEY = "an empty key in a block mapping (': x'): YAML 1.1 parsers take none; no field is empty"
KEY_LINES = "a flow mapping's key over two lines, or its ':' on the next line: YAML 1.1 wants one"
FLOW_COLON = "':' starting a text or an empty key in a flow collection: YAML 1.1 parsers refuse it"
TABS = "a tab as separation after '-', ':' or before a line's first token: YAML 1.1 wants spaces"
BLOCK_TABS = "a tab leading a block scalar's text: libyaml refuses it, PyYAML reads YAML 1.2's text"
PYTHON_TABS = "a tab between tokens on a line: the pure-Python scanner wants spaces, libyaml not"
DIRECTIVE = (
    "a directive libyaml refuses (unknown, or %YAML 1.3) and PyYAML ignores; a file needs none"
)
AFTER_END = "a document after '...' with no '---': libyaml wants one; one document per file anyway"
ONLY_END = "a file of only '...': the parsers want a node (E001 where E020 would be ours)"
COLUMN_0 = (
    "a top-level block scalar's text at column 0: libyaml ends it; a scenario file is a mapping"
)
QUESTION = (
    "'?x' in a flow collection: YAML 1.2's text, libyaml's key: refused, never read otherwise"
)
UNDER_INDENTED = (
    "a flow collection's or a quoted text's next line indented no deeper than its mapping: YAML "
    "wants it deeper, the parsers do not look; the text read is the text written"
)
KNOWN: dict[str, tuple[str, str]] = {
    "2JQS": ("E001", EMPTY_KEY),
    "M2N8/00": ("E001", EMPTY_KEY),
    "NHX8": ("E001", EMPTY_KEY),
    "NKF9": ("E001", EMPTY_KEY),
    "S3PD": ("E001", EMPTY_KEY),
    "SM9W/01": ("E001", EMPTY_KEY),
    "UKK6/00": ("E001", EMPTY_KEY),
    "4MUZ/00": ("E001", KEY_LINES),
    "4MUZ/01": ("E001", KEY_LINES),
    "4MUZ/02": ("E001", KEY_LINES),
    "5MUD": ("E001", KEY_LINES),
    "9SA2": ("E001", KEY_LINES),
    "K3WX": ("E001", KEY_LINES),
    "NJ66": ("E001", KEY_LINES),
    "UT92": ("E001", KEY_LINES),
    "VJP3/01": ("E001", KEY_LINES),
    "58MP": ("E001", FLOW_COLON),
    "5T43": ("E001", FLOW_COLON),
    "CFD4": ("E001", FLOW_COLON),
    "DBG4": ("E001", FLOW_COLON),
    "FRK4": ("E001", FLOW_COLON),
    "HM87/00": ("E001", FLOW_COLON),
    "4ABK": ("C E001, Python read", "'omitted value:,' in a flow mapping: " + FLOW_COLON),
    "6BCT": ("E001", TABS),
    "6CA3": ("E001", TABS),
    "A2M4": ("E001", TABS),
    "DK95/00": ("E001", TABS),
    "Q5MG": ("E001", TABS),
    "Y79Y/010": ("E001", TABS),
    "96NN/00": ("C E001, Python read", BLOCK_TABS),
    "96NN/01": ("C E001, Python read", BLOCK_TABS),
    "R4YG": ("C E001, Python read", BLOCK_TABS),
    "Y79Y/001": ("C E001, Python read", BLOCK_TABS),
    "6HB6": ("C read, Python E001", PYTHON_TABS),
    "DC7X": ("C read, Python E001", PYTHON_TABS),
    "HS5T": ("C read, Python E001", PYTHON_TABS),
    "J3BT": ("C read, Python E001", PYTHON_TABS),
    "K54U": ("C read, Python E001", PYTHON_TABS),
    "UV7Q": ("C read, Python E001", PYTHON_TABS),
    "MUS6/03": ("C E020, Python E001", PYTHON_TABS + " (in a %YAML directive)"),
    "JR7V": ("C read, Python E001", "'[a?string]': the pure-Python scanner refuses the '?'"),
    "2LFX": ("C E001, Python read", DIRECTIVE),
    "6LVF": ("C E001, Python read", DIRECTIVE),
    "BEC7": ("C E001, Python read", DIRECTIVE),
    "MUS6/05": ("C E001, Python E020", DIRECTIVE),
    "MUS6/06": ("C E001, Python E020", DIRECTIVE),
    "W4TN": ("E001", "'%' at column 0 in a block scalar reads as a directive; two documents too"),
    "7Z25": ("E001", AFTER_END),
    "M7A3": ("E001", AFTER_END),
    "HWV9": ("E001", ONLY_END),
    "QT73": ("E001", ONLY_END),
    "DK3J": ("E001", COLUMN_0),
    "FP8R": ("E001", COLUMN_0),
    "652Z": ("E001", QUESTION),
    "HM87/01": ("E001", QUESTION),
    # Invalid inputs read: at most five.
    "9C9N": ("accepted", UNDER_INDENTED),
    "DK95/01": ("accepted", UNDER_INDENTED + " (a tab before the next line of a quoted text)"),
    "QB6E": ("accepted", UNDER_INDENTED),
    "Y79Y/003": (
        "C accepted, Python E001",
        UNDER_INDENTED + " (a tab before it: the pure-Python scanner refuses that)",
    ),
    "S98Z": (
        "accepted",
        "a block scalar's blank first lines hold more spaces than its text: the parsers read it "
        "as empty",
    ),
}


def tally(cases: list[Case], results: dict[str, dict[str, dict[str, Any]]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for case in cases:
        outcomes = {parser: results[parser][case.id]["outcome"] for parser in PARSERS}
        for parser, outcome in outcomes.items():
            if not case.valid and outcome == "accepted":
                counts[f"invalid accepted ({parser})"] += 1
            elif case.valid and outcome == "misread":
                counts[f"valid misread ({parser})"] += 1
            elif case.valid and not is_right(case, outcome):
                counts[f"valid refused {outcome} ({parser})"] += 1
        if not agree(outcomes):
            counts["C and Python disagree"] += 1
    return counts


def verdicts(cases: list[Case], results: dict[str, dict[str, dict[str, Any]]]) -> Iterator[str]:
    """Every way the suite's outcome differs from what is right or from the table."""
    for case in cases:
        outcomes = {parser: results[parser][case.id]["outcome"] for parser in PARSERS}
        for parser in PARSERS:
            for problem in results[parser][case.id]["problems"]:
                yield f"{case.id} ({parser}): {problem}"
        happens = what_happens(outcomes)
        right = agree(outcomes) and all(is_right(case, outcome) for outcome in outcomes.values())
        known = KNOWN.get(case.id)
        if known is None and not right:
            valid = "valid" if case.valid else "invalid"
            first = {str(results[parser][case.id].get("first", "")) for parser in PARSERS}
            yield f"{case.id} ({valid}, {case.name}): {happens} {sorted(first - {''})}"
        elif known is not None and right:
            yield f"{case.id}: now right ({happens}); remove it from KNOWN"
        elif known is not None and known[0] != happens:
            yield f"{case.id}: {happens}, where KNOWN says {known[0]}"


def test_the_yaml_test_suite() -> None:
    cases = suite_cases()
    assert len(cases) == 402
    results = run_children(cases)
    counts = tally(cases, results)
    print("\nyaml test suite:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    wrong = list(verdicts(cases, results))
    assert not wrong, "\n".join(wrong)
    assert set(KNOWN) <= {case.id for case in cases}
    # The goals, as the table already holds them: nothing valid read as other data, and at most
    # five invalid inputs read, on either parser.
    for parser in PARSERS:
        assert counts[f"valid misread ({parser})"] == 0
        assert counts[f"invalid accepted ({parser})"] <= 5
