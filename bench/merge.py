"""Benchmark: build the shared multi-outlet corpus as a digest and score every merged story.

usage: python bench/merge.py [--corpus DIR] [--out DIR] [--json]

Copies each story set of ../shared/corpus/stories (the text files and their sources.yaml,
which the loader reads for outlet, title, date and url) into a scratch content folder under
bench/out/, builds it with the project's own pipeline, and runs the shared scorer
(../shared/tools/score_merge.py) on the result. Prints the scorer's table; exits with its
status. Nothing is timed here.
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
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "stories")
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
    config = dataclasses.replace(
        load_config(ROOT / "config.yaml"), content_dir=content, output_dir=args.out / "site"
    )
    result = build(config)
    for diagnostic in result.diagnostics.items:
        print(diagnostic, file=sys.stderr)
    scorer = ROOT.parent / "shared" / "tools" / "score_merge.py"
    cmd = [sys.executable, str(scorer), str(args.out / "site"), str(content)]
    if args.json:
        cmd.append("--json")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
