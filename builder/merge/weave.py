"""Weave several cleaned reports into one body: each fact once, in an order that flows.

Takes: numbered reports, each a sequence of sentence `Unit`s, the fullest report first.
Gives: the merged body as `BodyBlock`s of `Sentence(text, sources)`.

How:
  1. The fullest report is the spine: its blocks, in its order.
  2. Every other report, fullest first, is read in order. Each sentence either
       - joins the group of a body sentence it duplicates (similarity.match: copy,
         near-copy, shared quotation, or paraphrase with names and figures agreeing);
       - or is absorbed: it says nothing the body does not already say (every name and
         figure it holds is in the body, and most of its weighted content words too), and
         its report is credited on the body sentence it overlaps most;
       - or is new, and is placed after the body sentence it most resembles (else after
         where its report's previous sentence landed); consecutive new sentences of one
         paragraph travel together as a new paragraph.
  3. Each group keeps one sentence: the one carrying most of the group's names and
     figures found nowhere else in the body, then the fuller quotation, then the spine's.
  4. Citations: the group's members and absorbed sentences, plus every report with a
     sentence that backs the kept one (similarity.supports). A citation is kept only
     when the report really shares a fair part of the kept sentence's words.
  5. A last guard folds any two body sentences that are still near-copies.
Sentences that differ only in a figure ("3 dead" / "5 dead") stay one sentence with a
note naming which report says what.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.merge.normalise import Features, names

QUOTED = re.compile(r"[\"“”„«»][^\"“”„«»]{3,}[\"“”„«»]")
from builder.merge.similarity import (
    MIN_SHARE,
    Idf,
    Match,
    match,
    negated,
    plain_share,
    possible_match_keys,
    supports,
)
from builder.model import BodyBlock, Sentence

ABSORB_COVERAGE = 0.6
ABSORB_OVERLAP = 0.4  # share of its content words in the one body sentence credited
ABSORB_MAX_NOVEL = 0.35  # words no other sentence of the story uses: new information
ANCHOR_COSINE = 0.3


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
    absorbed: list[Unit] = field(default_factory=list)
    content: set[str] = field(default_factory=set)
    sources: set[int] = field(default_factory=set)  # of its members
    # Its members' sentences, each Features object once, in the order they joined, with
    # their keys (possible_match_keys): what `_GroupFinder` compares a sentence with.
    distinct: list[tuple[int, Features]] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    key: tuple[int, ...]
    kind: str
    groups: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Body:
    """The body while it is being woven: groups, paragraphs, and what it already says."""

    groups: list[_Group] = field(default_factory=list)
    paras: dict[tuple[int, ...], _Para] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    content: set[str] = field(default_factory=set)
    seq: int = 0
    # key (possible_match_keys) -> the groups holding a member of it, in the order they
    # took one in: where `_GroupFinder` looks.
    holding: dict[int, list[int]] = field(default_factory=dict)

    def new_para(self, after: tuple[int, ...] | None, kind: str) -> tuple[int, ...]:
        self.seq += 1
        key = (self.seq * 1000,) if after is None else after + (self.seq,)
        self.paras[key] = _Para(key, kind)
        return key

    def add(self, unit: Unit, para: tuple[int, ...], key: int) -> int:
        self.groups.append(_Group(unit.kind, [unit], para))
        self.paras[para].groups.append(len(self.groups) - 1)
        self.note(len(self.groups) - 1, unit, key)
        return len(self.groups) - 1

    def note(self, index: int, unit: Unit, key: int) -> None:
        """A member joined group `index` (its first, or one more); `key`: its sentence's
        key (possible_match_keys)."""
        group = self.groups[index]
        group.content |= unit.feat.content
        group.sources.add(unit.source)
        if all(feat is not unit.feat for _, feat in group.distinct):
            group.distinct.append((key, unit.feat))
            held = self.holding.setdefault(key, [])
            if index not in held:
                held.append(index)
        self.keys |= unit.feat.names | unit.feat.numbers
        self.content |= unit.feat.content


def weave(reports: Sequence[Sequence[Unit]], idf: Idf) -> tuple[BodyBlock, ...]:
    """`reports` in spine-first order; each report's units in reading order."""
    body = _first_pass(reports, idf)
    _absorb_leftovers(body, idf, reports[0][0].source if reports and reports[0] else -1)
    return _emit(body, reports, idf)


