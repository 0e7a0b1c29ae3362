"""A sentence that leans on the one before it in its report (a pronoun speaker, "that
criticism", "The official also", a reply, a pronoun after a scene phrase) travels with it:
one unit in the body, told with it in `more`, never cut or parted from it to break a run."""

from __future__ import annotations

from builder.merge.normalise import features
from builder.merge import units as units_module
from builder.merge.units import Piece, units
from tests.merge_support import GOVERNORS, RUN, VOTE, article, merged


def leans_on_before(text: str) -> bool:
    return units_module.leans_on_before(text)


def expletive(text: str) -> bool:
    return units_module.expletive(text)



def _report(*texts: str) -> list[Piece]:
    return [Piece(1, i, i, "paragraph", features(t)) for i, t in enumerate(texts)]


def texts(blocks) -> list[str]:
    return [s.text for b in blocks for s in b.sentences]


def test_a_sentence_leaning_past_its_opening_is_one_unit_with_the_one_before():
    woodhouse = ("A spokesman for the rail union, Brad Wood, said the vote was "
                 "\u201ca betrayal of every commuter.\u201d")
    leaning = [
        "Republican officials dismissed that criticism.",  # "that" and its noun, closing it
        "\u201cThe trains must run,\u201d he said. \u201cThis is our line.\u201d",  # speaker: "he"
        "\u201cWe will not back down,\u201d the former governor said.",  # speaker described
        "\u201cI would look foolish if I did that,\u201d Mr. Dane responded.",  # a reply
        "Speaking to reporters, she said the plans were already late.",  # after a scene phrase
        "Pressed by Senator Hart and Senator Cole, they refused to budge.",
        "The official also insisted on anonymity to describe the meeting.",
        "The mayor is now asking $5 billion for that project, aides said.",
        "(Parts of the line are already closed.)",
        "Rail unions warn that it would cost 1,200 jobs in Ohio.",  # several, on an "it"
        "The two governors and their aides have urged Dane to stop it before March.",
    ]
    for text in leaning:
        assert leans_on_before(text), text
        assert units(_report(woodhouse, text)) == [(0, 2)], text
    standing = [
        "Officials said this week that the line would reopen in March.",  # a time
        "Officials said that police were searching the depot.",  # "said that ..."
        "When Mr. Dane made the remarks, he was speaking to donors.",  # the phrase names him
        "\u201cThe trains must run,\u201d Mr. Dane said.",  # a named speaker
        "The war in the north was started by the last government.",
        "Officials said it was too early to say when the line would reopen.",  # forward
        "The union said it would strike in March.",  # "it": the union
    ]
    for text in standing:
        assert not leans_on_before(text), text
        assert units(_report(woodhouse, text)) == [(0, 1), (1, 2)], text


def test_an_it_pointing_forward_is_told_apart():
    assert expletive("It is worth noting that the line was closed twice before.")
    assert expletive("It was always going to be hard to convince the unions.")
    assert not expletive("It was the first override of his presidency.")
    assert not expletive("It is not being rolled out automatically.")


def test_in_more_a_sentence_leaning_on_one_the_body_tells_in_other_words_comes_with_it():
    """Report B's "He added" follows its own telling of the governor's words, whose
    quotation the page prints in A's sentence: `more` prints B's telling before it, not
    "He added" after whatever B sentence came before."""
    condemned = ("\u201cThis is a dark day for every family in the state,\u201d Governor Carl "
                 "Dane of Ohio told lawmakers in Columbus during a session on the cuts he announced.")
    retold = ("Ohio governor Carl Dane condemned the override, saying: \u201cThis is a dark day "
              "for every family in the state.\u201d")
    added = "He added: \u201cWe will take this to the courts, and we will win there.\u201d"
    story = merged(article("a.txt", "A", VOTE, condemned, GOVERNORS),
                   article("b.txt", "B", VOTE, GOVERNORS, retold, added), lead="a.txt")
    more = texts(story.more)
    assert added not in texts(story.body)
    assert added in more and more.index(added) > 0
    assert "Carl Dane" in more[more.index(added) - 1]




def _run_reading(*reports: list[str]):
    from builder.merge.grouping import group
    from builder.merge.reading import Reading
    from builder.merge.similarity import Idf
    pieces = [[Piece(s, i, i, "paragraph", features(t)) for i, t in enumerate(r)]
              for s, r in enumerate(reports)]
    idf = Idf([p.feat for r in pieces for p in r])
    return Reading.of(dict(enumerate(pieces)), group(pieces, idf))


