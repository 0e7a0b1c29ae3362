"""Turn well-formed article markup (Markdown's HTML output) into blocks.

Takes: an HTML fragment whose structure can be trusted to mean what it says: the output of
the Markdown converter for a `.md` source. Gives: `Block`s in document order (headings,
paragraphs, quotations, list items). Saved web pages do not go through here: they need
the article-finding extractor (builder/clean/html_extract.py).
"""

from __future__ import annotations

import re

import lxml.html
from bs4 import BeautifulSoup, NavigableString, Tag

from builder.load.htmlparse import parse_html
from builder.model import Block

# _walk recurses once per level: stay well inside Python's recursion limit.
_MAX_DEPTH = 200

# Raw-text elements: what follows an unclosed <iframe> in a Markdown source is its text,
# including the <p> tags the converter wrapped around later paragraphs. Those tags are
# the converter's, not words of the source: they are taken out of the text.
RAW_TEXT = {"iframe", "noembed", "noframes", "xmp", "textarea", "title", "plaintext", "noscript"}
_TAG_TEXT = re.compile(r"</?[A-Za-z][^<>]*>")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAVES = {"p": "paragraph", "li": "list-item", "pre": "paragraph", "dt": "paragraph", "dd": "paragraph"}


def blocks_from_fragment(fragment: str, first_line: int | None = None) -> tuple[Block, ...]:
    soup = BeautifulSoup(_bounded(fragment), "html.parser")
    out: list[Block] = []
    _walk(soup, out, in_quote=False)
    return tuple(out)


def _bounded(fragment: str) -> str:
    """The fragment re-serialised through parse_html: nesting capped, nothing html.parser rejects.

    Markdown passes raw HTML through, so a source can nest 20,000 <div>s (RecursionError in
    _walk, malformed/generated.jsonl gen-deep-div-20000) or write "<![>" (html.parser raises
    ParserRejectedMarkup, xss.jsonl). parse_html never fails and flattens below max_depth.
    """
    body = parse_html(fragment, max_bytes=4 * len(fragment) + 1024, max_depth=_MAX_DEPTH).find("body")
    if body is None:
        return ""
    html = lxml.html.tostring(body, encoding="unicode", with_tail=False)
    return html.partition(">")[2].rpartition("</body>")[0]


def _walk(node: Tag, out: list[Block], in_quote: bool) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            text = " ".join(str(child).split())
            if text and child.parent is not None and child.parent.name in (None, "[document]"):
                out.append(Block("paragraph", text))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in ("script", "style", "template"):
            continue
        if name in RAW_TEXT:
            text = " ".join(_TAG_TEXT.sub(" ", child.get_text(" ")).split())
            if text:
                out.append(Block("quote" if in_quote else "paragraph", text))
            continue
        if name in HEADINGS:
            _emit(out, "heading", child)
        elif name == "blockquote":
            _walk(child, out, in_quote=True)
        elif name in LEAVES and not child.find(list(LEAVES) + list(HEADINGS) + ["blockquote"]):
            _emit(out, "quote" if in_quote else LEAVES[name], child)
        else:
            _walk(child, out, in_quote)


def _emit(out: list[Block], kind: str, tag: Tag) -> None:
    for raw in tag.find_all(list(RAW_TEXT)):
        raw.string = " ".join(_TAG_TEXT.sub(" ", raw.get_text(" ")).split())
    text = " ".join(tag.get_text(" ").split())
    if text:
        out.append(Block(kind, text))
