"""What the command-line verbs share: reading config.yaml and reporting its problems.

Takes: the path given with --config. Gives: the `Config`, or None after printing every
problem (file:line: message) to stderr; the caller exits 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from builder.config import Config, ConfigError, load_config


def config_or_report(path: Path) -> Config | None:
    try:
        return load_config(path)
    except ConfigError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr, flush=True)
        return None
