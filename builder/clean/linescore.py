"""Score each line of a whole-page text dump: positive for prose, negative for furniture.

Takes: the blocks of a plain-text source (one per line), the verdicts the rules and the
other heuristics already gave, and each line's length in words. Gives: one score per line
(line_scores), which builder/clean/textregion.py searches for the article's stretch; and
the measures it is made of (units, shape, is_prose, comment_frames, a line's separators).

Prose counts by its length in words; furniture by the line, so a menu of twenty links
outweighs a short paragraph on each side of it, while one sub-heading between two
paragraphs does not cut the article in two. Nothing here reads a word's meaning: length,
punctuation, repetition and clock times look the same in every language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from builder.clean.heuristics import Verdicts
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
INNER_HYPHEN = re.compile(r"-(?<=\w-)(?=\w)")  # the hyphen first: the engine skips to each

# Line scores (see the module docstring).
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
FRAME_MIN_VARIANTS = 3
FRAME_MAX_CHARS = 120
FRAME_MAX_WORDS = 12
DATA_MIN_ROWS = 3


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
        if i in frame_lines:
            score = FRAME_LINE
        elif i in verdicts:
            score = REMOVED_LINE
        elif seen[shapes[i]] > 1:
            score = REPEATED_LINE
        else:
            score = _text_score(block.text, sizes[i])
        if score < 0:
            # A long run of furniture (a menu of 40 links) parts two stretches of prose more
            # surely than its lines one by one would.
            score *= 1 + min(run * RUN_GROWTH, RUN_GROWTH_MAX)
            run += 1
        elif score > 0:
            run = 0
        scores.append(score)
    return _in_context(blocks, scores, frames)


def _text_score(text: str, n: float) -> float:
    """The score of a line by its own text, `n` words long."""
    if n >= PROSE_MIN_UNITS and is_prose(text, n):
        return n
    if n >= 2 and FULL_STOP.search(text):
        # A short sentence is prose, if light; a short label with a colon ("Share this:")
        # is not.
        return n * SHORT_PROSE
    if n <= SHORT_MAX_UNITS:
        return SHORT_LINE
    if n >= 30 and COMMA.search(text):
        # A long paragraph whose last sentence lost its full stop is still prose.
        return n / 2
    # Headlines of other articles and their decks: the longer, the surer.
    return min(PLAIN_LINE, -PLAIN_PER_UNIT * n)


def _in_context(
    blocks: Sequence[Block], scores: list[float], frames: list[tuple[int, int, set[int]]]
) -> list[float]:
    """The scores once tables, lone lines and comment threads are weighed."""
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
            skeleton(text) if i < len(blocks) and scores[i] < 0 and DIGITS.search(text) else None
        )
        if this is not None and this == key:
            continue
        if key and i - start >= DATA_MIN_ROWS:
            runs.append((start, i - 1))
        start, key = i, this
    return runs

def separators(text: str) -> list[str]:
    """The separators in a line, in order (a hyphen inside a word is none)."""
    return [c for c in INNER_HYPHEN.sub("", text) if c in LIST_SEPARATORS]

def separator(text: str) -> str:
    """The first separator in a line: items of one list share it ("June 9 -- Arena, ...").

    Commas do not count here: an item may be a clause or two ("... within a week, even").
    """
    return next((c for c in separators(text) if c not in ",;"), "")

def skeleton(text: str) -> str:
    """The separators of a line in order, doubled ones once: "Spain (Group F): 11th" -> "():"."""
    marks = separators(text)
    return "".join(c for k, c in enumerate(marks) if k == 0 or marks[k - 1] != c)
