"""Each report is placed in time before it is woven in: its relative days read against its
own publication date, another moment's news under its date, background dated in `more`."""

from __future__ import annotations

import datetime as dt

from builder.merge.timeline import shifted
from tests.merge_support import article, merged


def texts(blocks) -> list[str]:
    return [s.text for b in blocks for s in b.sentences if b.kind != "heading"]


def headings(blocks) -> list[tuple[str, tuple[int, ...]]]:
    return [(b.sentences[0].text, b.sentences[0].sources) for b in blocks if b.kind == "heading"]


# 2 January 2019 was a Wednesday, 4 January a Friday.
MEETING = ("President Trump met congressional leaders at the White House on Friday and the "
           "talks on the partial shutdown ended without a deal.")
WALL = "Trump repeated his demand for 5 billion dollars to build a wall on the southern border."
FIRST = ("Democratic leaders met President Trump at the White House on Wednesday and the talks "
         "on the partial shutdown ended without a deal.")
SITUATION = ("Vice President Mike Pence pressed Senator Chuck Schumer to accept 2.5 billion "
             "dollars for border security.")
PELOSI = "Nancy Pelosi is expected to be elected speaker on Thursday, aides said."


def test_a_relative_day_resolves_against_its_own_reports_date() -> None:
    wednesday, thursday, friday = (dt.date(2019, 1, d) for d in (2, 3, 4))
    assert not shifted("The leaders met on Wednesday.", wednesday, friday)
    assert not shifted("The leaders met on Wednesday.", thursday, friday)
    assert shifted("The leaders met yesterday.", thursday, friday)
    assert shifted("The leaders met today.", wednesday, friday)
    assert shifted("Pelosi is expected to be elected on Thursday.", wednesday, friday)
    assert not shifted("The leaders met today.", friday, friday)
    assert not shifted("The leaders met this week.", wednesday, friday)
    assert shifted("The leaders met last week.", wednesday, dt.date(2019, 1, 7))


def test_another_days_news_follows_the_story_under_its_date() -> None:
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", FIRST, SITUATION, WALL, published="2019-01-02"),
                   lead="fox.txt")
    body = texts(story.body)
    assert body.index(SITUATION) > body.index(WALL)
    assert headings(story.body) == [("Earlier, 2 January", (1,))]  # the NYT, published first
    kinds = [b.kind for b in story.body]
    assert kinds.index("heading") == len(kinds) - 2  # right before the earlier report's unit


def test_an_earlier_reports_preview_is_not_woven_in() -> None:
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", FIRST, PELOSI, WALL, published="2019-01-02"),
                   lead="fox.txt")
    assert PELOSI not in texts(story.body)
    assert PELOSI in texts(story.more)


def test_the_same_wednesday_written_on_two_days_is_woven_in_as_one_moment() -> None:
    voted = "The council voted on Wednesday to close the Harbour Bridge after engineers found cracks."
    ferries = ("Ferry services across the harbour ran every 15 minutes on Wednesday while "
               "the crossing stayed shut.")
    cost = "Repairs to the bridge could cost as much as 12 million dollars, the council said."
    story = merged(article("a.txt", "A", voted, cost, published="2024-03-08"),
                   article("b.txt", "B", voted, ferries, cost, published="2024-03-07"),
                   lead="a.txt")
    assert texts(story.body) == [voted, ferries, cost]
    assert headings(story.body) == []


def test_a_yesterday_written_on_another_day_is_left_to_more() -> None:
    voted = "The council voted on Wednesday to close the Harbour Bridge after engineers found cracks."
    ferries = ("Ferry services across the harbour ran every fifteen minutes yesterday while the "
               "crossing stayed shut.")
    cost = "Repairs to the bridge could cost as much as 12 million dollars, the council said."
    story = merged(article("a.txt", "A", voted, cost, published="2024-03-08"),
                   article("b.txt", "B", voted, ferries, cost, published="2024-03-07"),
                   lead="a.txt")
    assert ferries not in texts(story.body)
    assert ferries in texts(story.more)


