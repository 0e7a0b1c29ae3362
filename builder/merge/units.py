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
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from builder.merge.normalise import Features, content_words, names

# Words that, opening a sentence, point back to something the sentence before gave.
LEANING_WORDS = frozenset(
    """he she it they his her its their him them this these those that such there here then
    however but nevertheless nonetheless still yet instead meanwhile also moreover furthermore
    additionally besides so thus therefore hence and or nor otherwise later earlier previously
    afterward afterwards likewise similarly conversely rather indeed both another thereafter
    """.split()
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
    # a moment the sentence before gave ("At the time, during heavy campaigning, Obama
    # stated ..." after the sentence telling when Bush proposed the change): moved, it is
    # another moment's. ("At the time of the attack" names its own: the comma.)
    "at the time,", "at that time", "by that time", "until then", "before then", "back then",
    "shortly thereafter", "soon thereafter", "shortly afterward", "shortly afterwards",
    "soon afterward", "soon afterwards", "the next day", "the following day",
    "the previous day", "the day before,", "the next morning", "the following morning",
    "the next week", "the following week",
    *(f"{count} {unit} later" for count in ("a", "one", "two", "three", "four", "five", "a few",
                                           "several", "some")
      for unit in ("minutes", "hours", "days", "weeks", "months", "years", "minute", "hour",
                   "day", "week", "month", "year")
      if (count in ("a", "one")) == (not unit.endswith("s"))),
    "moments later", "minutes later", "hours later", "days later", "weeks later",
    "months later", "years later",
)
# Anywhere in the writer's own words, a measure taken against what the sentence before
# said: "Sen. Jim DeMint would not go that far but said ...", "Others followed suit".
MEASURED_BACK = re.compile(
    r"\b(?:go|goes|went|gone|going)\s+(?:that|so|as)\s+far\b(?!\s+as)|\bfollow(?:s|ed)?\s+suit\b"
    r"|\b(?:did|do|does|done)\s+the\s+same\b|\becho(?:ed|es)?\s+(?:that|this|those|these)\b"
    # "Trump changed his mind after ...": a turn from what the sentence before told
    r"|\bchang(?:e|es|ed|ing)\s+(?:his|her|its|their)\s+minds?\b|\breversed\s+course\b",
    re.IGNORECASE)


# Every MEASURED_BACK match holds one of these words (performance: most sentences hold
# none, found with a few substring tests instead of a case-blind scan of every word).
_MEASURE_WORDS = ("far", "suit", "same", "echo", "mind", "course")


def _may_measure_back(text: str) -> bool:
    """False only when MEASURED_BACK cannot match: ASCII text (a case-blind match of
    non-ASCII text may read "ſ" as "s") holding none of its words."""
    if not text.isascii():
        return True
    low = text.lower()
    return any(word in low for word in _MEASURE_WORDS)


def measures_back(text: str) -> bool:
    """Does the writer (outside quotation marks) measure against what the sentence before
    said ("would not go that far", "changed his mind")?"""
    return _may_measure_back(text) and MEASURED_BACK.search(_QUOTED.sub(" ", text)) is not None


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
    if measures_back(text):
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


# Past its opening, a sentence can still lean on the one before it. Each pattern names a
# way; all are asked of the writer's own words (quotations blanked), so a speaker's "this"
# is not the writer's.
# '"...," he said.' / '"...," the former vice president said.': the speaker, outside the
# quotation that opens the sentence, is a pronoun or a description naming no one.
_SAYING_VERB = (r"(?:said|says|say|told|tells|added|adds|wrote|writes|explained|explains"
                r"|continued|recalled|argued|insisted|noted|warned|replied|responded|asked)")
_SPOKEN_BY_POINTER = re.compile(
    rf"^[\s,.:;!?\u2014-]*(?:(?:he|she|they)\s+(?:\w+ly\s+)?{_SAYING_VERB}\b"
    rf"|{_SAYING_VERB}\s+(?:he|she|they)\b"
    rf"|the\s+(?:[a-z][\w'-]*\s+){{0,3}}?{_SAYING_VERB}\b"
    rf"|{_SAYING_VERB}\s+the\s+(?:[a-z][\w'-]*\s*){{1,3}}[.,]?\s*$)")
# '"I would look foolish if I did that," Mr. Trump responded': a reply, after what it answers.
_REPLYING = re.compile(r"\b(?:responded|replied|retorted|answered|shot\s+back|fired\s+back)\b")
# A pronoun subject after a scene phrase: "Speaking to reporters, she said ...".
_PHRASE_THEN_PRONOUN = re.compile(
    r"^((?:[^,\"\u201c\u201d]{2,100},\s+){1,3}?)(he|she|they)\s+[a-z]")
