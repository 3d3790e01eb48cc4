"""The README's tables describe what the code does: they are checked against it."""

from __future__ import annotations

import re
from pathlib import Path

from explorer.analysis.likelihood import BANDS, HEDGE_WORDS, POSSIBLE
from explorer.checks.diagnostics import RULES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_documented_with_its_severity() -> None:
    rows = re.findall(r"^\| ([EW]\d{3}) \| (error|warning) \|", README, flags=re.MULTILINE)
    assert dict(rows) == {code: rule.severity.value for code, rule in RULES.items()}


def test_hedge_word_table_matches_the_code() -> None:
    for band in (*BANDS, POSSIBLE):
        row = re.search(rf"^\| {re.escape(band.name)} \| ([^|]*) \| (.*) \|$", README, re.M)
        assert row is not None, band.name
        if band.has_probability:
            assert row.group(1) == f"{band.low}–{band.high} %"
        else:
            assert row.group(1) == "—"
        documented = set(re.findall(r"`([^`]+)`", row.group(2)))
        assert documented == {word for word, b in HEDGE_WORDS.items() if b == band}


def test_readme_commands_are_the_ones_ci_runs() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    for marker in ("install-command", "test-command"):
        assert f"<!-- {marker} -->" in README
        assert f"readme_command {marker}" in ci


# How the README's key table writes a key that Textual names otherwise.
KEY_SHOWN = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "alt+left": "alt+←",
    "alt+right": "alt+→",
    "enter": "Enter",
    "space": "Space",
}


def test_every_key_of_the_main_screen_is_in_the_readme_key_table() -> None:
    from textual.binding import Binding

    from explorer.tui.app import ExplorerApp
    from explorer.tui.screens.main import MainScreen
    from explorer.tui.widgets.scenario_tree import ScenarioTree
    from explorer.tui.widgets.split import SplitBody

    table = README.split("| key | what it does |", 1)[1].split("\n\n", 1)[0]
    documented: set[str] = set()
    for row in table.splitlines()[2:]:
        first = row.split("|")[1]
        documented.update(re.findall(r"`([^`]+)`", first))
        for low, high in re.findall(r"`(\d)`–`(\d)`", first):
            documented.update(str(n) for n in range(int(low), int(high) + 1))
    bindings: list[Binding] = [  # those each class declares (not Textual's own, inherited)
        binding
        for cls in (ExplorerApp, MainScreen, ScenarioTree, SplitBody)
        for binding in Binding.make_bindings(cls.__dict__["BINDINGS"])
    ]
    keys = {KEY_SHOWN.get(key, key) for b in bindings for key in b.key.split(",")}
    assert keys - documented == set()
    assert len(keys) > 25
