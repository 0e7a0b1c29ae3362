"""Decide whether two sentences say the same thing, in two tiers.

Takes: `Features` of sentences (builder/merge/normalise.py) and the story's IDF table.
Gives: a `Match` (tier and score) or None, and citation support tests.

  copy        most word 3-shingles of the shorter sentence recur in the longer one: the
              same sentence, re-posted or lightly edited (wire copy, syndication);
  quote       both carry the same quotation (one may quote only part of the other);
  paraphrase  TF-IDF cosine over content-word stems is high and the names and figures
              agree: the same fact in other words.

Figures must agree in every tier: "3 dead" never merges with "5 dead". Two sentences that
would match but for a figure are a `conflict`: the merge keeps one and notes who says what.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from builder.merge.normalise import Features

COPY_CONTAINMENT = 0.6
QUOTE_MIN_WORDS = 5
PARAPHRASE_COSINE = 0.35
CONTENT_CONTAINMENT = 0.8  # of the shorter sentence's content words: a near-copy
MIN_CONTENT = 4


@dataclass(frozen=True, slots=True)
class Match:
    tier: str  # copy | near | quote | paraphrase | conflict
    score: float


TOPIC_NAME_SHARE = 0.15  # a name in this share of a story's sentences is its topic


class Idf:
    """Inverse document frequency of content stems over all sentences of one story, and
    the story's topic names (those so common that they tell no two facts apart)."""

    def __init__(self, documents: Iterable[Features]) -> None:
        counts: Counter[str] = Counter()
        name_counts: Counter[str] = Counter()
        n = 0
        for doc in documents:
            counts.update(doc.content)
            name_counts.update(doc.names)
            n += 1
        self._n = max(n, 1)
        self._idf = {w: math.log((1 + self._n) / (1 + c)) + 1.0 for w, c in counts.items()}
        self._df = counts
        self.topic_names = frozenset(
            name for name, c in name_counts.items() if n >= 10 and c / n >= TOPIC_NAME_SHARE
        )

    def df(self, word: str) -> int:
        """In how many sentences of the story (all reports) the word occurs."""
        return self._df.get(word, 0)

    def weight(self, word: str) -> float:
        return self._idf.get(word, math.log(1 + self._n) + 1.0)

    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        if not a or not b:
            return 0.0
        shared = sum(self.weight(w) ** 2 for w in a & b)
        norm_a = math.sqrt(sum(self.weight(w) ** 2 for w in a))
        norm_b = math.sqrt(sum(self.weight(w) ** 2 for w in b))
        return shared / (norm_a * norm_b)


def figures_conflict(a: Features, b: Features) -> bool:
    """Both state figures, and neither's figures are all among the other's."""
    return bool(a.numbers and b.numbers) and not (a.numbers <= b.numbers or b.numbers <= a.numbers)


def names_agree(a: Features, b: Features, topic: frozenset[str] = frozenset()) -> bool:
    """The shorter sentence names nobody the longer one leaves out (one slip allowed).

    The story's topic names do not count: in a story about North Korea one outlet writes
    "North Korea" where another writes "Pyongyang", and neither tells two facts apart."""
    small, large = (a, b) if len(a.content) <= len(b.content) else (b, a)
    return len(small.names - large.names - topic) <= 1


def shared_quote(a: Features, b: Features) -> bool:
    for qa in a.quotes:
        for qb in b.quotes:
            short, long_ = (qa, qb) if len(qa) <= len(qb) else (qb, qa)
            if len(short.split()) >= QUOTE_MIN_WORDS and short in long_:
                return True
    return False


def containment(a: frozenset, b: frozenset) -> float:
    """Share of the smaller set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


NEGATION = frozenset({"no", "not", "never", "nor", "none", "nothing", "without", "neither"})


def negated(f: Features) -> bool:
    return bool(NEGATION & set(f.folded.split())) or "n't" in f.folded


def rare_words_backed(body: Features, source: Features, idf: Idf) -> bool:
    """The body sentence's distinctive words (used by at most two sentences of the story)
    are mostly in the source sentence too: it told this fact, not just its setting."""
    rare = [w for w in body.content if idf.df(w) <= 2]
    return not rare or sum(1 for w in rare if w in source.content) * 2 >= len(rare)


def match(a: Features, b: Features, idf: Idf) -> Match | None:
    # "received a response" and "received no response" are different facts.
    if negated(a) != negated(b):
        return None
    if shared_quote(a, b):
        return None if figures_conflict(a, b) else Match("quote", 1.0)
    copy = containment(a.shingles, b.shingles) if min(len(a.shingles), len(b.shingles)) >= 3 else 0.0
    near = (
        containment(a.content, b.content)
        if min(len(a.content), len(b.content)) >= MIN_CONTENT
        else 0.0
    )
    cosine = idf.cosine(a.content, b.content)
    similar = copy >= COPY_CONTAINMENT or near >= CONTENT_CONTAINMENT or (
        cosine >= PARAPHRASE_COSINE and names_agree(a, b, idf.topic_names)
    )
    if not similar:
        return None
    if figures_conflict(a, b):
        return Match("conflict", cosine)
    if copy >= COPY_CONTAINMENT:
        return Match("copy", 1.0 + copy)
    if near >= CONTENT_CONTAINMENT:
        return Match("near", max(cosine, near))
    return Match("paraphrase", cosine)


SUPPORT_COSINE = 0.25
SUPPORT_SHARE = 0.3


def supports(body: Features, source: Features, idf: Idf) -> bool:
    """Does this source sentence back a citation on the body sentence?

    The tests a reader's spot check would make: it carries a fair share (a quarter) of the
    body sentence's content words, so a short aside that happens to be contained in a long
    sentence is not credited with all of it; and it is a near-copy (most of the shorter
    one's content words), shares its quotation, or tells the same fact in other words
    (TF-IDF cosine and a third of the words) with no figure in conflict.
    """
    if not body.content or not source.content:
        return False
    if not body.plain or max(
        (len(body.plain & part) for part in source.plain_parts), default=0
    ) < 0.25 * len(body.plain):
        return False
    shared = len(body.content & source.content)
    if shared_quote(body, source) and not figures_conflict(body, source):
        return True
    if figures_conflict(body, source):
        return False
    if len(source.content) >= MIN_CONTENT and shared / min(
        len(body.content), len(source.content)
    ) >= CONTENT_CONTAINMENT:
        return True
    return (
        shared / len(body.content) >= SUPPORT_SHARE
        and idf.cosine(body.content, source.content) >= SUPPORT_COSINE
        and negated(body) == negated(source)
        and rare_words_backed(body, source, idf)
    )
