"""`init`: starting a digest clean from a fork (name it, drop the example story)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, write_tree

EXAMPLE = "north-korea-october-surprise"


def fork(tmp_path: Path) -> Path:
    """A copy of the repository's config.yaml, content/ and layouts/, as a fork has them."""
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    return tmp_path


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_init_names_the_digest_keeps_the_comments_and_removes_the_example(tmp_path):
    root = fork(tmp_path)
    write_tree(root, {"content/stories/my-story/a.txt": "Mine\n\nThe ferry ran late on Monday.\n"})
    before = (root / "config.yaml").read_text()
    done = run(root, "init", "--title", "Harbour: Watch", "--description", "The port's news",
               "--curator", "A. Curator")
    assert done.returncode == 0, done.stderr
    assert f"removed the example story {root / 'content' / 'stories' / EXAMPLE} (5 reports)" in done.stdout
    text = (root / "config.yaml").read_text()
    data = yaml.safe_load(text)
    assert (data["title"], data["description"], data["curator"]) == ("Harbour: Watch", "The port's news", "A. Curator")
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert comments and all(c in text.splitlines() for c in comments)
    assert {k: v for k, v in data.items() if k not in ("title", "description", "curator")} == {
        k: v for k, v in yaml.safe_load(before).items() if k not in ("title", "description", "curator")}
    assert not (root / "content" / "stories" / EXAMPLE).exists()
    assert (root / "content" / "stories" / "my-story" / "a.txt").is_file()  # the curator's own stay
    built = run(root, "build")
    assert built.returncode == 0 and "1 story from 1 source" in built.stdout, built.stderr
    index = (root / "site" / "index.html").read_text()
    assert "Harbour: Watch" in index and "The port&#39;s news" in index and EXAMPLE not in index


def test_init_can_keep_the_example_and_adds_keys_config_yaml_lacks(tmp_path):
    root = fork(tmp_path)
    (root / "config.yaml").write_text("# mine\ntitle: Old\n")
    done = run(root, "init", "--title", "New", "--curator", "Me", "--keep-example")
    assert done.returncode == 0, done.stderr
    assert (root / "config.yaml").read_text() == "# mine\ntitle: New\ncurator: Me\n"
    assert (root / "content" / "stories" / EXAMPLE).is_dir()


def test_init_refuses_a_config_it_cannot_edit_and_changes_nothing(tmp_path):
    root = fork(tmp_path)
    (root / "config.yaml").write_text("title: [a, b\n")
    done = run(root, "init", "--title", "New")
    assert done.returncode == 2 and "config.yaml" in done.stderr and "Traceback" not in done.stderr
    assert (root / "config.yaml").read_text() == "title: [a, b\n"
    assert (root / "content" / "stories" / EXAMPLE).is_dir()
