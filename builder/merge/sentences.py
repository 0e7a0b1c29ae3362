"""Split a paragraph into sentences, without breaking quotations, abbreviations or initials.

Takes: one block's text. Gives: its sentences, in order, as stripped strings whose
concatenation (with single spaces) is the block's text up to whitespace: runs of spaces
become one, a space goes after a full stop glued to the next sentence, and spaced
lower-case abbreviations lose theirs ("4 a. m." becomes "4 a.m.", as the outlet printed it
before a detokeniser spaced it out). No other character is ever added or lost.

A sentence ends at . ! ? (or … and CJK stops) followed by optional closing quotes or
brackets, then space, then something that can open a sentence. It does not end:
  - inside a quotation ("We have no doubt ... this year. It's just ...," he said),
    so a quote stays whole and can be matched across outlets;
  - inside parentheses: "(D-W. Va.), who had been seeking ..." is one sentence; a
    bracket closed in the next sentence would leave one half open and the other unopened;
  - after an abbreviation (Mr., Jr., Dec., approx.), one that only abbreviates before a
    number ("No. 5", "Art. 12": "the answer was no." still ends), an initial (Carol E.
    Lee, J. R. R. Tolkien, U. S. Fish; the state's first letter in a party tag, "D-W. Va."),
    or a dotted acronym followed by a word that does
    not usually open a sentence ("U.S. Deputy Representative", "4 a.m. Monday"; but
    "... in the U.S. The ..." ends).
  - at a question mark glued to a word and followed by a figure, in a clause that does not
    open like a question: "who earns? 900 a month" is a currency sign (EUR) the outlet's
    encoding turned into "?"; news style does not open a sentence with a figure, so a
    figure after "?" is read as the rest of the sentence unless the clause is plainly a
    question ("Who earns more? 900 people said ..." still ends).
  - after a quotation that closes with its own stop when all that follows, up to the next
    stop, is its speaker ('"... in this fight." Obama wrote in a letter delivered Tuesday.'):
    the words and the one who said them are one claim; split, the speaker line says
    nothing and the quotation has no speaker.
An ellipsis ends a sentence only before a capital, as any stop does.
A full stop glued to the next sentence ("...to Russia.However, ...") is a boundary when
the word before it is a plain word and the one after is a capitalised word.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr inc ltd co corp
    vs etc jan feb mar apr jun jul aug sep sept oct nov dec approx dept est univ
    rev hon pres supt mt ft av ave blvd e.g i.e cf al ca sens reps govs gens messrs mmes
    sgts cpl pvt det insp atty assn bros""".split()
)
# Abbreviations only before a figure ("No. 5", "Art. 12", "p. 40"): a common word otherwise.
NUMBER_ABBREVIATIONS = frozenset("no nos art arts vol vols p pp fig figs sec ch para op nr".split())
# A clause opening with one of these words is a question: its "?" ends it even before a figure.
QUESTION_OPENERS = frozenset(
    """who whom whose what which when where why how is are was were am do does did can could
    will would shall should may might must has have had isn't aren't wasn't weren't don't
    doesn't didn't can't couldn't won't wouldn't shouldn't hasn't haven't""".split()
)
_QUESTION_WORDS = frozenset("who whom whose what which when where why how".split())
# Where a clause starts inside a sentence: after a colon, semicolon or dash (not a comma:
# "..., who earns? 900 a month" is a relative clause).
_CLAUSE_START = re.compile(r"[:;]\s+|\s[—–-]+\s+")
_FIRST_WORD = re.compile(r"[^\w]*([\w'’]+)")
# After a dotted acronym (U.S.), these words usually open a new sentence; anything else
# capitalised is more likely a name the acronym qualifies ("U.S. Deputy Representative").
SENTENCE_OPENERS = frozenset(
    """the a an it he she they we i but and in on at this that these those there his her
    their its our however meanwhile still yet so as after before when while if for some
    many most officials according then now on by with from one two""".split()
)
OPEN_QUOTES = "\"“‘«„"
END_CHARS = ".!?…。！？"
CLOSERS = "\"'”’»)]"
END_MARK = re.compile(f"[{re.escape(END_CHARS)}]")
QUOTE_MARK = re.compile("[\"“”„«»]")
PARENS = re.compile(r"[()]")
# A full stop after three lower-case letters, before a capitalised word. Written stop
# first (the lookbehind after it): the regex engine then jumps from stop to stop instead
# of trying the lookbehind at every character; the same matches as (?<=[a-z]{3})\.(?=...).
GLUED = re.compile(r"\.(?<=[a-z]{3}\.)(?=[A-Z][a-z]{2,}\b)")
# "a. m.", "p. m.", "e. g.": single lower-case letters with stops, spaced apart; what is
# matched is the stop and the space after the first letter (replaced by the stop alone).
# Stop first, for the same reason: the matches of (?<![\w.])([a-z])\. (?=...), less the
# letter (tests/merge/test_merge_speed.py holds the two to the same result).
SPACED_INITIALS = re.compile(r"\. (?<=[a-z]\. )(?<![\w.][a-z]\. )(?=[a-z]\.(?!\w))")


