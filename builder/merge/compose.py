"""Compose one story from its reports: the steps of the merge, in order.

Takes: the curator's `StoryInput` (its `lead` and `omit` corrections), the reports as
`Article`s numbered by their place in `ordered`, and their sentences (`Piece`s), fullest
report first. Gives: the body, the `more` part and the brief.

  1. grouping   sentences of all reports that tell the same fact form a group;
  2. units      each report is cut into units that keep their meaning (units.py);
  3. backbone   one report's units in its own order (the curator's lead, else the report
                the others corroborate most), what the others add woven in after the
                unit it follows in its own report, within the longest report's length;
  4. wording    a standalone sentence in the wording most reports back in full;
  5. output     cited sentences, no long run from one report; the rest goes to `more`,
                report by report; near-copies dropped;
  6. brief      the few facts most reports back.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from builder.merge.backbone import backbone_of, weave
from builder.merge.brief import brief
from builder.merge.grouping import group
from builder.merge.normalise import features, fold
from builder.merge.output import blocks, body_parts, more_parts, near_copies, without
from builder.merge.reading import Reading
from builder.merge.salience import Salience
from builder.merge.similarity import Idf
from builder.merge.units import Piece
from builder.model import Article, BodyBlock, Sentence, StoryInput

BODY_SHARE = 1.25  # the body's budget: this share of the longest report's words
GUARD_ROUNDS = 3
STALE_DAYS = 7  # a report published this long before the others' median is background


def compose(
    story: StoryInput, ordered: Sequence[Article], reports: Sequence[Sequence[Piece]],
    original: Mapping[int, int],
) -> tuple[tuple[BodyBlock, ...], tuple[BodyBlock, ...], tuple[Sentence, ...]]:
    reports = [r for r in reports if r]
    if not reports:
        return (), (), ()
    by_id = {r[0].source: r for r in reports}
    idf = Idf(p.feat for r in reports for p in r)
    reading = Reading.of(by_id, group(reports, idf))
    background = _background(ordered, set(by_id))
    omitted = _omitted(story.omit, reports)
    lead = next((i for i, a in enumerate(ordered, 1) if a.file == story.lead), None)
    longest = max(sum(p.feat.n_words for p in r if p.kind != "heading") for r in reports)
    headline = Counter(w for t in {story.title, *(a.meta.title for a in ordered)} if t
                       for w in features(t).content)
    spine = backbone_of(reading, lead, background, headline, original)
    budget = int(BODY_SHARE * longest)
    earlier = _earlier(ordered, set(by_id), spine)
    salience = Salience.of_story(by_id, original, background)
    spans = weave(reading, spine, background, omitted, budget, salience, earlier=earlier)
    parts, pushed = body_parts(reading, spans, several=len(reports) > 1)
    if pushed:  # the room the pushed-out run leaves goes to what other reports add
        spans = weave(reading, spine, background, omitted, budget, salience,
                      skip=set(pushed), earlier=earlier)
        parts, more_pushed = body_parts(reading, spans, several=len(reports) > 1)
        pushed = list(set(pushed) | set(more_pushed))
    printed = set(spans) - set(pushed)
    more = more_parts(reading, parts, printed, background, omitted)
    for _ in range(GUARD_ROUNDS):  # a sentence moved up by a replacement is checked again
        gone = near_copies(parts + more)
        if not gone:
            break
        parts, more = without(parts, gone), without(more, gone)
    return blocks(parts), blocks(more), brief(parts, len(reports))


def _background(ordered: Sequence[Article], present: set[int]) -> set[int]:
    """Reports published STALE_DAYS or more before the median of the others."""
    dates = {i: _date(a.meta.published) for i, a in enumerate(ordered, 1) if i in present}
    known = {i: d for i, d in dates.items() if d is not None}
    out = set()
    for i, d in known.items():
        others = [x for j, x in known.items() if j != i]
        if len(others) >= 2 and (statistics.median_low(others) - d).days >= STALE_DAYS:
            out.add(i)
    return out


def _earlier(ordered: Sequence[Article], present: set[int], spine: int) -> set[int]:
    """Reports published on an earlier day than the backbone report."""
    dates = {i: _date(a.meta.published) for i, a in enumerate(ordered, 1) if i in present}
    told = dates.get(spine)
    return {i for i, d in dates.items() if told is not None and d is not None and d < told}


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _omitted(omit: Sequence[str], reports: Sequence[Sequence[Piece]]) -> set[tuple[int, int]]:
    """The sentences the curator listed to leave out: a sentence whose text is, or holds,
    one of the listed texts (compared folded: quotes, dashes, case and spacing aside)."""
    wanted = [fold(text) for text in omit if text.strip()]
    if not wanted:
        return set()
    return {(p.source, p.index) for r in reports for p in r
            if any(w == p.feat.folded or w in p.feat.folded for w in wanted)}