def test_a_stale_report_is_kept_in_more_under_its_date() -> None:
    stale = ("Engineers warned in a letter that the Harbour Bridge needed urgent repairs to its "
             "cables and deck.")
    voted = "The council voted on Wednesday to close the Harbour Bridge after engineers found cracks."
    cost = "Repairs to the bridge could cost as much as 12 million dollars, the council said."
    ferries = "Ferry services across the harbour will run every fifteen minutes, the council said."
    story = merged(article("a.txt", "A", voted, cost, published="2024-03-06"),
                   article("b.txt", "B", voted, ferries, published="2024-03-06"),
                   article("old.txt", "Old", stale, published="2024-01-10"))
    assert stale not in texts(story.body)
    more = story.more
    at = next(k for k, b in enumerate(more) if stale in [s.text for s in b.sentences])
    assert more[at - 1].kind == "heading"
    assert more[at - 1].sentences[0].text == "10 January"
    assert more[at - 1].sentences[0].sources == (1,)


def test_reports_of_one_day_get_no_dates() -> None:
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", MEETING, SITUATION, PELOSI, WALL,
                           published="2019-01-04"),
                   lead="fox.txt")
    assert headings(story.body) == [] and headings(story.more) == []
    assert texts(story.body)[:2] == [MEETING, SITUATION]


FRIDAY = [
    "Senator Mitch McConnell said aides would meet over the weekend to look for a deal.",
    "Vice President Mike Pence and Jared Kushner will join the staff talks on Saturday.",
    "Nancy Pelosi said there had been progress only in understanding each other.",
    "The House passed bills that would fund the whole government but not the wall.",
    "Sarah Sanders said it was up to Pelosi to bring her party behind a compromise.",
    "Trump offered flexibility only on the material of the wall, concrete or steel.",
    "Chuck Schumer said the president threatened to keep the government closed for years.",
    "Trump sent a letter to every member of Congress calling on them to reopen the government.",
]


def test_the_only_report_of_the_story_s_day_is_printed_whole() -> None:
    story = merged(article("fox.txt", "Fox", MEETING, WALL, *FRIDAY, published="2019-01-04"),
                   article("nyt.txt", "NYT", FIRST, SITUATION, WALL, published="2019-01-02"),
                   lead="fox.txt")
    body = texts(story.body)
    assert body[:10] == [MEETING, WALL, *FRIDAY]  # no run of one report cut short


def test_a_report_whose_opening_names_no_day_is_woven_in_place() -> None:
    undated = ("Democratic leaders and President Trump remain far apart on the partial "
               "shutdown and on funding for a wall.")
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", undated, WALL, SITUATION, published="2019-01-03"),
                   lead="fox.txt")
    assert headings(story.body) == []
    assert SITUATION in texts(story.body)


def test_another_days_part_opens_with_its_reports_own_opening() -> None:
    letter = ("More than 1,300 federal and independent scientists and three scientific "
              "societies today called on the Interior Department to overturn rule changes "
              "made in January.")
    pimm = "Federal agencies lack the expertise, said Stuart Pimm."
    restored = ("Interior Secretary Ken Salazar on Tuesday restored the rule requiring agencies "
                "to consult government wildlife experts.")
    praised = "Environmental groups praised the decision on Tuesday afternoon."
    polar = ("The rule limiting protection for the polar bear was left in place, to the dismay "
             "of several advocacy groups in Alaska.")
    rivers = ("Dams and highways built with federal money will again need the approval of "
              "biologists at the Fish and Wildlife Service.")
    cost = ("Builders said the reviews would add months and millions of dollars to every "
            "project, and that small firms in rural counties, which rarely keep biologists on "
            "staff, would struggle most with the new paperwork and the long waits for approval "
            "from the regional offices of the federal wildlife service, which has lost staff "
            "in each of the last four budgets and now covers several states from one office.")
    story = merged(article("ap.txt", "AP", restored, praised, polar, rivers, cost,
                           published="2009-04-28"),
                   article("ucs.txt", "UCS", letter, pimm, published="2009-04-27"),
                   lead="ap.txt")
    assert headings(story.body) == [("Earlier, 27 April", (1,))]
    assert texts(story.body)[5:] == [letter, pimm]  # the scene set before what it adds


