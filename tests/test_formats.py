"""Exports: every format against its golden file, `-o FILE`, and Markdown's escaping properties
(Mermaid and DOT: tests/test_formats_mermaid_dot.py).

The golden files in tests/golden/ are the exports of the fixture corpus tests/fixtures/mini.
After a deliberate change of a format, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/test_formats.py tests/test_show.py
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from explorer.cli import main
from explorer.model import Corpus
from explorer.outputs import markdown as markdown_format
from explorer.outputs.common import one_line
from explorer.outputs.formats import FORMATS, render
from explorer.reading.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_NAMES = {
    "json": "mini.json",
    "markdown": "mini.md",
    "mermaid": "mini.mmd",
    "dot": "mini.dot",
    "html": "mini.html",
    "annotations": "mini.annotations.json",
}

# Text from the YAML that means something in one of the output languages.
HOSTILE_TITLES = {
    "Do the fishing crews leave?": '[bold]x[/italic] [@click=app.quit] "quoted" \\N \\l back\\',
    "Crews move north": "<b>bold</b> & &amp; *not emphasis* _x_ `code` | a ~~b~~ $x$ #35;",
    "Crews stay and fight": "# not a heading [a link](javascript:alert(1)) <https://x.org>",
    "A tourism boom": '1. not a list %%{init: {"theme": "dark"}}%% end',
    "The waterfront stands idle": "- no list\\nline\ntwo; style: fill:#f00; {{x}} (y) [z]",
}


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>, or rewrite it when UPDATE_GOLDEN is set."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.is_file(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites)"


def load(path: Path) -> Corpus:
    result = load_corpus(path)
    assert result.corpus is not None and not result.errors, result.diagnostics
    return result.corpus


@pytest.fixture(name="mini")
def mini_corpus(monkeypatch: pytest.MonkeyPatch) -> Corpus:
    # Display paths (the JSON's "file") are relative to the working folder.
    monkeypatch.chdir(ROOT)
    return load(MINI)


def hostile_copy(folder: Path) -> Path:
    """The mini corpus with titles full of Markdown, Mermaid, DOT and Rich syntax."""
    target = folder / "hostile"
    shutil.copytree(MINI, target)
    for name in ("crews.yaml", "waterfront.yaml"):
        path = target / name
        text = path.read_text(encoding="utf-8")
        for plain, hostile in HOSTILE_TITLES.items():
            # A JSON string is a valid YAML double-quoted scalar.
            text = text.replace(f"title: {plain}\n", f"title: {json.dumps(hostile)}\n")
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(name="hostile")
def hostile_corpus(tmp_path: Path) -> Corpus:
    corpus = load(hostile_copy(tmp_path))
    titles = {node.title for node in corpus.nodes()}
    assert set(HOSTILE_TITLES.values()) <= titles
    return corpus


# -- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("format_name", FORMATS)
def test_export_matches_golden_file(format_name: str, mini: Corpus) -> None:
    check_golden(GOLDEN_NAMES[format_name], render(format_name, mini))


@pytest.mark.parametrize("format_name", FORMATS)
def test_cli_export_prints_the_same(
    format_name: str, mini: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(MINI), "--format", format_name]) == 0
    assert capsys.readouterr().out == render(format_name, mini)


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(MINI), "--format", "xml"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown export format"):
        render("xml", load(MINI))


# -- -o FILE ---------------------------------------------------------------------------------


def test_output_file_is_written_and_stdout_stays_empty(
    tmp_path: Path, mini: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("old\n")
    target.chmod(0o640)
    assert main(["export", str(MINI), "--format", "markdown", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == render("markdown", mini)
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_output_dash_is_stdout(mini: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(MINI), "--format", "dot", "-o", "-"]) == 0
    assert capsys.readouterr().out == render("dot", mini)


def test_unwritable_output_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "x.json"
    assert main(["export", str(MINI), "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"explorer: cannot write {target}: No such file or directory\n"


def test_output_onto_a_folder_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(MINI), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"explorer: cannot write {tmp_path}: ") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_export_of_a_corpus_with_errors_writes_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    crews = folder / "crews.yaml"
    crews.write_text(crews.read_text().replace("source: gazette", "source: gazete", 1))
    assert main(["export", str(folder), "--format", "markdown"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("# After the harbour closes\n")
    assert captured.err == "1 error: run 'explorer check' for details\n"


# -- Markdown --------------------------------------------------------------------------------

COMMONMARK = MarkdownIt("commonmark")


def inline_children(source: str) -> list[Token]:
    tokens = [t for t in COMMONMARK.parse(source) if t.type == "inline"]
    assert len(tokens) == 1, source
    # markdown-it leaves empty text tokens where escapes were joined; they show nothing.
    return [c for c in tokens[0].children or [] if c.type != "text" or c.content]


def plain(children: list[Token]) -> str:
    """The text of inline tokens that must all be plain text."""
    kinds = {child.type for child in children}
    assert kinds <= {"text"}, f"markup in the output: {kinds}"
    return "".join(child.content for child in children)


def markdown_texts() -> st.SearchStrategy[str]:
    specials = st.sampled_from([*"\\`*_[]<>#|~$&!-+=.)(:;0123456789 \n\t\"'", "&amp;", "&#35;"])
    return st.lists(
        st.one_of(specials, st.characters(blacklist_categories=("Cs", "Cc"))), max_size=30
    ).map("".join)


@given(markdown_texts())
def test_markdown_inline_shows_exactly_the_text(text: str) -> None:
    expected = one_line(text)
    escaped = markdown_format.inline(text)
    if not expected:
        assert escaped == "" and COMMONMARK.parse(escaped) == []
        return
    for source, block in (
        (escaped, "paragraph_open"),
        (f"## 1.2 {escaped}", "heading_open"),
        (f"> {escaped}", "blockquote_open"),
        (f"- {escaped}", "bullet_list_open"),
    ):
        assert COMMONMARK.parse(source)[0].type == block, source
        prefix = "1.2 " if block == "heading_open" else ""
        assert plain(inline_children(source)) == prefix + expected, source
    # Inside strong emphasis, as the by-person list and the source titles use it.
    children = inline_children(f"- **{escaped}** (1.1)")
    assert [children[0].type, children[-2].type] == ["strong_open", "strong_close"]
    assert plain(children[1:-2]) == expected
    assert plain(children[-1:]) == " (1.1)"


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))
def test_markdown_code_span_holds_any_text(text: str) -> None:
    source = markdown_format.code(text)
    (paragraph,) = [t for t in COMMONMARK.parse(source) if t.type == "inline"]
    children = paragraph.children or []
    if one_line(text):
        assert [c.type for c in children] == ["code_inline"]
        assert children[0].content == one_line(text)


def test_markdown_of_hostile_titles_has_no_markup_from_the_yaml(hostile: Corpus) -> None:
    brief = render("markdown", hostile)
    tokens = COMMONMARK.parse(brief)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {"html_block", "html_inline", "image", "ordered_list_open", "fence"}
    links = [c for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert links == []  # the fixture's sources have no url; every [..](..) in a title is text
    headings = [t for t in tokens if t.type == "heading_open"]
    # Title, trigger, 7 nodes, By person, 3 voices, Sources: no heading comes from a title.
    assert len(headings) == 1 + 1 + 7 + 1 + 3 + 1
    text = "".join(c.content for t in tokens for c in t.children or [] if c.type == "text")
    for title in HOSTILE_TITLES.values():
        assert one_line(title) in text


def test_markdown_links_only_web_addresses() -> None:
    assert markdown_format.markdown_url("https://example.com/a_b") == "<https://example.com/a_b>"
    assert markdown_format.markdown_url("javascript:alert(1)") == "javascript:alert(1)"
    assert markdown_format.markdown_url("https://x.org/<b>") == "https://x.org/\\<b\\>"


def test_markdown_brief_of_the_bundled_corpus_has_every_node_and_voice() -> None:
    corpus = load(ROOT / "scenarios")
    brief = render("markdown", corpus)
    index_nodes = list(corpus.nodes())
    assert len(index_nodes) == 59
    for node in index_nodes:
        assert f"`{node.id}`" in brief
    assert brief.count("\n> — ") == sum(len(n.citations) for n in index_nodes) == 134
    assert "## By person" in brief and "### Stephen Hadley (SH)" in brief
