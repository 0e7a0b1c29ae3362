"""Tell the story in one report's order and voice, with what the others add woven in.

Takes: the `Reading` of a story, the curator's lead report (or None), the background
reports, the sentences left out, the body's budget in words, the story's headline words and
which reports copy which. Gives: the body's units, in reading order.

  1. The backbone: the curator's report, else the report whose facts the other
     independent reports tell most (a copy of a report is no corroboration), then the
     newest, the longest, the one whose lede holds the headlines' words; never a
     background report.
  2. Its units, in its own order: adjacent sentences stay adjacent, chronology and
     introductions stay as its writer made them. A sentence standing alone is printed
     in the wording most reports back in full, when that wording stands alone too and
     keeps the names and figures of it that other reports corroborate and no other
     backbone sentence gives (the fight's city is not dropped for the wire's wording).
  3. What other reports add (facts the backbone does not tell), as whole units, most
     corroborated first, each placed right after the backbone unit it follows in its own
     report (its anchor), while the budget lasts; when that sentence is told only in
     other words, after the later body unit that tells the addition's own matter better
     (`_beside_matter`): the body's account of it first, then what one report adds.
     When that sentence is never printed, a unit that reads alone, tells news and
     states a fact two independent reports state in full (`_corroborated`) goes after
     the body unit sharing most of its words, names and figures, two at least
     (`_Woven.by_matter`), once nothing else can be woven in; one outlet's line out of
     its context stays in `more`.
     Not woven in: a unit that mostly restates what the page prints (its words on the
     page; when it follows its report's printed sentence, in one or two printed
     sentences, not spread over the story's common words), one that gives no
     fact the page lacks (a figure, a name, a quotation: another writer's colour and
     opinion are not the story's), one that refers back to a sentence not printed
     right before it (or printed in words that leave out the person it points to), and
     one that would read at the wrong time next to the backbone's (timeline.py: a
     preview from a report written before it, a relative day naming another date).
     Each of these stays in `more`.
  4. First of all, what the printed headline names and the page lacks: the unit giving
     it, with the units leading up to it in its report (`_headline_first`); next, what
     several independent reports state and the page lacks (several.py), in the same way
     (`_several_first`); then the rest, by what each adds for its words.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Collection, Mapping, Sequence

from builder.merge.normalise import content_words
from builder.merge.reading import Reading, Span
from builder.merge.quantities import Quantity
from builder.merge.retold import Rates, figures_given, sums
from builder.merge.richer import richer
from builder.merge.salience import Salience
from builder.merge.several import Several
from builder.merge.standalone import stands_alone
from builder.merge.units import (DEMONSTRATIVE, Piece, bare_quotation, continues, leans_back,
                                 refers_back)
from builder.merge.wording import best_wording
from builder.merge.years import years_named

# "is set to vote", "is expected to pass", "will vote on Thursday": the event still ahead,
# as a report written before it tells it ("will" alone is often a forecast or reported
# speech, a preview when it names the day).
PREVIEW = re.compile(
    r"\b(?:is|are|was|were)\s+(?:set|expected|due|scheduled|poised|slated|(?:almost\s+)?certain"
    r"|likely)\s+to\b|\bwill\s[^.;]{0,60}?\b(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|tomorrow|tonight|later\s+(?:today|this)|next\s+week)\b", re.IGNORECASE)
QUOTED = re.compile("[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]*[\"\u201d\u00bb]?")
# "Jim DeMint": a capitalised word before a capitalised surname (the surname alone then
# refers back to it).
FULL_NAME = re.compile(r"\b([A-Z][\w'-]+)\s+([A-Z][a-z][\w'-]+)\b")
NAME_PAIRS = re.compile(r"\b(?=([A-Z][\w'-]+)\s([A-Z][a-z][\w'-]+)\b)")
TOKEN = re.compile(r"[\w'-]+")
NOT_FIRST_NAMES = frozenset("the a an in on at of for to by from and but as if this that".split())
CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december""".split())
# What marks two capitalised words as a person: a title or role just before them ("Sen.",
# "spokesman", "figure,"), or a verb of saying after them (an apposition between).
ROLE_BEFORE = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|sen|senator|rep|representative|gov|governor|president|secretary"
    r"|minister|mayor|judge|gen|general|chairman|chairwoman|chair|spokesman|spokeswoman"
    r"|spokesperson|leader|editor|director|chief|official|officer|figure|adviser|advisor"
    r"|aide|analyst|professor|prof|lawyer|attorney|executive|founder|head|captain|coach"
    r"|manager|member|candidate|speaker|commissioner|ambassador|sheriff|detective"
    r"|inspector)\.?,?\s+)$", re.IGNORECASE)
SAYS_AFTER = re.compile(
    r"(?:,[^,]{1,80},)?\s+(?:said|says|told|tells|wrote|writes|added|adds|argued|warned"
    r"|noted|called|urged|insisted|explained|declared|tweeted)\b")
RESTATED = 0.4  # "most of its words": two in five already printed
OPENING = 2  # sentences: a report's lede, which tells the story's event
LEAD_UP = 2  # units a headline's fact may bring with it, back to one that follows the page
# "Trump's comments came at ...", "Steele's remarks drew ...": what a person said, named by
# its speaker's possessive, is the saying the sentence before it reports.
SAYING_OF = re.compile(
    r"^\W*(?:[\w.'-]+\s+){0,2}?[A-Z][\w-]*['\u2019]s?\s+(?:[a-z]+\s+){0,2}(?:comments?|remarks?"
    r"|statements?|words|claims?|assertions?|criticism|announcement|answer|reply|response"
    r"|admission|warning|threat)\b")