def test_a_publication_time_dates_its_report_by_its_day() -> None:
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04T15:20:00Z"),
                   article("nyt.txt", "NYT", FIRST, SITUATION, WALL,
                           published="2019-01-02T21:05:00-05:00"),
                   lead="fox.txt")
    assert headings(story.body) == [("Earlier, 2 January", (1,))]


def test_in_another_days_part_a_sentence_leaning_on_one_not_printed_stays_in_more() -> None:
    bills = "Nancy Pelosi plans on Thursday to bring up two bills to reopen the government."
    one = ("One would fund the Department of Homeland Security through Feb. 8, giving a month "
           "to break the impasse.")
    barrier = "\u201cThe country needs a physical barrier,\u201d Trump said at a cabinet meeting."
    walls = ("\u201cWalls work,\u201d he added, claiming that Barack Obama has one around his "
             "home in Washington.")
    aside = "(Parts of the Obama home in Washington are bordered by a low brick wall.)"
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", FIRST, SITUATION, bills, one, barrier, walls, aside, WALL,
                           published="2019-01-02"),
                   lead="fox.txt", omit=(barrier,))
    assert bills not in texts(story.body)  # a preview of what Friday's report tells as done
    for leaning in (one, walls, aside):
        assert leaning not in texts(story.body)
    assert one in texts(story.more)
    # "he added", and the aside on it, go on from the quotation the curator left out
    assert walls not in texts(story.more) and aside not in texts(story.more)


def test_more_holding_only_another_days_report_is_dated() -> None:
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", FIRST, PELOSI, WALL, published="2019-01-02"),
                   lead="fox.txt")
    assert story.more[0].kind == "heading"
    assert story.more[0].sentences[0].text == "2 January"


def test_a_story_without_a_date_is_dated_by_its_newest_report() -> None:
    """The page tells the story as its latest report has it (Friday's news under
    Friday's date), not as of the day the first report was written."""
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", SITUATION, WALL, published="2019-01-02"))
    assert story.date == "2019-01-04"


def test_a_report_whose_tuesday_is_another_date_is_not_cited_on_it() -> None:
    """The same words written on another week name another Tuesday: that report does not
    state this sentence, however many words it shares."""
    said = "The council said on Tuesday it was closing the Harbour Bridge for repairs."
    cost = "Repairs to the bridge could cost as much as 12 million dollars, the council said."
    story = merged(article("a.txt", "A", said, cost, published="2024-03-13"),
                   article("b.txt", "B", said, cost, published="2024-03-20"),
                   article("c.txt", "C", said, published="2024-03-13"), lead="a.txt")
    ids = {e.file: e.id for e in story.sources}
    cited = {s.text: {e for e, i in ids.items() if i in s.sources}
             for b in story.body for s in b.sentences}
    assert cited[said] == {"a.txt", "c.txt"}
    assert cited[cost] == {"a.txt", "b.txt"}  # no relative day: the same claim whenever written



BACKGROUND = [
    "The partial shutdown began when funding for a quarter of the government lapsed.",
    "Hundreds of thousands of federal employees have been furloughed or work unpaid.",
    "Both parties blame each other for the impasse over the border and the wall.",
]


def test_a_report_of_the_same_date_telling_a_later_moment_follows_under_its_date() -> None:
    """Both published on Friday; one tells Wednesday's meeting, the other what happened
    on Friday: Friday's news is not told as Wednesday's, it follows under its date."""
    later = ("President Trump met congressional leaders again at the White House early on "
             "Friday and the talks on the partial shutdown ended without a deal.")
    pay = "Trump also said 800,000 federal workers would miss their pay on 11 January."
    story = merged(article("nyt.txt", "NYT", FIRST, SITUATION, WALL, *BACKGROUND,
                           published="2019-01-04"),
                   article("fox.txt", "Fox", later, WALL, pay, published="2019-01-04"),
                   lead="nyt.txt")
    assert pay in texts(story.body)
    # later than the story's moment (Wednesday's meeting), whatever day the NYT printed it
    assert [h for h, _ in headings(story.body)] == ["Later, 4 January"]


