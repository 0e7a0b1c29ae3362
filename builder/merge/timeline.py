"""Place each report in time before its sentences are woven into one story.

Takes: the reports (their publication dates and sentences) and the backbone report.
Gives: the story's `Clock` (its day, the day each report tells of, the background
reports), the units that would read at the wrong time, the dated headings, and `more`
cut into dated parts.

A relative day ("on Wednesday", "yesterday", "this week", "tomorrow") resolves against the
publication date of the report that prints it: a "Wednesday" is the latest Wednesday on or
before that date, the first on or after it when the clause tells what is still to come
("is expected to", "will", "plans"). A report tells of the day its opening names; one
whose opening names none is not known to tell of another day than the story's.

  1. The story's day is its backbone's publication date; its moment the day the
     backbone's opening names, else that date; undated, the day most reports share.
  2. A report published STALE_DAYS or more before the others' median is background: never
     the backbone, never woven in, last in `more`.
  3. A unit of a report published on another day than the backbone but about the same
     moment is woven in only when its relative days name the same dates read from the
     story's day ("Wednesday" written on Thursday and on Friday is the same Wednesday;
     "yesterday" is not the same day); a report written before the backbone adds no preview
     ("is set to vote") of what the backbone tells as done.
  4. A report is about another moment when its opening names another day than the
     backbone's, whatever day it was published, or when it was published STALE_DAYS or
     more from the story's day, or when, published after the story's moment, its opening
     names no day and tells nothing the story's own reports open with (`fresh`: its lede
     is its own day's news). Another day's report does not lend its lede to the story's
     moment: a later report whose opening names the moment's day but opens on news the
     moment's reports do not open with is woven in, its opening left out. A report about
     another moment is not woven into the backbone's moment: its day is told apart, in
     brief, from that day's own reports (moments.py), after the backbone's units under a
     heading with its publication date, saying which way it lies from the story's moment
     ("Earlier, 2 January"), against which its own relative days read right. A heading
     is not a claim: it cites nothing and its date is the report's own.
  5. `more`, when it holds sentences of several days, gives each day's under a dateline,
     the day each tells of (a report of the story's moment printed a day later under the
     moment's day, unless its relative days read otherwise from it), background reports
     last; what a report written before the story's day told as still to come is dated
     as expected then ("Expected, as of 28 September"), apart from that day's news.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from builder.merge.backbone import QUOTED, previews
from builder.merge.normalise import features
from builder.merge.output import Part, Printed
from builder.merge.reading import Reading, Span
from builder.merge.units import (LEADING_PHRASE, LEANING_WORDS, OPENING_MARKS, Piece,
                                  refers_back)
from builder.model import Article, Sentence

STALE_DAYS = 7  # a report published this long before the others' median is background
LEDE = 2  # sentences of a report's opening that may name the day it tells of

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
# "Black Friday", "Super Tuesday": a name, not a day of this week.
NOT_A_DAY = ("black", "good", "super", "ash", "cyber", "easter", "holy", "maundy", "giving")
RELATIVE = re.compile(
    r"\b(?:(?P<which>last|next|this)\s+)?(?P<day>%s)\b(?!\s*,?\s*(?:%s)\b)"
    r"|\b(?P<word>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon"
    r"|evening))\b"
    r"|\b(?P<span>this|last|next)\s+(?P<unit>week(?:end)?|month|year)\b" % (
        "|".join(DAY_NAMES), "|".join(m.lower() for m in MONTH_NAMES)),
    re.IGNORECASE)
# What is still to come, in the clause before a named day ("is expected to begin in the
# Senate on Wednesday", "plans on Thursday", "who is in line to be elected Thursday").
FUTURE = re.compile(
    r"\b(?:will|shall|plans?|planned|planning|intends?|expected|scheduled|set\s+to|due\s+to"
    r"|poised|slated|in\s+line\s+to|going\s+to|is\s+to|are\s+to)\b", re.IGNORECASE)
CLAUSE = re.compile(r"[,;:()\u2014\u2013]|\s-{1,2}\s")
WORD_BEFORE = re.compile(r"(\w+)\W*$")
WORD = re.compile(r"[\w']+")
# "“Walls work,” he added": a quotation whose speaker the sentence before named.
SAID_BY_PRONOUN = re.compile("[\"\u201c][^\"\u201c\u201d]*[\"\u201d]\\s*(?:he|she|they)\\b")
ONE_OF_THEM = re.compile(r"(?:[Oo]ne|[Tt]he\s+other|[Aa]nother)\s+(?:would|will|is|was|has|had"
                         r"|does|did)\b")

Days = tuple[dt.date, dt.date]  # first and last day of what a phrase names


@dataclass(frozen=True, slots=True)
class Clock:
    today: dt.date | None  # the story's day: the backbone's publication date
    now: dt.date | None  # the day the backbone tells of
    published: Mapping[int, dt.date | None]
    about: Mapping[int, dt.date | None]  # the day each report's opening names
    background: frozenset[int]
    # Reports published after the story's moment whose opening tells nothing the story's
    # own reports open with: their lede is their own day's news (`fresh`).
    later: frozenset[int] = frozenset()

    def elsewhere(self, source: int) -> bool:
        """Is this report, published on another day, about another moment than the story's
        (its opening names another day)? One whose opening names no day is not known to be,
        unless it was published STALE_DAYS or more from the story's day: six weeks on, "The
        actress has left the Betty Ford Centre" tells a later moment, day named or not; or
        it was published after the story's moment and opens on news none of the story's
        own reports opens with: "Lohan has checked into the Betty Ford Center", printed the
        day after the reports of her lawyer's hearing, is that day's news."""
        day, about = self.published.get(source), self.about.get(source)
        if source in self.later and about is None:
            return True
        if day is None or self.today is None:
            return False
        if abs((day - self.today).days) >= STALE_DAYS:
            return True
        return about is not None and self.now is not None and about != self.now

    def moment(self, source: int) -> dt.date | None:
        """The day under which the body tells this report: its publication date when it is
        about another moment, else None (the story's own moment)."""
        return self.published[source] if self.elsewhere(source) else None


def date_of(iso: str | None) -> dt.date | None:
    """The day of an ISO date or date and time ("2013-09-17T10:05:00Z"); None if none."""
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def background_of(ordered: Sequence[Article], present: Collection[int]) -> frozenset[int]:
    """Reports published STALE_DAYS or more before the median of the others."""
    known = {i: d for i, a in enumerate(ordered, 1) if i in present
             and (d := date_of(a.meta.published)) is not None}
    out = set()
    for i, d in known.items():
        others = [x for j, x in known.items() if j != i]
        if len(others) >= 2 and (statistics.median_low(others) - d).days >= STALE_DAYS:
            out.add(i)
    return frozenset(out)


def clock_of(
    ordered: Sequence[Article], reports: Mapping[int, Sequence[Piece]], spine: int,
    background: Collection[int], reading: Reading | None = None,
) -> Clock:
    """`reading`: the facts (groups) the reports' openings tell, for `fresh`."""
    published = {i: date_of(a.meta.published) for i, a in enumerate(ordered, 1) if i in reports}
    about = {i: _lede_day(reports[i], day) for i, day in published.items()}
    current = [i for i in published if i not in background]
    today = published.get(spine) or _usual(published[i] for i in current)
    now = about.get(spine) or published.get(spine) or _usual(
        about[i] or published[i] for i in current)
    later = fresh(reading, spine, published, now, background) if reading is not None else ()
    return Clock(today, now, published, about, frozenset(background), frozenset(later))


def fresh(
    reading: Reading, spine: int, published: Mapping[int, dt.date | None],
    now: dt.date | None, background: Collection[int],
) -> set[int]:
    """The reports published after the story's moment `now` whose opening (LEDE sentences)
    tells no fact that the opening of one of the story's own reports tells (the backbone's,
    or one published by `now`): a report tells its news first, and a later report's news
    that the moment's reports do not open with is its own day's ("After skipping out on
    entering a Newport Beach rehabilitation facility ..., Lindsay Lohan has checked into
    the Betty Ford Center", the day after the reports of her lawyer's hearing). The wire
    copy of the moment's news reprinted a day later opens as they do, and is not."""
    if now is None:
        return set()
    own = {spine} | {i for i, day in published.items() if day is not None and day <= now
                     and i not in background}
    told = {reading.group_of(p) for i in own for p in _opening(reading.reports[i])}
    return {i for i, day in published.items()
            if i not in own and i not in background and day is not None and day > now
            and not any(reading.group_of(p) in told for p in _opening(reading.reports[i]))}


def _opening(report: Sequence[Piece]) -> list[Piece]:
    """The report's opening sentences: its lede."""
    return [p for p in report if p.kind != "heading"][:LEDE]


def _usual(days: Iterator[dt.date | None]) -> dt.date | None:
    """The day most reports share, the later of two as common."""
    counts = Counter(d for d in days if d is not None)
    return max(counts, key=lambda d: (counts[d], d)) if counts else None


def _lede_day(report: Sequence[Piece], published: dt.date | None) -> dt.date | None:
    """The day the report's opening names, in its writer's own words."""
    for piece in _opening(report):
        for lo, hi in _days(QUOTED.sub(" ", piece.feat.text), published):
            if lo == hi:
                return lo
    return None


def untimely(reading: Reading, clock: Clock) -> set[Span]:
    """Units of other reports that would read at the wrong time in the story: from a
    report written before the backbone, a preview ("is set to vote") or a day still to
    come that the story's day has reached; from a report about the same moment published
    on another day, a unit whose relative days name other dates read from the story's day;
    the opening of a later report that tells the story's moment (`Clock.later`, its
    opening names the moment's day) but opens on its own day's news: another day's
    report does not lend its lede to the story's moment."""
    out = set()
    for source in clock.later:
        if not clock.elsewhere(source):
            lede = {(p.source, p.index) for p in _opening(reading.reports[source])}
            out.update(span for span in reading.spans[source]
                       if any((p.source, p.index) in lede for p in reading.pieces(span)))
    for source, spans in reading.spans.items():
        own = clock.published.get(source)
        if own is None or clock.today is None or own == clock.today:
            continue
        for span in spans:
            texts = [p.feat.text for p in reading.pieces(span)]
            if own < clock.today and any(previews(t) or overtaken(t, own, clock.today)
                                         for t in texts):
                out.add(span)
            elif not clock.elsewhere(source) and any(shifted(t, own, clock.today) for t in texts):
                out.add(span)
    return out


# Every RELATIVE match holds one of these (case aside): an ASCII sentence without any is
# not searched. Performance only: most sentences name no day, and the regex tries its
# alternatives at every character.
_DAY_WORDS = ("day", "night", "tomorrow", "morning", "afternoon", "evening", "week", "month",
              "year")


@lru_cache(maxsize=16_384)  # pure, and read by several steps for each sentence
def _relatives(text: str) -> tuple[re.Match[str], ...]:
    """RELATIVE's matches in the text, in order."""
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in _DAY_WORDS):
            return ()
    return tuple(RELATIVE.finditer(text))