MATTER = 2  # shared words, names and figures: the least that puts a unit by its matter
RETOLD = 0.5  # a sentence sharing half its words with one printed sentence tells its fact


def backbone_of(
    reading: Reading, lead: int | None, background: Collection[int],
    headline: Mapping[str, int], original: Mapping[int, int],
    published: Mapping[int, object] | None = None, voices: Collection[int] | None = None,
) -> int:
    """The report to tell the story in: the curator's lead, else the fullest account.

    A report scores, for each of its sentences, the other independent reports that tell
    the same fact (a copy of a report is no second voice): the report that tells most of
    what the others tell is the story's common account. Ties go to the newest day
    (`published`: each report's date, comparable, or None), since a later report tells
    the story as it now stands (the vote held, not "set to vote"); then to the longer
    report, the fuller account; then to the one whose lede holds the headlines' words.
    `voices`: the reports whose telling counts (all, when None): one day's, when that day
    is told apart (moments.py)."""
    if lead is not None and lead in reading.reports:
        return lead
    published = published or {}

    def score(source: int) -> tuple:
        told = words = 0
        own = original.get(source, source)
        for p in reading.reports[source]:
            if p.kind == "heading":
                continue
            words += p.feat.n_words
            others = {original.get(s, s) for s in reading.places(reading.group_of(p))
                      if voices is None or s in voices}
            told += len(others - {own})
        first = next((p for p in reading.reports[source] if p.kind != "heading"), None)
        lede = sum(headline.get(w, 0) for w in first.feat.content) if first else 0
        day = published.get(source)
        return (told, day is not None, day or 0, words, lede, -source)

    candidates = [s for s in reading.reports if s not in background] or list(reading.reports)
    return max(candidates, key=score)


def weave(
    reading: Reading, spine: int, background: Collection[int],
    omitted: Collection[tuple[int, int]], budget: int, salience: Salience,
    skip: Collection[Span] = (), untimely: Collection[Span] = (),
    headline: Collection[str] = (), story_rates: Rates | None = None,
    told: Sequence[Piece] = (), several: Several | None = None,
    published: Mapping[int, dt.date | None] | None = None,
) -> list[Span]:
    """`several`: which facts several reports state (several.py); the units telling
    those the page lacks are woven in next, before the rest (`_several_first`).
    `published`: each report's publication date, against which the years the page names
    relatively ("next year's primary") are figures it gives (years.py).
    `story_rates`: the currency conversions the reports print (retold.py).
    `told`: sentences the page prints before these units (the story's own moment, above
    another moment's section, moments.py): nothing they tell is woven in again, and the
    people they name are introduced.
    `headline`: the names and figures of the story's headline that the reports give;
    the units telling those the page lacks are woven in first (`_headline_first`).
    `skip`: backbone units to leave out (a run of one report too long to print); no
    other report's unit telling their facts is woven in instead.
    `untimely`: other reports' units that would read at the wrong time next to the
    backbone's (timeline.py): a preview from a report written before it ("is set to
    vote"), a "yesterday" written on another day."""
    body = [s for s in reading.spans[spine] if usable(reading, s, omitted) and s not in skip]
    # how many backbone sentences give each name or figure (`_kept_details`)
    given = Counter(k for span in body for p in reading.pieces(span) for k in p.feat.keys)
    for span in body:
        if span[2] - span[1] == 1:
            piece = reading.reports[spine][span[1]]
            wording = best_wording(reading, piece, background, omitted,
                                   _kept_details(piece, given, salience))
            if wording is not piece:
                reading.printed_as[piece.source, piece.index] = wording
    reading.printed_as.update(richer(reading, body, salience, background, omitted))
    woven = _Woven.of(reading, body, story_rates or {}, told, published or {})
    woven.salience = salience

    def gain(span: Span) -> float:
        return salience.gain(reading.pieces(span), len(reading.reports[span[0]]),
                             woven.page, woven.keys)

    # Lazy greedy: a unit's gain only falls as the page grows, so a unit whose gain,
    # measured again, still tops the heap is the best there is.
    # A unit left out to break a run is cut for length, not to be told again in another
    # report's words: its facts count as told (Kristol's letter, cut from the NYT's run,
    # is not woven back in as the lines of it HuffPost prints).
    cut = {reading.group_of(p) for span in skip for p in reading.pieces(span)}
    candidates = _candidates(reading, spine, background, omitted, woven.covered | cut, untimely)
    if headline:
        placed = _headline_first(reading, woven, candidates, headline, budget, salience)
        candidates = [span for span in candidates if span not in placed]
    if several is not None:
        placed = _several_first(reading, woven, candidates, budget, salience, several)
        candidates = [span for span in candidates if span not in placed]
    heap = [(-gain(span), span[1], span) for span in candidates]
    heapq.heapify(heap)
    waiting: list[tuple[float, int, Span]] = []
    by_matter = False  # the units still waiting go by their matter (`_Woven.by_matter`)
    while heap:
        _, start, span = heapq.heappop(heap)
        now = gain(span)
        if heap and -now > heap[0][0]:
            heapq.heappush(heap, (-now, start, span))
        elif now > 0 and woven.fits(span, budget) and salience.news(reading.pieces(span), woven.keys):
            # Placed by its matter only when two independent reports tell its fact: one
            # outlet's aside, out of its context, too often retells a printed fact in its
            # own words ("improves to a career record of 58 wins and three defeats").
            if not woven.place(span, matter=by_matter and _corroborated(reading, span, several)):
                # until the sentence it follows, or the one introducing its people, is added
                waiting.append((-now, start, span))
            else:
                for item in waiting:
                    heapq.heappush(heap, item)
                waiting.clear()
        if not heap and waiting and not by_matter:
            # Nothing more can follow the sentence before it in its report: what still
            # waits never will. A unit that stands alone goes with its matter instead.
            by_matter = True
            for item in waiting:
                heapq.heappush(heap, item)
            waiting.clear()
    return woven.spans()


