"""Slugs: the URL path segments of stories, pages and tags, and the folders that name them.

Takes a curator's folder name or any text (a title, a tag); gives a slug that is safe as one
path segment on every filesystem and in every URL.

    safe_slug(name) -> str | None   the folder name itself if it is already a valid slug,
                                    else None. Never rewrites: a curator's folder name is
                                    their URL, and silently changing it would break links.
    slugify(text)   -> str          a valid slug made from arbitrary text, never empty.

A valid slug: 1..100 characters of a-z, 0-9 and '-', starting and ending with a letter or
digit, and not a Windows device name (con, nul, com1, ...: Windows cannot create them, so a
site containing one cannot be checked out there). Everything else, including '.', '..',
separators, control, bidi and zero-width characters and leading dots, is refused because
nothing else is allowed: the check is an allowlist, not a list of known-bad characters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

MAX_SLUG = 100
MAX_SLUGIFY = 80

_VALID = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
# Device names reserved by Windows in any directory, with or without an extension. Digits
# include the superscripts Windows also reserves, but those are not ASCII and so already
# invalid here.
WINDOWS_RESERVED: frozenset[str] = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)

# Letters that NFKD does not decompose into ASCII but that have a customary spelling;
# without these, "Straße" would become "strae" and "Øresund" "resund".
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "ng", "Ŋ": "ng",
    }
)  # fmt: skip
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def safe_slug(name: str) -> str | None:
    """`name` if it is a valid slug, else None. Never a rewritten name."""
    if not isinstance(name, str) or not 0 < len(name) <= MAX_SLUG:
        return None
    # fullmatch on a str with only [a-z0-9-] excludes '/', '\\', '.', controls, bidi marks,
    # zero-width characters, whitespace and every non-ASCII letter in one test.
    if not _VALID.fullmatch(name):
        return None
    if name in WINDOWS_RESERVED:
        return None
    return name


@lru_cache(maxsize=4096)  # pure; the listings ask for every story's tags once per tag
def slugify(text: str) -> str:
    """A valid slug from any text: ASCII-folded, hyphenated, at most 80 chars, never empty.

    Text with no ASCII letters or digits (a Chinese or Arabic title, emoji, only
    punctuation) becomes a short hash of the text, stable across builds and platforms, so
    two different titles do not collide on one empty slug.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUGIFY:
        # Cut at a word boundary when one is not too far back, so slugs do not end mid-word.
        cut = slug.rfind("-", 0, MAX_SLUGIFY + 1)
        slug = slug[: cut if cut >= MAX_SLUGIFY // 2 else MAX_SLUGIFY].strip("-")
    if not slug:
        return f"x-{_short_hash(text)}"
    if slug in WINDOWS_RESERVED:
        return f"{slug}-{_short_hash(text)}"
    return slug


def _short_hash(text: str) -> str:
    # surrogatepass: a lone surrogate from a hostile file must hash, not raise.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