def split_sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    text = GLUED.sub(". ", text)
    text = SPACED_INITIALS.sub(".", text)
    cuts = _boundaries(text)
    out, start = [], 0
    for cut in cuts:
        piece = text[start:cut].strip()
        if piece:
            out.append(piece)
        start = cut
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _unbroken_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges no sentence ends inside: quotations and parentheses."""
    return _quote_spans(text) + _paren_spans(text)


def _paren_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside matched round brackets (outermost pairs; nested ones lie
    within them). A bracket left unclosed, or closed without being opened, gives no span:
    "1) first ... 2) second" must still split."""
    if "(" not in text:
        return []
    spans, opened = [], []
    for mark in PARENS.finditer(text):
        if mark.group() == "(":
            opened.append(mark.start())
        elif opened:
            start = opened.pop()
            if not opened:
                spans.append((start, mark.start()))
    return spans


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotations, judged by where each mark stands.

    A mark followed by a word character opens; one preceded by a word character or
    punctuation and followed by space/end closes. This copes with outlets that type the
    wrong curly quote ("stated,”President ..."). Unbalanced quotes give no spans.
    """
    spans, opened = [], None
    for mark in QUOTE_MARK.finditer(text):
        i = mark.start()
        if opened is None and _opens(text, i):
            opened = i
        elif opened is not None and not _after(text, i).isalnum():
            spans.append((opened, i))
            opened = None
    return spans


def _after(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _opens(text: str, i: int) -> bool:
    """Whether the quotation mark at `i` opens a quotation (see _quote_spans)."""
    before = text[i - 1] if i else " "
    after = _after(text, i)
    return (after.isalnum() or after in "‘'[(") and (before.isspace() or before in ",:;([—–-") or (
        text[i] in "“„«" and not before.isalnum()
    )


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _boundaries(text: str) -> list[int]:
    spans = _unbroken_spans(text)
    cuts = []
    i, n = 0, len(text)
    # Performance: jump from one sentence-ending mark to the next instead of visiting
    # every character; marks inside a run already consumed (i moved past them) are skipped.
    for end in END_MARK.finditer(text):
        if end.start() < i:
            continue
        i = end.start()
        ch = text[i]
        j = i + 1
        while j < n and (text[j] in END_CHARS or text[j] in CLOSERS):
            j += 1
        if j >= n:
            break
        cjk = ch in "。！？"
        if not text[j].isspace() and not cjk:
            i = j
            continue
        k = j
        while k < n and text[k].isspace():
            k += 1
        if k >= n:
            break
        nxt = text[k]
        if (
            (cjk or nxt.isupper() or nxt.isdigit() or nxt in OPEN_QUOTES or nxt in "(['")
            and not (spans and _inside(j, spans))
            and not (ch == "." and _is_abbreviation(text, i, k))
            and not (ch == "?" and _is_lost_sign(text, cuts[-1] if cuts else 0, i, k))
            and not (j - i > 1 and _is_attribution(text, j, k))
        ):
            cuts.append(k)
        i = j
    return cuts


def _is_lost_sign(text: str, start: int, mark: int, next_start: int) -> bool:
    """Whether the "?" at `mark` stands for a lost currency sign before the figure at
    `next_start` (see the module docstring); `start` is where the sentence began."""
    if not (text[next_start].isdigit() and mark > start and text[mark - 1].isalpha()
            and next_start == mark + 2):
        return False
    clause = _CLAUSE_START.split(text[start:mark])[-1]
    first = _FIRST_WORD.match(clause)
    last = clause.rsplit(None, 1)[-1].casefold()  # "... on what?" asks too
    return not (first and first.group(1).casefold().replace("’", "'") in QUESTION_OPENERS
                or last in _QUESTION_WORDS)


# A speaker and a verb of saying: "Obama wrote in a letter", "Sen. John Thune, R-S.D., said".
ATTRIBUTION = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*,?|of|the|de|van|von|al|bin)\s+){1,6}(?:\S+\s+){0,3}?"
    r"(?:said|says|wrote|writes|added|adds|told|asked|stated|explained|declared|tweeted"
    r"|posted|insisted|argued|warned|noted|replied|responded|thundered|shouted|exclaimed"
    r"|cried|yelled|conceded|admitted|continued|concluded|remarked)\b")
ATTRIBUTION_WORDS = 8  # a speaker line longer than this tells something of its own ...
# ... unless its verb of saying takes no object of its own: what follows the verb is where,
# when or how it was said ('"... another!" Papandreou thundered in Parliament during a
# session to discuss the cuts'), so the quotation before it is what was said, and split
# off, the line would say nothing ("thundered in Parliament").
UNSAID = frozenset("""in at on during before after to from outside inside while when as
    late early earlier later yesterday today tonight""".split())
QUOTE_CLOSERS = "\"”»"


def _is_attribution(text: str, mark_end: int, next_start: int) -> bool:
    """Is what opens at `next_start`, after a stop that closed a quotation (the closers
    run to `mark_end`), only that quotation's speaker, up to the next stop?"""
    if not any(c in QUOTE_CLOSERS for c in text[mark_end - 3:mark_end]):
        return False
    found = END_MARK.search(text, next_start)
    # a stop inside a word ("R-S.D.,") or after an abbreviation ("Sen.") ends nothing
    while found and (not _after(text, found.start()).isspace()
                     or _is_abbreviation(text, found.start(), found.end() + 1)):
        found = END_MARK.search(text, found.end())
    clause = text[next_start:found.start() if found else len(text)]
    if QUOTE_MARK.search(clause):
        return False
    said = ATTRIBUTION.match(clause)
    if said is None:
        return False
    if len(clause.split()) <= ATTRIBUTION_WORDS:
        return True
    rest = clause[said.end():].lstrip()
    return not rest or rest[0] == "," or rest.split(None, 1)[0].casefold() in UNSAID


