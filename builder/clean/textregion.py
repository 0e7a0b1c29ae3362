"""Find the article in a whole-page text dump: the densest stretch of long, punctuated lines.

Takes: the blocks of a plain-text source (one per line, builder/clean/textblocks.py) and
the verdicts the rules and the other heuristics already gave. Gives: more `Verdict`s, for
the lines around the article that are page furniture (menus, link lists, rails, comment
threads, footers), with rule ids text.menu-run, text.comment-thread and
text.outside-article.

A browser's "save as text" keeps every visible line of a page. The article is then one
stretch of long lines that end like sentences; menus, link lists and footers are runs of
short lines that do not. So each line gets a score, positive for prose and negative for
furniture, and the stretch with the greatest total is the article: a maximum-subarray
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
after its last can go (tests/test_textregion.py checks every seed and corpus file).
bench/RESULTS.md has the figures on the benchmark's page dumps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from builder.clean.heuristics import Verdict, Verdicts
from builder.model import Block

WORD = re.compile(r"[^\W\d_]+|\d+")
# Scripts written without spaces between words: about two characters make a word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A teaser cut short: "...", "..", "…", "[…]", "(...)". Korean portals cut with "..".
ELLIPSIS = re.compile(r"(\.\.+|…)[\])»”\s]*$")
FULL_STOP = re.compile(r"[.!?。！？]['\"”’»)\]]*\s*$")
CLAUSE_END = re.compile(r"[.!?。！？…:;]['\"”’»)\]]*\s*$")
INNER_STOP = re.compile(r"[.!?。！？]['\"”’»)\]]*\s+\S")
COMMA = re.compile(r"[,，、;]")
CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
DIGITS = re.compile(r"\d+")
LIST_SEPARATORS = frozenset("-–—:@|/,;()")
INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
COLONS = (":", "：")

# Line scores. Prose counts by its length in words; furniture by the line, so a menu of
# twenty links outweighs a short paragraph on each side of it, while one sub-heading
# between two paragraphs does not cut the article in two.
PROSE_MIN_UNITS = 6  # a punctuated line this long or longer is prose, scored by its length
SHORT_PROSE = 0.5  # per word, a shorter sentence ("Nor is Windows Server 2012.")
SHORT_MAX_UNITS = 4  # unpunctuated lines this short are link-sized: menu items, labels
SHORT_LINE = -3.0
PLAIN_LINE = -1.5  # at least, for a longer unpunctuated line: a headline, a link title
PLAIN_PER_UNIT = 0.6  # ... and more the longer it is: teaser decks without a full stop
REMOVED_LINE = -1.0  # a line a rule already removed: furniture, but known furniture
REPEATED_LINE = -3.0  # a line seen twice on the page: navigation, share bars, gallery captions
FRAME_LINE = -10.0  # a comment header (comment_frames)
RUN_GROWTH = 0.25  # each further furniture line in a row weighs 25% more ...
RUN_GROWTH_MAX = 2.0  # ... up to three times its own score
ISOLATED_PROSE = 0.5  # weight of a prose line with furniture on both sides
MENU_RUN = 3  # this many link-sized lines in a row make a menu
FRAME_MIN_VARIANTS = 3
FRAME_MAX_CHARS = 120
FRAME_MAX_WORDS = 12
LIST_MIN_ITEMS = 3
DATA_MIN_ROWS = 3
LIST_ITEM_MAX_UNITS = 40
LIST_HEADING_MAX_UNITS = 8
# A text wrapped at a fixed width (hard_wrapped): on the dev dumps at most 6% of lines look
# like a mid-sentence break, on the corpus texts wrapped at 50-150 columns 20% or more.
WRAP_MIN_CHARS = 40
WRAP_SHARE = 0.15


def units(text: str) -> float:
    """Length in words; in scripts without spaces, two characters count as a word."""
    if text.isascii():
        return float(len(text.split()))  # fast, and near enough: "Home | News" is 3
    cjk = len(CJK.findall(text))
    if cjk:
        return len(WORD.findall(CJK.sub(" ", text))) + cjk / 2
    return float(len(WORD.findall(text)))


def shape(text: str) -> str:
    """A line with its numbers blanked: "2 days ago at 07:52" and "5 days ago at 11:03" match."""
    return DIGITS.sub("0", text.casefold())


def is_prose(text: str, n: float) -> bool:
    """Ends like a sentence (a teaser's ellipsis is no ending), or holds whole sentences."""
    if ELLIPSIS.search(text):
        return n >= 25 and INNER_STOP.search(text) is not None
    return CLAUSE_END.search(text) is not None or (n >= 20 and INNER_STOP.search(text) is not None)


def comment_frames(blocks: Sequence[Block]) -> list[tuple[int, int, set[int]]]:
    """The repeated frame of each comment thread: (first line, last line, frame lines).

    A thread repeats one template per comment with its parts varied: "jane says:",
    "bob says:" (one last word before a colon), or "2 days ago at 07:52 am",
    "5 days ago at 11:03 pm" (one shape once numbers are blanked). Three or more different
    lines of one template, each with a clock time in it or on the next line, make a thread.
    A label repeated word for word ("Advertisement") is no template: it may sit inside an
    article, and the repetition score deals with it. Without a clock time a template may be
    the article's own ("Step 1", "Step 2", "Meal 1"), so it is left alone.
    """
    groups: dict[str, dict[str, list[int]]] = {}
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if len(text) > FRAME_MAX_CHARS:
            continue
        colon = text.endswith((":", "："))
        if not colon and not CLOCK.search(text):
            continue
        words = text.split()
        if len(words) > FRAME_MAX_WORDS or FULL_STOP.search(text):
            continue
        after = blocks[i + 1].text if i + 1 < len(blocks) else ""
        timed = CLOCK.search(text) or CLOCK.search(after)
        if len(words) >= 2 and colon and timed:
            key = "tail " + words[-1].casefold()
        elif len(words) >= 4 and CLOCK.search(text):
            key = "shape " + shape(text)
        else:
            continue
        groups.setdefault(key, {}).setdefault(text, []).append(i)
    frames = []
    for variants in groups.values():
        if len(variants) >= FRAME_MIN_VARIANTS:
            lines = {i for found in variants.values() for i in found}
            frames.append((min(lines), max(lines), lines))
    return frames


def line_scores(
    blocks: Sequence[Block],
    verdicts: Verdicts,
    frames: list[tuple[int, int, set[int]]],
    sizes: Sequence[float],
) -> list[float]:
    """One score per block: words of prose count for the article, furniture against it."""
    shapes = [shape(b.text) for b in blocks]
    seen = Counter(shapes)
    frame_lines = set().union(*(lines for _, _, lines in frames))
    scores = []
    run = 0  # furniture lines in a row before this one
    for i, block in enumerate(blocks):
        text = block.text
        n = sizes[i]
        if i in frame_lines:
            score = FRAME_LINE
        elif i in verdicts:
            score = REMOVED_LINE
        elif seen[shapes[i]] > 1:
            score = REPEATED_LINE
        elif n >= PROSE_MIN_UNITS and is_prose(text, n):
            score = n
        elif n >= 2 and FULL_STOP.search(text):
            # A short sentence is prose, if light; a short label with a colon ("Share
            # this:") is not.
            score = n * SHORT_PROSE
        elif n <= SHORT_MAX_UNITS:
            score = SHORT_LINE
        elif n >= 30 and COMMA.search(text):
            # A long paragraph whose last sentence lost its full stop is still prose.
            score = n / 2
        else:
            # Headlines of other articles and their decks: the longer, the surer.
            score = min(PLAIN_LINE, -PLAIN_PER_UNIT * n)
        if score < 0:
            # A long run of furniture (a menu of 40 links) parts two stretches of prose more
            # surely than its lines one by one would.
            score *= 1 + min(run * RUN_GROWTH, RUN_GROWTH_MAX)
            run += 1
        elif score > 0:
            run = 0
        scores.append(score)
    # Rows of a table or a data list ("Spain (Group F): 11th", "June 9 -- Arena, City")
    # share one skeleton of separators and carry numbers; a menu's bare names do not.
    # They weigh neither way, so a table inside an article does not cut it in two.
    for first, last in _data_rows(blocks, scores):
        for i in range(first, last + 1):
            scores[i] = 0.0
    # Article paragraphs come in runs. A lone punctuated line between furniture lines is
    # as often a teaser's deck or a promo as a paragraph (a rail of "headline, deck,
    # date" entries would otherwise add up to more than a short article).
    alone = [
        i
        for i, s in enumerate(scores)
        if s > 0 and (i == 0 or scores[i - 1] <= 0) and (i + 1 == len(scores) or scores[i + 1] <= 0)
    ]
    for i in alone:
        scores[i] *= ISOLATED_PROSE
    # What lies between the first and the last header of a comment thread is comments.
    for first, last, _ in frames:
        for i in range(first, last + 1):
            scores[i] = -abs(scores[i])
    return scores


def _data_rows(blocks: Sequence[Block], scores: Sequence[float]) -> list[tuple[int, int]]:
    """Runs of DATA_MIN_ROWS or more non-prose lines with one separator skeleton and numbers."""
    runs = []
    start, key = 0, None
    for i in range(len(blocks) + 1):
        text = blocks[i].text if i < len(blocks) else ""
        this = (
            _skeleton(text) if i < len(blocks) and scores[i] < 0 and DIGITS.search(text) else None
        )
        if this is not None and this == key:
            continue
        if key and i - start >= DATA_MIN_ROWS:
            runs.append((start, i - 1))
        start, key = i, this
    return runs


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


def _marks(text: str) -> list[str]:
    """The separators in a line, in order (a hyphen inside a word is none)."""
    return [c for c in INNER_HYPHEN.sub("", text) if c in LIST_SEPARATORS]


def _separator(text: str) -> str:
    """The first separator in a line: items of one list share it ("June 9 -- Arena, ...").

    Commas do not count here: an item may be a clause or two ("... within a week, even").
    """
    return next((c for c in _marks(text) if c not in ",;"), "")


def _skeleton(text: str) -> str:
    """The separators of a line in order, doubled ones once: "Spain (Group F): 11th" -> "():"."""
    marks = _marks(text)
    return "".join(c for k, c in enumerate(marks) if k == 0 or marks[k - 1] != c)


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
    pattern = _separator(blocks[start].text)
    items = []
    for i in range(start, len(blocks)):
        text = blocks[i].text
        if i in verdicts or _separator(text) != pattern:
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
        alike = Counter(_skeleton(text) for text in items).most_common(1)[0][1]
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
