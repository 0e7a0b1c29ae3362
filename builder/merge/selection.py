"""Choose what the story tells: the units of the body, within a length budget.

Takes: the `Reading` of a story, the report to lead with (the curator's, or None), the
reports that are background (published well before the others), sentences the curator
left out, and the body's budget in words. Gives: the lead unit and the body's units.

Facts are taken most corroborated first (the number of reports telling them), then by how
early the reports tell them (news is written most important first). Each fact is printed
in the version that most reports back in full (support.py), in a unit that can stand on
its own; a unit whose other sentences repeat a fact already chosen is passed over for
another report's. What does not fit the budget, a background report's own facts, and a
report's opening that restates the lead in other words go to the "more" part instead.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from builder.merge.normalise import features, names
from builder.merge.reading import Reading, Span
from builder.merge.units import Piece, leans_back, without_leading_phrase

QUOTED = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb][^\"\u201c\u201d\u201e\u00ab\u00bb]{3,}[\"\u201c\u201d\u201e\u00ab\u00bb]")
MAX_VERSIONS = 8  # wordings of one fact weighed for printing (the first, fullest reports')
LEDE_PIECES = 3  # a report's first sentences: where it says what the story is


@dataclass(frozen=True, slots=True)
class Choice:
    lead: Span | None
    body: tuple[Span, ...]  # in the order chosen (most corroborated first), lead included


def rank_groups(reading: Reading) -> list[int]:
    """Group indices, most reports first, then earliest in the reports, then first seen."""
    sizes = {s: len(r) for s, r in reading.reports.items()}
    keyed = []
    for g, group in enumerate(reading.groups.groups):
        if not group.members or group.members[0].kind == "heading":
            continue
        spots = [min(at) / max(sizes[s], 1) for s, at in reading.places(g).items()]
        keyed.append((-len(group.sources), sum(spots) / len(spots), g))
    return [g for *_, g in sorted(keyed)]


def choose(
    reading: Reading, lead: int | None, background: Collection[int],
    omitted: Collection[tuple[int, int]], budget: int, headline: Mapping[str, int],
) -> Choice:
    """`headline`: content word -> how many of the story's headlines use it."""
    taken: list[Span] = []
    covered: set[int] = set()
    used = 0
    lead_span = _lead(reading, lead, background, omitted, headline)
    if lead_span is not None:
        taken.append(lead_span)
        covered |= {reading.group_of(p) for p in reading.pieces(lead_span)}
        used += reading.words(lead_span)
    ledes = _ledes(reading) - covered
    for g in rank_groups(reading):
        if g in covered or (g in ledes and len(reading.groups.groups[g].sources) < 2):
            continue
        best = _best_span(reading, g, covered, background, omitted)
        if best is None:
            continue
        size = reading.words(best[0])
        if used + size > budget:
            continue
        span = _take(reading, best)
        taken.append(span)
        used += size
        covered |= {reading.group_of(p) for p in reading.pieces(span)}
    return Choice(lead_span, tuple(taken))


def _ledes(reading: Reading) -> set[int]:
    out = set()
    for report in reading.reports.values():
        text = [p for p in report if p.kind != "heading"][:LEDE_PIECES]
        out |= {reading.group_of(p) for p in text}
    return out


def _lead(
    reading: Reading, lead: int | None, background: Collection[int],
    omitted: Collection[tuple[int, int]], headline: Mapping[str, int],
) -> Span | None:
    """The curator's report's first unit; else the report opening that says most of what
    the headlines say (a lede names the story's actors and event), then the one most
    reports open with too, then the one whose fact most reports tell, then the fullest
    report's. An opening quotation or a sentence leaning back is no lead."""
    if lead is not None and lead in reading.spans:
        for span in reading.spans[lead]:
            if _usable(reading, span, omitted):
                return span
    openings: dict[int, set[int]] = {}  # group -> reports opening with it
    for source, report in reading.reports.items():
        for p in [p for p in report if p.kind != "heading"][:LEDE_PIECES]:
            openings.setdefault(reading.group_of(p), set()).add(source)
    candidates = []
    for source, report in reading.reports.items():
        first = next((p for p in report if p.kind != "heading"), None)
        if source in background or first is None or not _can_lead(first):
            continue
        g = reading.group_of(first)
        told = sum(headline.get(w, 0) for w in first.feat.content)
        candidates.append((-told, -len(openings.get(g, ())), -len(reading.groups.groups[g].sources),
                           -sum(p.feat.n_words for p in report), source, g))
    for *_, g in sorted(candidates):
        best = _best_span(reading, g, set(), background, omitted)
        if best is not None:
            return _take(reading, best)
    return None


