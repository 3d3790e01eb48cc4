"""What the page says about itself: title, authors, outlet, publication day, address.

Read from the page's own metadata (schema.org JSON-LD, Open Graph and other `<meta>`,
`rel=canonical`, `itemprop`), with trafilatura's metadata reader as the last resort. Nothing is
guessed: what the page does not say stays empty, and the caller warns.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import attrs
from lxml import html as lxml_html  # type: ignore[import-untyped]
from trafilatura.metadata import extract_metadata

from explorer.importing.names import author_names
from explorer.importing.structured import is_article, json_ld_objects, meta_values, types_of

_LAST_PART = re.compile(r"(.*\S)\s+[-|—–]\s+([^-|—–]*[^\s|—–-])\s*")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_KINDS = {"OpinionNewsArticle": "opinion", "AnalysisNewsArticle": "analysis"}
_KINDS |= {"ReportageNewsArticle": "news", "BackgroundNewsArticle": "analysis"}


@attrs.frozen
class Metadata:
    title: str
    authors: tuple[str, ...]  # people's names, as the page writes them
    outlet: str
    published: str  # YYYY-MM-DD, or ''
    url: str  # canonical where the page gives one, else the address it was fetched from, or ''
    kind: str  # opinion | analysis | news when the page's schema.org type says so, else ''


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _names_in(value: object) -> list[str]:
    """Names of people in a JSON-LD `author` value (organisations are not authors)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and "Organization" not in types_of(item):
            names.append(_text(item.get("name")))
    return [name for name in names if name]


def _day(value: str) -> str:
    match = _DAY.search(value)
    if match is None:
        return ""
    year, month, day = (int(part) for part in match.groups())
    valid = 1 <= month <= 12 and 1 <= day <= 31 and year >= 1900
    return f"{year:04d}-{month:02d}-{day:02d}" if valid else ""


def _first(*candidates: str) -> str:
    return next((c for c in (" ".join(c.split()) for c in candidates) if c), "")


def _web_address(value: str) -> str:
    return value if urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc else ""


def read_metadata(html: str, tree: lxml_html.HtmlElement, address: str) -> Metadata:
    """The page's metadata; `address` is where it was fetched from ('' for a file)."""
    articles = [obj for obj in json_ld_objects(tree) if is_article(obj)]
    article: dict[str, Any] = articles[0] if articles else {}
    fallback = extract_metadata(tree, default_url=address or None, extensive=False)

    title = _first(
        _text(article.get("headline")), fallback.title or "", *meta_values(tree, "og:title")
    )
    authors = _authors(tree, articles, fallback.author or "")
    publisher = article.get("publisher")
    outlet = _first(
        *meta_values(tree, "og:site_name"),
        _text(publisher.get("name")) if isinstance(publisher, dict) else "",
        fallback.sitename or "",
    )
    published = _first(
        _day(_text(article.get("datePublished"))),
        *(
            _day(v)
            for v in meta_values(
                tree,
                "article:published_time",
                "og:published_time",
                "datePublished",
                "pubdate",
                "publishdate",
                "date",
                "dc.date.issued",
                "parsely-pub-date",
            )
        ),
        _day(fallback.date or ""),
    )
    canonical = [link.get("href", "") for link in tree.xpath('//link[@rel="canonical"]')]
    url = _first(
        *(_web_address(c.strip()) for c in canonical),
        *(_web_address(v) for v in meta_values(tree, "og:url")),
        _web_address(address),
    )
    title = _without_suffixes(title, [outlet, *authors])
    kind = next((_KINDS[k] for obj in articles for k in types_of(obj) if k in _KINDS), "")
    return Metadata(title, authors, outlet, published, url, kind)


def _without_suffixes(title: str, names: list[str]) -> str:
    """The title without trailing " - Outlet" or " | Author" parts, which some pages append to
    their headline."""
    keys = {name.casefold() for name in names if name}
    while (parts := _LAST_PART.fullmatch(title)) and parts.group(2).casefold() in keys:
        title = parts.group(1)
    return title


def _authors(
    tree: lxml_html.HtmlElement, articles: list[dict[str, Any]], fallback: str
) -> tuple[str, ...]:
    """The first of these that names a person: the article's JSON-LD `author`, the author
    `<meta>` tags, the `itemprop=author` elements, the first byline elements (a class
    `byline`, a link `rel=author`), trafilatura's byline."""
    bylines: list[list[str]] = [
        [name for obj in articles for name in _names_in(obj.get("author"))],
        [
            value
            for value in meta_values(tree, "author", "article:author", "byl", "dc.creator")
            if not _web_address(value)
        ],
        [
            " ".join(element.text_content().split())
            for element in tree.xpath('//*[@itemprop="author"]')
            if element.get("content") is None
        ],
        [
            " ".join(element.text_content().split())
            for element in tree.xpath('//*[contains(@class, "byline")] | //a[@rel="author"]')[:3]
        ],
        [fallback],
    ]
    for candidates in bylines:
        names = author_names(candidates)
        if names:
            return names
    return ()
