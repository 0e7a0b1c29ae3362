"""What the body takes from the other reports: the facts most of them tell first, the
backbone's own facts kept when a run of its sentences is broken up, people introduced
before they are called by their surname, and a near-copy replaced only by the same
sentence told richer."""

from __future__ import annotations


from tests.merge_support import GOVERNORS, RUN, VOTE, article, merged


def body(story) -> list[str]:
    return [s.text for b in story.body for s in b.sentences]


def page(story) -> list[str]:
    return [s.text for b in story.body + story.more for s in b.sentences]


BACKBONE = [
    VOTE,
    "It was the first override of his presidency, a rare rebuke from his own party.",
    "Two-thirds of the chamber must agree to override a veto under the constitution.",
    "Party leaders had counted their votes carefully for most of the previous week.",
    "Several senators who had opposed the bill in the spring changed their minds.",
    "Lobbyists for the railway unions had pressed hard in the final days of debate.",
    "Opponents warned that the cost to the states had never been properly counted.",
    "The final tally was 97-1 after a short and quiet debate in the chamber.",
    GOVERNORS,
]


def test_a_run_of_the_backbones_own_sentences_is_broken_by_another_report_not_cut():
    """Seven sentences in a row that only the backbone gives: another report's fact, due
    later, is told between them, and the backbone's figure (97-1) stays in the body."""
    other = article("b.txt", "B", VOTE, GOVERNORS,
                    "The House followed hours later, voting 348-77 to override the veto.")
    story = merged(article("a.txt", "A", *BACKBONE), other, lead="a.txt")
    texts = body(story)
    assert any("97-1" in t for t in texts)
    assert any("348-77" in t for t in texts)


def test_the_fact_most_reports_tell_is_added_before_one_outlets_aside():
    """Room for one more unit: the vote count three reports give, not one writer's colour."""
    count = "The House then voted 348-77 to override the veto, making the transit bill law."
    aside = "The corridors of the Capitol were unusually quiet in the warm autumn afternoon light."
    short = [VOTE, "It was the first override of his presidency, a rare rebuke from his own party."]
    story = merged(
        article("a.txt", "A", *short),
        article("b.txt", "B", VOTE, aside, count),
        article("c.txt", "C", VOTE, "House members then voted 348-77 to override, making the bill law."),
        article("d.txt", "D", VOTE, "The House vote of 348-77 that followed made the transit bill law."),
        lead="a.txt",
    )
    texts = body(story)
    assert any("348-77" in t for t in texts)
    assert aside not in texts
    assert aside in page(story)  # nothing lost


def test_a_surname_is_not_woven_in_before_the_person_is_introduced():
    """The quotation fits the body's budget, the sentence introducing its speaker does
    not: "Harlow said" alone would name nobody the reader knows, so both stay in more."""
    intro = ("Speaking on Sunday morning television, Sen. Jim Harlow, who chairs the transport "
             "committee and voted against the bill in the spring, said the party must now unite "
             "behind the override and apologise to the commuters who waited for years.")
    quote = "\u201cWe need leaders who are focused on the election,\u201d Harlow said."
    story = merged(
        # (in two paragraphs, its opening: no line of it makes room for the introduction,
        # exchange.py)
        article("a.txt", "A", BACKBONE[0], " ".join(BACKBONE[1:7])),
        article("b.txt", "B", VOTE, intro, quote),
        lead="a.txt",
    )
    assert quote not in body(story)
    assert quote in page(story) and intro in page(story)


def test_a_much_longer_passage_does_not_replace_the_sentence_it_shares():
    """A near-copy that adds a name takes the earlier sentence's place only when it is the
    same sentence told richer, not a long passage quoting it."""
    short = "Kristol wrote that the war was not a war of Obama's choosing and must be won."
    long = ("Indeed, as the Democratic spokesman Brad Woodhouse has said, the chairman's statement "
            "puts him at odds with his party, and Kristol wrote that the war was not a war of "
            "Obama's choosing and must be won, at a time when General Petraeus has just taken "
            "command and the party is pushing for a clear commitment to victory.")
    story = merged(article("a.txt", "A", VOTE, short), article("b.txt", "B", VOTE, long), lead="a.txt")
    assert short in body(story)


