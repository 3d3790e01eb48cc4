"""The `explorer` commands that print views of a corpus: walk, compare, show's citations, new,
scorecard — what they say, and their usage errors (exit 2 with a "did you mean")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.analysis.outcomes import Verdict
from explorer.cli import main

SCORED = {Verdict.HELD.value, Verdict.FAILED.value, Verdict.EVEN.value}
MINI = Path(__file__).parent / "fixtures" / "mini"


def test_walk_json_says_who_argued_against_a_step(capsys: pytest.CaptureFixture[str]) -> None:
    """The Ledger doubts 'Crews move north': its position there is 'against', not null."""
    assert main(["walk", str(MINI), "--through", "boatyards-follow", "--format", "json"]) == 0
    walk = json.loads(capsys.readouterr().out)
    ledger = walk["positions_by_voice"]["source:ledger"]
    assert ledger[2] == {"argued": "against", "stance": "doubts", "band": "unlikely (20–45 %)"}
    assert ledger[0] is None and ledger[3] is None
    ada = walk["positions_by_voice"]["ada-gale"]
    assert ada[2] == {"argued": "for", "stance": "predicts", "band": "almost certain (95–99 %)"}


def test_walk_markdown_says_who_argued_against_a_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["walk", str(MINI), "--through", "boatyards-follow"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| Ledger Weekly"))
    assert row.split(" | ")[3] == "against: unlikely (20–45 %)"


def test_walk_on_the_bundled_corpus_keeps_simons_doubt_beside_his_concession(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Steven Simon argues against 'An incident like the killing was almost inevitable' (few
    would have imagined it on Iraqi soil), and concedes that observers took Soleimani's place on
    the US target list for granted: the walk lists him on both sides of the step."""
    assert main(["walk", "--through", "killing-foreseeable", "--format", "json"]) == 0
    step = json.loads(capsys.readouterr().out)["steps"][-1]
    assert ("simon", "doubts") in {(c["voice"], c["stance"]) for c in step["against"]}
    assert ("simon", "explains") in {(c["voice"], c["stance"]) for c in step["for"]}


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["walk", "--through", "us-troops-expeled"], "did you mean 'us-troops-expelled'?"),
        (["walk", "--through", "iraq-vote,us-troops-expeled"], "'us-troops-expelled'"),
        (["new", "node", "--parent", "iran-restrain"], "did you mean 'iran-restrains'?"),
        (["compare", "--tag", "diplomcy"], "did you mean 'diplomacy'?"),
        (["compare", "--tag", "diplomcy", "--format", "json"], "did you mean 'diplomacy'?"),
    ],
)
def test_a_misspelt_name_is_a_usage_error_with_a_suggestion(
    argv: list[str], suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("explorer: ") and suggestion in captured.err
    assert len(captured.err.splitlines()) == 1


def test_compare_with_a_known_tag_still_compares(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--tag", "diplomacy", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["questions"]


def test_scorecard_text_never_calls_an_unscored_forecast_open(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A forecast left out of the score says why ('not scored'); 'open' is only ever an
    outcome's status, never a verdict (the text once said '→ happened: open (… not scored)')."""
    assert main(["scorecard"]) == 0
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    forecasts = [line for line in lines if line.startswith("- ") and " → " in line]
    assert forecasts
    for line in forecasts:
        status, _, verdict = line.rsplit(" → ", 1)[1].partition(": ")
        assert status in {"happened", "did-not-happen", "partly", "open", "moot"}, line
        assert not verdict.startswith("open"), line
        if status == "open":
            assert verdict == "not yet known", line
        elif status == "moot":  # an open outcome whose condition did not happen
            assert verdict.endswith("did not happen: not scored"), line
        else:
            assert verdict in SCORED or verdict.endswith("not scored"), line
    coarse = [line for line in forecasts if "dates too coarse" in line]
    assert coarse and all(line.endswith(": not scored") for line in coarse)
