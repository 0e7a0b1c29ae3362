"""`python -m builder add SLUG FILE-OR-URL...`: put reports into a story and record what they say.

Takes: a story slug (its folder must exist: `python -m builder new SLUG`) and saved pages,
text dumps or Markdown files, or http(s) URLs to download. Gives: each report copied or
saved into content/stories/SLUG/, and in story.yaml, under `sources:`, what the report
says about itself (outlet, title, canonical url, published date: for a page, read by the
cleaning stage's extractor; for a text dump, its first line as the title), adding only
what the curator has not written and keeping story.yaml's comments and layout
(builder/commands/yamledit.py).

Refused with a message naming the file or URL (exit status 1; the other inputs still go
in): an existing file of the same name (unless --force), an unsupported extension, a
file the build could not read (binary, empty, over limits.max_source_bytes), and a
download that fails (builder/commands/fetch.py says why).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from builder.commands.add_checks import (
    already_in_story,
    date_flag,
    disagreements,
    fingerprints,
    flag_values,
    looks_like_address,
    story_entry,
    url_flag,
)
from builder.commands.common import command_parser
from builder.commands.story_yaml import (  # AddError re-exported: the add command's error
    AddError,
    check_story_yaml,
    record_meta,
    set_meta,
    write_atomic,
)
from builder.model import Diagnostic, Diagnostics, SourceDoc, SourceMeta
from builder.load.slugs import safe_slug, slugify

if TYPE_CHECKING:
    from builder.config import Config

EPILOG = """examples:
  python -m builder add harbour-bridge-closure ~/Downloads/gazette.html notes/wire.txt
  python -m builder add harbour-bridge-closure https://gazette.example/news/bridge-closed
  python -m builder add harbour-bridge-closure gazette.html --force   (replace the saved copy)
  python -m builder add harbour-bridge-closure notes/wire.txt --outlet "City Wire" \\
      --url https://wire.example/bridge --date 2025-03-04
  python -m builder remove harbour-bridge-closure wire.txt   (take a report out again)"""

SUPPORTED = ".txt, .html, .htm, .html.gz, .md"
# URL path segments that say nothing about the story: the page title names the file instead.
GENERIC_SEGMENTS = {
    "index",
    "article",
    "story",
    "news",
    "amp",
    "default",
    "view",
    "print",
    "content",
}


@dataclass(frozen=True, slots=True)
class Added:
    path: Path
    meta: SourceMeta  # what the report says about itself
    recorded: dict[str, str]  # what was written into story.yaml (the rest was the curator's)
    replaced: bool | None = None  # None: a new file; else whether --force changed its bytes
    notes: tuple[str, ...] = ()  # where story.yaml and the replaced page now disagree


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `add` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "add", run,
        help="copy or download reports into a story and record their outlet, url, date",
        description="Copy saved pages or text dumps into content/stories/SLUG/, or download "
        "http(s) URLs there, and record what each says about itself (outlet, title, url, "
        "published) under sources: in story.yaml, never overwriting what you wrote but with "
        "the values you give with --outlet, --title, --url and --date.",
        epilog=EPILOG,
    )
    parser.add_argument("slug", help="the story (create it first with: python -m builder new SLUG)")
    parser.add_argument(
        "inputs", nargs="+", metavar="FILE-OR-URL", help="saved pages, text dumps or URLs"
    )
    parser.add_argument("--force", action="store_true",
                        help="replace a file of the same name, or keep a report whose address "
                             "is already in the story under another name")
    meta = parser.add_argument_group(
        "the report's details (one FILE-OR-URL; written over what story.yaml says)")
    meta.add_argument("--outlet", metavar="O", help="who published it, e.g. 'Harbour Gazette'")
    meta.add_argument("--title", metavar="T", help="its headline")
    meta.add_argument("--url", metavar="U", type=url_flag, help="its address, https://...")
    meta.add_argument("--date", metavar="D", type=date_flag,
                      help="when it was published: YYYY-MM-DD (or with a time)")
    parser.add_argument(
        "--timeout", type=float, default=20.0,
        help="seconds for each whole download, redirects included (default: 20)"
    )
    parser.add_argument(
        "--allow-private", action="store_true",
        help="also download from loopback and private-network addresses (your own local "
        "server); by default only public addresses are fetched, redirects included",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from builder.commands.common import config_or_report

    config = config_or_report(args.config)
    if config is None:
        return 2
    try:
        folder = story_folder(config.content_dir, args.slug)
        check_story_yaml(folder)
    except AddError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    given = flag_values(args)
    if given and len(args.inputs) > 1:
        print(f"error: --{'/--'.join(given).replace('published', 'date')} describe one report: "
              "add the others in their own commands", file=sys.stderr)
        return 2
    failed = 0
    for item in args.inputs:
        try:
            added = add_one(
                folder, item, config.max_source_bytes, force=args.force, timeout=args.timeout,
                allow_private=args.allow_private, given=given,
            )
        except AddError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
            continue
        said = (
            ", ".join(f"{k}: {v}" for k, v in added.recorded.items())
            or "nothing new for story.yaml"
        )
        if added.replaced is None:
            print(f"{'recorded' if item and Path(item).resolve() == added.path.resolve() else 'added'} "
                  f"{added.path} ({said})")
        else:
            text = "its text changed" if added.replaced else "the same text as before"
            print(f"replaced {added.path}: {text}; story.yaml: {said}")
        for note in added.notes:
            print(f"  {note}")
        for warning in cleaning_warnings(added.path, config):
            print(f"  {warning}")
    return 1 if failed else 0


def cleaning_warnings(path: Path, config: Config) -> list[Diagnostic]:
    """What cleaning says of a newly added report: mostly furniture, nothing left, encoding.

    The same stage and rules as a build, so a page that is not the article (a consent wall,
    a section front) is caught while the curator still has the browser open.
    """
    from builder.clean import SourceRejected, clean, load_rules, rejection_rule
    from builder.load.stories import source_kind
    from builder.load.files import SourceError, read_source

    kind = source_kind(path)
    if kind is None or kind == "markdown":
        return []
    try:
        text, _ = read_source(path, kind, config.max_source_bytes)
    except SourceError:
        return []  # already refused or reported when it was added
    diags = Diagnostics()
    rules = load_rules(config.disable_rules, config.extra_rules)
    try:
        clean(SourceDoc(path, kind, text), rules, diags, config.limits)
    except SourceRejected as err:  # a build would skip it: say so now, as a warning
        diags.warning(path, f"a build will skip it: {err.reason}", rule=rejection_rule(err))
    return diags.warnings


def story_folder(content: Path, slug: str) -> Path:
    if safe_slug(slug) is None:
        raise AddError(
            f"{slug!r} is not a story slug (lowercase letters, digits, hyphens), "
            f"e.g. {slugify(slug)!r}"
        )
    folder = content / "stories" / slug
    from builder.build.boundaries import walk_real

    link = walk_real(folder)[1]
    if link is not None:  # a committed link would have add write wherever it points
        raise AddError(f"{link} is a symbolic link: add writes only into real story folders")
    if not folder.is_dir():
        raise AddError(
            f"no story {slug!r} ({folder} does not exist): "
            f"create it first with: python -m builder new {slug}"
        )
    return folder


def add_one(
    folder: Path, item: str, max_bytes: int, *, force: bool = False, timeout: float = 20.0,
    given: dict[str, str] | None = None,
    allow_private: bool = False,
) -> Added:
    """Copy or download one report into `folder` and record its metadata in story.yaml:
    what the page says where story.yaml is silent, and `given` (the curator's --outlet,
    --title, --url, --date) over anything."""
    # Imported here, as in _download: urllib.request is a noticeable part of every
    # command's start-up, and the CLI imports this module to list its options.
    from builder.commands.fetch import is_url

    check_story_yaml(folder)  # a broken story.yaml is refused before anything is saved
    given = given or {}
    suggestion = looks_like_address(item)
    if suggestion:
        raise AddError(f"{item}: no such file, and it looks like a web address: "
                       f"did you mean {suggestion}?")
    before = fingerprints(folder)
    if is_url(item):
        path, meta = _download(folder, item, max_bytes, force, timeout, allow_private)
    else:
        path, meta = _copy(folder, Path(item), max_bytes, force)
    other = None if force else already_in_story(folder, path.name, given.get("url") or meta.url)
    if other:
        if path.name not in before:
            path.unlink(missing_ok=True)  # new here: not kept
        raise AddError(f"{item}: its address {given.get('url') or meta.url} is already in the "
                       f"story as {folder / other}: not added (pass --force to keep both)")
    kept = story_entry(folder, path.name)
    recorded = record_meta(folder / "story.yaml", path.name, meta)
    recorded.update(set_meta(folder / "story.yaml", path.name, given))
    replaced = None
    in_place = not is_url(item) and Path(item).resolve() == path.resolve()
    if path.name in before and not in_place:  # in place: only its details are recorded
        replaced = before[path.name] != fingerprints(folder).get(path.name)
    notes = tuple(disagreements(kept, meta, skip=set(given))) if replaced is not None else ()
    return Added(path, meta, recorded, replaced, notes)


def _copy(folder: Path, source: Path, max_bytes: int, force: bool) -> tuple[Path, SourceMeta]:
    from builder.load.stories import source_kind

    kind = source_kind(source)
    if kind is None:
        raise AddError(f"{source}: unsupported file type: use {SUPPORTED}")
    if not source.is_file():
        raise AddError(f"{source}: no such file")
    data = _read_checked(source, kind, max_bytes)
    target = folder / source.name
    same = target.exists() and target.resolve() == source.resolve()
    if not same:
        _refuse_existing(target, force)
        try:
            shutil.copyfile(source, target)
        except OSError as err:
            raise AddError(f"{source}: cannot copy to {target}: {err.strerror or err}") from None
    return target, _own_meta(kind, data)


def _download(
    folder: Path, url: str, max_bytes: int, force: bool, timeout: float, allow_private: bool
) -> tuple[Path, SourceMeta]:
    # Imported here: urllib.request is a noticeable part of every command's start-up.
    from builder.commands.fetch import ALL_PRIVATE, FetchError, fetch

    try:
        page = fetch(url, max_bytes, timeout, ALL_PRIVATE if allow_private else ())
    except FetchError as err:
        raise AddError(str(err)) from None
    from builder.load.decode import UnreadableSource, decode_source

    data = _as_served(page.data, page.charset)
    try:
        text = decode_source(data, url, is_html=page.kind == "html").text
    except UnreadableSource as err:
        raise AddError(err.message) from None
    meta = _own_meta(page.kind, text)
    if meta.url is None:
        meta = SourceMeta(meta.outlet, meta.title, page.url, meta.published, meta.author)
    target = folder / file_name_for(
        page.url, meta.title, ".html" if page.kind == "html" else ".txt"
    )
    _refuse_existing(target, force)
    write_atomic(target, data)
    return target, meta


def _as_served(data: bytes, charset: str | None) -> bytes:
    """The page's bytes, re-encoded as UTF-8 when only the HTTP header said how to read them.

    A saved file loses its Content-Type header; the loader reads valid UTF-8 as UTF-8 before
    anything else, so transcoding keeps the text the server meant (GBK, Big5, EUC-KR, ...
    that the loader would not guess). Bytes that are UTF-8 already are saved as served.
    """
    from builder.load.charsets import lookup_label

    found = lookup_label(charset) if charset else None
    if found is None or found[0] == "utf-8":
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(found[1]).encode("utf-8")
    except (UnicodeDecodeError, LookupError):
        return data


def file_name_for(url: str, title: str | None, suffix: str) -> str:
    """A file name for a downloaded page: its URL's last path segment, else its title."""
    segments = [s for s in urllib.parse.urlsplit(url).path.split("/") if s]
    stem = urllib.parse.unquote(segments[-1]) if segments else ""
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    name = _ascii_slug(stem)
    if not name or name.isdigit() or name in GENERIC_SEGMENTS:
        name = (
            _ascii_slug(title or "")
            or name
            or _ascii_slug(urllib.parse.urlsplit(url).hostname or "")
            or "page"
        )
    return name[:80].strip("-") + suffix


