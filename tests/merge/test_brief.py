"""The story in brief: what a reader who reads nothing else should know.

Hand-made bodies given straight to `brief`, as compose gives them: the printed sentences in
order (each citing the reports that print it word for word), another day's part under its
dated heading, and the story's salience from the same reports. One merged story at the end
shows the rules together."""

from __future__ import annotations

from builder.merge.brief import brief
from builder.merge.normalise import features
from builder.merge.output import Printed
from builder.merge.salience import Salience
from builder.merge.units import Piece
from builder.model import Sentence
from tests.merge_support import article, merged

HEADING = object()

# The news, as reports open with it.
RAMMED = ("Four men rammed their car into a jewellery store near the Place Vendome in central "
          "Paris on Monday and escaped with watches and jewels worth two million euros.")
FIRE = ("Two of the men set fire to their car in a side street near the store and fled in a "
        "second car.")
FORENSIC = ("Forensic investigators from the Paris police were searching the Casty store on "
            "Rue de Castiglione for fingerprints on Monday afternoon.")
CAMERAS = ("Security cameras at the Casty store filmed the four men breaking the window with "
           "hammers before dawn on Monday.")
MASKS = ("Police in Paris said the four men wore masks and gloves and carried hammers, and that "
         "no one was hurt in the raid on the store.")
INSURER = ("Gerard Benezat, the store's insurer, said the thieves were no longer afraid of "
           "anything at all.")
# Background a wire story repeats at its end, which every copy of it prints.
BACKGROUND = ("Paris has been the scene of several high-profile robberies of jewellery stores "
              "over the past ten years.")
HARRY = ("In December 2008 three armed men emptied almost the whole stock of the Harry "
         "Winston jewellery store in Paris.")
# Background with no date in it, which every report gives last.
GUARDS = ("Jewellery shops on the Rue de la Paix employ private guards at night, the traders' "
          "association says.")
# What each report alone tells (its own words, so no report's asides read as shared).
OWN = [["A neighbour heard a loud bang and saw smoke rising above the rooftops.",
        "Tourists gathered behind the police tape to take photographs of the broken window.",
        "The mayor of the district called for more patrols in the area after dark."],
       ["A cafe owner across the street said he had never seen such damage.",
        "Traffic on the nearby boulevard was diverted for most of the morning.",
        "Shopkeepers nearby checked their own alarms and shutters after the raid."],
       ["An elderly resident told reporters she had slept through the whole raid.",
        "Delivery drivers waited for hours before they could reach the shops.",
        "A local councillor said the square needed brighter street lighting."]]


def reports(*texts: list[str]) -> dict[int, list[Piece]]:
    return {i: [Piece(i, k, k, "paragraph", features(t)) for k, t in enumerate(r)]
            for i, r in enumerate(texts, 1)}


def body(told: dict[int, list[Piece]], *order: object) -> list:
    """The body: each (report, text) printed from that report, cited to every report that
    prints it; HEADING starts another day's part."""
    parts = []
    for item in order:
        if item is HEADING:
            parts.append(("heading", [Printed(Piece(0, 0, 0, "heading", features("2 May")),
                                              Sentence("2 May", (1,)))]))
            continue
        source, text = item
        piece = next(p for p in told[source] if p.feat.text == text)
        cites = tuple(i for i, r in told.items() if any(p.feat.text == text for p in r))
        parts.append(("paragraph", [Printed(piece, Sentence(text, cites))]))
    return parts


def in_brief(told: dict[int, list[Piece]], *order: object) -> list[str]:
    return [s.text for s in brief(body(told, *order), len(told), Salience.of_story(told, {}),
                                  lengths={i: len(r) for i, r in told.items()})]


def agreed(news: list[str]) -> list[str]:
    """The brief of two reports printing the same sentences, in order, as report 1's."""
    return in_brief(reports(news, news), *((1, text) for text in news))


def test_the_opening_leads_the_brief_though_better_backed_sentences_hold_its_words() -> None:
    # Two later sentences, backed by every report, together give most of the opening's
    # words: ranked by backing alone, the opening was left out as told already.
    raid = ("Four men rammed their car into the window of a jewellery store near the Place "
            "Vendome on Monday.")
    haul = ("Watches and jewels worth two million euros were taken from the store in central "
            "Paris, police said.")
    news = [raid, haul, FIRE, CAMERAS, FORENSIC]
    told = reports([RAMMED, *news], news, news)
    got = in_brief(told, (1, RAMMED), *((1, text) for text in news))
    assert got[0] == RAMMED