def shifted(text: str, own: dt.date, today: dt.date) -> bool:
    """Does a relative day of this sentence, written on `own`, name another date when read
    on `today`, or tell as still to come what `today` has already reached?"""
    if own == today:
        return False
    for found in _relatives(text):
        if not _a_day(text, found):
            continue
        future = _future(text, found.start())
        if _resolve(found, own, future) != _resolve(found, today, future):
            return True
    return overtaken(text, own, today)


def overtaken(text: str, own: dt.date, today: dt.date) -> bool:
    """Does the sentence, written on `own`, tell as still to come a day `today` has
    reached ("plans on Thursday", written on Wednesday, read on Friday)?"""
    for found in _relatives(text):
        if _a_day(text, found):
            there = _resolve(found, own, _future(text, found.start()))
            if own < there[0] <= today:
                return True
    return False


def _days(text: str, published: dt.date | None) -> Iterator[Days]:
    if published is None:
        return
    for found in _relatives(text):
        if _a_day(text, found):
            yield _resolve(found, published, _future(text, found.start()))


def _a_day(text: str, found: re.Match[str]) -> bool:
    if not found.group("day") or found.group("which"):
        return True
    before = WORD_BEFORE.search(text[:found.start()])
    return before is None or before.group(1).casefold() not in NOT_A_DAY


