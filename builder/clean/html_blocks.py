"""Parse a page with lxml and cut its visible text into candidate blocks.

Takes: HTML text, the per-source `Limits` and the vocabularies (`HtmlVocab`).
Gives: the parsed root, and `RawBlock`s in reading order: each run of text between two
block-level boundaries (or two <br>) with its kind, its nearest block-level container, how
much of it is link text, its source line, and the furniture rule of the subtree it sits in
(nav, share bar, comments, ...), if any.

Why lxml.html and not BeautifulSoup: on the 121 dev pages (176 KB on average) lxml.html
parses ~870 pages/s on one core, BeautifulSoup(..., "lxml") ~63 and "html.parser" ~48, which
leaves no time for extraction within the 60 pages/s budget (see bench/RESULTS.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from builder.load import htmlparse
from builder.clean.html_vocab import FurnitureRule, HtmlVocab
from builder.model import Limits

_SPACE = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_RULE = FurnitureRule(rule="html.hidden", reason="boilerplate")
# Blocks at least this long count as prose when weighing which subtree holds the article.
PROSE_CHARS = 80

_KIND_OF_TAG = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "li": "list-item",
    "blockquote": "quote",
    "p": "paragraph",
    "td": "paragraph",
    "th": "paragraph",
    "dd": "paragraph",
    "dt": "paragraph",
    "pre": "paragraph",
}


# Per-page memo: class/id token -> (is positive, negative rule or None).
TokenCache = dict[str, tuple[bool, FurnitureRule | None]]


@dataclass(frozen=True, slots=True)
class RawBlock:
    """One run of visible text, before it is judged."""

    text: str
    kind: str
    container: HtmlElement  # nearest block-level ancestor
    link_chars: int
    line: int | None
    drop: FurnitureRule | None  # furniture subtree this block sits in (after resolve_drops)
    tag: str  # tag of the element that gave the kind (h1, li, p, div, ...)
    # Every furniture-named ancestor, outermost first, with its rule.
    chain: tuple[tuple[HtmlElement, FurnitureRule], ...] = ()


def parse_html(html: str, limits: Limits = Limits()) -> HtmlElement:
    """Parse leniently through builder.load.htmlparse (bounded, never a crash, no RecursionError).

    Raises SourceTooLarge / SourceTooDeep (builder.load.htmlparse.SourceRejected) for a page
    beyond `limits`: the caller skips the source with that reason.
    """
    return htmlparse.parse_html(
        html,
        max_bytes=limits.max_source_bytes,
        max_depth=limits.max_depth,
        reject_deeper=True,
        remove_comments=True,
    )


def strip_silent(root: HtmlElement, vocab: HtmlVocab) -> None:
    """Remove elements that never show text (scripts, styles, forms controls), keeping tails."""
    doomed = [el for el in root.iter(*vocab.silent_tags)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def class_tokens(el: HtmlElement) -> list[str]:
    """The element's class names, id and itemprop, as one list of tokens."""
    names = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemprop"))))
    return names.split()


@lru_cache(maxsize=1 << 16)
def judge_token(token: str, vocab: HtmlVocab) -> tuple[bool, FurnitureRule | None]:
    """(is positive, negative rule) for one class/id token.

    A pure function of its arguments, memoised across pages: sites reuse their class names
    on every page, and the combined patterns cost microseconds per token.
    """
    positive = vocab.positive.search(token) is not None
    if vocab.any_negative.search(token) is None:
        return positive, None
    for rule in vocab.negative:
        if rule.pattern is not None and rule.pattern.search(token):
            return positive, rule
    return positive, None


def token_rule(
    el: HtmlElement, vocab: HtmlVocab, cache: TokenCache
) -> FurnitureRule | None:
    """The furniture rule named by the element's class/id/itemprop tokens, if any.

    An element that also carries a purely positive token (e.g. "article-body share-on")
    is kept: publishers add state classes to body containers. `cache` memoises tokens
    within one page, where the same class names repeat hundreds of times.
    """
    found: FurnitureRule | None = None
    for token in class_tokens(el):
        judged = cache.get(token)
        if judged is None:
            judged = cache[token] = judge_token(token, vocab)
        positive, negative = judged
        if positive and negative is None:
            return None
        if negative is not None and found is None:
            found = negative
    return found


