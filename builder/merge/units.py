"""Cut each report into units that keep their meaning when moved.

Takes: one report's sentences (`Piece`s, in reading order). Gives: its units, each a run
of consecutive sentences that must stay together: a sentence that leans on the one before
it ("He said", "This readiness", "However", "In return") travels with it, and a quotation
that runs over several sentences stays whole, with its speaker.

A merged story moves sentences away from their neighbours; a sentence whose opening word
points back ("They", "The two") then points at whatever happens to precede it. Keeping
such a sentence glued to its antecedent is the simplest rule that never lies about who
"he" is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass

from builder.merge.normalise import Features, names

# Words that, opening a sentence, point back to something the sentence before gave.
LEANING_WORDS = frozenset(
    """he she it they his her its their him them this these those that such there here then
    however but nevertheless nonetheless still yet instead meanwhile also moreover furthermore
    additionally besides so thus therefore hence and or nor otherwise later earlier previously
    afterward afterwards likewise similarly conversely rather indeed both another""".split()
)
LEANING_PHRASES = (
    "in return", "in turn", "in addition", "on the other hand", "as a result", "for its part",
    "for his part", "for her part", "the same", "at the same time", "by contrast",
    "in contrast", "even so", "after that", "the two", "both men", "both women",
    # "It's also the result of...": "it's" alone is often no reference ("It's raining"),
    # with "also" it adds to what the sentence before said; "that's" points back always.
    "it's also", "it\u2019s also", "it is also", "it was also", "that's", "that\u2019s",
    # summing up or answering what came before ("In sum, he said he sympathizes ...")
    "in sum", "in short", "in other words", "in response", "to that end", "for that reason",
    "since then", "by then", "at that point", "even then",
)
# Anywhere in the writer's own words, a measure taken against what the sentence before
# said: "Sen. Jim DeMint would not go that far but said ...", "Others followed suit".
MEASURED_BACK = re.compile(
    r"\b(?:go|goes|went|gone|going)\s+(?:that|so|as)\s+far\b(?!\s+as)|\bfollow(?:s|ed)?\s+suit\b"
    r"|\b(?:did|do|does|done)\s+the\s+same\b|\becho(?:ed|es)?\s+(?:that|this|those|these)\b",
    re.IGNORECASE)
# Every MEASURED_BACK match holds one of these words (performance: most sentences hold
# none, found with a few substring tests instead of a case-blind scan of every word).
_MEASURE_WORDS = ("far", "suit", "same", "echo")


def _may_measure_back(text: str) -> bool:
    """False only when MEASURED_BACK cannot match: ASCII text (a case-blind match of
    non-ASCII text may read "ſ" as "s") holding none of its words."""
    if not text.isascii():
        return True
    low = text.lower()
    return any(word in low for word in _MEASURE_WORDS)


OPENING_MARKS = "\"'(\u201c\u2018 "
MAX_UNIT = 6  # sentences: a longer chain is a report's whole passage, cut at its breaks


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence of one report."""

    source: int  # the report's id
    index: int  # its place in the report, from 0
    block: int  # index of its block in the report
    kind: str  # block kind: paragraph | heading | quote | list-item
    feat: Features


LEADING_PHRASE = re.compile(
    r"^(?:Following|After|Before|In|On|At|As|With|Amid|Despite|During|Earlier|Later|Meanwhile"
    r"|According to)\b[^,\"\u201c\u201d]{3,90},\s+(?=[\w\"\u201c])"
)
MIN_TRIMMED_WORDS = 8


def without_leading_phrase(text: str) -> str | None:
    """The sentence without its opening adverbial phrase ("Following the NBC News report,
    a spokesperson said ..." -> "A spokesperson said ..."), or None when it has none or
    too little would be left. The phrase sets a scene; the claim is the rest, and more
    reports may state the rest in full than state the scene."""
    found = LEADING_PHRASE.match(text)
    if found is None:
        return None
    rest = text[found.end():]
    if len(rest.split()) < MIN_TRIMMED_WORDS:
        return None
    return rest[:1].upper() + rest[1:]


