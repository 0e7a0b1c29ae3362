"""Figures that reports give differently for the same quantity of the same thing.

Takes: sentences (`Piece`s) and their quantities (quantities.py). Gives: the pairs of
figures that cannot both be true ('12 people were injured' / '18 people had been
injured'), the variants to note on a sentence ("reports differ: 3 dead in [1], 5 dead in
[2]"), and the reports that may be cited on a sentence without backing a figure they give
otherwise.

Two figures are of one quantity when they count the same thing (the same noun, currency,
'%' or name), the words around them tell the same happening (two content words in common;
one when the sentences tell the same fact, grouping.py, or when they are ranges of one
name's numbers, 'IE6 to 10' / 'IE 6 through IE 11', told with no other fact in common:
such a range is no common figure), they are not each next to a
name the other sentence lacks ('in Athens' / 'in Thessaloniki'), and two amounts do not
say they are for different things ('$5 billion for the wall' / '$1.6 billion for border
security'). They conflict when they cannot both hold (figures.py): a value inside a
range, past a bound ('more than $5 billion' / '$5.7 billion'), near an approximate one
or that a rounder one stands for ('$5 billion' / '$5.7 billion') agrees. A year, a
century, a date, an increment ('a further 20,000') and a running total are no such
figures, and a difference ('five rounds sooner') is counted apart (quantities.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from builder.merge.normalise import names
from builder.merge.figures import comparable, compatible
from builder.merge.quantities import MAX_CHARS, Quantity, quantities
from builder.merge.reading import Reading
from builder.merge.units import Piece

SAME_HAPPENING = 2  # context words two figures share to tell the same happening
SAME_FACT = 1  # ... when their sentences are already known to tell the same fact
SAME_TOPIC = 0.4  # else: share of the shorter sentence's content words the other holds


@lru_cache(maxsize=65_536)  # performance: pure, and asked of each sentence several times
def measured(text: str) -> tuple[tuple[Quantity, ...], frozenset[str]]:
    """A sentence's quantities and its names (in as much of it as quantities reads); no
    names when it has no quantity: they are only read to compare two sentences'
    quantities (performance: most sentences count nothing, and every sentence of every
    report is measured)."""
    found = quantities(text)
    return found, names(text[:MAX_CHARS]) if found else frozenset()


def conflicting(a: str, b: str, same_fact: bool = False,
                topic: tuple[frozenset[str], frozenset[str]] | None = None) -> list[tuple[Quantity, Quantity]]:
    """(figure in a, figure in b) for each quantity of `a` that `b` gives otherwise.

    A sentence that gives the other's figure too ('32-bit or 64-bit versions' / '32-bit
    versions') does not disagree with it: its second figure counts something else. Of
    the other's figures that differ, the one whose surroundings match best is named.
    Sentences not known to tell the same fact must also be about one thing: `topic`,
    their content words, share SAME_TOPIC."""
    if not same_fact and topic is not None and _overlap(*topic) < SAME_TOPIC:
        # A range of one name's numbers ('IE6 to 10') is no common figure: two of one
        # name told with a word in common are one set told twice, whatever else the
        # sentences tell ('the bug could affect all versions of IE6 to 10' / 'the patch
        # applies to all version of Internet Explorer from IE 6 through to IE 11').
        return [(q, r) for q, r in _conflicting(a, b, SAME_HAPPENING) if _named(q)]
    return list(_conflicting(a, b, SAME_FACT if same_fact else SAME_HAPPENING))


@lru_cache(maxsize=65_536)  # performance: pure, and the same pairs are asked again and again
def _conflicting(a: str, b: str, need: int) -> tuple[tuple[Quantity, Quantity], ...]:
    qa, names_a = measured(a)
    if not qa:
        return ()
    qb, names_b = measured(b)
    if not qb:
        return ()
    out = []
    units = {q.unit for q in qa} & {r.unit for r in qb}
    # a's figures that b gives too, and b's that a gives too: no disagreement there
    echoed = {id(x) for u in units for x, y in _pairs(qa, qb, u) if compatible(x, y)}
    echoed |= {id(y) for u in units for x, y in _pairs(qa, qb, u) if compatible(x, y)}
    for q in qa:
        if q.unit not in units or id(q) in echoed:
            continue
        least = SAME_FACT if _named(q) else need  # a name's range is one set (`conflicting`)
        near = [(len(q.context & r.context), r) for r in qb if r.unit == q.unit and id(r) not in echoed
                and len(q.context & r.context) >= least and comparable(q, r)
                and not (q.names - names_b and r.names - names_a) and not _apart(q, r)]
        if near:
            out.append((q, max(near, key=lambda n: n[0])[1]))
    return tuple(out)


def _named(q: Quantity) -> bool:
    """A range of one name's numbers ('IE6 to 10'), quantities.py."""
    return q.unit.startswith("name:")


def _apart(q: Quantity, r: Quantity) -> bool:
    """Do the two amounts say they are for different things ('$5 billion for the wall' /
    '$1.6 billion for border security')? Then they are two amounts, not two accounts."""
    return bool(q.purpose and r.purpose and not q.purpose & r.purpose)


def _pairs(qa: Sequence[Quantity], qb: Sequence[Quantity], unit: str) -> list[tuple[Quantity, Quantity]]:
    return [(x, y) for x in qa if x.unit == unit for y in qb if y.unit == unit]


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def differing(a: str, b: str) -> list[str]:
    """What both sentences count with figures that conflict (a noun stem, a currency...)."""
    return sorted({q.unit for q, _ in conflicting(a, b, same_fact=True)})


def variants(printed: Piece, others: Sequence[Piece]) -> tuple[tuple[int, str], ...]:
    """(report id, its figures) for the printed sentence and each report that gives one
    of its quantities otherwise; empty when no quantity differs. `others` tell the same
    fact as the printed sentence (its group, or the group it nearly joined)."""
    parts: list[tuple[int, str]] = []
    for other in others:
        pairs = conflicting(printed.feat.text, other.feat.text, same_fact=True)
        if not pairs:
            continue
        for source, figures in ((printed.source, [q.shown for q, _ in pairs]),
                                (other.source, [r.shown for _, r in pairs])):
            shown = ", ".join(dict.fromkeys(figures))
            if (source, shown) not in parts:
                parts.append((source, shown))
    return tuple(parts)


def agreeing(reading: Reading, piece: Piece, cited: Sequence[int]) -> tuple[int, ...]:
    """The cited reports less those whose own sentences of this fact (its group) all give
    one of its figures otherwise: a report saying '18 people were injured and 12 arrested'
    does not back '12 people were injured', though it holds every number of it."""
    places = reading.places(reading.group_of(piece))
    # _conflicting: conflicting(same_fact=True) without its copy into a list (asked ~500
    # times a story; only whether it is empty matters here)
    return tuple(s for s in cited if s == piece.source or s not in places or not all(
        _conflicting(piece.feat.text, reading.reports[s][i].feat.text, SAME_FACT)
        for i in places[s]))
