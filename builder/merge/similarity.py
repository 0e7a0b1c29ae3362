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
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

from builder.merge.normalise import Features

COPY_CONTAINMENT = 0.6
QUOTE_MIN_WORDS = 5
PARAPHRASE_COSINE = 0.35
CONTENT_CONTAINMENT = 0.8  # of the shorter sentence's content words: a near-copy
MIN_CONTENT = 4
NORM_MEMO = 8192  # sets whose norm is remembered per story (bounds memory)


@dataclass(frozen=True, slots=True)
class Match:
    tier: str  # copy | near | quote | paraphrase | conflict
    score: float


TOPIC_NAME_SHARE = 0.15  # a name in this share of a story's sentences is its topic


class Idf:
    """Inverse document frequency of content stems over all sentences of one story, and
    the story's topic names (those so common that they tell no two facts apart)."""

    def __init__(self, documents: Iterable[Features]) -> None:
        docs = list(documents)
        # One update over all sentences, not one a sentence: the same counts, words first
        # seen in the same order (performance).
        counts: Counter[str] = Counter(chain.from_iterable(doc.content for doc in docs))
        name_counts: Counter[str] = Counter(chain.from_iterable(doc.names for doc in docs))
        n = len(docs)
        self._n = max(n, 1)
        self._idf = {w: math.log((1 + self._n) / (1 + c)) + 1.0 for w, c in counts.items()}
        self._unseen = math.log(1 + self._n) + 1.0
        # Performance only: squared weights and set norms are computed once, not per pair
        # (the same floats, summed exactly, so scores are bit-for-bit the same).
        self._w2 = {w: v**2 for w, v in self._idf.items()}
        self._unseen2 = self._unseen**2
        self._norms: dict[int, tuple[frozenset[str], float]] = {}
        self._df = counts
        self.topic_names = frozenset(
            name for name, c in name_counts.items() if n >= 10 and c / n >= TOPIC_NAME_SHARE
        )

    def df(self, word: str) -> int:
        """In how many sentences of the story (all reports) the word occurs."""
        return self._df.get(word, 0)

    def weight(self, word: str) -> float:
        return self._idf.get(word, self._unseen)

    def _norm(self, words: frozenset[str]) -> float:
        # Keyed by identity (the set is pinned in the memo, so its id is not reused).
        hit = self._norms.get(id(words))
        if hit is not None and hit[0] is words:
            return hit[1]
        w2, unseen2 = self._w2, self._unseen2
        norm = math.sqrt(math.fsum(w2.get(w, unseen2) for w in words))
        if len(self._norms) < NORM_MEMO:
            self._norms[id(words)] = (words, norm)
        return norm

    # Sums over sets use math.fsum: a set of words is iterated in an order that changes
    # with the process's string hash seed, and a plain float sum changes with the order
    # in its last bits, enough to tip a score at a threshold or a tie between two groups
    # (one synthetic story in 30 seeds came out differently). fsum is exact, so the
    # same story gives the same scores in every run.
    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        if not a or not b:
            return 0.0
        w2, unseen2 = self._w2, self._unseen2
        shared = math.fsum(w2.get(w, unseen2) for w in a & b)
        return shared / (self._norm(a) * self._norm(b))


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


def negated(f: Features) -> bool:
    return f.negated


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
    if copy >= COPY_CONTAINMENT and not figures_conflict(a, b):
        return Match("copy", 1.0 + copy)  # the one answer that needs no cosine (performance)
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
    if near >= CONTENT_CONTAINMENT:
        return Match("near", max(cosine, near))
    return Match("paraphrase", cosine)


def possible_match_keys(feats: Sequence[Features], idf: Idf) -> tuple[list[int], list[set[int]]]:
    """Which sentences `match` could pair, by distinct sentence: sentences with the same
    words (one sentence printed by several outlets) share a key, worked out once. Gives
    each sentence's key, and for each key the keys it could match, itself included.

    Performance only: a necessary condition, computed for a whole story at once from
    inverted indexes instead of calling `match` on every pair. A pair left out is one that
    `match` returns None for: not both quoting, too few shared 3-shingles for a copy, too
    few shared content words for a near-copy, and too little shared IDF weight for a
    paraphrase (with a small slack for float rounding). `match` still decides every pair
    kept. Keep this in step with `match`: tests/test_merge_speed.py checks it on real
    stories.
    """
    distinct: dict[tuple, int] = {}
    uniq: list[Features] = []
    key_of: list[int] = []
    for f in feats:
        k = distinct.setdefault((f.content, f.shingles, bool(f.quotes)), len(uniq))
        if k == len(uniq):
            uniq.append(f)
        key_of.append(k)
    related = _possible_pairs(uniq, idf)
    for k, keys in enumerate(related):
        keys.add(k)
    return key_of, related


