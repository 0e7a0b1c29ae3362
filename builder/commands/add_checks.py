"""What `add` checks and says besides copying: the curator's own metadata flags, an address
typed without its scheme, a report already in the story under another name, and what
replacing a report with `--force` changed.

Takes: the story folder, the added file's name and the metadata the page gives about
itself. Gives: plain values and messages for builder/commands/add.py to act on and print.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import urllib.parse
from pathlib import Path

from builder.model import SourceMeta

# A first path segment that reads as a host name: "www.bbc.co.uk", "example.com:8080".
_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?", re.IGNORECASE)
_SHOWN = ("outlet", "title", "url", "published")


def looks_like_address(item: str) -> str | None:
    """`https://` + `item` when `item` is an address typed without its scheme
    ("www.bbc.co.uk/news/x") and not a file that exists; else None."""
    if "://" in item or Path(item).exists():
        return None
    host, slash, _ = item.partition("/")
    # A host and a path ("www.bbc.co.uk/news/x"), or a www. host: a bare "notes.doc" is a
    # file name, not a site.
    if _HOST.fullmatch(host) and (slash or host.lower().startswith("www.")):
        return "https://" + item
    return None


def flag_values(args: argparse.Namespace) -> dict[str, str]:
    """The metadata given with --outlet, --title, --url, --date, as story.yaml keys."""
    given = {"outlet": args.outlet, "title": args.title, "url": args.url, "published": args.date}
    return {k: " ".join(v.split()) for k, v in given.items() if v and v.strip()}


def url_flag(text: str) -> str:
    """argparse type for --url: an http(s) address."""
    if text.lower().startswith(("http://", "https://")):
        return text.strip()
    if "://" not in text and _HOST.fullmatch(text.split("/", 1)[0]):
        raise argparse.ArgumentTypeError(f"{text!r} has no scheme: did you mean https://{text}?")
    raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) address")


def date_flag(text: str) -> str:
    """argparse type for --date: an ISO date (or date and time), as YYYY-MM-DD."""
    from builder.load.storymeta import iso_date

    try:
        return iso_date(text, "--date") or ""
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def same_address(a: str, b: str) -> bool:
    """Whether two canonical addresses name one page: scheme, "www.", case of the host,
    a trailing slash and the #fragment do not matter."""
    return _address_key(a) == _address_key(b)


def _address_key(url: str) -> tuple[str, str, str]:
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host, parts.path.rstrip("/") or "/", parts.query


def already_in_story(folder: Path, file: str, url: str | None) -> str | None:
    """The other file of this story whose recorded address is `url`, if there is one."""
    from builder.load.storymeta import StoryMetaError, read_story_meta

    if not url:
        return None
    try:
        known = read_story_meta(folder).sources
    except StoryMetaError:
        return None
    for name, meta in sorted(known.items()):
        if name != file and meta.url and same_address(meta.url, url) and (folder / name).exists():
            return name
    return None


def fingerprints(folder: Path) -> dict[str, str]:
    """sha256 of each file in the story folder, to tell what a replacement changed."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def story_entry(folder: Path, file: str) -> SourceMeta:
    from builder.load.storymeta import StoryMetaError, read_story_meta

    try:
        return read_story_meta(folder).sources.get(file, SourceMeta())
    except StoryMetaError:
        return SourceMeta()


def disagreements(recorded: SourceMeta, page: SourceMeta, skip: set[str] = frozenset()) -> list[str]:
    """Where story.yaml keeps a value the page now gives differently, as messages (but for
    the keys in `skip`: the curator has just set those)."""
    out = []
    for key in _SHOWN:
        if key in skip:
            continue
        kept, says = getattr(recorded, key), getattr(page, key)
        if kept and says and kept != says:
            flag = "--date" if key == "published" else f"--{key}"
            out.append(f"story.yaml keeps {key}: {kept} (the page now says {says}; "
                       f"pass {flag} to change it)")
    return out
