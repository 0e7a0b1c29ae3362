"""One fact told twice in other words: the same sum of money in two printed sentences
(builder/merge/retold.py)."""

from __future__ import annotations

from builder.merge.normalise import features
from builder.merge.output import Printed, near_copies
from builder.merge.quantities import quantities
from builder.merge.retold import own_keys, rates, same_sum
from builder.merge.units import Piece
from builder.model import Sentence
from tests.merge_support import article, merged


def texts(blocks) -> list[str]:
    return [s.text for b in blocks for s in b.sentences if b.kind != "heading"]


LEDE = ("Ram-raiders ploughed their vehicle into an upmarket jewellery boutique in central "
        "Paris on Monday, making off with €2 million worth of loot.")
WIRE = ("Four men rammed their car into an upmarket jewellery store in central Paris on "
        "Monday, smashing the shop window and making off with a €2 million ($2.6 million) "
        "booty, a police source said.")
SITE = "Forensic police are going through the site of the robbery on the Rue de Castiglione."
FIRE = "Firefighters found the burnt car in a side street near the Louvre."


def test_a_sum_told_again_by_a_sentence_fewer_reports_back_goes_to_more() -> None:
    story = merged(article("local.txt", "The Local", LEDE, WIRE, SITE),
                   article("afp.txt", "AFP", WIRE, FIRE),
                   article("yahoo.txt", "Yahoo", WIRE, SITE),
                   lead="local.txt")
    body = texts(story.body)
    assert LEDE not in body and WIRE in body
    assert LEDE in texts(story.more)  # nothing lost


def test_a_sum_told_again_with_a_figure_the_page_lacks_stays() -> None:
    later = ("The men drove a large car into the store at around 4.30am and grabbed watches "
             "worth an estimated two million euros.")
    story = merged(article("local.txt", "The Local", WIRE, later, SITE),
                   article("afp.txt", "AFP", WIRE, FIRE),
                   lead="local.txt")
    assert later in texts(story.body)


def test_the_reports_own_conversions_give_the_rates() -> None:
    found = rates([WIRE, "They took 2m euros (£1.7m; $2.6m) in gems."])
    assert round(found["€", "$"], 2) == 1.3 and round(found["$", "€"], 3) == round(1 / 1.3, 3)
    assert round(found["€", "£"], 2) == 0.85
    euros = quantities("jewellery worth €103 million")[0]
    dollars = quantities("an $136M worth of diamonds")[0]
    assert same_sum(euros, dollars, found)
    assert not same_sum(euros, dollars, {})  # no rate printed: two sums
    assert not same_sum(euros, quantities("loot worth $200 million")[0], found)


def test_a_conversion_in_brackets_is_no_figure_of_its_own() -> None:
    assert own_keys(WIRE) == {"paris", "monday", "2", "4"}  # four men
    assert "25.7" not in own_keys("Greece will slice 30bn euros (25.7bn) from its deficit.")


CANNES = ("At the end of July, an armed man robbed a diamond exhibition at the Carlton hotel "
          "in Cannes, making off with jewellery worth €103 million in one of the world's "
          "biggest heists.")
CANNES_DOLLARS = ("The raid comes a month after a masked bandit made off with $136M worth of "
                  "diamonds from the Carlton Intercontinental Hotel in Cannes on the glamorous "
                  "French Riviera.")
LONE = ("A lone robber entered through a French door at the side of the building on the "
        "famed La Croisette seafront.")
# (NBC's closing lines make it the longest report: the body has room for what it adds)
LARGE = ("Despite a huge police investigation across the whole of the south of France and "
         "beyond its borders, the audacious culprit of that robbery remains at large today.")


def test_a_sum_the_page_gives_in_another_currency_is_not_woven_in_again() -> None:
    # The Local gives the Cannes heist in euros, NBC in dollars: one heist, one sum at the
    # rate the reports themselves print ("€2 million ($2.6 million)").
    story = merged(article("local.txt", "The Local", WIRE, SITE, CANNES),
                   article("nbc.txt", "NBC", WIRE, CANNES_DOLLARS, LONE, LARGE),
                   lead="local.txt")
    body = texts(story.body)
    assert CANNES in body and CANNES_DOLLARS not in body
    assert CANNES_DOLLARS in texts(story.more)


def test_another_currencys_sum_at_another_rate_is_a_figure_of_its_own() -> None:
    other = CANNES_DOLLARS.replace("$136M", "$250M")
    story = merged(article("local.txt", "The Local", WIRE, SITE, CANNES),
                   article("nbc.txt", "NBC", WIRE, other, LONE, LARGE),
                   lead="local.txt")
    assert other in texts(story.body)


def test_a_near_copy_more_reports_back_takes_the_place_of_one_in_another_currency() -> None:
    pounds = CANNES.replace("€103 million", "£88m")
    sky = Printed(Piece(3, 4, 4, "paragraph", features(pounds)), Sentence(pounds, (3,)))
    local = Printed(Piece(6, 8, 8, "paragraph", features(CANNES)), Sentence(CANNES, (2, 6, 9)))
    parts = [("paragraph", [sky]), ("paragraph", [local])]
    story_rates = {("£", "€"): 1 / 0.85, ("€", "£"): 0.85}
    assert near_copies(parts, story_rates) == {id(local): None, id(sky): local}
    # at no printed rate the two are two sums: the earlier stays
    assert near_copies(parts, {}) == {id(local): None}
