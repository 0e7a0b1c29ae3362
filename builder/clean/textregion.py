"""Find the article in a whole-page text dump: the densest stretch of long, punctuated lines.

Takes: the blocks of a plain-text source (one per line, builder/clean/textblocks.py) and
the verdicts the rules and the other heuristics already gave. Gives: more `Verdict`s, for
the lines around the article that are page furniture (menus, link lists, rails, comment
threads, footers), with rule ids text.menu-run, text.comment-thread and
text.outside-article.

A browser's "save as text" keeps every visible line of a page. The article is then one
stretch of long lines that end like sentences; menus, link lists and footers are runs of
short lines that do not. So each line gets a score (builder/clean/linescore.py), positive
for prose and negative for furniture, and the stretch with the greatest total is the article: a maximum-subarray
search, in the spirit of jusText's context-sensitive pass (a short line between two
paragraphs is a sub-heading, twenty of them in a row are a menu). Nothing here reads a
word's meaning: length, punctuation, repetition and clock times look the same in every
language.

Around that search: comment threads are found by their repeated frame and cannot join the
article (comment_frames); rows of a table weigh neither way, so a table does not cut an
article in two; a list that closes the article is added back (list_after); a first line
that was only a menu item is not kept as the headline (stray_headline); and a text wrapped
at a fixed width, whose lines are not blocks, is left alone (hard_wrapped).

A text that is already clean (the seeds, the corpus: one paragraph or one sentence per
line) is one long positive stretch, so at most the furniture before its first sentence or
after its last can go (tests/clean/test_textregion.py checks every seed and corpus file).
bench/RESULTS.md has the figures on the benchmark's page dumps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from builder.clean.heuristics import Verdict, Verdicts
from builder.clean.linescore import (
    CLAUSE_END,
    DIGITS,
    FULL_STOP,
    SHORT_MAX_UNITS,
    comment_frames,
    line_scores,
    separator,
    skeleton,
    units,
)
from builder.model import Block

COLONS = (":", "：")
MENU_RUN = 3  # this many link-sized lines in a row make a menu
LIST_MIN_ITEMS = 3
LIST_ITEM_MAX_UNITS = 40
LIST_HEADING_MAX_UNITS = 8
# A text wrapped at a fixed width (hard_wrapped): on the dev dumps at most 6% of lines look
# like a mid-sentence break, on the corpus texts wrapped at 50-150 columns 20% or more.
WRAP_MIN_CHARS = 40
WRAP_SHARE = 0.15


def best_stretch(scores: Sequence[float]) -> tuple[int, int] | None:
    """(first, last) index of the contiguous stretch with the greatest total (Kadane)."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def list_after(blocks: Sequence[Block], verdicts: Verdicts, last: int) -> int:
    """The article's last line, once a list that closes it (tour dates, results) is added.

    A dump loses a list's bullets and its items end without full stops, so they score as
    furniture. A list that belongs to the article is announced ("The tour dates:", on the
    article's last line or on one short line after it), or follows it under one short
    heading with items that share a separator and mostly carry numbers or one pattern of
    separators ("June 9 -- Arena, City"), which a menu's bare link names do not.
    """
    start = last + 1
    announced = blocks[last].text.rstrip().endswith(COLONS)
    if not announced:
        # One short line may head the list, or announce it ("Dare to Play 3:").
        if start in verdicts or start >= len(blocks):
            return last
        if units(blocks[start].text) > LIST_HEADING_MAX_UNITS:
            return last
        announced = blocks[start].text.rstrip().endswith(COLONS)
        start += 1
    if start >= len(blocks):
        return last
    pattern = separator(blocks[start].text)
    items = []
    for i in range(start, len(blocks)):
        text = blocks[i].text
        if i in verdicts or separator(text) != pattern:
            break
        if not 1 <= units(text) <= LIST_ITEM_MAX_UNITS:
            break
        items.append(text)
    if len(items) < LIST_MIN_ITEMS:
        return last
    if not announced:
        # Unannounced, the items must look alike: most of them share one skeleton of
        # separators, or carry numbers (dates, ranks, scores).
        numbered = sum(1 for text in items if DIGITS.search(text))
        alike = Counter(skeleton(text) for text in items).most_common(1)[0][1]
        if not pattern or 2 * max(numbered, alike) < len(items):
            return last
    return start + len(items) - 1