def hidden_rule(el: HtmlElement) -> FurnitureRule | None:
    """html.hidden for elements a browser does not show (hidden, aria-hidden, display:none)."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return _HIDDEN_RULE
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return _HIDDEN_RULE
    return None


def furniture_rule(
    el: HtmlElement, vocab: HtmlVocab, cache: TokenCache
) -> FurnitureRule | None:
    """Why this element (with its subtree) is page furniture, or None."""
    rule = hidden_rule(el)
    if rule is not None:
        return rule
    rule = vocab.tag_rule(el.tag)
    if rule is not None:
        return rule
    return token_rule(el, vocab, cache)


def walk_blocks(
    body: HtmlElement, vocab: HtmlVocab, judge: Callable[[HtmlElement], FurnitureRule | None]
) -> list[RawBlock]:
    """Cut the visible text under `body` into blocks, in reading order.

    `judge(el)` names the furniture rule of an element (or None). Each block records all
    its furniture ancestors; `resolve_drops` decides which of them hold. Iterative (lxml's
    iterwalk), so deep nesting cannot exhaust the Python stack.
    """
    walk = _Walk(body, vocab.block_tags, judge)
    add, start, end = walk.add, walk.start, walk.end  # bound once: called for every element
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail shows
            if event == "end":
                add(el.tail, el)
        elif event == "start":
            start(el, tag)
        else:
            end(el, tag)
    walk.flush()
    return walk.blocks


class _Walk:
    """The state of one walk_blocks pass: the text of the block being read, the enclosing
    blocks (element, kind, tag) and the furniture elements it is inside."""

    __slots__ = ("body", "block_tags", "judge", "blocks", "parts", "links", "line", "in_link",
                 "block_stack", "drop_stack")

    def __init__(self, body: HtmlElement, block_tags: frozenset[str],
                 judge: Callable[[HtmlElement], FurnitureRule | None]) -> None:
        self.body, self.block_tags, self.judge = body, block_tags, judge
        self.blocks: list[RawBlock] = []
        self.parts: list[str] = []
        self.links = 0  # characters of link text in the block being read
        self.line: int | None = None  # source line of its first visible text
        self.in_link = 0
        self.block_stack: list[tuple[HtmlElement, str, str]] = [(body, "paragraph", "div")]
        self.drop_stack: list[tuple[HtmlElement, FurnitureRule]] = []

    def add(self, text: str | None, el: HtmlElement) -> None:
        if text:
            self.parts.append(text)
            if self.in_link:
                self.links += len(text.strip())
            if self.line is None and not text.isspace():
                self.line = el.sourceline

    def flush(self) -> None:
        if self.parts:
            # _SPACE.sub(" ", ...).strip(), at C speed: \s is str.isspace, what split()
            # splits at (tests/clean/test_html_extract.py holds the two equal).
            text = " ".join("".join(self.parts).split())
            if text:
                container, kind, tag = self.block_stack[-1]
                drop = self.drop_stack[0][1] if self.drop_stack else None
                self.blocks.append(RawBlock(text, kind, container, self.links, self.line, drop,
                                            tag, tuple(self.drop_stack)))
            self.parts.clear()
        self.links = 0
        self.line = None

    def start(self, el: HtmlElement, tag: str) -> None:
        is_block = tag in self.block_tags
        if is_block or tag == "br":
            self.flush()
        if el is not self.body:
            rule = self.judge(el)
            if rule is not None:
                self.flush()
                self.drop_stack.append((el, rule))
        if is_block:
            _, kind, kind_tag = self.block_stack[-1]
            own = _KIND_OF_TAG.get(tag)
            # The innermost tag that names a kind wins (a <p> in an <li> is a list item).
            if own is not None and not (own == "paragraph" and kind != "paragraph"):
                kind, kind_tag = own, tag
            self.block_stack.append((el, kind, kind_tag))
        if tag == "a":
            self.in_link += 1
        self.add(el.text, el)

    def end(self, el: HtmlElement, tag: str) -> None:
        if tag == "a":
            self.in_link -= 1
        if tag in self.block_tags:
            self.flush()
            self.block_stack.pop()
        if self.drop_stack and self.drop_stack[-1][0] is el:
            self.flush()
            self.drop_stack.pop()
        self.add(el.tail, el)


def resolve_drops(blocks: list[RawBlock], limits: dict[str, float]) -> list[RawBlock]:
    """Overrule furniture rules on elements that hold most of the page's prose.

    A layout class such as "news-left-col" or "has-sidebar" can sit on the very wrapper of
    the article; a subtree holding more than `limits[rule id]` (default `limits["*"]`) of the
    page's prose is therefore not furniture. Prose = blocks long enough to be sentences.
    """
    total = 0
    mass: dict[HtmlElement, int] = {}
    rules: dict[HtmlElement, str] = {}
    for block in blocks:
        if len(block.text) < PROSE_CHARS:
            continue
        total += len(block.text)
        for el, rule in block.chain:
            mass[el] = mass.get(el, 0) + len(block.text)
            rules[el] = rule.rule
    default = limits["*"]
    overruled = {el for el, weight in mass.items() if weight > total * limits.get(rules[el], default)}
    resolved = []
    for block in blocks:
        drop = next((rule for el, rule in block.chain if el not in overruled), None)
        resolved.append(
            RawBlock(block.text, block.kind, block.container, block.link_chars, block.line,
                     drop, block.tag, block.chain)
        )
    return resolved
