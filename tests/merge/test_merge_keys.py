"""Key facts reach the body: what the headline names, and what most reports tell, is told
in the story, not left to `more`."""

from __future__ import annotations

from tests.merge_support import article, merged


def texts(blocks) -> list[str]:
    return [s.text for b in blocks for s in b.sentences if b.kind != "heading"]


CLOSED = ("The city council voted on Tuesday to close the Harbour Bridge after engineers "
          "found cracks in its main span.")
COST = "Repairs could cost 12 million dollars and take until the spring, the council said."
FERRIES = "Ferries will run every 15 minutes between the two shores while the bridge is shut."
QUEUES = "Drivers sat in long queues on the approach roads all evening."
LOPEZ = "Mayor Ana Ruiz named the engineer Maria Lopez to lead the repairs."


def test_what_the_headline_names_is_told_with_what_leads_up_to_it() -> None:
    # Lopez's sentence follows one the body does not tell (the queues, which give nothing
    # the page lacks): woven in alone it would not read, so the weave leaves both out,
    # unless the headline names her.
    lead = article("a.txt", "A", CLOSED, COST, FERRIES)
    other = article("b.txt", "B", CLOSED, QUEUES, LOPEZ, COST, FERRIES)
    plain = merged(lead, other, lead="a.txt")
    assert LOPEZ not in texts(plain.body)
    story = merged(lead, other, lead="a.txt",
                   title="Harbour Bridge shut for repairs; Maria Lopez to lead them")
    body = texts(story.body)
    assert body[:3] == [CLOSED, QUEUES, LOPEZ]
    assert LOPEZ not in texts(story.more)


# "Halden Consulting" in sentences whose other words the page mostly prints: a name, not a
# person or a figure, so the weave alone would take each for a retelling.
HALDEN = "Engineers from Halden Consulting examined the cracks in the main span."
HALDEN_OPENING = "Halden Consulting engineers found the cracks that shut the bridge."
HALDEN_AGAIN = "The inspection of the span was carried out by Halden Consulting."
HALDEN_RETOLD = "Engineers of Halden Consulting found the cracks in the main span of the bridge."


def test_a_name_several_reports_give_is_told_where_its_report_tells_it() -> None:
    lead = article("a.txt", "A", CLOSED, COST, FERRIES)
    story = merged(lead,
                   article("b.txt", "B", CLOSED, COST, HALDEN),
                   article("c.txt", "C", HALDEN_AGAIN, CLOSED),
                   article("d.txt", "D", HALDEN_OPENING, COST), lead="a.txt")
    body = texts(story.body)
    # once, after the fact it follows in its report, in a sentence that is not a report's
    # opening (an opening retells the event)
    assert body == [CLOSED, COST, HALDEN, FERRIES]
    printed = next(s for b in story.body for s in b.sentences if s.text == HALDEN)
    assert 2 in printed.sources  # B's sentence, cited to B


def test_a_name_only_two_reports_give_is_no_reason_to_retell() -> None:
    lead = article("a.txt", "A", CLOSED, COST, FERRIES)
    story = merged(lead,
                   article("b.txt", "B", CLOSED, COST, HALDEN),
                   article("c.txt", "C", CLOSED, FERRIES, HALDEN_RETOLD),
                   article("d.txt", "D", CLOSED, COST), lead="a.txt")
    assert texts(story.body) == [CLOSED, COST, FERRIES]
    assert HALDEN in texts(story.more)


def test_a_name_several_give_follows_the_two_printed_sentences_its_report_retells() -> None:
    # B's sentence before the name retells the page's first two sentences together (the
    # cracked span and the cost), neither alone: the name goes where that retelling ends.
    retold = ("Cracks in the main span of the Harbour Bridge and a repair bill put at 12 "
              "million dollars left commuters facing months of long detours.")
    lead = article("a.txt", "A", CLOSED, COST, FERRIES)
    story = merged(lead,
                   article("b.txt", "B", QUEUES, retold, HALDEN),
                   article("c.txt", "C", HALDEN_AGAIN, CLOSED),
                   article("d.txt", "D", HALDEN_OPENING, COST), lead="a.txt")
    assert texts(story.body) == [CLOSED, COST, HALDEN, FERRIES]


# Its words are the page's, scattered over three sentences (no one of them tells it): the
# weave alone takes it for a retelling, though it is a fact of its own.
BUDGET = "The council said ferries and repairs will be paid from the bridge budget."
OWN = {  # what each other report tells alone: three reports, not copies of one
    "b": ("Traffic was diverted onto the ring road by early evening, police said.",
          "Shops near the bridge reported a quiet afternoon as regulars stayed away."),
    "c": ("Motorists faced a long wait as the closure took effect during the rush hour.",
          "Cyclists may still cross on the footpath, a spokesman for the council added."),
    "d": ("Engineers described the cracks as serious but not an immediate danger.",
          "Residents on both shores said they would rely on the ferries for now."),
}


def _telling_budget(name: str):
    lede, tail = OWN[name]
    return article(f"{name}.txt", name.upper(), lede, COST, BUDGET, tail)


def test_a_fact_several_reports_tell_is_told_in_the_body_cited_to_them() -> None:
    lead = article("a.txt", "A", CLOSED, COST)
    story = merged(lead, *map(_telling_budget, "bcd"), lead="a.txt")
    body = texts(story.body)
    assert body[:3] == [CLOSED, COST, BUDGET]
    printed = next(s for b in story.body for s in b.sentences if s.text == BUDGET)
    assert tuple(printed.sources) == (2, 3, 4)


def test_a_fact_two_reports_tell_in_the_pages_words_stays_in_more() -> None:
    lead = article("a.txt", "A", CLOSED, COST)
    story = merged(lead, *map(_telling_budget, "bc"),
                   article("d.txt", "D", OWN["d"][0], COST, OWN["d"][1]), lead="a.txt")
    assert BUDGET not in texts(story.body)
    assert BUDGET in texts(story.more)


PRIMARY = "Liz Cheney is challenging Senator Mike Enzi in next year's Republican primary."
STANCE = ("Liz Cheney said on Friday that she opposes same-sex marriage and that the states "
          "should decide the issue.")
SISTER = "Her sister Mary Cheney, who is married to a woman, called the stance dead wrong."
SLATED = "The election is slated for 2014."


def _primary(published: str | None):
    lead = article("a.txt", "A", STANCE, PRIMARY, SISTER, published=published)
    other = article("b.txt", "B", STANCE, PRIMARY, SLATED, published=published)
    return merged(lead, other, lead="a.txt")


def test_a_year_the_page_names_as_next_year_is_no_figure_of_its_own() -> None:
    # "next year's primary", written in 2013, is 2014: "slated for 2014" tells nothing new
    story = _primary("2013-11-16")
    assert SLATED not in texts(story.body)
    assert SLATED in texts(story.more)


def test_an_undated_reports_next_year_is_no_known_year() -> None:
    story = _primary(None)
    assert SLATED in texts(story.body)
