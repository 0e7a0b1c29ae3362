"""What text a rule's match needs: cheap tests that rule a pattern out before the regex runs.

Takes: a compiled pattern (rules.yaml's, a curator's). Gives: a `Prefilter`, a few clauses
that every text the pattern matches passes (each clause: the text starts with one of some
strings, or contains one of some strings, after `fold`), or None when nothing is known.

Performance only, and exact: most blocks are prose that no rule matches, and rules such
as `howto.instruction` or `call.dial-in` cannot be ruled out by a block's first character
(builder/clean/firstchar.py), so their regexes scanned every block. Their literal words
can: a block without "dial-in", "passcode", "webcast"... cannot be a dial-in line. The
pattern is read with the standard library's regex parser (`re._parser`) into the set of
exact strings each piece matches (while that set stays small), and a piece the walk does
not understand (a class, a backreference, an unbounded repeat) only stops a string there:
the answer is never narrower than the regex engine's. tests/clean/test_prefilter.py and
tests/clean/test_firstchar.py hold first_match to trying every rule.

Case: strings are compared after `fold`, which maps every character to what a
case-insensitive match of an ASCII letter would accept (the standard library matches "ſ"
with "s", "ı" and "İ" with "i", the Kelvin sign with "k"); a non-ASCII character of a
pattern ends a string unless it has no case and folds to itself ("©", "“"), so nothing else
needs folding. A case-sensitive pattern is folded too: a
fold only lets more text through.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Any

try:  # Python 3.11+: the parser behind re.compile
    import _sre
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older layouts: no prefilter, every rule is tried
    _p = _c = None  # type: ignore[assignment]



class _FoldTable(dict):
    """str.translate's table for `fold`, filled in as characters turn up: characters a
    case-insensitive ASCII letter matches besides its two cases, to that letter (İ before
    str.lower, which would make it two characters and shift what follows); every other
    decimal digit to its ASCII one (a pattern's `\\d` is read as the ten ASCII digits)."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        folded = {"İ": "i", "ı": "i", "ſ": "s"}.get(char) or (str(int(char)) if char.isdecimal() else char)
        self[code] = ord(folded)
        return self[code]


_FOLD = _FoldTable()
# str.translate visits every character, slowly for text that is not ASCII: it runs only on
# text holding a character the table changes (most hold only quotation marks and dashes).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
START = "\x00"  # marks a string the match begins the text with (`^`, `\A`)
_CAP = 128  # most exact strings kept for one piece of a pattern
_MOST_SEARCHES = 16  # a clause needing more `in` tests than this costs more than it saves
_MOST_CLAUSES = 3
_RARE = 5  # a string this long seldom turns up in prose by chance
_PREFIX = 8  # characters kept of what a match starts with: enough to tell prose apart


def fold(text: str) -> str:
    """`text` lower-cased character for character, as a case-insensitive match reads it."""
    if not text.isascii():
        for char in set(_NON_ASCII.findall(text)):
            if _FOLD[ord(char)] != ord(char):
                text = text.translate(_FOLD)
                break
    return text.lower()


@dataclass(frozen=True, slots=True)
class Clause:
    """Passed by a folded text starting with one of `prefixes` or containing one of `parts`."""

    prefixes: tuple[str, ...]
    parts: tuple[str, ...]
    # First character -> the prefixes starting with it: one startswith call looks at few.
    _by_first: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[str]] = {}
        for prefix in self.prefixes:
            by_first.setdefault(prefix[0], []).append(prefix)
        object.__setattr__(self, "_by_first", {c: tuple(ps) for c, ps in by_first.items()})

    def prefixes_by_first(self) -> dict[str, tuple[str, ...]]:
        """First character -> the prefixes starting with it (RuleSet.first_match)."""
        return self._by_first

    def admits(self, folded: str) -> bool:
        prefixes = self._by_first.get(folded[:1])
        if prefixes and folded.startswith(prefixes):
            return True
        for part in self.parts:  # a plain loop: any() over a generator costs twice as much
            if part in folded:
                return True
        return False

    def strength(self) -> tuple[int, int, int]:
        """Bigger is better: strings long enough to be rare (a start anchor counts for
        four characters), then fewer to look for, then longer."""
        shortest = min([len(p) + 4 for p in self.prefixes] + [len(p) for p in self.parts])
        return min(shortest, _RARE), -len(self.parts), shortest

    def implies(self, other: Clause) -> bool:
        """Whether every text passing this clause passes `other` too."""
        return all(any(p.startswith(q) for q in other.prefixes) or any(q in p for q in other.parts)
                   for p in self.prefixes) and all(any(q in p for q in other.parts) for p in self.parts)


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Clauses every text the pattern matches passes (folded); the most selective first."""

    clauses: tuple[Clause, ...]

    def admits(self, folded: str) -> bool:
        for clause in self.clauses:
            if not clause.admits(folded):
                return False
        return True


@dataclass(frozen=True, slots=True)
class _Info:
    exact: frozenset[str] | None  # every string the piece can match (folded), if few
    starts: frozenset[str] | None = None  # strings every match of the piece begins with
    clauses: tuple[Clause, ...] = ()  # what a text holds wherever the piece matches

    def all_clauses(self) -> list[Clause]:
        """Every clause known of a text the piece matches in, its strings' included."""
        found = [*self.clauses, _clause(self.exact), _clause(self.starts)]
        return [c for c in found if c is not None]