# "Republican officials dismissed that criticism.": "that" and a noun closing the sentence,
# or after a preposition ("for that project"); elsewhere an early "that" is most often
# "said that ...". "These actions" mid-sentence is left to the weave, which places it
# after the fact it names.
_TIMES = ("year|years|week|weeks|month|months|morning|afternoon|evening|night|weekend|summer"
          "|spring|fall|autumn|winter|season|day|days|time|decade|century|past|coming")
_NOT_NOUN = ("the|a|an|he|she|it|they|we|i|you|his|her|its|their|our|is|was|are|were|will|would"
             "|could|can|may|might|has|had|have|does|did")
_DEMONSTRATIVE_NOUN = re.compile(
    rf"\bthat\s+(?!(?:{_TIMES}|{_NOT_NOUN})\b)[a-z][\w'-]+\W*$"
    # "for that project", "against that backdrop": after a preposition, "that" can only point
    rf"|\b(?:for|of|on|about|against|from|with|over|despite|toward|towards|behind|beyond)"
    rf"\s+that\s+(?!(?:{_NOT_NOUN})\b)[a-z][\w'-]+")
# "The official also insisted on anonymity": a described subject that adds to what the
# sentence before told of it.
_DESCRIBED_ALSO = re.compile(r"^\W*the\s+(?:[a-z][\w'-]*\s+){1,3}?(?:also|too)\b", re.IGNORECASE)
# "The Arizona Republican said ...": a legislator called by state and party (a news idiom)
# is the one the sentence before named. (A lowercase "The senator said" refers back by
# `refers_back`, and the weave places it after its sentence.)
_DESCRIBED_SPEAKER = re.compile(
    rf"^\W*[Tt]he\s+(?:[A-Z][a-z]+\s+){{1,2}}(?:Republican|Democrat|Independent)"
    rf"\s+(?:\w+ly\s+)?{_SAYING_VERB}\b")


# "Administration officials warn that it would put Americans at risk", "The European Union
# and former officials have urged Obama to stop it": a party of several (a plural subject)
# giving its view of "it", with nothing in the sentence "it" could be; "it" is what the
# sentence before told ("The White House has fought against the bill for months").
_VIEW_VERB = (r"(?:warn|warned|say|said|argue|argued|fear|feared|believe|believed|contend"
              r"|contended|insist|insisted|urge|urged|call|called|want|wanted|ask|asked|expect"
              r"|expected|claim|claimed|worry|worried|hope|hoped|note|noted|suggest|suggested"
              r"|oppose|opposed|support|supported|criticize|criticized|criticise|criticised"
              r"|praise|praised|welcome|welcomed|reject|rejected|back|backed|defend|defended"
              r"|dispute|disputed)")
_SEVERAL_ON_IT = re.compile(
    rf"^\W*(?:[\w-]+\s+){{0,9}}?[a-z][\w-]*[^\Ws]s\s+(?:(?:have|had|will|would|also)\s+)?"
    rf"{_VIEW_VERB}\s+(?:that\s+|[A-Z][\w-]+\s+to\s+[a-z]+\s+)?it\b"
    # "Officials said it was too early to tell": an "it" pointing forward
    r"(?!\s+(?:is|was|has\s+been|had\s+been|seems|seemed|appears|appeared|remains|remained)\b)")


# "On completion of this investigation, Microsoft will ...", "After these talks, ...": a
# scene phrase naming its moment by a demonstrative and a noun.
_DEMONSTRATIVE_PHRASE = re.compile(
    rf"\b(?:this|these|those)\s+(?!(?:{_TIMES})\b)(?:[a-z][\w'-]*\s+){{0,2}}?([a-z][\w'-]*),\s")


def untold_referent(text: str, seen: Collection[str]) -> bool:
    """Does the sentence open on a quotation whose scene phrase points at something by a
    demonstrative and a noun ("“On completion of this investigation, ...” the company said")
    that no sentence read before it names (`seen`: the content words of those)? The
    speaker's "this" points into the statement quoted, which the report did not quote: at
    nothing the reader has met. (In the writer's own words "After this setback, ..." most
    often sums up the sentence before it, in other words.)"""
    if text.lstrip()[:1] not in OPENING + '"':
        return False
    text = text.lstrip(OPENING_MARKS)
    phrase = LEADING_PHRASE.match(text)
    if phrase is None:
        return False
    found = _DEMONSTRATIVE_PHRASE.search(phrase.group(0))
    return found is not None and not content_words(found.group(1)) <= set(seen)


