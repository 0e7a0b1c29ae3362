"""The wording a fact is printed in, of the versions the reports give of it.

Takes: the `Reading` of a story, one of its sentences, the reports that are background
(published well before the others) and the sentences the curator left out. Gives: the
sentence to print for that fact: the version most reports back in full (support.py), a
quotation whole and with its speaker, never one that drops a figure the story gives nowhere
else or that leans on a sentence of its own report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Set as AbstractSet

from builder.merge.normalise import features, names
from builder.merge.reading import Reading, Span
from builder.merge.units import MIN_TRIMMED_WORDS, Piece, without_leading_phrase

QUOTED = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb][^\"\u201c\u201d\u201e\u00ab\u00bb]{3,}[\"\u201c\u201d\u201e\u00ab\u00bb]")
# A rewording from a report that does not back the sentence keeps this share of its words.
KEPT_SHARE = 0.7
MAX_VERSIONS = 8  # wordings of one fact weighed for printing (the first, fullest reports')


def _usable(reading: Reading, span: Span, omitted: Collection[tuple[int, int]]) -> bool:
    pieces = reading.pieces(span)
    return all(p.kind != "heading" and (p.source, p.index) not in omitted for p in pieces)


def _candidates(
    reading: Reading, g: int, covered: set[int], background: Collection[int],
    omitted: Collection[tuple[int, int]], keeps: Callable[[Piece], bool] | None = None,
) -> list[tuple[Span, Piece]]:
    """The wordings weighed for fact `g`, each with the unit that prints it: of the first
    MAX_VERSIONS distinct sentences of its group (no background report's), each usable
    unit that repeats no fact already chosen, as written and without its opening phrase."""
    out: list[tuple[Span, Piece]] = []
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
        out.extend((span, version) for version in _versions(member, memo)
                   if keeps is None or keeps(version))
    return out


def _choose(reading: Reading, candidates: list[tuple[Span, Piece]]) -> tuple[Span, Piece] | None:
    """The unit to print a fact with, and the wording of that fact's sentence, of the
    `candidates` (`_candidates`).

    Of the wordings at least half as many reports back in full as the best-backed one
    (and two, where two back one),
    the one that names a quotation's speaker, then the richest (most names and figures
    the rest of the story does not give),
    then the most backed, then the shortest unit: the fact told fully and honestly cited,
    where the most-backed wording alone would drop a detail most reports give."""
    found: list[tuple[tuple, Span, Piece]] = []
    for span, version in candidates:
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
    omitted: Collection[tuple[int, int]], keep: Collection[str] = frozenset(),
) -> Piece:
    """The wording to print a standalone sentence in: the version of its fact most
    reports back in full (a quotation whole, with its speaker), when that version leans on
    nothing in its own report, drops no figure the story gives nowhere else, and comes from
    a report that states everything this sentence says or keeps most of its words; else
    the sentence as its report wrote it. (A name or attribution only the backbone gives is
    then left out rather than cited to reports that lack it.)

    `keep`: names and figures of the sentence that every version printed in its place
    must give: details other reports corroborate that the page would print nowhere else
    ("on Saturday in Bern, Switzerland" is not dropped for the wire's "on Saturday",
    however many more reports back the wire's words: the place would then be told only
    in `more`)."""
    words = piece.feat.content

    def same_claim(version: Piece) -> bool:
        # its report states all this sentence says, or it keeps most of its words: a
        # rewording ("said Tuesday it was overturning" is not "the rules were weakened")
        if not version.feat.keys.issuperset(keep):
            return False
        return (version.source == piece.source or version.source in reading.cites(piece)
                or len(words & version.feat.content) >= KEPT_SHARE * len(words))

    candidates = _candidates(reading, reading.group_of(piece), set(), background, omitted,
                             same_claim)
    # Which wording wins is settled by counting each one's citations, a search of every
    # report for each: when no candidate could be printed instead of the sentence
    # (`_could_replace`), the sentence is printed whatever the counts (performance only).
    if not any(_could_replace(reading, piece, span, version) for span, version in candidates):
        return piece
    found = _choose(reading, candidates)
    if found is None:
        return piece
    span, version = found
    if not _in_place(reading, piece, span, version):
        return piece  # a figure no other fact of the story gives is never dropped
    if _speaker(version) and not _speaker(piece):
        return version  # the quotation with its speaker, however few print it so
    return version if len(reading.cites(version)) > len(reading.cites(piece)) else piece


def _in_place(reading: Reading, piece: Piece, span: Span, version: Piece) -> bool:
    """Can `version` (opening its unit `span`) stand in `piece`'s place: it opens its
    unit and drops no figure that no other fact of the story gives?"""
    lost = piece.feat.numbers - version.feat.numbers
    return span[1] == version.index and not any(reading.key_groups.get(k, 0) <= 1 for k in lost)


def _could_replace(reading: Reading, piece: Piece, span: Span, version: Piece) -> bool:
    """Could `best_wording` print `version` in `piece`'s place, were it chosen: in place,
    and naming a quotation's speaker the sentence does not name, or possibly backed by
    more reports than the sentence is (at most the reports that could back it at all,
    `Reading.could_cite`)?"""
    if version is piece or not _in_place(reading, piece, span, version):
        return False
    if _speaker(version) and not _speaker(piece):
        return True
    return reading.could_cite(version) > len(reading.cites(piece))


def _versions(member: Piece, memo: dict[int, Piece | None]) -> list[Piece]:
    """The sentence as its report wrote it, and without its opening phrase if it has one."""
    key = id(member.feat)
    if key not in memo:
        text = without_leading_phrase(member.feat.text)
        memo[key] = None if text is None else Piece(
            member.source, member.index, member.block, member.kind, features(text))
    trimmed = memo[key]
    return [member] if trimmed is None else [member, trimmed]


# "Posting on Facebook on Friday evening, Mary Cheney ...", "Marking a significant defeat for
# the White House, the House ...": a participle's scene before a named subject.
_PARTICIPLE_SCENE = re.compile(r"^[A-Z][a-z]+ing\b[^,\"\u201c\u201d]{3,90},\s+(?=[A-Z])")


def _unscened(member: Piece, memo: dict[int, Piece | None]) -> list[Piece]:
    """The sentence without an opening participle's scene, if it has one (for the brief;
    memoised under the negated id of its features, beside `_versions`' own)."""
    key = -id(member.feat)
    if key not in memo:
        found = _PARTICIPLE_SCENE.match(member.feat.text)
        rest = member.feat.text[found.end():] if found else ""
        memo[key] = (Piece(member.source, member.index, member.block, member.kind,
                           features(rest)) if len(rest.split()) >= MIN_TRIMMED_WORDS else None)
    trimmed = memo[key]
    return [] if trimmed is None else [trimmed]