_LEANING = re.compile(
    r"(?:%s)\b(?!['\u2019]\w)|(?:%s)[ ,]" % (
        "|".join(sorted(LEANING_WORDS, key=len, reverse=True)),
        "|".join(re.escape(p) for p in LEANING_PHRASES)),
    re.IGNORECASE,
)


@lru_cache(maxsize=65_536)  # performance: pure, and asked of each sentence many times
def leans_back(text: str) -> bool:
    """Does the sentence open with a reference or a connective to what came before?"""
    return _LEANING.match(text.lstrip(OPENING_MARKS)) is not None


# "the audacious culprit", "the two men": a definite description that names no one
# points at someone the sentence before introduced.
_DEFINITE = re.compile(r"[Tt]he\s+(?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*\b")


_POINTING = re.compile(r"\b(?:he|she|they|him|them|his|her|their|its)\b", re.IGNORECASE)


@lru_cache(maxsize=65_536)  # performance: pure, and asked of a sentence by several steps
def refers_back(text: str) -> bool:
    """Does the sentence lean back, or name its subject only by a definite description
    (after an opening phrase: "Despite a huge investigation, the culprit ...")?"""
    if leans_back(text) or bare_quotation(text):
        return True
    if _may_measure_back(text) and MEASURED_BACK.search(_QUOTED.sub(" ", text)):
        return True
    text = text.lstrip(OPENING_MARKS)
    phrase = LEADING_PHRASE.match(text)
    # "As their colleagues sobbed in the street, ...": the scene-setting phrase itself
    # points back to people the sentence before named.
    if phrase and _POINTING.search(phrase.group(0)):
        return True
    return _DEFINITE.match(text[phrase.end():] if phrase else text) is not None


# "dismissed that criticism": a demonstrative and its noun early in the sentence.
DEMONSTRATIVE = re.compile(
    r"^\W*(?:[\w'-]+\s+){0,5}(?:that|this|these|those)\s+"
    r"(?!the\b|an?\b|he\b|she\b|it\b|they\b|we\b|i\b|you\b|his\b|her\b|its\b|their\b|is\b|was\b|will\b)[a-z]+")


def continues(before: str, text: str) -> bool:
    """Does sentence `text`, told right after `before` in one report, complete it, so
    that nothing from elsewhere may come between them? It leans back (`refers_back`, or
    a demonstrative early on: "Republican officials dismissed that criticism."), it
    answers the question `before` asks or completes its colon, or it is the quotation the
    claim before it announces ("But it did little to placate her sister." / "“It's not
    something to be decided by a show of hands,” Mary Cheney wrote.")."""
    if refers_back(text) or DEMONSTRATIVE.match(text) is not None:
        return True
    return before.rstrip().endswith(("?", ":")) or text.lstrip()[:1] in OPENING + '"'


def bare_quotation(text: str) -> bool:
    """A quotation with no speaker named outside its marks ("She's in rehab right now."):
    its speaker is in the sentence before it."""
    text = text.strip()
    if not text or text[0] not in "\"\u201c\u201e\u00ab":
        return False
    return not names(_QUOTED.sub(" it ", text))  # "it": the name after it is no sentence start


_QUOTED = re.compile("[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]*(?:[\"\u201d\u00bb]|$)")
MAX_QUOTE = 8  # sentences one quotation may run over; past that a mark is a typo
OPENING, CLOSING = "\u201c\u201e\u00ab", "\u201d\u00bb"
QUOTE_MARKS = re.compile('[\u201c\u201e\u00ab\u201d\u00bb"]')


def inside_after(text: str, inside: bool) -> bool:
    """Is a quotation open after this sentence, given whether one was open before it?
    Curly marks say which way they go; a straight mark opens or closes by turns."""
    for found in QUOTE_MARKS.finditer(text):  # the marks alone, found at C speed
        char = found.group(0)
        if char in OPENING:
            inside = True
        elif char in CLOSING:
            inside = False
        elif char == '"':
            inside = not inside
    return inside


