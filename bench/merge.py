"""Benchmark: build the shared multi-outlet corpus as a digest and score every merged story.

usage: python bench/merge.py [--corpus DIR] [--out DIR] [--json]

Copies each story set of the corpus (the text files and their sources.yaml, which the
loader reads for outlet, title, date and url) and the seed story of content/stories into a
scratch content folder under bench/out/, builds it with the project's own pipeline, and
runs both scorers (the project's copies in tests/tools/): score_reading.py (claim-level
citations, dangling and broken sentences, restatements, single-report runs, length) and
score_merge.py (facts kept over body and more, citations, near-duplicates). Prints both
tables; exits non-zero when either falls short. Nothing is timed here.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.config import load_config  # noqa: E402
from builder.build.pipeline import build  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "corpus" / "stories")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "merge")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    content = args.out / "content"
    if content.exists():
        shutil.rmtree(content)
    for folder in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        target = content / "stories" / folder.name
        target.mkdir(parents=True)
        for item in folder.iterdir():
            if item.is_file() and item.suffix in (".txt", ".yaml"):
                shutil.copy2(item, target / item.name)
    for seed in sorted(p for p in (ROOT / "content" / "stories").iterdir() if p.is_dir()):
        shutil.copytree(seed, content / "stories" / seed.name)
    config = dataclasses.replace(
        load_config(ROOT / "config.yaml"), content_dir=content, output_dir=args.out / "site"
    )
    result = build(config)
    for diagnostic in result.diagnostics.items:
        print(diagnostic, file=sys.stderr)
    status = 0
    for name in ("score_reading.py", "score_merge.py"):
        cmd = [sys.executable, str(ROOT / "tests" / "tools" / name), str(args.out / "site"),
               str(content)] + (["--json"] if args.json else [])
        sys.stdout.flush()
        status = max(status, subprocess.call(cmd))
    return status


if __name__ == "__main__":
    sys.exit(main())
