"""Group the sentences of all reports that tell the same fact.

Takes: the reports' `Piece`s (report by report, the fullest first) and the story's IDF.
Gives: `Groups`: for each sentence, the group it belongs to, and for each group its
members in the order they joined; sentences that would match but for a figure are noted
as conflicting with the group they nearly joined.

Each sentence joins the group holding the sentence it matches best (similarity.match:
copy, near-copy, shared quotation or paraphrase with names and figures agreeing), else
starts a group of its own. A report repeating itself joins its own group only when it
repeats itself closely (copy or near-copy).

Performance: `possible_match_keys` finds, for the whole story at once, which distinct
sentences `match` could accept; only groups holding one of those are visited, and each
pair of distinct sentences is decided once. The answer is the one an every-group search
gives (tests/test_merge_speed.py holds it to that).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.merge.similarity import Idf, Match, match, possible_match_keys
from builder.merge.units import Piece

MAX_COMPARED = 32  # distinct wordings of a group a new sentence is compared with


@dataclass(slots=True)
class Group:
    members: list[Piece] = field(default_factory=list)
    sources: set[int] = field(default_factory=set)
    # Distinct sentences among the members, by key (possible_match_keys), as joined.
    distinct: list[tuple[int, Piece]] = field(default_factory=list)
    conflicts: list[Piece] = field(default_factory=list)


@dataclass(slots=True)
class Groups:
    groups: list[Group]
    of: dict[tuple[int, int], int]  # (source, piece index) -> group index
    conflict_of: dict[tuple[int, int], int]  # a conflicting piece -> the group it nearly joined


def group(reports: Sequence[Sequence[Piece]], idf: Idf) -> Groups:
    pieces = [p for report in reports for p in report if p.kind != "heading"]
    key_of, related = possible_match_keys([p.feat for p in pieces], idf)
    out = Groups([], {}, {})
    holding: dict[int, list[int]] = {}
    matches: dict[tuple[int, int], Match | None] = {}
    for piece, key in zip(pieces, key_of):
        best = _best(piece, related[key], out, holding, matches, idf)
        if best is not None and best[1].tier == "conflict":
            out.conflict_of[piece.source, piece.index] = best[0]
            best = None
        if best is None:
            out.groups.append(Group())
            index = len(out.groups) - 1
        else:
            index = best[0]
        _join(out, index, piece, key, holding)
    for report in reports:
        for p in report:
            if p.kind == "heading":
                out.groups.append(Group())
                _join(out, len(out.groups) - 1, p, -1, holding)
    for (source, idx), g in out.conflict_of.items():
        out.groups[g].conflicts.append(_find(reports, source, idx))
    return out


def _find(reports: Sequence[Sequence[Piece]], source: int, index: int) -> Piece:
    for report in reports:
        if report and report[0].source == source:
            return report[index]
    raise KeyError(source)


def _join(out: Groups, index: int, piece: Piece, key: int, holding: dict[int, list[int]]) -> None:
    g = out.groups[index]
    g.members.append(piece)
    g.sources.add(piece.source)
    out.of[piece.source, piece.index] = index
    if key >= 0 and all(k != key for k, _ in g.distinct):
        g.distinct.append((key, piece))
        held = holding.setdefault(key, [])
        if index not in held:
            held.append(index)


def _best(
    piece: Piece, allowed: set[int], out: Groups, holding: dict[int, list[int]],
    matches: dict[tuple[int, int], Match | None], idf: Idf,
) -> tuple[int, Match] | None:
    """The group whose member this sentence matches best (the first of equals)."""
    candidates = sorted({i for k in allowed if k in holding for i in holding[k]})
    best: tuple[int, Match] | None = None
    conflict: tuple[int, Match] | None = None
    for index in candidates:
        g = out.groups[index]
        same_source = piece.source in g.sources
        # A group's first wordings stand for it: a report printing one sentence thousands
        # of times in slightly different forms must not make every look-up scan them all.
        for k, member in g.distinct[:MAX_COMPARED]:
            if k not in allowed:
                continue
            pair = (id(piece.feat), id(member.feat))
            if pair not in matches:
                matches[pair] = match(piece.feat, member.feat, idf)
            found = matches[pair]
            if found is None or (same_source and found.tier not in ("copy", "near")):
                continue
            if found.tier == "conflict":
                if conflict is None or found.score > conflict[1].score:
                    conflict = (index, found)
            elif best is None or found.score > best[1].score:
                best = (index, found)
    return best or conflict