def hard_wrapped(blocks: Sequence[Block]) -> bool:
    """True for a text whose lines break inside sentences (wrapped at a fixed width).

    The finder reads one line as one block, as a page dump gives it. A text wrapped at 72
    columns breaks most sentences across lines, so its lines would score as headlines; it
    is left alone. The sign of a wrap: a long line without closing punctuation followed
    directly by one that starts in lower case. A page dump's menus in lower case ("news",
    "home page") are short lines, so they do not count.
    """
    breaks = 0
    for a, b in pairwise(blocks):
        if b.line is not None and a.line is not None and b.line != a.line + 1:
            continue
        if len(a.text) >= WRAP_MIN_CHARS and b.text[:1].islower() and not CLAUSE_END.search(a.text):
            breaks += 1
    return breaks >= WRAP_SHARE * len(blocks) and breaks > 0


def article_region(blocks: Sequence[Block], verdicts: Verdicts) -> Verdicts:
    """Verdicts for the lines of a text dump outside its article stretch."""
    if hard_wrapped(blocks):
        return {}
    frames = comment_frames(blocks)
    sizes = [units(b.text) for b in blocks]
    scores = line_scores(blocks, verdicts, frames, sizes)
    span = best_stretch(scores)
    if span is None:
        return {}  # no prose at all: nothing to measure the furniture against
    first, last = span
    last = list_after(blocks, verdicts, last)
    in_thread = {i for a, b, _ in frames for i in range(a, b + 1)}
    menu = _menu_lines(blocks, verdicts, sizes)
    out: Verdicts = {}
    for i in range(len(blocks)):
        if i in verdicts or first <= i <= last:
            continue
        if i in in_thread:
            out[i] = Verdict("text.comment-thread", "boilerplate")
        elif i in menu:
            out[i] = Verdict("text.menu-run", "boilerplate")
        else:
            out[i] = Verdict("text.outside-article", "boilerplate")
    return out


def _link_sized(text: str, size: float) -> bool:
    """A menu item's shape: a few units (`size`, see `units`) and no closing full stop."""
    return size <= SHORT_MAX_UNITS and not FULL_STOP.search(text)


def _menu_lines(blocks: Sequence[Block], verdicts: Verdicts, sizes: Sequence[float]) -> set[int]:
    """Lines in runs of MENU_RUN or more link-sized, unpunctuated lines (for the rule id).
    Lines a rule already named ("About us", "Contact") still count towards a run."""
    out: set[int] = set()
    run: list[int] = []
    length = 0
    for i, block in enumerate(blocks):
        if _link_sized(block.text, sizes[i]):
            length += 1
            if i not in verdicts:
                run.append(i)
            continue
        if length >= MENU_RUN:
            out.update(run)
        run, length = [], 0
    if length >= MENU_RUN:
        out.update(run)
    return out


def stray_headline(blocks: Sequence[Block], verdicts: Verdicts, region: Verdicts) -> Verdicts:
    """A verdict for the line taken for the headline when it is only a menu's first line.

    The title heuristic takes a text's first line for its headline. In a whole-page dump
    that line is a menu item ("Skip to content", "Home"): MENU_RUN or more removed lines,
    some of them removed by this finder, follow it before the article starts. Then no line
    can be trusted as the headline, and the title stays unknown rather than wrong. One or
    two removed lines (a dateline, a deck) make no menu: the corpus texts keep their
    headlines, and the seeds' furniture is all named by rules. The same holds, whatever
    removed the lines after it, for a line that opens a run of MENU_RUN link-sized lines.
    """
    heads = [i for i, verdict in verdicts.items() if verdict.rule == "title.headline"]
    if not heads:
        return {}
    head = heads[0]
    first_kept = next((i for i in range(head + 1, len(blocks)) if i not in verdicts), len(blocks))
    between = range(head + 1, first_kept)
    if len(between) >= MENU_RUN and any(i in region for i in between):
        return {head: Verdict("text.menu-run", "boilerplate")}
    # The first item of a menu whatever removed the rest ("International", "Trending",
    # "Tech", ... taken for a teaser list): it opens a run of link-sized lines. A headline
    # is longer than a link, or is followed by a deck, a byline or the text.
    run = 0
    for block in blocks[head:head + MENU_RUN]:
        if not _link_sized(block.text, units(block.text)):
            break
        run += 1
    if run >= MENU_RUN and not hard_wrapped(blocks):  # a wrapped text is left alone
        return {head: Verdict("text.menu-run", "boilerplate")}
    return {}
