"""How long a text a pattern anchored at both ends can match: a longer block need not be searched.

Takes: a compiled pattern (a rule of rules.yaml, a curator's). Gives: the length of the
longest text it can match at all (`longest_match`), or None when that is not bounded.

Performance only, and exact: many furniture rules describe a whole short line
(`^...$`), or open with a lookahead bounding the whole block (`^(?=[^"]{1,240}$)`:
`link.pointer`, `pointer.reproduced-document`), yet `RuleSet.first_match` ran their
prefilters' substring tests, and often the regex, on every paragraph of every report. A
pattern `^` anchors (without MULTILINE) matches only at the start; when it must also
reach `$` within a bounded width, no text longer than that width plus one (`$` matches
before a final newline) can match. The width is the regex parser's own
(`re._parser`'s getwidth); anything the walk does not understand counts as unbounded.
tests/clean/test_longest.py holds first_match to trying every rule.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser behind re.compile
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older layouts: every block is searched
    _p = _c = None  # type: ignore[assignment]

UNBOUNDED = 100_000  # a width past this counts as no bound (the parser's MAXREPEAT)


def longest_match(pattern: re.Pattern[str]) -> int | None:
    """The longest text `pattern` can match from its start to its end, or None."""
    if _p is None or pattern.flags & re.MULTILINE:
        return None
    try:
        items = list(_p.parse(pattern.pattern, pattern.flags))
        return _bounded(items)
    except Exception:  # noqa: BLE001 - any doubt: the block is searched
        return None


def _bounded(items: list[Any]) -> int | None:
    if not items or items[0] != (_c.AT, _c.AT_BEGINNING):
        return None
    rest = items[1:]
    widths = []
    if rest and items[-1] == (_c.AT, _c.AT_END):
        widths.append(_width(rest))
    # ^(?=X$): the lookahead reads the whole text, however the rest of the pattern goes.
    if rest and rest[0][0] == _c.ASSERT and rest[0][1][0] == 1:
        look = list(rest[0][1][1])
        if look and look[-1] == (_c.AT, _c.AT_END):
            widths.append(_width(look))
    bounded = [w for w in widths if w is not None]
    return min(bounded) + 1 if bounded else None  # + 1: `$` also matches before a final \n


def _width(items: list[Any]) -> int | None:
    sub = _p.SubPattern(_p.State(), items)
    high = sub.getwidth()[1]
    return high if high < UNBOUNDED else None