def test_another_reports_sentence_is_woven_in_only_after_the_fact_it_follows():
    """Out of its context a sentence tells of another event: the lone robber belongs to
    the Cannes heist that only report B sets up, so it stays in `more` with its setup."""
    heist = "Four men rammed a car into a jewellery store in central Paris on Monday and took 2 million euros."
    cannes = "Last month a masked man robbed a diamond exhibition at the Carlton hotel in Cannes."
    robber = "A lone robber entered through a French door and escaped through a window with the gems."
    story = merged(
        article("a.txt", "A", heist, "Police said the thieves set fire to the car before escaping.",
                "Forensic teams spent the day at the store on the Rue de Castiglione."),
        article("b.txt", "B", heist, "Investigators are studying footage from nearby cameras.", cannes, robber),
        lead="a.txt",
    )
    texts = body(story)
    assert robber not in texts or (cannes in texts and texts.index(cannes) < texts.index(robber))
    assert robber in page(story)


def test_an_added_sentence_never_comes_between_a_sentence_and_one_that_leans_on_it():
    attack = "A spokesman for the opposition said the chairman was rooting for failure in the war."
    answer = "Party officials dismissed that criticism as a cheap shot from a rival campaign."
    extra = "Senator Jim Harlow said the chairman must apologise."
    story = merged(
        article("a.txt", "A", VOTE, attack, answer,
                "The chairman did not respond to calls for his resignation on Friday evening."),
        article("b.txt", "B", VOTE, attack, extra),
        lead="a.txt",
    )
    texts = body(story)
    assert texts.index(answer) == texts.index(attack) + 1
    assert extra in texts


def test_the_backbones_sentence_is_printed_in_another_reports_richer_telling():
    """The same fact, told by two other reports with a detail the backbone never gives
    (the four men): the richer sentence takes the backbone's place, cited only to the
    reports that state it in full."""
    lede = "Thieves pulled off a two million euro jewellery heist in central Paris on Monday morning."
    rich = ("Four men rammed their car into a jewellery store in central Paris on Monday and "
            "escaped with two million euros.")
    also = "Four men rammed a car into the Paris store on Monday, police said."
    story = merged(
        article("a.txt", "A", lede, "Forensic teams spent the day at the store on the Rue de Castiglione."),
        article("b.txt", "B", rich, "Forensic teams spent the day at the store on the Rue de Castiglione."),
        article("c.txt", "C", also),
        lead="a.txt",
    )
    texts = body(story)
    assert rich in texts and lede not in texts
    cited = next(s for b in story.body for s in b.sentences if s.text == rich)
    assert 1 not in cited.sources


FERRIES = "Ferries will run every 15 minutes across the harbour while the bridge is shut."
QUIET = "Party leaders had counted their votes carefully for most of the previous week."
LOUD = "Opponents warned that the cost to the states had never been properly counted."


def test_the_newest_report_tells_the_story_when_the_others_back_both_alike():
    """Two accounts the third report backs alike: the one written later tells the story
    as it now stands; what only the older one says is not woven in (no figure, name or
    quotation)."""
    third = article("c.txt", "C", VOTE, GOVERNORS, published="2024-03-06")
    story = merged(article("a.txt", "A", VOTE, GOVERNORS, QUIET, published="2024-03-05"),
                   article("b.txt", "B", VOTE, GOVERNORS, LOUD, published="2024-03-06"), third)
    assert LOUD in body(story) and QUIET not in body(story)
    assert QUIET in page(story)


