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
    NUMBER_ABBREVIATIONS,
    OPEN_QUOTES,
    SENTENCE_OPENERS,
    _boundaries,
    _inside,
    _is_abbreviation,
    _is_attribution,
    _is_lost_sign,
    _quote_spans,
    _unbroken_spans,
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


@pytest.mark.parametrize("text, expected", [
    ("At around 4:30 a. m. local time (11.30 p. m. ET) the thieves struck. They fled.",
     ["At around 4:30 a.m. local time (11.30 p.m. ET) the thieves struck.", "They fled."]),
    ("He arrived at 4 a.m. The police came at 5 a.m. Monday.",
     ["He arrived at 4 a.m.", "The police came at 5 a.m. Monday."]),
    ("J. R. R. Tolkien wrote it. George W. Bush read it.",
     ["J. R. R. Tolkien wrote it.", "George W. Bush read it."]),
    ("The U. S. Fish and Wildlife Service agreed. So did the U.S. Army.",
     ["The U. S. Fish and Wildlife Service agreed.", "So did the U.S. Army."]),
    ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
    ("He lives at No. 5 Main St. in town. The answer was no. Then he left.",
     ["He lives at No. 5 Main St. in town.", "The answer was no.", "Then he left."]),
    ("Two senators did not vote: Sens. Tim Kaine and Bernie Sanders. It passed.",
     ["Two senators did not vote: Sens. Tim Kaine and Bernie Sanders.", "It passed."]),
    ("It costs approx. 5 dollars on Jan. 5 under Art. 12 of the law. Fine.",
     ["It costs approx. 5 dollars on Jan. 5 under Art. 12 of the law.", "Fine."]),
    ('"We are ready. We will win," he said. He left.',
     ['"We are ready. We will win," he said.', "He left."]),
    ("“We are ready. Are you? We will win!” the coach shouted. Fans cheered.",
     ["“We are ready. Are you? We will win!” the coach shouted.", "Fans cheered."]),
    ("He paused... Then he spoke... and stopped.", ["He paused...", "Then he spoke... and stopped."]),
    ("He waited … Nothing came.", ["He waited …", "Nothing came."]),
])
def test_split_knows_times_acronyms_initials_numbers_quotes_and_ellipses(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a party tag with a two-word state, in brackets and after a comma (the Washington Post)
    ("Committee Chairman Nick J. Rahall II (D-W. Va.), who had sought change, spoke. He left.",
     ["Committee Chairman Nick J. Rahall II (D-W. Va.), who had sought change, spoke.",
      "He left."]),
    ("Sen. Joe Manchin, D-W. Va. Sen. Rand Paul, R-Ky. They voted no.",
     ["Sen. Joe Manchin, D-W. Va.", "Sen. Rand Paul, R-Ky.", "They voted no."]),
    # titles never end a sentence; a state does, before a new one
    ("Mr. Steele met Mrs. Ross, Sen. Reid, Rep. Ryan and Gov. Brown. It was short.",
     ["Mr. Steele met Mrs. Ross, Sen. Reid, Rep. Ryan and Gov. Brown.", "It was short."]),
    ("He lives in Charleston, W. Va. The town is small.",
     ["He lives in Charleston, W. Va.", "The town is small."]),
    ("She was treated in Rancho Mirage, Calif. The clinic is famous.",
     ["She was treated in Rancho Mirage, Calif.", "The clinic is famous."]),
    ("The lone no vote was Harry Reid, D-Nev. The vote was 97-1.",
     ["The lone no vote was Harry Reid, D-Nev.", "The vote was 97-1."]),
    # no split inside brackets; a bracket closing before the stop still ends the sentence
    ("He left (the firm declined to comment. It said later all was fine.) Then it rained.",
     ["He left (the firm declined to comment. It said later all was fine.)", "Then it rained."]),
    ("It rained (heavily). Then it stopped.", ["It rained (heavily).", "Then it stopped."]),
    # brackets that do not pair up hold nothing together
    ("1) First it rained. 2) Then it stopped.", ["1) First it rained.", "2) Then it stopped."]),
    ("Smiles :( are rare. Then it stopped.", ["Smiles :( are rare.", "Then it stopped."]),
])
def test_split_keeps_party_tags_titles_and_brackets_whole(text, expected):
    assert split_sentences(text) == expected


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


# Sentences built from pieces a splitter trips on; each must come back whole.
_OPENERS = st.sampled_from(["The", "He", "Police", "It", "Officials", "Mr. Smith", "Dr. Okafor",
                            "J. R. R. Tolkien", "George W. Bush", "Sens. Kaine and Reid", "No. 5"])
_MIDDLE = st.lists(st.sampled_from([
    "said", "the", "plan", "at 4 a.m. Monday", "at 4 a. m. local time", "in the U. S. Senate",
    "U.S. officials", "on Dec. 5", "in St. Louis", "approx. 40 people", "No. 10 Downing Street",
    "(11.30 p. m. ET)", "$3.5 million", "2.5%", "Art. 12", "ca. 1900", "Gen. Petraeus", "vs. Spain",
]), min_size=1, max_size=6).map(" ".join)
_SENTENCE = st.builds(lambda first, middle, last, stop: f"{first} {middle} {last}{stop}",
                      _OPENERS, _MIDDLE, st.sampled_from(["today", "again", "home", "there"]),
                      st.sampled_from([".", "!", "?", "..."]))
