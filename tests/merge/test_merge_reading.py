"""The merged story reads as one report: units that keep their meaning, claim-level
citations, a lead, a brief, a length budget, honest conflicts and time, nothing lost."""

from __future__ import annotations

from pathlib import Path

from builder.merge import merge
from builder.merge.conflicts import differing
from builder.merge.normalise import features
from builder.merge.support import Support
from builder.merge.units import Piece
from builder.model import Diagnostics, StoryInput
from tests.merge_support import article, merged


def body(story) -> list:
    return [s for b in story.body for s in b.sentences]


def page(story) -> list:
    return [s for b in story.body + story.more for s in b.sentences]


CLOSED = "The Harbour Bridge was closed to all traffic on Tuesday after engineers found cracks."
COST = "Repairs to the bridge could cost as much as 12 million dollars, the council said."


# What each report alone tells, so that reports sharing the story's facts are independent
# voices, not one wire story and its copies (which agree on nothing independently and get
# no brief).
OWN = {"a": ["A cyclist said she had crossed the bridge every morning for twenty years.",
             "Shops at the northern end reported a quiet morning with few customers.",
             "Pensioners gathered at a cafe to watch the inspection teams on television.",
             "One bakery owner complained that deliveries of flour arrived four hours late.",
             "Tourist coaches turned around at the toll plaza and headed for the museum."],
       "b": ["Taxi drivers queued along the quay road waiting for the detour to open.",
             "A retired engineer wrote to the paper that the cracks were long expected.",
             "Hospital staff on night shifts were offered rooms in a nearby hotel.",
             "Football fans heading to Saturday's derby were told to allow extra time.",
             "Dock workers unloaded a freighter by hand after a crane lost its power."],
       "c": ["Schoolchildren from the south shore were taken to class by special buses.",
             "The harbour master said boats were asked to keep clear of the pylons.",
             "Residents of the old quarter complained about noise from diverted lorries.",
             "A choir rehearsing in the cathedral postponed its evening concert.",
             "Surveyors in orange jackets climbed the eastern arch with ropes and drills."]}


def test_a_sentence_leaning_on_the_one_before_travels_with_it():
    story = merged(
        article("a.txt", "A", CLOSED, "Mayor Ana Diaz visited the site on Wednesday morning.",
                "She said the repairs would take at least two weeks."),
        article("b.txt", "B", CLOSED, COST),
    )
    texts = [s.text for s in page(story)]
    she = next(i for i, t in enumerate(texts) if t.startswith("She said"))
    assert texts[she - 1].startswith("Mayor Ana Diaz")


def test_a_quotation_over_two_lines_is_one_sentence_with_its_speaker():
    story = merged(
        article("a.txt", "A", CLOSED, "\u201cWe will not reopen the bridge until it is safe.",
                "Nobody will cross it before then,\u201d said engineer Maria Okafor."),
        article("b.txt", "B", CLOSED),
    )
    quoted = [s.text for s in page(story) if "reopen" in s.text]
    assert len(quoted) == 1
    assert "Nobody will cross it" in quoted[0] and "Maria Okafor" in quoted[0]


def test_a_date_only_one_outlet_gives_is_cited_to_that_outlet_alone():
    story = merged(
        article("a.txt", "A", "The city council approved the bridge repair plan on Nov. 12, officials said."),
        article("b.txt", "B", "The city council approved the bridge repair plan, officials said."),
        article("c.txt", "C", "The city council approved the bridge repair plan, officials said."),
    )
    for s in page(story):
        if "12" in s.text:
            assert s.sources == (1,), s
        elif "approved" in s.text:  # the dated report states this much too
            assert set(s.sources) == {1, 2, 3}
    # The wording all three back in full is printed, cited to all three; the date, if
    # printed too, is cited to the one report that gives it.


