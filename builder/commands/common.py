"""What the command-line verbs share: the --config option, reading config.yaml and
reporting its problems.

Takes: the path given with --config. Gives: the `Config`, or None after printing every
problem (file:line: message) to stderr; the caller exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.config import Config, ConfigError, load_config


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