def _first_pass(reports: Sequence[Sequence[Unit]], idf: Idf) -> _Body:
    """Every sentence, report by report, joins the group it matches, is absorbed by the
    body sentence it adds nothing to, or starts a group of its own."""
    body = _Body()
    # Performance only: which pairs `match` could accept, found for the whole story at
    # once by distinct sentence (key); `_GroupFinder` calls `match` on those alone (same
    # result, far fewer calls), looking only at groups that hold a member of an allowed
    # key (body.holding).
    key_of, related = possible_match_keys([u.feat for report in reports for u in report], idf)
    keys = iter(key_of)
    # match() of two sentences, by their features' identity: a sentence printed by several
    # outlets has one Features object (merge._sentences), so its pairs are decided once.
    matches: dict[tuple[int, int], Match | None] = {}
    finder = _GroupFinder(body, idf, related, matches)
    for rank, report in enumerate(reports):
        landed: int | None = None  # group where this report's last sentence landed
        run_para: tuple[int, ...] | None = None
        run_block = -1
        for unit in report:
            key = next(keys)
            best = finder.best(unit, key)
            if best is not None:
                index, found = best
                if found.tier == "conflict":
                    body.groups[index].conflicts.append(unit)
                else:
                    body.groups[index].members.append(unit)
                    body.note(index, unit, key)
                landed, run_para = index, None
                continue
            if rank > 0 and unit.kind != "heading":
                target = _absorber(unit, body, idf)
                if target is not None:
                    body.groups[target].absorbed.append(unit)
                    landed, run_para = target, None
                    continue
            if run_para is None or unit.block != run_block or unit.kind == "heading":
                after = None
                if rank > 0:
                    anchor = _anchor(unit, body, idf, landed)
                    after = body.groups[anchor].para if anchor is not None else None
                run_para = body.new_para(after, unit.kind)
                run_block = unit.block
            landed = body.add(unit, run_para, key)
            if unit.kind == "heading":
                run_para = None
    return body


def _absorb_leftovers(body: _Body, idf: Idf, spine: int) -> None:
    """Second look at sentences only one report carries, now that the body is whole.

    Reading order decides what the first pass could see: a report read early may state a
    fact in its own words before the report that says it more fully arrives. A sentence
    that, against the finished body, adds no name, figure or negation and little else is
    folded into the body sentence it overlaps most. Shortest first, so the fuller wording
    of a fact is the one that stays.
    """
    # The spine's opening paragraph stays: it is the story's lede.
    lede = next((g.para for g in body.groups if g.members[0].source == spine), None)
    single = [
        i for i, g in enumerate(body.groups)
        if len(g.members) == 1 and not g.absorbed and g.kind != "heading" and g.para != lede
    ]
    single.sort(key=lambda i: (body.groups[i].members[0].feat.n_words, i))
    live = set(range(len(body.groups)))
    # The names, figures and content words of the other sentences are wanted only for
    # this sentence's own words (a subset test and an overlap count), so each word's
    # count over the live non-heading groups' members stands in for the union of all
    # the others (performance only: a story of ten reports has hundreds of single
    # sentences, and the unions were rebuilt for each). A single's group has one member,
    # the sentence itself: a word of its own is elsewhere when its count exceeds one.
    key_count: dict[str, int] = {}
    content_count: dict[str, int] = {}
    for i in live:
        if body.groups[i].kind != "heading":
            for m in body.groups[i].members:
                _count(key_count, m.feat.names | m.feat.numbers, 1)
                _count(content_count, m.feat.content, 1)
    for index in single:
        unit = body.groups[index].members[0]
        others = [i for i in live if i != index and body.groups[i].kind != "heading"]
        own_keys = unit.feat.names | unit.feat.numbers
        keys = {k for k in own_keys if key_count[k] > 1}
        content = {w for w in unit.feat.content if content_count[w] > 1}
        target = _absorption_target(unit.feat, keys, content, [(i, body.groups[i]) for i in others], idf)
        if target is None:
            continue
        body.groups[target].absorbed.append(unit)
        live.discard(index)
        _count(key_count, own_keys, -1)
        _count(content_count, unit.feat.content, -1)
        body.paras[body.groups[index].para].groups.remove(index)


def _count(counts: dict[str, int], words: frozenset[str], step: int) -> None:
    for word in words:
        counts[word] = counts.get(word, 0) + step


