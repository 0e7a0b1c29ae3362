"""Decide which part of a page is the article: score containers, pick the best ones.

Takes: the page's `RawBlock`s (from html_blocks), the vocabularies, and the JSON-LD
`articleBody` text if the page has one.
Gives: one flag per block: is it inside the chosen content?

The method is readability's: each prose block scores its parent fully, its grandparent by
half and its great-grandparent by a sixth; a container starts from a tag and class/id
weight, and its score is discounted by its link density. The best container wins; its
siblings join when they score close to it (articles split by ads into several containers).
Nothing here depends on the language of the page: scores come from text length, clause
punctuation of any script, links and markup names.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from builder.clean.html_blocks import RawBlock, TokenCache, class_tokens, judge_token
from builder.clean.html_vocab import HtmlVocab

# Blocks shorter than this do not vote for a container (menus, labels, bylines).
MIN_VOTE_CHARS = 25
# Tags whose text is a paragraph: they vote for their parent. Other containers with text
# of their own (a <div> of <br>-separated runs) vote for themselves.
_PARAGRAPH_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "dd", "dt"}
)
_SPACE = re.compile(r"\s+")
# How deep we look up from a block: beyond this, nesting is layout, not content.
MAX_ANCESTOR_STEPS = 60
# Readability's constants for articles split into several containers: among the best
# TOP_CANDIDATES, this many close runners-up sharing an ancestor make it the container.
TOP_CANDIDATES = 5
MIN_ALTERNATIVES = 3


def choose_content(
    blocks: list[RawBlock],
    vocab: HtmlVocab,
    article_body: str | None,
    cache: TokenCache,
) -> list[bool]:
    """For each block, whether it lies in the chosen article container(s).

    `cache` is the page's memo of judged class tokens (shared with the furniture walk).
    """
    hint = _norm(article_body) if article_body and len(article_body) > 200 else ""
    scores: dict[HtmlElement, float] = {}
    for block in blocks:
        if block.drop is not None or len(block.text) < MIN_VOTE_CHARS:
            continue
        vote = _vote(block.text, vocab.clause_marks)
        # The JSON-LD articleBody is the publisher's own statement of the body text: blocks
        # it contains vote more, but markup still decides (it can be truncated or stale).
        if hint and _norm(block.text)[:60] in hint:
            vote *= 2
        elem = block.container
        first = elem if elem.tag not in _PARAGRAPH_TAGS else elem.getparent()
        node = first
        for level in range(3):
            if node is None:
                break
            if node not in scores:
                scores[node] = _initial_score(node, vocab, cache)
            scores[node] += vote / (1, 2, 6)[level]
            node = node.getparent()
    if not scores:
        return [block.drop is None for block in blocks]
    final = _discount_links(blocks, scores)
    ranked = sorted(final, key=final.__getitem__, reverse=True)
    top = _common_ancestor(ranked[0], ranked[1:TOP_CANDIDATES], final)
    top = _climb(top, final)
    chosen = _with_siblings(top, final, blocks) | _twins(top, final)
    return [_inside(block.container, chosen) for block in blocks]


def _vote(text: str, marks: str) -> float:
    commas = sum(text.count(mark) for mark in marks)
    return 1 + commas + min(len(text) / 100, 3)


def _initial_score(el: HtmlElement, vocab: HtmlVocab, cache: TokenCache) -> float:
    score = float(vocab.weight_of(el.tag))
    for token in class_tokens(el):
        judged = cache.get(token)
        if judged is None:
            judged = cache[token] = judge_token(token, vocab)
        positive, negative = judged
        if negative is not None:
            score -= 25
        elif positive:
            score += 25
    return score


def _discount_links(blocks: list[RawBlock], scores: dict[HtmlElement, float]) -> dict:
    """Score times (1 - link density), link density over each candidate's live text."""
    text_len: dict[HtmlElement, int] = dict.fromkeys(scores, 0)
    link_len: dict[HtmlElement, int] = dict.fromkeys(scores, 0)
    for block in blocks:
        if block.drop is not None:
            continue
        node = block.container
        for _ in range(MAX_ANCESTOR_STEPS):
            if node is None:
                break
            if node in text_len:
                text_len[node] += len(block.text)
                link_len[node] += block.link_chars
            node = node.getparent()
    return {
        el: score * (1 - (link_len[el] / text_len[el] if text_len[el] else 0))
        for el, score in scores.items()
    }