def test_of_the_reports_openings_at_the_top_the_best_backed_leads() -> None:
    raiders = ("Ram-raiders ploughed their vehicle into an upmarket boutique near the Place "
               "Vendome at dawn, making off with loot worth a fortune.")
    news = [RAMMED, FIRE, MASKS, CAMERAS]
    told = reports(news, news, [raiders, FORENSIC])
    got = in_brief(told, (3, raiders), *((1, text) for text in news))
    assert got == news


def test_news_at_the_top_of_the_reports_beats_background_all_of_them_repeat_at_the_end() -> None:
    # Wire copies: every report prints the news first and the same background last.
    told = reports(*([RAMMED, FIRE, CAMERAS, FORENSIC, *own, GUARDS] for own in OWN))
    got = in_brief(told, (1, RAMMED), (1, FIRE), (1, CAMERAS), (1, FORENSIC), (1, GUARDS))
    assert GUARDS not in got and got[:3] == [RAMMED, FIRE, CAMERAS]


def test_a_sentence_that_opens_on_another_time_is_background() -> None:
    told = reports(*([RAMMED, HARRY, FIRE, CAMERAS, FORENSIC],) * 3)
    got = in_brief(told, (1, RAMMED), (1, HARRY), (1, FIRE), (1, CAMERAS), (1, FORENSIC))
    assert HARRY not in got and got[:3] == [RAMMED, FIRE, CAMERAS]
    # it completes a brief the story's moment leaves thin
    assert HARRY in in_brief(told, (1, RAMMED), (1, HARRY), (1, FIRE))


def test_another_days_part_is_left_out_when_the_storys_moment_gives_enough() -> None:
    letter = ("Jewellers wrote to the interior minister asking for more police patrols around "
              "the Place Vendome at night.")
    told = reports([RAMMED, FIRE, CAMERAS], [RAMMED, FIRE, CAMERAS], [letter, GUARDS],
                   [letter, GUARDS])
    got = in_brief(told, (1, RAMMED), (1, FIRE), (1, CAMERAS), HEADING, (3, letter))
    assert got == [RAMMED, FIRE, CAMERAS]
    # a thin moment is completed from the other day's part
    assert in_brief(told, (1, RAMMED), (1, FIRE), HEADING, (3, letter)) == [RAMMED, FIRE, letter]


def test_an_item_that_cannot_be_read_alone_is_never_in_the_brief() -> None:
    first = "It's the first time thieves have rammed a store on the Rue de Castiglione this year."
    unnamed = ("Speaking to reporters, she said the gang \"had planned the raid for weeks\" and "
               "knew the street well.")
    told = reports(*([RAMMED, first, unnamed, FIRE, CAMERAS],) * 2)
    got = in_brief(told, (1, RAMMED), (1, first), (1, unnamed), (1, FIRE), (1, CAMERAS))
    assert got == [RAMMED, FIRE, CAMERAS]
    # a speaker named, or described as news reports describe one, is known
    for speaker in ("police chief Jean Dupont", "a detective"):
        said = unnamed.replace("she", speaker)
        told = reports(*([RAMMED, said, FIRE],) * 2)
        assert in_brief(told, (1, RAMMED), (1, said), (1, FIRE)) == [RAMMED, said, FIRE]


def test_a_sentence_that_adds_to_another_counts_less_than_one_telling_news() -> None:
    also = ("Armed thieves also robbed a bank in the 15th arrondissement of Paris on Sunday "
            "night and escaped with 60,000 euros.")
    news = [RAMMED, also, FIRE, MASKS, CAMERAS, FORENSIC, INSURER]
    told = reports(news, news, news)
    got = in_brief(told, *((1, text) for text in news))
    assert also not in got


def test_a_fact_one_report_alone_gives_is_left_out() -> None:
    # The other report tells it in its own words, not in full: one report backs it.
    single = ("Security guards at the Casty store called police at dawn after the alarm went "
              "off, the owner Pierre Casty said.")
    again = ("Pierre Casty, the owner, said security guards at his store called police when "
             "the alarm went off at dawn.")
    told = reports([RAMMED, single, FIRE, MASKS, CAMERAS], [RAMMED, FIRE, MASKS, CAMERAS, again])
    got = in_brief(told, (1, RAMMED), (1, single), (1, FIRE), (1, MASKS), (1, CAMERAS))
    assert got == [RAMMED, FIRE, MASKS, CAMERAS]
    # with fewer than three corroborated facts the brief is shorter: one report's fact
    # never pads it, the brief promising what the reports agree on
    told = reports([RAMMED, single, FIRE], [RAMMED, FIRE, again])
    assert in_brief(told, (1, RAMMED), (1, single), (1, FIRE)) == [RAMMED, FIRE]


