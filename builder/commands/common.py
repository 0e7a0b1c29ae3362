"""What the command-line verbs share: how a verb's parser is set up, the --config option,
reading config.yaml and reporting its problems.

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
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
