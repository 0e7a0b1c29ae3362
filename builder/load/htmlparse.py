"""Parsing untrusted HTML into an lxml tree: bounded in size, depth and time, never a crash.

Stage: sources/clean. Takes decoded HTML text (from decode.py); gives the root `<html>`
element of an lxml.html document, or raises `SourceTooLarge` / `SourceTooDeep` (both
`SourceRejected`) with a reason that names the limit.

Why not just `lxml.html.document_fromstring`:
- libxml2 stops at 256 levels of nesting (2048 with huge_tree) and *silently drops the rest
  of the document* (malformed/generated.jsonl: gen-deep-div-20000 keeps 3 KB of 100 KB).
  BeautifulSoup(html, "lxml") inherits the same silent truncation at 256.
- a lone surrogate silently ends the document at that point; NUL and other C0 controls
  make later tree edits raise ValueError ("All strings must be XML compatible");
- an input with no elements at all (only end tags, empty string) raises ParserError;
- a `<meta charset>` inside a str would be obeyed if the bytes were handed over as bytes.

What we do instead:
1. refuse inputs over `max_bytes` (10 MiB) of UTF-8;
2. replace lone surrogates and U+FFFE/U+FFFF with U+FFFD, delete C0 controls other than
   TAB/LF/FF/CR (the HTML tokenizer would turn NUL into U+FFFD or drop it anyway); drop
   the attributes of a tag that has more than 256 (libxml2 is quadratic in them);
3. parse as UTF-8 bytes with the encoding forced, huge_tree on (2048 levels);
4. if libxml2 still reports excessive depth, pre-flatten the source: a small tag tokenizer
   drops start/end tags nested deeper than `max_depth` (keeping all text) and we parse
   again; if that is still too deep, raise SourceTooDeep rather than return a tree that
   silently lost the end of the document;
5. flatten the tree below `max_depth`: an element at that depth keeps its whole text
   content as plain text, its descendant elements are removed. Words are kept, structure
   beyond 512 levels (never an article's) is not. With `reject_deeper` (how saved pages
   are read: limits.max_depth) such a document raises SourceTooDeep instead.
Everything after the parse is iterative (iterwalk), so no input can raise RecursionError.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 512


class SourceRejected(Exception):
    """The HTML is refused as a whole; `reason` says which limit it broke."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SourceTooLarge(SourceRejected):
    pass


class SourceTooDeep(SourceRejected):
    pass


_SURROGATES_AND_NONCHARS = re.compile("[\ud800-\udfff\ufffe\uffff]")
_C0 = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_UNSAFE = re.compile("[\ud800-\udfff\ufffe\uffff\x00-\x08\x0b\x0e-\x1f]")

# libxml2 checks attributes for duplicates pairwise: 20,000 attributes on one tag take a
# second (gen-many-attrs-20000). No article element needs more than a few; a long tag with
# more than _MAX_ATTRIBUTES "=" signs loses its attributes (tag and content stay).
_MAX_ATTRIBUTES = 256
# The possessive name run keeps this one pass over each tag: with a plain "*" the engine
# would scan the tag again from each character of its name.
_HUGE_TAG = re.compile(r"<([A-Za-z][^\s/<>]*+)([^<>]{4096,})>")

# Elements that never have children, and raw-text elements whose content is not markup:
# the pre-flattener must not count tags inside <script> or <textarea>.
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment (possibly unclosed)
    # start or end tag; [^<>] keeps the scan linear on a flood of unclosed "<a<a<a"
    r"|<(/?)([A-Za-z][^\s/<>]*)[^<>]*?(/?)>",
    re.DOTALL,
)