def _future(text: str, at: int) -> bool:
    clause = CLAUSE.split(text[:at])[-1]
    return FUTURE.search(clause) is not None


def _resolve(found: re.Match[str], on: dt.date, future: bool) -> Days:
    """The dates a relative phrase names, read on the day `on`."""
    if found.group("day"):
        which = (found.group("which") or "").casefold()
        ahead = (DAY_NAMES.index(found.group("day").casefold()) - on.weekday()) % 7
        if which == "next" or (which != "last" and future):
            day = on + dt.timedelta(days=ahead or (7 if which == "next" else 0))
        else:
            back = (7 - ahead) % 7 or (7 if which == "last" else 0)
            day = on - dt.timedelta(days=back)
        return day, day
    if found.group("word"):
        word = found.group("word").casefold()
        shift = -1 if word.startswith(("yesterday", "last")) else 1 if word == "tomorrow" else 0
        day = on + dt.timedelta(days=shift)
        return day, day
    step = {"this": 0, "last": -1, "next": 1}[found.group("span").casefold()]
    return _period(found.group("unit").casefold(), on, step)


def _period(unit: str, on: dt.date, step: int) -> Days:
    if unit.startswith("week"):
        monday = on - dt.timedelta(days=on.weekday()) + dt.timedelta(weeks=step)
        first = monday + dt.timedelta(days=5) if unit == "weekend" else monday
        return first, monday + dt.timedelta(days=6)
    if unit == "month":
        month = on.year * 12 + on.month - 1 + step
        first = dt.date(month // 12, month % 12 + 1, 1)
        following = dt.date((month + 1) // 12, (month + 1) % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(on.year + step, 1, 1), dt.date(on.year + step, 12, 31)


def relative_label(day: dt.date, today: dt.date | None) -> str:
    """A body section's dateline, saying which way it lies from the story's day
    ("Earlier, 2 January", "Later, 4 July"): placed after the story, a section of an
    earlier day reads as background, not as what followed."""
    if today is None or day == today:
        return label(day)
    return f"{'Earlier' if day < today else 'Later'}, {label(day)}"


def leans(text: str) -> bool:
    """Does the sentence need the one before it: it refers back, or its subject after an
    opening phrase is a pronoun ("During the campaign, he promised ...", "Both insisted",
    "One would fund ...": one of what the sentence before named; "“Walls work,” he
    added"), or is an aside in brackets?"""
    if (refers_back(text) or SAID_BY_PRONOUN.match(text.strip()) is not None
            or text.lstrip().startswith("(")):  # an aside on the sentence before
        return True
    text = text.lstrip(OPENING_MARKS)
    phrase = LEADING_PHRASE.match(text)
    text = text[phrase.end():] if phrase else text
    first = WORD.match(text)
    return (first is not None and first.group(0).casefold() in LEANING_WORDS | {"both"}
            or ONE_OF_THEM.match(text) is not None)


def label(day: dt.date | None) -> str:
    """A dateline naming the day the sentences under it tell of ("2 January"; the source
    list gives each report's full date). Nothing more: a heading is a date, not a claim."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]}" if day is not None else "Undated reports"


def heading(text: str, sources: Collection[int]) -> Part:
    """A heading part citing the reports under it (their publication dates give it)."""
    return "heading", [Printed(Piece(0, -1, -1, "heading", features(text)),
                               Sentence(text, tuple(sorted(set(sources)))))]


def expected(reading: Reading, clock: Clock) -> set[tuple[int, int]]:
    """The sentences (report, index) of reports written before the story's day that tell
    as still to come what that day has reached: a preview ("is set to vote") or a day
    still to come ("followed by the House on Thursday", written on Wednesday, read on
    Thursday). The body never weaves them in (`untimely`); `more` says what they are.
    Only of a report written on the day of the story's moment itself: dated that day,
    its preview would read as that day's news; one written on an earlier day is dated
    before the news already ("2 January", in a story of 4 January)."""
    out = set()
    if clock.today is None or clock.now is None:
        return out
    for source, report in reading.reports.items():
        own = clock.published.get(source)
        if (own is None or own >= clock.today or own < clock.now
                or source in clock.background):
            continue
        out.update((p.source, p.index) for p in report if p.kind != "heading" and (
            previews(p.feat.text) or overtaken(p.feat.text, own, clock.today)))
    return out


def dated_more(
    more: Sequence[Part], clock: Clock, foreseen: Collection[tuple[int, int]] = (),
) -> list[Part]:
    """`more` with a dateline over each day's sentences, when it holds sentences of more
    than one day, of another day than the story's moment, or background reports: the
    reader dates what each says. A sentence is dated by the day it tells of: a report of
    the story's moment published after it (the next day's paper) is told under the
    moment's day, unless its relative days read otherwise from that day ("yesterday");
    one published before it under its own; another moment's report under its own day,
    background reports last. What a report
    written before the story's day told as still to come (`foreseen`, `expected`), a
    paragraph telling nothing else, is dated as that: "Expected, as of 28 September",
    not the day's news, after that day's, with what leans on it."""
    if not more:
        return []
    if clock.today is not None and all(
            clock.published.get(_source_of(p)) == clock.today
            and _source_of(p) not in clock.background for p in more):
        return list(more)  # all printed on the story's day: nothing to date
    keys = [_day_of(part, clock, foreseen) for part in more]
    for k in range(1, len(more)):
        # what leans on a preview ("One would fund ...", after "Pelosi plans to bring up
        # two bills") goes with it
        if (keys[k - 1][2] and _source_of(more[k]) == _source_of(more[k - 1])
                and leans(more[k][1][0].piece.feat.text)):
            keys[k] = keys[k - 1]
    moment = clock.now or clock.today
    if len(set(keys)) < 2 and keys[0] == (False, moment, False):
        return list(more)
    order = sorted(range(len(more)), key=lambda k: (keys[k][0], keys[k][1] or dt.date.max,
                                                   keys[k][2]))
    out: list[Part] = []
    run: list[Part] = []
    for n, k in enumerate(order):
        run.append(more[k])
        if n + 1 == len(order) or keys[order[n + 1]] != keys[k]:
            _, day, ahead = keys[k]
            text = f"Expected, as of {label(day)}" if ahead else label(day)
            out.append(heading(text, {_source_of(p) for p in run}))
            out.extend(run)
            run = []
    return out


def _day_of(
    part: Part, clock: Clock, foreseen: Collection[tuple[int, int]],
) -> tuple[bool, dt.date | None, bool]:
    """(background, the day the part tells of, told as still to come)."""
    source = _source_of(part)
    own = clock.published.get(source)
    if source in clock.background:
        return True, own, False
    printed = part[1]
    if all((p.piece.source, p.piece.index) in foreseen for p in printed):
        return False, own, True  # it tells only what was still to come
    moment = clock.now or clock.today
    # A report printed after the moment that tells it: the moment's day. One printed
    # before it tells what was so when it was written: its own day.
    if own is None or moment is None or own <= moment or clock.elsewhere(source) or any(
            shifted(p.piece.feat.text, own, moment) for p in printed):
        return False, own, False
    return False, moment, False


def _source_of(part: Part) -> int:
    return part[1][0].piece.source
