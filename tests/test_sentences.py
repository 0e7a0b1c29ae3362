"""Sentence splitting and normalisation (builder/merge/sentences.py, normalise.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.merge.normalise import display_form, fold, names, numbers
from builder.merge.sentences import (
    ABBREVIATIONS,
    CLOSERS,
    END_CHARS,
    OPEN_QUOTES,
    SENTENCE_OPENERS,
    _boundaries,
    _inside,
    _is_abbreviation,
    _quote_spans,
    split_sentences,
)


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


def _boundaries_char_by_char(text: str) -> list[int]:
    """The splitter's first form, one character at a time: the oracle for the faster
    `_boundaries`, which jumps between sentence-ending marks."""
    spans = _quote_spans(text)
    cuts = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in END_CHARS:
            i += 1
            continue
        j = i + 1
        while j < n and (text[j] in END_CHARS or text[j] in CLOSERS):
            j += 1
        if j >= n:
            break
        cjk = ch in "。！？"
        if not text[j].isspace() and not cjk:
            i = j
            continue
        k = j
        while k < n and text[k].isspace():
            k += 1
        if k >= n:
            break
        nxt = text[k]
        if (
            (cjk or nxt.isupper() or nxt.isdigit() or nxt in OPEN_QUOTES or nxt in "(['")
            and not _inside(j, spans)
            and not (ch == "." and _is_abbreviation(text, i, k))
        ):
            cuts.append(k)
        i = j
    return cuts


_PIECES = st.sampled_from(
    ["Mr.", "U.S.", "E.", "said.", "end!", "why?", "...", "…", "。", "！", '"', "“", "”", "'",
     ")", " ", "  ", "The", "he", "A", "3", "(", "x", "Lee", "no.", "?!", ".\u201d", "\n", "\u2018",
     "a.m.", "\u00a0"]
)


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_boundaries_agree_with_the_character_by_character_splitter(text: str) -> None:
    assert _boundaries(text) == _boundaries_char_by_char(text)


def _is_abbreviation_char_by_char(text: str, dot: int, next_start: int) -> bool:
    """`_is_abbreviation` as first written, walking back one character at a time."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“‘'":
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    if word.casefold() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        following = re.match(r"[\w']+", text[next_start:])
        return bool(following) and following.group(0).casefold() not in SENTENCE_OPENERS
    return False


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_abbreviations_are_found_as_the_character_by_character_walk_found_them(text: str) -> None:
    for dot in [i for i, ch in enumerate(text) if ch == "."]:
        for following in (dot + 1, min(dot + 2, len(text))):
            assert _is_abbreviation(text, dot, following) == _is_abbreviation_char_by_char(
                text, dot, following
            ), (text, dot)
