"""The source entry's id and people ids, and the charset rules, as examples and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.importing.decode import decode_page
from explorer.importing.entry import ascii_slug, default_id, outlet_id
from explorer.importing.errors import ImportRefused
from explorer.importing.metadata import Metadata
from explorer.importing.page import Article

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("outlet", "stem"),
    [
        ("Responsible Statecraft", "rs"),
        ("BBC News", "bbc"),
        ("The Washington Post", "wp"),
        ("Engadget", "engadget"),
        ("Le Monde.fr", "monde"),
        ("Süddeutsche Zeitung", "sz"),
        ("新华社", ""),
    ],
)
def test_the_outlet_gives_the_corpus_style_of_id(outlet: str, stem: str) -> None:
    assert outlet_id(outlet) == stem


def test_names_become_ascii_slugs() -> None:
    assert ascii_slug("Éric Zemmour", "author") == "eric-zemmour"
    assert ascii_slug("Иван Петров", "author") == "author"


def _article(outlet: str, published: str, origin: str) -> Article:
    metadata = Metadata("A title", (), outlet, published, "", "")
    return Article("Text of it.\n", metadata, origin, "2024-01-01", True, ())


@given(
    outlet=st.text(max_size=30),
    year=st.sampled_from(["", "1999-01-02", "2020-12-31"]),
    origin=st.text(max_size=30),
    taken=st.sets(st.from_regex(SLUG, fullmatch=True), max_size=5),
)
def test_the_default_id_is_a_slug_no_source_has(
    outlet: str, year: str, origin: str, taken: set[str]
) -> None:
    source_id = default_id(_article(outlet, year, origin), taken)
    assert SLUG.fullmatch(source_id) and source_id not in taken
    if year and outlet_id(outlet):
        assert source_id.startswith(f"{outlet_id(outlet)}-{year[:4]}")


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200))
def test_utf8_declared_as_utf8_reads_back_exactly(text: str) -> None:
    page = f"<html><head><meta charset='utf-8'></head><body>{text}</body></html>"
    assert decode_page(page.encode("utf-8"), None, "page")[0] == page
    assert decode_page(page.encode("utf-8"), "UTF-8", "page")[0] == page


@given(st.text(st.characters(min_codepoint=0xA0, max_codepoint=0xFF), min_size=1, max_size=50))
def test_a_page_that_lies_about_its_charset_is_refused(text: str) -> None:
    data = f"<p>{text}</p>".encode()
    with pytest.raises(ImportRefused, match="lies about its charset"):
        decode_page(data, "iso-8859-1", "page")
    latin = text.encode("latin-1")
    try:
        latin.decode("utf-8")
    except UnicodeDecodeError:  # (else the bytes are UTF-8 too, and the page said the truth)
        with pytest.raises(ImportRefused, match="lies about its charset"):
            decode_page(latin, "utf-8", "page")