def test_a_day_is_backed_only_where_the_report_dates_that_event():
    # B names Friday, but for the mayor's visit, not for the vote; C dates the vote in the
    # sentence before; D says Friday but not Friday evening.
    def report(source: int, *texts: str) -> list[Piece]:
        return [Piece(source, i, i, "paragraph", features(t)) for i, t in enumerate(texts)]

    approved = "The city council approved the bridge repair plan, officials said."
    reports = {
        1: report(1, "The city council approved the bridge repair plan on Friday evening, officials said."),
        2: report(2, approved, "Traffic on the coast road was light all week.",
                  "On Friday evening the mayor toured the flooded harbour district by boat."),
        3: report(3, "The council met late on Friday evening in the old town hall.", approved),
        4: report(4, "The city council approved the bridge repair plan on Friday, officials said."),
    }
    support = Support(reports)
    dated = reports[1][0].feat
    assert [s for s in reports if support.backs_anywhere(dated, s)] == [1, 3]
    assert not support.backs(dated, 2, [0]) and support.backs(dated, 3, [1])
    # Undated, the claim is what all four state.
    assert all(support.backs(features(approved), s, [0, 1]) for s in reports)


def test_a_speaker_is_backed_only_by_a_report_that_credits_the_claim_to_them():
    def report(source: int, *texts: str) -> list[Piece]:
        return [Piece(source, i, i, "paragraph", features(t)) for i, t in enumerate(texts)]

    claim = "Four men rammed their car into a jewellery store in Paris on Monday"
    reports = {
        1: report(1, claim + ", a police source said."),
        2: report(2, claim + ", according to AFP."),
        3: report(3, "A police source gave the first account.", claim + "."),
        4: report(4, claim + ", the outlet said."),
    }
    support = Support(reports)
    police = reports[1][0].feat
    assert [s for s in reports if support.backs_anywhere(police, s)] == [1, 3]
    # "the outlet" points back at a medium named before, as "he" does: no speaker to check.
    assert support.backs_anywhere(reports[4][0].feat, 1)


def test_a_century_is_not_a_figure_in_conflict():
    assert differing("The church was built in the 1300s.", "About 50 people were in the church.") == []
    assert differing("Three people died in the fire.", "Five people died in the fire.") == ["peopl"]
    story = merged(
        article("a.txt", "A", "The fire destroyed the old church, which was built in the 1300s, on Monday night."),
        article("b.txt", "B", "The fire destroyed the old church, built 50 years after the town, on Monday night."),
    )
    assert all(not s.variants for s in page(story))


def test_the_curator_names_the_lead_and_leaves_sentences_out():
    reports = (
        article("a.txt", "A", CLOSED, COST),
        article("b.txt", "B", CLOSED, "Ferry services will run every 15 minutes during the closure."),
        article("c.txt", "C", "About 40,000 vehicles cross the bridge every day, the city said.", CLOSED),
    )
    story = merged(*reports, lead="c.txt",
                   omit=("Ferry services will run every 15 minutes during the closure.",))
    assert body(story)[0].text.startswith("About 40,000 vehicles")
    assert not any("Ferry" in s.text for s in page(story))


def test_the_brief_holds_facts_several_reports_back_each_also_in_the_body():
    facts = [CLOSED, COST, "About 40,000 vehicles cross the bridge every day, the city said.",
             "Ferry services will run every 15 minutes during the closure of the bridge."]
    story = merged(article("a.txt", "A", *facts, *OWN["a"]),
                   article("b.txt", "B", *facts[:3], *OWN["b"]),
                   article("c.txt", "C", *facts[:3], "The mayor was not available for comment.",
                           *OWN["c"]))
    assert 3 <= len(story.brief) <= 5
    in_body = {s.text for s in body(story)}
    for s in story.brief:
        assert s.text in in_body and len(s.sources) >= 2


def test_the_body_is_no_longer_than_the_longest_report():
    shared = [CLOSED, COST]
    own = [f"Witness number {n} said traffic on Route {n} was backed up for {n + 10} minutes."
           for n in range(1, 9)]
    reports = [article(f"{c}.txt", c.upper(), *shared, *own[k * 2:(k + 1) * 2 + 2])
               for k, c in enumerate("abc")]
    story = merged(*reports)
    words = sum(len(s.text.split()) for s in body(story))
    longest = max(sum(len(b.text.split()) for b in r.blocks) for r in reports)
    assert words <= longest


