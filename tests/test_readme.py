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