def test_a_whole_fact_counts_more_than_a_short_one_the_same_reports_back() -> None:
    short = "Police sealed off the whole district with metal barriers."
    news = [RAMMED, short, FIRE, MASKS, CAMERAS, FORENSIC]
    got = agreed(news)
    assert short not in got and len(got) == 5


def test_a_subject_named_only_as_the_one_before_counts_less() -> None:
    vague = ("The gang smashed the front window of the store with hammers before filling a bag "
             "with watches.")
    news = [RAMMED, vague, FIRE, MASKS, CAMERAS, FORENSIC]
    got = agreed(news)
    assert vague not in got and len(got) == 5


def test_a_response_whose_cause_is_not_told_is_never_in_the_brief() -> None:
    response = "Police responded with tear gas and rubber bullets outside the Casty store."
    news = [RAMMED, response, FIRE, MASKS, CAMERAS]
    got = agreed(news)
    assert response not in got and len(got) == 4
    caused = response.replace("outside", "when a crowd gathered outside")
    news = [RAMMED, caused, FIRE, MASKS, CAMERAS]
    assert caused in agreed(news)


def test_a_sentence_retelling_the_brief_is_left_out_unless_it_adds_a_figure() -> None:
    retold = ("The four men escaped from the jewellery store in central Paris with watches and "
              "jewels.")
    for text, kept in ((retold, False), (retold.replace("and jewels", "worth 2.6 million dollars"),
                                         True)):
        news = [RAMMED, FIRE, text, MASKS, CAMERAS]
        got = agreed(news)
        assert (text in got) is kept


# More of what one report alone tells: two reports that share the news but little else are
# two voices, not a wire story and its copy.
OWN_MORE = [["A baker on the corner said the street had been quiet for years until this raid.",
             "Local radio interrupted its morning programme to describe the scene outside.",
             "Several foreign visitors cancelled their appointments at nearby boutiques.",
             "The district's residents' committee asked the prefect for a public meeting."],
            ["Pigeons scattered from the square when the first siren sounded at daybreak.",
             "Commuters leaving the metro station stopped to film the shattered frontage.",
             "A taxi driver parked opposite described hearing glass crack like thunder.",
             "Schoolchildren on an excursion were led away from the square by teachers."]]


def test_a_merged_story_briefs_its_news_and_cites_each_item_as_the_body_does() -> None:
    story = merged(article("a.txt", "A", RAMMED, FIRE, CAMERAS, *OWN[0], *OWN_MORE[0],
                           BACKGROUND, HARRY),
                   article("b.txt", "B", RAMMED, FIRE, CAMERAS, *OWN[1], *OWN_MORE[1],
                           BACKGROUND, HARRY),
                   article("c.txt", "C", FORENSIC, INSURER, *OWN[2], BACKGROUND, HARRY))
    printed = {s.text: s.sources for b in story.body for s in b.sentences}
    got = [s.text for s in story.brief]
    assert got[0] == RAMMED and BACKGROUND not in got and HARRY not in got
    assert all(printed[s.text] == s.sources for s in story.brief)


STOPPED = ("Wladimir Klitschko stopped Tony Thompson in the sixth round to retain his "
           "heavyweight title belts in Bern on Saturday night.")
FLOORED = ("Klitschko, 58-3 with 51 knockouts, floored Thompson with a big right hand near the "
           "end of the fifth round at the Stade de Suisse, and the American never recovered.")
NEVER = ("Thompson never recovered from a big right hand from Klitschko near the end of the "
         "fifth round.")


def test_a_brief_item_is_its_fact_as_most_reports_tell_it_in_full() -> None:
    # The body prints the fullest telling, which one report states whole; the brief gives
    # the fact in the words three reports state, cited to them, dropping no figure only
    # that sentence gave (the record is told again further on).
    story = merged(
        article("a.txt", "A", STOPPED, FLOORED,
                "The referee stopped the fight at 2:56 after a second knockdown.",
                "Klitschko improved his record to 58-3 with 51 knockouts.",
                "Steward said the champion had worked hard in training camp for the fight."),
        article("b.txt", "B", STOPPED, NEVER,
                "Klitschko improved his record to 58-3 with 51 knockouts."),
        article("c.txt", "C", STOPPED, NEVER,
                "The champion now holds a record of 58-3 with 51 knockouts."),
        article("d.txt", "D", STOPPED, NEVER))
    body = {s.text: s.sources for b in story.body for s in b.sentences}
    assert body.get(FLOORED) == (1,)
    brief = {s.text: s.sources for s in story.brief}
    assert FLOORED not in brief and brief.get(NEVER) == (1, 2, 3, 4)


