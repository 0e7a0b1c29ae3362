"""Merging: duplicates cited once, figures never merged across, order-free results."""

from __future__ import annotations

import random
from pathlib import Path

from builder.merge import merge
from builder.model import Article, Block, Diagnostics, Sentence, SourceMeta, StoryInput
from builder.render.storyjson import story_json


def article(name: str, outlet: str, *paragraphs: str) -> Article:
    blocks = tuple(Block("paragraph", p) for p in paragraphs)
    return Article(name, "text", SourceMeta(outlet=outlet), blocks)


def merged(*articles: Article):
    story = StoryInput("s", Path("s"), "Title", None, None, (), ())
    return merge(story, tuple(articles), Diagnostics())


def sentences(story):
    """Every sentence on the page: the story's body, then its "more" part."""
    return [s for b in story.body + story.more for s in b.sentences]


QUOTE = '"We will not reopen the bridge until we are certain it is safe," said engineer Maria Okafor.'


def test_a_quote_carried_by_three_outlets_appears_once_citing_all():
    story = merged(
        article("a.txt", "A", "The bridge closed on Tuesday after cracks were found in the main span. " + QUOTE),
        article("b.txt", "B", QUOTE.replace('"', "\u201c", 1).replace(',"', ",\u201d")),
        article("c.txt", "C", "Engineer Maria Okafor said: \u201cWe will not reopen the bridge until we are certain it is safe.\u201d"),
    )
    hits = [s for s in sentences(story) if "until we are certain it is safe" in s.text]
    assert len(hits) == 1
    assert set(hits[0].sources) == {1, 2, 3}


def test_different_figures_are_never_merged():
    story = merged(
        article("a.txt", "A", "Three people died in the fire at the warehouse on Monday night."),
        article("b.txt", "B", "Five people died in the fire at the warehouse on Monday night."),
    )
    body = sentences(story)
    # The printed sentence, then the other report's account, each cited to its own report
    # and the account saying who gives which figure.
    assert [s.sources for s in body] == [(1,), (2,)]
    assert body[1].text == "Another report gives a different figure: " + body[0].text.replace("Three", "Five")
    assert set(body[1].variants) == {(1, "Three people"), (2, "Five people")}


def test_a_sentence_only_one_source_carries_stays_cited_to_it():
    story = merged(
        article("a.txt", "A", "The bridge closed on Tuesday after cracks were found in the main span."),
        article("b.txt", "B", "The bridge closed on Tuesday after cracks were found in the main span.",
                "Ferry services will run every 15 minutes during the closure."),
    )
    ferry = [s for s in sentences(story) if "Ferry" in s.text]
    assert len(ferry) == 1 and ferry[0].sources == (2,)


def test_every_sentence_cites_a_listed_source():
    story = merged(
        article("a.txt", "A", "One fact here about the bridge closing today.", "Another fact about ferries."),
        article("b.txt", "B", "A third fact about traffic queues on the ring road."),
    )
    ids = {s.id for s in story.sources}
    for s in sentences(story):
        assert s.sources and set(s.sources) <= ids


def test_result_does_not_depend_on_file_order_or_names():
    arts = [
        article("a.txt", "Alpha", "The bridge closed on Tuesday after cracks were found.", QUOTE),
        article("b.txt", "Beta", "About 40,000 vehicles cross the bridge every day, officials said.", QUOTE),
        article("c.txt", "Gamma", "The bridge closed on Tuesday after engineers found cracks.",
                "Repairs could cost 12 million dollars."),
    ]
    first = story_json(merged(*arts))
    rng = random.Random(4)
    for _ in range(4):
        shuffled = arts[:]
        rng.shuffle(shuffled)
        assert story_json(merged(*shuffled)) == first
    renamed = [Article("z" + a.file, a.kind, a.meta, a.blocks) for a in arts]
    assert [s.text for s in sentences(merged(*renamed))] == [s.text for s in sentences(merged(*arts))]


def test_a_partial_quotation_is_not_credited_with_words_it_lacks():
    story = merged(
        article("a.txt", "A", QUOTE),
        article("b.txt", "B", "Okafor said the city \u201cwill not reopen the bridge until we are certain\u201d of it."),
    )
    hits = [s for s in sentences(story) if "reopen the bridge" in s.text]
    # The full quotation, with its speaker, is printed once; the outlet that quotes only
    # part of it and never names Maria Okafor in full is not cited for it.
    assert len(hits) == 1 and hits[0].sources == (1,)
    assert "Maria Okafor" in hits[0].text