def test_a_report_published_weeks_later_is_another_moment_day_named_or_not() -> None:
    """Three weeks on, 'she has left the clinic' is a later moment, though its opening names
    no day: it is never told as part of the story's day."""
    moved = "Lindsay Lohan has left the clinic and paid 40,000 dollars for a room in Malibu."
    story = merged(article("a.txt", "A", MEETING, WALL, *BACKGROUND, published="2019-01-04"),
                   article("b.txt", "B", WALL, moved, published="2019-01-25"),
                   lead="a.txt")
    assert moved in texts(story.body)
    assert [h for h, _ in headings(story.body)] == ["Later, 25 January"]


def test_a_later_moment_nothing_is_woven_from_still_gets_its_opening() -> None:
    """Weeks on, a report opens with the story's people and matter in new circumstances:
    the weave adds nothing of it, yet the reader must learn how the story moved on. Its
    opening follows under its date, the rest of it stays in `more`. "Has left the Betty
    Ford Center and is moving to a rehab facility in Malibu" shares most of its words with
    "has checked into the Betty Ford Center", but Malibu is news: it tells no fact again."""
    arrived = ("After she abruptly left a rehab facility in Newport Beach on Thursday, Lindsay "
               "Lohan has checked into the Betty Ford Center in Rancho Mirage.")
    judge = "The judge ordered the actress to stay in rehab for ninety days."
    left = ("Lindsay Lohan has left the Betty Ford Center and is moving to a rehab facility in "
            "Malibu, Calif., Access Hollywood has confirmed.")
    rest = ("A spokesman for the court said the judge had signed an order moving Lohan from "
            "the Betty Ford Center.")
    story = merged(article("a.txt", "A", arrived, judge, *BACKGROUND, published="2013-05-02"),
                   article("b.txt", "B", arrived, judge, published="2013-05-02"),
                   article("c.txt", "C", left, rest, published="2013-06-13"),
                   lead="a.txt")
    assert [h for h, _ in headings(story.body)] == ["Later, 13 June"]
    assert texts(story.body)[-1] == left
    assert rest not in texts(story.body) and rest in texts(story.more)


def test_in_another_days_part_a_unit_following_one_left_out_goes_with_it():
    """The senator's sentence opens with "The talks" and is left out of the earlier day's
    part (the sentence it follows is told above, under the story's day); the quotation
    woven after it names her by surname only, so it goes to `more` with her introduction."""
    intro = ("The talks, said Senator Ann Brooks of Ohio, ended with the two sides far apart "
             "on border security.")
    quote = "\u201cWe are further apart than we were in December,\u201d Brooks added."
    story = merged(article("fox.txt", "Fox", MEETING, WALL, published="2019-01-04"),
                   article("nyt.txt", "NYT", FIRST, SITUATION, WALL, intro, quote,
                           published="2019-01-02"),
                   lead="fox.txt")
    assert intro not in texts(story.body) and quote not in texts(story.body)
    assert texts(story.more).index(quote) == texts(story.more).index(intro) + 1


def test_in_another_days_part_no_sentence_answers_or_names_what_is_not_printed() -> None:
    """"Sen. Mary Holt would not go that far" measures itself against the sentence before
    it in its report, which the page tells elsewhere in its own words; and "'We need a
    speaker who listens,' Holt said" calls by her surname a woman only that sentence
    introduced: told away from it, neither reads; both stay in `more`."""
    told = ("Two Republican senators called on Sunday for the speaker to resign over the "
            "shutdown.")
    calls = ("Two Republican senators, Jim Walsh and Tom Reed, called on Sunday for the speaker "
             "to resign over the shutdown.")
    far = "Senator Mary Holt of Iowa would not go that far but said the speaker must apologise."
    quote = "\u201cWe need a speaker who listens,\u201d Holt said."
    alone = ("Speaking on ABC, Senator Ann Cole of Maine said 800,000 federal workers had "
             "waited long enough for their pay.")
    story = merged(article("fox.txt", "Fox", MEETING, WALL, told, *BACKGROUND,
                           published="2019-01-06"),
                   article("abc.txt", "ABC", calls, far, quote, alone, published="2019-01-07"),
                   lead="fox.txt")
    body = texts(story.body)
    for dangling in (far, quote):
        assert dangling not in body and dangling in texts(story.more)