def test_a_wire_copy_is_no_second_voice() -> None:
    # Reports 1 and 2 are one wire story and its copy: what they alone print is one
    # outlet's account, not a fact two reports agree on.
    told = reports([RAMMED, FIRE, CAMERAS, MASKS], [RAMMED, FIRE, CAMERAS, MASKS],
                   [RAMMED, MASKS, *OWN[0]])
    order = ((1, RAMMED), (1, FIRE), (1, CAMERAS), (1, MASKS))
    assert in_brief(told, *order)[:3] == [RAMMED, FIRE, CAMERAS]
    copied = brief(body(told, *order), len(told), Salience.of_story(told, {2: 1}),
                   original={2: 1})
    assert [s.text for s in copied] == [RAMMED, MASKS]


def test_a_story_its_reports_agree_on_too_little_has_no_brief() -> None:
    # One report's news and another's asides: a brief would be one outlet's summary.
    told = reports([RAMMED, FIRE, CAMERAS, MASKS], OWN[0])
    assert in_brief(told, (1, RAMMED), (1, FIRE), (1, CAMERAS), (1, MASKS)) == []


SAID = ("\"We have never seen anything like it on this street in thirty years,\" said Gerard "
        "Benezat, the store's insurer.")
TOLD = ("\"The thieves were in and out of the shop in less than a minute,\" police chief Jean "
        "Dupont told reporters.")


def test_a_quotation_few_reports_give_is_one_reaction_told_after_the_news() -> None:
    news = [RAMMED, SAID, TOLD, FIRE]
    told = reports(news, [RAMMED, SAID, TOLD, FIRE, *OWN[1]], [RAMMED, FIRE, *OWN[2]],
                   [RAMMED, FIRE, *OWN[0]])
    got = in_brief(told, *((1, text) for text in news))
    assert got[:2] == [RAMMED, FIRE] and len(got) == 3 and got[-1] in (SAID, TOLD)
    # a quotation most reports give is itself the news
    told = reports(news, [RAMMED, SAID, TOLD, *OWN[1]], [RAMMED, SAID, TOLD, *OWN[2]],
                   [RAMMED, CAMERAS, MASKS])
    got = in_brief(told, *((1, text) for text in news))
    assert SAID in got and TOLD in got


def test_a_brief_item_drops_the_scene_a_participle_sets_to_be_cited_to_all_that_state_it() -> None:
    # Only the first report says when he spoke; the others quote him after naming him.
    scene = ("Speaking at the store on Monday evening, Jean Dupont, the police chief, said: \"The "
             "gang had planned the raid on the jewellery store for weeks.\"")
    claim = ("Jean Dupont, the police chief, said: \"The gang had planned the raid on the "
             "jewellery store for weeks.\"")
    named = "Police chief Jean Dupont went to the jewellery store to see the damage himself."
    quoted = "\"The gang had planned the raid on the jewellery store for weeks,\" he said."
    story = merged(article("a.txt", "A", RAMMED, scene, FIRE, CAMERAS, MASKS, *OWN[0],
                           *OWN_MORE[0]),
                   article("b.txt", "B", RAMMED, FIRE, named, quoted, *OWN[1]),
                   article("c.txt", "C", RAMMED, CAMERAS, named, quoted, *OWN[2]))
    body_text = {s.text: s.sources for b in story.body for s in b.sentences}
    brief_text = {s.text: s.sources for s in story.brief}
    assert body_text.get(scene) == (1,)
    assert scene not in brief_text and brief_text.get(claim) == (1, 2, 3)


def test_a_view_of_an_it_the_sentence_does_not_name_is_never_in_the_brief() -> None:
    """Read alone, "Jewellers warn that it will ..." says nothing of what "it" is."""
    warn = "Local jewellers warn that it will drive their insurance premiums up sharply."
    news = [RAMMED, warn, FIRE, MASKS, CAMERAS]
    got = agreed(news)
    assert warn not in got and len(got) == 4
    named = warn.replace("that it", "that the raid")
    news = [RAMMED, named, FIRE, MASKS, CAMERAS]
    assert named in agreed(news)


