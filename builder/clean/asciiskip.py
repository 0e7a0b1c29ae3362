"""Which patterns cannot match a text of ASCII characters only: such a text need not be searched.

Takes: a compiled pattern (a repair of rules.yaml, a curator's). Gives: whether every
match of it holds a non-ASCII character (`needs_non_ascii`).

Performance only, and exact: the repairs for encoding debris (`repair.mojibake`: "Ã©",
"â€™"; `repair.lost-sign`: "\ufffd") look for characters that most blocks, plain ASCII,
do not hold, but their regexes cannot be skipped to by the engine and cost more than the
rest of the repairs together. `str.isascii` answers for them. The pattern is read with
the standard library's regex parser (`re._parser`); anything the walk does not
understand counts as "may match ASCII", and so does any case-insensitive part (a
non-ASCII letter may then match an ASCII one: the Kelvin sign matches "k").
tests/clean/test_prefilter.py holds `RuleSet.repaired` to applying every repair.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser behind re.compile
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older layouts: every pattern is searched
    _p = _c = None  # type: ignore[assignment]


def needs_non_ascii(pattern: re.Pattern[str]) -> bool:
    """Whether every match of `pattern` holds a character outside ASCII."""
    if _p is None or pattern.flags & re.IGNORECASE:
        return False
    try:
        return _sequence(list(_p.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - any doubt: the pattern is searched
        return False


def _sequence(items: list[Any]) -> bool:
    """A run of items needs a non-ASCII character when one of its items does."""
    return any(_item(op, av) for op, av in items)


def _item(op: Any, av: Any) -> bool:
    if op is _c.LITERAL:
        return av >= 128
    if op is _c.IN:  # a class of non-ASCII characters only (no negation, no category)
        return all(o is _c.LITERAL and a >= 128 or o is _c.RANGE and a[0] >= 128 for o, a in av)
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return not add_flags & re.IGNORECASE and _sequence(list(sub))
    if op is _c.BRANCH:
        return all(_sequence(list(alternative)) for alternative in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, sub = av
        return low >= 1 and _sequence(list(sub))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return False  # lookarounds match nothing themselves; ANY, categories, anchors...
