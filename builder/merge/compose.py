"""Compose one story from its reports: the steps of the merge, in order.

Takes: the curator's `StoryInput` (its `lead` and `omit` corrections), the reports as
`Article`s numbered by their place in `ordered`, and their sentences (`Piece`s), fullest
report first. Gives: the body, the `more` part and the brief.

  1. grouping   sentences of all reports that tell the same fact form a group;
  2. units      each report is cut into units that keep their meaning (units.py);
  3. backbone   one report's units in its own order (the curator's lead, else the report
                the others corroborate most), what the others add woven in after the
                unit it follows in its own report, within the longest report's length;
                what the headline names is told first, then what several reports state
                (several.py); of two sentences giving one sum
                of money for one happening, the one fewer reports back goes to `more`
                unless it adds something (retold.py);
  4. timeline   each report placed in time (timeline.py): nothing woven in that would read
                at the wrong time, no later day's lede lent to the story's moment; each
                other moment told apart after the story, under its date (which way it
                lies from the story's moment), in brief: from that day's fullest report,
                with what the day's others add, nothing the page tells (moments.py;
                MOMENT_SHARE);
  5. wording    a standalone sentence in the wording most reports back in full, unless
                that drops a name or figure several reports give that the body prints
                nowhere else;
  6. output     cited sentences, no long run from one report (unless it alone tells its
                moment); the rest goes to `more`, report by report, dated by the day
                each sentence tells of when they are of several days (an earlier
                report's overtaken preview as expected then); near-copies dropped;
  7. conflicts  a printed figure another report gives otherwise is followed by that
                report's account, cited to it (differing.py; the budget holds it);
  8. brief      the few facts most reports back, none of them disputed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence

from builder.merge.backbone import backbone_of, cut_off, usable, weave
from builder.merge.brief import brief
from builder.merge.differing import (Accounts, account_words, show_differing, uncontested,
                                     with_accounts)
from builder.merge.exchange import exchange
from builder.merge.grouping import group
from builder.merge.moments import moment_reports, tell_moments
from builder.merge.normalise import features, fold
from builder.merge.output import (Part, Printed, blocks, body_parts, more_parts, near_copies,
                                  without)
from builder.merge.reading import Reading, Span
from builder.merge.restated import restated
from builder.merge.retold import rates, retold
from builder.merge.salience import Salience
from builder.merge.several import Several
from builder.merge.similarity import Idf
from builder.merge.standalone import stands_alone
from builder.merge.timeline import (background_of, clock_of, date_of, dated_more, expected,
                                     heading, relative_label, shifted, untimely)
from builder.merge.units import Piece
from builder.merge.wording import best_backed
from builder.model import Article, BodyBlock, Sentence, StoryInput

BODY_SHARE = 1.25  # the body's budget: this share of the longest report's words
# The other moments' sections (moments.py), all together, print at most this share of the
# words the story's own moment prints, within what it leaves of the budget: each is told
# in brief, and the page stays the story of its day.
MOMENT_SHARE = 0.5
GUARD_ROUNDS = 3


def compose(
    story: StoryInput, ordered: Sequence[Article], reports: Sequence[Sequence[Piece]],
    original: Mapping[int, int], title: str | None = None,
) -> tuple[tuple[BodyBlock, ...], tuple[BodyBlock, ...], tuple[Sentence, ...]]:
    """`title`: the headline the story is printed under (the curator's, else a report's)."""
    reports = [r for r in reports if r]
    if not reports:
        return (), (), ()
    by_id = {r[0].source: r for r in reports}
    idf = Idf(p.feat for r in reports for p in r)
    days = {i: date_of(a.meta.published) for i, a in enumerate(ordered, 1)}

    shifts: dict[tuple[str, object, object], bool] = {}

    def same_days(piece: Piece, source: int) -> bool:
        own, other = days.get(piece.source), days.get(source)
        if own is None or other is None or own == other:
            return True
        # Asked for every (sentence, report) a citation weighs: wire copy repeats a
        # sentence in many reports, and reports share days, so each text and pair of days
        # is read once (performance only: `shifted` is pure).
        key = (piece.feat.text, other, own)
        found = shifts.get(key)
        if found is None:
            found = shifts[key] = not shifted(piece.feat.text, other, own)
        return found

    # Reports all of one day (or undated) mean the same days by every "Tuesday": then
    # no citation asks (performance only: `same_days` would answer True every time).
    one_day = len({d for d in days.values() if d is not None}) <= 1
    reading = Reading.of(by_id, group(reports, idf), None if one_day else same_days)
    background = background_of(ordered, set(by_id))
    omitted = _omitted(story.omit, reports)
    lead = next((i for i, a in enumerate(ordered, 1) if a.file == story.lead), None)
    longest = max(sum(p.feat.n_words for p in r if p.kind != "heading") for r in reports)
    headline = Counter(w for t in {story.title, *(a.meta.title for a in ordered)} if t
                       for w in features(t).content)
    spine = backbone_of(reading, lead, background, headline, original, days)
    clock = clock_of(ordered, by_id, spine, background, reading)
    untimely_units = untimely(reading, clock)
    # The reports of another moment tell it in its own section (moments.py), never woven
    # into the story's own moment.
    elsewhere = moment_reports(reading, {s: clock.moment(s) for s in by_id}, background)
    away = untimely_units | {span for sources in elsewhere.values() for s in sources
                             for span in reading.spans[s]}
    salience = Salience.of_story(by_id, original, background)
    # What the printed headline names, of what the reports name (a title-case headline
    # capitalises every word: "Reverses" is no one's name), the body must tell.
    named = frozenset(k for k in features(title).keys if k in salience.keys) if title else ()

    def weight(span: Span) -> float:
        return salience.gain(reading.pieces(span), len(reading.reports[span[0]]))

    several = len(reports) > 1
    shared = Several(reading, salience, original, background)
    story_rates = rates(p.feat.text for r in reports for p in r)

    def woven(budget: int, skip: Collection[Span] = ()) -> list[Span]:
        def without(left_out: Collection[Span]) -> list[Span]:
            spans = weave(reading, spine, background, omitted, budget, salience, skip=left_out,
                          untimely=away, headline=named, story_rates=story_rates,
                          several=shared, published=days)
            again = retold(reading, spans, spine, story_rates)  # one sum told twice: `more` keeps it
            # one fact told again in other words: `more` keeps the repeat
            again |= restated(reading, [span for span in spans if span not in again])
            return [span for span in spans if span not in again]
        # the backbone's least newsworthy lines of its own make room for others' news
        return exchange(reading, spine, without, skip, budget, salience, named, lambda span: (
            span[0] not in background and span not in away and usable(reading, span, omitted)),
            original)

    def story_moment(budget: int) -> tuple[list[Part], list[Span]]:
        """The story's own moment: its paragraphs and its units printed."""
        spans = woven(budget)
        parts, pushed = _section(reading, spans, several, weight, spine)
        if pushed:  # the room the pushed-out run leaves goes to what other reports add
            spans = woven(budget, set(pushed))
            parts, pushed = _section(reading, spans, several, weight, spine)
        return parts, [span for span in spans if span not in pushed]

    def others(main: list[Span], budget: int) -> tuple[list[Part], list[Span], int]:
        """Each other moment's section under its dated heading, its units, their words:
        all of them within what the story's own moment leaves of the budget, and at most
        MOMENT_SHARE of its words (each is told in brief, the page stays the story of its
        day), but for each one's opening."""
        words = sum(map(reading.words, main))
        room = max(0, min(budget - words, int(MOMENT_SHARE * words)))
        told = [p for span in main for p in reading.pieces(span)]
        parts: list[Part] = []
        printed: list[Span] = []
        for moment in tell_moments(reading, elsewhere, told, omitted, untimely_units, room,
                                   salience, headline, original, days, story_rates):
            # a moment's section keeps its reports' accounts whole (moments.py): no run broken
            got, pushed = _section(reading, moment.spans, False, weight, moment.spine)
            if got:
                parts.append(heading(relative_label(moment.day, clock.now or clock.today),
                                     {p.piece.source for _, part in got for p in part}))
                parts.extend(got)
            printed.extend(span for span in moment.spans if span not in pushed)
        return parts, printed, sum(map(reading.words, printed))

    def within(budget: int) -> tuple[list[Part], set[Span]]:
        parts, main = story_moment(budget)
        if not elsewhere:
            return parts, set(main)
        dated, printed, used = others(main, budget)
        if sum(map(reading.words, main)) + used > budget:
            # A moment's opening is told whatever the room: the story's own moment leaves
            # it the words it takes.
            parts, main = story_moment(budget - used)
            dated, printed, _ = others(main, budget)
        return parts + dated, set(main) | set(printed)

    budget = int(BODY_SHARE * longest)
    parts, printed = within(budget)
    left_out = (background, omitted)  # never a differing account
    # The accounts are found once for a body that does not change before they are shown.
    found: Accounts | None = with_accounts(reading, parts, left_out)
    accounts = account_words(reading, parts, left_out, found)  # the budget holds them too
    if accounts and accounts + sum(p.piece.feat.n_words for k, ps in parts if k != "heading"
                                   for p in ps) > budget:
        parts, printed = within(budget - accounts)
        found = None
    told = [part for part in parts if part[0] != "heading"]  # a dated heading tells nothing
    more = more_parts(reading, told, printed, background, omitted)
    for _ in range(GUARD_ROUNDS):  # a sentence moved up by a replacement is checked again
        gone = near_copies(parts + more, story_rates)
        if not gone:
            break
        kept, more = without(parts, gone), without(more, gone)
        if not _same(kept, parts):  # (most near-copies are in `more`)
            found = None
        parts = kept
    parts, more = show_differing(reading, parts, more, clock.published, left_out, found)
    page_keys = {k for kind, row in parts if kind != "heading" for p in row
                 for k in p.piece.feat.keys}

    def corroborated(printed: Printed) -> Printed | None:
        # the fact as most reports of the story's moment tell it in full (wording.py)
        found = best_backed(
            reading, printed.piece, page_keys,
            lambda m: (m.source not in background and clock.moment(m.source) is None
                       and (m.source, m.index) not in omitted and not cut_off(m.feat.text)),
            stands_alone)
        return None if found is None else Printed(found[0], Sentence(found[0].feat.text, found[1]))

    # no figure the reports dispute
    in_brief = brief(uncontested(parts), len(reports), salience, corroborated, original,
                     {r[0].source: len(r) for r in reports})
    return blocks(parts), blocks(dated_more(more, clock, expected(reading, clock))), in_brief


def _section(
    reading: Reading, spans: Sequence[Span], several: bool,
    weight: Callable[[Span], float], spine: int,
) -> tuple[list[Part], list[Span]]:
    """One moment's paragraphs, and the units a single-report run pushed out. The only
    report of a moment is its story: its run is no copying."""
    return body_parts(reading, spans, several and len({s[0] for s in spans}) > 1, weight,
                      spine)


def _same(a: Sequence[Part], b: Sequence[Part]) -> bool:
    """The same parts: the same sentences printed (the very `Printed`s), in the same blocks."""
    return len(a) == len(b) and all(
        ka == kb and len(pa) == len(pb) and all(x is y for x, y in zip(pa, pb))
        for (ka, pa), (kb, pb) in zip(a, b))


def _omitted(omit: Sequence[str], reports: Sequence[Sequence[Piece]]) -> set[tuple[int, int]]:
    """The sentences the curator listed to leave out: a sentence whose text is, or holds,
    one of the listed texts (compared folded: quotes, dashes, case and spacing aside)."""
    wanted = [fold(text) for text in omit if text.strip()]
    if not wanted:
        return set()
    return {(p.source, p.index) for r in reports for p in r
            if any(w == p.feat.folded or w in p.feat.folded for w in wanted)}
