"""What a sentence says, as the parts a report must state to be cited on it in full.

Takes: a sentence's `Features`. Gives: `claim(feat)`, a `Claim`: its content words in
their sense's form (restated.yaml, via lexicon.py: "nationals" is "citizens"), less the
words that say who told it or carry no fact ("said", "wrote", "made"), connectives that
tie it to the sentence before ("however") and its names and figures, which are asked for
as such; `terms(feat)`, the same words of any sentence, to look the claim up in; and
`told(feat)`, the claim's words with its names and figures as words (output.py: a
sentence every word of which the page already prints).

support.py (`Support.states`) asks one or two consecutive sentences of a report for ALL
of these (strict containment): "In all, 12 demonstrators were injured, officers said, and
shops were burned" states "Police said 12 protesters were hurt"; "a daring jewellery
robbery in Paris, the latest in a series of high-profile thefts" does not state "Paris
has also been the scene of high-profile robberies", however many words they share.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.merge.lexicon import lexicon
from builder.merge.normalise import Features, stem

# Words tying a sentence to the one before it, not part of what it claims: a report
# telling the claim on its own need not print them.
CONNECTIVES = frozenset(stem(w) for w in """however meanwhile moreover furthermore
    additionally nevertheless nonetheless""".split())


@dataclass(frozen=True, slots=True)
class Claim:
    terms: frozenset[str]  # content words, in their sense's form
    numbers: frozenset[str]
    names: frozenset[str]


def terms(feat: Features) -> frozenset[str]:
    """The sentence's content words in their sense's form."""
    sense = lexicon().sense
    return frozenset(sense.get(w, w) for w in feat.content)


def told(feat: Features) -> frozenset[str]:
    """What the sentence tells, as words: its terms less the words that say who told it,
    carry no fact or tie it to the sentence before (names and figures kept)."""
    lex = lexicon()
    return terms(feat) - lex.attribution - lex.light - CONNECTIVES


def claim(feat: Features) -> Claim:
    # names and figures are asked for as such (a name near the claim, a figure as
    # printed), not again as words
    named = {stem(n) for n in feat.names}
    words = frozenset(w for w in told(feat)
                      if w not in named and not w.replace(",", "").replace(".", "").isdigit())
    return Claim(words, feat.numbers, feat.names)
