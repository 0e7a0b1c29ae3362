"""The story in brief: the few most corroborated facts, for a reader who reads nothing else.

Takes: the body's printed sentences, in order. Gives: three to five of them, the ones the
most reports back in full (at least two, when the story has several reports), in body
order; where fewer than three facts are backed by two reports, the story's first three
that can stand alone. A sentence that leans on the one before it ("He said ...") cannot stand alone and
is never chosen, nor a heading, nor an outlet's labelled note ("Update: ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.merge.output import Part
from builder.merge.units import leans_back
from builder.model import Sentence

MOST = 5
FEWEST = 3
MIN_WORDS = 6  # a fact, not a fragment
RESTATED = 0.5  # "most of its words": more than half already in the brief
# "Update: ...", "Editor's note: ...": an outlet's note about its own report, not the news.
LABEL = re.compile(r"(?:update[sd]?|editor['\u2019]?s note|correction|clarification|note|"
                   r"disclosure)\b[^:]{0,30}:\s", re.IGNORECASE)


def brief(body: Sequence[Part], reports: int) -> tuple[Sentence, ...]:
    if reports < 2:
        return ()
    candidates = []
    for position, printed in enumerate(p for kind, part in body if kind != "heading" for p in part):
        text = printed.sentence.text
        if leans_back(text) or LABEL.match(text) or printed.piece.feat.n_words < MIN_WORDS:
            continue
        candidates.append((-len(printed.sentence.sources), position, printed.sentence,
                           printed.piece.feat.content))
    candidates.sort(key=lambda c: (c[0], c[1]))
    candidates = _distinct(candidates)
    corroborated = [c for c in candidates if -c[0] >= 2][:MOST]
    if len(corroborated) < FEWEST:
        # Little overlap between the reports: the story's own opening facts, in order.
        corroborated = sorted(candidates, key=lambda c: c[1])[:FEWEST]
        if len(corroborated) < FEWEST:
            return ()
    return tuple(c[2] for c in sorted(corroborated, key=lambda c: c[1]))


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