class _GroupFinder:
    """The group whose member a sentence matches best (the first of equals), or None.

    Performance only, the same answer as calling `match` with every member of every group
    in group order, then member order: only groups holding a member of a key
    `possible_match_keys` allows are visited, and in each only the allowed members (the
    others would give None); members that are one sentence printed by several outlets
    share one Features object and give one answer, so each is asked once, where it first
    joined (tests/test_merge_speed.py holds it to the every-member form)."""

    def __init__(
        self, body: _Body, idf: Idf, related: list[set[int]],
        matches: dict[tuple[int, int], Match | None],
    ) -> None:
        self._body, self._idf, self._related, self._matches = body, idf, related, matches

    def best(self, unit: Unit, key: int) -> tuple[int, Match] | None:
        """`key`: the sentence's key (possible_match_keys)."""
        allowed = self._related[key]
        holding = self._body.holding
        candidates = {index for k in allowed if k in holding for index in holding[k]}
        best: tuple[int, Match] | None = None
        for index in sorted(candidates):
            group = self._body.groups[index]
            if (group.kind == "heading") != (unit.kind == "heading"):
                continue
            same_source = unit.source in group.sources
            for k, feat in group.distinct:
                if k not in allowed:
                    continue
                pair = (id(unit.feat), id(feat))
                found = self._matches.get(pair, _UNSEEN)
                if found is _UNSEEN:
                    found = self._matches[pair] = match(unit.feat, feat, self._idf)
                if found is None or (same_source and found.tier not in ("copy", "near")):
                    continue  # a report repeating itself merges only when it repeats itself closely
                if best is None or found.score > best[1].score:
                    best = (index, found)
        return best


_UNSEEN = Match("unseen", 0.0)  # a marker: not in the memo


def _absorber(unit: Unit, body: _Body, idf: Idf) -> int | None:
    """The body sentence to credit when this sentence adds nothing new, else None."""
    return _absorption_target(unit.feat, body.keys, body.content, list(enumerate(body.groups)), idf)


def _absorption_target(
    feat: Features, keys: set[str], content: set[str], groups: list[tuple[int, _Group]], idf: Idf
) -> int | None:
    if not feat.content or not (feat.names | feat.numbers) <= keys:
        return None
    # Words no other sentence of any report uses are what this sentence alone tells
    # ("veto power", "solid-fuel"); a rewriter's own wording is some of them too, so only
    # a sentence made largely of them is kept for their sake.
    # A short sentence has little room for filler: one word of its own fewer is allowed
    # ("Rust was found on every cable" brings two, and stays).
    if sum(1 for w in feat.content if idf.df(w) <= 1) > ABSORB_MAX_NOVEL * len(feat.content) - 1:
        return None
    # A negation turns a sentence's meaning on words a bag of words cannot see
    # ("received no response"): such a sentence is never folded away.
    if negated(feat):
        return None
    # Unweighted on purpose: in a paraphrase the rare words are the rewriter's own
    # ("significantly", "apprehension"), while the facts are the common ones.
    covered = len(feat.content & content) / len(feat.content)
    if covered < ABSORB_COVERAGE:
        return None
    scored = [
        (len(feat.content & g.content) / len(feat.content), -i)
        for i, g in groups
        if g.kind != "heading"
    ]
    if not scored:
        return None
    share, neg = max(scored)
    return -neg if share >= ABSORB_OVERLAP else None


def _anchor(unit: Unit, body: _Body, idf: Idf, landed: int | None) -> int | None:
    """Where a new run of sentences goes: after the body sentence its report's previous
    sentence matched (the report's own train of thought), else after the body sentence it
    most resembles, else at the end. Never before the spine's opening paragraph."""
    if landed is not None:
        return landed
    scored = [
        (idf.cosine(unit.feat.content, frozenset(g.content)), -i)
        for i, g in enumerate(body.groups)
        if g.kind != "heading"
    ]
    if scored:
        score, neg = max(scored)
        if score >= ANCHOR_COSINE:
            return -neg
    return len(body.groups) - 1 if body.groups else None


