"""Honest conflicts: where reports give different figures for one quantity, the story
prints the other report's account right after the sentence, cited to exactly the reports
that state it; two different quantities (a century and a head count, a year, another
group, a figure inside a range, a bound, an increment, a currency conversion) are never
called a conflict."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.merge import merge
from builder.merge.conflicts import conflicting, differing
from builder.merge.quantities import quantities
from builder.model import Article, Block, Diagnostics, SourceMeta, StoryInput

LEAD_IN = "Another report gives a different figure: "


def article(name: str, *paragraphs: str) -> Article:
    return Article(name, "text", SourceMeta(outlet=name[0].upper()), tuple(Block("paragraph", p) for p in paragraphs))


def merged(*articles: Article, lead: str | None = None):
    story = StoryInput("s", Path("s"), "Title", None, None, (), (), lead=lead)
    return merge(story, articles, Diagnostics())


def texts(blocks) -> list:
    return [s for b in blocks for s in b.sentences]


RIOT = "Thousands of protesters marched through the capital on Wednesday against the cuts."
TWELVE = "Police said 12 people were injured in the riots."
EIGHTEEN = ("Police said 18 people had been injured in the violence and 12 arrested for "
            "carrying weapons.")


def test_a_count_two_reports_give_differently_is_shown_side_by_side_with_both_citations():
    story = merged(article("a.txt", RIOT, TWELVE, "The march ended at the parliament building."),
                   article("b.txt", RIOT, EIGHTEEN),
                   article("c.txt", RIOT, TWELVE))
    body = texts(story.body)
    at = next(i for i, s in enumerate(body) if s.text == TWELVE)
    # b holds the number 12 too, but as arrests: it backs no "12 people were injured"
    assert body[at].sources == (1, 3)
    account = body[at + 1]
    assert account.text == LEAD_IN + EIGHTEEN and account.sources == (2,)
    assert set(account.variants) == {(1, "12 people"), (3, "12 people"), (2, "18 people")}
    # told once: the account is not repeated in "more"
    assert all(EIGHTEEN not in s.text for s in texts(story.more))


def test_the_account_is_found_among_sentences_not_grouped_with_the_printed_one():
    versions = "The flaw could affect all versions of IE6 to 10, the company said in an advisory."
    other = ("According to the advisory, the flaw affects all supported versions of the browser, "
             "from IE6 to IE11, which ships next month.")
    story = merged(article("a.txt", RIOT.replace("protesters", "users"), versions),
                   article("b.txt", RIOT.replace("protesters", "users"), other), lead="a.txt")
    body = [s.text for s in texts(story.body)]
    assert body[body.index(versions) + 1] == LEAD_IN + other


@pytest.mark.parametrize("a, b", [
    # a century and a head count; a year and another year
    ("The church was built in the 1300s.", "About 1300 people were in the church when it was built."),
    ("The bridge opened in 1932 after four years of work.", "The bridge opened in 1934 after four years of work."),
    # a date and a count
    ("The shutdown began on Dec. 22, and 3 agencies closed.", "The shutdown began on Dec. 21, and 3 agencies closed."),
    # different groups
    ("Three police officers were injured in the clashes.", "Twelve people were injured in the clashes."),
    # a figure inside a range, a figure past a bound
    ("Between 10 and 20 people were injured in the clashes.", "15 people were injured in the clashes."),
    ("He demanded more than $5 billion for the wall.", "He demanded $5.7 billion for the wall."),
    # an increment is not the total
    ("A further 20,000 people joined the march in the city.", "50,000 people joined the march in the city."),
    # a difference is not the quantity
    ("Klitschko stopped Thompson in six rounds on Saturday.",
     "Klitschko stopped Thompson five rounds sooner than in their first fight."),
    ("Shares in the bank closed 3 percent higher on Friday.", "Shares in the bank closed 1.5 percent on Friday."),
    # a conversion in brackets is the same amount in another currency
    ("Thieves took jewels worth 2 million euros ($2.6 million) from the store.",
     "Thieves took jewels worth $2.6 million from the store."),
    # a figure rounded ('22 billion euros' is 22.4 billion to the billion)
    ("Germany will lend 22 billion euros to Greece.", "Germany will lend 22.4 billion euros to Greece."),
    # two hauls, not two accounts of one
    ("Thieves took jewels worth 2 million euros from the store.",
     "Thieves took jewels worth 103 million euros from the store."),
])
def test_different_quantities_are_not_a_conflict(a: str, b: str):
    assert conflicting(a, b, same_fact=True) == [] and conflicting(b, a, same_fact=True) == []


@pytest.mark.parametrize("a, b, what", [
    ("Three people died in the fire.", "Five people died in the fire.", "peopl"),
    ("Greek stocks closed down 3.9 percent on the news.", "Greek stocks plunged 5.4 per cent on the news.", "%"),
    ("He asked Congress for $5.6 billion for the wall.", "He asked Congress for $5.7 billion for the wall.", "$"),
    ("The bug affects all versions of IE6 to 10.", "The bug affects all versions, from IE6 to IE11.", "name:ie"),
])
def test_one_quantity_given_otherwise_is_a_conflict(a: str, b: str, what: str):
    assert differing(a, b) == [what]


@pytest.mark.parametrize("a, b", [
    # a round figure stands for a more precise one it rounds or truncates to
    ("Trump has said that $5 billion in funding for the wall is non-negotiable.",
     "Trump is now insisting that Congress appropriate $5.7 billion for the wall."),
    ("Some 1,300 people were evacuated from the town on Sunday.",
     "In all 1,340 people were evacuated from the town on Sunday."),
    ("Police said 20,000 protesters marched through the city.",
     "Police said 24,500 protesters marched through the city."),
    # a figure inside what a hedge admits
    ("Nearly 6,000 people were evacuated from the town.", "In all 5,700 people were evacuated from the town."),
    ("The plan will cost almost $6 billion, officials said.", "The plan will cost $5.7 billion, officials said."),
    ("Up to 50 people were injured in the clashes.", "Police said 45 people were injured in the clashes."),
    ("At least three people died in the fire.", "Four people died in the fire."),
    ("Around 300 people were arrested at the march.", "Police said 310 people were arrested at the march."),
    ("Over 20,000 people joined the march in the city.", "Police said 25,000 people joined the march in the city."),
    ("No more than 40 people were hurt in the crash.", "Police said 38 people were hurt in the crash."),
    # two amounts for different things
    ("Trump has said that $6 billion in funding for the wall is non-negotiable.",
     "Democrats would grant the $1.6 billion for border security that Trump requested for the wall."),
])
def test_a_figure_a_round_or_hedged_one_admits_is_no_conflict(a: str, b: str):
    assert conflicting(a, b, same_fact=True) == [] and conflicting(b, a, same_fact=True) == []


@pytest.mark.parametrize("a, b, what", [
    ("Three people died in the fire.", "Four people died in the fire.", "peopl"),
    ("The board rejected an offer of $1.3 billion for the unit.",
     "The board rejected an offer of $2.5 billion for the unit.", "$"),
    ("Police said 50,000 protesters marched through the city.",
     "Police said 20,000 protesters marched through the city.", "protest"),
    # trailing zeros below a thousand are a count: twenty dead is not twenty-odd
    ("Police said 20 people died in the fire.", "Police said 25 people died in the fire.", "peopl"),
    # a round figure admits only what falls within the precision it states
    ("Trump demanded $5 billion for the wall.", "Trump demanded $6.2 billion for the wall.", "$"),
    ("Police said 1,300 people were evacuated.", "Police said 1,400 people were evacuated.", "peopl"),
    # past what a hedge admits
    ("Nearly 6,000 people were evacuated from the town.", "In all 6,500 people were evacuated from the town.", "peopl"),
    ("Nearly 6,000 people were evacuated from the town.", "In all 4,000 people were evacuated from the town.", "peopl"),
    ("He demanded more than $5 billion for the wall.", "He demanded $4.5 billion for the wall.", "$"),
    ("Up to 50 people were injured in the clashes.", "Police said 60 people were injured in the clashes.", "peopl"),
    ("More than 100 people were injured in the clashes.", "Fewer than 50 people were injured in the clashes.", "peopl"),
    ("Between 10 and 20 people were injured in the clashes.",
     "More than 30 people were injured in the clashes.", "peopl"),
    # an amount for what another names, or for what the words point back to
    ("He asked Congress for $5.6 billion for the border wall.",
     "He asked Congress for $5.7 billion for the wall.", "$"),
    ("He asked Congress for $5.6 billion for the wall.",
     "He asked Congress for $5.7 billion for that project.", "$"),    # two differences of one kind
    ("Shares in the bank closed 3 percent higher on Friday.",
     "Shares in the bank closed 4.5 percent higher on Friday.", "% higher"),
])
def test_a_figure_outside_what_the_other_admits_is_a_conflict(a: str, b: str, what: str):
    assert differing(a, b) == [what] and differing(b, a) == [what]


@pytest.mark.parametrize("text, step", [
    ("He asked for $5 billion.", 1e9), ("He asked for $5.7 billion.", 1e8), ("1,300 people came.", 100),
    ("20,000 people came.", 1e4), ("20 people came.", 1), ("1,340 people came.", 10), ("2.50 percent rose.", 0.01),
])
def test_a_figure_states_its_precision_by_its_last_significant_digit(text: str, step: float):
    assert quantities(text)[0].step == pytest.approx(step)


def test_a_round_figure_and_the_precise_one_it_stands_for_show_no_account():
    # the shutdown story: Fox's '$5 billion' printed, an earlier report's '$5.7 billion'
    wall = "The shutdown began after a dispute over funding for the president's border wall."
    story = merged(article("a.txt", wall, "Trump has said that $5 billion in funding for the wall is non-negotiable."),
                   article("b.txt", wall, "Trump is now insisting that Congress appropriate $5.7 billion for the wall."),
                   lead="a.txt")
    page = texts(story.body) + texts(story.more)
    assert not any(s.variants for s in page)
    assert not any(s.text.startswith(LEAD_IN) for s in page)


def test_a_century_and_a_head_count_in_two_stories_are_no_conflict():
    story = merged(
        article("a.txt", "The fire destroyed the old church, which was built in the 1300s, on Monday night."),
        article("b.txt", "The fire destroyed the old church, where 1300 people had gathered, on Monday night."),
    )
    page = texts(story.body) + texts(story.more)
    assert not any(s.variants for s in page)
    assert not any(s.text.startswith(LEAD_IN) for s in page)


def test_the_page_shows_the_account_once_in_the_story_and_notes_figures_in_more():
    import json

    import lxml.html

    from builder.config import load_config
    from builder.model import BodyBlock, Sentence, Story
    from builder.render import render_story, site_context, story_environment
    from builder.render.view import story_view
    from tests.conftest import ROOT

    merged_story = merged(article("a.txt", RIOT, TWELVE), article("b.txt", RIOT, EIGHTEEN),
                          article("c.txt", RIOT, TWELVE), lead="a.txt")
    noted = Sentence("Greek stocks closed down 3.9 percent on the news.", (1,),
                     ((1, "3.9 percent"), (2, "5.4 per cent")))
    story = Story("riot", "Riot", None, None, (), merged_story.sources, merged_story.body,
                  more=(BodyBlock("paragraph", (noted,)),))
    config = load_config(ROOT / "config.yaml")
    files = {f.path: f.data.decode("utf-8") for f in render_story(
        story_environment(config, site_context(config, False, ())), story_view(story), config)}
    page = lxml.html.fromstring(files["riot/index.html"])
    body = page.xpath('//div[@class="story-body"]')[0]
    account = body.xpath('.//span[@class="discrepancy"]')
    assert [s.text_content() for s in account] == [LEAD_IN + EIGHTEEN]
    assert "figures differ" not in body.text_content()  # one way of showing it in the story
    more = page.xpath('//section[@class="more"]')[0].text_content()
    assert "figures differ between reports: 3.9 percent in A1; 5.4 per cent in B2" in " ".join(more.split())
    # story.json carries the same text, and who gives which figure
    data = json.loads(files["riot/story.json"])
    shown = [s for b in data["body"] for s in b["sentences"] if s["text"] == LEAD_IN + EIGHTEEN]
    assert shown and shown[0]["sources"] == [2]
    assert {v["figures"] for v in shown[0]["variants"]} == {"12 people", "18 people"}


def test_the_story_in_brief_tells_no_figure_the_reports_dispute():
    facts = ["The city council approved the new budget on Tuesday after a long debate.",
             "The mayor said the budget would protect jobs in the city's schools and libraries.",
             "Opposition members walked out of the chamber before the final vote was taken."]
    # each report also tells what it alone saw: three voices, not a wire story and copies
    # (which agree on nothing independently, and get no brief)
    own = [["A councillor from the harbour ward wept as she read out letters from parents.",
            "Protesters outside held candles and sang until the session ended at midnight."],
           ["The finance committee's chair thanked clerks who had worked through the weekend.",
            "Local traders closed their shops early to follow the debate on the radio."],
           ["A retired teacher in the gallery shouted that the libraries had been betrayed.",
            "Police kept a quiet watch on the square while families waited for news."]]
    story = merged(article("a.txt", *facts, TWELVE, *own[0]),
                   article("b.txt", *facts, EIGHTEEN, *own[1]),
                   article("c.txt", *facts, TWELVE, *own[2]), lead="a.txt")
    assert any(s.text == TWELVE for s in texts(story.body))
    assert story.brief and all("injured" not in s.text for s in story.brief)


def test_an_account_from_reports_published_later_says_so():
    def dated(name: str, published: str, *paragraphs: str) -> Article:
        meta = SourceMeta(outlet=name[0].upper(), published=published)
        return Article(name, "text", meta, tuple(Block("paragraph", p) for p in paragraphs))

    story = merged(dated("a.txt", "2024-05-03", RIOT, TWELVE), dated("b.txt", "2024-05-03", RIOT, TWELVE),
                   dated("c.txt", "2024-05-04", RIOT, EIGHTEEN), lead="a.txt")
    body = [s.text for s in texts(story.body)]
    assert body[body.index(TWELVE) + 1] == "A later report gives a different figure: " + EIGHTEEN
    story = merged(dated("a.txt", "2024-05-03", RIOT, EIGHTEEN), dated("b.txt", "2024-05-04", RIOT, TWELVE),
                   dated("c.txt", "2024-05-04", RIOT, TWELVE), lead="a.txt")
    body = [s.text for s in texts(story.body)]
    assert body[body.index(EIGHTEEN) + 1] == "Later reports give a different figure: " + TWELVE


def test_a_sentence_the_curator_left_out_is_never_shown_as_an_account():
    reports = (article("a.txt", RIOT, TWELVE), article("b.txt", RIOT, EIGHTEEN), article("c.txt", RIOT, TWELVE))
    story = merge(StoryInput("s", Path("s"), "Title", None, None, (), (), omit=(EIGHTEEN,)),
                  reports, Diagnostics())
    page = texts(story.body) + texts(story.more)
    assert not any("18 people" in s.text for s in page)


def test_the_account_follows_the_sentences_that_lean_on_the_printed_one():
    leaning = "They said most of them were treated in hospital and released."
    story = merged(article("a.txt", RIOT, TWELVE + " " + leaning), article("b.txt", RIOT, EIGHTEEN),
                   article("c.txt", RIOT, TWELVE))
    body = [s.text for s in texts(story.body)]
    assert body.index(leaning) == body.index(TWELVE) + 1
    assert body[body.index(leaning) + 1] == LEAD_IN + EIGHTEEN


def test_an_account_naming_someone_the_page_has_not_introduced_is_not_shown():
    """"18 people had been injured, according to Kavanagh", its report having introduced
    Chief Inspector Ann Kavanagh before: told after the page's figure, the surname names
    no one the reader has met, so the account is not shown there (`more` keeps it)."""
    intro = "Chief Inspector Ann Kavanagh of the city police spoke to reporters at the scene."
    by_name = ("Police said 18 people had been injured in the violence, according to "
               "Kavanagh.")
    # (the backbone's lines all in its opening paragraphs: none makes room for the
    # introduction, exchange.py)
    story = merged(article("a.txt", RIOT, TWELVE + " The march ended at the parliament building."),
                   article("b.txt", RIOT, intro, by_name), lead="a.txt")
    body = [s.text for s in texts(story.body)]
    assert TWELVE in body
    assert not any("according to Kavanagh" in t for t in body)
    assert any(by_name in s.text for s in texts(story.more))


IE_BUG = "The software giant said the bug could affect all versions of IE6 to 10."
IE_PATCH = ("The patch applies to all version of Internet Explorer from IE 6 through to the "
            "latest IE 11, although it is only designed for the 32-bit version.")


def _topic(a: str, b: str):
    from builder.merge.normalise import features
    return features(a).content, features(b).content


def test_two_ranges_of_one_name_sharing_a_word_are_one_set_whatever_else_is_told():
    """'IE6 to 10' / 'IE 6 through to the latest IE 11': the bug's versions and the
    patch's, one set told twice, though the sentences tell little else in common."""
    pairs = conflicting(IE_BUG, IE_PATCH, False, _topic(IE_BUG, IE_PATCH))
    assert [(q.shown, r.shown) for q, r in pairs] == [("IE6 to 10", "IE 6 through to the latest IE 11")]


