"""The whole build: the seed story against its hand labels, the golden fixture site,
byte-identical rebuilds, and a failed build that leaves the last good site alone.

Regenerate the golden copy after an intended change with:
    UPDATE_GOLDEN=1 python -m pytest tests/pipeline/test_build.py -k golden
and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.config import load_config
from builder.build.pipeline import build
from tests.conftest import ROOT, SEEDS, TOOLS

FIXTURE = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden" / "mini"
SEED_SLUG = "north-korea-october-surprise"


def build_into(config_path: Path, out: Path, **changes):
    config = dataclasses.replace(load_config(config_path), output_dir=out, **changes)
    return build(config)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_seed_story_passes_every_check_against_the_hand_labels(tmp_path):
    result = build_into(ROOT / "config.yaml", tmp_path / "site")
    assert result.ok, [str(d) for d in result.diagnostics.errors]
    check = subprocess.run(
        [sys.executable, str(TOOLS / "check_story.py"), str(tmp_path / "site"), SEED_SLUG,
         str(SEEDS / "gold.yaml")],
        capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip().endswith("41 passed, 0 failed")


def test_built_site_has_no_script_capable_markup(tmp_path):
    build_into(ROOT / "config.yaml", tmp_path / "site")
    scan = subprocess.run([sys.executable, str(TOOLS / "scan_site.py"), str(tmp_path / "site")],
                          capture_output=True, text=True)
    assert scan.returncode == 0, scan.stdout


def test_fixture_site_matches_the_golden_copy(tmp_path):
    result = build_into(FIXTURE / "config.yaml", tmp_path / "site")
    assert result.ok, [str(d) for d in result.diagnostics.items]
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path / "site", GOLDEN)
    built, golden = tree(tmp_path / "site"), tree(GOLDEN)
    assert sorted(built) == sorted(golden)
    for name in golden:
        assert built[name] == golden[name], f"{name} differs from tests/golden/mini/{name}"


def test_two_builds_are_byte_identical_across_folders_and_time_zones(tmp_path):
    a = tmp_path / "a" / "site"
    build_into(ROOT / "config.yaml", a)
    env = dict(os.environ, TZ="Pacific/Kiritimati", LC_ALL="C")
    b = tmp_path / "b" / "site"
    subprocess.run([sys.executable, "-m", "builder", "build", "--config", str(ROOT / "config.yaml"),
                    "--out", str(b)], cwd=tmp_path, env=env, check=True, capture_output=True)
    assert tree(a) == tree(b)


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    out = tmp_path / "site"
    assert build_into(FIXTURE / "config.yaml", out).published
    before = tree(out)
    broken = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", broken)
    (broken / "stories" / "harbour-bridge-closure" / "story.yaml").write_text("title: [unclosed\n")
    result = build_into(FIXTURE / "config.yaml", out, content_dir=broken)
    assert not result.published
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_story_page_has_the_contract_markup(tmp_path):
    build_into(FIXTURE / "config.yaml", tmp_path / "site")
    html = (tmp_path / "site" / "harbour-bridge-closure" / "index.html").read_text()
    assert '<article class="story">' in html and '<ol class="sources"' in html
    assert 'id="source-1"' in html and '<sup class="cite"><a href="#source-1"' in html
    assert "Compiled from 3 reports" in html
    assert "onclick" not in html and "<script>window" not in html
    for name in ("index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html", ".nojekyll",
                 "assets/style.css", "about/index.html", "tags/transport/index.html"):
        assert (tmp_path / "site" / name).is_file(), name


@pytest.mark.parametrize("base", ["/", "https://example.org/digest/"])
def test_links_follow_the_base_url(tmp_path, base):
    build_into(FIXTURE / "config.yaml", tmp_path / "site", base_url=base)
    html = (tmp_path / "site" / "index.html").read_text()
    prefix = "/" if base == "/" else "/digest/"
    assert f'href="{prefix}assets/style.css"' in html
    assert f'href="{prefix}harbour-bridge-closure/"' in html