def test_the_fuller_report_tells_the_story_when_the_others_back_both_alike():
    fuller = LOUD.replace("counted.", "counted by the bill's authors or its supporters.")
    third = article("c.txt", "C", VOTE, GOVERNORS)
    story = merged(article("a.txt", "A", VOTE, GOVERNORS, QUIET),
                   article("b.txt", "B", VOTE, GOVERNORS, fuller), third)
    assert fuller in body(story) and QUIET not in body(story)


def test_another_writers_colour_stays_in_more():
    """A unit with no figure, name or quotation the page lacks retells the story in its
    writer's words: the body does not need it from another outlet."""
    mood = "The mood in the chamber was sombre and tense as the long debate drew to its close."
    story = merged(article("a.txt", "A", VOTE, GOVERNORS),
                   article("b.txt", "B", VOTE, mood, GOVERNORS), lead="a.txt")
    assert mood not in body(story)
    assert mood in page(story)


def test_a_unit_naming_a_new_person_is_woven_in_though_its_matter_is_on_the_page():
    changed = "Several senators who had opposed the transit bill in the spring changed their minds."
    walsh = ("Senator Jim Walsh backed the override on Wednesday, though he had opposed the "
             "bill and the plans of the governors.")  # most of its words are on the page
    mood = "The mood in the chamber was sombre and tense as the long debate drew to its close."
    story = merged(article("a.txt", "A", VOTE, changed, GOVERNORS),
                   article("b.txt", "B", VOTE, walsh, GOVERNORS, mood), lead="a.txt")
    assert walsh in body(story)


def test_a_report_telling_two_facts_in_one_sentence_is_cited_on_both():
    """Report B tells the vote and what follows it in one sentence; the grouping links it
    to one of A's two sentences, and B still backs the other in full: cited on both."""
    both = ("The Senate voted on Wednesday to override the president's veto of the transit "
            "bill, and the bill now goes to the governors, who must draw up plans within a year.")
    story = merged(article("a.txt", "A", VOTE, "The Senate's vote was quiet and short.", GOVERNORS),
                   article("b.txt", "B", "Lawmakers spent the morning on other business.", both),
                   lead="a.txt")
    cited = {s.text: s.sources for b in story.body for s in b.sentences}
    assert cited[VOTE] == (1, 2) and cited[GOVERNORS] == (1, 2)


def test_a_unit_is_not_moved_ahead_of_the_person_it_names_to_break_a_run():
    """Seven sentences only the backbone gives, then the one introducing Maria Okafor: the
    other report's line about her, due after that sentence, is not moved ahead of it to
    break the run."""
    okafor = "Union leader Maria Okafor had led the campaign for the bill across the state."
    reaction = "\u201cWe will hold every mayor to the new deadline,\u201d Okafor told reporters outside."
    story = merged(article("a.txt", "A", VOTE, *BACKBONE[1:8], okafor, GOVERNORS),
                   article("b.txt", "B", VOTE, okafor, reaction), lead="a.txt")
    texts = body(story)
    assert reaction in texts
    assert texts.index(okafor) < texts.index(reaction)


# Ten sentences of one report, each on its own matter, none naming anyone.
CLOSURE = ("Shopkeepers on the quay counted their losses as the first week ended.",
           "A bakery near the old ferry steps sold barely half its usual bread.",
           "Taxi drivers queued for hours at the only other crossing upstream.",
           "Schools on the north bank opened late while buses found new routes.",
           "Fishermen moved their boats to the outer basin to reach the market.",
           "Hospital staff were offered rooms in a hotel beside the main wards.",
           "Cyclists were told to dismount and walk across the lower lock gates.",
           "A church hall became a waiting room for commuters stuck in the rain.",
           "Delivery vans began arriving at night to avoid the daytime queues.",
           "Students organised a rota of volunteers to help older neighbours shop.")