# A party and the first letter of a two-word state: "D-W." of "D-W. Va.", "R-N." of "R-N. H.".
PARTY_TAG = re.compile(r"[DRI]-[A-Z]")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, U.N, a.m
_FOLLOWING = re.compile(r"[\w']+")
_WORD_OPENERS = "(\"“‘'"  # a word before a full stop starts after a space or one of these


def _is_abbreviation(text: str, dot: int, next_start: int) -> bool:
    # The word before the dot starts after the last space, or after an opening bracket
    # or quote within it (found with C string methods, not char by char).
    head = text[:dot]
    if not head or head[-1].isspace():
        return False
    word = head.rsplit(None, 1)[-1]
    for mark in _WORD_OPENERS:
        if mark in word:
            word = word[word.rfind(mark) + 1:]
    if not word:
        return False
    lower = word.casefold()
    if lower in ABBREVIATIONS:
        return True
    if lower in NUMBER_ABBREVIATIONS:
        return next_start < len(text) and text[next_start].isdigit()
    if len(word) == 1 and word.isalpha():  # an initial ("Carol E. Lee") or "a. m." spaced
        return True
    if PARTY_TAG.fullmatch(word):  # "Rep. Nick Rahall (D-W. Va.)": the W of W. Va.
        return True
    if _DOTTED.fullmatch(word):
        following = _FOLLOWING.match(text, next_start)
        return bool(following) and following.group(0).casefold() not in SENTENCE_OPENERS
    return False
