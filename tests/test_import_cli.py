"""`explorer new source PAGE`: previews without --write, writes the seed and the entry with it;
every Readability page and a served page imported into a skeleton corpus, each cited once,
check clean with --strict; bad input is one sentence, exit 2, nothing written."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from tests.import_pages import (
    READABILITY_PAGES,
    answer,
    readability_html,
    readability_page,
    sentences,
    serve,
)

ROOT = Path(__file__).resolve().parent.parent


def _skeleton(folder: Path) -> Path:
    assert main(["init", "--skeleton", str(folder)]) == 0
    return folder / "scenarios" / "my-scenarios"


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = _skeleton(tmp_path / "mine")
    capsys.readouterr()
    return folder


def test_without_write_it_shows_both_and_where_and_writes_nothing(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(corpus.parent.parent)
    assert main(["new", "source", str(readability_page("aclu")), str(corpus)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# the seed, ") and "seeds/aclu-2018.txt (new, " in out
    assert "#   I don't use Facebook." in out
    # The person's three lines go in above the source entry, which is then on line 34.
    assert "corpus.yaml at line 34:\n  - id: aclu-2018\n" in out
    assert '    title: "Facebook Is Tracking Me Even Though I’m Not on Facebook"\n' in out
    assert "    authors: [daniel-kahn-gillmor]\n" in out
    assert '  - id: daniel-kahn-gillmor\n    name: "Daniel Kahn Gillmor"\n' in out
    assert out.endswith("# nothing written: add --write to write the seed and the entry\n")
    assert _files(corpus.parent.parent) == before


def test_with_write_the_seed_is_the_extracted_text_and_the_corpus_checks(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "source", str(readability_page("wapo-1")), str(corpus), "--write"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote ") and out.endswith("corpus.yaml at line 34\n")
    lines = (corpus / "corpus.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[34 - 1] == "  - id: wp-2015"
    seed = corpus.parent.parent / "seeds" / "wp-2015.txt"
    text = seed.read_text(encoding="utf-8")
    assert text.startswith("CAIRO — Gunmen opened fire on visitors at Tunisia’s most renowned")
    assert "\n\n" in text and "\n\n\n" not in text and text.endswith("\n")
    assert main(["check", str(corpus)]) == 0  # errors none; W102 until it is cited
    # The same page again: a new id, and the seed never over the one already there.
    assert main(["new", "source", str(readability_page("wapo-1")), str(corpus), "--write"]) == 0
    assert (corpus.parent.parent / "seeds" / "wp-2015-2.txt").read_text() == text
    assert "  - id: wp-2015-2\n" in (corpus / "corpus.yaml").read_text()


def test_a_seed_file_that_is_in_the_way_is_never_overwritten(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    in_the_way = corpus.parent.parent / "seeds" / "cnet-2017.txt"
    in_the_way.write_text("someone else's text\n")
    assert main(["new", "source", str(readability_page("cnet")), str(corpus), "--write"]) == 0
    assert in_the_way.read_text() == "someone else's text\n"
    assert 'seed: "cnet-2017-2.txt"' in (corpus / "corpus.yaml").read_text()


def test_a_file_already_in_the_seeds_folder_still_gets_the_skeleton(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "source", "example.txt", str(corpus)]) == 0
    assert "  title: Title of the document\n" in capsys.readouterr().out


def test_a_text_file_is_copied_as_it_is_with_warnings_for_what_it_cannot_say(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("First paragraph of the piece.\n\nSecond paragraph, with more words.\n")
    assert main(["new", "source", str(text), str(corpus), "--write", "--id", "notes"]) == 0
    err = capsys.readouterr().err
    assert "warning: a text file carries no metadata" in err
    assert (corpus.parent.parent / "seeds" / "notes.txt").read_bytes() == text.read_bytes()
    entry = (corpus / "corpus.yaml").read_text()
    assert '    title: ""  # not given by the page: fill in\n' in entry


def test_the_bundled_corpus_is_read_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from explorer.reading import bundled

    monkeypatch.setattr(bundled, "is_read_only", lambda path: True)
    before = _files(ROOT / "seeds")
    page = str(readability_page("cnet"))
    assert main(["new", "source", page, str(ROOT / "scenarios" / "soleimani"), "--write"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert _files(ROOT / "seeds") == before


def _nested(tmp: Path) -> Path:
    path = tmp / "nested.html"
    words = "<p>" + "An article that is buried very deep in the page. " * 5 + "</p>"
    path.write_text("<html><body>" + "<div>" * 200_000 + words + "</div>" * 200_000)
    return path


BAD_FILES = {
    "empty.html": (b"", "it is empty"),
    "blank.txt": (b"  \n\n ", "it is empty"),
    "program.html": (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "it is a program"),
    "photo.html": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "it is a PNG image"),
    "data.bin": (b"abc\x00\x01\x02" * 20, "it is a binary file"),
    "menu.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    "lies.html": (
        b'<html><head><meta charset="utf-8"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>',
        "lies about its charset",
    ),
    "latin.txt": (b"Caf\xe9 cr\xe8me is served here every day", "is not UTF-8"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_one_sentence_exit_2_and_nothing_written(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data, sentence = BAD_FILES[name]
    page = tmp_path / name
    page.write_bytes(data)
    _refused(corpus, str(page), sentence, capsys)


def _refused(corpus: Path, page: str, sentence: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _files(corpus.parent.parent)
    assert main(["new", "source", page, str(corpus), "--write"]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if not line.startswith("downloaded ")]
    assert len(lines) == 1 and lines[0].startswith("explorer: ") and sentence in lines[0], err
    assert _files(corpus.parent.parent) == before


def test_nested_divs_missing_files_and_other_addresses_are_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(corpus, str(_nested(tmp_path)), "nested more than 1,000 deep", capsys)
    _refused(corpus, str(tmp_path / "nowhere.html"), "there is no such file", capsys)
    for address in ("javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x.html"):
        _refused(corpus, address, "only http:// and https:// addresses", capsys)
    big = tmp_path / "big.html.gz"
    big.write_bytes(gzip.compress(b"<html><body>" + b"<p>word word</p>" * 2_000_000))
    _refused(corpus, str(big), "too large for an article", capsys)


def test_a_404_and_a_refused_connection_by_address(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({}) as base:
        _refused(corpus, f"{base}/gone", "the server answered 404 Not Found", capsys)
    _refused(corpus, f"{base}/gone", "could not connect to 127.0.0.1", capsys)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A skeleton corpus with every Readability page and one served page brought in."""
    corpus = _skeleton(tmp_path_factory.mktemp("imported") / "mine")
    with serve({"/news/story.html": answer(readability_html("guardian-1"))}) as base:
        pages = [str(readability_page(name)) for name in READABILITY_PAGES]
        for page in [*pages, f"{base}/news/story.html"]:
            assert main(["new", "source", page, str(corpus), "--write"]) == 0
    yield corpus


