"""The merge's performance shortcuts change nothing. Each is held to the plain form it
replaced (every pair, every member, unions rebuilt, scores afresh), on real multi-outlet
stories (the seed story, the shared corpus, the fixture site) and, where it takes plain
values, on generated ones: `possible_match_keys` leaves out only pairs that `match`
rejects; the citation index, the group finder, the second look at single sentences, the
representative's scores and near-copy folding give what their plain forms give."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.clean import clean, load_rules
from builder.config import load_config
from builder.merge import _units
from builder.merge.normalise import names
from builder.merge.similarity import (
    MIN_SHARE,
    Idf,
    match,
    plain_share,
    possible_match_keys,
)
from builder.merge.weave import (
    QUOTED,
    _absorb_leftovers,
    _absorption_target,
    _first_pass,
    _GroupFinder,
    _representative,
    _Sharing,
    near_copy_pairs,
)
from builder.model import Diagnostics
from builder.load.stories import load_stories
from tests.conftest import ROOT, copy_corpus


def _story_units(content: Path) -> list[list]:
    config = dataclasses.replace(load_config(ROOT / "config.yaml"), content_dir=content)
    diags = Diagnostics()
    rules = load_rules()
    out = []
    for item in load_stories(config, diags):
        articles = [clean(doc, rules, diags) for doc in item.docs]
        out.append([u for i, a in enumerate(articles, 1) for u in _units(i, a)])
    return out


def _reports(units: list) -> list[list]:
    """A story's units as the weave takes them: one list a report, by source id."""
    reports: dict[int, list] = {}
    for unit in units:
        reports.setdefault(unit.source, []).append(unit)
    return [reports[k] for k in sorted(reports)]


def _corpus_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    copy_corpus(content, limit=4)
    return content


@pytest.mark.parametrize("where", ["seed", "fixture", "corpus"])
def test_possible_match_keys_never_leave_out_a_pair_that_match_accepts(tmp_path, where):
    content = {
        "seed": ROOT / "content",
        "fixture": ROOT / "tests" / "fixtures" / "mini" / "content",
    }.get(where) or _corpus_content(tmp_path)
    checked = 0
    for units in _story_units(content):
        feats = [u.feat for u in units]
        idf = Idf(feats)
        key_of, related = possible_match_keys(feats, idf)
        for i, a in enumerate(feats):
            for j, b in enumerate(feats):
                if key_of[j] not in related[key_of[i]]:
                    assert match(a, b, idf) is None, (a.text, b.text)
                    checked += 1
    assert checked > 0


@pytest.mark.parametrize("where", ["seed", "corpus"])
def test_sharing_candidates_hold_every_sentence_that_carries_a_fair_share(tmp_path, where):
    """The report index that `_emit` asks instead of testing every sentence of a report
    leaves out only sentences whose plain_share of the body sentence is under MIN_SHARE."""
    content = ROOT / "content" if where == "seed" else _corpus_content(tmp_path)
    checked = 0
    for units in _story_units(content):
        by_source: dict[int, list] = {}
        for unit in units:
            by_source.setdefault(unit.source, []).append(unit)
        sharing = _Sharing(by_source)
        for body in units:
            for source, members in by_source.items():
                found = {id(u) for u in sharing.candidates(source, body.feat.plain)}
                for unit in members:
                    if plain_share(body.feat.plain, unit.feat) >= MIN_SHARE:
                        assert id(unit) in found, (body.feat.text, unit.feat.text)
                        checked += 1
    assert checked > 0


def _absorb_leftovers_by_unions(body, idf, spine) -> None:
    """`_absorb_leftovers` as it was first written: the other groups' names, figures and
    content words gathered afresh, as sets, for every single sentence (the oracle)."""
    lede = next((g.para for g in body.groups if g.members[0].source == spine), None)
    single = [
        i for i, g in enumerate(body.groups)
        if len(g.members) == 1 and not g.absorbed and g.kind != "heading" and g.para != lede
    ]
    single.sort(key=lambda i: (body.groups[i].members[0].feat.n_words, i))
    live = set(range(len(body.groups)))
    for index in single:
        unit = body.groups[index].members[0]
        others = [i for i in live if i != index and body.groups[i].kind != "heading"]
        keys: set[str] = set()
        content: set[str] = set()
        for i in others:
            for m in body.groups[i].members:
                keys |= m.feat.names | m.feat.numbers
                content |= m.feat.content
        target = _absorption_target(unit.feat, keys, content, [(i, body.groups[i]) for i in others], idf)
        if target is None:
            continue
        body.groups[target].absorbed.append(unit)
        live.discard(index)
        body.paras[body.groups[index].para].groups.remove(index)


def _shape(body) -> tuple:
    groups = tuple(
        (tuple((u.source, u.feat.text) for u in g.members),
         tuple((u.source, u.feat.text) for u in g.absorbed))
        for g in body.groups
    )
    return groups, tuple((key, tuple(p.groups)) for key, p in sorted(body.paras.items()))


