"""`python -m builder remove SLUG FILE...`: take reports out of a story again.

Takes: a story slug and the names of report files in its folder (as `add` saved them; a
path to the file in the folder works too). Gives: each file deleted and its entry under
`sources:` in story.yaml removed, everything else in story.yaml (comments included) kept.
An entry whose file is already gone is removed too. Refused with a message (exit status
1; the other files are still removed): a name that is not a report of this story, or a
story.yaml that cannot be edited line by line (it says what to remove by hand).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.commands.common import command_parser

EPILOG = """examples:
  python -m builder remove harbour-bridge-closure wire.txt
  python -m builder remove harbour-bridge-closure gazette.html courier.md"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `remove` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "remove", run,
        help="take reports out of a story: delete the files and their story.yaml entries",
        description="Delete report files from content/stories/SLUG/ and their entries under "
        "sources: in story.yaml, keeping the rest of story.yaml as it is.",
        epilog=EPILOG,
    )
    parser.add_argument("slug", help="the story")
    parser.add_argument("files", nargs="+", metavar="FILE", help="report files of the story, by name")
    return parser


def run(args: argparse.Namespace) -> int:
    from builder.commands.add import story_folder
    from builder.commands.common import config_or_report
    from builder.commands.story_yaml import AddError

    config = config_or_report(args.config)
    if config is None:
        return 2
    try:
        folder = story_folder(config.content_dir, args.slug)
    except AddError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    failed = 0
    for name in args.files:
        try:
            print(remove_one(folder, name))
        except AddError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def remove_one(folder: Path, name: str) -> str:
    """Remove one report (file and story.yaml entry); what was done, as a sentence."""
    from builder.commands.story_yaml import AddError, write_atomic
    from builder.commands.yamledit import YamlEditError, remove_source
    from builder.load.stories import source_kind

    given = Path(name)
    if given.parent != Path(".") and given.parent.resolve() != folder.resolve():
        raise AddError(f"{name}: not in {folder}: give the name of one of its reports")
    file = folder / given.name
    if source_kind(file) is None:
        raise AddError(f"{name}: not a report (.txt, .html, .htm, .html.gz, .md); nothing removed")
    story_yaml = folder / "story.yaml"
    entry = False
    if story_yaml.is_file():
        try:
            text = story_yaml.read_text(encoding="utf-8-sig")
            new_text, entry = remove_source(text, file.name)
        except (OSError, UnicodeDecodeError, YamlEditError) as err:
            raise AddError(f"{story_yaml}: {err}; {file.name} was not removed") from None
    exists = file.is_file() or file.is_symlink()
    if not exists and not entry:
        raise AddError(f"{folder / file.name}: no such report in story {folder.name!r}")
    if exists:  # first: a story.yaml entry left behind is harmless, and `remove` clears it
        try:
            file.unlink()
        except OSError as err:
            raise AddError(f"{file}: cannot delete: {err.strerror or err}") from None
    if entry:
        write_atomic(story_yaml, new_text.encode("utf-8"))
    done = [f"deleted {file}"] if exists else []
    if entry:
        done.append(f"removed its entry from {story_yaml}")
    return "; ".join(done)
