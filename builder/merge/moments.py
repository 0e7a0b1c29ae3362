"""Tell each other moment of the story in brief, under its date, after the story's own.

Takes: the `Reading`, the story's `Clock`, the sentences the page prints before (the
story's own moment, then each earlier section), the sentences left out, the units that
would read at the wrong time, and the words the other moments may print. Gives: for each
other moment, its day, the report it is told in and its units in reading order.

A report about another moment than the story's (timeline step 4) is not woven into the
story's own telling: what it adds is that day's news, and it reads only in that day's
order, under that day's date. Each such day is told as a story of its own, in brief:

  1. Its backbone: of that day's reports (background aside), the one the day's others
     corroborate most (`backbone_of` over that day's reports alone), then the longest;
     its units in its own order.
  2. What the day's other reports add, woven in after the unit it follows (`weave`), held
     to the whole page: nothing the page already tells is told again. A unit of the day's
     backbone is left out when one of its sentences tells a fact the page prints (its
     group) or mostly repeats one printed sentence and names nothing new (`_echoes`).
     Nor is a unit that would read at the wrong time (a preview of what the story's day
     has reached, timeline.untimely) printed.
  3. Within the day's words (the day's section is a brief, not a second story): its
     first unit whatever its length (a moment told at all is told by its lede), then
     the units telling what two or more of the day's reports state (a figure of the same
     thing, a sentence's fact; a copy is no second voice), then the rest from the top
     while the words last (a report tells its day's news first) (`_chosen`). Its
     section keeps each report's account whole: no run of it is broken (compose.py).
  4. A unit that leans on a sentence not printed right before it, or calls someone by a
     surname whose introduction is not printed (`introduced`), is left out, and so is one
     woven right after a unit left out that way.
  5. A day whose lede the page tells already, and whose brief gives no name, figure or
     quotation the page lacks (`Salience.news`), has nothing of its own to tell: no
     section.
  6. A day told by one report alone (each sentence cited to it only) is held to MAX_RUN
     lines, its dateline among them (output.py: past that the page has become a copy of
     that report): its lede, then each unit bringing in someone the page has not named
     (who else spoke or acted that day), then what continues those, in its order. The
     rest stays in `more`, under that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from builder.merge.backbone import backbone_of, introduced, usable, weave
from builder.merge.normalise import content_words
from builder.merge.output import MAX_RUN
from builder.merge.reading import Reading, Span
from builder.merge.retold import Rates
from builder.merge.salience import FULL_NAME, Salience
from builder.merge.timeline import leans
from builder.merge.units import Piece

OPENING_NEWS = 0.5  # a sentence sharing more of its words with one printed sentence tells it again


@dataclass(frozen=True, slots=True)
class Moment:
    """One other moment as the body tells it: its day, its backbone report, its units."""

    day: dt.date
    spine: int
    spans: list[Span]


def moment_reports(
    reading: Reading, moment_of: Mapping[int, dt.date | None], background: Collection[int],
) -> dict[dt.date, list[int]]:
    """The reports of each other moment (background reports are no moment: `more` keeps
    them last), by day."""
    out: dict[dt.date, list[int]] = {}
    for source in reading.spans:
        day = moment_of.get(source)
        if day is not None and source not in background:
            out.setdefault(day, []).append(source)
    return dict(sorted(out.items()))


def tell_moments(
    reading: Reading, days: Mapping[dt.date, Sequence[int]], told: Sequence[Piece],
    omitted: Collection[tuple[int, int]], untimely: Collection[Span], budget: int,
    salience: Salience, headline: Mapping[str, int], original: Mapping[int, int],
    published: Mapping[int, object], story_rates: Rates,
) -> list[Moment]:
    """Each other moment's brief, day by day; `budget`: the words all of them may print,
    shared evenly among the days still to tell (what one day leaves goes to the next)."""
    out: list[Moment] = []
    page = list(told)
    left = budget
    for k, (day, sources) in enumerate(days.items()):
        share = left // (len(days) - k)
        others = [s for s in reading.spans if s not in sources]
        # Told by the day's own reports: another day's telling the same facts says what
        # the page prints already, not what that day tells.
        spine = backbone_of(reading, None, others, headline, original, published, sources)
        spans = _brief(reading, spine, others, page, omitted, untimely, share, salience,
                       story_rates, {s: original.get(s, s) for s in sources})
        keys = {key for p in page for key in p.feat.keys}
        # A day told by its lede tells its news; one whose lede the page tells already and
        # whose brief gives no name, figure or quotation the page lacks retells the story's
        # matter in its writer's words: it has nothing of its own to tell.
        if spans and (spans[0] == _opening(reading, spine, omitted) or salience.news(
                [p for span in spans for p in reading.pieces(span)], keys)):
            out.append(Moment(day, spine, spans))
            page.extend(p for span in spans for p in reading.pieces(span))
            left -= sum(reading.words(span) for span in spans)
    return out


def _brief(
    reading: Reading, spine: int, others: Collection[int], page: Sequence[Piece],
    omitted: Collection[tuple[int, int]], untimely: Collection[Span], budget: int,
    salience: Salience, story_rates: Rates, day: Mapping[int, int],
) -> list[Span]:
    """One day's units (`day`: its reports, each with the report it copies or itself):
    its backbone's with what the day's other reports add, what they agree on first
    (`_chosen`), each unit printable where it stands."""
    told = {reading.group_of(p) for p in page}
    opening = _opening(reading, spine, omitted)
    skip = [span for span in reading.spans[spine] if span in untimely or _tells_again(
        reading, span, page, told, span == opening)]
    kept = [s for s in reading.spans[spine] if s not in skip and usable(reading, s, omitted)]
    # Additions may take the whole budget: the day is cut to it from the top below.
    room = sum(map(reading.words, kept)) + budget
    spans = weave(reading, spine, others, omitted, room, salience, skip=skip,
                  untimely=untimely, story_rates=story_rates, told=page)
    return _held(reading, _chosen(reading, spans, page, budget, day), page, salience)


# A figure in digits and the word it counts or measures: "800,000 federal employees",
# "$5.7 billion for", "the 12th day".
FIGURE = re.compile(r"(\d[\d,.]*\d|\d)(?:st|nd|rd|th)?\s+(?:(?:thousand|million|billion|trillion|"
                    r"percent)\s+)?([a-z][\w'-]*)")


def _counted(text: str) -> set[tuple[str, str]]:
    """The sentence's figures, each with the word after it (what it counts): two reports
    giving "800,000" of "federal" employees state one fact; a "two sides" and a
    "two-week mark", or a "Feb. 8" and an "8 p.m.", do not."""
    return {(number.replace(",", "").rstrip("."), word)
            for number, word in FIGURE.findall(text.casefold())}


def _chosen(
    reading: Reading, spans: Sequence[Span], page: Sequence[Piece], budget: int,
    day: Mapping[int, int],
) -> list[Span]:
    """The units the day's section prints, in their woven order, within the budget: its
    opening, then the units telling facts two or more of the day's reports state (a
    figure of the same thing, `_counted`, or a sentence's fact, they both give: a name
    both mention is no shared fact) that the page lacks, most such facts first, then
    the rest from the top (a report tells its day's news first). What
    several of the day's reports state is that day's news as they agree on it; a detail
    one report alone gives comes after. A unit that reads only after the one before it
    ("Democrats were equally adamant", "He said") comes with it, or not at all."""
    if not spans:
        return []
    # a copy is no second voice: its original states what it states
    by_figure: dict[tuple[str, str], set[int]] = {}
    for source, voice in day.items():
        for p in reading.reports[source]:
            for figure in _counted(p.feat.text):
                by_figure.setdefault(figure, set()).add(voice)
    shown = {k for p in page for k in p.feat.keys}
    told = {reading.group_of(p) for p in page}

    def shared(span: Span, keys: Collection[str], groups: Collection[int]) -> int:
        pieces = reading.pieces(span)
        facts = {figure for p in pieces for figure in _counted(p.feat.text)
                 if figure[0] not in keys and len(by_figure[figure]) > 1}
        facts |= {g for p in pieces if (g := reading.group_of(p)) not in groups
                  and len({day[s] for s in reading.places(g) if s in day}) > 1}
        return len(facts)

    chosen = {spans[0]}
    used = reading.words(spans[0])

    def trial(span: Span) -> set[Span] | None:
        """The units to add for this one (with up to two before it that it reads after),
        if all the chosen read where they stand; empty when over the budget."""
        k = spans.index(span)
        for back in range(3):
            if k - back < 0:
                break
            added = {s for s in spans[k - back:k + 1] if s not in chosen}
            if used + sum(map(reading.words, added)) > budget:
                return set()
            ordered = [s for s in spans if s in chosen or s in added]
            if _printable(reading, ordered, page, 1 << 30) == ordered:
                return added
        return None

    def take(added: set[Span]) -> None:
        nonlocal used
        chosen.update(added)
        used += sum(map(reading.words, added))

    def keys_now() -> set[str]:
        return shown | {k for s in chosen for p in reading.pieces(s) for k in p.feat.keys}

    def groups_now() -> set[int]:
        return told | {reading.group_of(p) for s in chosen for p in reading.pieces(s)}

    tried: set[Span] = set()
    while True:  # what the day's reports agree on, most facts first
        keys, groups = keys_now(), groups_now()
        best = max(((n, -k, span) for k, span in enumerate(spans)
                    if span not in chosen and span not in tried
                    and (n := shared(span, keys, groups)) > 0), default=None)
        if best is None:
            break
        tried.add(best[2])
        if added := trial(best[2]):
            take(added)
    for span in spans:  # then from the top, while the words last
        if span not in chosen and (added := trial(span)) is not None:
            if not added:
                break
            take(added)
    return _printable(reading, [s for s in spans if s in chosen], page, 1 << 30)


def _held(
    reading: Reading, spans: Sequence[Span], page: Sequence[Piece], salience: Salience,
) -> list[Span]:
    """A day told by one report alone (each sentence cited to it only), held to what a
    reader needs: MAX_RUN lines cited to that report, its dateline among them (past that
    the page has become a copy of the report; the rest stays in `more`, under that day).

    Its lede first, then each unit bringing in someone the page has not named (a person
    named in full: who else spoke or acted that day), then, in the report's order while
    they fit, the units continuing those. A unit that brings in no one reads only right
    after the unit before it in its report (it goes on with that one's person or thing:
    "The Arizona Republican said ...", "DeMint added"); one that points back at a thing
    the page does not print ("would not go that far") brings the unit before it along."""
    if len({span[0] for span in spans}) != 1 or sum(
            span[2] - span[1] for span in spans) < MAX_RUN or any(
            reading.cites(reading.printed(p)) != (span[0],)
            for span in spans for p in reading.pieces(span)):
        return list(spans)
    room = MAX_RUN - 1  # the dateline cites the report too
    keys = {k for p in page for k in p.feat.keys}
    words = {w for p in page for w in p.feat.content}
    kept = {spans[0]}

    def size(chosen: Collection[Span]) -> int:
        return sum(s[2] - s[1] for s in chosen)

    def fits(chosen: set[Span]) -> bool:
        trial = [s for s in spans if s in chosen]
        return size(chosen) <= room and _printable(reading, trial, page, 1 << 30) == trial

    for k, span in enumerate(spans[1:], 1):  # who else spoke or acted
        if _brings_in(reading, span, keys):
            trial = kept | {span}
            if _points_back(reading, span, words) and spans[k - 1] not in kept:
                trial.add(spans[k - 1])
            if fits(trial):
                kept = trial
    for k, span in enumerate(spans[1:], 1):  # what they said or did, in order
        if span not in kept and spans[k - 1] in kept and fits(kept | {span}):
            kept.add(span)
    return [span for span in spans if span in kept]


def _brings_in(reading: Reading, span: Span, keys: Collection[str]) -> bool:
    """Does the unit's first sentence name in full someone the page (its names and
    figures `keys`) does not name?"""
    text = reading.printed(reading.pieces(span)[0]).feat.text
    return any(last.casefold() not in keys for _, last in FULL_NAME.findall(text))


# "would not go that far", "this move": a thing the sentence takes as known from the one
# before it.
DEMONSTRATIVE = re.compile(r"\b(?:that|this|these|those)\s+([a-z][\w-]+)")


def _points_back(reading: Reading, span: Span, page: Collection[str]) -> bool:
    """Does the unit's first sentence point back ("that far", "this move") at a thing the
    page (its words `page`) does not print?"""
    text = reading.printed(reading.pieces(span)[0]).feat.text
    return any(content_words(found) - frozenset(page) for found in DEMONSTRATIVE.findall(text))


def _opening(reading: Reading, source: int, omitted: Collection[tuple[int, int]]) -> Span | None:
    """The report's first unit that can be printed: its lede."""
    return next((s for s in reading.spans[source] if usable(reading, s, omitted)), None)


