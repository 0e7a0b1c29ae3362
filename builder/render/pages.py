"""Plain pages (content/pages/*.md): Markdown -> sanitised HTML.

Takes: `PageInput`s and the build's `Diagnostics`. Gives: `Page`s whose `html` has passed
the allowlist sanitiser, the only HTML a template marks safe. A page too pathological to
convert in time (the same guard as Markdown sources: builder/clean/markdown_blocks.py) is
shown as plain paragraphs, with a warning naming the file.
"""

from __future__ import annotations

import html as htmllib

from builder.model import Diagnostics, Page
from builder.render.sanitize import sanitize_html
from builder.load.stories import PageInput


def render_pages(inputs: tuple[PageInput, ...], diags: Diagnostics) -> tuple[Page, ...]:
    if not inputs:
        return ()
    # Imported here: a site without plain pages need not load Python-Markdown (and the
    # Markdown guard's BeautifulSoup) at all.
    import markdown

    from builder.clean.markdown_blocks import too_complex

    pages = []
    for item in inputs:
        reason = too_complex(item.body)
        html = None
        if reason is None:
            try:
                # A fresh converter per page: markdown.Markdown keeps state between documents.
                html = markdown.Markdown(extensions=["extra", "sane_lists"]).convert(item.body)
            except RecursionError:
                reason = "nested too deeply for the Markdown converter"
        if html is None:
            diags.warning(item.path, f"shown as plain text, not Markdown: {reason}",
                          rule="source.markdown-too-complex")
            html = _plain_paragraphs(item.body)
        pages.append(Page(item.slug, item.title, sanitize_html(html), item.description))
    return tuple(pages)


def _plain_paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "".join(f"<p>{htmllib.escape(line)}</p>\n" for line in lines if line)
