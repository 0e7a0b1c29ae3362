"""The characters every {{ value }} loses (render._finalize): only those XML cannot carry,
whether or not the value takes the fast path for printable text."""

from __future__ import annotations

import markupsafe

from builder.render import _NOT_XML, _finalize


def test_no_printable_character_is_one_xml_forbids():
    # The fast path returns printable text untouched: it must hold none to remove.
    assert not [c for c in map(chr, range(0x110000)) if c.isprintable() and _NOT_XML.match(c)]


def test_drops_controls_and_keeps_the_rest():
    assert _finalize("a\x02b\tc\nd\ufffee\x7f") == "ab\tc\nde"
    assert _finalize("Zürich, 12 €") == "Zürich, 12 €"
    assert _finalize(3) == 3


def test_leaves_markup_alone():
    safe = markupsafe.Markup("<p>a\x02b</p>")
    assert _finalize(safe) is safe
