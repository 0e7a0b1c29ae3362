"""Decoding source files: bytes from content/ to text, whatever the page claimed.

Stage: sources (the only stage that reads content/). Takes the raw bytes of one source file
and its path (for messages); gives a `Decoded(text, encoding, warnings)` with LF line ends
and no control characters, or raises `UnreadableSource` for binary, empty and
whitespace-only files.

Order of evidence (strongest first), a small heuristic with no detection library:
  1. a BOM (UTF-8, UTF-16 LE/BE);
  2. a BOM-less UTF-16 NUL pattern (ASCII-range text with every other byte NUL);
  3. bytes that are valid UTF-8: UTF-8 wins, even over a <meta charset> that says otherwise
     (saved pages are re-encoded by browsers and tools that forget to fix the meta tag);
  4. for HTML, the declared charset (<meta charset>, http-equiv Content-Type, <?xml
     encoding>) when its label is one Python and the WHATWG Encoding Standard agree on;
  5. otherwise a short list of candidates (UTF-8 with replacement, windows-1252,
     windows-1251, KOI8-R, Shift_JIS), each decoding scored for implausibility
     (replacement characters, controls, half-width katakana, case flips and script changes
     inside words, stray symbols); the least implausible wins, windows-1252 on ties.

Limits (documented, deliberate): UTF-32, EBCDIC and UTF-7 are never detected (UTF-7 labels
are refused because they let ASCII carry markup past a sanitiser); undeclared GBK, Big5,
EUC-KR and EUC-JP text is not guessed (declare it with <meta charset> in HTML); ISO-8859-1
is read as windows-1252, as browsers do; the candidate scoring looks at the first 64 KiB.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from builder.load.charsets import lookup_label


class UnreadableSource(Exception):
    """The file is not text we can read: binary, empty or whitespace only."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # WHATWG name, lower case: "utf-8", "utf-16le", "windows-1252", ...
    warnings: tuple[str, ...] = ()


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16le"),
    (codecs.BOM_UTF16_BE, "utf-16be"),
)

# Where the declared charset is looked for. WHATWG's prescan reads 1024 bytes; saved pages
# often carry a long comment or script before the meta tag, so we read a little further.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")

# Candidates for undeclared non-UTF-8 bytes, in tie-break order. Python codec names.
_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("windows-1252", "cp1252"),
    ("utf-8", "utf-8"),
    ("windows-1251", "cp1251"),
    ("koi8-r", "koi8_r"),
    ("shift_jis", "cp932"),
)
_SAMPLE_BYTES = 64 * 1024

# C0 controls except TAB, LF, CR; DEL; C1 controls. None of them is text a reader sees;
# NUL in particular breaks lxml and anything written in C.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Vertical tab and form feed separate pages/lines in text dumps: deleting them would glue
# two words together, so they become line breaks.
_LINE_LIKE = re.compile("[\x0b\x0c]")


def decode_source(data: bytes, path: str, *, is_html: bool) -> Decoded:
    """Decode one source file's bytes. Raises UnreadableSource for binary/empty files."""
    if not data.strip():
        raise UnreadableSource(f"{path}: empty file" if not data else f"{path}: only whitespace")
    warnings: list[str] = []
    text, encoding = _decode(data, path, is_html, warnings)
    text = _normalise(text, path, warnings)
    if not text.strip():
        raise UnreadableSource(f"{path}: no text after decoding ({encoding})")
    return Decoded(text=text, encoding=encoding, warnings=tuple(warnings))


