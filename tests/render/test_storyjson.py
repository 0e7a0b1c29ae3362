"""story.json is written by outline_json: the outer levels one item a line, deeper values
on one line by the C encoder. It must read back as exactly the data, and keep its shape.
A story's "In brief" facts and "More from the reports" go to story.json (`brief`, `more`,
only when there are any) and to the page, footnoted like the body."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.config import load_config
from builder.model import BodyBlock, Sentence, SourceEntry, SourceMeta, Story
from builder.render import render_listings, render_story, site_context, story_environment
from builder.render.storyjson import outline_json, story_dict
from builder.render.view import story_summary, story_view
from tests.conftest import ROOT

CASES = [
    {},
    [],
    {"a": [], "b": {}, "c": [{}], "d": [[1, 2], {"x": None}]},
    {"title": "Café “quoted” \u2028 line\nbreak \\ slash </script>", "n": 3, "f": 0.5,
     "t": True, "z": None, "emoji": "\U0001f600", "ctrl": "\x00\x1f"},
    [1, -2.5e-10, 1e300, "x", [None, False]],
]


@pytest.mark.parametrize("value", CASES)
def test_reads_back_as_the_same_data(value: object) -> None:
    assert json.loads(outline_json(value)) == value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_reads_back_as_the_same_data_for_any_json_value(value: object) -> None:
    assert json.loads(outline_json(value)) == value


def test_a_story_has_one_line_per_field_source_and_block() -> None:
    story = {
        "slug": "s", "title": "T", "tags": ["a", "b"],
        "sources": [{"id": 1, "removed": [{"rule": "r", "text": "x"}]}, {"id": 2, "removed": []}],
        "body": [{"kind": "paragraph", "sentences": [{"text": "One.", "sources": [1, 2]}]},
                 {"kind": "heading", "sentences": [{"text": "Two", "sources": [2]}]}],
    }
    lines = outline_json(story).splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert '  "tags": ["a", "b"],' in lines
    assert '    {"id": 1, "removed": [{"rule": "r", "text": "x"}]},' in lines
    assert '    {"kind": "heading", "sentences": [{"text": "Two", "sources": [2]}]}' in lines
    assert len(lines) == 13


BRIEF = (Sentence("The harbour bridge is closed <script>alert(1)</script>.", (1, 2)),
         Sentence("Cracks were found in two piers.", (1, 2, 3)))
BODY = (BodyBlock("paragraph", (Sentence("Engineers closed the harbour bridge on Monday.", (1, 2)),
                                Sentence("Cracks were found in two piers.", (1, 2, 3)))),)
MORE = (BodyBlock("heading", (Sentence("The ferries", (3,)),)),
        BodyBlock("paragraph", (Sentence("Ferries will run every 20 minutes.", (3,)),)),
        BodyBlock("list-item", (Sentence("Route A doubles its service.", (2,)),)),
        BodyBlock("list-item", (Sentence("Route B is unchanged.", (2,)),)))


def _story(brief: tuple = BRIEF, more: tuple = MORE) -> Story:
    sources = tuple(SourceEntry(i, f"{i}.txt", SourceMeta(outlet=f"Outlet {i}")) for i in (1, 2, 3))
    return Story("bridge", "Bridge closed", None, "2024-05-01", (), sources, BODY,
                 brief=brief, more=more)


def _rendered(story: Story) -> dict[str, str]:
    """The story's page and story.json, and the site's listings (the feed) with it alone."""
    config = load_config(ROOT / "config.yaml")
    env = story_environment(config, site_context(config, False, ()))
    view = story_view(story)
    files = render_story(env, view, config) + render_listings(
        env, config, (story_summary(view),), (), "2024-05-02", lambda i: view)
    return {f.path: f.data.decode("utf-8") for f in files}


def test_story_json_gives_brief_and_more_as_design_shows() -> None:
    data = json.loads(_rendered(_story())["bridge/story.json"])
    assert list(data)[-3:] == ["brief", "body", "more"]
    assert data["brief"] == [{"text": s.text, "sources": list(s.sources)} for s in BRIEF]
    assert data["more"][0] == {"kind": "heading", "sentences": [{"text": "The ferries", "sources": [3]}]}
    assert [b["kind"] for b in data["more"]] == ["heading", "paragraph", "list-item", "list-item"]


def test_story_json_leaves_out_an_empty_brief_and_more() -> None:
    data = story_dict(_story((), ()))
    assert "brief" not in data and "more" not in data
    assert list(data) == ["slug", "title", "dek", "date", "tags", "sources", "body"]


def test_page_shows_brief_on_top_and_more_after_the_body_inside_the_story() -> None:
    import lxml.html

    tree = lxml.html.fromstring(_rendered(_story())["bridge/index.html"])
    article = tree.xpath('//article[@class="story"]')[0]
    parts = [el.get("class") for el in article if el.tag in ("section", "div", "footer")]
    assert parts == ["brief", "story-body", "more", "story-sources"]
    brief = article.xpath('./section[@class="brief"]')[0]
    assert brief.xpath("./h2/text()") == ["In brief"]
    items = brief.xpath("./ul/li")
    assert [li.xpath("./span")[0].text_content() for li in items] == [s.text for s in BRIEF]
    assert [li.xpath('./sup[@class="cite"]/a/@href') for li in items] == [
        ["#source-1", "#source-2"], ["#source-1", "#source-2", "#source-3"]]
    more = article.xpath('./section[@class="more"]')[0]
    assert more.xpath("./h2/text()") == ["More from the reports"]
    assert more.xpath("./h3/span/text()") == ["The ferries"]
    assert [li.xpath("./span")[0].text_content() for li in more.xpath("./ul/li")] == [
        "Route A doubles its service.", "Route B is unchanged."]
    # more's sentences go on numbering after the body's, with footnotes like the body's
    assert more.xpath(".//span/@id") == ["s-3", "s-4", "s-5", "s-6"]
    assert more.xpath('./p/sup[@class="cite"]/a/@href') == ["#source-3"]
    # what one report alone tells is what "more" is for: no "only in" on each sentence
    assert not more.xpath('.//span[@class="only"]')


def test_sources_link_back_to_body_and_more_but_not_twice_to_a_brief_fact() -> None:
    import lxml.html

    tree = lxml.html.fromstring(_rendered(_story())["bridge/index.html"])
    back = {n: tree.get_element_by_id(f"source-{n}").xpath('./span[@class="back"]//a/@href')
            for n in (1, 2, 3)}
    assert back == {1: ["#s-1", "#s-2"], 2: ["#s-1", "#s-2", "#s-5", "#s-6"],
                    3: ["#s-2", "#s-3", "#s-4"]}


def test_source_text_in_brief_is_escaped() -> None:
    page = _rendered(_story())["bridge/index.html"]
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_story_without_brief_or_more_has_neither_part() -> None:
    files = _rendered(_story((), ()))
    assert "In brief" not in files["bridge/index.html"]
    assert "More from the reports" not in files["bridge/index.html"] + files["feed.xml"]


def test_the_feed_carries_more_and_no_brief_fact_twice() -> None:
    feed = _rendered(_story())["feed.xml"]
    assert "More from the reports" in feed and "Ferries will run every 20 minutes." in feed
    assert feed.count("Cracks were found in two piers.") == 1
    assert "harbour bridge is closed" not in feed
