"""Shared test helpers: paths to the project and its test data, and an inline site maker.

Every path to test data is named here (tests/data/, described in tests/data/README.md; the
checkers in tests/tools/), so tests never reach outside the repository.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder.config import load_config
from builder.build.pipeline import BuildResult, build

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
LAYOUTS = ROOT / "layouts"
# Hostile inputs must never run away (quadratic or exponential work, a hang). Tests hold them
# to this guard, generous enough for a loaded 2-core machine, instead of timing them: how
# fast they really are is measured by bench/hostile.py and recorded in bench/RESULTS.md.
RUNAWAY_SECONDS = 20.0
DATA = TESTS / "data"
SEEDS = DATA / "seeds"
CORPUS = DATA / "corpus" / "stories"
EXTRACTION_PAGES = DATA / "bench" / "extraction" / "pages"
HOSTILE = DATA / "bench" / "hostile"
TOOLS = TESTS / "tools"


def copy_corpus(content: Path, limit: int | None = None) -> int:
    """Copy the corpus' story sets (texts and sources.yaml) into content/stories/; how many
    were copied."""
    folders = sorted(p for p in CORPUS.iterdir() if p.is_dir())[:limit]
    for folder in folders:
        target = content / "stories" / folder.name
        target.mkdir(parents=True)
        for item in folder.iterdir():
            if item.is_file() and item.suffix in (".txt", ".yaml"):
                (target / item.name).write_bytes(item.read_bytes())
    return len(folders)


def write_tree(base: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")


@pytest.fixture
def make_site(tmp_path: Path):
    """Write a small site inline (Hugo's integration-test style) and build it.

    make_site({"content/stories/a/x.txt": "..."}) -> (BuildResult, site folder).
    A config.yaml is added unless given; layouts are the project's own.
    """

    def make(files: dict[str, str | bytes], **config_changes) -> tuple[BuildResult, Path]:
        files = dict(files)
        files.setdefault("config.yaml", "title: Test Digest\n")
        write_tree(tmp_path, files)
        config = load_config(tmp_path / "config.yaml")
        config = dataclasses.replace(config, layouts_dir=LAYOUTS, **config_changes)
        return build(config), tmp_path / "site"

    return make
