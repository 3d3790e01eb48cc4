"""The page's own structured data: schema.org JSON-LD objects and `<meta>` values."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]

# Some pages wrap their JSON in CDATA markers or an HTML comment, as old browsers needed.
_WRAPPERS = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle")


def json_ld_objects(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON object in the page's `application/ld+json` scripts, nested ones included
    (`@graph`, lists), outermost first. Scripts that are not valid JSON are skipped."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        text = _WRAPPERS.sub("", script.text_content() or "")
        try:
            data = json.loads(text or "null", strict=False)
        except ValueError:
            continue
        found.extend(_walk(data))
    return found


def _walk(data: object) -> Iterator[dict[str, Any]]:
    stack = [data]
    while stack:
        current = stack.pop(0)
        if isinstance(current, dict):
            yield current
            stack.extend(v for v in current.values() if isinstance(v, dict | list))
        elif isinstance(current, list):
            stack.extend(current)


def types_of(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).rsplit("/", 1)[-1] for k in kinds}


def is_article(obj: dict[str, Any]) -> bool:
    return any(k.endswith(ARTICLE_TYPES) for k in types_of(obj))


def meta_values(tree: lxml_html.HtmlElement, *names: str) -> list[str]:
    """The non-empty `content` of `<meta>` elements whose name, property or itemprop is one of
    `names` (case-insensitive), in page order."""
    wanted = {name.lower() for name in names}
    values: list[str] = []
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = (meta.get("content") or "").strip()
        if key.strip().lower() in wanted and content:
            values.append(content)
    return values