def test_no_run_of_more_than_six_sentences_cites_one_report_alone():
    own = [f"Resident {n} of the Harbour district said the closure cost her shop {n} customers."
           for n in range(1, 13)]
    story = merged(article("a.txt", "A", CLOSED, *own), article("b.txt", "B", CLOSED, COST))
    run = longest = 0
    for s in body(story):
        run = run + 1 if s.sources == (1,) else 0
        longest = max(longest, run)
    assert longest <= 6


def test_an_outlets_labelled_note_is_never_in_the_brief():
    note = "Update: As several readers noted in the comments, the ferry timetable has changed."
    facts = [CLOSED, COST, "About 40,000 vehicles cross the bridge every day, the city said.", note]
    story = merged(*(article(f"{c}.txt", c.upper(), *facts, *OWN[c]) for c in "abc"))
    assert story.brief and not any(s.text.startswith("Update:") for s in story.brief)


def test_a_lead_naming_no_report_of_the_story_is_a_warning_naming_it():
    story = StoryInput("s", Path("s"), "Title", None, None, (), (), lead="gone.txt")
    diags = Diagnostics()
    merge(story, (article("a.txt", "A", CLOSED), article("b.txt", "B", CLOSED, COST)), diags)
    assert any("gone.txt" in d.message and d.rule == "merge.unknown-lead" for d in diags.warnings)


def test_another_reports_opening_that_restates_the_printed_one_goes_to_more():
    # Most of its words are already on the page; its one new detail is kept in `more`.
    restated = ("Engineers found cracks in the Harbour Bridge on Tuesday, and no date has been "
                "set for reopening it to drivers.")
    ferries = ("Ferry services across the harbour will run every fifteen minutes from six in "
               "the morning until midnight while the crossing stays shut.")
    story = merged(article("a.txt", "A", CLOSED, COST),
                   article("b.txt", "B", restated, ferries, COST), lead="a.txt")
    assert restated not in [s.text for s in body(story)]
    assert ferries in [s.text for s in body(story)]
    assert restated in [s.text for s in page(story)]


def test_an_addition_naming_someone_the_sentence_before_it_introduced_needs_that_sentence():
    crash = "A lone driver crashed a van into the barrier on the approach road at noon."
    culprit = "Despite a long search, the reckless driver is still missing."
    story = merged(article("a.txt", "A", CLOSED, COST),
                   article("b.txt", "B", CLOSED, crash, culprit), omit=(crash,),
                   lead="a.txt")
    assert culprit not in [s.text for s in body(story)]


def test_the_brief_never_tells_one_fact_twice():
    again = ("Engineers found cracks in the Harbour Bridge on Tuesday, and no date has been "
             "set for reopening it to drivers.")
    facts = [CLOSED, COST, "About 40,000 vehicles cross the bridge every day, the city said.",
             again]
    story = merged(*(article(f"{c}.txt", c.upper(), *facts, *OWN[c]) for c in "abc"))
    texts = [s.text for s in story.brief]
    assert CLOSED in texts and again not in texts


def test_a_report_written_before_the_event_adds_no_preview_of_it():
    voted = "The council voted on Wednesday to close the Harbour Bridge after engineers found cracks."
    preview = "Councillors are expected to back the closure by nine votes to two, aides said."
    ferries = ("Ferry services across the harbour will run every fifteen minutes from six in "
               "the morning until midnight while the crossing stays shut.")

    def story(earlier: str, *more: str):
        return merged(article("a.txt", "A", voted, COST, published="2024-03-06"),
                      article("b.txt", "B", preview, *more, COST, published=earlier),
                      lead="a.txt")

    before = story("2024-03-05", ferries)
    assert preview not in [s.text for s in body(before)]
    assert preview in [s.text for s in page(before)]
    assert preview in [s.text for s in body(story("2024-03-06", voted))]


def test_a_quotation_without_its_speaker_is_printed_only_right_after_the_speakers_sentence():
    said = "\u201cWe will not reopen the bridge until it is safe,\u201d said engineer Maria Okafor."
    bare = "\u201cNobody should try to cross it before the repairs are done.\u201d"
    ferries = ("Ferry services across the harbour will run every fifteen minutes from six in "
               "the morning until midnight while the crossing stays shut.")

    def story(omit: tuple[str, ...]):
        return merged(article("a.txt", "A", CLOSED, COST),
                      article("b.txt", "B", CLOSED, said, bare, COST, ferries),
                      lead="a.txt", omit=omit)

    texts = [s.text for s in body(story(()))]
    assert texts.index(bare) == texts.index(said) + 1
    assert bare not in [s.text for s in body(story((said,)))]
    # the curator left the speaker's half out: the half that goes on goes too
    assert bare not in [s.text for s in page(story((said,)))]