_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


def _drops_attribution(shown: Piece, version: Piece) -> bool:
    """Does `version` drop the "according to ..." that says whose claim `shown` tells?"""
    return bool(_ACCORDING.search(shown.feat.text)) and not _ACCORDING.search(version.feat.text)


def _quote_length(piece: Piece) -> int:
    return max((len(q) for q in piece.feat.quotes), default=0)


def _speaker(piece: Piece) -> bool:
    """A quotation printed with its speaker: a name outside the quotation marks."""
    return bool(piece.feat.quotes) and bool(names(QUOTED.sub(" ", piece.feat.text)))


def _richness(reading: Reading, piece: Piece) -> int:
    """Names and figures the sentence gives that no other fact of the story gives."""
    return sum(1 for k in piece.feat.keys if reading.key_groups.get(k, 0) <= 1)


def best_backed(
    reading: Reading, piece: Piece, page_keys: AbstractSet[str], allowed: Callable[[Piece], bool],
    stands: Callable[[str], bool],
) -> tuple[Piece, tuple[int, ...]] | None:
    """The telling of a printed sentence's fact that the most reports back in full, for
    the story in brief, with those reports; None when none is backed by more reports than
    the sentence as printed, or by as many in fewer words. The body prints the backbone's
    fullest wording ("Riots over harsh new austerity measures left three bank workers dead
    and engulfed the streets of Athens on Wednesday, as ..."), which one report states whole; a reader of the brief is
    better served by the fact as most reports tell it, cited to all of them. A version
    qualifies when it is of the same fact (its group), `allowed` (of a report of the
    story's moment, not background; not left out by the curator; whole, not cut off at a
    comma), stands alone (`stands`), is no heading, gives no name
    or figure the page lacks (the brief tells what the body tells) and drops no figure
    no other fact of the story gives ("voting 348-77" is the fact, not a detail of it), has KEPT_SHARE of its
    words in the printed sentence, and counts no figure otherwise. Of versions as many
    reports back, the shortest that keeps every name and figure and its "according to":
    the brief gives the fact, the body its telling.

    Each sentence is weighed as written, without its opening phrase and without an opening
    participle's scene ("Posting on Facebook on Friday evening, Mary Cheney ... wrote: ..."):
    the claim, which more reports may state in full."""
    from builder.merge.conflicts import agreeing, differing  # (conflicts imports output)

    shown = reading.printed(piece)
    best = len(reading.cites(shown))  # a version must be backed by more reports than this
    found: tuple[Piece, tuple[int, ...]] | None = None
    words = shown.feat.content
    length = shown.feat.n_words
    for member in reading.groups.groups[reading.group_of(piece)].members:
        if member.kind == "heading" or not allowed(member):
            continue
        for version in _versions(member, reading.trimmed) + _unscened(member, reading.trimmed):
            if (not version.feat.keys <= page_keys
                    or any(reading.key_groups.get(k, 0) <= 1
                           for k in shown.feat.numbers - version.feat.numbers)
                    or len(words & version.feat.content) < KEPT_SHARE * len(version.feat.content)
                    or not stands(version.feat.text)
                    or differing(shown.feat.text, version.feat.text)):
                continue
            cites = agreeing(reading, version, reading.cites(version))
            # as many reports and fewer words, every name and figure kept: the fact told
            # concisely ("said Salazar" does not replace "said Interior Secretary Ken Salazar")
            if len(cites) > best or (len(cites) == best and version.feat.n_words < length
                                     and version.feat.keys >= shown.feat.keys
                                     and not _drops_attribution(shown, version)):
                best, length, found = len(cites), version.feat.n_words, (version, cites)
    return found
