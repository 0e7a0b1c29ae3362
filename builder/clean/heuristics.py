"""Computed boilerplate heuristics: what a regex alone cannot see.

Takes: the blocks of one report (after the loader), the rule set, and what is known of the
title. Gives: `Verdict`s, index -> (rule id, reason), for blocks to drop. Each function
looks at one kind of furniture and says why in its docstring; none of them rests on
English words alone except where the vocabulary comes from rules.yaml.

  title_and_breadcrumbs  the headline line, a repeated headline, "HomeNewsHeadline..." crumbs
  teaser_runs            "Latest articles" style blocks: headline + truncated teaser pairs
  captions               photo captions ending in a credit ("... 2023.KCNA via REUTERS"),
                         and the alt-text line just before one
  related_lists          "Relevant articles:" followed by entries naming other coverage
  key_point_summaries    bullets at the top that only restate the body
  dangling_lead_ins      "... the following records:" when what it introduces was removed
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import lru_cache

from builder.clean.rules import RuleSet
from builder.model import Block


@dataclass(frozen=True, slots=True)
class Verdict:
    rule: str
    reason: str


Verdicts = dict[int, Verdict]
NO_VERDICT = Verdict("", "")

ELLIPSIS = re.compile(r"(\.\.\.|…)\s*$")
SENTENCE_END = re.compile(r"[.!?。！？]['\"”’)\]]*\s*$")
WORD = re.compile(r"\w+")
DATE_IN_ENTRY = re.compile(r"\b(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\w{3,9}\.? \d{1,2},? \d{4})\b")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def more_words_than(text: str, limit: int) -> bool:
    """len(words(text)) > limit, without listing the words of a long paragraph."""
    if len(text) <= 2 * limit:  # n words take n characters and n - 1 between them
        return False
    return _words_past(limit).match(text) is not None


@lru_cache(maxsize=16)
def _words_past(limit: int) -> re.Pattern[str]:
    """Matches a text of more than `limit` words (WORD runs), read once from its start:
    each run is taken whole, as the separator after it needs a non-word character."""
    return re.compile(r"\W*(?:\w+\W+){%d}\w" % limit)


def fold(text: str) -> str:
    """Comparison form: NFKC, case-folded, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(WORD.findall(text))


def is_headline_like(text: str, max_words: int = 20) -> bool:
    """Short, and not ending like a sentence: a heading, a headline or a menu item."""
    # The end is looked at first: most blocks are sentences, and counting their words
    # (the costly test) is then not needed.
    if SENTENCE_END.search(text) or ELLIPSIS.search(text):
        return False
    return 0 < len(words(text)) <= max_words


# --- title and breadcrumbs -------------------------------------------------------------


QUOTE_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def _plain_quotes(text: str) -> str:
    # QUOTE_FOLD maps only non-ASCII characters: an ASCII text is left as it is, uncopied
    # (str.translate looks every character up).
    return text if text.isascii() else text.translate(QUOTE_FOLD)


def _crumb_of(crumb: str, title: str) -> bool:
    """True when `crumb` is a few navigation words glued before (a prefix of) `title`.

    Text dumps of some sites start with "HomeNewsUS Braces for North Korean ... Tied..."
    (seed 003): the breadcrumb trail, then the headline cut short with an ellipsis.
    """
    c, t = _plain_quotes(crumb.strip()), _plain_quotes(title.strip())
    c = ELLIPSIS.sub("", c).rstrip()
    if len(c) < 15 or c == t:
        return False
    # The crumb's tail (15 characters or more, starting in its first 40) opens the title.
    # Such a tail opens with the title's first 15 characters, so only the places where
    # those occur are tried (performance: str.find instead of 40 slices per block).
    limit = min(len(c), 40)
    start = c.find(t[:15]) if len(t) >= 15 else -1
    while 0 <= start < limit:
        tail = c[start:]
        if len(tail) >= 15 and t.startswith(tail):
            return start > 0 or ELLIPSIS.search(crumb) is not None
        start = c.find(t[:15], start + 1)
    return False


# A full date in any language's usual order ("25. September 2018", "Nov 19, 2019",
# "2019-11-19", "19.11.2019"): the stamp of a dateline or byline ("Article posted on
# 08.07.2012", "Von Jane Doe, publiziert am 25. September 2018"), seldom in a headline.
FULL_DATE = re.compile(
    r"\b\d{1,2}\.?\s+[^\W\d_]{3,}\.?,?\s+\d{4}\b|\b[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
)


FULL_STOP_END = re.compile(r"[.。]['\"”’)]*\s*$")


def is_title_like(text: str) -> bool:
    """A headline: short, and not closed by a full stop (questions and exclamations are fine)."""
    # The end first: most blocks are sentences, whose words then need no counting.
    return (not FULL_STOP_END.search(text) and WORD.search(text) is not None
            and not more_words_than(text, 40))