# Wednesday's reports, told after Friday's story: the NYT's is the fuller account.
NYT_LEDE = ("Democratic leaders and President Trump dug in on Wednesday for a long shutdown "
            "after a meeting in the Situation Room, the first in 22 days, broke up without a deal.")
OFFER = ("Pressed by Vice President Mike Pence, the Democrats refused to budge from their offer "
         "of 1.3 billion dollars for border security.")
ALEXANDER = ("Senator Lamar Alexander proposed three ways out of the impasse in an opinion "
             "article.")
WORKERS = "The shutdown, in its 12th day, has left 800,000 federal employees without pay."
HPO_LEDE = ("The partial shutdown over the border wall closed in on the two-week mark on "
            "Wednesday with no end in sight.")
QUARTER = ("About a quarter of the federal government ran out of money at midnight on "
           "Dec. 21 after Trump reneged on a spending bill.")


# Later in the NYT's report: more than a brief of that day has room for.
TALKS = [
    "Kirstjen Nielsen appeared by video from San Diego to stress the need for 400 miles of wall.",
    "Katie Waldman, a spokeswoman for the department, called the Democrats ignorant of the crisis.",
    "Representative Mikie Sherrill asked that her pay be withheld until the shutdown is over.",
    "Senator Lamar Alexander suggested 1.6 billion dollars plus another billion for the ports.",
    "Pence had floated 2.5 billion dollars in December, which Trump rejected at a cabinet meeting.",
    "Trump told Nancy Pelosi that Vatican City is surrounded by a wall, one official recalled.",
    "The House had endorsed 5.6 billion dollars last month, but the Senate needed 60 votes.",
    "Trump claimed inaccurately that Barack Obama has a wall around his compound in Washington.",
    "Airports in Miami and Houston closed 3 security checkpoints as screeners called in sick.",
    "Parks in Utah and Arizona stayed open with 20 rangers where 200 usually work.",
]


def earlier(story) -> list[str]:
    """The sentences under the body's dated heading."""
    out, under = [], False
    for block in story.body:
        if block.kind == "heading":
            under = True
        elif under:
            out.extend(s.text for s in block.sentences)
    return out


def test_another_day_is_told_from_its_own_fullest_report_in_its_order() -> None:
    """Wednesday's news is not just what the weave could hang on Friday's sentences: the
    NYT's account of that day, the fullest, tells it in its own order, and HuffPost's
    shorter one does not take its place."""
    story = merged(article("fox.txt", "Fox", MEETING, WALL, *FRIDAY, *BACKGROUND,
                           published="2019-01-04"),
                   article("nyt.txt", "NYT", NYT_LEDE, OFFER, ALEXANDER, WORKERS, *TALKS,
                           published="2019-01-02"),
                   article("hpo.txt", "HPO", HPO_LEDE, QUARTER, published="2019-01-02"),
                   lead="fox.txt")
    assert [h for h, _ in headings(story.body)] == ["Earlier, 2 January"]
    told = earlier(story)
    assert told[0] == NYT_LEDE
    nyt = [t for t in told if t in (OFFER, ALEXANDER, WORKERS)]
    assert nyt == [OFFER, ALEXANDER, WORKERS]


