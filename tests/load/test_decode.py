"""builder.load.decode: every file becomes text or a clear refusal, never a crash or mojibake."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.load.charsets import LABELS, lookup_label
from builder.load.decode import Decoded, UnreadableSource, decode_source
from tests.conftest import RUNAWAY_SECONDS

RU = (
    "Привет, мир! Это тестовая новость о выборах в России. "
    "Президент заявил, что экономика растёт.\n"
)
JA = "東京で記者会見が開かれ、首相は新しい経済政策を発表した。「これは重要な一歩だ」と述べた。\n"
FR = "Le président a déclaré « c’est très important » — selon l’agence, l’économie va mieux.\n"
EN = "He said \u201cnothing\u201d and left \u2014 it\u2019s over.\n"
DE = "Straße, Größe, Übermut, schön.\n"


def test_decoded_is_frozen() -> None:
    result = decode_source(b"hello", "a.txt", is_html=False)
    assert result == Decoded("hello", "utf-8", ())
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (FR.encode("utf-8"), "utf-8", FR),
        (codecs.BOM_UTF8 + FR.encode("utf-8"), "utf-8", FR),
        (codecs.BOM_UTF16_LE + JA.encode("utf-16-le"), "utf-16le", JA),
        (codecs.BOM_UTF16_BE + JA.encode("utf-16-be"), "utf-16be", JA),
        (EN.encode("utf-16-le"), "utf-16le", EN),  # BOM-less, NUL pattern
        (EN.encode("utf-16-be"), "utf-16be", EN),
        (RU.encode("utf-16-le"), "utf-16le", RU),  # BOM-less, no NULs at all
        (EN.encode("cp1252"), "windows-1252", EN),  # smart quotes 0x93/0x94
        (FR.encode("cp1252"), "windows-1252", FR),
        (DE.encode("latin-1"), "windows-1252", DE),
        (RU.encode("koi8_r"), "koi8-r", RU),
        (RU.encode("cp1251"), "windows-1251", RU),
        (JA.encode("shift_jis"), "shift_jis", JA),
        (b"plain ascii\n", "utf-8", "plain ascii\n"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nul", "utf16be-nul",
         "utf16le-cyrillic", "cp1252-quotes", "cp1252-french", "latin1", "koi8r", "cp1251",
         "shift-jis", "ascii"],
)  # fmt: skip
@pytest.mark.parametrize("is_html", [False, True])
def test_text_files_decode_to_the_original_text(
    data: bytes, encoding: str, text: str, is_html: bool
) -> None:
    result = decode_source(data, "content/stories/x/a.txt", is_html=is_html)
    assert (result.text, result.encoding, result.warnings) == (text, encoding, ())


def test_html_meta_charset_shift_jis_is_honoured() -> None:
    page = b'<html><head><meta charset="Shift_JIS"></head><body><p>' + JA.encode("cp932")
    result = decode_source(page, "a.html", is_html=True)
    assert result.encoding == "shift_jis"
    assert JA in result.text


def test_html_http_equiv_koi8r_is_honoured() -> None:
    page = (
        b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        + RU.encode("koi8_r")
    )
    result = decode_source(page, "a.html", is_html=True)
    assert (result.encoding, result.text.endswith(RU)) == ("koi8-r", True)


def test_xml_declaration_encoding_is_honoured() -> None:
    page = b'<?xml version="1.0" encoding="windows-1251"?><html><p>' + RU.encode("cp1251")
    assert decode_source(page, "a.html", is_html=True).encoding == "windows-1251"


def test_wrong_meta_charset_loses_to_valid_utf8() -> None:
    page = b"<meta charset=iso-8859-1><p>" + FR.encode("utf-8")
    result = decode_source(page, "a.html", is_html=True)
    assert result.encoding == "utf-8"
    assert FR in result.text


def test_meta_charset_is_ignored_for_text_files() -> None:
    data = b"<meta charset=koi8-r> " + RU.encode("cp1251")
    assert decode_source(data, "a.txt", is_html=False).encoding == "windows-1251"


@pytest.mark.parametrize("label", ["utf-7", "UTF-7", "x-utf-7", "unicode-1-1-utf-7", "csUnicode11UTF7"])
def test_utf7_label_is_never_honoured(label: str) -> None:
    page = f"<meta charset={label}><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-".encode()
    result = decode_source(page, "a.html", is_html=True)
    assert result.encoding == "utf-8"
    assert "<script>" not in result.text
    assert "+ADw-script+AD4-" in result.text


def test_utf7_label_refused_even_when_bytes_are_not_utf8() -> None:
    page = b"<meta charset=utf-7><p>caf\xe9 +ADw-script+AD4-"
    result = decode_source(page, "a.html", is_html=True)
    assert result.encoding == "windows-1252"
    assert "café +ADw-script+AD4-" in result.text
    assert any("utf-7" in w for w in result.warnings)


@pytest.mark.parametrize("label", ["rot13", "base64", "unicode_escape", "utf-32", "hex", "idna"])
def test_python_only_codecs_are_refused(label: str) -> None:
    assert lookup_label(label) is None


def test_latin1_label_means_windows_1252_as_in_browsers() -> None:
    assert lookup_label(" ISO-8859-1 ") == ("windows-1252", "cp1252")
    assert lookup_label("ascii") == ("windows-1252", "cp1252")


def test_every_label_has_a_python_codec() -> None:
    for name, codec in LABELS.values():
        assert codecs.lookup(codec)
        assert name == name.lower()


def test_undecodable_declared_bytes_fall_back_with_warning() -> None:
    # Declares Shift_JIS but the bytes are Western cp1252: the declaration loses.
    page = b"<meta charset=shift_jis><p>" + (FR * 3).encode("cp1252")
    result = decode_source(page, "x/a.html", is_html=True)
    assert result.encoding == "windows-1252"
    assert FR in result.text
    assert any("x/a.html" in w and "shift_jis" in w for w in result.warnings)


def test_mostly_utf8_with_a_damaged_byte_stays_utf8_and_warns() -> None:
    data = (FR * 3).encode("utf-8") + b"\xff broken"
    result = decode_source(data, "content/stories/s/a.txt", is_html=False)
    assert result.encoding == "utf-8"
    assert FR in result.text and "\ufffd broken" in result.text
    assert result.warnings == (
        "content/stories/s/a.txt: 1 invalid byte sequence(s) for utf-8 replaced with U+FFFD",
    )


def test_truncated_utf16_warns() -> None:
    data = codecs.BOM_UTF16_LE + "hello".encode("utf-16-le") + b"h"
    result = decode_source(data, "a.txt", is_html=False)
    assert result.text.startswith("hello")
    assert len(result.warnings) == 1 and "a.txt" in result.warnings[0]


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b" \n\t\r\n ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"  \n",
     codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), " \n".encode("utf-16-be")],
)  # fmt: skip
def test_empty_and_whitespace_only_files_are_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableSource, match="empty.txt"):
        decode_source(data, "empty.txt", is_html=False)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 100,
        bytes(range(256)) * 16,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200)),
        b"\x7fELF\x02\x01\x01\x00" + bytes(64) + b"text section",
    ],
    ids=["nuls", "all-bytes", "png", "zip", "elf"],
)
def test_binary_files_are_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableSource, match="bin.html: binary"):
        decode_source(data, "bin.html", is_html=True)


def test_unreadable_source_carries_its_message() -> None:
    with pytest.raises(UnreadableSource) as info:
        decode_source(b"", "x.txt", is_html=False)
    assert info.value.message == str(info.value) == "x.txt: empty file"


def test_line_ends_are_normalised_to_lf() -> None:
    assert decode_source(b"a\r\nb\rc\nd", "a.txt", is_html=False).text == "a\nb\nc\nd"
    data = codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le")
    assert decode_source(data, "a.txt", is_html=False).text == "a\nb"


def test_controls_are_stripped_with_a_warning() -> None:
    result = decode_source(b"a\x00b\x07c\x1bd\x7fe\tf", "c.txt", is_html=False)
    assert result.text == "abcde\tf"
    assert result.warnings == ("c.txt: removed 4 control character(s) (NUL, C0, C1)",)


def test_form_feed_becomes_a_line_break_not_a_glued_word() -> None:
    assert decode_source(b"end\x0cnext", "a.txt", is_html=False).text == "end\nnext"


def test_c1_controls_from_latin1_bytes_are_stripped() -> None:
    # 0x81 is undefined in windows-1252: replaced (and warned), never a raw control.
    result = decode_source((DE * 3).encode("latin-1") + b"\x81 ok", "a.txt", is_html=False)
    assert result.encoding == "windows-1252"
    assert DE in result.text
    assert not any(0x80 <= ord(ch) <= 0x9F for ch in result.text)


def test_iso_2022_jp_needs_its_declaration() -> None:
    data = "<meta charset=iso-2022-jp><p>東京".encode("iso2022_jp")
    result = decode_source(data, "a.html", is_html=True)
    assert (result.encoding, result.text.endswith("東京")) == ("iso-2022-jp", True)
    # Without a declaration the 7-bit bytes stay what they are (escape stripped, warned).
    assert decode_source(data, "a.txt", is_html=False).encoding == "utf-8"


def test_large_file_decodes_quickly() -> None:
    import time

    data = (FR * 60_000).encode("cp1252")  # ~5 MB of legacy bytes
    start = time.perf_counter()
    result = decode_source(data, "big.txt", is_html=False)
    assert time.perf_counter() - start < RUNAWAY_SECONDS
    assert result.encoding == "windows-1252"


@given(st.binary(max_size=2000), st.booleans())
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_clean_text_or_unreadable(data: bytes, is_html: bool) -> None:
    try:
        result = decode_source(data, "h.bin", is_html=is_html)
    except UnreadableSource as err:
        assert str(err).startswith("h.bin: ")
        return
    assert result.text.strip()
    assert "\r" not in result.text
    assert not any(
        (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in result.text
    )
    assert all(w.startswith("h.bin: ") for w in result.warnings)


TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        # C0 controls other than TAB/LF/VT/FF/CR: stripped, and a run of them looks binary.
        blacklist_characters="".join(map(chr, [*range(0x09), *range(0x0E, 0x20)])),
    ),
    min_size=1,
    max_size=300,
)


@given(TEXT.filter(lambda s: s.strip()))
@settings(max_examples=300, deadline=None)
def test_utf8_text_round_trips(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    expected = expected.replace("\x0b", "\n").replace("\x0c", "\n")
    expected = "".join(ch for ch in expected if not 0x7F <= ord(ch) <= 0x9F)
    try:
        result = decode_source(text.encode("utf-8"), "t.txt", is_html=False)
    except UnreadableSource:
        assert not expected.strip()
        return
    assert (result.encoding, result.text) == ("utf-8", expected)


def test_text_with_scattered_nuls_is_text_not_binary() -> None:
    # html5lib's tree-construction inputs: ~3% NUL in plain UTF-8 text.
    data = b"<p>a\x00b</p>\n" * 40 + "caf\u00e9\n".encode()
    result = decode_source(data, "t.txt", is_html=False)
    assert result.text.startswith("<p>ab</p>\n")
    assert "removed 40 control character(s)" in result.warnings[0]