def _corroborated(reading: Reading, span: Span, several: Several | None) -> bool:
    """Do two or more independent reports state a sentence of the unit in full (its
    citations; a copy and its original are one voice, a background report none)?"""
    if several is None:
        return False
    return any(len({several.original.get(s, s) for s in reading.cites(p)
                    if s not in several.background}) >= 2 for p in reading.pieces(span))


def _kept_details(piece: Piece, given: Mapping[str, int], salience: Salience) -> frozenset[str]:
    """The names and figures of a backbone sentence that two or more independent reports
    give and no other backbone sentence does (`given`: how many backbone sentences give
    each). Reworded, the sentence must keep them: else the body would lack a detail the
    reports agree on ("in Bern, Switzerland", where the fight was) and only `more` would
    tell it."""
    return frozenset(k for k in salience.corroborated(piece) if given.get(k, 0) <= 1)


@dataclass(slots=True)
class _Woven:
    """The body as it is woven: the backbone's units, what is added after each, and what
    the page prints so far (its words, names and figures, where each name first shows)."""

    reading: Reading
    body: list[Span]
    used: int
    page: set[str]
    keys: set[str]
    named: dict[str, float]  # name -> where the body first prints it
    where: dict[int, int]  # group -> the backbone unit printing it
    covered: set[int]
    lines: list[frozenset[str]]  # each printed sentence's content words
    after: dict[int, list[Span]] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)
    ends: dict[tuple[int, int], tuple[int, Span]] = field(default_factory=dict)
    sums: list[Quantity] = field(default_factory=list)  # the sums of money printed
    rates: Rates = field(default_factory=dict)
    published: Mapping[int, dt.date | None] = field(default_factory=dict)
    salience: Salience | None = None  # what is news (`by_matter`)

    @classmethod
    def of(cls, reading: Reading, body: list[Span], story_rates: Rates,
           told: Sequence[Piece] = (),
           published: Mapping[int, dt.date | None] | None = None) -> _Woven:
        """`told`: what the page prints before the body (as printed), its facts and names
        the body's own from before its first unit; never an anchor. `published`: each
        report's date: a year a printed sentence names relatively ("next year") is a figure
        the page gives (years.py)."""
        published = published or {}
        printed = [(i, reading.printed(p), p) for i, s in enumerate(body) for p in reading.pieces(s)]
        before = [(-1, reading.printed(p), p) for p in told]
        named: dict[str, float] = {}
        for i, p, _ in before + printed:
            for name in p.feat.names:
                named.setdefault(name, i)
        everything = before + printed
        return cls(reading, body, sum(p.feat.n_words for _, p, _ in printed),
                   {w for _, p, _ in everything for w in p.feat.content},
                   {k for _, p, _ in everything
                    for k in p.feat.keys | years_named(p.feat.text, published.get(p.source))},
                   named,
                   {reading.group_of(o): i for i, _, o in printed},
                   {reading.group_of(o) for _, _, o in everything},
                   [p.feat.content for _, p, _ in everything],
                   sums=[q for _, p, _ in everything for q in sums(p.feat.text)],
                   rates=story_rates, published=published)

    def fits(self, span: Span, budget: int) -> bool:
        """Within the budget, no fact told twice, not mostly what the page prints."""
        groups = {self.reading.group_of(p) for p in self.reading.pieces(span)}
        return (not groups & self.taken and self.used + self.reading.words(span) <= budget
                and not _restates(self.reading, span, self.page, self.keys, self.lines,
                                  (self.sums, self.rates), self.follows(span)))

    def follows(self, span: Span) -> bool:
        """Is the very sentence before the unit in its report printed (by the backbone, or
        added from that report)?"""
        return (_anchor(self.reading, span, self.where) is not None
                and self.reading.before(span) is not None) or (span[0], span[1]) in self.ends

    def place(self, span: Span, near: int | None = None, headline: bool = False,
              matter: bool = False) -> bool:
        """Add the unit after the one it follows; False when that one is not printed yet
        (or its people are not introduced yet). `near`: the body unit to follow when the
        sentence before it is printed nowhere (`_after_retold`). `headline`: the unit
        tells what the headline names (`_headline_first`): it stays where its words put
        it, however early. `matter`: the sentence before it will not be printed; a unit
        that stands alone then follows the body unit telling its matter (`by_matter`)."""
        reading = self.reading
        anchor = _anchor(reading, span, self.where)  # the very sentence before it printed
        # The sentence before it was added from its report: it goes right after that one,
        # which is where it follows, however many words the backbone shares with it too.
        chained = anchor is None and (span[0], span[1]) in self.ends
        if chained:
            anchor = self.ends[span[0], span[1]][0]
        elif anchor is None:  # the sentence before it told by the backbone in other words
            anchor = _anchor(reading, span, self.where, self.body, self.keys)
            if anchor is None:
                anchor = near
            if anchor is None and matter:
                anchor = self.by_matter(span)
            if anchor is not None and anchor >= 0 and not headline:
                anchor = _beside_matter(reading, span, self.body, anchor)
        if anchor is not None and anchor >= 0 and not chained:
            anchor = _settled(self.body, reading, anchor)
        if anchor is None or not introduced(reading, span, self.named, anchor):
            return False
        if not chained and _loses_referent(reading, span, self.keys):
            return False
        if chained:
            before = self.ends[span[0], span[1]][1]
            self.after[anchor].insert(self.after[anchor].index(before) + 1, span)
        else:
            self.after.setdefault(anchor, []).append(span)
        pieces = reading.pieces(span)
        for p in pieces:
            for name in p.feat.names:
                self.named.setdefault(name, anchor + 0.5)
        self.ends[span[0], span[2]] = (anchor, span)
        self.taken |= {reading.group_of(p) for p in pieces}
        self.used += reading.words(span)
        self.page.update(w for p in pieces for w in p.feat.content)
        self.lines.extend(p.feat.content for p in pieces)
        self.keys.update(k for p in pieces for k in p.feat.keys)
        self.keys.update(k for p in pieces
                         for k in years_named(p.feat.text, self.published.get(p.source)))
        self.sums.extend(q for p in pieces for q in sums(p.feat.text))
        return True

    def by_matter(self, span: Span) -> int | None:
        """The body unit a unit follows whose report's sentence before it the page does
        not print, in any words (`_anchor`): the one sharing most of its content words,
        names and figures (MATTER at least), when the unit reads alone: no opening or
        description pointing back (`refers_back`, `stands_alone`), no demonstrative
        ("dismissed that criticism"), no saying named by its speaker ("Trump's comments
        came at ..."), no speaker given only as "he"; its opening sentence itself news;
        no retelling of one printed sentence; not from a report written before the
        backbone's (out of its context it tells an earlier moment). Victor Cha's "2024 is
        not going to be a good year", which two reports quote, goes with the body's
        account of the partnership it comments on, though the sentence before it in
        either report is not printed; a unit sharing less is about something else and
        stays in `more`. (Only units `_corroborated` are asked: one outlet's "could face
        Tyson Fury ..., improves to a career record of 58 wins and three defeats" tells,
        out of its context, the body's 58-3 record again.)"""
        reading = self.reading
        # A report written before the backbone's tells, out of its context, an earlier
        # moment ("the Democratic leader who plans to support the override effort",
        # after the vote): only its own sentence before it would date it.
        day, spine_day = (self.published.get(span[0]),
                          self.published.get(self.body[0][0]) if self.body else None)
        if day is not None and spine_day is not None and day < spine_day:
            return None
        first = reading.pieces(span)[0].feat.text
        if (refers_back(first) or not stands_alone(first)
                or DEMONSTRATIVE.match(first) is not None or SAYING_OF.match(first) is not None):
            return None
        # The sentence that stands alone must tell the news itself: what leans on it
        # (a commentary's "They also ...", "Nor is he ...") is read through it.
        if self.salience is not None and not self.salience.news(reading.pieces(span)[:1],
                                                                 self.keys):
            return None
        # Placed by the words it shares, it must not retell one printed sentence (most of
        # its words in it, RETOLD): that is the page's fact again, not one of its own.
        if any(_told_by_one(p.feat.content, self.lines) for p in reading.pieces(span)):
            return None
        own = frozenset().union(*(p.feat.content for p in reading.pieces(span)))
        own_keys = frozenset().union(*(p.feat.keys for p in reading.pieces(span)))
        # Not after the opening, which sums up the whole event and shares words with
        # everything: there a fact of another moment would read as the event's first news.
        best = max(((max(len(own & reading.printed(p).feat.content)
                         + len(own_keys & reading.printed(p).feat.keys)
                         for p in reading.pieces(unit)), -k)
                    for k, unit in enumerate(self.body) if k > 0), default=(0, 0))
        return -best[1] if best[0] >= MATTER else None

    def spans(self) -> list[Span]:
        out: list[Span] = _in_report_order(self.after.get(-1, []))
        for i, span in enumerate(self.body):
            out.append(span)
            out.extend(_in_report_order(self.after.get(i, [])))
        return out