def _can_lead(piece: Piece) -> bool:
    text = piece.feat.text.lstrip()
    return not leans_back(text) and text[:1] not in "\"\u201c\u201e\u00ab'\u2018("


def _usable(reading: Reading, span: Span, omitted: Collection[tuple[int, int]]) -> bool:
    pieces = reading.pieces(span)
    return all(p.kind != "heading" and (p.source, p.index) not in omitted for p in pieces)


def _best_span(
    reading: Reading, g: int, covered: set[int], background: Collection[int],
    omitted: Collection[tuple[int, int]],
) -> tuple[Span, Piece] | None:
    """The unit to print fact `g` with, and the wording of that fact's sentence, in a unit that repeats no fact already chosen.

    Of the wordings at least half as many reports back in full as the best-backed one
    (and two, where two back one),
    the one that names a quotation's speaker, then the richest (most names and figures
    the rest of the story does not give),
    then the most backed, then the shortest unit: the fact told fully and honestly cited,
    where the most-backed wording alone would drop a detail most reports give."""
    found: list[tuple[tuple, Span, Piece]] = []
    memo = reading.trimmed
    seen: set[int] = set()
    for member in reading.groups.groups[g].members:
        if len(seen) >= MAX_VERSIONS:
            break
        if id(member.feat) in seen or member.source in background:
            continue
        seen.add(id(member.feat))
        span = reading.unit_of[member.source, member.index]
        if not _usable(reading, span, omitted):
            continue
        others = {reading.group_of(p) for p in reading.pieces(span) if p is not member}
        if others & covered or g in others:
            continue
        for version in _versions(member, memo):
            backed = len(reading.cites(version))
            found.append(((backed, _speaker(version), _richness(reading, version),
                           -(span[2] - span[1]), -reading.words(span)), span, version))
    if not found:
        return None
    most = max(v[0] for v, _, _ in found)
    enough = max(most / 2, min(most, 2))
    if any(version.feat.quotes for _, _, version in found):
        # A quotation is printed whole and with its speaker, however few print it so.
        eligible = [((v[1], _quote_length(version), v[0]) + v[2:], span, version)
                    for v, span, version in found]
    else:
        eligible = [(v[1:3] + (v[0],) + v[3:], span, version)
                    for v, span, version in found if v[0] >= enough]
    _, span, version = max(eligible, key=lambda item: item[0])
    return span, version


def best_wording(
    reading: Reading, piece: Piece, background: Collection[int],
    omitted: Collection[tuple[int, int]],
) -> Piece:
    """The wording to print a standalone sentence in: the version of its fact most
    reports back in full (a quotation whole, with its speaker), when that version leans on
    nothing in its own report and drops no figure the story gives nowhere else; else the
    sentence as its report wrote it. (A name or attribution only the backbone gives is
    then left out rather than cited to reports that lack it.)"""
    found = _best_span(reading, reading.group_of(piece), set(), background, omitted)
    if found is None:
        return piece
    span, version = found
    lost = piece.feat.numbers - version.feat.numbers
    if span[1] != version.index or any(reading.key_groups.get(k, 0) <= 1 for k in lost):
        return piece  # a figure no other fact of the story gives is never dropped
    if _speaker(version) and not _speaker(piece):
        return version  # the quotation with its speaker, however few print it so
    return version if len(reading.cites(version)) > len(reading.cites(piece)) else piece


def _take(reading: Reading, chosen: tuple[Span, Piece]) -> Span:
    """Note the wording chosen for the page; give the unit."""
    span, version = chosen
    if version is not reading.reports[version.source][version.index]:
        reading.printed_as[version.source, version.index] = version
    return span


def _versions(member: Piece, memo: dict[int, Piece | None]) -> list[Piece]:
    """The sentence as its report wrote it, and without its opening phrase if it has one."""
    key = id(member.feat)
    if key not in memo:
        text = without_leading_phrase(member.feat.text)
        memo[key] = None if text is None else Piece(
            member.source, member.index, member.block, member.kind, features(text))
    trimmed = memo[key]
    return [member] if trimmed is None else [member, trimmed]


def _quote_length(piece: Piece) -> int:
    return max((len(q) for q in piece.feat.quotes), default=0)


def _speaker(piece: Piece) -> bool:
    """A quotation printed with its speaker: a name outside the quotation marks."""
    return bool(piece.feat.quotes) and bool(names(QUOTED.sub(" ", piece.feat.text)))


def _richness(reading: Reading, piece: Piece) -> int:
    """Names and figures the sentence gives that no other fact of the story gives."""
    return sum(1 for k in piece.feat.names | piece.feat.numbers if reading.key_groups.get(k, 0) <= 1)
