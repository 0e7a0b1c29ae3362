"""What the command-line verbs share: how a verb's parser is set up (its help wrapped, its
examples kept as written), the --config and --now options, reading config.yaml and
reporting its problems, counted nouns ("1 story", "2 stories").

Takes: the path given with --config. Gives: the `Config`, or None after printing every
problem (file:line: message) to stderr; the caller exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from builder.config import Config, ConfigError, load_config


def command_parser(
    subparsers: argparse._SubParsersAction, name: str, run: Callable[[argparse.Namespace], int],
    *, help: str, description: str, epilog: str, config: str | None = "",
) -> argparse.ArgumentParser:
    """A verb's parser: its help, its description, its examples kept as written (`epilog`),
    `run(args)` as what it does, and --config unless `config` is None (the text says what
    the verb reads the config for)."""
    parser = subparsers.add_parser(
        name, help=help, description=description, epilog=epilog,
        formatter_class=HelpFormatter,
    )
    parser.set_defaults(run=run)
    if config is not None:
        add_config_option(parser, config)
    return parser


def add_config_option(parser: argparse.ArgumentParser, purpose: str = "") -> None:
    """--config FILE, default config.yaml; `purpose` says what the verb reads it for."""
    parser.add_argument(
        "--config", type=Path, default=Path("config.yaml"),
        help=f"config file{', ' + purpose if purpose else ''} (default: config.yaml)",
    )


def config_or_report(path: Path) -> Config | None:
    try:
        return load_config(path)
    except ConfigError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr, flush=True)
        return None


# Nouns whose plural is not the noun + "s".
_PLURALS = {"story": "stories", "entry": "entries", "copy": "copies", "is": "are"}


def plural(count: int, noun: str) -> str:
    """'1 story', '2 stories', '0 errors': the count and the noun agreeing with it."""
    return f"{count} {noun if count == 1 else _PLURALS.get(noun, noun + 's')}"


def add_now_option(parser: argparse.ArgumentParser) -> None:
    """--now DATE: the day to publish for (drafts and scheduled stories, schedule.py)."""
    parser.add_argument(
        "--now", metavar="DATE", type=_day,
        help="publish as on this UTC day (YYYY-MM-DD): a story dated later is held back "
             "until then (default: SOURCE_DATE_EPOCH if set, else today)",
    )


def _day(text: str) -> str:
    from builder.build.schedule import parse_day

    try:
        return parse_day(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """--help with the description wrapped to the terminal and the examples left as written:
    an indented line (a command to copy) is kept whole, other text is wrapped."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        lines = []
        for line in text.splitlines():
            if not line.strip() or line[0].isspace():
                lines.append(indent + line)
            else:
                lines.extend(textwrap.wrap(line, width, initial_indent=indent,
                                           subsequent_indent=indent) or [indent])
        return "\n".join(lines)
