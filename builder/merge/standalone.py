"""Can a sentence be read alone, as an item of the story in brief, with nothing before it?

Takes: a sentence's text and features, and the words of the items a reader has read before
it. Gives: `stands_alone` (no opening that points back, no quotation whose speaker goes
unnamed) and `leaning`, how much the sentence still leans on a context the brief does not
give (an "also", a definite description of something no earlier item introduced), as a
factor that lowers its rank.

A body sentence is read after the one before it; a brief item is read alone. "He said",
"However", a quotation followed by "she said", "the official said" all name their subject
in the sentence that came before, which the brief does not print (units.py keeps such a
sentence with its antecedent in the body; here it is simply not an item).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from builder.merge.normalise import Features, content_words, names
from builder.merge.units import (LEADING_PHRASE, LEANING_WORDS, OPENING_MARKS, leans_back,
                                 views_untold_it)

# "Paris has also been the scene of ...", "Violence also broke out in ...": the sentence
# adds to something told before it, a secondary fact (t24's background, t08's second city).
ADDING = frozenset({"also", "too"})
ADDING_WEIGHT = 0.5
# "The champion cornered Thompson", "The rules were weakened": a subject named only by a
# definite description points at what an earlier sentence introduced; alone, it is vague.
DESCRIBED_WEIGHT = 0.6
# "Police responded with barrages of tear gas": a response whose cause the sentence does not
# give ("to ...", "when ...", "after ...") answers what the sentence before it told.
_RESPONSE = re.compile(r"\b(?:responded|reacted|retaliated|replied|hit\s+back|fired\s+back)\b"
                       r"(?!.*\b(?:to|when|after|because|following|as)\b)", re.IGNORECASE)
# What an ASCII sentence _RESPONSE finds must hold (performance only: the search tries
# every word of every sentence asked; most hold none of these). Other text is searched:
# the regex's case-blind match is not str.lower's.
_RESPONSE_STEMS = ("respond", "react", "retaliat", "repl", "hit", "fired")


def _may_respond(text: str) -> bool:
    if not text.isascii():
        return True
    low = text.lower()
    return any(stem in low for stem in _RESPONSE_STEMS)


_DEFINITE = re.compile(r"[Tt]he\s+((?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*)\b")
_QUOTED = re.compile(
    "[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]*(?:[\"\u201d\u00bb]|$)")
# "It's the first time ...", "That's why ...": a pronoun opening in a contraction, which
# units.leans_back lets pass (in the body such a sentence follows its antecedent anyway).
_CONTRACTED = re.compile(
    r"(?:%s)['\u2019](?:s|re|ll|d|ve)\b" % "|".join(sorted(LEANING_WORDS, key=len, reverse=True)),
    re.IGNORECASE)
# "a police source said", "said one official": a speaker described but not named, as news
# reports often give one; unlike "she said" or "the official said", it points at no one before.
_SAYING = r"(?:said|says|told|added|wrote|warned|stated)"
_INDEFINITE_SPEAKER = re.compile(
    rf"\b(?:a|an|one)\s+(?:[\w'-]+\s+){{0,4}}?{_SAYING}\b|\b{_SAYING}\s+(?:a|an|one)\b",
    re.IGNORECASE)
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")


def stands_alone(text: str) -> bool:
    """No opening that points back ("He", "However", "In return", "It's"), no response
    whose cause goes untold ("Police responded with tear gas"), no view of an "it" the
    sentence does not name ("Officials warn that it would ..."), no quotation with
    no speaker, and no quotation whose speaker is given only as "she" or "the official"
    ("Speaking to reporters, she said the gang 'had planned it for weeks'"): a reader of the
    brief alone would not know who speaks. A named speaker, or one described ("a police
    source said"), is known."""
    if (leans_back(text) or _CONTRACTED.match(text.lstrip(OPENING_MARKS))
            or (_may_respond(text) and _RESPONSE.search(text)) or views_untold_it(text)):
        return False
    if _QUOTE_MARK.search(text):
        outside = _QUOTED.sub(" it ", text)  # "it": the name after it is no sentence start
        return bool(names(outside)) or _INDEFINITE_SPEAKER.search(outside) is not None
    return True


def leaning(text: str, feat: Features, introduced: Collection[str]) -> float:
    """How fully the sentence stands alone, from 1 (it does) down: an adding word ("also",
    "too") halves it; a subject named by a definite description whose words no earlier item
    gives (`introduced`: their content words) counts DESCRIBED_WEIGHT."""
    weight = ADDING_WEIGHT if ADDING.intersection(feat.words) else 1.0
    opening = text.lstrip(OPENING_MARKS)
    phrase = LEADING_PHRASE.match(opening)
    described = _DEFINITE.match(opening[phrase.end():] if phrase else opening)
    if described is not None and not content_words(described.group(1)) <= set(introduced):
        weight *= DESCRIBED_WEIGHT
    return weight
