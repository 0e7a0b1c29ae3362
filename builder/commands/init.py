"""`python -m builder init --title T [--description D] [--curator C]`: start a digest clean.

Takes: the site's name, description and curator, and config.yaml (--config). Gives:
config.yaml with those three values written in place (its comments, the other keys and
their order kept: the text is edited, not dumped again), and the example story this
repository ships (content/stories/north-korea-october-surprise/) removed, so that the
first push publishes the curator's digest, not ours. Stories of the curator's own are
never touched; `--keep-example` keeps the example too.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

from builder.commands.common import command_parser, plural

# The example this repository ships: removed by init, since a fork publishes it otherwise.
EXAMPLE_STORIES = ("north-korea-october-surprise",)
SITE_KEYS = ("title", "description", "curator")

EPILOG = """examples:
  python -m builder init --title "Harbour Watch" --description "The port city's news, \\
      each story from every outlet that reported it." --curator "A. Curator"
  python -m builder init --title "Harbour Watch" --keep-example   (rename, keep the example)"""


class InitError(Exception):
    """config.yaml could not be edited; the message says what to do by hand."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `init` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "init", run,
        help="start your own digest: name it in config.yaml, remove the example story",
        description="Set the site's title, description and curator in config.yaml (its "
        "comments kept) and remove the example story, so the digest starts clean.",
        epilog=EPILOG,
    )
    parser.add_argument("--title", required=True, help="the digest's name, shown on every page")
    parser.add_argument("--description", help="one sentence under the name, and in the feed")
    parser.add_argument("--curator", help="who curates it (the feed's author)")
    parser.add_argument("--keep-example", action="store_true",
                        help=f"keep the example story (content/stories/{EXAMPLE_STORIES[0]}/)")
    return parser


def run(args: argparse.Namespace) -> int:
    values = {"title": args.title, "description": args.description, "curator": args.curator}
    values = {k: " ".join(v.split()) for k, v in values.items() if v is not None}
    if not values["title"]:
        print("error: --title is empty: the digest needs a name", file=sys.stderr)
        return 2
    try:
        text = args.config.read_text(encoding="utf-8-sig") if args.config.exists() else ""
        new_text = set_site_values(text, values)
    except (OSError, UnicodeDecodeError, InitError) as err:
        print(f"error: {args.config}: {err}", file=sys.stderr)
        return 2
    args.config.write_text(new_text, encoding="utf-8")
    print(f"wrote {', '.join(values)} to {args.config}")
    from builder.commands.common import config_or_report

    config = config_or_report(args.config)
    if config is None:
        return 2
    if not args.keep_example:
        for line in remove_examples(config.content_dir):
            print(line)
    print("next: python -m builder new SLUG --title \"...\", then add its reports "
          "(python -m builder add SLUG FILE-OR-URL)")
    return 0


def set_site_values(text: str, values: dict[str, str]) -> str:
    """config.yaml's text with `values` for its top-level keys: each value replaced where it
    stands (a comment after it kept), a missing key added at the end."""
    from builder.commands.yamledit import scalar

    try:
        root = yaml.compose(text) if text.strip() else None
    except yaml.YAMLError as err:
        raise InitError(f"not valid YAML ({err}): fix it first") from None
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise InitError("expected a mapping (key: value) at the top level")
    spans = {}
    for key, value in root.value if root is not None else ():
        if isinstance(key, yaml.ScalarNode) and key.value in values:
            if not isinstance(value, yaml.ScalarNode):
                raise InitError(f"{key.value} is not a single value: write {key.value}: ... yourself")
            spans[key.value] = (value.start_mark.index, value.end_mark.index)
    for key, (start, end) in sorted(spans.items(), key=lambda kv: -kv[1][0]):
        text = text[:start] + scalar(values[key]) + text[end:]
    missing = [k for k in SITE_KEYS if k in values and k not in spans]
    if missing:
        text = (text if not text or text.endswith("\n") else text + "\n") + "".join(
            f"{k}: {scalar(values[k])}\n" for k in missing)
    data = yaml.safe_load(text) or {}
    if any(str(data.get(k)) != v for k, v in values.items()):
        raise InitError("could not edit it safely: set "
                        + ", ".join(f"{k}: {v}" for k, v in values.items()) + " yourself")
    return text


def remove_examples(content: Path) -> list[str]:
    """Delete the shipped example story folders that are present; what was done."""
    done = []
    for slug in EXAMPLE_STORIES:
        folder = content / "stories" / slug
        if folder.is_dir() and not folder.is_symlink():
            reports = sum(1 for p in folder.iterdir() if p.name != "story.yaml")
            shutil.rmtree(folder)
            done.append(f"removed the example story {folder} ({plural(reports, 'report')})")
    return done
