"""Boilerplate rules as data: load `rules.yaml` (plus config overrides) into frozen values.

Takes: the packaged rules.yaml, and the `cleaning` section of config.yaml (rules to disable,
extra rules to add). Gives: a `RuleSet` of compiled `Rule`s, the related-list heading
pattern, the caption-credit vocabulary, which computed heuristics are switched off, the
`repairs` that fix encoding debris and typesetting damage inside a block before any rule
sees it, and the
`prefixes` (datelines) cut from the start of a kept paragraph.
Nothing here decides *where* a rule applies; that is builder/clean/heuristics.py,
builder/clean/textregion.py and builder/clean/__init__.py.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from builder.clean.asciiskip import needs_non_ascii
from builder.clean.firstchar import by_first_char
from builder.clean.longest import longest_match
from builder.clean.prefilter import Prefilter, fold, prefilter

RULES_FILE = Path(__file__).with_name("rules.yaml")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    reason: str
    why: str
    pattern: re.Pattern[str]
    example: str

    def matches(self, text: str) -> bool:
        return bool(self.pattern.search(text.strip()))


@dataclass(frozen=True, slots=True)
class Repair:
    """Encoding debris fixed in place: `replace` the match, or re-read it as UTF-8 (None)."""

    id: str
    pattern: re.Pattern[str]
    replace: str | None

    def apply(self, text: str) -> str:
        if self.replace is not None:
            return self.pattern.sub(self.replace, text)
        return self.pattern.sub(lambda found: _recode(found.group()), text)


def _recode(run: str) -> str:
    """`run` read back as the UTF-8 bytes a windows-1252 reading garbled; as is if it was not."""
    raw = bytearray()
    for ch in run:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:  # the five bytes cp1252 leaves undefined were kept as is
            if ord(ch) > 0xFF:
                return run
            raw.append(ord(ch))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run


@dataclass(frozen=True, slots=True)
class Prefix:
    """Furniture glued to the start of a paragraph (a dateline): `pattern` matches what is cut."""

    id: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    related_heading: re.Pattern[str]
    agencies: frozenset[str]
    outlet_clues: tuple[re.Pattern[str], ...] = ()
    # Computed heuristics (rules.yaml `computed`) switched off by the curator.
    disabled: frozenset[str] = frozenset()
    repairs: tuple[Repair, ...] = ()
    prefixes: tuple[Prefix, ...] = ()
    # ASCII first character -> the rules a block starting with it could match, in order
    # (builder/clean/firstchar.py), each with the longest block it can match
    # (builder/clean/longest.py) and what else its match needs of the folded block
    # (builder/clean/prefilter.py); blocks starting otherwise try every rule.
    _by_first_char: dict[str, tuple[tuple[Rule, int, Checks | None], ...]] = field(
        init=False, repr=False, compare=False)
    _all: tuple[tuple[Rule, int, Checks | None], ...] = field(init=False, repr=False,
                                                               compare=False)
    # (first character, folded first character) -> the rules of _by_first_char a block
    # starting so could match (_led_by), filled in as blocks ask.
    _by_lead: dict[tuple[str, str], tuple[tuple[Rule, int, Checks | None], ...]] = field(
        init=False, repr=False, compare=False)
    # Each repair with what its match needs of the folded text (most blocks need none),
    # and whether it can only match non-ASCII text (builder/clean/asciiskip.py).
    _repairs: tuple[tuple[Repair, Prefilter | None, bool], ...] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        paired = tuple((rule, _longest(rule.pattern), _checks(prefilter(rule.pattern)))
                       for rule in self.rules)
        positions = by_first_char([rule.pattern for rule in self.rules])
        object.__setattr__(self, "_all", paired)
        object.__setattr__(self, "_by_lead", {})
        object.__setattr__(self, "_by_first_char", {
            ch: tuple(paired[i] for i in indexes) for ch, indexes in positions.items()
        })
        object.__setattr__(self, "_repairs", tuple(
            (r, prefilter(r.pattern), needs_non_ascii(r.pattern)) for r in self.repairs))

    def enabled(self, heuristic: str) -> bool:
        return heuristic not in self.disabled

    def outlet_named_in(self, text: str) -> str | None:
        """The outlet a furniture line names ("Read the original article on X"), if any."""
        for clue in self.outlet_clues:
            found = clue.search(text.strip())
            if found:
                return found.group("outlet").strip()
        return None

    def repaired(self, text: str) -> str:
        """`text` with every repair applied, in order (the same object when none applies)."""
        folded = None  # as the prefilters read it; made again after a repair changes `text`
        ascii_only = text.isascii()
        for repair, needs, non_ascii in self._repairs:
            if non_ascii and ascii_only:
                continue  # the pattern matches only text holding a non-ASCII character
            if needs is not None:
                folded = fold(text) if folded is None else folded
                if not needs.admits(folded):
                    continue  # the pattern could not match: a string it needs is missing
            if repair.pattern.search(text):
                text, folded = repair.apply(text), None
                ascii_only = text.isascii()
        return text

    def first_match(self, text: str) -> Rule | None:
        """The first rule (in order) whose pattern matches the stripped block, or None."""
        stripped = text.strip()  # what Rule.matches searches, stripped once for all rules
        folded = fold(stripped)  # the block as the prefilters read it, made once
        lead = folded[:1]
        length = len(stripped)
        first = stripped[:1]
        candidates = self._by_lead.get((first, lead))
        if candidates is None:
            candidates = self._by_lead[first, lead] = _led_by(
                self._by_first_char.get(first, self._all), lead)
        for rule, longest, checks in candidates:
            if length > longest:
                continue  # the whole match is shorter than the block: it cannot match
            if checks is not None:
                # Prefilter.admits written out (performance: two calls a rule saved, on
                # every block): each clause needs a prefix or a part of the folded block.
                admitted = True
                for by_first, parts in checks:
                    prefixes = by_first.get(lead)
                    if prefixes and folded.startswith(prefixes):
                        continue
                    for part in parts:
                        if part in folded:
                            break
                    else:
                        admitted = False
                        break
                if not admitted:
                    continue  # the regex could not match: a string it needs is missing
            if rule.pattern.search(stripped):
                return rule
        return None


def _led_by(
    rules: tuple[tuple[Rule, int, Checks | None], ...], lead: str
) -> tuple[tuple[Rule, int, Checks | None], ...]:
    """`rules` less those with a clause of prefixes only, none of them starting with
    `lead` (the folded block's first character): a block starting so fails that clause,
    so the rule's regex could not match it (first_match skips them for a dict look-up)."""
    return tuple(entry for entry in rules if entry[2] is None or all(
        parts or lead in by_first for by_first, parts in entry[2]))


# A rule's prefilter as plain tuples, read by first_match: for each clause, its prefixes
# by first character and its parts (Clause.admits).
Checks = tuple[tuple[dict[str, tuple[str, ...]], tuple[str, ...]], ...]


def _longest(pattern: re.Pattern[str]) -> int:
    found = longest_match(pattern)
    return sys.maxsize if found is None else found


def _checks(needs: Prefilter | None) -> Checks | None:
    if needs is None:
        return None
    return tuple((clause.prefixes_by_first(), clause.parts) for clause in needs.clauses)


class RuleError(ValueError):
    """A rule in rules.yaml or config.yaml is malformed."""


def compile_rule(raw: dict, origin: str) -> Rule:
    missing = [key for key in ("id", "reason", "why", "pattern", "example") if not raw.get(key)]
    if missing:
        raise RuleError(f"{origin}: rule {raw.get('id', '?')!r} lacks {', '.join(missing)}")
    flags = 0 if raw.get("case") else re.IGNORECASE
    try:
        pattern = re.compile(str(raw["pattern"]), flags)
    except re.error as err:
        raise RuleError(f"{origin}: rule {raw['id']!r}: bad pattern: {err}") from None
    return Rule(str(raw["id"]), str(raw["reason"]), str(raw["why"]), pattern, str(raw["example"]))


# The packaged files are ours, not a curator's: libyaml (C, in PyPI's PyYAML wheels) reads
# them the same as the pure-Python loader 60 times faster, which every build process
# (and every worker) otherwise pays in full; tests/clean/test_prefilter.py holds them equal.
PACKAGED_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _packaged() -> dict:
    return yaml.load(RULES_FILE.read_text(encoding="utf-8"), Loader=PACKAGED_LOADER)  # noqa: S506


def load_rules(disable: tuple[str, ...] = (), extra: tuple[dict, ...] = ()) -> RuleSet:
    """The packaged rules, less those whose id is in `disable`, plus `extra` ones (first)."""
    data = _packaged()
    # Curator rules go first: a site-specific line should win over a generic one.
    rules = [compile_rule(raw, "config.yaml") for raw in extra]
    rules += [compile_rule(raw, str(RULES_FILE)) for raw in data["rules"]]
    rules = [rule for rule in rules if rule.id not in set(disable)]
    related = re.compile(data["related_headings"]["pattern"], re.IGNORECASE)
    agencies = frozenset(a.casefold() for a in data["credits"]["agencies"])
    clues = tuple(re.compile(c["pattern"], re.IGNORECASE) for c in data.get("outlet_clues", ()))
    computed = {str(raw["id"]) for raw in data.get("computed", ())}
    repairs = tuple(compile_repair(raw) for raw in data.get("repairs", ()) if raw["id"] not in disable)
    prefixes = tuple(compile_prefix(raw) for raw in data.get("prefixes", ())
                     if raw["id"] not in disable)
    return RuleSet(tuple(rules), related, agencies, clues, frozenset(computed & set(disable)),
                   repairs, prefixes)


def compile_repair(raw: dict) -> Repair:
    pattern = re.compile(str(raw["pattern"]))
    if raw.get("recode"):
        return Repair(str(raw["id"]), pattern, None)
    return Repair(str(raw["id"]), pattern, str(raw["replace"]))


def compile_prefix(raw: dict) -> Prefix:
    flags = 0 if raw.get("case") else re.IGNORECASE
    return Prefix(str(raw["id"]), re.compile(str(raw["pattern"]), flags))


def packaged_rule_ids() -> tuple[str, ...]:
    """Every id config.yaml may disable: the data rules and the computed heuristics."""
    data = _packaged()
    return tuple(raw["id"] for raw in data["rules"]) + tuple(
        raw["id"] for raw in data.get("computed", ())
    ) + tuple(raw["id"] for raw in data.get("repairs", ())) + tuple(
        raw["id"] for raw in data.get("prefixes", ()))
