"""`python -m builder new SLUG [--title TITLE]`: start a story folder with a commented story.yaml.

Takes: a slug (the story's URL path segment and folder name) and optionally its title.
Gives: content/stories/SLUG/story.yaml from a commented template (title, dek, date, tags,
and a `sources:` section with commented examples), ready for `python -m builder add`.
Refuses, with a message and exit status 2, a slug that is not safe as a URL segment
(suggesting slugify(title or slug)) and a story that already exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from builder.commands.common import command_parser
from builder.load.slugs import safe_slug, slugify

EPILOG = """examples:
  python -m builder new harbour-bridge-closure --title "Harbour bridge closed after cracks found"
  python -m builder add harbour-bridge-closure ~/Downloads/gazette.html https://example.com/news/bridge"""

TEMPLATE = """\
# One story: the reports in this folder, merged into one page at /{slug}/.
# Every key is optional. What is left out is read from the reports themselves where they
# say it (a page's <title>, site name, canonical URL and date; a text dump's first line),
# and otherwise left empty, never invented.
{title_line}
# dek: One line that sums the story up.
# date: {date}    (default: the earliest report's date)
# tags: [transport, infrastructure]
# image: bridge.jpg    (a JPEG, PNG or WebP picture in this folder, shown with the story)
# image_alt: What the picture shows, for readers who cannot see it
# image_credit: Ana Lee / Harbour Gazette

# Per-source details, keyed by file name. `python -m builder add {slug} FILE-OR-URL`
# copies or downloads a report into this folder and fills in what the page says about
# itself; it never overwrites what you wrote here, so correct anything it got wrong.
sources:
  # gazette.html:
  #   outlet: Harbour Gazette
  #   title: Harbour bridge closed after cracks found in main span
  #   url: https://gazette.example/news/bridge
  #   published: 2025-03-04
  # wire-report.txt: {{outlet: City Wire, url: "https://citywire.example/b", published: 2025-03-04}}
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `new` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "new", run,
        help="start a story: content/stories/SLUG/story.yaml from a template",
        description="Create content/stories/SLUG/ with a commented story.yaml to fill in. "
        "SLUG is the story's web address: lowercase letters, digits and hyphens.",
        epilog=EPILOG,
        config="for the content folder",
    )
    parser.add_argument(
        "slug", help="the story's folder and URL segment, e.g. harbour-bridge-closure"
    )
    parser.add_argument("--title", help="the story's headline (default: left for you to write)")
    return parser


def run(args: argparse.Namespace) -> int:
    from builder.commands.common import config_or_report

    config = config_or_report(args.config)
    if config is None:
        return 2
    try:
        path = new_story(config.content_dir, args.slug, args.title)
    except NewStoryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"created {path}")
    print(f"next: python -m builder add {args.slug} PAGE-OR-URL ...")
    return 0


class NewStoryError(Exception):
    """A story that cannot be created; the message says why and what to do instead."""


def new_story(
    content: Path, slug: str, title: str | None = None, today: dt.date | None = None
) -> Path:
    """Write content/stories/SLUG/story.yaml from the template; return its path."""
    if safe_slug(slug) is None:
        suggestion = slugify(title or slug)
        raise NewStoryError(
            f"{slug!r} cannot be a story's web address: use lowercase letters, digits and "
            f"hyphens, e.g. {suggestion!r}"
        )
    from builder.build.pipeline import RESERVED
    from builder.build.schedule import today as build_today

    if slug in RESERVED:
        raise NewStoryError(f"{slug!r} is a path the site itself uses (/{slug}/): choose another")
    page = content / "pages" / f"{slug}.md"
    if page.exists():
        raise NewStoryError(f"{page} already has the address /{slug}/: choose another slug")
    folder = content / "stories" / slug
    if folder.exists() or folder.is_symlink():
        raise NewStoryError(
            f"{folder} already exists: choose another slug, or add reports to "
            f"it with: python -m builder add {slug} FILE-OR-URL"
        )
    text = TEMPLATE.format(
        slug=slug,
        title_line=f"title: {_yaml_text(title)}"
        if title
        else "# title: The story's headline    (default: the headline of the fullest report)",
        # The build's "today" (UTC, or SOURCE_DATE_EPOCH): a local date ahead of UTC would
        # hold a story written this morning back as scheduled for tomorrow.
        date=today.isoformat() if today else build_today(),
    )
    try:
        folder.mkdir(parents=True)
        (folder / "story.yaml").write_text(text, encoding="utf-8")
    except OSError as err:
        raise NewStoryError(f"{folder}: cannot create: {err.strerror or err}") from None
    return folder / "story.yaml"


def _yaml_text(value: str) -> str:
    """A one-line YAML scalar for `value` (quoted when plain style would change its meaning)."""
    from builder.commands.yamledit import scalar

    return scalar(" ".join(value.split()))