def test_the_opening_is_never_cut_to_break_a_run():
    """The backbone's opening starts a run of its own sentences too long to print, and the
    one unit another report adds cannot break it (it names the mayor, whom only the end of
    the run introduces): a sentence of the run goes to `more`, never the opening, however
    little it tells."""
    opening = ("It was, as so many of them had said it would be, a long and a difficult "
               "evening for all of them.")
    own = list(CLOSURE)
    mayor = "Mayor Ruth Adler of the Harbour district closed the bridge on Tuesday."
    adler = "Adler said repairs could cost 12 million dollars."
    story = merged(article("a.txt", "A", opening, *own, mayor),
                   article("b.txt", "B", mayor, adler), lead="a.txt")
    texts = body(story)
    assert texts[0] == opening
    # "Adler said" opens its sentence, and still names the mayor: told after her
    assert texts.index(mayor) < texts.index(adler)


def test_a_sentence_is_not_printed_in_the_words_of_a_report_that_says_less():
    """Two reports print a shorter sentence grouped with the backbone's: it is better
    backed, but it drops what the backbone's says (who acted, and when), so it is another
    claim, not the same one in other words."""
    said = "The transport ministry said on Tuesday it was reversing the rule made in the final weeks of the old government."
    less = "The rule was made in the final weeks of the old government."
    story = merged(article("a.txt", "A", VOTE, said, GOVERNORS),
                   article("b.txt", "B", VOTE, less), article("c.txt", "C", less), lead="a.txt")
    assert said in body(story)


def test_a_unit_is_not_moved_ahead_of_the_fact_it_follows_to_break_a_run():
    """The other report's unit follows the tally in its own report: breaking the
    backbone's run, it is not told before the tally."""
    tally = "The final tally was 97-1 after a short and quiet debate in the chamber."
    absent = "Two senators did not vote at all: Sens. Tim Kaine and Bernie Sanders."
    story = merged(article("a.txt", "A", VOTE, *BACKBONE[1:7], QUIET, LOUD, tally, GOVERNORS),
                   article("b.txt", "B", VOTE, tally, absent), lead="a.txt")
    texts = body(story)
    assert absent in texts and texts.index(tally) < texts.index(absent)


def test_a_place_named_in_two_words_is_not_a_new_person():
    """A unit most of whose words the page prints, naming a place ("French Riviera"),
    tells the same fact again: it stays in more."""
    cannes = ("In July an armed man stole jewels worth 103 million euros from the Carlton "
              "hotel in Cannes, one of the biggest heists ever.")
    again = ("The raid comes a month after a bandit stole jewels worth 136 million dollars from "
             "the Carlton hotel in Cannes on the French Riviera, one of the biggest heists ever.")
    story = merged(article("a.txt", "A", VOTE, cannes, GOVERNORS),
                   article("b.txt", "B", VOTE, again, GOVERNORS, LOUD), lead="a.txt")
    assert again not in body(story)


def test_a_unit_cut_to_break_a_run_is_not_told_again_in_another_reports_words():
    """The backbone's run is too long and nothing can break it: the unit that tells least
    goes to `more`, and another report's telling of the same fact does not take its place
    (cut for length, the fact is not woven back in as another outlet's lines)."""
    opening = "The old harbour bridge was closed on Monday after engineers found deep cracks."
    own = list(CLOSURE)
    mayor = "Mayor Ruth Adler of the Harbour district closed the bridge on Tuesday."
    adler = "Adler said repairs could cost 12 million dollars."
    # each told again with a detail A lacks: grouped with A's, yet B does not back A's
    # (A names the street), so A's run stays A's alone
    own = [s.replace(" the ", " Quay Street's ", 1) for s in own]
    retold = [f"{s[:-1].replace(' Quay Street' + chr(39) + 's ', ' the ')}, 3 witnesses said."
              for s in own]
    story = merged(article("a.txt", "A", opening, *own, mayor),
                   article("b.txt", "B", *retold, mayor, adler), lead="a.txt")
    texts, everything = body(story), page(story)
    cut = [s for s in own if s not in texts]
    assert cut and all(s in everything for s in cut)
    assert not any(r in texts for r, s in zip(retold, own) if s in cut)


