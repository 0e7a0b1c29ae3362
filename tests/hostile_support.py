"""Shared helpers for the hostile-input tests: reading the hostile corpora and the site scanner.

The corpora are the project's copy under tests/data/bench/hostile (conftest.HOSTILE; see
tests/data/README.md); HOSTILE_BENCH points the tests at another folder of the same layout,
e.g. a newer release of the corpus. A record file may be stored gzipped (`NAME.gz`): the
generated malformed cases are megabytes of repeated markup that compress 60-fold. A missing
file fails the test that reads it: the tests never pass by testing less.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.conftest import HOSTILE as PROJECT_HOSTILE
from tests.conftest import TOOLS

HOSTILE = Path(os.environ.get("HOSTILE_BENCH", PROJECT_HOSTILE))
SCAN_SITE = TOOLS / "scan_site.py"


def read_text(name: str) -> str:
    """The text of HOSTILE/name, or of HOSTILE/name.gz when only the gzipped copy exists."""
    path = HOSTILE / name
    if path.exists():
        return path.read_text(encoding="utf-8")
    return gzip.decompress((HOSTILE / f"{name}.gz").read_bytes()).decode("utf-8")


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """The records of one JSON-lines file of the corpus, in file order."""
    return [json.loads(line) for line in read_text(name).splitlines() if line.strip()]


def naughty_strings() -> list[str]:
    return list(json.loads(read_text("naughty.json")))


def scan_site_module() -> ModuleType:
    """Import tests/tools/scan_site.py by path: the same checks CI runs on a site."""
    spec = importlib.util.spec_from_file_location("scan_site", SCAN_SITE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