def _representative(group: _Group, counts: dict[str, int], memo: dict[int, tuple]) -> Unit:
    """The member that keeps most of the group's names and figures missing elsewhere
    (`counts`: in how many groups each name or figure occurs); the first of equals.
    `memo`: what a sentence scores, by its Features' identity, for the whole body (an
    outlet's copies of one sentence share one Features object: scored once)."""

    if len(group.members) == 1:
        return group.members[0]

    def value(numbered: tuple[int, Unit]) -> tuple:
        position, unit = numbered
        score = memo.get(id(unit.feat))
        if score is None:
            keys = unit.feat.names | unit.feat.numbers
            unique = sum(1 for k in keys if counts[k] == 1)
            quote_len = max((len(q) for q in unit.feat.quotes), default=0)
            # A quotation is worth most with its speaker: a name outside the quotation marks.
            speaker = bool(unit.feat.quotes) and bool(names(QUOTED.sub(" ", unit.feat.text)))
            score = memo[id(unit.feat)] = (unique, speaker, quote_len, len(keys),
                                           -unit.feat.n_words)
        return score + (-position,)

    return max(enumerate(group.members), key=value)[1]


def _emit(body: _Body, reports: Sequence[Sequence[Unit]], idf: Idf) -> tuple[BodyBlock, ...]:
    groups = body.groups
    keys_of = [
        frozenset().union(*(m.feat.names | m.feat.numbers for m in g.members)) for g in groups
    ]
    counts: dict[str, int] = {}
    for keys in keys_of:
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    # A member's names and figures are all in its own group's keys, so one of them is
    # "found nowhere else in the body" exactly when no other group has it: counted once.
    scores: dict[int, tuple] = {}
    chosen = [_representative(group, counts, scores) for group in groups]
    by_source: dict[int, list[Unit]] = {}
    for report in reports:
        for unit in report:
            by_source.setdefault(unit.source, []).append(unit)
    sharing = _Sharing(by_source)

    backs: dict[tuple[int, int], bool] = {}  # supports(), by the two features' identity

    def backed(rep: Unit, unit: Unit) -> bool:
        pair = (id(rep.feat), id(unit.feat))
        if pair not in backs:
            backs[pair] = supports(rep.feat, unit.feat, idf)
        return backs[pair]

    sentences: dict[int, Sentence] = {}
    for index, group in enumerate(groups):
        rep = chosen[index]
        plain = rep.feat.plain
        cited = {rep.source}
        for unit in group.members + group.absorbed:
            if unit.source in cited:
                continue
            # The member itself first: it is one of its report's sentences, and usually
            # the one that carries the share.
            if plain_share(plain, unit.feat) >= MIN_SHARE or any(
                plain_share(plain, u.feat) >= MIN_SHARE for u in sharing.candidates(unit.source, plain)
            ):
                cited.add(unit.source)
        conflicting = {u.source for u in group.conflicts} - cited
        if group.kind != "heading":
            for source in by_source:
                if source not in cited and source not in conflicting:
                    if any(u.kind != "heading" and backed(rep, u)
                           for u in sharing.candidates(source, plain)):
                        cited.add(source)
        variants = _variants(rep, group) if group.conflicts else ()
        sentences[index] = Sentence(rep.feat.text, tuple(sorted(cited)), variants)

    order = [i for key in sorted(body.paras) for i in body.paras[key].groups]
    dropped = _fold_near_copies(order, sentences, chosen, by_source)
    out: list[BodyBlock] = []
    for key in sorted(body.paras):
        para = body.paras[key]
        kept = tuple(sentences[i] for i in para.groups if i not in dropped)
        if kept:
            out.append(BodyBlock(para.kind, kept))
    return tuple(out)


class _Sharing:
    """Which sentences of a report could carry a fair share of a body sentence's words.

    Performance only: `plain_share(body, u) >= MIN_SHARE`, and so `supports`, needs the
    sentence's words (`plain`, the union of its parts) to hold that share of the body
    sentence's; an inverted index per report finds those sentences without testing
    every one. Tests are boolean and pure, so which sentences are tried, and in what
    order, changes no answer. Each (report, body sentence) is looked up once."""

    def __init__(self, by_source: dict[int, list[Unit]]) -> None:
        self._units = by_source
        self._found: dict[tuple[int, frozenset[str]], list[Unit]] = {}
        self._index: dict[int, dict[str, list[int]]] = {}
        for source, units in by_source.items():
            index: dict[str, list[int]] = {}
            for i, unit in enumerate(units):
                for word in unit.feat.plain:
                    index.setdefault(word, []).append(i)
            self._index[source] = index

    def candidates(self, source: int, body: frozenset[str]) -> list[Unit]:
        found = self._found.get((source, body))
        if found is None:
            found = self._found[source, body] = self._look_up(source, body)
        return found

    def _look_up(self, source: int, body: frozenset[str]) -> list[Unit]:
        if not body:
            return []
        index = self._index[source]
        shared: dict[int, int] = {}
        for word in body:
            for i in index.get(word, ()):
                shared[i] = shared.get(i, 0) + 1
        units = self._units[source]
        return [units[i] for i, n in shared.items() if n / len(body) >= MIN_SHARE]


