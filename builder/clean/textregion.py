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

from builder.clean.heuristics import Verdict, Verdicts

WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
# Scripts written without spaces between words: a character carries about half a word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A teaser cut short: "...", "…", "[…]", "(...)".
ELLIPSIS = re.compile(r"(\.\.+|…)[\])»”\s]*$")
SENTENCE_END_STRICT = re.compile(r"[.!?。！？]['\"”’»)\]]*\s*$")
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
PLAIN_PER_UNIT = 0.6
TEMPLATE_LINE = -10.0  # a comment header (see comment_frames)
ISOLATED_PROSE = 0.5
RUN_GROWTH = 0.25
RUN_GROWTH_MAX = 2.0
PROSE_MIN_UNITS = 6
SHORT_PROSE = 0.5  # weight per word of a sentence shorter than PROSE_MIN_UNITS
SHORT_MAX_UNITS = 4


def units(text: str) -> float:
    """Length in words; in scripts without spaces, about two characters make a word."""
    cjk = len(CJK.findall(text)) if not text.isascii() else 0
    if cjk:
        return len(WORD.findall(CJK.sub(" ", text))) + cjk / 2
    return float(len(WORD.findall(text)))


def is_prose(text: str, n: float) -> bool:
    """Ends like a sentence (not a teaser's ellipsis), or holds sentences inside it."""
    if ELLIPSIS.search(text):
        return n >= 25 and INNER_STOP.search(text) is not None
    return SENTENCE_END.search(text) is not None or (n >= 20 and INNER_STOP.search(text) is not None)


CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
LIST_SEPARATORS = frozenset("-–—:@|/,;()")
LIST_MIN_ITEMS = 3
FRAME_MAX_CHARS = 120  # longer lines are no comment header (a quick test before splitting)
DIGITS = re.compile(r"\d+")


def shape(text: str) -> str:
    """A line with its numbers blanked: "2 days ago at 07:52" and "5 days ago at 11:03" match."""
    return DIGITS.sub("0", " ".join(text.casefold().split()))


def comment_frames(blocks: Sequence[Block]) -> list[tuple[int, int, set[int]]]:
    """The repeated frame of a comment thread: (first, last, frame lines) per thread.

    A comment thread repeats one template per comment with its parts varied: "jane says:",
    "bob says:" (the same last word before a colon), or "2 days ago at 07:52 am",
    "5 days ago at 11:03 pm" (one shape with the numbers blanked). Three or more different
    lines of one template, each with a clock time in it or on the next line, make a thread.
    A label repeated word for word ("Advertisement") is no template: it may sit inside an
    article, and the plain repetition score handles it. Without a clock time a template may
    be an article's own ("Step 1", "Step 2"), so it is left alone.
    """
    groups: dict[str, dict[str, list[int]]] = {}
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if len(text) > FRAME_MAX_CHARS:
            continue
        n = len(text.split())
        if n > 12 or SENTENCE_END_STRICT.search(text):
            continue
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
        if n >= 2 and text.endswith((":", "：")) and (CLOCK.search(text) or CLOCK.search(nxt)):
            key = "tail " + text.split()[-1].casefold()
        elif n >= 4 and CLOCK.search(text):
            key = "shape " + shape(text)
        else:
            continue
        groups.setdefault(key, {}).setdefault(text, []).append(i)
    out = []
    for variants in groups.values():
        if len(variants) >= 3:
            lines = {i for found in variants.values() for i in found}
            out.append((min(lines), max(lines), lines))
    return out


def line_scores(blocks: Sequence[Block], verdicts: Verdicts) -> list[float]:
    shapes = [shape(b.text) for b in blocks]
    counts = Counter(shapes)
    frames = comment_frames(blocks)
    frame = set().union(*(lines for _, _, lines in frames))
    scores = []
    run = 0  # furniture lines in a row so far
    for i, block in enumerate(blocks):
        text = block.text
        n = units(text)
        if i in frame:
            score = TEMPLATE_LINE
        elif i in verdicts:
            score = REMOVED_LINE
        elif counts[shapes[i]] > 1:
            score = REPEATED_LINE
        elif is_prose(text, n) and n >= PROSE_MIN_UNITS:
            score = n
        elif n >= 2 and SENTENCE_END_STRICT.search(text):
            # A short sentence ("Nor is Windows Server 2012.") is prose, if light; a short
            # label ending in a colon ("Share this:") is not.
            score = n * SHORT_PROSE
        elif n <= SHORT_MAX_UNITS:
            score = SHORT_LINE
        elif n >= 30 and COMMA.search(text):
            # A long paragraph whose last sentence lost its full stop is still prose.
            score = n / 2
        else:
            # Link titles and teaser decks: the longer, the more surely not the article.
            score = min(PLAIN_LINE, -PLAIN_PER_UNIT * n)
        if score < 0:
            # A long run of furniture (a menu of 40 links) parts two stretches of prose more
            # surely than its lines one by one: each line in a run weighs a bit more.
            score *= 1 + min(run * RUN_GROWTH, RUN_GROWTH_MAX)
            run += 1
        elif score > 0:
            run = 0
        scores.append(score)
    # Article paragraphs come in runs; a lone punctuated line between furniture is more
    # often a teaser's deck or a promo than the article (and it keeps half its weight).
    raw = list(scores)
    for i, score in enumerate(raw):
        if score > 0 and (i == 0 or raw[i - 1] <= 0) and (i + 1 == len(raw) or raw[i + 1] <= 0):
            scores[i] = score * ISOLATED_PROSE
    # Prose between the first and the last header of a comment thread is comments.
    for first, last, _ in frames:
        for i in range(first, last + 1):
            scores[i] = min(scores[i], -abs(scores[i]))
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


def _signature(text: str) -> str:
    """The first separator of a line: items of one list share it ("June 9 -- Arena, ...")."""
    return next((c for c in text if c in LIST_SEPARATORS), "")


def _list_after(blocks: Sequence[Block], verdicts: Verdicts, last: int) -> int:
    """Extend the article over a list that closes it: tour dates, results, a schedule.

    Lists lose their bullets in a dump and end without full stops, so they score as
    furniture. A list that belongs to the article is announced ("... tour dates:") or
    headed by one short line, and its items share one pattern of separators
    ("June 9 -- Arena, City, ST"), which a menu's bare link names lack.
    """
    start = last + 1
    intro = blocks[last].text.rstrip().endswith((":", "："))
    if not intro:
        # A short heading right after the article may name the list.
        if start >= len(blocks) or start in verdicts or units(blocks[start].text) > 8:
            return last
        start += 1
    if start >= len(blocks):
        return last
    pattern = _signature(blocks[start].text)
    end = start - 1
    for i in range(start, len(blocks)):
        text = blocks[i].text
        if i in verdicts or _signature(text) != pattern or not 1 <= units(text) <= 40:
            break
        if not intro and not (pattern and DIGITS.search(text)):
            break
        end = i
    if end - start + 1 < LIST_MIN_ITEMS:
        return last
    return end


def article_region(blocks: Sequence[Block], verdicts: Verdicts) -> Verdicts:
    """Verdicts for the lines outside the article stretch of a text dump."""
    scores = line_scores(blocks, verdicts)
    span = best_stretch(scores)
    if span is None:
        return {}
    first, last = span
    last = _list_after(blocks, verdicts, last)
    out: Verdicts = {}
    for i in range(len(blocks)):
        if i in verdicts:
            continue
        if i < first or i > last:
            out[i] = Verdict("text.outside-article", "boilerplate")
    return out
