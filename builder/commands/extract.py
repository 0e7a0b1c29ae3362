"""`python -m builder extract PAGE [--explain] [--json]`: show what cleaning keeps of one page.

Takes: one saved page (.html, .htm, .html.gz) or text dump (.txt, .txt.gz).
Gives (stdout): the kept article text, paragraphs separated by blank lines; with
--explain, also every removed block with its rule id and reason; with --json, one JSON
object with the text, the blocks, what was removed and the metadata.

The page goes through the same cleaning as a build (builder.clean.clean with the packaged
rules), and is read by the build's own loader (builder.load.files.read_source: BOMs,
UTF-8, declared charset, cp1252), so what this prints is what the digest would use. Errors
(missing file, unknown extension, binary or empty file, a page over the default limits:
10 MiB, 512 levels of nesting) print one line naming the file and exit 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from builder.commands.common import command_parser, plural
from builder.model import Article, Diagnostics, Limits, SourceDoc

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")


class PageError(Exception):
    """A page that cannot be read; the message names the file."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `extract` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "extract", run,
        help="print the article text cleaning keeps from one page",
        description="Print the article text that cleaning keeps from one saved page "
        "(.html, .htm, .html.gz) or text dump (.txt).",
        epilog="example: python -m builder extract content/stories/SLUG/page.html --explain",
        config=None,
    )
    parser.add_argument("page", type=Path, help="the page to clean")
    parser.add_argument("--explain", action="store_true", help="also list every removed block")
    parser.add_argument("--json", action="store_true", help="print text, blocks and metadata")
    return parser


def run(args: argparse.Namespace) -> int:
    """Clean the page named by `args.page` and print the result; 0 on success, 2 on error."""
    try:
        article = clean_page(Path(args.page))
    except PageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = "\n\n".join(block.text for block in article.blocks)
    if getattr(args, "json", False):
        print(json.dumps(_as_json(article, text), ensure_ascii=False, indent=1))
        return 0
    print(text)
    if getattr(args, "explain", False):
        print(f"\n--- removed: {plural(len(article.removed), 'block')} ---")
        for item in article.removed:
            where = f"line {item.line}" if item.line else "line ?"
            print(f"{where} [{item.rule}] {item.reason}: {item.text}")
    return 0


def clean_page(path: Path, limits: Limits = Limits()) -> Article:
    """Read, decode and clean one page file within `limits` (the build's defaults unless
    given). Raises PageError naming the file, also for a page beyond the limits."""
    from builder.clean import SourceRejected, clean, load_rules  # shared with the build
    from builder.load.files import SourceError, read_source

    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        kind = "html"
    elif name.endswith(TEXT_SUFFIXES):
        kind = "text"
    else:
        raise PageError(f"{path}: unsupported file type (expected .html, .htm, .html.gz or .txt)")
    if not path.is_file():
        raise PageError(f"{path}: no such file")
    try:
        text, _warnings = read_source(path, kind, limits.max_source_bytes)
    except SourceError as exc:
        raise PageError(f"{path}: {exc}") from None
    doc = SourceDoc(path=path, kind=kind, text=text)
    try:
        return clean(doc, load_rules(), Diagnostics(), limits)
    except SourceRejected as exc:
        raise PageError(f"{path}: {exc.reason}") from None


def _as_json(article: Article, text: str) -> dict:
    return {
        "file": article.file,
        "kind": article.kind,
        "meta": dataclasses.asdict(article.meta),
        "text": text,
        "blocks": [dataclasses.asdict(block) for block in article.blocks],
        "removed": [dataclasses.asdict(item) for item in article.removed],
    }
