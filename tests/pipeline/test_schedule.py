"""What a build publishes: drafts, stories scheduled for a later day, and story folders
with no reports yet (builder/schedule.py and the loader's empty-folder rule)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.config import load_config
from builder.build.pipeline import build
from builder.build.schedule import parse_day, today
from tests.conftest import LAYOUTS, ROOT, write_tree

REPORT_A = ("Flood waters rose across the river valley on Tuesday, officials said.\n\n"
            "About 300 homes were evacuated as the river burst its banks near the town.\n")
REPORT_B = ("Flood waters rose across the river valley on Tuesday, officials said.\n\n"
            "Emergency crews worked through the night to reinforce the levees.\n")


def story(title: str, date: str, extra: str = "") -> dict[str, str]:
    return {"story.yaml": f"title: {title}\ndate: {date}\n{extra}", "a.txt": REPORT_A, "b.txt": REPORT_B}


def site(tmp_path: Path, stories: dict[str, dict[str, str]]) -> Path:
    files = {"config.yaml": "title: Test Digest\n"}
    for slug, parts in stories.items():
        files.update({f"content/stories/{slug}/{name}": text for name, text in parts.items()})
    write_tree(tmp_path, files)
    return tmp_path


def built(root: Path, **options):
    config = dataclasses.replace(load_config(root / "config.yaml"), layouts_dir=LAYOUTS)
    return build(config, **options)


def test_a_draft_is_kept_off_the_site_and_named_in_the_result(tmp_path):
    root = site(tmp_path, {"floods": story("Floods", "2025-03-04"),
                           "unfinished": story("Unfinished", "2025-03-05", "draft: true\n")})
    result = built(root, now="2025-06-01")
    assert result.ok, [str(d) for d in result.diagnostics.items]
    out = root / "site"
    assert (out / "floods" / "index.html").is_file()
    assert not (out / "unfinished").exists()
    assert "Unfinished" not in (out / "index.html").read_text()
    assert "unfinished" not in (out / "feed.xml").read_text()
    assert [str(h) for h in result.held] == ["unfinished (draft)"]


def test_drafts_are_shown_and_marked_when_asked_for_as_serve_does(tmp_path):
    root = site(tmp_path, {"floods": story("Floods", "2025-03-04"),
                           "unfinished": story("Unfinished", "2025-03-05", "draft: true\n")})
    result = built(root, now="2025-06-01", drafts=True)
    assert result.ok and result.held == ()
    page = (root / "site" / "unfinished" / "index.html").read_text()
    assert 'class="draft-note"' in page and "<strong>Draft</strong>" in page
    index = (root / "site" / "index.html").read_text()
    assert index.count('class="draft-mark"') == 1
    assert 'class="draft-note"' not in (root / "site" / "floods" / "index.html").read_text()


def test_a_story_dated_in_the_future_is_published_from_its_day_on(tmp_path):
    root = site(tmp_path, {"floods": story("Floods", "2025-03-04"),
                           "inquiry": story("Inquiry report", "2025-03-10")})
    before = built(root, now="2025-03-09")
    assert before.ok and [str(h) for h in before.held] == ["inquiry (scheduled for 2025-03-10)"]
    assert not (root / "site" / "inquiry").exists()
    on_the_day = built(root, now="2025-03-10")
    assert on_the_day.ok and on_the_day.held == ()
    assert (root / "site" / "inquiry" / "index.html").is_file()
    assert "Inquiry report" in (root / "site" / "index.html").read_text()


def test_source_date_epoch_sets_the_day_and_the_site_is_the_same_on_that_day(tmp_path, monkeypatch):
    root = site(tmp_path, {"floods": story("Floods", "2025-03-04"),
                           "inquiry": story("Inquiry report", "2025-03-10")})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741564800")  # 2025-03-10T00:00:00Z
    assert today() == "2025-03-10"
    assert built(root).held == ()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741564799")  # a second earlier: 2025-03-09
    assert [h.slug for h in built(root).held] == ["inquiry"]


@pytest.mark.parametrize("text, day", [
    ("2025-03-04", "2025-03-04"),
    ("2025-03-04T23:30:00-02:00", "2025-03-05"),  # 01:30 UTC the next day
    ("2025-03-04T09:30Z", "2025-03-04"),
])
def test_now_is_an_iso_day_or_moment_taken_as_utc(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["03/04/2025", "2025-13-45", "tomorrow", ""])
def test_now_refuses_anything_but_an_iso_date(text):
    with pytest.raises(ValueError, match="date"):
        parse_day(text)


def test_a_story_with_no_reports_yet_is_skipped_with_a_warning_and_the_build_succeeds(tmp_path):
    root = site(tmp_path, {"floods": story("Floods", "2025-03-04"),
                           "harbour-bridge": {"story.yaml": "title: Harbour bridge\n"}})
    result = built(root, now="2025-06-01")
    assert result.ok and result.published
    warnings = [str(d) for d in result.diagnostics.warnings if d.rule == "content.empty-story"]
    assert len(warnings) == 1 and "harbour-bridge" in warnings[0] and "no reports yet" in warnings[0]
    assert (root / "site" / "floods" / "index.html").is_file()
    assert not (root / "site" / "harbour-bridge").exists()


def test_draft_must_be_true_or_false(tmp_path):
    root = site(tmp_path, {"floods": story("Floods", "2025-03-04", "draft: maybe\n")})
    result = built(root, now="2025-06-01")
    errors = [str(d) for d in result.diagnostics.errors]
    assert any("story.yaml:3" in e and "draft must be true or false" in e for e in errors), errors


def test_the_command_line_names_what_it_held_back_and_takes_now(tmp_path):
    root = site(tmp_path, {"floods": story("Floods", "2025-03-04"),
                           "inquiry": story("Inquiry report", "2025-03-10"),
                           "unfinished": story("Unfinished", "2025-03-01", "draft: true\n")})
    (root / "config.yaml").write_text(f"title: Test Digest\nlayouts_dir: {LAYOUTS.as_posix()}\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SOURCE_DATE_EPOCH", None)
    run = subprocess.run([sys.executable, "-m", "builder", "build", "--now", "2025-03-09"],
                         cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "1 story from 2 sources" in run.stdout
    assert "not published yet: inquiry (scheduled for 2025-03-10), unfinished (draft)" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "builder", "build", "--now", "03/09/2025"],
                         cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    story_json = json.loads((root / "site" / "floods" / "story.json").read_text())
    assert story_json["slug"] == "floods"
