"""Put the chosen units in the order the reports agree on.

Takes: the `Reading`, the lead unit and the body's units. Gives: the units in reading
order.

Majority precedence (Barzilay, Elhadad & McKeown 2002, "Inferring strategies for sentence
ordering in multidocument news summarization"): unit A goes before unit B when more reports
tell A's facts before B's. The order is built greedily: after the lead, the next unit is
the one that the remaining units most often follow and least often precede. Reports tell
the event before the reactions and the news before the background, so the majority order
does too. The precedence table costs the square of the units; past MAX_PRECEDENCE units
the order is by mean place in the reports instead, which is the same order whenever the
reports agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.merge.reading import Reading, Span

MAX_PRECEDENCE = 150  # units ordered by the precedence table; more are sorted by place


def order(reading: Reading, lead: Span | None, spans: Sequence[Span]) -> list[Span]:
    rest = [s for s in spans if s != lead]
    places = [_places(reading, s) for s in rest]
    mean = [_mean(reading, p) for p in places]
    if len(rest) > MAX_PRECEDENCE:
        ranked = sorted(range(len(rest)), key=lambda i: (mean[i], rest[i]))
    else:
        ranked = _by_precedence(places, mean, rest)
    ordered = [rest[i] for i in ranked]
    return ([lead] if lead is not None else []) + ordered


def _places(reading: Reading, span: Span) -> dict[int, int]:
    """Report id -> the earliest place where that report tells one of the unit's facts."""
    out: dict[int, int] = {}
    for piece in reading.pieces(span):
        for source, at in reading.places(reading.group_of(piece)).items():
            first = min(at)
            if source not in out or first < out[source]:
                out[source] = first
    return out


def _mean(reading: Reading, places: dict[int, int]) -> float:
    spots = [at / max(len(reading.reports[s]), 1) for s, at in places.items()]
    return sum(spots) / len(spots) if spots else 1.0


def _by_precedence(places: list[dict[int, int]], mean: list[float], rest: list[Span]) -> list[int]:
    n = len(places)
    # score[i]: how often unit i comes before the others, less how often after.
    score = [0] * n
    before: dict[tuple[int, int], int] = {}
    by_source: dict[int, list[tuple[int, int]]] = {}
    for i, p in enumerate(places):
        for source, at in p.items():
            by_source.setdefault(source, []).append((at, i))
    for seq in by_source.values():
        seq.sort()
        for x in range(len(seq)):
            for y in range(x + 1, len(seq)):
                a, b = seq[x][1], seq[y][1]
                if seq[x][0] == seq[y][0] or a == b:
                    continue
                before[a, b] = before.get((a, b), 0) + 1
                score[a] += 1
                score[b] -= 1
    left = set(range(n))
    out = []
    while left:
        pick = max(left, key=lambda i: (score[i], -mean[i], _neg(rest[i])))
        out.append(pick)
        left.discard(pick)
        for i in left:
            score[i] -= before.get((i, pick), 0) - before.get((pick, i), 0)
    return out


def _neg(span: Span) -> tuple[int, int, int]:
    return (-span[0], -span[1], -span[2])
