"""Stage 2, clean: mend the double quotation marks of a paragraph that mixes its styles.

Takes: one block's text. Gives: the text with every double quotation mark turned the way
its place in the paragraph says (opening “, closing ”) when the paragraph already uses
curly marks and some of its marks are straight or typed the wrong way round; any other
text comes back as it is. Rules.yaml lists it as the computed repair `repair.quote-marks`.

Why: pages mix the two styles ('Trump told them "he’d keep the government closed ...
months or even years.”', '“We're not playing games, we have to do it."') or type a closing
mark for an opening one glued to the word before ('Peskov stated,”President Putin has
...'). A reader sees the marks as damage; printed sentence by sentence, a quotation whose
marks do not pair up looks cut. A paragraph of straight marks only is a consistent style
and is left alone, and so are single marks (apostrophes cannot be told from them).

How a mark is read: walking the paragraph's marks in order, one opens when no quotation is
open, and closes the open one otherwise; except that a mark with a space (or the start)
before it and a word after it always opens (the last quotation was left open: a quotation
running on into the next paragraph is left open by news style), and one with a word before
it and a space (or the end) after it always closes (it ends a quotation opened in an
earlier paragraph). An opening mark glued to a comma or colon before it gets its space.
"""

from __future__ import annotations

import re

RULE = "repair.quote-marks"
MARKS = re.compile("[\"“”]")
_CURLY = ("“", "”")


def mend_quote_marks(text: str) -> str:
    """`text` with its double quotation marks turned as their places say (see the module)."""
    # Asked first (performance: most paragraphs hold no curly mark, and _wrong_way's
    # search reads every word): no curly mark, nothing _wrong_way could find either.
    if not any(mark in text for mark in _CURLY):
        return text  # straight marks only: the outlet's style, not damage
    if '"' not in text and not _wrong_way(text):
        return text  # all straight, or all curly and each the right way: nothing to mend
    out, last, opened = [], 0, False
    for found in MARKS.finditer(text):
        i = found.start()
        opens = _opens_here(text, i, opened)
        out.append(text[last:i])
        if opens and i and text[i - 1] in ",:" and _glued_opening(text, i):
            out.append(" ")
        out.append("“" if opens else "”")
        last, opened = i + 1, opens
    out.append(text[last:])
    return "".join(out)


def _opens_here(text: str, i: int, opened: bool) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and not after.isspace():
        return True
    if not before.isspace() and after.isspace():
        return False
    return not opened


def _glued_opening(text: str, i: int) -> bool:
    """A mark right after "stated," that opens a quotation of a capitalised word."""
    return i + 1 < len(text) and text[i + 1].isupper()


def _wrong_way(text: str) -> bool:
    """Whether a curly mark is glued the wrong way: ”Word after a comma or colon, or a
    word“ before a space."""
    return bool(re.search(r"[,:]”[A-Z]|\w“(?:\s|$)", text))
