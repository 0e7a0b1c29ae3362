"""The story in brief: the few most corroborated facts, for a reader who reads nothing else.

Takes: the body's printed sentences, in order. Gives: three to five of them, the ones the
most reports back in full (at least two, when the story has several reports), in body
order; where fewer than three facts are backed by two reports, it is completed with the
sentences that tell most of what the reports say in common. A sentence that leans on the one before it ("He said ...", a quotation with no
speaker) cannot stand alone and is never chosen, nor a heading, nor an outlet's labelled note ("Update: ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.merge.output import Part
from builder.merge.salience import Salience
from builder.merge.units import bare_quotation, leans_back
from builder.model import Sentence

MOST = 5
FEWEST = 3
MIN_WORDS = 6  # a fact, not a fragment
RESTATED = 0.5  # "most of its words": more than half already in the brief
# "Update: ...", "Editor's note: ...": an outlet's note about its own report, not the news.
LABEL = re.compile(r"(?:update[sd]?|editor['\u2019]?s note|correction|clarification|note|"
                   r"disclosure)\b[^:]{0,30}:\s", re.IGNORECASE)


def brief(body: Sequence[Part], reports: int, salience: Salience | None = None) -> tuple[Sentence, ...]:
    if reports < 2:
        return ()
    candidates = []
    for position, printed in enumerate(p for kind, part in body if kind != "heading" for p in part):
        text = printed.sentence.text
        if leans_back(text) or bare_quotation(text) or LABEL.match(text) or printed.piece.feat.n_words < MIN_WORDS:
            continue
        candidates.append((-len(printed.sentence.sources), position, printed.sentence,
                           printed.piece.feat.content, printed.piece))
    candidates.sort(key=lambda c: (c[0], c[1]))
    candidates = _distinct(candidates)
    corroborated = [c for c in candidates if -c[0] >= 2][:MOST]
    lede = next((c for c in candidates if c[1] == 0), None)
    if salience is not None and lede is not None and lede not in corroborated:
        # The story's first sentence tells its news: a reader of the brief alone needs it.
        corroborated = _distinct([lede] + corroborated)[:MOST]
    if len(corroborated) < FEWEST and salience is not None:
        corroborated = _central(candidates, corroborated, salience)
    if len(corroborated) < FEWEST:
        return ()
    return tuple(c[2] for c in sorted(corroborated, key=lambda c: c[1]))


def _central(candidates: list[tuple], chosen: list[tuple], salience: Salience) -> list[tuple]:
    """Where fewer than FEWEST facts are backed in full by two reports (each outlet words
    the story its own way), the brief is completed with the sentences that tell the most of
    what the reports say in common (salience.py), each adding to the brief, not the
    story's opening sentences again."""
    chosen = list(chosen)
    words = {w for c in chosen for w in c[3]}
    keys = {k for c in chosen for k in c[4].feat.keys}
    rest = [c for c in candidates if c not in chosen]
    while len(chosen) < FEWEST and rest:
        score, _, best = max((salience.central(c[4], words, keys), -c[1], c) for c in rest)
        if score <= 0:
            break
        chosen.append(best)
        rest.remove(best)
        words |= best[3]
        keys |= best[4].feat.keys
    return chosen


def _distinct(candidates: list[tuple]) -> list[tuple]:
    """The candidates, best first, without one that tells a fact a better one told: most
    of its content words (more than half) already in the sentences kept before it."""
    kept: list[tuple] = []
    seen: set[str] = set()
    for c in candidates:
        words = c[3]
        if words and sum(w in seen for w in words) > RESTATED * len(words):
            continue
        kept.append(c)
        seen |= words
    return kept