def test_another_days_part_tells_nothing_the_page_tells_and_stays_brief() -> None:
    """Its report's sentence the story already tells (the wall) is not told again, and the
    day's part stays a brief: at most half the words of the story's own moment, however
    long its report."""
    story = merged(article("fox.txt", "Fox", MEETING, WALL, *FRIDAY, published="2019-01-04"),
                   article("nyt.txt", "NYT", NYT_LEDE, WALL, OFFER, *TALKS,
                           published="2019-01-02"),
                   lead="fox.txt")
    body = texts(story.body)
    assert body.count(WALL) == 1 and WALL not in earlier(story)
    told = earlier(story)
    assert told[:2] == [NYT_LEDE, OFFER]
    own = sum(len(t.split()) for t in body[:len(body) - len(told)])
    assert sum(len(t.split()) for t in told) <= 0.5 * own


# Sunday's reactions, told by one report alone (4 January 2019 was a Friday).
SUNDAY_LEDE = "Republican senators pressed Speaker Ann Wells on Sunday to apologise."
SUNDAY = [
    "Some conservatives called for her resignation.",
    "Senator Tom Ridley of Iowa would not go that far.",
    "Ridley, who backs the wall, said Wells must refocus.",
    "\u201cWe need a speaker who is focused,\u201d Ridley said.",
    "The speaker is known for off-the-cuff remarks.",
    "Senator Carl Hobbs of Utah called her remarks wildly inaccurate.",
    "The Utah Republican said Wells must decide about her future.",
    "Trump said on Twitter that Wells should step down.",
]
SPEECH = ("Speaker Ann Wells called the border wall a waste of money at a fund-raiser on Friday, "
          "drawing fierce criticism.")
APOLOGY = "Wells issued a statement on Friday afternoon saying the border must be secured."


def test_a_day_one_report_alone_tells_is_a_brief_of_who_else_spoke() -> None:
    """Sunday, told by one report alone, is not printed as that report's copy: its lede,
    then who else spoke that day (each senator it brings in by name: Hobbs before Ridley's
    quotation), then what they said in the report's order, while MAX_RUN lines cited to
    it last, its dateline among them. "Would not go that far" comes with the sentence it
    measures itself against; "The Utah Republican said" reads only right after the
    sentence naming him; the rest stays in `more`, under its date."""
    story = merged(article("a.txt", "A", SPEECH, APOLOGY, WALL, *FRIDAY, *TALKS, *BACKGROUND,
                           published="2019-01-04"),
                   article("c.txt", "C", SUNDAY_LEDE, *SUNDAY, published="2019-01-06"),
                   lead="a.txt")
    assert [h for h, _ in headings(story.body)] == ["Later, 6 January"]
    assert earlier(story) == [SUNDAY_LEDE, *SUNDAY[:3], SUNDAY[5]]
    more = texts(story.more)
    assert all(s in more for s in SUNDAY[3:5] + SUNDAY[6:])


# The council's vote on Wednesday 6 March 2024, as three reports of that day tell it; a
# fourth, printed on Thursday, opens on that day's news.
VOTE = ("The city council voted on Wednesday to close the Harbour Bridge after engineers "
        "found cracks in two of its steel supports.")
VOTE_AGAIN = ("The Harbour Bridge will close after the city council voted on Wednesday to "
              "shut it, once engineers had found cracks in two of its steel supports.")
ENGINEERS = ("Chief engineer Maria Lopez told councillors the cracks had grown by a third "
             "since the last inspection in the autumn.")
MAYOR = ("Mayor Tom Hale said the council had no choice but to close the crossing until "
         "repairs were made.")
FERRIES = ("Ferry operator Harbour Link has added twelve crossings a day to carry commuters "
           "while the bridge stays shut.")
FARES = "Harbour Link said its fares would stay the same for the first month."


def _bridge(later_opening: str) -> object:
    return merged(
        article("a.txt", "A", VOTE, ENGINEERS, MAYOR, published="2024-03-06"),
        article("b.txt", "B", VOTE_AGAIN, MAYOR, ENGINEERS, published="2024-03-06"),
        article("c.txt", "C", VOTE, MAYOR, published="2024-03-06"),
        article("d.txt", "D", later_opening, FARES, MAYOR, ENGINEERS, published="2024-03-07"),
        lead="a.txt")