def test_a_unit_giving_a_figure_the_page_lacks_is_woven_in_though_its_words_are_on_it():
    """Most of its words are the page's (the governors, the plans), but the deadline is a
    fact of its own; the same fact with its figure given otherwise stays out (the Cannes
    test above)."""
    deadline = ("The governors said on Thursday that the plans for the transit bill must "
                "reach Congress by 14 March.")
    mood = "The mood in the chamber was sombre and tense as the long debate drew to its close."
    story = merged(article("a.txt", "A", VOTE, GOVERNORS),
                   article("b.txt", "B", VOTE, GOVERNORS, deadline, mood), lead="a.txt")
    assert deadline in body(story)




def test_a_run_is_not_broken_by_cutting_the_unit_another_reports_addition_follows():
    """Seven of A's sentences in a row; B follows A's letter with a senator's reply. Cut
    to break the run, the letter would take the reply with it and the run would stay:
    another unit goes instead, and letter and reply are both told."""
    letter = ("In a long letter, several of them complained loudly and at length about the many "
              "delays they had suffered on the rails lately.")  # tells the least of the run
    added = "He added that they would keep the trains running whatever the cost to them."
    reply = "Senator Gil Hart of Iowa replied that the governors had asked for the bill in 2018."
    a = article("a.txt", "A", VOTE, *RUN, letter, added, GOVERNORS)
    b = article("b.txt", "B", VOTE, added, reply)
    texts = body(merged(a, b, lead="a.txt"))
    assert reply in texts and letter in texts


def test_another_reports_opening_is_not_woven_in_for_its_figure_in_other_money():
    """B's lede tells the raid A told, the loot in pounds where A gives euros: a figure
    of its own, but the same event told again; it stays in `more`."""
    rammed = "Four men rammed their car into a jewellery store in central Paris on Monday."
    took = "They took watches and gems worth two million euros before fleeing in another car."
    lede = "Watches and gems worth £1.7m were taken when robbers rammed a central Paris store."
    story = merged(article("a.txt", "A", rammed, took, *BACKBONE[1:4]),
                   article("b.txt", "B", lede, "Forensic teams spent the day at the shop."),
                   lead="a.txt")
    assert lede not in body(story)
    assert lede in page(story)


def test_a_run_is_not_broken_by_cutting_what_a_later_sentence_takes_as_known():
    """"In his statement, ..." needs the sentence that says a statement was issued: cut to
    break A's run, it would leave "his statement" pointing at nothing."""
    issued = "Late in the day the governor put out a long written statement on the whole affair."
    later = "In his statement, Governor Dane said nothing at all about the plans for the trains."
    reply = "Senator Gil Hart of Iowa replied that the governors had asked for the bill in 2018."
    a = article("a.txt", "A", VOTE, RUN[0], issued, *RUN[1:], later, GOVERNORS)
    texts = body(merged(a, article("b.txt", "B", VOTE, GOVERNORS, reply), lead="a.txt"))
    assert later not in texts or issued in texts[:texts.index(later)]


def test_a_short_sentence_whose_every_word_an_earlier_one_gives_is_not_told_again():
    """'With the override, the transit bill becomes law' after the sentence telling the
    vote that made it law: five words, all said; the page tells it once."""
    house = ("The House voted 348-77 on Wednesday afternoon to override the veto, so the "
             "transit bill becomes law.")
    again = "With the override, the transit bill becomes law."
    story = merged(article("a.txt", "A", VOTE, house, *BACKBONE[1:5], again, GOVERNORS),
                   article("b.txt", "B", VOTE, GOVERNORS), lead="a.txt")
    assert house in body(story)
    assert again not in body(story)


