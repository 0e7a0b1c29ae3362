"""A fact the body tells twice in two wordings is told once (builder/merge/restated.py)."""

from __future__ import annotations

from builder.merge.grouping import group
from builder.merge.normalise import features
from builder.merge.reading import Reading
from builder.merge.restated import restated, restates
from builder.merge.similarity import Idf
from builder.merge.units import Piece
from tests.merge_support import article, merged


def _body(story) -> list[str]:
    return [s.text for block in story.body for s in block.sentences]


def _anywhere(_: str) -> bool:
    return True


# The fullest report tells how the attack worked (a sentence and the council's quotation),
# then tells it again in other words: "hackers" for "an attacker", "staff" for "workers",
# "computers" for "a remote system", the council as speaker.
HOW = ("According to the council, the flaw let an attacker reach the records of residents by "
       "sending workers a poisoned email.")
QUOTE = ("“This issue could allow the attacker to copy the records to a remote system,” "
         "the council explained.")
AGAIN = ("Hackers could send staff poisoned emails, the council said, and then copy residents' "
         "records to their own computers.")


def test_a_sentence_telling_again_what_an_earlier_one_tells_goes_to_more():
    story = merged(
        article("a.txt", "A",
                "Hackers broke into the computer network of Leeds City Council on Monday, "
                "officials said.",
                HOW, QUOTE,
                "Mayor Jo Lind called the theft a disgrace and promised an inquiry.",
                AGAIN,
                "Police in Yorkshire are investigating the break-in with the help of "
                "12 detectives.",
                published="2024-03-05"),
        article("b.txt", "B",
                "Hackers broke into the computer network of Leeds City Council on Monday.",
                "Mayor Jo Lind promised an inquiry.",
                published="2024-03-05"),
    )
    body = _body(story)
    assert HOW in body and QUOTE in body
    assert AGAIN not in body
    assert AGAIN in [s.text for block in story.more for s in block.sentences]  # nothing lost
    assert sum("Mayor Jo Lind" in s or "12 detectives" in s for s in body) == 2


def test_names_and_figures_are_matched_in_their_other_forms():
    told = features("The company said attacks were targeted, and limited to users of "
                    "Internet Explorer 8 and Internet Explorer 9.")
    again = features("Targeted attacks directed at IE8 and 9 had been reported, it said.")
    assert restates(again, [told], _anywhere)
    other = features("Targeted attacks directed at IE10 and 11 had been reported, it said.")
    assert not restates(other, [told], _anywhere)


def test_a_sentence_adding_a_place_a_time_or_a_count_of_its_own_is_no_restatement():
    spate = features("The heist near Place Vendome is the latest to hit France after a spate "
                     "of high-profile robberies in the southern resort of Cannes.")
    paris = features("Paris has also been the scene of high-profile robberies.")
    assert not restates(paris, [spate], _anywhere, page_names=frozenset({"paris", "cannes"}))
    vote = features("The House voted on the bill on Wednesday, a week after the Senate voted.")
    earlier = features("The bill cleared the House earlier this month by a vote.")
    assert not restates(earlier, [vote], _anywhere)
    hurt = features("Police said 18 people had been injured in the riots.")
    other_count = features("Police said 12 people had been injured in the riots.")
    assert not restates(other_count, [hurt], _anywhere)


def test_a_detail_printed_nowhere_else_keeps_the_sentence():
    told = features("Rioters hurled rocks and petrol bombs at police officers in the square.")
    partial = features("Rioters hurled rocks at police, and firefighters doused burning cars.")
    assert not restates(partial, [told], lambda t: False)
    assert restates(features("Rioters threw stones at the police."), [told], lambda t: False)


def test_a_quotation_or_a_denial_is_never_a_restatement():
    told = features("The minister said the budget would be cut by a tenth next year.")
    quoted = features('"The budget will be cut by a tenth next year," the minister said.')
    denied = features("The minister said the budget would not be cut next year.")
    assert not restates(quoted, [told], _anywhere)
    assert not restates(denied, [told], _anywhere)


def _reading(*reports: list[str]) -> Reading:
    pieces = [[Piece(s, i, i, "paragraph", features(t)) for i, t in enumerate(r)]
              for s, r in enumerate(reports)]
    idf = Idf([p.feat for r in pieces for p in r])
    return Reading.of(dict(enumerate(pieces)), group(pieces, idf))


def test_a_fact_told_first_by_more_reports_keeps_its_place_before_a_fuller_telling():
    """"Police responded with tear gas" (two reports) and, later, one report's fuller
    "... officers, who responded with stun grenades and tear gas": the fuller telling adds
    to the first, it does not replace it; told after the fuller one, it would go."""
    opening = "Thousands marched against the budget in Athens on Wednesday."
    first = "Police responded with barrages of tear gas."
    strike = "Schools and ports across Greece were shut by a general strike."
    fuller = ("Protesters launched rocks and petrol bombs at officers, who responded with stun "
              "grenades and tear gas.")
    reading = _reading([opening, first, strike], [first, strike], [opening, fuller])
    a, c = reading.spans[0], reading.spans[2]
    assert restated(reading, [*a, c[1]]) == set()
    assert restated(reading, [a[0], c[1], *a[1:]]) == {a[1]}
