"""Read one source file from disk into text.

Takes: a path, its kind and the size cap. Gives: (text, warnings) with text decoded to str
and line ends as LF; raises `SourceError` with a reason a curator can act on (too large,
binary, empty, not decodable). `.html.gz` pages are decompressed with the same size cap.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from builder.load.decode import UnreadableSource, decode_source


class SourceError(Exception):
    """A source that cannot be used; the message says why, `rule` names the diagnostic."""

    def __init__(self, message: str, rule: str = "source.unreadable") -> None:
        super().__init__(message)
        self.rule = rule


def read_source(path: Path, kind: str, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                f"{size:,} bytes is over the {max_bytes:,}-byte limit (limits.max_source_bytes)",
                rule="source.too-large",
            )
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"cannot read: {err.strerror or err}") from None
    if path.name.lower().endswith(".gz"):
        data = _gunzip(data, max_bytes)
    name = str(path)
    try:
        decoded = decode_source(data, name, is_html=kind == "html")
    except UnreadableSource as err:
        raise SourceError(_unprefixed(err.message, name)) from None
    return decoded.text, tuple(_unprefixed(w, name) for w in decoded.warnings)


def _unprefixed(message: str, name: str) -> str:
    """decode.py names the file in its messages; the diagnostics name it already."""
    return message[len(name) + 2 :] if message.startswith(name + ": ") else message


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS)
        result = out.decompress(data, max_bytes + 1)
    except (zlib.error, gzip.BadGzipFile) as err:
        raise SourceError(f"not a valid gzip file: {err}") from None
    if len(result) > max_bytes:
        raise SourceError(
            f"decompresses to over the {max_bytes:,}-byte limit (limits.max_source_bytes)",
            rule="source.too-large",
        )
    return result
