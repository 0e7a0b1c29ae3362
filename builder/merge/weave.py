"""Weave several cleaned reports into one body: each fact once, in an order that flows.

Takes: numbered reports, each a sequence of blocks split into sentence `Features`.
Gives: the merged body as `BodyBlock`s of `Sentence(text, sources)`.

How:
  1. The fullest report (most content words) is the spine: its blocks, in its order.
  2. Every other report, fullest first, is read in order. A sentence that matches one
     already in the body (builder/merge/similarity.py) joins that sentence's group. A new
     one is placed after the body sentence where that report's previous sentence landed
     (or, for a report's first sentence, after the body sentence it most resembles);
     consecutive new sentences of one paragraph travel together as a new paragraph.
  3. Each group keeps one sentence: the one that carries most of the group's names and
     figures found nowhere else in the body, then the fuller quotation, then the spine's.
  4. Citations: every report that has a sentence backing the kept one
     (similarity.supports), plus the group's members. Never empty: a sentence always
     cites at least the report it came from.
Sentences that differ only in a figure ("3 dead" / "5 dead") stay one sentence with a
note naming which report says what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.merge.normalise import Features
from builder.merge.similarity import Idf, Match, match, supports
from builder.model import BodyBlock, Sentence


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one report, ready to merge."""

    source: int
    block: int  # index of its block in that report
    kind: str  # block kind: paragraph | heading | quote | list-item
    feat: Features


@dataclass(slots=True)
class _Group:
    kind: str
    members: list[Unit]
    para: tuple[int, ...]
    conflicts: list[Unit] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    key: tuple[int, ...]
    kind: str
    groups: list[int] = field(default_factory=list)


def weave(reports: Sequence[Sequence[Unit]], idf: Idf) -> tuple[BodyBlock, ...]:
    """`reports` in spine-first order; each report's units in reading order."""
    groups: list[_Group] = []
    paras: dict[tuple[int, ...], _Para] = {}
    seq = [0]

    def new_para(after: tuple[int, ...] | None, kind: str) -> tuple[int, ...]:
        seq[0] += 1
        key = (seq[0] * 1000,) if after is None else after + (seq[0],)
        paras[key] = _Para(key, kind)
        return key

    spine = reports[0] if reports else ()
    block_para: dict[int, tuple[int, ...]] = {}
    for unit in spine:
        if unit.block not in block_para:
            block_para[unit.block] = new_para(None, unit.kind)
        key = block_para[unit.block]
        groups.append(_Group(unit.kind, [unit], key))
        paras[key].groups.append(len(groups) - 1)

    for report in reports[1:]:
        landed: int | None = None  # group index where this report's last sentence landed
        run_para: tuple[int, ...] | None = None
        run_block = -1
        for unit in report:
            best = _best_group(unit, groups, idf)
            if best is not None and best[1].tier != "conflict":
                groups[best[0]].members.append(unit)
                landed, run_para = best[0], None
                continue
            if best is not None:  # same fact, other figure: a discrepancy to show
                groups[best[0]].conflicts.append(unit)
                landed, run_para = best[0], None
                continue
            if run_para is None or unit.block != run_block or unit.kind == "heading":
                anchor = landed if landed is not None else _closest_group(unit, groups, idf)
                after = groups[anchor].para if anchor is not None else None
                run_para = new_para(after, unit.kind)
                run_block = unit.block
            groups.append(_Group(unit.kind, [unit], run_para))
            paras[run_para].groups.append(len(groups) - 1)
            landed = len(groups) - 1
            if unit.kind == "heading":
                run_para = None

    return _emit(groups, paras, reports, idf)


def _best_group(unit: Unit, groups: list[_Group], idf: Idf) -> tuple[int, Match] | None:
    best: tuple[int, Match] | None = None
    for index, group in enumerate(groups):
        if (group.kind == "heading") != (unit.kind == "heading"):
            continue
        if any(m.source == unit.source for m in group.members):
            continue  # a report never merges with itself
        for member in group.members:
            found = match(unit.feat, member.feat, idf)
            if found and (best is None or found.score > best[1].score):
                best = (index, found)
    return best


def _closest_group(unit: Unit, groups: list[_Group], idf: Idf) -> int | None:
    scored = [
        (idf.cosine(unit.feat.content, g.members[0].feat.content), -i)
        for i, g in enumerate(groups)
    ]
    if not scored:
        return None
    score, neg = max(scored)
    return -neg if score > 0.1 else len(groups) - 1


def _representative(group: _Group, elsewhere: frozenset[str]) -> Unit:
    """The member that keeps most of the group's names and figures missing elsewhere."""

    def value(unit: Unit) -> tuple:
        keys = unit.feat.names | unit.feat.numbers
        unique = len(keys - elsewhere)
        quote_len = max((len(q) for q in unit.feat.quotes), default=0)
        return (unique, quote_len, len(keys), -group.members.index(unit))

    return max(group.members, key=value)


def _emit(
    groups: list[_Group],
    paras: dict[tuple[int, ...], _Para],
    reports: Sequence[Sequence[Unit]],
    idf: Idf,
) -> tuple[BodyBlock, ...]:
    keys_of = [
        frozenset().union(*(m.feat.names | m.feat.numbers for m in g.members)) for g in groups
    ]
    chosen: list[Unit] = []
    for i, group in enumerate(groups):
        elsewhere = frozenset().union(*(keys_of[j] for j in range(len(groups)) if j != i))
        chosen.append(_representative(group, elsewhere))
    all_units = [u for report in reports for u in report]
    body: list[BodyBlock] = []
    for key in sorted(paras):
        para = paras[key]
        sentences = []
        for index in para.groups:
            group, rep = groups[index], chosen[index]
            cited = {m.source for m in group.members}
            conflicting = {u.source for u in group.conflicts}
            for unit in all_units:
                if unit.source not in cited and unit.source not in conflicting:
                    if unit.kind != "heading" and supports(rep.feat, unit.feat):
                        cited.add(unit.source)
            note = _conflict_note(rep, group) if group.conflicts else None
            sentences.append(Sentence(rep.feat.text, tuple(sorted(cited)), note))
        if sentences:
            body.append(BodyBlock(para.kind, tuple(sentences)))
    return tuple(body)


def _conflict_note(rep: Unit, group: _Group) -> str:
    """'Figures differ: [2] says 5; [4] says 3.' with the reports' own figures."""
    parts = []
    seen = set()
    for unit in [rep] + [m for m in group.members if m is not rep] + group.conflicts:
        figures = ", ".join(sorted(unit.feat.numbers))
        if (unit.source, figures) in seen or not figures:
            continue
        seen.add((unit.source, figures))
        parts.append((unit.source, figures))
    return "; ".join(f"[{source}] {figures}" for source, figures in parts)