def test_a_unit_follows_the_added_sentence_before_it_not_the_backbones_telling_of_its_words():
    """The quotation follows the senator's sentence in its report; the backbone shares
    words with that sentence ("a rare rebuke"), but the senator's sentence is printed
    itself: the quotation goes right after it, not where the backbone's words are."""
    setup = "Senator Jim Walsh of Ohio called it a rare rebuke from his party."
    quote = "\u201cNobody at the White House saw the defeat coming,\u201d the senator said."
    story = merged(article("a.txt", "A", *BACKBONE),
                   article("b.txt", "B", BACKBONE[7], setup, quote), lead="a.txt")
    texts = body(story)
    assert setup in texts and texts.index(quote) == texts.index(setup) + 1


def test_a_unit_does_not_follow_words_scattered_over_a_backbone_units_sentences():
    """The sentence before the count in its report (the northern marchers' banners) is
    told by none of the page's sentences, though its words are spread over three of them:
    placed there, the count would read as the backbone's march, so it stays in `more`."""
    march = " ".join(["Union leaders marched through the capital on Tuesday morning.",
                      "They chanted slogans against the railway cuts.",
                      "They also carried banners outside the ministry."])
    north = "Union leaders from the north carried banners denouncing railway cuts and frozen wages."
    count = "Police counted 4,000 marchers in the northern city by noon."
    story = merged(article("a.txt", "A", VOTE, march, *BACKBONE[1:5], GOVERNORS),
                   article("b.txt", "B", VOTE, north, count), lead="a.txt")
    assert count not in body(story)
    assert count in page(story)


def test_a_run_is_not_broken_by_cutting_the_only_view_of_a_party():
    """Seven of A's sentences in a row; B's reply follows the end and cannot break them.
    The lightest of the run is the freight firms' objection, the only view of theirs the
    story gives: cut for length, the story would tell only the override's side. Another
    sentence of the run goes instead."""
    view = ("Freight companies argued that the new timetable would slow their deliveries "
            "and raise their costs.")
    reply = "Senator Gil Hart of Iowa replied that the governors had asked for the bill in 2018."
    a = article("a.txt", "A", VOTE, *RUN[:3], view, *RUN[3:], GOVERNORS)
    texts = body(merged(a, article("b.txt", "B", VOTE, GOVERNORS, reply), lead="a.txt"))
    assert view in texts
    assert sum(s in texts for s in RUN) == len(RUN) - 1


def test_an_added_sentence_never_comes_between_a_claim_and_the_quotation_that_bears_it_out():
    """The backbone tells a claim, then the quotation that bears it out: another report's
    sentence that follows the claim in its own report goes after the quotation."""
    claim = "But the vote did little to calm the rail unions."
    quote = "\u201cNothing changes for our members,\u201d the union leader Ana Ruiz said."
    strikes = "Rail unions have staged 12 strikes since March."
    story = merged(article("a.txt", "A", VOTE, claim, quote, *BACKBONE[1:6], GOVERNORS),
                   article("b.txt", "B", VOTE, claim, strikes), lead="a.txt")
    texts = body(story)
    assert strikes in texts
    assert texts.index(quote) == texts.index(claim) + 1


def test_a_unit_pointing_back_to_a_person_the_page_leaves_out_is_not_woven_in():
    """The senator's sentence is printed in the backbone's words, which never name him:
    the quotation that follows it in its report ("the senator said") would speak for
    nobody the reader knows, so it stays in `more`."""
    setup = "Senator Jim Walsh called the first override a rare rebuke."
    quote = "\u201cNobody at the White House saw the defeat coming,\u201d the senator said."
    story = merged(article("a.txt", "A", *BACKBONE),
                   article("b.txt", "B", BACKBONE[7], setup, quote), lead="a.txt")
    assert quote not in body(story)
    assert quote in page(story)


