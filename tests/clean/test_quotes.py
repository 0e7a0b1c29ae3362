"""Quotation marks mended in a paragraph that mixes their styles (builder/clean/quotes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.clean import clean, load_rules
from builder.clean.quotes import RULE, mend_quote_marks
from builder.model import Diagnostics, SourceDoc

BODY = ("The council voted on Monday to close the old market hall for good after a long debate.\n\n"
        "Officials said the building had become too expensive to heat and repair.\n\n")


@pytest.mark.parametrize("mixed, mended", [
    # a straight mark opening what a curly one closes, and the other way round (Fox, The Hill)
    ('Schumer said Trump told them "he’d keep it closed for months or even years.”',
     "Schumer said Trump told them “he’d keep it closed for months or even years.”"),
    ('"This is security," he told reporters. “We\'re not playing games, we have to do it."',
     "“This is security,” he told reporters. “We're not playing games, we have to do it.”"),
    ('“The bad news is that this is wide, from XP to RT," he says.',
     "“The bad news is that this is wide, from XP to RT,” he says."),
    # a closing mark typed for an opening one, glued to the comma before it: the space too
    ("Peskov stated,”President Putin is invited. The visit is being prepared.” This matters.",
     "Peskov stated, “President Putin is invited. The visit is being prepared.” This matters."),
    ("A spokesperson saying,”The only ‘October surprise’ will be the look of shock” among them.",
     "A spokesperson saying, “The only ‘October surprise’ will be the look of shock” among them."),
    # a quotation left open (it runs on into the next paragraph), then a new one
    ('“We will win. We always win. She said "no."', "“We will win. We always win. She said “no.”"),
])
def test_mixed_or_wrong_way_quotation_marks_are_turned_as_their_place_says(mixed, mended):
    assert mend_quote_marks(mixed) == mended


@pytest.mark.parametrize("text", [
    'He said "yes" and then "no," and left.',  # straight marks only: a style, not damage
    "He said “yes” and then “no,” and left.",
    "“Yes,”Smith said.",  # a closing mark glued to the next word still closes its quotation
    "the end of a quotation opened in the paragraph before.” He left.",
    "“We will win. We always win.",
    "It is “’a war we have to win” — and the 5-inch screen.",
    "It’s the ‘best’ plan, officials’ words, 'single' marks.",
    "No quotation marks at all.",
])
def test_consistent_quotation_marks_are_left_alone(text):
    assert mend_quote_marks(text) == text


def _kept(text: str, disable: tuple[str, ...] = ()) -> str:
    doc = SourceDoc(Path("x.txt"), "text", "Market hall to close\n\n" + BODY + text + "\n\n" + BODY)
    article = clean(doc, load_rules(disable=disable), Diagnostics())
    return "\n".join(block.text for block in article.blocks)


def test_cleaning_mends_the_marks_unless_the_curator_switches_it_off():
    mixed = 'The mayor told them "the hall will close for good at the end of the year.”'
    assert "told them “the hall will close" in _kept(mixed)
    assert mixed in _kept(mixed, disable=(RULE,))
