"""Find sentences of a page that are near-copies of each other.

Takes: the printed sentences' plain content words (normalise.Features.plain), by position.
Gives: for each, the positions of its near-copies: both hold NEAR_COPY_MIN or more words,
and the shorter shares NEAR_COPY_SHARE of its words with the other. The page's last guard
drops the later of two such sentences: the same fact told twice.
"""

from __future__ import annotations

NEAR_COPY_SHARE = 0.8  # of the shorter sentence's plain content words
NEAR_COPY_MIN = 5  # plain content words in the shorter sentence ("With the override, the bill will now become law")


def near_copy_pairs(plain: dict[int, frozenset[str]]) -> dict[int, set[int]]:
    """Each sentence's near-copies: both hold NEAR_COPY_MIN or more words, and the shorter
    one shares NEAR_COPY_SHARE of its words with the other (both ways round).

    Performance only: the pairs that test holds for, without testing every pair (a story
    of ten reports has ~150 body sentences). A pair that passes shares at least one of
    the shorter sentence's rarest `len - needed + 1` words, with `needed` the fewest
    shared words that pass (prefix filtering, as in all-pairs similarity joins): so
    only sentences holding one of those words are tested. tests/test_merge_speed.py
    holds it to the every-pair form."""
    sizes = {i: len(words) for i, words in plain.items() if len(words) >= NEAR_COPY_MIN}
    frequency: dict[str, int] = {}
    holders: dict[str, list[int]] = {}
    for i in sizes:
        for word in plain[i]:
            frequency[word] = frequency.get(word, 0) + 1
            holders.setdefault(word, []).append(i)
    out: dict[int, set[int]] = {}
    for i, size in sizes.items():
        needed = next(k for k in range(size + 1) if k / size >= NEAR_COPY_SHARE)
        rarest = sorted(plain[i], key=lambda w: (frequency[w], w))[: size - needed + 1]
        a = plain[i]
        for word in rarest:
            for j in holders[word]:
                # i is the shorter one (or as long): the other side finds the pair when
                # it is the shorter.
                if j != i and sizes[j] >= size and j not in out.get(i, ()) and (
                    len(a & plain[j]) / min(size, sizes[j]) >= NEAR_COPY_SHARE
                ):
                    out.setdefault(i, set()).add(j)
                    out.setdefault(j, set()).add(i)
    return out