def _ascii_slug(text: str) -> str:
    """slugify(text) when the text has letters or digits to make it from, else ''."""
    slug = slugify(text)
    return (
        "" if slug.startswith("x-") and not any(c.isalnum() and c.isascii() for c in text) else slug
    )


def _read_checked(path: Path, kind: str, max_bytes: int) -> str:
    """The decoded text, or AddError when the build could not read the file either."""
    from builder.load.files import SourceError, read_source

    try:
        text, _warnings = read_source(path, kind, max_bytes)
    except SourceError as err:
        raise AddError(f"{path}: {err}") from None
    return text


def _own_meta(kind: str, text: str) -> SourceMeta:
    """What a report says about itself: a page's meta tags, a text dump's first line."""
    if kind == "html":
        from builder.clean.html_extract import extract_html

        return extract_html(text).meta
    if kind == "text":
        # The headline as the build finds it: a page dump's first line is often a menu
        # item or a breadcrumb trail glued to the headline ("HomeNewsHarbour bridge..."),
        # which story.yaml would then show readers as the report's title.
        from builder.clean import clean, load_rules

        article = clean(SourceDoc(Path("report.txt"), "text", text), load_rules(), Diagnostics())
        title = article.meta.title
        return SourceMeta(title=" ".join(title.split())[:300] if title else None)
    return SourceMeta()  # Markdown: its front matter is read at build time


def _refuse_existing(target: Path, force: bool) -> None:
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise AddError(f"{target} exists and is not a plain file: refused")
    if target.exists() and not force:
        raise AddError(f"{target} already exists: pass --force to replace it")

