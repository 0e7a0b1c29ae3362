"""Read a saved page's own metadata: headline, outlet, canonical URL, date, author.

Takes: the lxml root of a parsed page (before any cleaning).
Gives: a `SourceMeta` (empty fields when the page does not say; nothing is guessed) and the
JSON-LD `articleBody`, if any, which the extractor uses as a hint for where the body is.

Order of trust per field: Open Graph / article:* meta tags, then JSON-LD, then the markup
itself (<h1>, <title>, <time datetime>).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

from builder.model import SourceMeta

log = logging.getLogger(__name__)

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPACE = re.compile(r"\s+")
_ARTICLE_TYPES = ("article", "posting", "report", "blog", "webpage")


@dataclass(frozen=True, slots=True)
class PageMeta:
    meta: SourceMeta
    article_body: str | None = None


def read_meta(root: HtmlElement) -> PageMeta:
    """Collect metadata from meta tags, JSON-LD and markup of a parsed page."""
    metas = _meta_tags(root)
    ld = _json_ld_article(root)
    publisher = ld.get("publisher")
    title = (
        metas.get("og:title")
        or _text(ld.get("headline"))
        or metas.get("twitter:title")
        or _first_text(root, "//h1")
        or _first_text(root, "//title")
    )
    outlet = (
        metas.get("og:site_name")
        or (_text(publisher.get("name")) if isinstance(publisher, dict) else None)
        or metas.get("application-name")
    )
    url = _canonical(root) or metas.get("og:url") or _text(ld.get("url"))
    published = _iso_date(
        metas.get("article:published_time")
        or _text(ld.get("datePublished"))
        or metas.get("datepublished")
        or metas.get("date")
        or metas.get("pubdate")
        or metas.get("dc.date")
        or _first_attr(root, "//time[@datetime]", "datetime")
    )
    author = metas.get("author") or _author(ld.get("author")) or _author_meta(metas)
    body = _text(ld.get("articleBody"))
    return PageMeta(
        meta=SourceMeta(
            outlet=_clean(outlet),
            title=_clean(title),
            url=_clean(url),
            published=published,
            author=_clean(author),
        ),
        article_body=body,
    )


def _meta_tags(root: HtmlElement) -> dict[str, str]:
    """First value of every <meta property|name|itemprop=... content=...>, keys lowercased."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = el.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    return found


def _json_ld_article(root: HtmlElement) -> dict:
    """The first JSON-LD object whose @type names an article kind (or the first object)."""
    first: dict | None = None
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            log.debug("unreadable JSON-LD block skipped")
            continue
        for obj in _ld_objects(data):
            if first is None:
                first = obj
            kinds = obj.get("@type")
            names = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in names):
                if "webpage" not in str(names).lower() or obj.get("articleBody"):
                    return obj
    return first or {}


def _ld_objects(data: object, depth: int = 0) -> Iterator[dict]:
    """Every dict at the top of a JSON-LD value, looking into lists and @graph."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_objects(data["@graph"], depth + 1)


def _author(value: object) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_author(v) for v in value) if name]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _author_meta(metas: dict[str, str]) -> str | None:
    # article:author is often a profile URL, which is not a name.
    for key in ("article:author", "byl", "sailthru.author", "parsely-author", "dc.creator"):
        value = metas.get(key)
        if value and not value.startswith(("http://", "https://")):
            return value.removeprefix("By ").removeprefix("by ")
    return None


def _canonical(root: HtmlElement) -> str | None:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return el.get("href").strip()
    return None


def _first_text(root: HtmlElement, xpath: str) -> str | None:
    for el in root.xpath(xpath):
        text = _clean(el.text_content())
        if text:
            return text
    return None


def _first_attr(root: HtmlElement, xpath: str, attr: str) -> str | None:
    for el in root.xpath(xpath):
        if el.get(attr):
            return el.get(attr)
    return None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = _DATE.search(value)
    if not match:
        return None
    try:  # a page can say 2025-13-45: no such day reaches story.yaml or the feed
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _text(value: object) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) and value.strip() else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None