def _headline_first(
    reading: Reading, woven: _Woven, candidates: Sequence[Span], headline: Collection[str],
    budget: int, salience: Salience,
) -> set[Span]:
    """Weave in what the story's headline names and the page lacks ("Lindsay Lohan rehires
    longtime lawyer Shawn Holley" over a body that never names Holley): the headline is
    the story's first claim, and a reader who finds it nowhere in the body distrusts the
    rest. For each such name or figure, the other report's unit giving most of them, with
    the units before it in its report (at most LEAD_UP) back to one that follows a fact
    the page tells: out of its context the unit would not read ("The actress re-hired ..."
    needs what comes before it). Those units may retell what the page prints; they are
    brought in as the setting of the headline's fact. Gives the units woven in."""
    placed: set[Span] = set()
    usable = set(candidates)
    missing = set(headline) - woven.keys
    while missing:
        bundles = [b for span in candidates if span not in placed
                   and missing & _keys(reading, span)
                   and (b := _lead_up(reading, span, woven, usable - placed)) is not None]
        fitting = [b for b in bundles if woven.used + sum(map(reading.words, b)) <= budget
                   and not {reading.group_of(p) for s in b for p in reading.pieces(s)} & woven.taken]
        if not fitting:
            break
        best = max(fitting, key=lambda b: (
            len(missing & frozenset().union(*(_keys(reading, s) for s in b))),
            salience.gain([p for s in b for p in reading.pieces(s)],
                          len(reading.reports[b[0][0]]), woven.page, woven.keys),
            -b[0][0], -b[0][1]))
        for span in best:
            if not woven.place(span, headline=True):
                break
            placed.add(span)
        before = len(missing)
        missing -= woven.keys
        if len(missing) == before:  # nothing it would tell could be placed
            break
    return placed


