"""The backbone's minor lines make room for the news another report adds (exchange.py):
on a full page, a fact other reports give takes the place of a line only the backbone
tells, which goes to `more`; the backbone's opening and a sentence's support stay."""

from __future__ import annotations

from tests.merge_support import VOTE, article, merged

FIRST = "It was the first override of his presidency, a rare rebuke from his own party."
RULE = "Two-thirds of the chamber must agree to override a veto under the constitution."
LATER = "The measure had passed both chambers in the spring with broad support from both parties."
# one outlet's colour: an unnamed aide on the mood of the day
QUOTE = ("\u201cI have never seen the corridors so quiet on a vote day, and I have been here "
         "for a long time, longer than most of them,\u201d an aide to one senator said.")
# the news two other reports give: who gets what, with names and figures
FACT = ("Governor Carl Dane of Ohio said the state would receive $2.4 billion for the line, "
        "and Mayor Eve Fox of Toledo said 1,200 jobs in the city depended on the trains.")
FACT_C = ("Ohio stands to get $2.4 billion, Governor Carl Dane said, while Mayor Eve Fox of "
          "Toledo counted 1,200 jobs tied to the trains.")


def body(story) -> list[str]:
    return [s.text for b in story.body for s in b.sentences]


def page(story) -> list[str]:
    return [s.text for b in story.body + story.more for s in b.sentences]


def test_another_reports_news_takes_the_room_of_the_backbones_minor_quote():
    """The backbone fills the budget; the figures and names two other reports give do not
    fit after it. They take the place of the aide's quotation that only the backbone
    prints, which goes to `more`: nothing is lost."""
    story = merged(article("a.txt", "A", VOTE, FIRST, RULE, LATER, QUOTE),
                   article("b.txt", "B", VOTE, FIRST, FACT, RULE, LATER),
                   article("c.txt", "C", VOTE, FACT_C), lead="a.txt")
    texts = body(story)
    assert any("$2.4 billion" in t and "1,200 jobs" in t for t in texts)
    assert QUOTE not in texts
    # told where it follows in its report: after the override, before the rule
    added = next(k for k, t in enumerate(texts) if "$2.4 billion" in t)
    assert texts.index(FIRST) < added < texts.index(RULE)
    assert all(t in page(story) for t in (VOTE, FIRST, RULE, LATER, QUOTE))


def test_the_line_leaning_on_a_traded_one_goes_with_it():
    """"The aide ..." needs the quotation before it: traded, the two go together, never
    the quotation alone (the aide's line would point at nobody)."""
    aide = "The aide, who has worked in the Senate for 22 years, asked not to be named."
    story = merged(article("a.txt", "A", VOTE, FIRST, RULE, QUOTE, aide),
                   article("b.txt", "B", VOTE, FIRST, FACT, RULE),
                   article("c.txt", "C", VOTE, FACT_C), lead="a.txt")
    texts = body(story)
    assert any("$2.4 billion" in t for t in texts)
    assert aide not in texts or texts[texts.index(aide) - 1] == QUOTE
    assert aide in page(story) and QUOTE in page(story)


def test_the_backbones_opening_is_not_traded():
    """A line of the backbone's opening paragraphs stays, however little it adds: the
    lede tells the story's event."""
    minor = ("The gallery was half empty for most of the afternoon, and several senators "
             "left for the airport before the last speeches of the long debate had ended, "
             "as they often do on the last afternoon before a long recess.")
    story = merged(article("a.txt", "A", VOTE, minor, RULE, LATER),
                   article("b.txt", "B", VOTE, RULE, FACT, LATER),
                   article("c.txt", "C", VOTE, FACT_C), lead="a.txt")
    assert minor in body(story)


def test_a_line_only_the_backbones_copies_print_is_still_one_reports():
    """Another outlet printing the backbone's wire text word for word (a copy) is no
    second voice: the aide's quotation that only the wire and its copy print is still one
    report's minor line, and it makes room for the names and figures two other reports
    give, as it does without the copy."""
    wire = (VOTE, FIRST, RULE, LATER, QUOTE)
    story = merged(article("a.txt", "A", *wire),
                   article("a2.txt", "A2", *wire),
                   article("b.txt", "B", VOTE, FIRST, FACT, RULE, LATER),
                   article("c.txt", "C", VOTE, FACT_C), lead="a.txt")
    assert [s.copy_of for s in story.sources] == [None, 1, None, None]
    texts = body(story)
    assert any("$2.4 billion" in t and "1,200 jobs" in t for t in texts)
    assert QUOTE not in texts and QUOTE in page(story)
