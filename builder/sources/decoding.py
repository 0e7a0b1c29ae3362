"""Bytes to text for sources: BOMs, UTF-8, a page's declared charset, then cp1252.

Takes: the bytes of a source and whether it is HTML. Gives: (text, warnings); raises
`SourceError` (from builder.sources.files) for binary, empty or whitespace-only files.
A `utf-7` label is never honoured: it is a known way to smuggle markup past filters.
"""

from __future__ import annotations

import codecs
import re

DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
REFUSED_LABELS = {"utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-utf-7"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, is_html: bool) -> tuple[str, tuple[str, ...]]:
    from builder.sources.files import SourceError

    if not data.strip():
        raise SourceError("empty file" if not data else "only white space")
    warnings: list[str] = []
    text = _decode(data, is_html, warnings)
    if text is None:
        raise SourceError("binary file, not text")
    if CONTROL.search(text):
        text = CONTROL.sub("", text)
        warnings.append("control characters removed")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError("only white space")
    return text, tuple(warnings)


def _decode(data: bytes, is_html: bool, warnings: list[str]) -> str | None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _lenient(data[len(bom):], codec, warnings)
    if data.count(b"\x00") > len(data) // 10:
        # No BOM but every other byte NUL: UTF-16 text, or a binary file.
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(data) if is_html else None
    if declared:
        return _lenient(data, declared, warnings)
    text = data.decode("cp1252", errors="replace")
    if _looks_like_text(text):
        warnings.append("not valid UTF-8: read as Windows-1252")
        return text
    return _lenient(data, "utf-8", warnings)


def _declared(data: bytes) -> str | None:
    found = DECLARED.search(data[:4096])
    if not found:
        return None
    label = found.group(1).decode("ascii", "replace").lower()
    if label in REFUSED_LABELS:
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _lenient(data: bytes, codec: str, warnings: list[str]) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        warnings.append(f"invalid {codec} byte sequences replaced with U+FFFD")
        return data.decode(codec, errors="replace")


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:10000] if (ord(ch) < 32 and ch not in "\t\n\r") or ch == "\ufffd")
    return bad / min(len(text), 10000) < 0.05