def _several_first(
    reading: Reading, woven: _Woven, candidates: Sequence[Span], budget: int,
    salience: Salience, several: Several,
) -> set[Span]:
    """Weave in what several reports state and the page lacks (several.py): a name six
    of ten reports give ("Marfin Bank"), a fact three reports tell ("In return, Pyongyang
    is allegedly asking Russia for ballistic missile parts"), ahead of what one report
    alone adds, however many of its other words the page prints (`_restates` would take
    it for a retelling). Each comes in the unit giving it where its writer put it: with
    the units before it in its report back to one the page follows (`_setting`); the
    facts stated by the most reports first, then the unit bringing most of them, then
    the most salient for its words. Not from a report's opening, which retells the
    story's event whatever detail it adds; not a unit giving a sum of money the page
    gives; and a sentence whose words one printed sentence mostly holds (RETOLD) tells
    the page's fact, not a fact of its own. Gives the units woven in."""
    placed: set[Span] = set()
    failed: set[Span] = set()  # could not be placed (its people not introduced)
    usable = set(candidates)
    while True:
        best: tuple[tuple, list[Span], int | None] | None = None
        for span in candidates:
            if span in placed or span in failed:
                continue
            # A report's opening retells the story's event, whatever detail it adds
            # (`_restates`); a sum of money the page gives for the same happening
            # tells that happening again.
            if _opening(reading, span) or _same_sum(reading, span, woven):
                continue
            facts = _several_new(reading, span, woven, several)
            if not facts:
                continue
            # With the units leading up to it, else alone after the printed sentences
            # its report's sentence before it retells (`_after_retold`).
            bundle, near = _setting(reading, span, woven, usable - placed, budget)
            if bundle is None:
                continue
            pieces = [p for s in bundle for p in reading.pieces(s)]
            rank = (max(facts.values()), len(facts),
                    salience.gain(pieces, len(reading.reports[span[0]]), woven.page, woven.keys),
                    -span[0], -span[1])
            if best is None or rank > best[0]:
                best = (rank, bundle, near)
        if best is None:
            return placed
        for span in best[1]:
            if not woven.place(span, best[2]):
                failed.add(best[1][-1])
                break
            placed.add(span)


def _setting(
    reading: Reading, span: Span, woven: _Woven, usable: Collection[Span], budget: int,
) -> tuple[list[Span] | None, int | None]:
    """How a unit bringing a fact several reports state comes in: with the units before it
    in its report back to one the page follows (`_lead_up`), each telling something of
    its own, or alone after the body unit `_after_retold` gives; within the budget,
    telling no fact already added. (None, None) when neither can."""
    options: list[tuple[list[Span], int | None]] = []
    bundle = _lead_up(reading, span, woven, usable)
    if bundle is not None and not any(
            _restates(reading, s, woven.page, woven.keys, woven.lines, (woven.sums, woven.rates))
            for s in bundle[:-1]):
        options.append((bundle, None))
    near = _after_retold(reading, span, woven)
    if near is not None:
        options.append(([span], near))
    for bundle, near in options:
        groups = {reading.group_of(p) for s in bundle for p in reading.pieces(s)}
        if woven.used + sum(map(reading.words, bundle)) <= budget and not groups & woven.taken:
            return bundle, near
    return None, None


def _after_retold(reading: Reading, span: Span, woven: _Woven) -> int | None:
    """The body unit a unit follows when the sentence before it in its report retells
    what two sentences printed in a row tell ("Three people died when an Athens bank
    went up in flames Wednesday as tens of thousands of Greeks took to the streets",
    after the backbone's "Tens of thousands of people took to the streets ..." and "The
    three bank workers ... died"), though no one of them holds most of it (`_anchor`):
    the unit of the later one, where its writer's next fact ("The fire brigade said the
    bodies were found in the wreckage of a Marfin Bank branch") follows. As in `_anchor`,
    not when that sentence names a person or gives a figure the page lacks (what follows
    it may be about them), nor when the unit leans on it ("He added", a quotation whose
    speaker it names, "On completion of this investigation"): the page does not print it."""
    before = reading.before(span)
    first = reading.pieces(span)[0].feat.text
    if (before is None or leans_back(first) or bare_quotation(first)
            or DEMONSTRATIVE.match(first) is not None):
        return None
    previous = reading.reports[span[0]][before]
    words = previous.feat.content
    if (not words or _new_person(previous.feat.text, woven.keys)
            or _new_figure(previous, woven.keys, (woven.sums, woven.rates))):
        return None
    # Each printed sentence's share of the words first (small sets), then each two
    # printed one after the other: len(words & (a | b)) == len(a' | b') (performance only).
    at = [k for k, unit in enumerate(woven.body) for _ in range(unit[2] - unit[1])]
    shares = [words & reading.printed(p).feat.content
              for unit in woven.body for p in reading.pieces(unit)]
    best = max(((len(a | b), k) for a, b, k in zip(shares, shares[1:], at[1:])),
               default=(0, 0))
    return best[1] if best[0] > RESTATED * len(words) else None


def _same_sum(reading: Reading, span: Span, woven: _Woven) -> bool:
    """Does the unit give a sum of money the page gives, in its currency or another at
    the rate the reports print (retold.py)?"""
    return bool(woven.sums) and any(figures_given(p.feat.text, woven.sums, woven.rates)
                                    for p in reading.pieces(span))