def views_untold_it(text: str) -> bool:
    """Do several give their view of an "it" the sentence does not name ("Officials warn
    that it would ...", quotations aside)?"""
    return _SEVERAL_ON_IT.match(_QUOTED.sub(" ", text.strip())) is not None


@lru_cache(maxsize=65_536)  # performance: pure, and asked of a sentence by several steps
def leans_on_before(text: str) -> bool:
    """Does the sentence need the one before it in its report, by its opening (`leans_back`)
    or past it: an aside in brackets, a quotation whose speaker is only "he" or "the
    official" or that is a reply, a pronoun subject after a scene phrase, a demonstrative
    and its noun closing it ("dismissed that criticism"), a described subject that
    adds to it ("The official also ..."), or a party of several giving its view of an
    "it" the sentence does not name ("Officials warn that it would ...")? Such a sentence
    is one unit with the one before (`units`): moved alone, it points at whatever precedes
    it. (A measure taken against it, `measures_back`, is not: the weave places such a
    sentence right after the one it follows, and a unit opening on a fact another report
    tells would take it out of the story with that fact.)"""
    stripped = text.strip()
    if leans_back(text) or stripped.startswith("("):  # an aside on the sentence before
        return True
    own = _QUOTED.sub(" ", stripped)
    if stripped[:1] in OPENING + '"' and own != stripped and (
            _SPOKEN_BY_POINTER.match(own) or _REPLYING.search(own)):
        return True
    phrase = _PHRASE_THEN_PRONOUN.match(own)
    # "they" is rarely the people the phrase names ("Pressed by Pence and McCarthy, they
    # refused"); "he" or "she" often is ("When Mr. Steele made the remarks, he was ...")
    if phrase and (phrase.group(2).lower() == "they" or not names(phrase.group(1))):
        return True
    return (_DEMONSTRATIVE_NOUN.search(own) is not None
            or _DESCRIBED_ALSO.match(own) is not None
            or views_untold_it(own))


def described_speaker(text: str) -> bool:
    """Does the sentence open on a legislator called by state and party ("The Arizona
    Republican said ..."), the one the sentence before named? Not a unit's glue (another
    day's brief tells who spoke, and what each said only where it fits: moments.py), but
    `more` tells it after that sentence."""
    return _DESCRIBED_SPEAKER.match(text) is not None


# "It is worth noting that ...", "It was always going to be hard to ...": an "it" that
# stands for the clause after it, not for anything told before.
_EXPLETIVE = re.compile(
    r"^\W*it\s+(?:is|was|seems|seemed|appears|appeared|remains|remained)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:that|whether|to|if|how|why|what|when)\b", re.IGNORECASE)


def expletive(text: str) -> bool:
    """Does the sentence open on an "it" that points forward, to the clause it opens
    ("It is worth noting that ..."), which `leans_back` cannot tell from one that points
    back?"""
    return _EXPLETIVE.match(text) is not None


def units(report: Sequence[Piece]) -> list[tuple[int, int]]:
    """(start, end) of each unit, end exclusive, covering the report in order.

    A heading is a unit of its own. A sentence joins the unit before it when it leans
    back (`leans_on_before`), up to MAX_UNIT sentences (a longer chain is cut before a
    sentence that leans: the report's own passage, too long to move whole). Quotations are already whole
    sentences (whole_quotations); a quotation paragraph naming no one joins the speaker's
    quotation in the paragraph before (`speaker_goes_on`), up to MAX_QUOTE sentences. A
    quotation pointing at something its report never named (`untold_referent`) leans on
    nothing before it, and opens a unit."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, piece in enumerate(report):
        if i == 0:
            continue
        joins = (piece.kind != "heading" and report[i - 1].kind != "heading"
                 and leans_on_before(piece.feat.text) and i - start < MAX_UNIT) or (
            i - start < MAX_QUOTE and speaker_goes_on(report[i - 1], piece))
        # "“On completion of this investigation, ...” the company said", the report having
        # told of none: what it points at is not the sentence before it (the report's words
        # gathered only for a quotation opening the sentence, performance)
        if joins and piece.feat.text.lstrip()[:1] in OPENING + '"':
            told = frozenset().union(*(p.feat.content for p in report[:i]))
            joins = not untold_referent(piece.feat.text, told)
        if not joins:
            out.append((start, i))
            start = i
    if report:
        out.append((start, len(report)))
    return out