def _decode(data: bytes, path: str, is_html: bool, warnings: list[str]) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom) :], name, name.replace("-", "_"), path, warnings), name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_with(data, utf16, utf16.replace("-", "_"), path, warnings), utf16
    try:
        utf8_text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8_text = None
    # UTF-16 of non-Latin text has no NUL pattern ("\x1f\x04" is Cyrillic "П", valid
    # ASCII!) and looks like binary to the control-byte count; a strict UTF-16 decoding that
    # is nearly all text is kept as a candidate and competes in the scoring below.
    binary = _looks_binary(data, utf8_valid=utf8_text is not None)
    utf16 = _utf16_candidates(data) if utf8_text is None or binary else ()
    if binary:
        if not utf16:
            raise UnreadableSource(f"{path}: binary file, not text")
        name, codec = min(utf16, key=lambda c: _implausibility(_sample_decode(data, c[1])))
        return _decode_with(data, name, codec, path, warnings), name
    declared = _declared_encoding(data, path, warnings) if is_html else None
    if utf8_text is not None:
        # ISO-2022-JP is 7-bit: its bytes are valid ASCII/UTF-8 and only the declaration
        # tells it apart. (UTF-7 is the other 7-bit encoding and is refused on purpose.)
        if declared and declared[0] == "iso-2022-jp" and b"\x1b" in data:
            return _decode_with(data, *declared, path, warnings), declared[0]
        return utf8_text, "utf-8"
    if _mostly_utf8(data):
        return _decode_with(data, "utf-8", "utf-8", path, warnings), "utf-8"
    if declared and declared[0] not in {"utf-8", "utf-16le", "utf-16be"}:
        try:
            return data.decode(declared[1]), declared[0]
        except UnicodeDecodeError:
            guess = _guess(data, utf16)
            if _implausibility(_sample_decode(data, declared[1])) <= _implausibility(
                _sample_decode(data, guess[1])
            ):
                return _decode_with(data, *declared, path, warnings), declared[0]
            warnings.append(
                f"{path}: declared charset {declared[0]} does not fit the bytes; "
                f"decoded as {guess[0]}"
            )
            return _decode_with(data, *guess, path, warnings), guess[0]
    name, codec = _guess(data, utf16)
    return _decode_with(data, name, codec, path, warnings), name


def _decode_with(data: bytes, name: str, codec: str, path: str, warnings: list[str]) -> str:
    """Decode, replacing invalid sequences with U+FFFD and saying so."""
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    if bad:
        warnings.append(
            f"{path}: {bad} invalid byte sequence(s) for {name} replaced with U+FFFD"
        )
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16le'/'utf-16be' when the bytes look like BOM-less UTF-16 of mostly-ASCII text.

    ASCII text in UTF-16 has a NUL in every other byte, all on one side. Binary files have
    NULs too, but scattered over both positions.
    """
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nul = head[0 : pairs * 2 : 2].count(0)
    odd_nul = head[1 : pairs * 2 : 2].count(0)
    if odd_nul >= 0.7 * pairs and even_nul <= 0.05 * pairs:
        name = "utf-16le"
    elif even_nul >= 0.7 * pairs and odd_nul <= 0.05 * pairs:
        name = "utf-16be"
    else:
        return None
    text = head[: pairs * 2].decode(name, errors="replace")
    return name if text.count("\ufffd") <= 0.01 * pairs else None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (a truncated download, one stray cp1252 quote).

    Legacy single-byte text almost never forms valid multi-byte UTF-8 sequences (a capital
    accented letter followed by a C1-range symbol), so many valid sequences and few invalid
    ones mean UTF-8; read as windows-1252 it would become "prÃ©sident" everywhere.
    """
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))  # C speed on 10 MiB files
    return non_ascii - invalid >= 3 * max(invalid, 1)