@pytest.mark.slow
def test_all_pages_imported_and_each_cited_once_check_strict_with_no_problems(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "copy"
    shutil.copytree(imported.parent.parent, corpus)
    corpus = corpus / "scenarios" / "my-scenarios"
    text = (corpus / "corpus.yaml").read_text(encoding="utf-8")
    ids = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("  - id: ")]
    sources = ids[ids.index("example-article") + 1 :]
    assert len(sources) == 21 and "guardian-2019-2" in sources
    for source in sources:
        seed = (corpus.parent.parent / "seeds" / f"{source}.txt").read_text(encoding="utf-8")
        quote = sentences(seed)[0]
        cite = ["cite", "example-consequence", str(corpus), "--source", source]
        assert main([*cite, "--quote", quote, "--stance", "explains", "--write"]) == 0
    capsys.readouterr()
    assert main(["check", str(corpus), "--strict"]) == 0
    assert capsys.readouterr().out.endswith(": no problems\n")


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_sentence_of_an_imported_seed_cited_checks_clean(
    imported: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    root = tmp_path_factory.mktemp("cite") / "c"
    shutil.copytree(imported.parent.parent, root)
    corpus = root / "scenarios" / "my-scenarios"
    seeds = sorted((root / "seeds").glob("*-20*.txt"))
    seed = data.draw(st.sampled_from(seeds))
    quote = data.draw(st.sampled_from(sentences(seed.read_text(encoding="utf-8"))))
    cite = ["cite", "example-consequence", str(corpus), "--source", seed.stem, "--quote", quote]
    assert main([*cite, "--stance", "explains", "--write"]) == 0
    assert main(["check", str(corpus)]) == 0


def test_an_address_prints_a_progress_line_and_keeps_the_address(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = readability_html("ars-1")
    with serve({"/a.html": answer(page)}) as base:
        assert main(["new", "source", f"{base}/a.html", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert f"downloaded {len(page) / 1000:,.0f} kB from 127.0.0.1\n" in captured.err
    # The page's canonical address, not the one it was fetched from; the day it was read.
    assert '    url: "https://arstechnica.com/' in captured.out
    assert f"    # retrieved {date.today().isoformat()} from {base}/a.html\n" in captured.out
