"""`python -m builder extract PAGE [--explain] [--json]`: show what cleaning keeps of one page.

Takes: one saved page (.html, .htm, .html.gz) or text dump (.txt, .txt.gz).
Gives (stdout): the kept article text, paragraphs separated by blank lines; with
--explain, also every removed block with its rule id and reason; with --json, one JSON
object with the text, the blocks, what was removed and the metadata.

The page goes through the same cleaning as a build (builder.clean.clean with the packaged
rules), so what this prints is what the digest would use. Errors (missing file, unknown
extension, undecodable bytes) print one line naming the file and exit 2.
"""

from __future__ import annotations

import argparse
import codecs
import dataclasses
import gzip
import json
import re
import sys
from pathlib import Path

from builder.model import Article, Diagnostics, SourceDoc

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class PageError(Exception):
    """A page that cannot be read; the message names the file."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `extract` subcommand on the builder's CLI."""
    parser = subparsers.add_parser(
        "extract",
        help="print the article text cleaning keeps from one page",
        description="Print the article text that cleaning keeps from one saved page "
        "(.html, .htm, .html.gz) or text dump (.txt).",
    )
    parser.add_argument("page", type=Path, help="the page to clean")
    parser.add_argument("--explain", action="store_true", help="also list every removed block")
    parser.add_argument("--json", action="store_true", help="print text, blocks and metadata")
    parser.set_defaults(func=run)
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
        print(f"\n--- removed: {len(article.removed)} blocks ---")
        for item in article.removed:
            where = f"line {item.line}" if item.line else "line ?"
            print(f"{where} [{item.rule}] {item.reason}: {item.text}")
    return 0


def clean_page(path: Path) -> Article:
    """Read, decode and clean one page file. Raises PageError naming the file."""
    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        kind = "html"
    elif name.endswith(TEXT_SUFFIXES):
        kind = "text"
    else:
        raise PageError(f"{path}: unsupported file type (expected .html, .htm, .html.gz or .txt)")
    try:
        data = path.read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
    except FileNotFoundError:
        raise PageError(f"{path}: no such file") from None
    except (OSError, EOFError) as exc:
        raise PageError(f"{path}: cannot read: {exc}") from None
    text = _decode(path, data, kind)
    from builder.clean import clean, load_rules  # the cleaning stage, shared with the build

    doc = SourceDoc(path=path, kind=kind, text=text)
    return clean(doc, load_rules(), Diagnostics())


def _decode(path: Path, data: bytes, kind: str) -> str:
    """UTF-8 (BOM honoured), else the charset an HTML page declares; never guess silently."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PageError(f"{path}: unreadable encoding (bad UTF-16)") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _META_CHARSET.search(data[:4096]) if kind == "html" else None
    if declared:
        encoding = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    line = data[: utf8_error.start].count(b"\n") + 1
    raise PageError(f"{path}:{line}: unreadable encoding (not UTF-8, no usable declared charset)")


def _as_json(article: Article, text: str) -> dict:
    return {
        "file": article.file,
        "kind": article.kind,
        "meta": dataclasses.asdict(article.meta),
        "text": text,
        "blocks": [dataclasses.asdict(block) for block in article.blocks],
        "removed": [dataclasses.asdict(item) for item in article.removed],
    }
