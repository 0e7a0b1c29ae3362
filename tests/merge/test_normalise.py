"""features() normalises and tokenises a sentence once; the public helpers each do it
themselves. Both must give the same answer, or the merge would depend on which one ran."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.merge.normalise import (
    PLAIN_SPLIT,
    content_words,
    features,
    fold,
    is_negated,
    names,
    numbers,
    plain_content,
    quotations,
    shingles,
    tokens,
)

SENTENCES = [
    'North Korea\'s leader said "we will never stop the tests this year," officials said.',
    "Six officials didn't confirm the 1,000-tonne figure on Tuesday.",
    "The Vostochny Сosmodrome (Cyrillic С) hosted U.S. Deputy Representative Carol E. Lee.",
    "“Curly quotes” and — dashes — and\u00a0spaces; it’s Kim’s own words.",
    "No response was received.",
    "Short one.",
    'Two plain sentences. "Quoted one." And a third (in brackets.) Here.',
    "   ",
    "",
    "ＦＵＬＬＷＩＤＴＨ letters and ﬁ ligatures, three hundred twelve.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_features_agree_with_the_helpers(text: str) -> None:
    f = features(text)
    assert f.folded == fold(text)
    assert f.content == content_words(text)
    assert f.shingles == shingles(text)
    assert f.numbers == numbers(text)
    assert f.names == names(text)
    assert f.quotes == quotations(text)
    assert f.n_words == len(tokens(text))
    assert f.negated == is_negated(fold(text))
    assert f.plain == plain_content(text)
    assert f.plain_parts == tuple(
        plain_content(p) for p in PLAIN_SPLIT.split(text) if p.strip()
    )


_PIECES = st.sampled_from([
    "Kim", "Jong", "Un", "said", "officials", "didn't", "it’s", "Korea's", "“", "”", '"', "'",
    "1,000", "six", "no", "never", ".", ",", "—", "U.S.", "Сosmodrome", "ﬁre", "the", "tests",
    "reports", "meeting", "O'Brien", "rock'n'roll", " ", "\u00a0",
])


@given(st.lists(_PIECES, max_size=30).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_features_agree_with_the_helpers_on_any_mix(text: str) -> None:
    test_features_agree_with_the_helpers(text)


def test_word_tables_give_the_same_answers_after_they_are_emptied() -> None:
    from builder.merge.normalise import _plain_word, _WordTable

    table = _WordTable(_plain_word, limit=3)
    words = "the reports said officials were meeting and talked of it again reports".split()
    assert [table[w] for w in words] == [_plain_word(w) for w in words]
    assert len(table) <= 3


def test_negation_words_and_contractions_are_seen() -> None:
    assert features("They received no response.").negated
    assert features("They didn't respond.").negated
    assert not features("They received a response.").negated


def test_possessive_is_not_part_of_a_name() -> None:
    assert "korea" in features("Officials in North Korea's capital met.").names