def _before_first_heading(blocks) -> list[str]:
    out = []
    for block in blocks:
        if block.kind == "heading":
            break
        out.extend(s.text for s in block.sentences)
    return out


def test_a_later_days_lede_is_not_lent_to_the_story_s_day() -> None:
    """Thursday's report opens on Thursday's news (the ferries), which none of Wednesday's
    reports opens with: it is told after Wednesday's story, under its date, not as the
    story's second sentence, and the brief is Wednesday's."""
    story = _bridge(FERRIES)
    own = _before_first_heading(story.body)
    assert FERRIES not in own
    assert own[0] == VOTE
    assert [h for h, _ in headings(story.body)] == ["Later, 7 March"]
    assert texts(story.body).index(FERRIES) > texts(story.body).index(MAYOR)
    assert FERRIES not in [s.text for s in story.brief]


def test_a_later_report_naming_the_story_s_day_still_keeps_its_own_lede() -> None:
    """Thursday's report names Wednesday in its opening, but opens on the ferries, which
    no report of Wednesday opens with: its lede is Thursday's news, not woven into
    Wednesday's story."""
    after = ("After the council vote on Wednesday, ferry operator Harbour Link has added "
             "twelve crossings a day to carry commuters while the bridge stays shut.")
    story = _bridge(after)
    assert after not in _before_first_heading(story.body)


def test_the_wire_copy_reprinted_a_day_later_is_the_story_s_day() -> None:
    """A report printed on Thursday that opens as Wednesday's reports do tells Wednesday's
    news: what it adds is woven in, no dated heading."""
    story = _bridge(VOTE)
    assert headings(story.body) == []
    assert FARES in texts(story.body) + texts(story.more)


def _part(source: int, index: int, text: str):
    from builder.merge.normalise import features
    from builder.merge.output import Printed
    from builder.merge.units import Piece
    from builder.model import Sentence
    return "paragraph", [Printed(Piece(source, index, index, "paragraph", features(text)),
                                 Sentence(text, (source,)))]


def test_more_dates_a_sentence_by_the_day_it_tells_of() -> None:
    """A report of the story's moment printed two days later (Sunday's HuffPost on
    Friday's reactions) is dated with that moment in `more`, not under the Sunday
    heading of the report telling Sunday's news; its "yesterday", read from Friday,
    would be another day: that sentence keeps its own date."""
    from builder.merge.timeline import Clock, dated_more
    friday, sunday = dt.date(2010, 7, 2), dt.date(2010, 7, 4)
    clock = Clock(friday, friday, {1: friday, 2: sunday, 3: sunday},
                  {1: friday, 2: sunday, 3: friday}, frozenset())
    reaction = "Several conservatives criticised Steele on Friday after his remarks."
    yesterday = "Steele apologised to the party's members yesterday."
    senators = "Senators kept up the pressure on Steele on Sunday."
    more = [_part(1, 5, "The video was taken at a closed fund-raiser."),
            _part(2, 4, senators), _part(3, 3, reaction), _part(3, 6, yesterday)]
    out = dated_more(more, clock)
    told = [(kind, row[0].sentence.text) for kind, row in out]
    assert told == [("heading", "2 July"),
                    ("paragraph", "The video was taken at a closed fund-raiser."),
                    ("paragraph", reaction),
                    ("heading", "4 July"), ("paragraph", senators), ("paragraph", yesterday)]