def test_the_quotation_is_kept_with_its_speaker():
    bare = '"We will not reopen the bridge until we are certain it is safe."'
    story = merged(article("a.txt", "A", bare), article("b.txt", "B", QUOTE))
    hits = [s for s in sentences(story) if "reopen the bridge" in s.text]
    assert len(hits) == 1 and "Maria Okafor" in hits[0].text


def test_a_sentence_with_words_no_other_report_uses_is_kept():
    story = merged(
        article("a.txt", "A", "The Harbour Bridge was closed to all traffic on Tuesday after engineers found cracks in its main span.",
                "About 40,000 vehicles cross the bridge every day."),
        article("b.txt", "B", "The Harbour Bridge was closed to all traffic on Tuesday after engineers discovered cracks in its main span.",
                "Rust was found on every cable of the span, the engineers said."),
    )
    rust = [s for s in sentences(story) if "Rust" in s.text]
    assert len(rust) == 1 and rust[0].sources == (2,)


def test_a_negated_sentence_is_never_folded_into_its_affirmative():
    story = merged(
        article("a.txt", "A", "The ministry reached out to the union again this year and received a response."),
        article("b.txt", "B", "The ministry reached out to the union again this year but received no response."),
    )
    assert any("no response" in s.text for s in sentences(story))


def test_homoglyphs_are_repaired_only_inside_latin_words() -> None:
    from builder.merge.normalise import repair_homoglyphs

    assert repair_homoglyphs("Vostochny Сosmodrome") == "Vostochny Cosmodrome"  # Cyrillic С
    assert repair_homoglyphs("Москва and СССР") == "Москва and СССР"  # real Cyrillic words
    assert repair_homoglyphs("pаypаl's ассount") == "paypal's account"  # mixed words


def test_normalisation_is_linear_on_a_one_megabyte_word() -> None:
    import time

    from builder.merge.normalise import features

    for word in ("x" * 1_000_000, "x" * 999_999 + "С", "С" + "x" * 999_999):
        start = time.perf_counter()
        features(word)
        assert time.perf_counter() - start < 1.5, word[:5]


def test_the_page_shows_only_figures_that_contradict_each_other():
    from builder.render.view import SentenceView

    sentence = Sentence("Thieves took 2 million euros worth 2.6 million dollars.", (1, 2, 3),
                        ((1, "2, 2.6"), (2, "2.6"), (3, "2, 26")))
    assert SentenceView(1, sentence).variants == (("2, 2.6", (1, 2)), ("2, 26", (3,)))
    agreeing = Sentence("x", (1, 2), ((1, "2, 2.6"), (2, "2.6")))
    assert SentenceView(1, agreeing).variants == ()


SUE = ("The legislation gives victims' families the right to sue in U.S. court for any role "
       "that elements of the Saudi government may have played in the 2001 attacks.")
NATIONALS = "Fifteen of the 19 Sept. 11 hijackers were Saudi nationals."
DENIES = ("Fifteen of the 19 hijackers on 9/11 were Saudi citizens, but the Saudi government "
          "denies any role in the attacks and multiple U.S. government investigations have "
          "cleared it of blame.")
VOICE = "The bill cleared the House earlier this month, also by voice vote."


def test_a_sentence_telling_a_printed_fact_and_one_of_its_own_is_kept():
    # The denial shares its first half with a printed sentence (and the grouping counts
    # it the same fact); the House's vote has each of its words somewhere on the page,
    # in no one sentence. Dropped from `more` as retellings, both facts would be lost.
    override = "Congress voted on Wednesday to override the president's veto of the 9/11 bill."
    story = merged(
        article("a.txt", "A", override,
                "The Senate passed the bill by voice vote in May after months of talks.",
                SUE + " " + NATIONALS,
                "The White House has warned that the law would expose Americans abroad.",
                "Earlier this month the president said the bill would harm the country."),
        article("b.txt", "B", override, DENIES, VOICE),
    )
    texts = [s.text for s in sentences(story)]
    assert DENIES in texts and VOICE in texts