_QUOTE = st.builds(lambda inner, said, marks: f"{marks[0]}{' '.join(inner)[:-1]},{marks[1]} {said}.",
                   st.lists(_SENTENCE, min_size=1, max_size=3), st.sampled_from(["he said", "she added"]),
                   st.sampled_from([('"', '"'), ("“", "”")]))
_UNITS = st.lists(st.one_of(_SENTENCE, _QUOTE), min_size=1, max_size=6)


@settings(max_examples=300)
@given(_UNITS, st.sampled_from([" ", "  ", "\n", " \u00a0"]))
def test_a_text_of_known_sentences_and_quotations_splits_back_into_them(units, gap):
    pieces = split_sentences(gap.join(units))
    assert [_bare(p) for p in pieces] == [_bare(u) for u in units]


_ANY_PIECE = st.sampled_from(
    ["Mr.", "U.S.", "E.", "a.", "m.", "said.", "end!", "why?", "...", "…", '"', "“", "”", "'",
     ")", " ", "  ", "The", "he", "A", "3", "(", "x", "Lee", "No.", "no.", "?!", "a. m.", "\n",
     "St.", "\u00a0", ",", "p. m.", "Jan."]
)
ONE_LETTER_END = re.compile(r"(?:^|\s)[A-Za-z]\.$")  # what score_reading.py calls broken


@settings(max_examples=500)
@given(st.lists(_ANY_PIECE, max_size=40).map("".join))
def test_splitting_only_ever_changes_whitespace_and_cuts_before_a_capital(text):
    pieces = split_sentences(text)
    assert _bare("".join(pieces)) == _bare(text)
    for piece in pieces[1:]:
        assert not piece[0].islower(), pieces
    for piece in pieces[:-1]:
        assert not ONE_LETTER_END.search(piece), pieces


@pytest.mark.parametrize("text, expected", [
    # a euro sign its outlet's encoding turned into "?": one sentence each
    ("Bizianis, a worker in Piraeus who earns? 900 (Dh4, 275) a month, said so. He left.",
     ["Bizianis, a worker in Piraeus who earns? 900 (Dh4, 275) a month, said so.", "He left."]),
    ("The strike came after agreeing a? 110-billion ($143-billion) bailout. It ended.",
     ["The strike came after agreeing a? 110-billion ($143-billion) bailout.", "It ended."]),
    ("MPs debated Berlin's decision to lend? 22.4bn to Greece.",
     ["MPs debated Berlin's decision to lend? 22.4bn to Greece."]),
    # a real question before a sentence that opens with a figure still ends
    ("Who earns more? 900 people said they did not know.",
     ["Who earns more?", "900 people said they did not know."]),
    ("The question is simple: who pays? 900 people asked.",
     ["The question is simple: who pays?", "900 people asked."]),
    ("Is it safe? 2013 was the worst year on record.", ["Is it safe?", "2013 was the worst year on record."]),
    ("He spends it on what? 40% goes on rent.", ["He spends it on what?", "40% goes on rent."]),
    ('"Who earns more?" 900 people were asked.', ['"Who earns more?"', "900 people were asked."]),
    ("They ask: where? Nobody knows.", ["They ask: where?", "Nobody knows."]),
])
def test_a_currency_sign_lost_as_a_question_mark_does_not_end_the_sentence(text, expected):
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
    spans = _unbroken_spans(text)
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
            and not (ch == "?" and _is_lost_sign(text, cuts[-1] if cuts else 0, i, k))
            # a closed quotation followed by its speaker line ('..." Obama wrote.') goes on
            and not (j - i > 1 and _is_attribution(text, j, k))
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
    if word.casefold() in NUMBER_ABBREVIATIONS:
        return next_start < len(text) and text[next_start].isdigit()
    if len(word) == 1 and word.isalpha():
        return True
    if re.fullmatch(r"[DRI]-[A-Z]", word):
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


@pytest.mark.parametrize("text, expected", [
    ('He wrote to them. "We will win this fight." Obama wrote in a letter delivered Tuesday. '
     "Then he left.",
     ["He wrote to them.", '"We will win this fight." Obama wrote in a letter delivered Tuesday.',
      "Then he left."]),
    ('"We will win." Sen. John Thune, R-S.D., said on Friday. Next.',
     ['"We will win." Sen. John Thune, R-S.D., said on Friday.', "Next."]),
    # what follows is a sentence of its own: no speaker and verb of saying, or too long
    ('"We will win." The vote was held on Friday. Next.',
     ['"We will win."', "The vote was held on Friday.", "Next."]),
    ('"We will win." The President said so again in his long speech to the nation on Friday.',
     ['"We will win."', "The President said so again in his long speech to the nation on Friday."]),
    # a long speaker line whose verb takes no object of its own: the quotation is what was said
    ('"Murder is another thing!" Prime Minister George Papandreou thundered in Parliament '
     "during a session on the cuts he announced on Sunday. Next.",
     ['"Murder is another thing!" Prime Minister George Papandreou thundered in Parliament '
      "during a session on the cuts he announced on Sunday.", "Next."]),
    ('"We are done." Chief executive Anna Smith said the company would close its two plants.',
     ['"We are done."', "Chief executive Anna Smith said the company would close its two plants."]),
])
def test_a_quotation_keeps_the_speaker_line_that_follows_it(text, expected):
    assert split_sentences(text) == expected