def title_and_breadcrumbs(
    blocks: Sequence[Block], known_title: str | None, find_title: bool,
    furniture: Container[int] = (),
) -> tuple[Verdicts, str | None]:
    """Find the headline among the first lines; drop it, its repeats and breadcrumbs.

    `find_title` is false for sources whose loader already took the headline out (HTML).
    `furniture`: lines a rule already names as page furniture (a dateline, "Latest News",
    "Subscribe to our newsletter"): never the headline, they are passed over like
    breadcrumbs, and so are lines stamped with a full date (a byline or dateline the
    rules do not know: "Article posted on 08.07.2012").
    Returns the verdicts and the headline text found (or None).
    """
    out: Verdicts = {}
    title = known_title
    head = list(range(min(len(blocks), 6)))
    if find_title:
        for i in head:
            text = blocks[i].text
            later = [blocks[j].text for j in head if j > i]
            if any(_crumb_of(text, other) for other in later):
                out[i] = Verdict("nav.breadcrumb", "boilerplate")
                continue
            if (i in furniture or FULL_DATE.search(text)) and not (title and fold(text) == fold(title)):
                continue  # a dateline or byline often stands above the headline
            if is_title_like(text) or (title and fold(text) == fold(title)):
                out[i] = Verdict("title.headline", "title")
                title = title or text
            break
    if title:
        key = fold(title)
        longest = max(key.split(" "), key=len)
        for i, block in enumerate(blocks):
            if i in out:
                continue
            if _folds_to(block.text, key, longest):
                out[i] = Verdict("title.repeated", "boilerplate")
            elif i < 6 and _crumb_of(block.text, title):
                out[i] = Verdict("nav.breadcrumb", "boilerplate")
    return out, title


def _folds_to(text: str, key: str, longest: str) -> bool:
    """fold(text) == key (`longest`: the key's longest word). Performance: folding keeps
    an ASCII text's words, lower-cased, and makes it no longer, so an ASCII text shorter
    than the key or without its longest word is told apart without folding it."""
    if text.isascii() and (len(text) < len(key) or longest not in text.lower()):
        return False
    return fold(text) == key


# --- teaser runs -----------------------------------------------------------------------


def teaser_runs(blocks: Sequence[Block], verdicts: Verdicts) -> Verdicts:
    """Blocks listing other articles: headline + truncated teaser pairs, and their heading.

    A teaser is a paragraph cut off with an ellipsis; a run is two or more
    headline/teaser pairs, or one right after a teaser heading ("Latest articles",
    "More like this": rule teaser.heading). The ellipsis, not the language, gives it away.
    """
    out: Verdicts = {}
    n = len(blocks)
    i = 0
    while i < n:
        pairs: list[int] = []
        j = i
        while j + 1 < n and _is_pair(blocks[j], blocks[j + 1]):
            pairs += [j, j + 1]
            j += 2
        after_heading = i > 0 and verdicts.get(i - 1, NO_VERDICT).rule == "teaser.heading"
        if len(pairs) >= 4 or (pairs and after_heading):
            for k in pairs:
                out[k] = Verdict("teaser.run", "boilerplate")
            # A short heading-like line right before the run names it ("Latest articles").
            if i > 0 and i - 1 not in verdicts and is_headline_like(blocks[i - 1].text, 6):
                out[i - 1] = Verdict("teaser.run-heading", "boilerplate")
            i = j
        else:
            i += 1
    # Headlines alone (no teaser text) listed under a teaser heading.
    for i in range(n):
        if verdicts.get(i, NO_VERDICT).rule != "teaser.heading":
            continue
        j = i + 1
        while j < n and j not in out and is_headline_like(blocks[j].text, 25):
            out[j] = Verdict("teaser.run", "boilerplate")
            j += 1
    return out


def _is_pair(headline: Block, teaser: Block) -> bool:
    return (
        is_headline_like(headline.text, 25)
        and ELLIPSIS.search(teaser.text) is not None
        and len(words(teaser.text)) >= 4
    )


# --- captions --------------------------------------------------------------------------

CREDIT_JOINERS = {"via", "and", "for", "by", "photo", "photos", "image", "images", "credit"}


def credit_tail(text: str, agencies: frozenset[str]) -> str | None:
    """The photo credit closing a caption, e.g. "KCNA via REUTERS" or "AP", else None.

    The credit follows the caption's last full stop (sometimes glued to it, as in
    "...in 2023.KCNA via REUTERS"), is a few capitalised words, and names an agency or
    says "via".
    """
    stripped = text.rstrip()
    cut = max(stripped.rfind(". "), stripped.rfind(".")) if "." in stripped else -1
    for mark in ("!", "?", "”", '"'):
        cut = max(cut, stripped.rfind(mark))
    if cut < 0 or cut == len(stripped) - 1:
        return None
    tail = stripped[cut + 1 :].strip(" ()[]")
    tokens = re.split(r"[\s/,]+", tail)
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 8:
        return None
    if not all(t[0].isupper() or t.casefold() in CREDIT_JOINERS for t in tokens):
        return None
    folded = tail.casefold()
    has_agency = any(t.casefold() in agencies for t in tokens) or any(
        a in folded for a in agencies if " " in a
    )
    has_via = any(t.casefold() == "via" for t in tokens)
    return tail if (has_agency or has_via) else None


