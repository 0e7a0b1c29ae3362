"""The command line: `python -m builder build | init | extract | new | add | remove | check | serve`.

Also the `news-digest` script. Each verb lives in its own module under builder/commands/
(`add_parser` + `run`); this module only registers them.

Takes: argv. Gives: an exit status: 0 on success, 1 when the verb found errors (a failed
build leaves the previous site as it was), 2 for bad usage or a bad config.yaml. Only the
CLI (this module and builder/commands/) prints; the stages report through `Diagnostics`.
"""

from __future__ import annotations

import argparse

from builder import __version__
from builder.commands import add, build, check, extract, init, new, remove, serve


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m builder",
        description="Turn several reports of one news story into one clean, footnoted static site.",
    )
    parser.add_argument("--version", action="version", version=f"news-digest {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (build, init, extract, new, add, remove, check, serve):
        command.add_parser(sub)
    return parser