def _common_ancestor(
    top: HtmlElement, others: list[HtmlElement], final: dict[HtmlElement, float]
) -> HtmlElement:
    """When several candidates score nearly as well as the top one, the article is split
    into several containers (one per paragraph "card", or cut by ads): take the nearest
    ancestor of the top candidate that holds at least MIN_ALTERNATIVES of them."""
    close = [el for el in others if final[el] >= final[top] * 0.75]
    if len(close) < MIN_ALTERNATIVES:
        return top
    ancestor_sets = [set(_ancestors(el)) for el in close]
    node = top.getparent()
    for _ in range(MAX_ANCESTOR_STEPS):
        if node is None or node.tag in ("body", "html"):
            break
        if sum(node in ancestors for ancestors in ancestor_sets) >= MIN_ALTERNATIVES:
            return node
        node = node.getparent()
    return top


def _ancestors(el: HtmlElement) -> list[HtmlElement]:
    found = []
    node = el.getparent()
    for _ in range(MAX_ANCESTOR_STEPS):
        if node is None:
            break
        found.append(node)
        node = node.getparent()
    return found


def _climb(top: HtmlElement, final: dict[HtmlElement, float]) -> HtmlElement:
    """Move up while a scored ancestor scores higher (readability's parent check), and past
    wrappers that hold nothing but the top candidate."""
    last = final.get(top, 0.0)
    threshold = last / 3
    node = top.getparent()
    for _ in range(MAX_ANCESTOR_STEPS):
        if node is None or node.tag in ("body", "html"):
            break
        if node in final:
            if final[node] < threshold:
                break
            if final[node] > last:
                top = node
                break
            last = final[node]
        node = node.getparent()
    return top


def _with_siblings(
    top: HtmlElement, final: dict[HtmlElement, float], blocks: list[RawBlock]
) -> set[HtmlElement]:
    """The top container plus siblings that score near it or are clean prose."""
    parent = top.getparent()
    if parent is None:
        return {top}
    top_score = final.get(top, 0.0)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class")
    chosen = {top}
    for sibling in parent:
        if sibling is top or not isinstance(sibling.tag, str):
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0
        if sibling in final and final[sibling] + bonus >= threshold:
            chosen.add(sibling)
        elif sibling.tag == "p":
            text = _SPACE.sub(" ", sibling.text_content()).strip()
            links = sum(len(a.text_content()) for a in sibling.iter("a"))
            density = links / len(text) if text else 1
            if (len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and re.search(r"[.!?。]( |$)", text)
            ):
                chosen.add(sibling)
    return chosen


def _twins(top: HtmlElement, final: dict[HtmlElement, float]) -> set[HtmlElement]:
    """Scored containers elsewhere in the page with the very tag and class of the top one:
    the article split into several chunks by ad rails or embeds (each chunk its own
    "article-body" <div>, not siblings of each other)."""
    top_class = top.get("class")
    if not top_class:
        return set()
    threshold = max(10.0, final.get(top, 0.0) * 0.1)
    return {
        el
        for el, score in final.items()
        if el is not top and el.tag == top.tag and el.get("class") == top_class
        and score >= threshold
    }


def _inside(el: HtmlElement, chosen: set[HtmlElement]) -> bool:
    node = el
    for _ in range(MAX_ANCESTOR_STEPS * 5):
        if node is None:
            return False
        if node in chosen:
            return True
        node = node.getparent()
    return False


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()