def captions(blocks: Sequence[Block], rules: RuleSet, verdicts: Verdicts) -> Verdicts:
    """Photo captions with credits, and the alt-text line a page dump puts just before one."""
    out: Verdicts = {}
    for i, block in enumerate(blocks):
        # The credit first: it looks only at the block's end, and most blocks end a sentence.
        if i in verdicts or not credit_tail(block.text, rules.agencies):
            continue
        if not more_words_than(block.text, 60):
            out[i] = Verdict("caption.credit", "caption")
            prev = i - 1
            if prev >= 0 and prev not in verdicts and is_headline_like(blocks[prev].text, 10):
                out[prev] = Verdict("caption.alt-text", "caption")
    return out


# --- related lists ---------------------------------------------------------------------


def related_lists(blocks: Sequence[Block], rules: RuleSet, verdicts: Verdicts) -> Verdicts:
    """'Relevant articles:' and the entries under it (headline, outlet, date).

    The entries name the reporting a copy was made from: the cleaner keeps them as the
    source's `related` data, and they never reach the body.
    """
    out: Verdicts = {}
    for i, block in enumerate(blocks):
        if not rules.related_heading.search(block.text.strip()):
            continue
        out[i] = Verdict("related.heading", "related")
        j = i + 1
        while j < len(blocks) and _is_entry(blocks[j].text):
            out[j] = Verdict("related.entry", "related")
            j += 1
    return out


def _is_entry(text: str) -> bool:
    return len(words(text)) <= 45 and (DATE_IN_ENTRY.search(text) is not None or "," in text) and (
        not SENTENCE_END.search(text) or DATE_IN_ENTRY.search(text) is not None
    )


# --- key-point summaries ---------------------------------------------------------------


def key_point_summaries(blocks: Sequence[Block], verdicts: Verdicts) -> Verdicts:
    """Bullets at the top of a report that restate its body ("Key points" boxes).

    A list item before the first long paragraph is dropped when most of its words recur in
    the rest of the report: it adds nothing the merge would not already say.
    """
    out: Verdicts = {}
    kept = [i for i in range(len(blocks)) if i not in verdicts]
    first_long = next((i for i in kept if len(words(blocks[i].text)) >= 25), None)
    if first_long is None or not any(
        blocks[i].kind == "list-item" for i in kept if i < first_long
    ):  # no bullets before the body (most reports): nothing to compare
        return out
    body_words = {w.casefold() for i in kept if i >= first_long for w in words(blocks[i].text)}
    for i in kept:
        if i >= first_long:
            break
        if blocks[i].kind != "list-item":
            continue
        own = {w.casefold() for w in words(blocks[i].text) if len(w) > 3}
        if own and len(own & body_words) / len(own) >= 0.6:
            out[i] = Verdict("summary.key-points", "summary")
    return out


LEAD_IN = "lead-in.dangling"
_INTRODUCES = re.compile(r"[:：]\s*$")


def dangling_lead_ins(blocks: Sequence[Block], verdicts: Verdicts) -> Verdicts:
    """A sentence introducing what follows it ("The broadcast made note of the following
    records in title fights:"), when the block after it was removed as furniture (a
    table's rows, a list of links), or nothing of the report follows: it introduces
    nothing in the story. One short line between them (the table's title) goes with it.
    A lead-in to a kept quotation, list or paragraph stays."""
    out: Verdicts = {}
    for i, block in enumerate(blocks):
        if (i in verdicts or block.kind == "heading" or not _INTRODUCES.search(block.text)
                or len(words(block.text)) < 4):
            continue
        after = [j for j in range(i + 1, len(blocks)) if j not in verdicts]
        title = [i + 1] if i + 1 in after and _is_title_line(blocks[i + 1].text) else []
        following = i + 1 + len(title)
        if not after or (following < len(blocks) and following in verdicts):
            out.update((j, Verdict(LEAD_IN, "boilerplate")) for j in [i, *title])
    return out


def _is_title_line(text: str) -> bool:
    return len(words(text)) <= 8 and SENTENCE_END.search(text) is None and ":" not in text


def promote_headings(blocks: Sequence[Block], verdicts: Verdicts) -> tuple[Block, ...]:
    """Mark short unpunctuated lines between body paragraphs as sub-headings.

    Text dumps lose <h2> tags; a short line with no closing punctuation, followed by a long
    paragraph and preceded by body text, is a sub-heading (seed 001: "Russia-North Korea
    alliance").
    """
    kept = [i for i in range(len(blocks)) if i not in verdicts]
    out = list(blocks)
    for pos, i in enumerate(kept):
        block = blocks[i]
        if block.kind != "paragraph" or pos == 0 or pos + 1 >= len(kept):
            continue
        nxt = blocks[kept[pos + 1]]
        if is_headline_like(block.text, 12) and len(words(nxt.text)) >= 15:
            out[i] = Block("heading", block.text, block.line)
    return tuple(out)