def test_a_place_other_reports_give_is_not_dropped_for_the_wires_wording():
    """The backbone's lede names the city, which another report gives too; four reports
    print the wire's lede without it. Printed in the wire's words (better backed), the
    body would tell the city nowhere and only `more` would: the backbone's lede keeps it,
    cited to the reports that state it all."""
    wire = ("Wladimir Klitschko stopped Tony Thompson in the sixth round to retain his WBA, IBF "
            "and WBO heavyweight title belts on Saturday.")
    own = ("Wladimir Klitschko stopped Tony Thompson in the sixth round to keep his WBA, IBF "
           "and WBO heavyweight title belts on Saturday in Bern, Switzerland.")
    rest = ["Klitschko floored Thompson with a big right hand near the end of the fifth round.",
            "The referee gave the challenger a standing count before stopping the fight."]
    story = merged(
        article("a.txt", "A", own, *rest),
        article("b.txt", "B", wire, *rest),
        article("c.txt", "C", wire, rest[0]),
        article("d.txt", "D", wire, rest[1]),
        article("e.txt", "E", wire, "The crowd of 22,000 cheered the champion at the stadium."),
        article("f.txt", "F", "Klitschko retained his titles against Thompson on Saturday.",
                "The fight in Bern, Switzerland, drew a crowd of 22,000."),
        lead="a.txt",
    )
    texts = body(story)
    assert own in texts and wire not in texts
    cited = next(s for b in story.body for s in b.sentences if s.text == own)
    assert cited.sources == (1,)  # the others do not give the round and the city both


def test_a_surname_after_a_title_and_first_name_is_not_woven_in_before_she_is_introduced():
    """"Senator Mary Holt" introduces Holt (not "Mary"): her quotation, after a fact the
    body prints, waits for that introduction, which does not fit the budget; "Sen. Holt"
    is as short a name as "Holt"."""
    intro = ("Speaking on Sunday morning television, Senator Mary Holt, who chairs the transport "
             "committee and voted against the bill in the spring, said the party must now unite "
             "behind the override and apologise to the commuters who waited for years.")
    quote = "\u201cWe need leaders who are focused on the election,\u201d Holt said."
    titled = "\u201cWe need leaders who are focused on the election,\u201d Sen. Holt said."
    for said in (quote, titled):
        story = merged(
            # (in two paragraphs, its opening: no line of it makes room for the
            # introduction, exchange.py)
            article("a.txt", "A", BACKBONE[0], " ".join(BACKBONE[1:7])),
            article("b.txt", "B", VOTE, intro, BACKBONE[6], said),
            lead="a.txt",
        )
        assert said not in body(story)
        assert said in page(story) and intro in page(story)


def test_a_surname_after_a_title_and_first_name_is_not_introduced_until_she_is():
    """"Senator Mary Holt" introduces Holt (not "Mary"): her quotation waits until the page
    has named her; "Sen. Holt" is as short a name as "Holt"; a unit naming her in full
    introduces her itself."""
    from types import SimpleNamespace

    from builder.merge.backbone import introduced
    from builder.merge.normalise import features
    from builder.merge.units import Piece

    intro = "Speaking on Sunday, Senator Mary Holt said the party must now unite."
    report = [Piece(2, i, i, "paragraph", features(t)) for i, t in enumerate(
        [VOTE, intro, "\u201cWe need leaders,\u201d Holt said.",
         "\u201cWe need leaders,\u201d Sen. Holt said.",
         "\u201cWe need leaders,\u201d Mary Holt said. Holt chairs the committee."])]
    reading = SimpleNamespace(reports={2: report},
                              pieces=lambda span: report[span[1]:span[2]])
    for k in (2, 3):
        assert not introduced(reading, (2, k, k + 1), {}, 0)
        assert introduced(reading, (2, k, k + 1), {"holt": 0}, 0)
    assert introduced(reading, (2, 4, 5), {}, 0)
