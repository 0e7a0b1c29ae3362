"""Why each citation stands: the words of the cited report that back a printed sentence.

Takes: a printed `Sentence` and the cited reports' sentences (`Features`, in order).
Gives: per cited report, an `Evidence`: the one or two consecutive sentences of it that
hold most of the printed sentence's content words, that share, and the figures and names
of the printed sentence the report does not give (empty when it backs the sentence in full).

For the curator (`check`): a citation can be checked by eye against its evidence. Cost
is the report's length per citation, fine for a diagnostic run, not used by the build.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.merge.normalise import Features, features
from builder.model import Sentence


@dataclass(frozen=True, slots=True)
class Evidence:
    source: int
    share: float  # of the printed sentence's content words, in `text`
    missing: tuple[str, ...]  # its figures and names the report does not give
    text: str  # the report's sentence(s) that back it best


def evidence(sentence: Sentence, reports: Mapping[int, Sequence[Features]]) -> tuple[Evidence, ...]:
    feat = features(sentence.text)
    out = []
    for source in sentence.sources:
        report = reports.get(source, ())
        if not report:
            continue
        best, at = -1.0, (0, 1)
        # One sentence first: two are shown only where together they back more.
        for width in (1, 2):
            for lo in range(len(report) - width + 1):
                words = frozenset().union(*(f.content for f in report[lo:lo + width]))
                share = len(feat.content & words) / len(feat.content) if feat.content else 1.0
                if share > best:
                    best, at = share, (lo, lo + width)
        window = report[at[0]:at[1]]
        numbers = frozenset().union(*(f.numbers for f in window))
        names = frozenset().union(*(f.names | frozenset(f.words) for f in report))
        missing = sorted(feat.numbers - numbers) + sorted(feat.names - names)
        out.append(Evidence(source, round(best, 2), tuple(missing),
                            " ".join(f.text for f in window)))
    return tuple(out)
