"""Compose one story from its reports: the steps of the merge, in order.

Takes: the curator's `StoryInput` (its `lead` and `omit` corrections), the reports as
`Article`s numbered by their place in `ordered`, and their sentences (`Piece`s), fullest
report first. Gives: the body, the `more` part and the brief.

  1. grouping   sentences of all reports that tell the same fact form a group;
  2. units      each report is cut into units that keep their meaning (units.py);
  3. backbone   one report's units in its own order (the curator's lead, else the report
                the others corroborate most), what the others add woven in after the
                unit it follows in its own report, within the longest report's length;
                what the headline names is told first; of two sentences giving one sum
                of money for one happening, the one fewer reports back goes to `more`
                unless it adds something (retold.py);
  4. timeline   each report placed in time (timeline.py): nothing woven in that would read
                at the wrong time; another moment's additions under their date;
  5. wording    a standalone sentence in the wording most reports back in full;
  6. output     cited sentences, no long run from one report (unless it alone tells its
                moment); the rest goes to `more`, report by report, dated when the
                reports are of several days; near-copies dropped;
  7. conflicts  a printed figure another report gives otherwise is followed by that
                report's account, cited to it (differing.py; the budget holds it);
  8. brief      the few facts most reports back, none of them disputed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence

from builder.merge.backbone import backbone_of, weave
from builder.merge.brief import brief
from builder.merge.differing import (Accounts, account_words, show_differing, uncontested,
                                     with_accounts)
from builder.merge.grouping import group
from builder.merge.normalise import features, fold
from builder.merge.output import (Part, Printed, blocks, body_parts, more_parts, near_copies,
                                  without)
from builder.merge.reading import Reading, Span
from builder.merge.retold import rates, retold
from builder.merge.salience import Salience
from builder.merge.similarity import Idf
from builder.merge.standalone import stands_alone
from builder.merge.timeline import (Clock, background_of, clock_of, date_of, dated_more,
                                     heading, moment_ledes, sections, shifted,
                                     untimely)
from builder.merge.units import Piece
from builder.merge.wording import best_backed
from builder.model import Article, BodyBlock, Sentence, StoryInput

BODY_SHARE = 1.25  # the body's budget: this share of the longest report's words
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

    reading = Reading.of(by_id, group(reports, idf), same_days)
    background = background_of(ordered, set(by_id))
    omitted = _omitted(story.omit, reports)
    lead = next((i for i, a in enumerate(ordered, 1) if a.file == story.lead), None)
    longest = max(sum(p.feat.n_words for p in r if p.kind != "heading") for r in reports)
    headline = Counter(w for t in {story.title, *(a.meta.title for a in ordered)} if t
                       for w in features(t).content)
    spine = backbone_of(reading, lead, background, headline, original, days)
    budget = int(BODY_SHARE * longest)
    clock = clock_of(ordered, by_id, spine, background)
    untimely_units = untimely(reading, clock)
    # Each other moment's lede is told under its date (timeline.sections) though nothing
    # of that moment is woven in.
    ledes = moment_ledes(reading, clock, omitted)
    salience = Salience.of_story(by_id, original, background)
    # What the printed headline names, of what the reports name (a title-case headline
    # capitalises every word: "Reverses" is no one's name), the body must tell.
    named = frozenset(k for k in features(title).keys if k in salience.keys) if title else ()

    def weight(span: Span) -> float:
        return salience.gain(reading.pieces(span), len(reading.reports[span[0]]))

    several = len(reports) > 1
    story_rates = rates(p.feat.text for r in reports for p in r)

    def woven(budget: int, skip: Collection[Span] = ()) -> list[Span]:
        spans = weave(reading, spine, background, omitted, budget, salience, skip=skip,
                      untimely=untimely_units, headline=named, story_rates=story_rates)
        again = retold(reading, spans, spine, story_rates)  # one sum told twice: `more` keeps it
        return [span for span in spans if span not in again]

    def within(budget: int) -> tuple[list[Part], set[Span]]:
        spans = woven(budget)
        parts, pushed, printed = _told(reading, spans, clock, omitted, several, weight, spine,
                                       ledes)
        if pushed:  # the room the pushed-out run leaves goes to what other reports add
            spans = woven(budget, set(pushed))
            parts, _, printed = _told(reading, spans, clock, omitted, several, weight, spine,
                                      ledes)
        return parts, printed

    parts, printed = within(budget)
    # The weave leaves room for the ledes it wove nothing of that moment besides.
    alone = sum(reading.words(span) for day, span in ledes.items()
                if span in printed and not any(
                    s != span and clock.moment(s[0]) == day for s in printed))
    if alone:
        budget -= alone
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
                       and (m.source, m.index) not in omitted), stands_alone)
        return None if found is None else Printed(found[0], Sentence(found[0].feat.text, found[1]))

    # no figure the reports dispute
    in_brief = brief(uncontested(parts), len(reports), salience, corroborated)
    return blocks(parts), blocks(dated_more(more, clock)), in_brief


def _told(
    reading: Reading, spans: Sequence[Span], clock: Clock,
    omitted: Collection[tuple[int, int]], several: bool,
    weight: Callable[[Span], float], spine: int, ledes: Mapping[dt.date, Span],
) -> tuple[list[Part], list[Span], set[Span]]:
    """The body's paragraphs, the story's moment first and each other moment under its
    dated heading (timeline.py); the units a single-report run pushed out; the units
    printed."""
    parts: list[Part] = []
    pushed: list[Span] = []
    printed: set[Span] = set()
    for title, chunk in sections(reading, spans, clock, omitted, ledes):
        # The only report of a moment is its story: its run is no copying.
        got, out = body_parts(reading, chunk, several and len({s[0] for s in chunk}) > 1,
                              weight, spine, spans)
        if title is not None and got:
            parts.append(heading(title, {p.piece.source for _, part in got for p in part}))
        parts.extend(got)
        pushed.extend(out)
        printed |= set(chunk) - set(out)
    return parts, pushed, printed


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