def _fold_near_copies(
    order: list[int],
    sentences: dict[int, Sentence],
    chosen: list[Unit],
    by_source: dict[int, list[Unit]],
) -> set[int]:
    """Fold later body sentences that are near-copies of earlier ones (near_copy_pairs: 4 in
    5 content words of the shorter, at least 6), crediting their sources on the one kept
    where they back it."""
    dropped: set[int] = set()
    # sentences[i] is chosen[i]'s text: its features are already computed.
    plain = {i: chosen[i].feat.plain for i in order}
    negation = {i: negated(chosen[i].feat) for i in order}
    position = {i: pos for pos, i in enumerate(order)}
    pairs = near_copy_pairs(plain)
    for i in order:
        if i in dropped:
            continue
        # Never fold a sentence into its negation: the two reports contradict each other.
        # (Nothing tested here changes while sentence i is looked at, and only a sentence
        # listed here can be dropped meanwhile: the list is made once.)
        near = sorted(
            (j for j in pairs.get(i, ()) if position[j] > position[i]
             and negation[j] == negation[i] and j not in dropped),
            key=position.__getitem__,
        )
        a = plain[i]
        for j in near:
            keep, drop = (i, j) if len(a) >= len(plain[j]) else (j, i)
            kept = plain[keep]
            backing = {
                source for source in sentences[drop].sources
                if any(plain_share(kept, u.feat) >= MIN_SHARE for u in by_source[source])
            }
            merged = tuple(sorted(set(sentences[keep].sources) | backing))
            sentences[keep] = Sentence(sentences[keep].text, merged, sentences[keep].variants)
            dropped.add(drop)
            if drop == i:
                break
    return dropped


NEAR_COPY_SHARE = 0.8  # of the shorter sentence's plain content words
NEAR_COPY_MIN = 6  # plain content words in the shorter sentence


def near_copy_pairs(plain: dict[int, frozenset[str]]) -> dict[int, set[int]]:
    """Each sentence's near-copies: both hold NEAR_COPY_MIN or more words, and the shorter
    one shares NEAR_COPY_SHARE of its words with the other (both ways round).

    Performance only: the pairs that test holds for, without testing every pair (a story
    of ten reports has ~150 body sentences). A pair that passes shares at least one of
    the shorter sentence's rarest `len - needed + 1` words, with `needed` the fewest
    shared words that pass (prefix filtering, as in all-pairs similarity joins): so
    only sentences holding one of those words are tested. tests/test_merge_speed.py
    holds it to the every-pair form."""
    sizes = {i: len(words) for i, words in plain.items() if len(words) >= NEAR_COPY_MIN}
    frequency: dict[str, int] = {}
    holders: dict[str, list[int]] = {}
    for i in sizes:
        for word in plain[i]:
            frequency[word] = frequency.get(word, 0) + 1
            holders.setdefault(word, []).append(i)
    out: dict[int, set[int]] = {}
    for i, size in sizes.items():
        needed = next(k for k in range(size + 1) if k / size >= NEAR_COPY_SHARE)
        rarest = sorted(plain[i], key=lambda w: (frequency[w], w))[: size - needed + 1]
        a = plain[i]
        for word in rarest:
            for j in holders[word]:
                # i is the shorter one (or as long): the other side finds the pair when
                # it is the shorter.
                if j != i and sizes[j] >= size and j not in out.get(i, ()) and (
                    len(a & plain[j]) / min(size, sizes[j]) >= NEAR_COPY_SHARE
                ):
                    out.setdefault(i, set()).add(j)
                    out.setdefault(j, set()).add(i)
    return out


def _variants(rep: Unit, group: _Group) -> tuple[tuple[int, str], ...]:
    """Who gives which figures, from the reports' own sentences: ((2, "5"), (4, "3"))."""
    parts: list[tuple[int, str]] = []
    for unit in [rep] + [m for m in group.members if m is not rep] + group.conflicts:
        figures = ", ".join(sorted(unit.feat.numbers, key=lambda f: (len(f), f)))
        if figures and (unit.source, figures) not in parts:
            parts.append((unit.source, figures))
    return tuple(parts)
