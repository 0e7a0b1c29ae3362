"""Figures that reports give differently for the same quantity of the same thing.

Takes: a printed sentence and the sentences of other reports that tell the same fact with
other figures. Gives: the variants to show ("reports differ: 3 dead in [1], 5 dead in
[2]"), only where both give a number for the same noun ("3 people" / "5 people"): a year,
a century or decade ("the 1300s"), or a number counting different things is no conflict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.merge.normalise import COUNTED_NUMBER_WORDS, NUMBER_WORDS, STOPWORDS, fold, stem
from builder.merge.units import Piece

_WORDS = "|".join(sorted(COUNTED_NUMBER_WORDS, key=len, reverse=True))
QUANTITY = re.compile(rf"(?<![\w.,])(\d[\d,.]*\d|\d|\b(?:{_WORDS})\b)(?![\d,]*s\b)(%|\s*(?:per\s?cent|percent)|\s+[a-z][a-z-]+)?")
YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def quantities(text: str) -> dict[str, dict[str, str]]:
    """Noun (stemmed) -> {number: as printed}: '3 people' -> {'peopl': {'3': '3 people'}}.

    A number with no counted noun after it (a year, a date, a decade like '1300s') is left
    out: nothing says which quantity it is."""
    out: dict[str, dict[str, str]] = {}
    for match in QUANTITY.finditer(fold(text)):
        shown_number = match.group(1)
        number = NUMBER_WORDS.get(shown_number, shown_number.replace(",", "").rstrip("."))
        unit = (match.group(2) or "").strip()
        if not unit or YEAR.fullmatch(number):
            continue
        if unit == "%" or unit.startswith("per"):
            noun, shown = "%", f"{shown_number}%"
        elif unit in STOPWORDS:
            continue
        else:
            noun, shown = stem(unit), f"{shown_number} {unit}"
        out.setdefault(noun, {})[number] = shown
    return out


def differing(a: str, b: str) -> list[str]:
    """Nouns both sentences count, with different numbers."""
    qa, qb = quantities(a), quantities(b)
    return sorted(n for n in qa.keys() & qb.keys() if qa[n].keys() != qb[n].keys())


def variants(printed: Piece, others: Sequence[Piece]) -> tuple[tuple[int, str], ...]:
    """(report id, its figures) for the printed sentence and each report that counts one
    of its quantities differently; empty when no quantity differs."""
    parts: list[tuple[int, str]] = []
    for other in others:
        nouns = differing(printed.feat.text, other.feat.text)
        for piece in (printed, other) if nouns else ():
            q = quantities(piece.feat.text)
            figures = ", ".join(q[noun][n] for noun in nouns for n in sorted(q[noun]))
            if (piece.source, figures) not in parts:
                parts.append((piece.source, figures))
    return tuple(parts)
