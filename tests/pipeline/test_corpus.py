"""Merging real multi-outlet stories (tests/data/corpus/stories), measured as a reader would:
facts kept, every outlet credited and none wrongly, wire copies recognised, the off-topic
report kept out, and a result that does not depend on file names or order."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.config import load_config
from builder.build.pipeline import BuildResult, build
from tests.conftest import CORPUS, ROOT, TOOLS
from tests.ecb_recall import footnote_recall



def copy_corpus(target: Path, rename=lambda name: name) -> None:
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        out = target / "stories" / folder.name
        out.mkdir(parents=True)
        meta = (folder / "sources.yaml").read_text(encoding="utf-8")
        for item in folder.glob("*.txt"):
            shutil.copy2(item, out / rename(item.name))
            meta = meta.replace(f"file: {item.name}", f"file: {rename(item.name)}")
        (out / "sources.yaml").write_text(meta, encoding="utf-8")


def build_corpus(base: Path, rename=lambda name: name) -> tuple[BuildResult, Path]:
    copy_corpus(base / "content", rename)
    config = dataclasses.replace(load_config(ROOT / "config.yaml"), content_dir=base / "content",
                                 output_dir=base / "site")
    return build(config), base / "site"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[BuildResult, Path]:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


def story(site: Path, slug_start: str) -> dict:
    path = next(site.glob(f"{slug_start}*/story.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_story_meets_the_merge_floors(corpus):
    result, site = corpus
    assert result.ok
    scored = subprocess.run(
        [sys.executable, str(TOOLS / "score_merge.py"), str(site), str(site.parent / "content"), "--json"],
        capture_output=True, text=True,
    )
    rows = json.JSONDecoder().raw_decode(scored.stdout)[0]["stories"]
    assert len(rows) == 10
    for row in rows:
        assert row["key_recall"] >= 0.97, row
        assert row["unsupported"] <= 0.02, row
        assert row["missed_cites"] <= 0.05, row
        assert row["near_dups"] == 0, row


def test_off_topic_report_is_flagged_by_name_and_kept_out(corpus):
    result, site = corpus
    warnings = [d for d in result.diagnostics.warnings if d.rule == "merge.off-topic"]
    assert [Path(d.path).name for d in warnings] == ["07-mnn-com.txt"]
    data = story(site, "ecbplus-t27")
    assert [e["file"] for e in data["excluded"]] == ["07-mnn-com.txt"]
    assert "07-mnn-com.txt" not in {s["file"] for s in data["sources"]}


def test_wire_copies_are_grouped_under_their_original(corpus):
    _, site = corpus
    heist = story(site, "ecbplus-t24")
    by_file = {s["file"]: s for s in heist["sources"]}
    ids = {s["id"]: s["file"] for s in heist["sources"]}
    # The scraper page copies NBC's AFP text word for word.
    assert ids.get(by_file["09-ahametals-com.txt"].get("copy_of"), "").endswith("nbcnews-com.txt")
    page = next(site.glob("ecbplus-t24*/index.html")).read_text(encoding="utf-8")
    independent = sum(1 for s in heist["sources"] if "copy_of" not in s)
    assert f"Compiled from 10 reports, {independent} independent" in page
    assert 'class="copies"' in page
    release = story(site, "ecbplus-t09")
    copied = {s["file"]: s.get("copy_of") for s in release["sources"]}
    assert sum(1 for v in copied.values() if v) == 1  # the press release and its verbatim re-post


def test_stories_without_copies_claim_none(corpus):
    _, site = corpus
    for slug in ("basil-2010", "basil-2013", "ecbplus-t01", "ecbplus-t27"):
        assert all("copy_of" not in s for s in story(site, slug)["sources"]), slug


@pytest.mark.parametrize("slug", ["ecbplus-t01", "ecbplus-t07", "ecbplus-t08", "ecbplus-t09",
                                  "ecbplus-t24", "ecbplus-t27"])
def test_sentences_stating_a_shared_event_cite_the_outlets_that_reported_it(corpus, slug):
    _, site = corpus
    data = story(site, slug)
    recall, pairs = footnote_recall(data, CORPUS / data["slug"])
    assert pairs > 5
    # Citations are at the level of the claim: an outlet that tells the event without the
    # figure, name or speaker the printed sentence gives is not cited on it, so recall of
    # the event's outlets is lower than when any overlap earned a citation (0.37-0.70).
    # Measured 0.21-0.45 per set (bench/RESULTS.md); a drop below this is a regression.
    assert recall >= 0.2, recall


def test_merge_does_not_depend_on_file_names_or_order(corpus, tmp_path):
    _, site = corpus
    # Reversed names reverse the order files are read in.
    result, renamed = build_corpus(tmp_path, rename=lambda name: "z" + name[:-4][::-1] + ".txt")
    assert result.ok
    for path in sorted(site.glob("*/story.json")):
        a = json.loads(path.read_text())
        b = json.loads((renamed / path.parent.name / "story.json").read_text())
        outlets_a = {s["id"]: s["outlet"] for s in a["sources"]}
        outlets_b = {s["id"]: s["outlet"] for s in b["sources"]}
        body_a = [(x["text"], sorted(outlets_a[i] for i in x["sources"])) for blk in a["body"] for x in blk["sentences"]]
        body_b = [(x["text"], sorted(outlets_b[i] for i in x["sources"])) for blk in b["body"] for x in blk["sentences"]]
        assert body_a == body_b, path.parent.name