def test_a_unit_moved_to_break_a_run_takes_the_unit_leaning_on_it_along():
    """B's two units follow A's first sentence, but are due after A's run: moved up to break
    it, the first takes the second, which measures itself against it ("changed their
    mind"), along; left behind, it would measure itself against whatever comes before."""
    from builder.merge.output import body_parts
    reneged = "The governors first refused to sign the plan for the northern line in May."
    changed = "The governors changed their mind after rail unions marched on the capitol."
    more = ["Freight firms moved 2,000 containers a week on the line in 2019.",
            "Ohio lawmakers set aside $300 million for new stations in the budget."]
    reading = _run_reading([VOTE, *RUN, *more, GOVERNORS], [VOTE, reneged, changed])
    a, b = reading.spans[0], reading.spans[1]
    assert b[1:] == [(1, 1, 2), (1, 2, 3)]  # two units: a measure is not a unit's glue
    order = [a[0], *a[1:9], *b[1:], *a[9:]]  # the weave's order: B's after A's run
    parts, _ = body_parts(reading, order, True, weight=reading.words, spine=0)
    printed = [p.sentence.text for _, ps in parts for p in ps]
    assert printed.index(changed) == printed.index(reneged) + 1


def test_a_run_is_not_broken_by_cutting_the_sentence_another_measures_itself_against():
    """A's run must lose a unit; the lightest is the senators' call, but "would not go that
    far" measures itself against it: cut, it would leave that sentence measured against
    whatever came before. Another goes instead."""
    from builder.merge.output import body_parts
    calls = "Two senators called for him to resign."
    far = "Senator Mary Holt of Iowa would not go that far but asked for an apology."
    reading = _run_reading([VOTE, *RUN, calls, far, GOVERNORS], [VOTE, GOVERNORS])
    a = reading.spans[0]
    parts, _ = body_parts(reading, a, True, weight=reading.words, spine=0)
    printed = [p.sentence.text for _, ps in parts for p in ps]
    assert far not in printed or printed[printed.index(far) - 1] == calls


def test_an_it_that_several_give_their_view_of_is_told_after_what_it_is():
    """"Rail unions warn that it would cost 1,200 jobs": "it" is the bill the sentence
    before it in its report names; the body tells that fact in other words, but printed
    after them ("This followed a 348-77 vote ...") "it" would be the vote. It goes where
    its sentence goes (here, with it in `more`)."""
    fought = "The White House has fought against the transit bill for months, to no avail."
    warn = "Rail unions warn that it would cost 1,200 jobs in Ohio and Michigan by the spring."
    story = merged(
        article("a.txt", "A", "Marking a defeat for the White House, the Senate voted on "
                "Wednesday to make the transit bill law.",
                "This followed a 348-77 vote in the House hours earlier.", *RUN[:3], GOVERNORS),
        article("b.txt", "B", VOTE, fought, warn),
        lead="a.txt",
    )
    body = texts(story.body)
    assert warn in body + texts(story.more)
    if warn in body:
        assert body[body.index(warn) - 1] == fought


def test_a_scene_phrase_pointing_at_what_no_one_told_keeps_the_sentence_out_of_the_body():
    """"On completion of this review, ..." when no report told of a review: it points at
    nothing the reader has met, so it is told in `more`, and the sentence before it (whose
    speakers it quotes) stands in the body alone. Told of the review, it follows it."""
    said = "Transport officials said 14 stations on the line would close in March."
    review = ("\u201cOn completion of this review, the agency will decide which stations "
              "reopen in 2026,\u201d the officials said.")
    for before, shown in ((said, False),
                          (said.replace("would", "would be reviewed and"), True)):
        story = merged(
            article("a.txt", "A", VOTE, *RUN[1:4], GOVERNORS),
            article("b.txt", "B", VOTE, before, review, *RUN[1:4], GOVERNORS),
            lead="a.txt",
        )
        body = texts(story.body)
        assert before in body
        assert (review in body) is shown
        assert review in body + texts(story.more)
    # in the writer's own words the phrase sums up the sentence before it
    summed = "After this setback, the agency will decide which stations reopen in 2026."
    assert not units_module.untold_referent(summed, set())


def test_nothing_breaks_a_run_between_a_lead_in_and_the_quotation_it_announces():
    """A's run reaches its limit at the lead-in ("Senator Reyes ... pushed back hard on the
    governors' objections"); the quotation that bears it out ('“...,” Reyes said') comes
    next. B's unit, moved up to break the run, goes before the lead-in, never between the
    claim and the words that make it."""
    from builder.merge.output import body_parts
    from builder.merge.units import quotes_named_before
    lead_in = ("Senator Tom Reyes of Texas, speaking on the floor before the vote, pushed back "
               "hard on the governors' objections to the bill.")
    quote = ("\u201cWhen the line closes, the towns along it close too,\u201d "
             "Reyes said.")
    absent = "Two senators did not vote at all: Lena Park of Oregon and Omar Hale of Utah."
    assert quotes_named_before(lead_in, quote)
    assert not quotes_named_before(VOTE, quote)  # a speaker the sentence before never names
    reading = _run_reading([VOTE, *RUN[:5], lead_in, quote, *RUN[5:], GOVERNORS],
                           [VOTE, absent])
    a, b = reading.spans[0], reading.spans[1]
    order = [*a[:8], *b[1:], *a[8:]]  # the weave's order: B's after the quotation
    parts, _ = body_parts(reading, order, True, weight=reading.words, spine=0)
    printed = [p.sentence.text for _, ps in parts for p in ps]
    assert quote in printed and lead_in in printed
    assert printed.index(quote) == printed.index(lead_in) + 1
    assert absent in printed
