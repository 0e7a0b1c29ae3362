"""builder.load.slugs: folder names are accepted or refused, never rewritten; slugify always works."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.load.slugs import MAX_SLUG, WINDOWS_RESERVED, safe_slug, slugify
from hostile_support import naughty_strings

NAUGHTY = naughty_strings()


@pytest.mark.parametrize(
    "name",
    ["north-korea-october-surprise", "a", "2024", "covid-19", "x--y", "a" * MAX_SLUG,
     "con1", "nul-story", "com10"],
)  # fmt: skip
def test_valid_slugs_are_returned_unchanged(name: str) -> None:
    assert safe_slug(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "", ".", "..", "...", ".hidden", "a/b", "a\\b", "../etc", "a/../b", "/abs", "C:",
        "c:\\x", "Upper", "with space", "under_score", "dot.ted", "-lead", "trail-",
        "tab\tx", "nl\nx", "nul\x00x", "ctl\x1bx", "del\x7fx",
        "bidi\u202ex", "rlm\u200fx", "zw\u200bx", "zwj\u200dx", "bom\ufeffx",
        "café", "ｆｕｌｌ", "\u0430pple",  # Cyrillic a: a homoglyph of "apple"
        "a" * (MAX_SLUG + 1),
        *sorted(WINDOWS_RESERVED),
        "CON", "con.txt", "nul.md",
    ],
)
def test_invalid_folder_names_are_refused_not_rewritten(name: str) -> None:
    assert safe_slug(name) is None


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Russia and North Korea may be planning an 'October surprise'",
         "russia-and-north-korea-may-be-planning-an-october-surprise"),
        ("  Hello,   World!  ", "hello-world"),
        ("Crème brûlée à São Paulo", "creme-brulee-a-sao-paulo"),
        ("Straße Øresund Łódź", "strasse-oresund-lodz"),
        ("ﬁnal ｆｕｌｌ①", "final-full1"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("a\u202eb\u200bc", "abc"),  # invisible format characters vanish
    ],
)  # fmt: skip
def test_slugify_examples(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "...", "東京", "🎉🎉", "\u202e\u200b", "/"])
def test_slugify_never_empty_falls_back_to_a_stable_hash(text: str) -> None:
    slug = slugify(text)
    assert slug.startswith("x-") and len(slug) == 12
    assert slugify(text) == slug


def test_different_unsluggable_titles_do_not_collide() -> None:
    assert slugify("東京") != slugify("大阪")


def test_reserved_device_names_get_a_suffix() -> None:
    for name in ("CON", "nul", "Com1", "LPT9"):
        slug = slugify(name)
        assert slug.startswith(name.lower() + "-")
        assert safe_slug(slug) == slug


def test_slugify_truncates_at_a_word_boundary() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")
    assert len(slugify("x" * 500)) == 80


def test_lone_surrogate_does_not_crash() -> None:
    assert safe_slug(slugify("\ud800")) is not None


def _check_slugify(text: str) -> None:
    slug = slugify(text)
    assert safe_slug(slug) == slug
    assert "/" not in slug and "\\" not in slug and ".." not in slug
    assert slugify(text) == slug  # deterministic


@pytest.mark.parametrize("text", NAUGHTY)
def test_naughty_strings_slugify_to_valid_slugs(text: str) -> None:
    _check_slugify(text)


@pytest.mark.parametrize("text", NAUGHTY)
def test_naughty_strings_are_never_accepted_unless_already_slugs(text: str) -> None:
    result = safe_slug(text)
    if result is not None:
        assert result == text and (len(text) > 80 or result == slugify(text))
        assert "/" not in result and "\\" not in result and ".." not in result


@given(st.text(max_size=300))
@settings(max_examples=500, deadline=None)
@example("\x00")
@example("..")
@example("\u0130\u0131")  # dotted/dotless I: lower() changes length
def test_slugify_property_any_text(text: str) -> None:
    _check_slugify(text)


@given(st.sampled_from(NAUGHTY or [""]) | st.text(), st.sampled_from(NAUGHTY or [""]))
@settings(max_examples=300, deadline=None)
def test_slugify_property_naughty_combinations(a: str, b: str) -> None:
    _check_slugify(a + " " + b)
    _check_slugify(b + "/" + a)


@given(st.text(max_size=120))
@settings(max_examples=500, deadline=None)
def test_safe_slug_property_only_plain_ascii_segments(name: str) -> None:
    result = safe_slug(name)
    if result is not None:
        assert result == name
        assert set(result) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
        assert not result.startswith(("-", ".")) and result not in WINDOWS_RESERVED
