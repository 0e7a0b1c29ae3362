"""The story as the later merge steps read it: reports, units, groups and citations.

Takes: the reports' `Piece`s (by report id, in reading order), the grouping and the
support test. Gives: `Reading`, which answers what the backbone, wording and output
steps ask: the units of each report, the group of each sentence, and the reports to cite
on a printed sentence (those that back it in full, support.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from builder.merge.grouping import Groups
from builder.merge.support import Support
from builder.merge.units import Piece, units

Span = tuple[int, int, int]  # (report id, start, end): one unit, end exclusive


@dataclass(slots=True)
class Reading:
    reports: Mapping[int, Sequence[Piece]]
    groups: Groups
    support: Support
    spans: dict[int, list[Span]] = field(default_factory=dict)
    unit_of: dict[tuple[int, int], Span] = field(default_factory=dict)
    # A sentence printed in a shorter wording than its report's (wording.py chose it).
    printed_as: dict[tuple[int, int], Piece] = field(default_factory=dict)
    # name or figure -> in how many groups it occurs: a detail one group alone gives is news.
    key_groups: dict[str, int] = field(default_factory=dict)
    trimmed: dict[int, Piece | None] = field(default_factory=dict)  # by id(feat)
    # (sentence, report) -> does that report, written on its own day, mean the same days
    # by the sentence's relative days ("Tuesday")? (timeline.py; always, when not given)
    same_days: Callable[[Piece, int], bool] | None = None
    _cites: dict[tuple[int, int, int], tuple[int, ...]] = field(default_factory=dict)
    _near: dict[int, dict[int, list[int]]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, reports: Mapping[int, Sequence[Piece]], groups: Groups,
        same_days: Callable[[Piece, int], bool] | None = None,
    ) -> Reading:
        reading = cls(reports, groups, Support(reports), same_days=same_days)
        for g in groups.groups:
            for key in frozenset().union(*(m.feat.keys for m in g.members)):
                reading.key_groups[key] = reading.key_groups.get(key, 0) + 1
        for source, report in reports.items():
            spans = [(source, lo, hi) for lo, hi in units(report)]
            reading.spans[source] = spans
            for span in spans:
                for i in range(span[1], span[2]):
                    reading.unit_of[source, i] = span
        return reading

    def pieces(self, span: Span) -> Sequence[Piece]:
        return self.reports[span[0]][span[1]:span[2]]

    def group_of(self, piece: Piece) -> int:
        return self.groups.of[piece.source, piece.index]

    def places(self, g: int) -> dict[int, list[int]]:
        """Report id -> where that report's members of group `g` stand."""
        found = self._near.get(g)
        if found is None:
            found = {}
            for m in self.groups.groups[g].members:
                found.setdefault(m.source, []).append(m.index)
            self._near[g] = found
        return found

    def cites(self, piece: Piece) -> tuple[int, ...]:
        """The reports that state everything this sentence says: its own, each report of
        its group that backs it in full there, and each other report that backs it in full
        elsewhere or states all of it in its own words (support.py: "In all, 12 demonstrators
        were injured, officers said" for "Police said 12 protesters were hurt"); none whose
        "Tuesday", written on another day, is another date."""
        key = (piece.source, piece.index, id(piece.feat))
        found = self._cites.get(key)
        if found is None:
            cited = {piece.source}
            if piece.kind != "heading":
                # a report whose relative days mean other dates is not asked at all
                others = {s for s in self.reports if s != piece.source
                          and (self.same_days is None or self.same_days(piece, s))}
                for source, near in self.places(self.group_of(piece)).items():
                    if source in others and self.support.backs(piece.feat, source, near):
                        cited.add(source)
                for source in others - cited:
                    if (self.support.backs_anywhere(piece.feat, source)
                            or self.support.states(piece.feat, source)):
                        cited.add(source)
            found = self._cites[key] = tuple(sorted(cited))
        return found

    def could_cite(self, piece: Piece) -> int:
        """At most how many reports `cites` gives this sentence (exactly that, once asked):
        its own, and each other report whose days agree and that could back or state it
        at all (`Support.could_back`, `could_state`), without searching any report for it."""
        found = self._cites.get((piece.source, piece.index, id(piece.feat)))
        if found is not None:
            return len(found)
        if piece.kind == "heading":
            return 1
        return 1 + sum(1 for s in self.reports if s != piece.source
                       and (self.same_days is None or self.same_days(piece, s))
                       and (self.support.could_back(piece.feat, s)
                            or self.support.could_state(piece.feat, s)))

    def before(self, span: Span) -> int | None:
        """Where the sentence before this unit stands in its own report, headings aside
        (the fact the unit follows there), or None for a report's opening."""
        source, start, _ = span
        report = self.reports[source]
        return next((i for i in range(start - 1, -1, -1) if report[i].kind != "heading"), None)

    def printed(self, piece: Piece) -> Piece:
        """The sentence as the page prints it."""
        return self.printed_as.get((piece.source, piece.index), piece)

    def words(self, span: Span) -> int:
        return sum(p.feat.n_words for p in self.pieces(span))
