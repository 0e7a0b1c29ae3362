"""The merge's performance shortcuts change nothing: `possible_matches` leaves out only
pairs that `match` rejects, on real multi-outlet stories (the seed story, the shared
corpus) and the fixture site."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder.clean import clean, load_rules
from builder.config import load_config
from builder.merge import _units
from builder.merge.similarity import MIN_SHARE, Idf, match, plain_share, possible_matches
from builder.merge.weave import _Sharing
from builder.model import Diagnostics
from builder.sources import load_stories
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


def _corpus_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    if not copy_corpus(content, limit=4):
        pytest.skip("shared corpus not present")
    return content


@pytest.mark.parametrize("where", ["seed", "fixture", "corpus"])
def test_possible_matches_never_leaves_out_a_pair_that_match_accepts(tmp_path, where):
    content = {
        "seed": ROOT / "content",
        "fixture": ROOT / "tests" / "fixtures" / "mini" / "content",
    }.get(where) or _corpus_content(tmp_path)
    checked = 0
    for units in _story_units(content):
        feats = [u.feat for u in units]
        idf = Idf(feats)
        allowed = possible_matches(feats, idf)
        for i, a in enumerate(feats):
            for j, b in enumerate(feats):
                if i != j and j not in allowed[i]:
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
