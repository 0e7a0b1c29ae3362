"""Allowlist HTML sanitiser (nh3) for every piece of HTML that reaches a page.

Takes: an HTML fragment (Markdown output, anything from a source). Gives: HTML that holds
only article markup: no script, style, svg, math, iframe, forms or event handlers, and
links only to http, https and mailto.
"""

from __future__ import annotations

import nh3

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "em",
    "strong", "b", "i", "a", "code", "pre", "sup", "sub", "figure", "figcaption", "table",
    "thead", "tbody", "tr", "th", "td", "abbr", "q", "cite", "small", "dl", "dt", "dd",
}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