def test_another_or_both_opening_a_sentence_leans_on_the_one_before():
    """"Another major figure, Dan Senor, ..." and "Both insisted on anonymity" point back
    to someone the sentence before named: they travel with it."""
    from builder.merge.units import leans_back
    assert leans_back("Another major neoconservative figure, Dan Senor, criticised the remarks.")
    assert leans_back("Both insisted on anonymity to describe the private meeting.")
    assert not leans_back("Anothermore is not a word, and Bothwell is a town.")


def test_its_also_and_thats_lean_on_the_sentence_before():
    """"It's also the result of some unusual alliances" adds to what the sentence before
    said; "It's" alone may point at nothing ("It's raining")."""
    from builder.merge.units import leans_back
    assert leans_back("It\u2019s also the result of some unusual alliances in the Senate.")
    assert leans_back("That's what the senator told reporters after the vote.")
    assert not leans_back("It's raining over most of the state this morning.")


def test_summing_up_leans_on_what_came_before():
    """"In sum, he said ..." sums up a passage: moved away from it, "he" is nobody."""
    from builder.merge.units import leans_back
    assert leans_back("In sum, he said he sympathizes with the victims of the attacks.")
    assert leans_back("In response, the ministry said it would review the rules.")
    assert not leans_back("In Sumatra, rescuers reached the village on Tuesday.")


def test_a_scene_setting_phrase_with_a_pronoun_leans_on_the_sentence_before():
    """"As their colleagues sobbed in the street, five others were rescued": 'their' is the
    dead the sentence before named; a phrase naming its own scene leans on nothing."""
    from builder.merge.units import refers_back
    assert refers_back("As their colleagues sobbed in the street, five other bank workers "
                       "were rescued from the balcony.")
    assert refers_back("After his speech on Friday, Senator Jim Walsh left for Ohio.")
    assert not refers_back("After the vote on Friday, Senator Jim Walsh left for Ohio.")
    assert not refers_back("In Paris, police said the robbers fled in a second car.")


def test_a_sentence_cut_off_where_the_page_was_saved_is_not_told_in_the_body():
    """'... in Rancho Mirage, Calif,' ends the saved page: printed, the story breaks off."""
    cut = "Engineer Maria Okafor said 40 cracks were found on the north side of the span, Calif,"
    more = ["Ferries will run every fifteen minutes while the crossing stays shut to traffic.",
            "The council will meet on Thursday to decide how the repairs are to be paid for.",
            "Drivers were told to allow an extra hour for the journey around the harbour."]
    story = merged(article("a.txt", "A", CLOSED, COST, *more),
                   article("b.txt", "B", CLOSED, cut), lead="a.txt")
    assert cut not in [s.text for s in body(story)]
    assert cut in [s.text for s in page(story)]


def test_two_sentences_back_a_claim_only_when_together_they_hold_most_of_it():
    # Report B's two sentences hold over half the claim's words between them (president,
    # restoring, requirement, government projects, agencies, consult, experts), not the
    # claim: that projects face enhanced scrutiny by independent experts.
    claim = ("The president is subjecting many government projects to enhanced scientific "
             "scrutiny by restoring a requirement that agencies consult independent experts.")
    story = merged(
        article("a.txt", "A", CLOSED, claim),
        article("b.txt", "B", CLOSED,
                "The president is restoring a requirement for government projects, aides said.",
                "Agencies will have to consult wildlife experts again."),
    )
    assert [s.sources for s in page(story) if s.text == claim] == [(1,)]


SAID = "\u201cWe will not reopen the bridge until it is safe,\u201d said engineer Maria Okafor."
GOES_ON = "\u201cNobody should try to cross it before the repairs are done.\u201d"