def test_more_says_what_an_earlier_report_told_as_still_to_come() -> None:
    """The report written before the vote previews it ("is expected to begin in the
    Senate on Wednesday, followed by the House on Thursday"); the story tells the vote as
    done. `more` keeps the preview under a heading saying it was expected then, apart from
    that day's news."""
    wednesday, thursday = dt.date(2016, 9, 28), dt.date(2016, 9, 29)
    preview = ("The override is expected to begin in the Senate on Wednesday, followed by "
               "the House on Thursday.")
    voted = "Congress on Wednesday overwhelmingly rejected the veto."
    pelosi = "Pelosi said on Tuesday it was not a vote against the president."
    story = merged(
        article("fox.txt", "Fox", voted, "The Senate vote was 97-1.", published="2016-09-29"),
        article("nyt.txt", "NYT", "Congress is set to vote on the veto this week.", preview,
                pelosi, published="2016-09-28"),
        lead="fox.txt")
    more = [(b.kind, [s.text for s in b.sentences]) for b in story.more]
    assert ("heading", ["Expected, as of 28 September"]) in more
    at = more.index(("heading", ["Expected, as of 28 September"]))
    assert preview in [t for _, ts in more[at:] for t in ts]
    assert pelosi not in [t for _, ts in more[at:] for t in ts]


def test_a_measure_against_the_sentence_before_is_found_in_any_case_and_script() -> None:
    """refers_back skips its case-blind search on ASCII sentences holding none of the
    measure's words (performance); a sentence holding one, in any case, or text whose
    letters a case-blind match reads as ASCII ("ſ" as "s"), is still searched."""
    from builder.merge.units import refers_back

    assert refers_back("Senator Mary Holt of Iowa would not go that far but said so.")
    assert refers_back("Senator Mary Holt of Iowa would not GO THAT FAR but said so.")
    assert refers_back("Several council members in Iowa followed ſuit on Monday.")
    assert not refers_back("Senator Mary Holt of Iowa said the speaker must apologise.")


HPO_WORKERS = ("In the meantime, about 800,000 federal employees are furloughed or working "
               "without pay.")


def test_another_days_part_tells_what_its_reports_agree_on_first() -> None:
    """The 800,000 federal employees both of Wednesday's reports give come into that
    day's brief, though the NYT tells them after more than the brief has room for: what
    the day's reports agree on goes before what one of them alone details."""
    story = merged(article("fox.txt", "Fox", MEETING, WALL, *FRIDAY, published="2019-01-04"),
                   article("nyt.txt", "NYT", NYT_LEDE, OFFER, *TALKS, WORKERS,
                           published="2019-01-02"),
                   article("hpo.txt", "HPO", HPO_LEDE, HPO_WORKERS, published="2019-01-02"),
                   lead="fox.txt")
    told = earlier(story)
    assert told[0] == NYT_LEDE
    assert any("800,000" in t for t in told)


ROOM = [
    "In the Situation Room, Trump rejected their proposals, three officials said.",
    "\u201cI would look foolish,\u201d Trump told Senator Chuck Schumer.",
    "He said the wall was why he was elected.",
    "Democrats were equally adamant, another official said.",
    "They refused to budge from their offer of 1.3 billion dollars.",
    "The official also insisted on anonymity.",
    "Senator Mitch McConnell would not put their bills to a vote.",
]


SHORT_LEDE = "Democratic leaders and Trump dug in on Wednesday after a meeting broke up without a deal."
ANCHOR = "Senator Mitch McConnell said he would not put their bills to a vote."
PAYCHECK = "Workers will miss a paycheck on Jan. 11, said Ann Cole."


def test_another_days_part_keeps_its_reports_account_whole() -> None:
    """Wednesday's part is a brief of the NYT's account of the meeting: what HuffPost adds
    after McConnell's refusal, where HuffPost tells it, is not pulled into that account
    to break its run, where it would leave "Democrats were equally adamant" with nothing
    to be equal to."""
    story = merged(article("fox.txt", "Fox", MEETING, WALL, *FRIDAY, *BACKGROUND,
                           published="2019-01-04"),
                   article("nyt.txt", "NYT", SHORT_LEDE, *ROOM, *TALKS, published="2019-01-02"),
                   article("hpo.txt", "HPO", HPO_LEDE, ANCHOR, PAYCHECK, published="2019-01-02"),
                   lead="fox.txt")
    told = earlier(story)
    assert PAYCHECK in told and ROOM[3] in told
    assert told[told.index(ROOM[3]) - 1] == ROOM[2]
