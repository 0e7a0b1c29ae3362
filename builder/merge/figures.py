"""When two figures can both be true of one quantity.

Takes: two `Quantity`s (quantities.py) already known to count the same thing. Gives:
whether one could be an account of the other at all (`comparable`), and whether both can
hold (`compatible`), so that conflicts.py calls only the rest a conflict.

Each figure admits a span of values, read from how it is printed:
- a bound admits what its hedge says (SPAN): 'more than $5 billion' anything from $5
  billion up, 'nearly 6,000' a little under 6,000, 'about 300' near 300 either way;
- a range its two ends ('between 10 and 20');
- a plain figure its value; but a rounder figure stands for any more precise one that
  rounds or truncates to it within the precision it states (its last significant digit,
  quantities.py): '$5 billion' admits $5.7 billion, '1,300' admits 1,340, '20,000' admits
  24,000; '3 dead' does not admit 4 dead, nor '$1.3 billion' $2.5 billion, nor '20,000'
  50,000 (the tests: tests/merge/test_conflicts.py).
Two figures are compatible when their spans meet. Two ranges are two accounts of one
set ('IE6 to 10' / 'IE6 to IE11') and agree only with the same ends.
"""

from __future__ import annotations

import math

from builder.merge.quantities import Quantity

FACTOR = 4  # two accounts of one quantity differ less than this many times
EXACT = 0.005  # relative slack of two plain figures of one precision ('3.9' / '3.90')
# The values a bound admits, as factors of its figure: 'nearly X' is X less at most NEAR.
NEAR = 0.15
ABOUT = 0.1
SPAN = {"min": (1.0, math.inf), "max": (0.0, 1.0), "near": (1.0 - NEAR, 1.0),
        "about": (1.0 - ABOUT, 1.0 + ABOUT)}


def comparable(q: Quantity, r: Quantity) -> bool:
    """Could the two be accounts of one quantity at all? Estimates of one thing differ,
    but not FACTOR-fold: '2 million euros' and '103 million euros' are two hauls."""
    if q.unit.startswith("name:"):
        return True
    small, large = sorted((abs(q.low), abs(r.low)))
    return small > 0 and large <= FACTOR * small


def close(a: float, b: float, slack: float) -> bool:
    return abs(a - b) <= slack * max(abs(a), abs(b))


def compatible(q: Quantity, r: Quantity) -> bool:
    """Can both be true of one quantity? Their spans meet (the module docstring)."""
    if q.kind == "range" and r.kind == "range":
        return close(q.low, r.low, EXACT) and close(q.high, r.high, EXACT)
    if q.kind == "exact" and r.kind == "exact" and q.step == r.step:
        return close(q.low, r.low, EXACT)
    (q_low, q_high), (r_low, r_high) = span(q, r), span(r, q)
    return q_low <= r_high and r_low <= q_high


def span(q: Quantity, other: Quantity) -> tuple[float, float]:
    """The values `q` admits, read against `other`: a plain figure rounder than the other
    admits what rounds ('$22 billion' for $22.4 billion) or truncates ('$5 billion' for
    $5.7 billion) to it, up to but not including the next step."""
    if q.kind == "range":
        return q.low, q.high
    if q.kind in SPAN:
        below, above = SPAN[q.kind]
        return q.low * below, q.low * above
    if q.step > other.step:
        return q.low - q.step / 2, math.nextafter(q.low + q.step, -math.inf)
    return q.low * (1 - EXACT), q.low * (1 + EXACT)