def parse_html(
    html: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    reject_deeper: bool = False,
    remove_comments: bool = False,
) -> lxml.html.HtmlElement:
    """Parse a whole HTML document; see the module docstring for the guarantees.

    reject_deeper: raise SourceTooDeep for a document nested deeper than max_depth instead
    of flattening it (a saved page is then skipped with that reason: limits.max_depth).
    remove_comments: leave comments out of the tree.
    """
    size = _utf8_size(html, max_bytes)
    if size > max_bytes:
        raise SourceTooLarge(
            f"HTML is {size:,} bytes, over the {max_bytes:,}-byte limit (limits.max_source_bytes)"
        )
    text = html
    if _UNSAFE.search(text) is not None:  # one scan for the common, clean case
        text = _C0.sub("", _SURROGATES_AND_NONCHARS.sub("\ufffd", text))
    text = _HUGE_TAG.sub(_trim_attributes, text)
    deeper = SourceTooDeep(
        f"HTML nests deeper than {max_depth:,} levels (limits.max_depth)"
    )
    root, too_deep = _parse(text, remove_comments)
    if too_deep:
        if reject_deeper:
            raise deeper
        root, too_deep = _parse(_preflatten(text, max_depth), remove_comments)
        if too_deep:
            raise SourceTooDeep(
                f"HTML nests deeper than the parser's limit even when flattened to {max_depth}"
            )
    if _flatten_below(root, max_depth, dry_run=reject_deeper) and reject_deeper:
        raise deeper
    return root


def _trim_attributes(match: re.Match[str]) -> str:
    if match.group(2).count("=") > _MAX_ATTRIBUTES:
        return f"<{match.group(1)}>"
    return match.group(0)


def _utf8_size(text: str, limit: int) -> int:
    """UTF-8 length, without encoding a string that is too long in characters already."""
    if len(text) > limit:
        return len(text)  # at least this many bytes: enough to refuse
    return len(text.encode("utf-8", "surrogatepass"))


_HTML_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
)


def _parse(text: str, remove_comments: bool = False) -> tuple[lxml.html.HtmlElement, bool]:
    """(root, hit the depth limit). An input with no elements gives an empty document."""
    parser = etree.HTMLParser(
        encoding="utf-8", recover=True, huge_tree=True, no_network=True, remove_pis=True,
        remove_comments=remove_comments,
    )
    # lxml.html's own parser picks each element's class with a Python callback (to give
    # forms and inputs their own classes, which nothing here uses), called every time an
    # element is touched: ~2,500 calls a page, 8% of cleaning one. This lookup gives
    # every element the same lxml.html classes (drop_tree, text_content, ...) from C.
    parser.set_element_class_lookup(_HTML_CLASSES)
    data = text.encode("utf-8")
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except etree.ParserError:
        root = lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)
    too_deep = any(
        entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message
        for entry in parser.error_log
    )
    return root, too_deep


def _preflatten(text: str, max_depth: int) -> str:
    """Drop tags nested deeper than max_depth by a simple open-element count; keep text.

    The model is cruder than HTML tree construction (no implied end tags, no adoption
    agency), so it over-counts depth for unclosed <p>/<li> runs; that only flattens more
    of a document that was already pathological. The result is parsed and checked again.
    """
    out: list[str] = []
    stack: list[str] = []
    dropped: dict[str, int] = {}
    pos = 0
    length = len(text)
    while pos < length:
        match = _TOKEN.search(text, pos)
        if match is None:
            out.append(text[pos:])
            break
        out.append(text[pos : match.start()])
        pos = match.end()
        name = (match.group(2) or "").lower()
        if not name:  # a comment: keep it, it cannot nest
            out.append(match.group(0))
            continue
        if match.group(1):  # end tag
            if name in stack:
                while stack and stack.pop() != name:
                    pass
                out.append(match.group(0))
            elif dropped.get(name):
                dropped[name] -= 1
            else:
                out.append(match.group(0))
            continue
        if name in _RAW_TEXT:
            close = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(text, pos)
            end = close.end() if close else length
            if len(stack) < max_depth:
                out.append(match.group(0) + text[pos:end])
            pos = end
            continue
        if name in _VOID or match.group(3):
            if len(stack) < max_depth:
                out.append(match.group(0))
            continue
        if len(stack) >= max_depth:
            dropped[name] = dropped.get(name, 0) + 1
            continue
        stack.append(name)
        out.append(match.group(0))
    return "".join(out)


def _flatten_below(root: lxml.html.HtmlElement, max_depth: int, dry_run: bool = False) -> bool:
    """Turn every element at depth max_depth into plain text (iterative walk).

    Returns whether any element was that deep; with dry_run, only says so."""
    at_limit: list[lxml.html.HtmlElement] = []
    depth = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth >= max_depth and len(element):
            at_limit.append(element)
            walker.skip_subtree()  # its "end" event still comes, and decrements depth
            if dry_run:
                return True
    for element in at_limit:
        text = element.text_content()
        for child in list(element):
            element.remove(child)
        element.text = text
    return bool(at_limit)