def test_a_quotation_paragraph_naming_no_one_is_one_unit_with_the_speakers_quotation_before_it():
    """Newspaper style: '"...," said engineer Maria Okafor.' / '"Nobody should ..."' on the
    next line is Okafor's too: the two halves are told together or not at all. A bare
    quotation after a line that names no speaker, or after a heading, starts a unit of
    its own."""
    from builder.merge.normalise import features
    from builder.merge.units import Piece, units

    def report(*blocks: tuple[str, str]) -> list[Piece]:
        return [Piece(1, i, i, kind, features(text)) for i, (kind, text) in enumerate(blocks)]

    assert units(report(("paragraph", CLOSED), ("paragraph", SAID), ("paragraph", GOES_ON),
                        ("paragraph", COST))) == [(0, 1), (1, 3), (3, 4)]
    assert units(report(("paragraph", CLOSED), ("paragraph", GOES_ON))) == [(0, 1), (1, 2)]
    assert units(report(("paragraph", SAID), ("heading", "Repairs"),
                        ("paragraph", GOES_ON))) == [(0, 1), (1, 2), (2, 3)]


def _before_the_cracks(warning: str) -> str:
    """The sentence printed right before report B's quotation line on the cracks (which
    goes on from B's speaker line SAID), in a story led by report A, which tells the
    engineer's warning as `warning`."""
    story = merged(
        article("a.txt", "A", CLOSED, warning, COST,
                "Ferry services will run every fifteen minutes while the crossing stays shut."),
        article("b.txt", "B", CLOSED, SAID,
                "\u201cThe cracks run through the main span, and we found rust in six of "
                "the cables.\u201d"),
        lead="a.txt")
    texts = [s.text for s in page(story)]
    cracks = next(i for i, t in enumerate(texts) if "rust in six" in t)
    return texts[cracks - 1]


def test_the_speakers_half_of_a_quotation_is_printed_with_the_half_that_goes_on():
    """The speaker's line tells what the page already gives (the engineer's warning, in
    another report's words); the quotation's next line is news. Printed, the next line
    comes right after its speaker's: never on its own, with no one who said it."""
    warned = ("Engineer Maria Okafor said the bridge would not reopen until it is safe, "
              "and that nobody should cross it.")
    assert _before_the_cracks(warned) == SAID


def test_a_near_copy_that_is_the_speakers_half_of_a_quotation_stays_with_the_half_that_goes_on():
    """The speaker's line is another report's near-copy (the last guard drops the later of
    two), but the quotation goes on after it in its report: dropped, the next line would
    be printed with no one who said it."""
    told = "\u201cWe will not reopen the bridge until it is safe,\u201d engineer Maria Okafor said on Tuesday."
    assert "Maria Okafor" in _before_the_cracks(told)


def test_an_addition_found_only_by_the_openings_words_goes_beside_its_own_matter():
    # The blog's sentence before "SKY-TV reports ..." is told nowhere on the page; its words
    # are the opening's, which sums up everything. The addition goes with the body's own
    # telling of the deaths, not between the opening and the account two reports give.
    lede = ("Rioters set fire to a bank in Athens on Wednesday, killing three workers, as "
            "protesters hurled petrol bombs at police and stormed parliament.")
    gas = "Police responded with barrages of tear gas and stun grenades."
    strike = ("Thousands of workers marched in a general strike against the spending cuts the "
              "government announced.")
    deaths = ("The three bank workers died after protesters set their branch on fire along "
              "the march route.")
    pm = "Prime Minister George Papandreou told parliament that the killings were murder."
    story = merged(
        article("a.txt", "A", lede, gas, strike, deaths, pm,
                "European Union officials in Brussels said their thoughts were with the "
                "victims in Athens.",
                "German Chancellor Angela Merkel urged lawmakers in Berlin to pass the "
                "bailout by Friday."),
        article("b.txt", "B", gas, strike, pm),
        article("c.txt", "C", "Three people died in a blaze at a bank in Athens, the Sky channel said.",
                "The fire started on the ground floor when masked protesters hurled petrol "
                "bombs through a window.",
                "SKY-TV reports that the 3 bank employees were trapped on the 3rd floor of the "
                "Marfin Egnatia branch and burnt to death."),
    )
    texts = [s.text for s in body(story)]
    sky = next(i for i, t in enumerate(texts) if t.startswith("SKY-TV"))
    assert texts[1] == gas
    assert texts[sky - 1] == deaths


