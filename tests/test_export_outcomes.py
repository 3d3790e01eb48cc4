"""What became of the nodes, in the exports: the Markdown brief ends each node with its outcome
and evidence; the README's JSON contract names every key the export writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from explorer.analysis.hindsight import OutcomeMark
from explorer.model import QuoteEvidence
from explorer.outputs.export import to_json
from explorer.outputs.formats import render
from explorer.outputs.markdown import SUMMARY_LABEL, inline
from tests.test_formats import check_golden, load

ROOT = Path(__file__).resolve().parent.parent
OUTCOMES = ROOT / "tests" / "fixtures" / "outcomes"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _facts(section: str) -> str:
    """A node's section: its title, a blank line, then the line of facts naming its id."""
    parts = section.split("\n\n")
    return parts[1] if len(parts) > 1 else ""


def test_the_brief_gives_each_nodes_outcome_and_evidence() -> None:
    corpus = load(OUTCOMES)
    brief = render("markdown", corpus)
    with_outcome = [n for n in corpus.trigger.walk() if n.outcome is not None]
    assert with_outcome
    sections = re.split(r"^#+ ", brief, flags=re.MULTILINE)
    for node in with_outcome:
        assert node.outcome is not None
        (section,) = [s for s in sections if f"* · `{node.id}`" in _facts(s)]
        meaning = OutcomeMark.of_status(node.outcome.status).meaning
        assert f"**Outcome:** {meaning}" in section, node.id
        assert f"(as of {node.outcome.as_of})" in section
        for evidence in node.outcome.evidence:
            if isinstance(evidence, QuoteEvidence):
                assert f"“{inline(evidence.quote)}”" in section
            else:
                assert f"{SUMMARY_LABEL}: {inline(evidence.summary)}" in section
    check_golden("outcomes.md", brief)


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_the_readme_json_contract_names_every_key_the_export_writes() -> None:
    contract = README.split("## JSON export", 1)[1].split("```", 2)[1]
    named = set(re.findall(r'"([a-z_]+)"', contract))
    written = _keys(json.loads(to_json(load(OUTCOMES))))
    assert {"references", "outcome", "evidence", "summary"} <= written
    assert written <= named, sorted(written - named)
