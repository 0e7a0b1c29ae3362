"""A printed sentence cites each report that states all of it, in its own words too
(support.Support.states): every content word in its sense's form (restated.yaml), every
figure as printed and every name, in one or two consecutive sentences of the report."""

from __future__ import annotations

from tests.merge_support import article, merged

HURT = "Police said 12 protesters were hurt in the clashes."
LEAD = "Riot police fired tear gas at protesters outside parliament in Athens on Wednesday."


def everything(story) -> list:
    return [*story.brief, *(s for b in story.body for s in b.sentences),
            *(s for b in story.more for s in b.sentences)]


def cited(story, text: str) -> set[int]:
    found = [set(s.sources) for s in everything(story) if s.text == text]
    assert found, text
    return found[0]


def athens(other: str):
    """A's account, printed in the body; B tells the injuries in other words (`other`)."""
    a = article("a.txt", "A", LEAD, HURT,
                "The government has promised to press ahead with the spending cuts.",
                "Prime Minister George Papandreou defended the cuts in parliament.",
                "The European Union and the IMF have agreed a rescue loan for Greece.",
                "Banks and ministries in the capital were closed for the general strike.",
                "Flights to and from Greek airports were grounded for the day.")
    b = article("b.txt", "B",
                "Thousands marched through central Athens on Wednesday against the cuts.",
                other, "Unions have called another general strike for next week.")
    c = article("c.txt", "C", "Demonstrators were injured in the clashes, officers said.",
                "Unions said the cuts would hit pensioners hardest.")
    return merged(a, b, c, lead="a.txt")


def test_a_report_telling_the_fact_in_other_words_with_the_same_figure_is_cited():
    # "demonstrators" / "protesters", "injured" / "hurt", "officers" / "police": a share of
    # the words as printed finds one word in four; in their senses, every one is there.
    story = athens("In all, 12 demonstrators were injured in the clashes, officers said.")
    assert cited(story, HURT) == {1, 2}


def test_a_report_lacking_the_figure_is_not_cited_though_it_tells_the_rest():
    # C says demonstrators were injured in the clashes, but not how many.
    story = athens("In all, 12 demonstrators were injured in the clashes, officers said.")
    assert 3 not in cited(story, HURT) and 2 in cited(story, HURT)
    named = athens("In all, 12 demonstrators were injured in the clashes in Salonika, "
                   "officers said.")
    # B's sentence names a place A never gives: A does not state it
    assert cited(named, "In all, 12 demonstrators were injured in the clashes in Salonika, "
                        "officers said.") == {2}


def test_a_sentence_with_a_clause_of_its_own_still_states_the_shorter_one():
    longer = ("In all, 12 demonstrators were injured in the clashes, officers said, "
              "and five shops were burned.")
    story = athens(longer)
    assert cited(story, HURT) == {1, 2}
    # ... and, saying more than A, it is printed too, cited to B alone
    assert cited(story, longer) == {2}


def test_a_sentence_the_page_states_in_other_words_is_not_printed_again_in_more():
    other = "In all, 12 demonstrators were injured in the clashes, officers said."
    story = athens(other)
    assert cited(story, HURT) == {1, 2}
    assert other not in [s.text for s in everything(story)]
    # one that says more stays: its clause is told nowhere else
    longer = ("In all, 12 demonstrators were injured in the clashes, officers said, "
              "and five shops were burned.")
    assert longer in [s.text for s in everything(athens(longer))]