def _possible_pairs(feats: Sequence[Features], idf: Idf) -> list[set[int]]:
    out: list[set[int]] = [set() for _ in feats]
    by_word: defaultdict[str, list[int]] = defaultdict(list)
    by_shingle: dict[tuple[str, ...], list[int]] = {}
    quoting: list[int] = []
    norms = [idf._norm(f.content) if f.content else 0.0 for f in feats]
    w2, unseen2 = idf._w2, idf._unseen2
    get = by_word.get
    # Below this, a pair's best possible shared weight cannot reach the paraphrase cosine
    # (a margin well above float rounding: the weight itself is summed only when it might).
    hopeless = PARAPHRASE_COSINE - 1e-6
    least = math.inf  # the smallest norm of an earlier sentence with content words
    for i, f in enumerate(feats):
        content = f.content
        # Earlier sentences sharing words with this one, and how many (counted in C:
        # nearly every pair of a story shares a word, its topic's).
        common = Counter(chain.from_iterable([get(w, ()) for w in content]))
        for w in content:
            by_word[w].append(i)
        shared_sh: dict[int, int] = {}
        for sh in f.shingles:
            for j in by_shingle.get(sh, ()):
                shared_sh[j] = shared_sh.get(j, 0) + 1
            by_shingle.setdefault(sh, []).append(i)
        found = set(quoting) if f.quotes else set()
        n_sh, n_c = len(f.shingles), len(content)
        for j, count in shared_sh.items():
            # a copy shares at least 0.6 of three shingles: two (performance only)
            if count >= 2:
                small = min(n_sh, len(feats[j].shingles))
                if small >= 3 and count / small >= COPY_CONTAINMENT:
                    found.add(j)
        norm = norms[i]
        if not common:
            if content and norm < least:
                least = norm
            _link(out, i, found, f, quoting)
            continue
        # The most weight `count` shared words can carry: this sentence's heaviest.
        heaviest = list(accumulate(sorted((w2.get(w, unseen2) for w in content), reverse=True)))
        # Performance only: pairs sharing fewer than `fewest` words are passed over
        # without a look. Three shared words make no near-copy (that needs four, and 0.8
        # of the smaller sentence's), and a count whose heaviest words fail the cosine
        # bound against the smallest earlier norm fails it against every earlier norm
        # (rounded division and product are monotone): the bound below would drop them.
        fewest = 1
        while fewest <= 3 and fewest <= n_c and heaviest[fewest - 1] / (norm * least) < hopeless:
            fewest += 1
        for j, count in common.items():
            if count < fewest:
                continue
            other = feats[j].content
            small = min(n_c, len(other))
            if small >= MIN_CONTENT and count / small >= CONTENT_CONTAINMENT:
                found.add(j)
                continue
            if heaviest[count - 1] / (norm * norms[j]) < hopeless:
                continue
            # summed in the sentence's word order, as before (a list summed in C)
            weight = sum([w2.get(w, unseen2) for w in content if w in other])
            if weight / (norm * norms[j]) >= PARAPHRASE_COSINE - 1e-9:
                found.add(j)
        if norm < least:
            least = norm
        _link(out, i, found, f, quoting)
    return out


def _link(out: list[set[int]], i: int, found: set[int], f: Features, quoting: list[int]) -> None:
    for j in found:
        out[j].add(i)
    out[i] |= found
    if f.quotes:
        quoting.append(i)


SUPPORT_COSINE = 0.25
PARAPHRASE_SHARE = 0.3
MIN_SHARE = 0.25  # a cited report carries at least this share of the body sentence's words


def plain_share(body: frozenset[str], source: Features) -> float:
    """Share of a body sentence's content words (`plain`: counted with the plain suffix
    strip the shared scorer uses) that one plain sentence of the source carries, so a
    citation we keep is one a reader's spot check, and the published metric, accepts."""
    if not body:
        return 0.0
    return max((len(body & part) for part in source.plain_parts), default=0) / len(body)


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
    if plain_share(body.plain, source) < MIN_SHARE:
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
        shared / len(body.content) >= PARAPHRASE_SHARE
        and idf.cosine(body.content, source.content) >= SUPPORT_COSINE
        and negated(body) == negated(source)
        and rare_words_backed(body, source, idf)
    )
