"""Plain pages (content/pages/*.md): Markdown -> sanitised HTML.

Takes: `PageInput`s. Gives: `Page`s whose `html` has passed the allowlist sanitiser, the
only HTML a template marks safe.
"""

from __future__ import annotations

import markdown

from builder.model import Page
from builder.sanitize import sanitize_html
from builder.sources import PageInput


def render_pages(inputs: tuple[PageInput, ...]) -> tuple[Page, ...]:
    pages = []
    for item in inputs:
        # A fresh converter per page: markdown.Markdown keeps state between documents.
        html = markdown.Markdown(extensions=["extra", "sane_lists"]).convert(item.body)
        pages.append(Page(item.slug, item.title, sanitize_html(html), item.description))
    return tuple(pages)
