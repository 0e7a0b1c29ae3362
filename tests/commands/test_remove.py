"""`remove`: taking a report out of a story (its file and its story.yaml entry)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, write_tree

STORY_YAML = """# The curator's notes stay.
title: Bridge
sources:
  a.txt:
    outlet: Gazette  # checked by phone
    published: 2025-03-04
  b.txt: {outlet: Wire}
  gone.txt:
    outlet: Courier
"""


def project(tmp_path: Path) -> Path:
    write_tree(tmp_path, {
        "config.yaml": "title: T\n",
        "content/stories/s/story.yaml": STORY_YAML,
        "content/stories/s/a.txt": "A\n\nThe bridge closed.\n",
        "content/stories/s/b.txt": "B\n\nThe bridge shut.\n",
    })
    return tmp_path


def remove(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", "remove", *args], cwd=cwd,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_remove_deletes_the_file_and_its_entry_keeping_the_rest(tmp_path):
    root = project(tmp_path)
    folder = root / "content" / "stories" / "s"
    done = remove(root, "s", "a.txt")
    assert done.returncode == 0, done.stderr
    assert "deleted" in done.stdout and "removed its entry" in done.stdout
    assert not (folder / "a.txt").exists() and (folder / "b.txt").exists()
    text = (folder / "story.yaml").read_text()
    assert text.startswith("# The curator's notes stay.\n") and "checked by phone" not in text
    assert set(yaml.safe_load(text)["sources"]) == {"b.txt", "gone.txt"}


def test_remove_clears_an_entry_whose_file_is_already_gone_and_takes_several(tmp_path):
    root = project(tmp_path)
    folder = root / "content" / "stories" / "s"
    done = remove(root, "s", "gone.txt", str(folder / "b.txt"))
    assert done.returncode == 0, done.stderr
    assert set(yaml.safe_load((folder / "story.yaml").read_text())["sources"]) == {"a.txt"}
    assert not (folder / "b.txt").exists()


def test_remove_refuses_what_is_not_a_report_of_the_story(tmp_path):
    root = project(tmp_path)
    folder = root / "content" / "stories" / "s"
    for name, message in (("nothing.txt", "no such report"), ("story.yaml", "not a report"),
                          ("../../../config.yaml", "not in")):
        done = remove(root, "s", name)
        assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert (folder / "story.yaml").read_text() == STORY_YAML and (root / "config.yaml").exists()
    assert remove(root, "nope", "a.txt").returncode == 2