def _first_passes(tmp_path, where):
    """(reports in order, idf, first-pass body) for each story of the seed or the corpus."""
    content = ROOT / "content" if where == "seed" else _corpus_content(tmp_path)
    for units in _story_units(content):
        ordered = _reports(units)
        idf = Idf(u.feat for u in units)
        yield ordered, idf, _first_pass(ordered, idf)


@pytest.mark.parametrize("where", ["seed", "corpus"])
def test_absorb_leftovers_by_word_counts_absorbs_what_the_unions_did(tmp_path, where):
    absorbed = 0
    for ordered, idf, body in _first_passes(tmp_path, where):
        twin = copy.deepcopy(body)
        before = sum(len(g.absorbed) for g in body.groups)
        _absorb_leftovers(body, idf, ordered[0][0].source)
        _absorb_leftovers_by_unions(twin, idf, ordered[0][0].source)
        assert _shape(body) == _shape(twin)
        absorbed += sum(len(g.absorbed) for g in body.groups) - before
    assert absorbed > 0  # the second look did fold sentences away on these stories


def _near_copy_pairs_every_pair(plain: dict[int, frozenset[str]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for i, a in plain.items():
        for j, b in plain.items():
            if i != j and min(len(a), len(b)) >= 6 and len(a & b) / min(len(a), len(b)) >= 0.8:
                out.setdefault(i, set()).add(j)
    return out


_WORDS = st.sampled_from([f"w{n}" for n in range(14)])


@given(st.dictionaries(st.integers(0, 40), st.frozensets(_WORDS, max_size=12), max_size=25))
@settings(max_examples=300, deadline=None)
def test_near_copy_pairs_are_the_pairs_every_pair_testing_finds(plain):
    assert near_copy_pairs(plain) == _near_copy_pairs_every_pair(plain)


def test_near_copy_pairs_on_real_body_sentences(tmp_path):
    content = _corpus_content(tmp_path)
    found = 0
    for units in _story_units(content):
        plain = {i: u.feat.plain for i, u in enumerate(units)}
        pairs = near_copy_pairs(plain)
        assert pairs == _near_copy_pairs_every_pair(plain)
        found += len(pairs)
    assert found > 0


def _best_by_every_member(unit, groups, idf):
    """The group a sentence joins, as first written: `match` with every member of every
    group, in group order then member order, the first of equal scores kept (the oracle)."""
    best = None
    for index, group in enumerate(groups):
        if (group.kind == "heading") != (unit.kind == "heading"):
            continue
        same_source = any(m.source == unit.source for m in group.members)
        for member in group.members:
            found = match(unit.feat, member.feat, idf)
            if found is None or (same_source and found.tier not in ("copy", "near")):
                continue
            if best is None or found.score > best[1].score:
                best = (index, found)
    return best


@pytest.mark.parametrize("where", ["seed", "corpus"])
def test_group_finder_picks_the_group_every_member_testing_picks(tmp_path, where):
    content = ROOT / "content" if where == "seed" else _corpus_content(tmp_path)
    probes = joined = 0
    for units in _story_units(content)[:3]:
        ordered = _reports(units)
        flat = [u for report in ordered for u in report]
        idf = Idf(u.feat for u in flat)
        key_of, related = possible_match_keys([u.feat for u in flat], idf)
        body = _first_pass(ordered, idf)
        finder = _GroupFinder(body, idf, related, {})
        for pos in range(0, len(flat), 3):  # every third sentence, against the whole body
            expected = _best_by_every_member(flat[pos], body.groups, idf)
            assert finder.best(flat[pos], key_of[pos]) == expected, flat[pos].feat.text
            probes += 1
            joined += expected is not None
    assert probes > 0 and joined > 0


def _representative_as_written(group, counts):
    """The member chosen to print, as first written: each member scored afresh (oracle)."""
    if len(group.members) == 1:
        return group.members[0]

    def value(unit):
        keys = unit.feat.names | unit.feat.numbers
        unique = sum(1 for k in keys if counts[k] == 1)
        quote_len = max((len(q) for q in unit.feat.quotes), default=0)
        speaker = bool(unit.feat.quotes) and bool(names(QUOTED.sub(" ", unit.feat.text)))
        return (unique, speaker, quote_len, len(keys), -unit.feat.n_words,
                -group.members.index(unit))

    return max(group.members, key=value)


@pytest.mark.parametrize("where", ["seed", "corpus"])
def test_representatives_scored_once_per_sentence_are_the_ones_scored_afresh(tmp_path, where):
    shared = 0
    for _, _, body in _first_passes(tmp_path, where):
        counts: dict[str, int] = {}
        for group in body.groups:
            for k in frozenset().union(*(m.feat.names | m.feat.numbers for m in group.members)):
                counts[k] = counts.get(k, 0) + 1
        memo: dict[int, tuple] = {}
        for group in body.groups:
            assert _representative(group, counts, memo) is _representative_as_written(group, counts)
            shared += len(group.members) > 1
    assert shared > 0