def _several_new(reading: Reading, span: Span, woven: _Woven, several: Several) -> dict:
    """The facts several reports state that the unit brings and the page does not tell,
    in its words or, mostly, in one printed sentence's (`Several.brings`)."""
    facts = several.brings(span, woven.keys, woven.covered | woven.taken)
    for p in reading.pieces(span):
        g = reading.group_of(p)
        if g in facts and _told_by_one(p.feat.content, woven.lines):
            del facts[g]
    return facts


def _keys(reading: Reading, span: Span) -> frozenset[str]:
    return frozenset().union(*(p.feat.keys for p in reading.pieces(span)))


def _lead_up(
    reading: Reading, span: Span, woven: _Woven, usable: Collection[Span],
) -> list[Span] | None:
    """The unit with the units before it in its own report back to the first that can be
    placed (it follows a fact the page tells, or a unit already added): at most LEAD_UP of
    them, each one the weave could add; None if there is none such."""
    bundle = [span]
    while (_anchor(reading, bundle[0], woven.where, woven.body, woven.keys) is None
           and (bundle[0][0], bundle[0][1]) not in woven.ends):
        before = reading.before(bundle[0])
        if before is None or len(bundle) > LEAD_UP:
            return None
        previous = reading.unit_of[bundle[0][0], before]
        if previous not in usable:
            return None
        bundle.insert(0, previous)
    return bundle


def _in_report_order(spans: list[Span]) -> list[Span]:
    """The units added after one body unit, each report's in its own order ("Sen. John
    McCain said ..." before "The Arizona Republican said ..."), the reports in the order
    their first unit was added."""
    first: dict[int, int] = {}
    for k, span in enumerate(spans):
        first.setdefault(span[0], k)
    return sorted(spans, key=lambda span: (first[span[0]], span[1]))


def _candidates(
    reading: Reading, spine: int, background: Collection[int],
    omitted: Collection[tuple[int, int]], covered: Collection[int], untimely: Collection[Span],
) -> list[Span]:
    """Other reports' units that tell no fact the backbone tells: no background report's,
    no heading or sentence the curator left out, none that would read at the wrong time."""
    out = []
    for source, spans in reading.spans.items():
        if source == spine or source in background:
            continue
        for span in spans:
            pieces = reading.pieces(span)
            if any(reading.group_of(p) in covered for p in pieces) or not usable(
                    reading, span, omitted):
                continue
            if span in untimely:
                continue
            out.append(span)
    return out


def introduced(reading: Reading, span: Span, named: Mapping[str, float], anchor: int) -> bool:
    """Is everyone the unit calls by a short name ("DeMint said"), whom its report
    introduced earlier in full ("Sen. Jim DeMint"), already printed by the body at or
    before the place the unit would take? A surname whose introduction is not on the page
    names nobody the reader knows."""
    source, start, _ = span
    full: dict[str, set[str]] = {}
    for p in reading.reports[source][:start]:
        for first, last in _full_names(p.feat.text):
            full.setdefault(last.casefold(), set()).add(first)
    if not full:
        return True
    met: set[str] = set()  # introduced again by the unit itself
    for p in reading.pieces(span):
        tokens = TOKEN.findall(p.feat.text)
        for first, last in zip([""] + tokens, tokens):
            key = last.casefold()
            if key not in full or not last[:1].isupper():
                continue
            # "Holt said", "Sen. Holt said": a surname alone or after a title is a short
            # name; after a first name ("Mary Holt") it introduces her again.
            if first[:1].isupper() and first.casefold() not in TITLES:
                met.add(key)
            elif key not in met and named.get(key, float("inf")) > anchor + 0.5:
                return False
    return True


# "Mr. Steele", "Sen. Holt": a title before a surname names no one the reader has not met.
TITLES = frozenset("""mr mrs ms dr sen senator rep representative gov governor president
    secretary minister mayor judge gen general prof professor chancellor""".split())
NAME_RUN = re.compile(r"\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+")


def _full_names(text: str) -> list[tuple[str, str]]:
    """(first, last) of each person named in full: the last two of a run of capitalised
    words ("Senator Mary Holt" -> "Mary", "Holt"; "Senate Minority Leader Harry Reid" ->
    "Harry", "Reid"), the surname capitalised and not a day or month, the word before it no
    article ("The Senate")."""
    out = []
    for run in NAME_RUN.finditer(text):
        words = run.group(0).split()
        first, last = words[-2], words[-1]
        if (first.casefold() not in NOT_FIRST_NAMES and last.casefold() not in CALENDAR
                and FULL_NAME.fullmatch(f"{first} {last}")):
            out.append((first, last))
    return out


def _loses_referent(reading: Reading, span: Span, keys: Collection[str]) -> bool:
    """Does the unit open by pointing back ("“...,” the senator said.", "He added")
    to a person whom the sentence before it in its own report brings in, and whom the page
    never names (`keys`)? That sentence's fact may be printed in another report's words
    that leave the person out; after those, the unit's "the senator" is nobody."""
    before = reading.before(span)
    if before is None or not refers_back(reading.pieces(span)[0].feat.text):
        return False
    return _new_person(reading.reports[span[0]][before].feat.text, keys)