def _exactly(strings: frozenset[str]) -> _Info:
    return _Info(strings, strings)


_UNKNOWN = _Info(None)
_EMPTY = _exactly(frozenset({""}))
_DIGITS = frozenset("0123456789")


def prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    """The clauses any text `pattern.search` matches passes, or None if none are known."""
    if _p is None or pattern.flags & re.MULTILINE:
        return None  # `^` may then follow any newline
    try:
        items = list(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - any doubt: no prefilter, the rule is always tried
        return None
    clauses = [_covered(c) for c in _sequence(items).all_clauses()]
    # The most selective first.
    cheap = sorted((c for c in clauses if len(c.parts) <= _MOST_SEARCHES), key=Clause.strength,
                   reverse=True)
    chosen: list[Clause] = []
    for clause in cheap:  # a clause another implies is passed whenever that one is
        if not any(c.implies(clause) for c in chosen):
            chosen = [c for c in chosen if not clause.implies(c)] + [clause]
    return Prefilter(tuple(chosen[:_MOST_CLAUSES])) if chosen else None


@lru_cache(maxsize=4096)  # the same sets recur: a piece's strings, then its sequence's
def _clause(exact: frozenset[str] | None, cover: bool = False) -> Clause | None:
    """The clause "one of these strings is matched": None if one of them is empty.
    `cover`: fewer strings to look for, each in some of these (see _cover)."""
    if not exact:
        return None
    prefixes = sorted(s[1:] for s in exact if s.startswith(START))
    parts = {s for s in exact if not s.startswith(START)}
    if (prefixes and not prefixes[0]) or "" in parts:
        return None  # the piece can match nothing at all: no string is needed
    if len(parts) <= 4 * _MOST_SEARCHES:  # a text containing "dmca" needs no test of "dmca notice"
        parts = {p for p in parts if not any(q != p and q in p for q in parts)}
    if cover and len(parts) > _MOST_SEARCHES:
        parts = _cover(parts)
    shortest: list[str] = []  # a text starting with "step" needs no test of "step 1"
    for prefix in prefixes:  # sorted: a prefix's extensions follow it
        if not (shortest and prefix.startswith(shortest[-1])) and not any(q in prefix for q in parts):
            shortest.append(prefix)
    return Clause(tuple(shortest), tuple(sorted(parts, key=lambda p: (-len(p), p))))


def _covered(clause: Clause) -> Clause:
    """`clause` with few enough strings to look for, if they can be found."""
    if len(clause.parts) <= _MOST_SEARCHES:
        return clause
    strings = frozenset((*(START + p for p in clause.prefixes), *clause.parts))
    return _clause(strings, cover=True) or clause


def _cover(parts: set[str]) -> set[str]:
    """Fewer strings, each of `parts` containing one of them ("i will update this post",
    "we'll update the story"... -> " update "): chosen greedily, a piece of five to eight
    characters (rarer in prose than a shorter one) in most parts, the longest of those;
    four-character pieces only where no part is longer."""
    left, chosen = sorted(parts), set()
    while left:
        best = _most_shared(left, range(8, _RARE - 1, -1)) or _most_shared(left, (4,))
        if best is None:
            return parts  # a part too short to cut: keep them all
        chosen.add(best)
        left = [part for part in left if best not in part]
    return chosen if len(chosen) < len(parts) else parts


def _most_shared(parts: list[str], lengths: Iterable[int]) -> str | None:
    """The piece of one of `lengths` found in most of `parts` (the longest, then the first
    counted, of equals), or None if no part is that long."""
    found: tuple[int, int, str] | None = None
    for n in lengths:
        counts = Counter(part[i:i + n] for part in parts for i in range(len(part) - n + 1))
        if counts:
            piece, count = counts.most_common(1)[0]
            if found is None or count > found[0]:
                found = (count, n, piece)
    return None if found is None else found[2]


def _best(clauses: list[Clause]) -> Clause | None:
    return max(clauses, key=Clause.strength, default=None)


def _concat(left: frozenset[str] | None, right: frozenset[str] | None,
            cut: int | None = None) -> frozenset[str] | None:
    """Every string of `left` followed by one of `right` (None if too many; each cut to
    `cut` characters if given: where matches start, of which more are kept, see _branch);
    a start mark only at the very start."""
    most = _CAP if cut is None else 4 * _CAP
    if left is None or right is None or len(left) * len(right) > most:
        return None
    if cut is None and len(right) == 1:  # one more literal character, mostly: no product
        (b,) = right
        if not b.startswith(START):
            return frozenset([a + b for a in left])
    out = set()
    for a, b in product(left, right):
        if b.startswith(START):
            b = b[1:]  # after `a`: `x^y` cannot match at all, and dropping the mark admits more
            a = a or START
        joined = a + b
        out.add(joined if cut is None else joined[: cut + joined.startswith(START)])
    return frozenset(out)


def _sequence(items: list[Any]) -> _Info:
    """What a run of parsed items matches: exact strings while they stay few, and clauses."""
    clauses: list[Clause | None] = []
    current: frozenset[str] | None = frozenset({""})
    starts: frozenset[str] | None = None  # known once the run stops being exact
    for op, av in _texts(items):
        if op is _c.ASSERT and av[0] == 1:  # lookahead: what follows starts with it
            ahead = _sequence(list(av[1]))
            clauses += [*ahead.clauses, _clause(_concat(current, ahead.exact) or ahead.exact)]
            continue
        info = _item(op, av)
        clauses += info.clauses
        if info.exact is not None and not any(s.startswith(START) for s in info.exact):
            # Every match holds one of the piece's own strings too: a clause of its own,
            # often more telling than the run's (`(told|asked) (our|this) (reporter|
            # writer)`: a text without "reporter" or "writer" holds no such run, though
            # it holds "our" or "this"; the run's own strings are many, and covered by
            # what they share, " our ").
            clauses.append(_clause(info.exact))
        joined = _concat(current, info.exact)
        if joined is not None:
            current = joined
            continue
        if starts is None:  # the first piece not joined: matches start with what came before
            starts = _concat(current, info.starts, _PREFIX) or current
        clauses.append(_clause(current))
        current = info.exact
    found = tuple(c for c in clauses if c is not None)
    if starts is None:
        return _Info(current, current, found)
    return _Info(None, starts, (*found, *filter(None, [_clause(current)])))


_TEXT = "text"  # a run of ASCII literal characters, read as one string


def _plain(code: int) -> bool:
    """A pattern character read as a string: ASCII (folded), or a character that has no
    case and that `fold` leaves alone ("©", "“", "—"), which matches only itself."""
    return code < 128 or not (_sre.unicode_iscased(code) or chr(code).isdecimal()
                              or fold(chr(code)) != chr(code))


def _texts(items: list[Any]) -> list[tuple[Any, Any]]:
    """`items` with each run of plain literal characters made one (_TEXT, string) item:
    one string joined on, not a set product per character."""
    out: list[tuple[Any, Any]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL and _plain(av):
            run.append(chr(av))
            continue
        if run:
            out.append((_TEXT, "".join(run)))
            run = []
        out.append((op, av))
    if run:
        out.append((_TEXT, "".join(run)))
    return out


def _item(op: Any, av: Any) -> _Info:  # the parser's (op, argument), or a _TEXT run
    if op is _TEXT:
        return _exactly(frozenset({fold(av)}))
    if op is _c.LITERAL:
        return _exactly(frozenset({fold(chr(av))})) if _plain(av) else _UNKNOWN
    if op is _c.IN:
        return _charset(av)
    if op is _c.AT:
        at_start = av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
        return _exactly(frozenset({START})) if at_start else _EMPTY
    if op in (_c.ASSERT, _c.ASSERT_NOT):  # lookbehind or negative: match nothing themselves
        behind = _sequence(list(av[1])) if op is _c.ASSERT else _EMPTY
        return _Info(frozenset({""}), frozenset({""}), tuple(behind.all_clauses()))
    if op is _c.BRANCH:
        return _branch([_sequence(list(alternative)) for alternative in av[1]])
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & (re.MULTILINE | re.ASCII | re.LOCALE):
            return _UNKNOWN  # anchors and classes would mean something else inside
        return _sequence(list(sub))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        return _repeat(*av)
    return _UNKNOWN  # ANY, NOT_LITERAL, CATEGORY, GROUPREF...


def _branch(alternatives: list[_Info]) -> _Info:
    """One of the alternatives matches: their strings pooled, or the best clause of each."""
    def pooled(sets: list[frozenset[str] | None], most: int) -> frozenset[str] | None:
        if any(s is None for s in sets):
            return None
        union = frozenset().union(*sets)  # type: ignore[arg-type]
        return union if len(union) <= most else None

    exact = pooled([a.exact for a in alternatives], _CAP)
    if exact is not None:
        # The strings, and what each alternative's pieces need (a clause of their own
        # strings, _sequence): fewer strings to look for than all of them, covered.
        found = [[c for c in a.clauses if c is not None] or
                 [c for c in (_clause(a.exact),) if c is not None] for a in alternatives]
        if any(not clauses for clauses in found):
            return _exactly(exact)
        return _Info(exact, exact, tuple(filter(None, [_merged([_best(c) for c in found])])))
    # Where a match starts is looked up by its first character: more strings cost little.
    starts = pooled([a.starts for a in alternatives], 4 * _CAP)
    found = [a.all_clauses() for a in alternatives]
    if any(not clauses for clauses in found):
        return _Info(None, starts)  # one alternative needs nothing known
    # The best clause of each, as found and with its strings covered (many long strings
    # may share a short one: " link" in "from this link", "the following links below"):
    # either may make the better clause for the whole.
    merged = (_merged([_best(clauses) for clauses in found]),
              _merged([_best([_covered(c) for c in clauses]) for clauses in found]))
    return _Info(None, starts, tuple(dict.fromkeys(c for c in merged if c is not None)))


def _merged(best: list[Clause | None]) -> Clause | None:
    return _clause(frozenset(
        s for b in best for s in (*(START + p for p in b.prefixes), *b.parts)  # type: ignore[union-attr]
    ), cover=True)


def _repeat(low: int, high: int, sub: list[Any]) -> _Info:
    inner = _sequence(list(sub))
    if inner.exact is not None and high <= 3 and len(inner.exact) ** high <= _CAP:
        strings: frozenset[str] | None = frozenset({""})
        options: set[str] = set()
        for count in range(high + 1):  # x{low,high}: every count in between, each exact
            if count >= low:
                options |= strings  # type: ignore[arg-type]
            strings = _concat(strings, inner.exact)
        return _Info(frozenset(options), frozenset(options), inner.clauses if low else ())
    if low == 0:  # maybe not there at all: a match may start with what follows
        return _Info(None, None if inner.starts is None else inner.starts | {""})
    return _Info(None, inner.starts, tuple(inner.all_clauses()))


def _charset(members: list[Any]) -> _Info:
    """A class of a few ASCII characters (digits: `fold` makes every digit ASCII): each of
    them, folded; a bigger class: where a match can start; otherwise unknown."""
    out: set[str] = set()
    for op, av in members:
        if op is _c.LITERAL and _plain(av):
            out.add(fold(chr(av)))
        elif op is _c.RANGE and av[1] < 128:
            out.update(fold(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            out |= _DIGITS
        else:
            return _UNKNOWN  # NEGATE, other categories, non-ASCII members
    strings = frozenset(out)
    return _exactly(strings) if len(out) <= 8 else _Info(None, strings)