def test_an_addition_found_only_by_words_goes_after_the_body_unit_telling_its_matter():
    # The sentence before the treasurer's in C ("After hours of argument, ...") is the
    # debate's, told by the body in other words; the treasurer's fact is the fund's, which
    # the body tells later: it goes there, not between the debate and the engineers.
    lede = ("The city council voted on Tuesday to close the Harbour Bridge for repairs after "
            "engineers found cracks in two of its piers.")
    debate = "Council members debated the closure for three hours before the vote was taken."
    found = "Engineers from the firm Halcrow found the cracks during a routine inspection in March."
    ferry = "Ferries will carry commuters across the harbour while the bridge is shut."
    fund = "The repairs will be paid from the city's reserve fund, which holds 40 million dollars."
    mayor = "Mayor Eve Fox said the city had no choice but to act quickly."
    story = merged(
        article("a.txt", "A", lede, debate, found, ferry, fund, mayor),
        article("b.txt", "B", debate, found, ferry, mayor),
        article("c.txt", "C", "The council shut the Harbour Bridge on Tuesday.",
                "After hours of argument, council members backed the plan.",
                "Treasurer Ana Ruiz said the reserve fund would be refilled by a bridge toll "
                "of 2 dollars for the repairs."),
    )
    texts = [s.text for s in body(story)]
    ruiz = next(i for i, t in enumerate(texts) if t.startswith("Treasurer Ana Ruiz"))
    assert texts[ruiz - 1] == fund
    assert texts[:4] == [lede, debate, found, ferry]


# The harbour story: a fact that follows, in its reports, a sentence the page never prints.
HARBOUR_LEDE = ("The city council voted on Tuesday to close the Harbour Bridge for repairs "
                "after engineers found cracks in two of its piers.")
HARBOUR_FOUND = "Engineers from the firm Halcrow found the cracks during a routine inspection in March."
HARBOUR_FERRY = "Ferries will carry commuters across the harbour while the bridge is shut."
HARBOUR_FUND = "The repairs will be paid from the city's reserve fund, which holds 40 million dollars."
HARBOUR_MAYOR = "Mayor Eve Fox said the city had no choice but to act quickly."
HARBOUR_VOTE = ("The city council voted on Tuesday to close the Harbour Bridge after engineers "
                "found cracks in its piers.")
RUIZ = "Treasurer Ana Ruiz said a toll of 2 dollars would refill the reserve fund."


def _harbour(*others):
    return merged(
        article("a.txt", "A", HARBOUR_LEDE, HARBOUR_FOUND, HARBOUR_FERRY, HARBOUR_FUND,
                HARBOUR_MAYOR),
        article("b.txt", "B", HARBOUR_FOUND, HARBOUR_FERRY, HARBOUR_MAYOR),
        *others, lead="a.txt")


def test_a_fact_two_reports_state_after_an_unprinted_sentence_goes_by_its_own_matter():
    # C and D both state the treasurer's toll, each after a sentence of colour that no
    # report backs and that gives no news, so it is never printed: the fact, which reads
    # alone, goes after the body unit sharing most of its words, names and figures (the
    # fund's), instead of waiting for that sentence forever and staying in `more`.
    story = _harbour(
        article("c.txt", "C", HARBOUR_VOTE,
                "Outside, rain fell on the empty promenade as gulls circled overhead.", RUIZ),
        article("d.txt", "D", "Councillors agreed on Tuesday to shut the Harbour Bridge while "
                "its cracked piers are mended by a team of engineers.",
                "Commuters on the last crossing looked grim and hurried home early.", RUIZ))
    assert [s.copy_of for s in story.sources] == [None, 1, None, None]
    texts = [s.text for s in body(story)]
    assert RUIZ in texts and texts[texts.index(RUIZ) - 1] == HARBOUR_FUND
    assert not any(t.startswith(("Outside, rain", "Commuters on")) for t in texts)