def _printable(
    reading: Reading, spans: Sequence[Span], page: Sequence[Piece], budget: int,
) -> list[Span]:
    """The units, in order, that read where they stand, while the budget lasts (the first
    whatever its length)."""
    named = {name: 0.0 for p in page for name in p.feat.names}
    out: list[Span] = []
    left: set[tuple[int, int]] = set()  # (report, end) of each unit left out here
    used = 0
    for span in spans:
        follows = bool(out) and out[-1][0] == span[0] and out[-1][2] == span[1]
        if (span[0], span[1]) in left or not (follows or (
                not leans(reading.pieces(span)[0].feat.text)
                and introduced(reading, span, named, 0))):
            left.add((span[0], span[2]))
            continue
        words = reading.words(span)
        if out and used + words > budget:
            break
        out.append(span)
        used += words
        named.update((name, 0.0) for p in reading.pieces(span) for name in p.feat.names
                     if name not in named)
    return out


def _tells_again(
    reading: Reading, span: Span, page: Sequence[Piece], told: Collection[int],
    opening: bool,
) -> bool:
    """Does the unit tell again what the page tells: one of its sentences a fact printed
    (its group), or each of them mostly one printed sentence's words with nothing new
    (`_echoes`)? The day's opening sets its day's scene in the story's matter, and the
    grouping, which reads the whole story, may take it for a printed sentence's fact
    ("Republican senators kept up pressure on Steele Sunday" with "Steele drew fierce
    criticism and a call for his resignation on Friday"): it tells that fact again only
    when one printed sentence of its group holds most of its words."""
    pieces = reading.pieces(span)
    for p in pieces:
        g = reading.group_of(p)
        if g in told and (not opening or any(
                reading.group_of(q) == g and _holds(q, p) for q in page)):
            return True
    return all(_echoes(p, page) for p in pieces)


def _holds(printed: Piece, piece: Piece) -> bool:
    """Does the printed sentence hold most (OPENING_NEWS) of the sentence's words?"""
    words = piece.feat.content
    return len(words & printed.feat.content) > OPENING_NEWS * len(words)


def _echoes(piece: Piece, printed: Sequence[Piece]) -> bool:
    """Does the sentence tell a printed sentence's fact again: most of its words in that
    sentence, and no name or figure the page lacks? ("... has left the Betty Ford Center
    and is moving to a rehab facility in Malibu" after "... has checked into the Betty
    Ford Center" is news: Malibu.)"""
    if not any(_holds(p, piece) for p in printed):
        return False
    return all(any(k in p.feat.keys for p in printed) for k in piece.feat.keys)
