"""Which characters a rule's match can start with: to try on a block only the rules that could.

Takes: compiled patterns (rules.yaml's, and a curator's). Gives: for each ASCII character,
the patterns, in their order, that could match a text starting with it
(`by_first_char`); a text starting with any other character tries them all.

Performance only, and exact: a block is tested against every rule until one matches
(RuleSet.first_match), ~120 blocks a story against ~30 rules, and nearly every block is a
paragraph of prose that no rule matches. The rules are anchored at the start (`^...`), so
the first character of a block already rules most of them out. A pattern is read with
the standard library's regex parser (`re._parser`); anything this walk does not
understand, an unanchored pattern, an empty match, a lookaround, a negated or category
class, makes the pattern "could start with anything", so the answer is never narrower
than the regex engine's. tests/clean/test_firstchar.py holds it to trying every rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

try:  # Python 3.11+: the parser behind re.compile
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older layouts: everything may start anything
    _p = _c = None  # type: ignore[assignment]

ASCII = [chr(i) for i in range(128)]
_DIGITS = frozenset("0123456789")
_SPACES = frozenset(" \t\n\r\f\v\x1c\x1d\x1e\x1f\x85")
_ANY = None  # "could start with any character"


def by_first_char(patterns: Sequence[re.Pattern[str]]) -> dict[str, tuple[int, ...]]:
    """ASCII character -> positions (in `patterns`) of the patterns a text starting with
    it could match. Characters not in the map (non-ASCII, or an empty text) need all."""
    firsts = [_first_chars(p) for p in patterns]
    return {
        ch: tuple(i for i, first in enumerate(firsts) if first is _ANY or ch in first)
        for ch in ASCII
    }


def _first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    if _p is None or pattern.flags & re.MULTILINE:
        return _ANY
    try:
        items = list(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - any doubt: the pattern may start anywhere
        return _ANY
    if not items or items[0] != (_c.AT, _c.AT_BEGINNING) and items[0] != (_c.AT, _c.AT_BEGINNING_STRING):
        return _ANY  # not anchored: a search tries every position
    chars, nullable = _sequence(items[1:])
    if chars is _ANY or nullable:
        return _ANY
    # Case folding: a letter may match another case of itself (IGNORECASE matches "ſ"
    # with "s" through "S"); every case of every character goes in.
    return frozenset(
        v for c in chars for v in (c, c.lower(), c.upper(), c.lower().upper(), c.upper().lower())
    )


def _sequence(items: list[Any]) -> tuple[frozenset[str] | None, bool]:
    """(characters the sequence can start with, whether it can match empty)."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _item(op, av)
        if chars is _ANY:
            return _ANY, False
        out |= chars
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _item(op: Any, av: Any) -> tuple[frozenset[str] | None, bool]:  # the parser's (op, argument)
    if op is _c.LITERAL:
        return frozenset(chr(av)), False
    if op is _c.IN:
        return _charset(av), False
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alternative in av[1]:
            chars, empty = _sequence(list(alternative))
            if chars is _ANY:
                return _ANY, False
            out |= chars
            nullable = nullable or empty
        return frozenset(out), nullable
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & (re.MULTILINE | re.DOTALL):
            return _ANY, False
        return _sequence(list(sub))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, sub = av
        chars, empty = _sequence(list(sub))
        return chars, empty or low == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return _ANY, False  # ANY, AT inside, lookarounds, references, NOT_LITERAL...


def _charset(members: list[Any]) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in members:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE:
            low, high = av
            if high - low > 256:
                return _ANY
            out.update(chr(c) for c in range(low, high + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            out |= _DIGITS  # ASCII ones; a text opening with another digit tries all rules
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            out |= _SPACES
        else:
            return _ANY  # NEGATE, word classes, ...
    return frozenset(out)
