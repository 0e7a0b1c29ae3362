"""Furniture glued to the start of a paragraph: a dateline, or the outlet's own name.

Takes: the kept blocks of one cleaned report, the `RuleSet` (its `prefixes`, datelines as
data, and the agencies it knows) and the report's metadata (outlet, url). Gives: the blocks
with such a prefix cut off ("WASHINGTON ― In a stinging blow ..." keeps "In a stinging
blow ..."; "Computerworld - Microsoft today said ..." keeps "Microsoft today said ..."),
and a `Removed` for each cut, so that `extract --explain` shows it like any removed line.

What is left must still read as a sentence (several words, ending as a sentence ends):
a sub-heading such as "PEPA – Universitätsklinikum Heidelberg" is not a dateline.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from urllib.parse import urlsplit

from builder.clean.rules import RuleSet
from builder.model import Block, Removed, SourceMeta

OUTLET_RULE = "lede.outlet-credit"
MIN_WORDS_LEFT = 5  # a lede, however short, says who did what
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")
# A name (one to four capitalised words, perhaps in brackets) and a dash, before a capital:
# the outlet's credit when the name is the outlet's ("Computerworld-Microsoft today said").
_CREDIT = re.compile(
    r"^\(?(?P<name>[A-Z][\w.&'’]*(?: [A-Z][\w.&'’]*){0,3})\)?\s*[-–—―]+\s*(?=[\"“‘]?[A-Z0-9])"
)
# The second level of a country's domain ("co.uk", "com.au"): no outlet's name.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "or", "ne"})


def cut_ledes(
    blocks: tuple[Block, ...], rules: RuleSet, meta: SourceMeta
) -> tuple[tuple[Block, ...], tuple[Removed, ...]]:
    """`blocks` less the datelines and outlet credits that open them; what was cut."""
    names = frozenset()
    if rules.enabled(OUTLET_RULE):
        names = _outlet_names(meta) | _agency_keys(rules.agencies)
    kept: list[Block] = []
    cut: list[Removed] = []
    for block in blocks:
        found = None if block.kind in ("heading", "quote") else _prefix(block.text, rules, names)
        if found is None:
            kept.append(block)
            continue
        rule, prefix = found
        kept.append(replace(block, text=block.text[len(prefix):]))
        cut.append(Removed(rule, "boilerplate", prefix.strip(), block.line))
    return tuple(kept), tuple(cut)


def _prefix(text: str, rules: RuleSet, names: frozenset[str]) -> tuple[str, str] | None:
    """(rule id, the prefix to cut) when `text` opens with a dateline or the outlet's name."""
    for prefix in rules.prefixes:
        match = prefix.pattern.match(text)
        if match and match.group() and _reads_as_sentence(text[match.end():]):
            return prefix.id, match.group()
    match = _CREDIT.match(text)
    if match and _key(match.group("name")) in names and _reads_as_sentence(text[match.end():]):
        return OUTLET_RULE, match.group()
    return None


def _reads_as_sentence(rest: str) -> bool:
    return len(rest.split()) >= MIN_WORDS_LEFT and bool(_SENTENCE_END.search(rest.strip()))


# Compiled once (performance: re's own cache is looked up on every call otherwise).
_NOT_WORD = re.compile(r"[\W_]+")
_BRACKETS = re.compile(r"[()]")
_THE = re.compile(r"^\s*the\s+", re.I)
_LABEL = re.compile(r"[a-z0-9-]+")


def _key(name: str) -> str:
    return _NOT_WORD.sub("", name.casefold())


@lru_cache(maxsize=8)  # performance: the rule set's agencies, keyed once, not once a report
def _agency_keys(agencies: frozenset[str]) -> frozenset[str]:
    return frozenset(_key(agency) for agency in agencies)


def _outlet_names(meta: SourceMeta) -> frozenset[str]:
    """The ways a report may name its own outlet: its name (with and without "The", and
    the name in brackets after it) and the distinctive label of its site's host name."""
    names = set()
    for outlet in (meta.outlet, meta.original_outlet):
        if not outlet:
            continue
        for part in _BRACKETS.split(outlet):
            if _key(part):
                names |= {_key(part), _key(_THE.sub("", part))}
        names.add(_host_label(outlet))
    if meta.url:
        names.add(_host_label(urlsplit(meta.url).hostname or ""))
    names.discard("")
    return frozenset(names)


def _host_label(host: str) -> str:
    """"computerworld" for "www.computerworld.com", "reuters" for "uk.reuters.com"; "" for
    a text that is no host name."""
    labels = host.casefold().strip().split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return ""
    labels.pop()  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()  # "co.uk", "com.au"
    return _key(labels[-1])