def _reopens(text: str) -> bool:
    """A paragraph that continues a quotation opens with the mark again (newspaper style)."""
    return text[:1] in OPENING + '"'


def whole_quotations(pieces: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence to print, from (block kind, sentence text):
    a quotation that runs over several sentences or lines ("She's in rehab right now. /
    Nothing bad is going to happen.") is one sentence with its speaker, never cut. A
    mark that re-opens the quotation on its next line is dropped in the joined text, and
    a quotation its report never closes is closed where it stops."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(pieces):
        kind, text = pieces[i]
        if kind == "heading" or not inside_after(text, False):
            out.append((i, i + 1, text))
            i += 1
            continue
        parts, j, inside = [text], i + 1, True
        while inside and j < len(pieces) and j - i < MAX_QUOTE and pieces[j][0] != "heading":
            nxt = pieces[j][1]
            if _reopens(nxt):
                nxt = nxt[1:].lstrip()
            inside = inside_after(nxt, True)
            parts.append(nxt)
            j += 1
        joined = " ".join(parts)
        if inside:
            joined += "\u201d" if any(c in OPENING for c in text) else '"'
        out.append((i, j, joined))
        i = j
    return out


QUOTED_SPAN = re.compile(r"[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]*[\"\u201d\u00bb]")
LETTER = re.compile(r"[^\W\d_]")


def speakers_kept(
    items: Sequence[tuple[int, int, str]], blocks: Sequence[int],
) -> list[tuple[int, int, str]]:
    """(start, end, text) items with a bare quotation joined to the sentence before it in
    the same paragraph when that one quotes with its speaker ('"...," he said. "This is
    America's war."'): the second part of a quotation is never printed without who said it."""
    out: list[tuple[int, int, str]] = []
    for lo, hi, text in items:
        if out and blocks[lo] == blocks[out[-1][0]] and _bare(text) and _attributed(out[-1][2]):
            start, _, before = out[-1]
            out[-1] = (start, hi, before + " " + text)
        else:
            out.append((lo, hi, text))
    return out


def _bare(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in OPENING + '"' and not LETTER.search(QUOTED_SPAN.sub("", stripped))


def _attributed(text: str) -> bool:
    outside = QUOTED_SPAN.sub(" ", text)
    return outside != text and len(LETTER.findall(outside)) >= 4


def speaker_goes_on(before: Piece, piece: Piece) -> bool:
    """Is `piece` a paragraph that is a bare quotation, right after the paragraph that
    ends with `before`, a quotation naming its speaker ('"Several crucial minutes were
    lost," the official said. / "If we had intervened earlier, ..."')? Newspaper style: a
    quotation paragraph naming no one is the last speaker's, and the two halves of one
    quotation are told together or not at all (one unit)."""
    return (before.kind == piece.kind == "paragraph" and piece.block == before.block + 1
            and quote_goes_on(before.feat.text, piece.feat.text))


def quote_goes_on(before: str, text: str) -> bool:
    """Is `text` a bare quotation that goes on with the one `before` gives with its
    speaker? Told right after it in one report, it is that speaker's."""
    return _bare(text) and _attributed(before)


def units(report: Sequence[Piece]) -> list[tuple[int, int]]:
    """(start, end) of each unit, end exclusive, covering the report in order.

    A heading is a unit of its own. A sentence joins the unit before it when it leans
    back, up to MAX_UNIT sentences (a longer chain is cut before a sentence that leans:
    the report's own passage, too long to move whole). Quotations are already whole
    sentences (whole_quotations); a quotation paragraph naming no one joins the speaker's
    quotation in the paragraph before (`speaker_goes_on`), up to MAX_QUOTE sentences."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, piece in enumerate(report):
        if i == 0:
            continue
        joins = (piece.kind != "heading" and report[i - 1].kind != "heading"
                 and leans_back(piece.feat.text) and i - start < MAX_UNIT) or (
            i - start < MAX_QUOTE and speaker_goes_on(report[i - 1], piece))
        if not joins:
            out.append((start, i))
            start = i
    if report:
        out.append((start, len(report)))
    return out
