"""`new`: a story folder with a commented story.yaml, refusing unsafe or existing slugs."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from builder.commands.new import NewStoryError, new_story
from builder.load.storymeta import read_story_meta


def test_new_writes_a_commented_story_yaml_that_the_build_reads(tmp_path):
    path = new_story(tmp_path, "harbour-bridge", 'Bridge: "shut"', today=dt.date(2025, 3, 4))
    assert path == tmp_path / "stories" / "harbour-bridge" / "story.yaml"
    text = path.read_text()
    for key in ("# dek:", "# date: 2025-03-04", "# tags:", "sources:", "#   outlet:"):
        assert key in text
    meta = read_story_meta(path.parent)
    assert meta.title == 'Bridge: "shut"' and meta.sources == {} and meta.date is None


def test_new_without_a_title_leaves_it_to_the_reports(tmp_path):
    path = new_story(tmp_path, "harbour-bridge")
    assert read_story_meta(path.parent).title is None
    assert "# title:" in path.read_text()


def test_new_refuses_an_existing_story(tmp_path):
    new_story(tmp_path, "harbour-bridge")
    with pytest.raises(NewStoryError, match="already exists"):
        new_story(tmp_path, "harbour-bridge", "Other")


@pytest.mark.parametrize(
    "slug", ["Harbour Bridge", "../escape", "a/b", "con", "", "x" * 101, "brücke"]
)
def test_new_refuses_an_unsafe_slug_and_suggests_one(tmp_path, slug):
    with pytest.raises(NewStoryError, match="cannot be a story's web address") as err:
        new_story(tmp_path, slug, "Harbour bridge closed")
    assert "'harbour-bridge-closed'" in str(err.value)
    assert not (tmp_path / "stories").exists()


def test_new_refuses_an_address_the_site_or_a_page_already_uses(tmp_path):
    with pytest.raises(NewStoryError, match="the site itself uses"):
        new_story(tmp_path, "tags")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "about.md").write_text("About us.\n")
    with pytest.raises(NewStoryError, match="about.md already has the address /about/"):
        new_story(tmp_path, "about")


def test_new_command_prints_the_next_step_and_exits_2_on_a_bad_slug(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\n")
    run = [sys.executable, "-m", "builder", "new"]
    done = subprocess.run(
        check=False, args=run + ["bridge"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0 and "python -m builder add bridge" in done.stdout
    assert (tmp_path / "content" / "stories" / "bridge" / "story.yaml").is_file()
    done = subprocess.run(
        check=False,
        args=run + ["Bad Slug", "--title", "Good title"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "'good-title'" in done.stderr and "Traceback" not in done.stderr


def test_new_without_a_config_says_where_to_run_it(tmp_path):
    done = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "builder", "new", "bridge"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "config.yaml" in done.stderr and "Traceback" not in done.stderr


def test_a_new_story_is_dated_the_day_the_build_publishes_for(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741564800")  # 2025-03-10 UTC
    path = new_story(tmp_path, "ferries")
    assert "date: 2025-03-10" in path.read_text()
