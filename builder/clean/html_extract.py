"""Find the article body in a saved web page (stage: clean, for SourceDoc kind "html").

Takes: the page's HTML text, the per-source `Limits` (and, optionally, vocabularies other
than the shipped ones).
Gives: `HtmlExtraction(blocks, removed, meta)`: the body as paragraph/heading/quote/
list-item blocks in reading order, every dropped visible text block with the rule that
dropped it, and the page's own metadata.

How: furniture subtrees (menus, share bars, comments, ...) are marked by tag and class/id
vocabulary (html_vocab.yaml); the remaining text blocks score their ancestors by length and
punctuation, discounted by link density (the readability method); the best container and
its qualifying siblings hold the body; blocks inside it that are mostly links, repeat the
headline or are stray headings are dropped too.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from builder.clean.html_blocks import (
    RawBlock,
    TokenCache,
    furniture_rule,
    parse_html,
    resolve_drops,
    strip_silent,
    walk_blocks,
)
from builder.clean.heuristics import more_words_than
from builder.clean.html_score import choose_content
from builder.clean.html_vocab import FurnitureRule, HtmlVocab, load_vocab
from builder.clean.html_meta import read_meta
from builder.load.htmlparse import SourceRejected
from builder.model import Block, Limits, Removed, SourceMeta

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")
_RAW_OPEN = re.compile(r"<(script|style|noscript|template)\b")
_BREAK = re.compile(r"<(?:br|/p|/div|/h\d|/li|/tr)\b[^>]*>", re.IGNORECASE)
MAX_FALLBACK_CHARS = 5_000_000
_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"\w+", re.UNICODE)
# Trailing blocks shorter than this, after a last heading, are section labels ("0 comments").
_LABEL_CHARS = 40
# A furniture-named element holding more than this share of the page's prose is kept:
# a class like "has-sidebar" on a wrapper must not take the article with it. Comment
# threads can outweigh the article they follow, so they need a far larger share.
_GUARD_SHARE = {"*": 0.5, "html.comments": 0.9, "html.caption": 1.0}
# A short line carrying a date or a time and not ending a sentence is a dateline or a
# teaser's timestamp ("2019-11-20 17:27:46 Marcus De Guzman", "Posted on Maret 30, 2015 by
# Admin", "2018年8月16日"): digits, so it holds in every language.
_DATELINE_CHARS = 60
_DATE_LIKE = re.compile(
    r"\d{4}\s?[-./年]\s?\d{1,2}|\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
    r"|\b\d{1,2},?\s+\d{4}\b"
)
# JSON-LD articleBody replaces the markup's text only when it is substantial and the markup
# gave less than this share of it.
_LD_BODY_MIN_CHARS = 500
_LD_BODY_SHARE = 0.3
# Blocks whose characters are mostly link text are menus, teasers or "read more" lines.
# Sentences of some length (several clauses ended by a full stop) are article text that
# happens to carry many links (a deals roundup, a link-rich blog post): only nearly
# all-link prose goes.
_LINK_DENSE = 0.5
_LINK_DENSE_PROSE = 0.85
_PROSE_MIN_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$")


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...]
    meta: SourceMeta


def extract_html(
    html: str, vocab: HtmlVocab | None = None, limits: Limits = Limits()
) -> HtmlExtraction:
    """Extract the article body, what was dropped, and metadata.

    Raises SourceRejected (builder.load.htmlparse) for a page beyond `limits` (too large, nested
    too deep); never raises on merely bad input, which degrades to plain text.
    """
    vocab = vocab if vocab is not None else load_vocab()
    try:
        return _extract(html, vocab, limits)
    except SourceRejected:
        raise
    except etree.ParserError as exc:
        # lxml's answer to input with no elements at all (blank, only a comment or doctype).
        log.debug("no HTML document (%s); reading it as plain text", exc)
        return plain_text_fallback(html)
    except Exception as exc:  # noqa: BLE001 - any parser failure degrades to plain text
        log.warning("HTML extraction failed (%s: %s); falling back to plain text",
                    type(exc).__name__, exc)
        return plain_text_fallback(html)


def _extract(html: str, vocab: HtmlVocab, limits: Limits) -> HtmlExtraction:
    root = parse_html(html, limits)
    page = read_meta(root)
    strip_silent(root, vocab)
    body = root.find("body")
    if body is None:
        body = root
    cache: TokenCache = {}

    def judge(el: HtmlElement) -> FurnitureRule | None:
        return furniture_rule(el, vocab, cache)

    raw = resolve_drops(walk_blocks(body, vocab, judge), _GUARD_SHARE)
    content = choose_content(raw, vocab, page.article_body, cache)
    first_h1 = next(body.iter("h1"), None)
    result = _judge_blocks(raw, content, page.meta, first_h1, vocab)
    return _article_body_fallback(result, page.article_body)


def _judge_blocks(
    raw: list[RawBlock],
    content: list[bool],
    meta: SourceMeta,
    first_h1: HtmlElement | None,
    vocab: HtmlVocab,
) -> HtmlExtraction:
    """Split blocks into kept and removed, recording the rule for each removal."""
    title = _words(meta.title or "")
    kept: list[Block] = []
    removed: list[Removed] = []
    for block, inside in zip(raw, content):
        rule, reason = _why_dropped(block, inside, title, first_h1, vocab)
        if rule is None:
            kept.append(Block(block.kind, block.text, block.line))
        else:
            removed.append(Removed(rule, reason, block.text, block.line))
    kept = _drop_trailing_headings(kept, removed)
    return HtmlExtraction(blocks=tuple(kept), removed=tuple(removed), meta=meta)


def _why_dropped(
    block: RawBlock,
    inside: bool,
    title: tuple[str, ...],
    first_h1: HtmlElement | None,
    vocab: HtmlVocab,
) -> tuple[str | None, str]:
    if block.drop is not None:
        return block.drop.rule, block.drop.reason
    # The headline is named as such wherever it sits, so --explain says "title". Only the
    # first <h1> is taken for it: some sites mark every subheading up as <h1>.
    if block.container is first_h1 or (title and _titled(block.text, title)):
        return "html.title", "title"
    if not inside:
        return "html.not-main", "boilerplate"
    if not _WORD.search(block.text):
        return "html.punctuation", "markup"
    if len(block.text) < _LABEL_CHARS:
        label = vocab.label_rule(block.text)
        if label is not None:
            return label.rule, label.reason
    if (
        block.kind == "paragraph"
        and len(block.text) <= _DATELINE_CHARS
        and _DATE_LIKE.search(block.text)
        and not _SENTENCE_END.search(block.text)
    ):
        return "html.dateline", "boilerplate"
    dense = _LINK_DENSE_PROSE if _is_prose(block.text) else _LINK_DENSE
    if block.link_chars > dense * len(block.text):
        return "html.link-dense", "boilerplate"
    return None, ""


def _article_body_fallback(result: HtmlExtraction, article_body: str | None) -> HtmlExtraction:
    """Use the JSON-LD articleBody when the markup yields far less than it.

    Pages rendered by script ship the text only in JSON-LD; a saved copy then shows a
    teaser or nothing. The markup stays the first choice everywhere else, since articleBody
    can be stale, truncated or stripped of its paragraph breaks.
    """
    if not article_body or len(article_body) < _LD_BODY_MIN_CHARS:
        return result
    kept = sum(len(block.text) for block in result.blocks)
    if kept >= _LD_BODY_SHARE * len(article_body):
        return result
    log.info("markup gave %d characters, JSON-LD articleBody %d: using articleBody",
             kept, len(article_body))
    paragraphs = [_SPACE.sub(" ", part).strip() for part in re.split(r"\n\s*", article_body)]
    superseded = tuple(
        Removed("html.superseded-by-articlebody", "boilerplate", block.text, block.line)
        for block in result.blocks
    )
    return HtmlExtraction(
        blocks=tuple(Block("paragraph", text, None) for text in paragraphs if text),
        removed=result.removed + superseded,
        meta=result.meta,
    )


def _drop_trailing_headings(kept: list[Block], removed: list[Removed]) -> list[Block]:
    """A heading at the end, followed by nothing or by a few short labels, announces a
    section that was dropped (comments, related stories): it goes, with its labels."""
    end = len(kept)
    while end and kept[end - 1].kind != "heading" and len(kept[end - 1].text) < _LABEL_CHARS:
        end -= 1
    if not end or kept[end - 1].kind != "heading":
        return kept
    for block in kept[end - 1:]:
        removed.append(Removed("html.trailing-section", "boilerplate", block.text, block.line))
    return kept[: end - 1]


def _is_prose(text: str) -> bool:
    return len(text) >= _PROSE_MIN_CHARS and _SENTENCE_END.search(text) is not None


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(text.casefold()))


def _titled(text: str, title: tuple[str, ...]) -> bool:
    """_same_words(_words(text), title); a paragraph with too many words to be the
    headline is told apart without listing its words (performance)."""
    folded = text.casefold()
    if more_words_than(folded, len(title) + 3):
        return False
    return _same_words(tuple(_WORDS.findall(folded)), title)


def _same_words(words: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """The headline repeated, allowing for small edits (punctuation, a dropped word)."""
    if not words or len(words) > len(title) + 3 or len(title) > len(words) + 3:
        return False
    shared = len(set(words) & set(title))
    return shared >= 0.8 * max(len(set(words)), len(set(title)))


def plain_text_fallback(html: str) -> HtmlExtraction:
    """Tags stripped, one paragraph per non-empty line: used when parsing fails."""
    text = _strip_raw_text(html[:MAX_FALLBACK_CHARS].replace("\x00", ""))
    text = _BREAK.sub("\n", text)
    text = htmllib.unescape(_TAG.sub(" ", text))
    blocks = []
    for line in text.splitlines():
        line = _SPACE.sub(" ", line).strip()
        if _WORD.search(line):
            blocks.append(Block("paragraph", line, None))
    return HtmlExtraction(blocks=tuple(blocks), removed=(), meta=SourceMeta())


def _strip_raw_text(html: str) -> str:
    """Drop script/style/noscript/template contents in one linear pass (a regex with a lazy
    match would rescan the rest of the page for every unclosed <script)."""
    lower = html.lower()
    out: list[str] = []
    pos = 0
    while True:
        opened = _RAW_OPEN.search(lower, pos)
        if opened is None:
            out.append(html[pos:])
            break
        out.append(html[pos : opened.start()])
        end = lower.find("</" + opened.group(1), opened.end())
        if end < 0:
            break  # unclosed: the rest is the element's raw text
        close = lower.find(">", end)
        pos = close + 1 if close >= 0 else len(html)
    return " ".join(out)