def test_one_outlets_fact_after_an_unprinted_sentence_stays_in_more():
    # Stated by C alone, the toll is not placed by its words: one outlet's line out of its
    # context too often tells a printed fact again in other words (a record of "58 wins and
    # three defeats" after "58-3"); `more` keeps it.
    story = _harbour(
        article("c.txt", "C", HARBOUR_VOTE,
                "Outside, rain fell on the empty promenade as gulls circled overhead.", RUIZ))
    assert RUIZ not in [s.text for s in body(story)]
    assert RUIZ in [s.text for b in story.more for s in b.sentences]


def test_an_opening_time_that_points_back_leans_on_the_sentence_before():
    from builder.merge.units import leans_back
    assert leans_back("At the time, during heavy campaigning, the senator opposed the rule.")
    assert leans_back("Two days later, the ministry withdrew the proposal.")
    assert leans_back("The next day, protesters returned to the square.")
    assert leans_back("Thereafter the talks stalled for a month.")
    # a time the sentence names itself points at nothing before it
    assert not leans_back("At the time of the attack, the bank was closed.")
    assert not leans_back("The day before the vote was quiet in the capital.")


def test_a_sentence_opening_at_the_time_is_one_unit_with_the_moment_before_it():
    from builder.merge.units import units
    texts = ["The fisheries ministry withdrew the trawling rule on Tuesday.",
             "The outgoing government first proposed the rule in August, during the campaign.",
             "At the time, the opposition leader Maria Costa promised to undo the proposal.",
             "Fishermen in the northern ports welcomed the decision."]
    report = [Piece(1, i, i, "paragraph", features(t)) for i, t in enumerate(texts)]
    assert units(report) == [(0, 1), (1, 3), (3, 4)]


def test_the_next_fact_of_a_printed_sentences_report_in_the_storys_words_is_woven_in():
    # B goes on from the ferries (printed) to Halcrow's weekly checks, a fact the page
    # lacks, in words the page prints here and there (engineers, cracks, ferries, mayor,
    # commuters): more than two in five of its words are on the page, but no printed
    # sentence, nor two in a row, holds most of them. That is the story's vocabulary, not
    # a retelling: the checks are woven in. (C names Halcrow too, in a line that follows
    # a sentence of colour the page never prints.)
    checks = ("Engineers from Halcrow will look weekly for cracks in the ferries the mayor "
              "hired for commuters.")
    story = merged(
        article("a.txt", "A", HARBOUR_LEDE, HARBOUR_FERRY, HARBOUR_FUND, HARBOUR_MAYOR),
        article("b.txt", "B", "The Harbour Bridge will close for repairs, the council decided "
                "on Tuesday.", HARBOUR_FERRY, checks, HARBOUR_FUND, HARBOUR_MAYOR),
        article("c.txt", "C", "The council shut the Harbour Bridge on Tuesday after cracks were "
                "found in its piers.",
                "Outside the council chamber, commuters waited in the rain for the ferries.",
                "The firm Halcrow has inspected the city's bridges since 1990, a spokeswoman "
                "for the firm said."),
        lead="a.txt")
    assert checks in [s.text for s in body(story)]


def test_a_fact_one_printed_sentence_mostly_tells_is_not_woven_in_again():
    # B's next sentence after the ferries retells the council's vote (most of its words
    # in the printed lede) with one detail of its own: a retelling, `more` keeps it.
    again = ("Engineers from Halcrow found the cracks in two of the piers before the council "
             "voted to close the bridge.")
    story = merged(
        article("a.txt", "A", HARBOUR_LEDE, HARBOUR_FERRY, HARBOUR_FUND, HARBOUR_MAYOR),
        article("b.txt", "B", "The Harbour Bridge will close for repairs, the council decided "
                "on Tuesday.", HARBOUR_FERRY, again, HARBOUR_FUND, HARBOUR_MAYOR),
        article("c.txt", "C", "The council shut the Harbour Bridge on Tuesday after cracks were "
                "found in its piers.",
                "Outside the council chamber, commuters waited in the rain for the ferries.",
                "The firm Halcrow has inspected the city's bridges since 1990, a spokeswoman "
                "for the firm said."),
        lead="a.txt")
    assert again not in [s.text for s in body(story)]
