"""Split a paragraph into sentences, without breaking quotations, abbreviations or initials.

Takes: one block's text. Gives: its sentences, in order, as stripped strings whose
concatenation (with single spaces) is the block's text.

A sentence ends at . ! ? (or … and CJK stops) followed by optional closing quotes or
brackets, then space, then something that can open a sentence. It does not end:
  - inside a quotation ("We have no doubt ... this year. It's just ...," he said),
    so a quote stays whole and can be matched across outlets;
  - after an abbreviation (Mr., Jr., Dec., No.), an initial (Carol E. Lee) or a dotted
    acronym followed by a name (U.S. Deputy Representative).
A full stop glued to the next sentence ("...to Russia.However, ...") is a boundary when
the word before it is a plain word and the one after is a capitalised word.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr inc ltd co corp
    vs etc jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx dept est univ
    rev hon pres supt mt ft av ave blvd e.g i.e cf al ca""".split()
)
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
GLUED = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,}\b)")


def split_sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    text = GLUED.sub(". ", text)
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


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotations, judged by where each mark stands.

    A mark followed by a word character opens; one preceded by a word character or
    punctuation and followed by space/end closes. This copes with outlets that type the
    wrong curly quote ("stated,”President ..."). Unbalanced quotes give no spans.
    """
    spans, opened = [], None
    for mark in QUOTE_MARK.finditer(text):
        i, ch = mark.start(), mark.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = (after.isalnum() or after in "‘'[(") and (before.isspace() or before in ",:;([—–-") or (
            ch in "“„«" and not before.isalnum()
        )
        if opened is None and opens:
            opened = i
        elif opened is not None and not after.isalnum():
            spans.append((opened, i))
            opened = None
    return spans if opened is None else spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _boundaries(text: str) -> list[int]:
    spans = _quote_spans(text)
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
        ):
            cuts.append(k)
        i = j
    return cuts


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
    if len(word) == 1 and word.isupper():  # an initial: "Carol E. Lee"
        return True
    if _DOTTED.fullmatch(word):
        following = _FOLLOWING.match(text, next_start)
        return bool(following) and following.group(0).casefold() not in SENTENCE_OPENERS
    return False
