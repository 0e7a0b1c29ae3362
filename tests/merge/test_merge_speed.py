"""The merge's shortcuts give the answers of the plain rules they stand for.

Each fast path (inverted indexes, prefix filtering, candidate keys) is held here to a
brute-force statement of its rule, on real stories and on generated input.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.clean import clean, load_rules
from builder.config import load_config
from builder.merge import _Memo, _sentences
from builder.merge.grouping import MAX_COMPARED, group
from builder.merge.nearcopies import near_copy_pairs
from builder.merge.similarity import Idf, match, possible_match_keys
from builder.merge.units import Piece
from builder.model import Diagnostics
from builder.load.stories import load_stories
from tests.conftest import ROOT, copy_corpus


def _story_reports(content: Path) -> list[list[list[Piece]]]:
    """Each story's reports as the merge reads them: one list of sentences a report."""
    config = dataclasses.replace(load_config(ROOT / "config.yaml"), content_dir=content)
    diags = Diagnostics()
    rules = load_rules()
    out = []
    for item in load_stories(config, diags):
        articles = [clean(doc, rules, diags) for doc in item.docs]
        out.append([
            [Piece(i, n, b, kind, feat)
             for n, (b, kind, feat) in enumerate(_sentences(a, _Memo()))]
            for i, a in enumerate(articles, 1)
        ])
    return out


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
    for reports in _story_reports(content):
        feats = [p.feat for r in reports for p in r]
        idf = Idf(feats)
        key_of, related = possible_match_keys(feats, idf)
        for i, a in enumerate(feats):
            for j, b in enumerate(feats):
                if key_of[j] not in related[key_of[i]]:
                    assert match(a, b, idf) is None, (a.text, b.text)
                    checked += 1
    assert checked > 0


from builder.merge.nearcopies import NEAR_COPY_MIN, NEAR_COPY_SHARE  # noqa: E402


def _near_copy_pairs_every_pair(plain: dict[int, frozenset[str]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for i, a in plain.items():
        for j, b in plain.items():
            if i != j and min(len(a), len(b)) >= NEAR_COPY_MIN and (
                    len(a & b) / min(len(a), len(b)) >= NEAR_COPY_SHARE):
                out.setdefault(i, set()).add(j)
    return out


_WORDS = st.sampled_from([f"w{n}" for n in range(14)])


@given(st.dictionaries(st.integers(0, 40), st.frozensets(_WORDS, max_size=12), max_size=25))
@settings(max_examples=300, deadline=None)
def test_near_copy_pairs_are_the_pairs_every_pair_testing_finds(plain):
    assert near_copy_pairs(plain) == _near_copy_pairs_every_pair(plain)


def test_near_copy_pairs_on_real_sentences(tmp_path):
    content = _corpus_content(tmp_path)
    found = 0
    for reports in _story_reports(content):
        plain = {i: p.feat.plain for i, p in enumerate(x for r in reports for x in r)}
        pairs = near_copy_pairs(plain)
        assert pairs == _near_copy_pairs_every_pair(plain)
        found += len(pairs)
    assert found > 0


def _group_by_every_member(reports: list[list[Piece]], idf: Idf) -> dict[tuple[int, int], int]:
    """The grouping rule stated plainly: each sentence, in order, joins the group holding
    the member it matches best (never a conflict when a match exists; a report joins its
    own group only as a copy or near-copy), else starts one."""
    groups: list[list[Piece]] = []
    of: dict[tuple[int, int], int] = {}
    for piece in (p for r in reports for p in r if p.kind != "heading"):
        best = conflict = None
        for index, members in enumerate(groups):
            same = any(m.source == piece.source for m in members)
            seen: list = []
            for m in members:
                if any(m.feat.content == f.content and m.feat.shingles == f.shingles
                       and bool(m.feat.quotes) == bool(f.quotes) for f in seen):
                    continue  # one wording is asked once
                seen.append(m.feat)
                found = match(piece.feat, m.feat, idf)
                if found is None or (same and found.tier not in ("copy", "near")):
                    continue
                if found.tier == "conflict":
                    if conflict is None or found.score > conflict[1].score:
                        conflict = (index, found)
                elif best is None or found.score > best[1].score:
                    best = (index, found)
        if best is None:
            groups.append([])
            index = len(groups) - 1
        else:
            index = best[0]
        groups[index].append(piece)
        of[piece.source, piece.index] = index
    return of


@pytest.mark.parametrize("where", ["seed", "corpus"])
def test_grouping_is_the_every_member_rule(tmp_path, where):
    content = ROOT / "content" if where == "seed" else _corpus_content(tmp_path)
    checked = 0
    for reports in _story_reports(content)[:3]:
        idf = Idf(p.feat for r in reports for p in r)
        found = group(reports, idf)
        assert all(len(g.distinct) <= MAX_COMPARED for g in found.groups)  # no cap reached
        expected = _group_by_every_member(reports, idf)
        assert {k: v for k, v in found.of.items() if k in expected} == expected
        checked += len(expected)
    assert checked > 0


def _leans_back_as_stated(text: str) -> bool:
    """The rule plainly: the first word (after opening marks) is a leaning word, or the
    sentence opens with a leaning phrase followed by a space or a comma."""
    import re

    from builder.merge.units import LEANING_PHRASES, LEANING_WORDS, OPENING_MARKS

    opening = text.lstrip(OPENING_MARKS).casefold().replace("\u2019", "'")
    first = re.match(r"[\w']+", opening)
    if first is None:
        return False
    return first.group(0) in LEANING_WORDS or any(
        opening.startswith(p + " ") or opening.startswith(p + ",") for p in LEANING_PHRASES)


_OPENERS = st.sampled_from(["He", "he's", "It", "Its", "This", "Thereafter", "However,", "In return,",
                            "In Paris", "The two", "The twofold", "Both men", "So-called", "“They",
                            "Theme", "Then", "And", "Andrew", "Later", "(Also"])


@given(_OPENERS, st.sampled_from(["", " said", ", he", " x.", "'s", "\u2019s view"]))
@settings(max_examples=300, deadline=None)
def test_leans_back_is_the_rule_as_stated(first, rest):
    from builder.merge.units import leans_back

    assert leans_back(first + rest) == _leans_back_as_stated(first + rest)


_STOPS = st.lists(st.sampled_from(["a", "m", "e", "g", "U", "S", "x", "aa", "abc", "Paris", ".", ". ", " ",
                                   "(", "é", "_", "4", "\u00a0", "Monday", "said", "?"]),
                  max_size=14).map("".join)


@given(_STOPS)
@settings(max_examples=500, deadline=None)
def test_the_stop_first_patterns_are_the_lookbehind_first_rules(text):
    """split_sentences' two repairs, written stop first for speed, match as the rules
    read when written plainly (a lookbehind first)."""
    import re

    from builder.merge.sentences import GLUED, SPACED_INITIALS

    glued = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,}\b)")
    spaced = re.compile(r"(?<![\w.])([a-z])\. (?=[a-z]\.(?!\w))")
    assert GLUED.sub(". ", text) == glued.sub(". ", text)
    assert SPACED_INITIALS.sub(".", text) == spaced.sub(r"\1.", text)