def test_a_brief_item_keeps_whose_claim_it_tells() -> None:
    # As many reports back the claim without its "According to the police": the shorter
    # telling would state as fact what the police say.
    claim = ("According to the police, the gang had planned the raid on the jewellery store "
             "for several weeks.")
    story = merged(article("a.txt", "A", RAMMED, claim, FIRE, *OWN[0], *OWN_MORE[0]),
                   article("b.txt", "B", RAMMED, claim, FIRE, *OWN[1], *OWN_MORE[1]),
                   article("c.txt", "C", RAMMED, claim, CAMERAS, *OWN[2]))
    told = [s.text for s in story.brief]
    assert claim in told and not any(t.startswith("The gang") for t in told)


def test_a_brief_item_never_counts_otherwise_than_the_body_sentence_it_retells() -> None:
    # Two reports tell the fires as "two other shops besides the store" (three shops); the
    # body prints "at least two shops, the store and a bakery" (two). The brief would give
    # the better-backed telling, which contradicts the body: it gives the body's instead,
    # which one report alone backs, and so leaves the fact out.
    count = ("Firefighters put out blazes in at least two shops on the Rue Cambon, the jewellery "
             "store and the Maison Leroux bakery.")
    other = "Two other shops besides the jewellery store on the Rue Cambon were burning at dawn."
    alike = ("At least two shops on the Rue Cambon, the jewellery store and the Maison Leroux "
             "bakery, were burning at dawn.")
    for telling, kept in ((other, False), (alike, True)):
        told = reports([RAMMED, FIRE, count], [RAMMED, FIRE, telling], [RAMMED, FIRE, telling])
        piece = told[2][2]

        def wording(printed: Printed) -> Printed | None:
            return (Printed(piece, Sentence(telling, (2, 3)))
                    if printed.sentence.text == count else None)

        got = [s.text for s in brief(body(told, (1, RAMMED), (1, FIRE), (1, count)), len(told),
                                     Salience.of_story(told, {}), wording)]
        assert got[:2] == [RAMMED, FIRE] and (telling in got) is kept and count not in got


# A fact further down the reports, told after their news and before their close.
REOPEN = ("The Casty family, who founded the store on the Rue de Castiglione in 1952, plan to "
          "reopen it within a month.")


def test_a_corroborated_fact_further_down_completes_the_brief_however_the_top_facts_score() -> None:
    # The opening's facts, which every report gives first, score far above a fact two
    # reports give further down; the brief still tells it (three to five facts, not the
    # opening three again).
    told = reports([RAMMED, FIRE, CAMERAS, *OWN[0], *OWN_MORE[0], REOPEN, BACKGROUND],
                   [RAMMED, FIRE, CAMERAS, *OWN[1], *OWN_MORE[1], REOPEN, BACKGROUND],
                   [RAMMED, FIRE, CAMERAS, *OWN[2], BACKGROUND])
    got = in_brief(told, (1, RAMMED), (1, FIRE), (1, CAMERAS), (1, REOPEN), (1, BACKGROUND))
    assert got == [RAMMED, FIRE, CAMERAS, REOPEN]


def test_past_the_fewest_items_a_reaction_does_not_lengthen_the_brief() -> None:
    told = reports([RAMMED, FIRE, CAMERAS, SAID, *OWN[0]], [RAMMED, FIRE, CAMERAS, SAID, *OWN[1]],
                   [RAMMED, FIRE, CAMERAS, *OWN[2]], [RAMMED, FIRE, CAMERAS, MASKS])
    got = in_brief(told, (1, RAMMED), (1, FIRE), (1, CAMERAS), (1, SAID))
    assert got == [RAMMED, FIRE, CAMERAS]
    # it completes a brief the facts leave short
    assert in_brief(told, (1, RAMMED), (1, FIRE), (1, SAID)) == [RAMMED, FIRE, SAID]


def test_a_sentence_told_in_the_past_perfect_looks_back_and_is_background() -> None:
    earlier = ("Jewellers on the Place Vendome had asked the prefect Michel Cadot for more "
               "police patrols at night.")
    news = [RAMMED, earlier, FIRE, CAMERAS, MASKS, FORENSIC]
    got = agreed(news)
    assert earlier not in got and got[:3] == [RAMMED, FIRE, CAMERAS]
    # the tense of what someone said is the saying's: the news, not background
    said = earlier.replace(" for more", " the day before for more").replace(
        "at night.", "at night, the prefect said.")
    assert said in agreed([RAMMED, said, FIRE, CAMERAS, MASKS, FORENSIC])
    # so is another clause's: the sentence's own verb tells the news
    seen = ("Police questioned a night guard at the Casty store who had seen the gang arrive "
            "in a black car.")
    assert seen in agreed([RAMMED, seen, FIRE, CAMERAS, MASKS, FORENSIC])