def _utf16_candidates(data: bytes) -> tuple[tuple[str, str], ...]:
    """UTF-16 byte orders under which the (BOM-less) bytes decode strictly to almost all text."""
    found = []
    sample = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    if len(data) % 2 or len(sample) < 4:
        return ()
    for name in ("utf-16le", "utf-16be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        # Category C (controls, unassigned, private use, surrogates) is what random or
        # legacy-encoded bytes turn into; real text has next to none.
        junk = sum(1 for ch in text if ch not in "\t\n\r" and unicodedata.category(ch)[0] == "C")
        if junk <= len(text) // 100:
            found.append((name, name.replace("-", "_")))
    return tuple(found)


# C0 control bytes that text does not carry (tab, LF, FF, CR and ESC it may).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))


def _looks_binary(data: bytes, *, utf8_valid: bool) -> bool:
    """True when the bytes are not text (images, archives, executables).

    Text may carry stray NULs and controls (html5lib's tree-construction tests put dozens
    of NULs in 1.5 KB of otherwise plain text; they are stripped later with a warning), so
    the test is a proportion. Binary formats are almost never valid UTF-8, so valid UTF-8
    is allowed far more controls (10%) than other bytes (1% NUL, 5% controls).
    """
    head = data[:8192]
    nuls = head.count(0)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted at C speed
    if utf8_valid:
        return controls > max(8, len(head) // 10)  # controls include the NULs
    return nuls > max(2, len(head) // 100) or controls > max(8, len(head) // 20)


def _declared_encoding(data: bytes, path: str, warnings: list[str]) -> tuple[str, str] | None:
    """The first usable charset label the page declares: (WHATWG name, Python codec)."""
    head = data[:_PRESCAN_BYTES]
    labels = [m.group(1) for m in _XML_ENCODING.finditer(head)]
    labels += [m.group(1) for m in _META_CHARSET.finditer(head)]
    for raw in labels:
        label = raw.decode("ascii", "replace").strip().lower()
        found = lookup_label(label)
        if found is None:
            # utf-7 lands here on purpose: it is not on the WHATWG list, and honouring it
            # would let "+ADw-script+AD4-" become <script> after sanitising.
            warnings.append(f"{path}: ignored unknown or refused charset label {label!r}")
            continue
        return found
    return None


def _guess(data: bytes, extra: tuple[tuple[str, str], ...] = ()) -> tuple[str, str]:
    """The least implausible candidate decoding of undeclared, non-UTF-8 bytes."""
    best = _CANDIDATES[0]
    best_cost = _implausibility(_sample_decode(data, best[1]))
    for candidate in _CANDIDATES[1:] + extra:
        cost = _implausibility(_sample_decode(data, candidate[1]))
        if cost < best_cost:
            best, best_cost = candidate, cost
    return best


def _sample_decode(data: bytes, codec: str) -> str:
    """Decode the first 64 KiB, cut at a line end so no multi-byte character is split."""
    sample = data
    if len(data) > _SAMPLE_BYTES:
        cut = data.rfind(b"\n", 0, _SAMPLE_BYTES)
        sample = data[: cut + 1] if cut > 0 else data[:_SAMPLE_BYTES]
    return sample.decode(codec, errors="replace")


def _implausibility(text: str) -> int:
    """How unlike real text a decoding looks; lower is better. Mojibake signs, weighted."""
    cost = 0
    prev_letter_script: str | None = None
    prev_lower = False
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            prev_letter_script = "latin" if ch.isalpha() else None
            prev_lower = ch.islower()
            continue
        if ch == "\ufffd":
            cost += 20  # an undefined byte: strong, but one stray byte must not outweigh a page
        elif code <= 0x9F:
            cost += 20  # C1 control: never in real text
        elif 0xFF61 <= code <= 0xFF9F:
            cost += 5  # half-width katakana: what KOI8-R/cp1251 bytes look like as Shift_JIS
        category = unicodedata.category(ch)
        if category[0] == "L":
            script = _script(code)
            if prev_letter_script is not None and script != prev_letter_script:
                cost += 2  # a word switching alphabet mid-way: "cafИ", "Ð¿Ñ"
            if prev_lower and ch.isupper():
                cost += 3  # lower-then-upper inside a word: "рТЙЧЕФ" (KOI8-R read as 1251)
            prev_letter_script = script
            prev_lower = ch.islower()
        else:
            if category in ("So", "Sm", "Sc", "Sk", "Co", "Cn"):
                cost += 1  # box drawing, ×, ¤, ...: what legacy bytes become in the wrong table
            prev_letter_script = None
            prev_lower = False
    return cost


def _script(code: int) -> str:
    """A coarse script bucket, enough to notice a word changing alphabet."""
    if code < 0x250:
        return "latin"
    if 0x370 <= code < 0x400:
        return "greek"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    # Japanese mixes kanji and kana inside one "word": one bucket, or the right decoding
    # of Shift_JIS would be penalised for every switch.
    if 0x3040 <= code < 0x3100 or 0x31F0 <= code < 0x3200 or 0x3400 <= code < 0xA000:
        return "cjk"
    if 0xF900 <= code < 0xFB00:
        return "cjk"
    if 0xAC00 <= code < 0xD7B0:
        return "hangul"
    if 0xFF61 <= code <= 0xFF9F:
        return "halfwidth"
    return "other"


def _normalise(text: str, path: str, warnings: list[str]) -> str:
    """LF line ends, no controls, no leading BOM."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    if "\x0b" in text or "\x0c" in text:  # two scans in C: the regex copied every text
        text = _LINE_LIKE.sub("\n", text)
    count = len(_CONTROLS.findall(text))
    if count:
        warnings.append(f"{path}: removed {count} control character(s) (NUL, C0, C1)")
        text = _CONTROLS.sub("", text)
    return text
