"""Shared helpers for the hostile-input tests: where the shared corpora and tools live.

The corpora are read from ../shared/bench/hostile relative to the repository root (never
copied into the repo); HOSTILE_BENCH overrides the folder. Tests that need them skip with a
clear reason when the folder is missing, so a bare checkout still runs the rest.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
HOSTILE = Path(os.environ.get("HOSTILE_BENCH", SHARED / "bench" / "hostile"))
SCAN_SITE = SHARED / "tools" / "scan_site.py"


def require(path: Path) -> Path:
    """The path, or skip the test when the shared corpus is not checked out next to the repo."""
    if not path.exists():
        pytest.skip(f"shared hostile corpus not found: {path}")
    return path


def read_jsonl(name: str) -> list[dict[str, Any]]:
    with require(HOSTILE / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def jsonl_or_empty(name: str) -> list[dict[str, Any]]:
    """For parametrize at collection time: an empty list (test skipped) when absent."""
    path = HOSTILE / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def naughty_strings() -> list[str]:
    path = HOSTILE / "naughty.json"
    if not path.exists():
        return []
    return list(json.loads(path.read_text(encoding="utf-8")))


def scan_site_module() -> ModuleType:
    """Import the shared tools/scan_site.py by path: the same checks CI runs on a site."""
    require(SCAN_SITE)
    spec = importlib.util.spec_from_file_location("scan_site", SCAN_SITE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
