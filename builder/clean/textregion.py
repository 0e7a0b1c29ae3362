"""Find the article in a whole-page text dump: the densest run of long, punctuated lines.

Takes: the blocks of a plain-text source (one per line, builder/clean/textblocks.py) and
the verdicts the rules and other heuristics already gave. Gives: more `Verdict`s for the
lines around and inside the article that are page furniture: menus, link lists, rails,
footers.

A browser's "save as text" keeps every visible line of a page. The article is then one
stretch of long lines that end like sentences; menus, link lists and footers are runs of
short lines that do not. So each line gets a score (positive for prose, negative for
furniture) and the stretch with the greatest total is the article (a maximum-subarray
search, as jusText's context-sensitive pass does with its neighbours). Nothing here reads
a word's meaning: length, punctuation and repetition are the same in every language.

A text that is already clean (the seeds, one paragraph or sentence per line) is one long
positive stretch, so only furniture before its first sentence or after its last can go.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from builder.model import Block

from builder.clean.heuristics import ELLIPSIS, Verdict, Verdicts, fold

WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
# Scripts written without spaces between words: a character carries about half a word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
SENTENCE_END = re.compile(r"[.!?。！？…:;]['\"”’»)\]]*\s*$")
INNER_STOP = re.compile(r"[.!?。！？](?:['\"”’»)\]]*)\s+\S")
COMMA = re.compile(r"[,，、;]")

# Scores: prose counts by its length, furniture by the line. A menu of 20 one-word links
# then outweighs a short paragraph on each side of it, while one sub-heading between two
# paragraphs does not break the article in two.
SHORT_LINE = -3.0  # a line of a few words that does not end like a sentence
PLAIN_LINE = -1.5  # a longer line without sentence punctuation: a link title, a heading
REMOVED_LINE = -1.0  # a line a rule already removed: furniture, but known furniture
REPEATED_LINE = -3.0  # the same line twice on one page: navigation, share bars, labels
PROSE_MIN_UNITS = 6  # shorter punctuated lines ("Comments are closed.") score nothing
SHORT_MAX_UNITS = 4


def units(text: str) -> float:
    """Length in words; in scripts without spaces, about two characters make a word."""
    cjk = len(CJK.findall(text))
    if cjk:
        return len(WORD.findall(CJK.sub(" ", text))) + cjk / 2
    return float(len(WORD.findall(text)))


def is_prose(text: str, n: float) -> bool:
    """Ends like a sentence (not a teaser's ellipsis), or holds sentences inside it."""
    if ELLIPSIS.search(text):
        return n >= 25 and INNER_STOP.search(text) is not None
    return SENTENCE_END.search(text) is not None or (n >= 20 and INNER_STOP.search(text) is not None)


def line_scores(blocks: Sequence[Block], verdicts: Verdicts) -> list[float]:
    counts = Counter(fold(b.text) for b in blocks)
    scores = []
    for i, block in enumerate(blocks):
        text = block.text
        n = units(text)
        if i in verdicts:
            scores.append(REMOVED_LINE)
        elif counts[fold(text)] > 1 and n < 25:
            scores.append(REPEATED_LINE)
        elif is_prose(text, n):
            scores.append(n if n >= PROSE_MIN_UNITS else 0.0)
        elif n <= SHORT_MAX_UNITS:
            scores.append(SHORT_LINE)
        elif n >= 30 and COMMA.search(text):
            # A long paragraph whose last sentence lost its full stop is still prose.
            scores.append(n / 2)
        else:
            scores.append(PLAIN_LINE)
    return scores


def best_stretch(scores: Sequence[float]) -> tuple[int, int] | None:
    """(first, last) index of the contiguous stretch with the greatest total (Kadane)."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = s, i
        else:
            total += s
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def article_region(blocks: Sequence[Block], verdicts: Verdicts) -> Verdicts:
    """Verdicts for the lines outside the article stretch of a text dump."""
    scores = line_scores(blocks, verdicts)
    span = best_stretch(scores)
    if span is None:
        return {}
    first, last = span
    out: Verdicts = {}
    for i in range(len(blocks)):
        if i in verdicts:
            continue
        if i < first or i > last:
            out[i] = Verdict("text.outside-article", "boilerplate")
    return out
