"""`python -m builder build`: build the site from content/ into site/.

Takes: the config (and --content, --out, --base-url overriding it). Gives: the site,
published whole or not at all; every diagnostic on stderr and a one-line summary; exit 0,
1 when the build found errors (the previous site is left as it was), 2 for a bad config.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import TextIO

from builder.commands.common import add_now_option, command_parser, plural
from builder.model import in_file_order

EXAMPLE = "example: python -m builder build --config config.yaml --out site"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `build` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "build", run, help="build the site from content/ into site/",
        description="Build the digest: clean, merge and render every story in content/stories/.",
        epilog=EXAMPLE,
    )
    parser.add_argument("--content", type=Path, help="content folder (default: from config, 'content')")
    parser.add_argument("--out", type=Path, help="output folder (default: from config, 'site')")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--base-url", metavar="URL",
                        help="where the site is served, overriding config.yaml's base_url: '/' for a "
                             "domain root, or https://USER.github.io/REPO/ for a project site")
    parser.add_argument("--jobs", "-j", type=_positive, metavar="N",
                        help="worker processes for cleaning and merging (default: one per core; 1: no workers)")
    parser.add_argument("--no-cache", action="store_true",
                        help="build everything afresh; neither read nor write the build cache")
    parser.add_argument("--drafts", action="store_true",
                        help="publish stories marked 'draft: true' too, marked as drafts (as serve does)")
    add_now_option(parser)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


class Progress:
    """A one-line progress bar on a terminal, drawn only once a build has taken a moment;
    nothing at all when the stream is not a terminal (CI logs, pipes)."""

    DELAY = 0.5  # seconds before the bar appears
    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = bool(getattr(stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, done: int, total: int) -> None:
        if not self.live or total <= 0:
            return
        now = time.monotonic()
        if now - self.started < self.DELAY or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        filled = self.WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} stories "
                          f"{now - self.started:.0f} s")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * (self.WIDTH + 40) + "\r")
            self.stream.flush()


def _reuse_note(rebuilt: int, total: int) -> str:
    if rebuilt == 0:
        return "all from the build cache"
    if rebuilt >= total:
        return "all built afresh"
    return f"{rebuilt} rebuilt, the rest from the build cache"


def run(args: argparse.Namespace) -> int:
    from builder.build.parallel import build_process_gc
    from builder.build.pipeline import build
    from builder.commands.common import config_or_report
    from builder.config import check_base_url

    build_process_gc()
    config = config_or_report(args.config)
    if config is None:
        return 2
    changes: dict[str, object] = {}
    if args.base_url:
        problem = check_base_url(args.base_url)
        if problem:
            print(f"--base-url: {problem}", file=sys.stderr)
            return 2
        changes["base_url"] = args.base_url
    if args.content:
        changes["content_dir"] = args.content.absolute()  # never resolve(): it follows links
    if args.out:
        changes["output_dir"] = args.out.absolute()
    config = dataclasses.replace(config, **changes)
    bar = Progress(sys.stderr)
    result = build(config, strict=args.strict, jobs=args.jobs, cache=not args.no_cache,
                   progress=bar.update, drafts=args.drafts, now=args.now)
    bar.close()
    for diagnostic in sorted(result.diagnostics.items, key=in_file_order):
        print(diagnostic, file=sys.stderr)
    summary = (
        f"{plural(len(result.stories), 'story')} from {plural(result.sources, 'source')}, "
        f"{plural(result.removed, 'block')} removed, "
        f"{plural(len(result.diagnostics.warnings), 'warning')}, "
        f"{plural(len(result.diagnostics.errors), 'error')} "
        f"in {result.seconds:.2f} s ({_reuse_note(result.rebuilt, len(result.stories))})"
    )
    if result.published:
        print(f"built {config.output_dir}: {summary}")
        if result.held:
            print(f"not published yet: {', '.join(map(str, result.held))}")
        return 0
    print(f"build failed, {config.output_dir} left as it was: {summary}", file=sys.stderr)
    return 1