@pytest.mark.parametrize("b", [
    # the same set, listed
    "The patch applies to all version of Internet Explorer from IE 6 through to IE 10, "
    "although it is only designed for the 32-bit version.",
    # no word in common: nothing says it is the same set
    "The Fix It tool released by Microsoft can be used for IE6, 7, 8, 9, 10, and 11 on Windows XP.",
    # another name's range
    "The patch applies to Windows 7 to 10, although it is only designed for the 32-bit version.",
])
def test_a_name_range_the_other_does_not_tell_otherwise_is_no_conflict(b: str):
    assert conflicting(IE_BUG, b, False, _topic(IE_BUG, b)) == []


def test_a_differing_account_that_cannot_be_told_gives_way_to_the_next_that_can():
    """The closest account of 'IE6 to 10' names Childs, whom the page has not introduced:
    another report's account of the same figure is told instead, cited to it; the story
    never prints the one figure as if the reports agreed on it."""
    opening = "Microsoft has released a temporary patch to fix a flaw in its Internet Explorer browser."
    intro = "Dustin Childs, a manager at Microsoft, wrote about the flaw in a blog post on Tuesday."
    childs = ("According to Childs, the bug affects all supported versions of IE, from the "
              "old IE6 to the new IE11.")
    story = merged(article("a.txt", opening, IE_BUG, "Users should set their security zone settings to high."),
                   article("b.txt", opening, intro, childs),
                   article("c.txt", opening, IE_PATCH), lead="a.txt")
    body = texts(story.body)
    at = next(i for i, s in enumerate(body) if s.text == IE_BUG)
    assert body[at + 1].text == LEAD_IN + IE_PATCH and body[at + 1].sources == (3,)
    assert not any(s.text.startswith(LEAD_IN + "According to Childs") for s in body)
    # the disputed figure is not told in brief
    assert not any("IE6 to 10" in s.text for s in story.brief)