def _anchor(
    reading: Reading, span: Span, where: Mapping[int, int], body: Sequence[Span] | None = None,
    keys: Collection[str] = frozenset(),
) -> int | None:
    """The body unit this one follows in its own report: the body must print the very
    sentence before it (headings aside), else None. Out of its context a unit tells of
    another moment or another event ("A lone robber entered through a French door" after
    the Paris getaway, when the sentence setting up the Cannes heist is not printed), so
    another report adds only what comes right after a fact the page already tells (in
    that sentence's words or, `body` given, mostly in one printed sentence's other
    words, nothing it names (no person, no figure) missing from the page's `keys`), or
    what follows a unit it added. A report's opening goes after the backbone's opening."""
    report = reading.reports[span[0]]
    before = reading.before(span)
    if before is None:
        return min(where.values(), default=-1)
    found = where.get(reading.group_of(report[before]))
    if found is not None or body is None:
        return found
    # The sentence before it may tell, in other words, a fact the body prints: the unit
    # then follows that fact (the body unit whose sentence holds most of its words). Not
    # when it names a person or gives a figure the page lacks (`keys`: the page's): that
    # is a fact of its own, added or not ("Senator Jim Walsh called it a rare rebuke"),
    # and what follows it waits for it.
    if _new_person(report[before].feat.text, keys) or _new_figure(report[before], keys):
        return None
    # One printed sentence must tell it: words scattered over a unit's sentences ("North
    # Korea", "Moscow", "munitions") are the story's matter, not that fact, and what
    # follows it would read as the backbone's own telling.
    words = report[before].feat.content
    overlap = [(max(len(words & reading.printed(p).feat.content) for p in reading.pieces(unit)),
                -k) for k, unit in enumerate(body)]
    best = max(overlap, default=(0, 0))
    return -best[1] if words and best[0] > RESTATED * len(words) else None


def _beside_matter(reading: Reading, span: Span, body: Sequence[Span], anchor: int) -> int:
    """Where a unit goes whose report's sentence before it the page tells only in other
    words (the body unit `anchor` holds most of them, `_anchor`, or `_after_retold`): shared
    words are a weak guide, and the opening, which sums up the whole event, shares words
    with everything. The unit goes after the later body unit that tells its matter (its
    words and the words of the sentence before it) best, of those sharing more of the
    unit's own words, names and figures than `anchor` does (two at least): the blog's
    "SKY-TV reports that the 3 bank employees were burnt to death" after the body's "The
    three bank workers ... died after demonstrators set their bank on fire", not between
    the opening and the account most reports give; the government's list of cuts with
    the body's account of the bailout, not between the deaths and the rescue (Barzilay,
    Elhadad & McKeown: a sentence goes with the theme it tells). It stays at `anchor` when
    it leans back on the sentence before it ("He added", a quotation whose speaker that
    sentence names), or when no later unit tells its matter better."""
    first = reading.pieces(span)[0].feat.text
    before = reading.before(span)
    if before is None or leans_back(first) or refers_back(first) or bare_quotation(first):
        return anchor
    own = frozenset().union(*(p.feat.content for p in reading.pieces(span)))
    own_keys = frozenset().union(*(p.feat.keys for p in reading.pieces(span)))
    previous = reading.reports[span[0]][before]
    matter = own | previous.feat.content
    keys = own_keys | previous.feat.keys

    def shared(unit: Span, words: frozenset[str], names: frozenset[str]) -> int:
        return max(len(words & reading.printed(p).feat.content)
                   + len(names & reading.printed(p).feat.keys) for p in reading.pieces(unit))

    here = shared(body[anchor], own, own_keys)
    best = max(((shared(unit, matter, keys), -k) for k, unit in enumerate(body) if k > anchor
                and shared(unit, own, own_keys) > max(here, 1)), default=None)
    return -best[1] if best is not None and best[0] > 0 else anchor


def _settled(body: Sequence[Span], reading: Reading, anchor: int) -> int:
    """Where a unit added after body unit `anchor` goes: after the backbone units that
    complete that one (`continues`: "Republican officials dismissed that criticism.",
    the quotation a claim announces), never between."""
    while anchor + 1 < len(body) and continues(
            reading.printed(reading.pieces(body[anchor])[-1]).feat.text,
            reading.printed(reading.pieces(body[anchor + 1])[0]).feat.text):
        anchor += 1
    return anchor


def _restates(
    reading: Reading, span: Span, page: Collection[str], keys: Collection[str] = frozenset(),
    lines: Sequence[frozenset[str]] = (),
    money: tuple[Sequence[Quantity], Rates] = ((), {}), in_context: bool = False,
) -> bool:
    """Does this unit mostly tell what the page already prints (most of its content words
    on it)? Woven in, it would tell the same fact twice in other words; `more` keeps it.
    A unit bringing in a person the page never names ("Another major figure, Dan Senor,
    told ...") tells something new however much of its matter the page shares. So does
    one giving a figure or quoting words the page lacks ("Ms. Pelosi and Mr. Schumer said
    $1.3 billion was their highest bid"), unless one printed sentence already tells most of
    it: that is the same fact with its figure given otherwise ("jewels worth 136 million
    dollars" after "103 million euros"), which differing.py reports, not a second fact.
    A unit giving a sum of money the page gives for the same happening, in its currency
    or another at the rate the reports print (`money`: the page's sums and the rates,
    retold.py), tells that happening again however it words it ("a masked bandit made
    off with $136M worth of diamonds from the Carlton" after "an armed man ... making off
    with jewellery worth €103 million" at the Carlton): that sum is no figure of its own.
    `in_context`: the unit follows, in its own report, a sentence the page prints; its
    writer goes on to the next fact, and when the words of it the page prints are spread
    over the page (`_scattered`), they are the story's vocabulary, not a retelling:
    HuffPost's "Senor, who served under the Bush administration ..., noted that Steele's
    RNC actually sponsored a conference call for his group to praise Obama's Afghan surge
    last year", after Senor's quote, shares most of its words with the page (Steele,
    Afghanistan, Obama, Bush) and no fact with it."""
    pieces = reading.pieces(span)
    words = {w for p in pieces for w in p.feat.content}
    if not words:
        return False
    same_sum = bool(money[0]) and any(figures_given(p.feat.text, *money) for p in pieces)
    if not same_sum and sum(w in page for w in words) <= RESTATED * len(words):
        return False
    if any(_new_person(reading.printed(p).feat.text, keys) for p in pieces):
        return False
    # A report's opening tells the story's event in its writer's words and figures (the
    # loot in pounds where the page gives euros): its figures are not news of their own.
    if _opening(reading, span):
        return True
    if (in_context and not same_sum and _scattered(pieces, lines)
            and all(_best_backed(reading, p) for p in pieces)):
        return False  # the writer's next fact, in the story's words
    return not any((_new_figure(p, keys, money) or _new_quotation(p, page))
                   and not _told_by_one(p.feat.content, lines) for p in pieces)


