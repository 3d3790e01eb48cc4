"""Metadata from the page's own markup, measured against Mozilla Readability's expected metadata
for its twenty test pages (tests/article_pages/readability), where Readability is right; and the
byline rules as examples and a property."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.importing.metadata import Metadata
from explorer.importing.names import author_names
from explorer.importing.page import read_page
from tests.import_pages import READABILITY_PAGES, readability_expected, readability_page

# Where Readability.js itself is wrong, what the page says instead, and why. Readability is a
# tool, not a human: its output is checked against the page before it is trusted.
READABILITY_IS_WRONG: dict[tuple[str, str], tuple[object, str]] = {
    ("bbc-1", "byline"): ((), "'BBC News' is the outlet, not a person; the page names no author"),
    ("seattletimes-1", "byline"): (
        ("Benjamin Romano",),
        "Readability took the dateline ('April 28, 2019 at 6:01 am Updated …') for the byline; "
        "the page's author meta and byline name Benjamin Romano",
    ),
    ("herald-sun-1", "byline"): (
        ("Laurie Oakes",),
        "'JOE HILDEBRAND' is the byline of a teaser beside the article; the page's "
        "article:author meta and the article's byline name Laurie Oakes",
    ),
    ("guardian-1", "title"): (
        "'What is the sea telling us?': Māori tribes fearful over whale strandings",
        "Readability took og:title, which appends ' | Eleanor Ainge Roy', the author; the "
        "page's schema.org headline and its <h1> end before it",
    ),
    ("medium-3", "title"): (
        "Samantha and The Great Big Lie",
        "Readability kept the <title>'s suffix ' - John C. Welch - Medium', the author and the "
        "site, not part of the headline",
    ),
}
_NAMES = re.compile(r"\s*(?:,|;|&|\(|\)|\band\b|\bavec\b|\bet\b)\s*")


def _expected_names(byline: str | None) -> tuple[str, ...]:
    """Readability's byline as names: without 'By', split at commas and conjunctions."""
    text = re.sub(r"^\s*by\s+", "", byline or "", flags=re.I)
    return tuple(n for n in _NAMES.split(text) if n.strip())


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


@pytest.fixture(scope="module")
def found() -> dict[str, Metadata]:
    return {name: read_page(str(readability_page(name))).metadata for name in READABILITY_PAGES}


def _expected(name: str, field: str, readability: object) -> object:
    return READABILITY_IS_WRONG.get((name, field), (readability, ""))[0]


def test_the_title_agrees_with_readability_on_at_least_19_of_20(found: dict[str, Metadata]) -> None:
    agree = [
        name
        for name in READABILITY_PAGES
        if _key(found[name].title)
        == _key(str(_expected(name, "title", readability_expected(name)["title"])))
    ]
    assert len(READABILITY_PAGES) == 20
    assert len(agree) >= 19, sorted(set(READABILITY_PAGES) - set(agree))


def test_the_named_authors_agree_with_readability_on_at_least_90_percent(
    found: dict[str, Metadata],
) -> None:
    named: dict[str, list[str]] = {}
    for name in READABILITY_PAGES:
        names = _expected(name, "byline", _expected_names(readability_expected(name)["byline"]))
        if isinstance(names, tuple) and names:
            named[name] = [_key(str(n)) for n in names]
    agree = [n for n, names in named.items() if [_key(a) for a in found[n].authors] == names]
    assert len(named) >= 17
    assert len(agree) >= 0.9 * len(named), sorted(set(named) - set(agree))


def test_the_publication_day_agrees_with_readability_on_at_least_95_percent(
    found: dict[str, Metadata],
) -> None:
    dated = {
        name: str(readability_expected(name)["publishedTime"])[:10]
        for name in READABILITY_PAGES
        if readability_expected(name).get("publishedTime")
    }
    agree = [name for name, day in dated.items() if found[name].published == day]
    assert len(dated) >= 8
    assert len(agree) >= 0.95 * len(dated), sorted(set(dated) - set(agree))


def test_every_page_gives_an_outlet_a_day_and_an_address(found: dict[str, Metadata]) -> None:
    for name, metadata in found.items():
        assert metadata.outlet and metadata.url.startswith("http"), name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", metadata.published), name


@pytest.mark.parametrize(
    ("bylines", "names"),
    [
        (["By Erin Cunningham"], ("Erin Cunningham",)),
        (["Ben Silverman Games Editor"], ("Ben Silverman",)),
        (["Joshua Sokol May 20, 2019"], ("Joshua Sokol",)),
        (
            ["Martin Untersinger (avec Damien Leloup et Morgane Tual)"],
            ("Martin Untersinger", "Damien Leloup", "Morgane Tual"),
        ),
        (["Jeffrey Gettleman; JEFFREY GETTLEMAN"], ("Jeffrey Gettleman",)),
        (["Stella Kim, Jennifer Jett"], ("Stella Kim", "Jennifer Jett")),
        (["Our Foreign Staff"], ()),
        (["Username"], ()),
        (["April 28, 2019 at 6:01 am Updated April 29, 2019"], ()),
        (["", "Jane Doe and John Roe"], ("Jane Doe", "John Roe")),
    ],
)
def test_a_byline_becomes_names(bylines: list[str], names: tuple[str, ...]) -> None:
    assert author_names(bylines) == names


_BYLINE = st.text(st.characters(codec="utf-8"), max_size=80)


@given(st.lists(_BYLINE, max_size=4))
def test_names_are_words_without_by_dates_or_duplicates(bylines: list[str]) -> None:
    names = author_names(bylines)
    assert len({_key(n) for n in names}) == len(names)
    for name in names:
        words = name.split()
        assert 2 <= len(words) <= 5 and name == name.strip()
        assert words[0].lower() != "by" and not any(c.isdigit() for c in name)
