"""Citations as text to paste (`explorer show --node ID --cite`, and `y` in the explorer): the
quote, who, the source's title, outlet, date and address, one citation a line."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from explorer.analysis.queries import CorpusIndex
from explorer.cli import main
from explorer.model import date_text
from explorer.outputs.citations import citation_text, citations_text
from explorer.outputs.common import one_line
from explorer.reading.load import load_corpus
from tests.strategies import corpora, write_corpus

MINI = Path(__file__).parent / "fixtures" / "mini"


def index_of(path: Path) -> CorpusIndex:
    result = load_corpus(path)
    assert result.index is not None
    return result.index


def test_a_citation_reads_quote_who_title_outlet_date() -> None:
    index = index_of(MINI)
    gazette, ledger = index.nodes["crews-move"].citations
    assert citation_text(gazette, index) == (
        "“Fishing crews will almost certainly move north within a year” — Ada Gale, "
        "“The harbour closes”, The Harbour Gazette, 2021-03-02"
    )
    # An outlet whose author is not named says so; a month-only date stays as written.
    assert citation_text(ledger, index) == (
        "“The crews are unlikely to leave” — Ledger Weekly (author not named), "
        "“A mistake at the harbour”, Ledger Weekly, 2021-03"
    )


@given(corpora())
def test_every_citation_is_one_line_with_every_part(generated: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as name:
        index = index_of(write_corpus(Path(name) / "c", generated))
    for node in index.nodes.values():
        text = citations_text(node.citations, index)
        lines = text.splitlines()
        assert len(lines) == len(node.citations) and text.endswith("\n")
        for line, citation in zip(lines, node.citations, strict=True):
            source = index.sources[citation.source]
            assert line.startswith(f"“{one_line(citation.quote)}” — {index.credit(citation)}, ")
            for part in (one_line(source.title), one_line(source.outlet)):
                assert part in line
            assert date_text(source.published) in line
            if source.url:
                assert line.endswith(f", {source.url}")


def test_show_cite_prints_the_nodes_citations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(MINI), "--node", "crews-move", "--cite"]) == 0
    index = index_of(MINI)
    assert capsys.readouterr().out == citations_text(index.nodes["crews-move"].citations, index)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--node", "crews-mov", "--cite"], "did you mean 'crews-move'?"),
        (["--cite"], "name it with --node ID"),
    ],
)
def test_show_cite_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(MINI), *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err