def _best_backed(reading: Reading, piece: Piece) -> bool:
    """Do as many reports back the sentence in full as back any other telling of its fact
    (its group)? Else the page owes the reader that better-backed telling, not this one
    (printed, this one would take its place: the page tells a fact once)."""
    own = len(reading.cites(piece))
    return all(len(reading.cites(reading.reports[source][i])) <= own
               for source, places in reading.places(reading.group_of(piece)).items()
               for i in places if source != piece.source)


def _scattered(pieces: Sequence[Piece], lines: Sequence[frozenset[str]]) -> bool:
    """Are the printed words of each sentence of the unit spread over the page: no printed
    sentence holds RESTATED of its words, no two printed in a row RETOLD? Those are the
    story's common words (its people, its places, its matter), not a fact told already."""
    return all(not p.feat.content or (
        max((len(p.feat.content & line) for line in lines), default=0)
        <= RESTATED * len(p.feat.content)
        and max((len(p.feat.content & (a | b)) for a, b in zip(lines, lines[1:])), default=0)
        <= RETOLD * len(p.feat.content)) for p in pieces)


def _opening(reading: Reading, span: Span) -> bool:
    """Does the unit hold one of its report's first OPENING sentences (headings aside)?"""
    return sum(p.kind != "heading" for p in reading.reports[span[0]][:span[1]]) < OPENING


def _told_by_one(words: frozenset[str], lines: Sequence[frozenset[str]]) -> bool:
    """Does one printed sentence hold most (RETOLD) of these words?"""
    # any(len(words & line) >= need ...), looped in C (performance only)
    return bool(words) and any(map((RETOLD * len(words)).__le__,
                                   map(len, map(words.intersection, lines))))


def _new_figure(piece, keys: Collection[str],
                money: tuple[Sequence[Quantity], Rates] = ((), {})) -> bool:
    """Does the sentence state a figure the page does not ("$1.3 billion was their
    highest bid", "by May 9")? Shared words around it are the story's matter; the figure
    is a fact of its own. A sum the page gives already in another currency, at the rate
    the reports print ("$136M worth of diamonds" after "jewellery worth €103 million"),
    is the same figure (retold.py)."""
    new = [k for k in piece.feat.numbers if k not in keys]
    if not new or not money[0]:
        return bool(new)
    given = figures_given(piece.feat.text, *money)
    return any(k not in given for k in new)


def _new_quotation(piece, page: Collection[str]) -> bool:
    """Does it quote words the page does not print ("I would look foolish if I did
    that")? A speaker's own words are news however much of the frame the page shares."""
    if not piece.feat.quotes:
        return False
    said = frozenset().union(*(content_words(q) for q in piece.feat.quotes))
    return bool(said) and sum(w not in page for w in said) > RESTATED * len(said)


def _new_person(text: str, keys: Collection[str]) -> bool:
    """Does the sentence, in its writer's own voice (quotations aside), bring in a person
    the page's names do not hold: a name in full (first name and surname, neither on the
    page) after a title or role ("Senator Jim Walsh", "figure, Dan Senor,") or before a
    verb of saying ("Dan Senor told")? A place named in two words ("French Riviera") is
    no one."""
    plain = QUOTED.sub(" ", text)
    for found in NAME_PAIRS.finditer(plain):  # overlapping: "Senator Jim", "Jim Walsh"
        first, last = found.group(1), found.group(2)
        if (first.casefold() in NOT_FIRST_NAMES or last.casefold() in CALENDAR
                or first.casefold() in CALENDAR or first.casefold() in keys
                or last.casefold() in keys):
            continue
        before = plain[max(0, found.start() - 40):found.start()]
        end = found.start() + len(first) + 1 + len(last)
        after = plain[end:end + 100]
        if ROLE_BEFORE.search(before) or SAYS_AFTER.match(after):
            return True
    return False


def previews(text: str) -> bool:
    """Does the sentence, in its writer's own voice (quotations aside), tell what is still
    to come ("will vote", "is set to", "is expected to")?"""
    return PREVIEW.search(QUOTED.sub(" ", text)) is not None



def usable(reading: Reading, span: Span, omitted: Collection[tuple[int, int]]) -> bool:
    """Can the unit be printed: no heading, nothing the curator left out, nothing cut off?"""
    return all(p.kind != "heading" and (p.source, p.index) not in omitted
               and not cut_off(p.feat.text) for p in reading.pieces(span))


# "... checked into Betty Ford Center in Rancho Mirage, Calif,": a sentence ending in a
# comma was cut off where the page was saved (a colon may open the quotation or list
# that follows in the next block: "The mayor said:").
CUT_OFF = re.compile(r",\s*$")


def cut_off(text: str) -> bool:
    """Does the sentence stop mid-way, on a comma (the page saved short)? Printed in the
    story, it breaks off; `more` keeps it."""
    return CUT_OFF.search(text) is not None
