"""Sentence splitting and normalisation (builder/merge/sentences.py, normalise.py)."""

from __future__ import annotations

import pytest

from builder.merge.normalise import display_form, fold, names, numbers
from builder.merge.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("It rained. Then it stopped.", ["It rained.", "Then it stopped."]),
    ('"We have no doubt. It is a matter of time," he said. Then he left.',
     ['"We have no doubt. It is a matter of time," he said.', "Then he left."]),
    ("The U.S. Deputy Representative spoke. He left.", ["The U.S. Deputy Representative spoke.", "He left."]),
    ("Martin Luther King Jr. spoke on Dec. 5 in Washington. Crowds came.",
     ["Martin Luther King Jr. spoke on Dec. 5 in Washington.", "Crowds came."]),
    ("By Carol E. Lee. Next.", ["By Carol E. Lee.", "Next."]),
    ("Aid reached Russia.However, it was late.", ["Aid reached Russia.", "However, it was late."]),
    ("He paid $3.5 million. Prices rose 2.5% overall.", ["He paid $3.5 million.", "Prices rose 2.5% overall."]),
    ("Peskov stated,”Putin is invited. The visit is planned.” This matters.",
     ["Peskov stated,”Putin is invited. The visit is planned.”", "This matters."]),
])
def test_split_survives_quotes_abbreviations_and_initials(text, expected):
    assert split_sentences(text) == expected


def test_split_keeps_every_character_of_the_text():
    text = 'One. "Two, three." Four? Five! Mr. Six.'
    assert " ".join(split_sentences(text)) == text


def test_cyrillic_lookalike_inside_a_latin_word_is_repaired():
    assert display_form("Vostochny \u0421osmodrome") == "Vostochny Cosmodrome"
    assert fold("Vostochny \u0421osmodrome") == fold("Vostochny Cosmodrome")


def test_real_cyrillic_words_are_left_alone():
    assert display_form("Москва и Сочи") == "Москва и Сочи"


def test_curly_and_straight_quotes_compare_equal():
    assert fold("“It’s late,” she said") == fold("\"It's late,\" she said")


def test_figures_and_names_are_found():
    assert numbers("About 40,000 vehicles and six officials") == {"40000", "6"}
    assert "okafor" in names("City engineer Maria Okafor said so")
    assert "korea" in names("He visited North Korea's capital")
