"""Publishing choices: how many stories the feeds carry, a feed per tag, the JSON Feed beside
the Atom one (both deterministic and absolute-URL aware), and story.json with or without
the record of removed blocks."""

from __future__ import annotations

import json
import re

import feedparser
import jinja2
import pytest

from builder.config import ConfigError, load_config
from tests.publish.test_publish import check_atom

PROJECT_URL = "https://user.github.io/repo/"
BODY = ("Report {n}\n\nThe harbour bridge number {n} closed on Tuesday after engineers found "
        "cracks in its main span.\n")


def stories(count: int, tags: dict[int, str] | None = None) -> dict[str, str]:
    """`count` one-report stories dated 2025-03-01, -02, ...; story n tagged tags[n]."""
    files = {}
    for n in range(1, count + 1):
        tag = (tags or {}).get(n)
        files[f"content/stories/s{n}/a.txt"] = BODY.format(n=n)
        files[f"content/stories/s{n}/story.yaml"] = (
            f"title: Story {n}\ndate: 2025-03-{n:02d}\n" + (f"tags: [{tag}]\n" if tag else ""))
    return files


def entries(xml: bytes) -> list[str]:
    return [e.title for e in feedparser.parse(xml).entries]


def test_feeds_carry_the_latest_feed_items_stories(make_site):
    result, site = make_site(stories(5), feed_items=3)
    assert result.ok
    assert entries((site / "feed.xml").read_bytes()) == ["Story 5", "Story 4", "Story 3"]
    feed = json.loads((site / "feed.json").read_text())
    assert [i["title"] for i in feed["items"]] == ["Story 5", "Story 4", "Story 3"]


def test_feed_items_defaults_to_twenty_and_is_read_from_config_yaml(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\n")
    assert load_config(tmp_path / "config.yaml").feed_items == 20
    (tmp_path / "config.yaml").write_text("title: T\nfeed_items: 5\npublish_removed: false\n")
    config = load_config(tmp_path / "config.yaml")
    assert (config.feed_items, config.publish_removed) == (5, False)


@pytest.mark.parametrize("line, message", [
    ("feed_items: 0", "config.yaml:2: 'feed_items' must be at least 1"),
    ("feed_items: many", "config.yaml:2: 'feed_items' must be a whole number, not str"),
    ("publish_removed: no thanks", "config.yaml:2: 'publish_removed' must be true or false, not str"),
    ("publish_removed: 0", "config.yaml:2: 'publish_removed' must be true or false, not int"),
])
def test_bad_publishing_settings_are_config_errors_with_the_line(tmp_path, line, message):
    (tmp_path / "config.yaml").write_text(f"title: T\n{line}\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "config.yaml")
    assert [p.split("/")[-1] for p in err.value.problems] == [message]


def test_each_tag_has_its_own_atom_and_json_feed_linked_from_its_page(make_site):
    result, site = make_site(stories(4, {1: "transport", 3: "transport", 4: "weather"}),
                             base_url=PROJECT_URL)
    assert result.ok
    atom = (site / "tags" / "transport" / "feed.xml").read_bytes()
    assert check_atom(atom) == [] and entries(atom) == ["Story 3", "Story 1"]
    parsed = feedparser.parse(atom)
    assert parsed.feed.title == "Test Digest: transport"
    assert parsed.feed.updated == "2025-03-03T00:00:00Z"  # its own newest story's date
    assert feedparser.parse((site / "feed.xml").read_bytes()).feed.updated == "2025-03-04T00:00:00Z"
    assert parsed.feed.id == PROJECT_URL + "tags/transport/"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": PROJECT_URL + "tags/transport/feed.xml", "alternate": PROJECT_URL + "tags/transport/"}
    feed = json.loads((site / "tags" / "weather" / "feed.json").read_text())
    assert [i["title"] for i in feed["items"]] == ["Story 4"]
    assert feed["feed_url"] == PROJECT_URL + "tags/weather/feed.json"
    page = (site / "tags" / "transport" / "index.html").read_text()
    assert ('<link rel="alternate" type="application/atom+xml" title="Test Digest: transport" '
            'href="/repo/tags/transport/feed.xml">') in page
    assert 'type="application/feed+json" title="Test Digest: transport" href="/repo/tags/transport/feed.json"' in page


def check_json_feed(feed: dict) -> list[str]:
    """JSON Feed 1.1's rules (https://jsonfeed.org/version/1.1) for what this builder writes:
    version, title and items required; each item an id (a string) and content_html or
    content_text; URL fields absolute; dates RFC 3339."""
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version {feed.get('version')!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("no title")
    if not isinstance(feed.get("items"), list):
        return problems + ["items is not a list"]
    urls = [feed.get(k) for k in ("home_page_url", "feed_url") if k in feed]
    ids = [item.get("id") for item in feed["items"]]
    for n, item in enumerate(feed["items"], 1):
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"item {n}: no string id")
        if not (item.get("content_html") or item.get("content_text")):
            problems.append(f"item {n}: neither content_html nor content_text")
        urls += [item[k] for k in ("url", "image") if k in item]
        for key in ("date_published", "date_modified"):
            if key in item and not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", item[key]):
                problems.append(f"item {n}: {key} {item[key]!r} is not RFC 3339")
    problems += [f"URL {u!r} is not absolute" for u in urls if not re.match(r"https?://[^/]+/", u or "")]
    if len(ids) != len(set(ids)):
        problems.append("item ids are not unique")
    return problems


def test_a_story_s_feed_markup_is_made_once_for_all_the_feeds_carrying_it(make_site, monkeypatch):
    # Story 3 is in three feeds (the site's, transport's, weather's), each Atom and JSON:
    # the same markup every time, so _feed.html's feed_body runs once a story, not six times.
    made = []
    invoke = jinja2.runtime.Macro._invoke

    def counted(self, arguments, autoescape):  # noqa: ANN001, ANN202
        if self.name == "feed_body":
            made.append(arguments[0].title)
        return invoke(self, arguments, autoescape)

    monkeypatch.setattr(jinja2.runtime.Macro, "_invoke", counted)
    result, site = make_site(stories(3, {1: "transport", 3: "transport, weather"}))
    assert result.ok
    assert sorted(made) == ["Story 1", "Story 2", "Story 3"]
    body = json.loads((site / "tags" / "weather" / "feed.json").read_text())["items"][0]["content_html"]
    assert body.startswith("<p>The harbour bridge number 3 closed") and body in (site / "feed.xml").read_text()


@pytest.mark.parametrize("base_url", ["/", PROJECT_URL])
def test_json_feed_is_valid_and_says_what_the_atom_feed_says(make_site, base_url):
    result, site = make_site(stories(2, {2: "transport"}), base_url=base_url)
    assert result.ok
    feed = json.loads((site / "feed.json").read_bytes())
    assert check_json_feed(feed) == []
    atom = feedparser.parse((site / "feed.xml").read_bytes())
    assert [i["id"] for i in feed["items"]] == [e.id for e in atom.entries]
    item = feed["items"][0]
    assert item["title"] == "Story 2" and item["date_published"] == "2025-03-02T00:00:00Z"
    assert item["tags"] == ["transport"] and "engineers found cracks" in item["content_html"]
    assert "<sup>[1]</sup>" in item["content_html"] and "<h2>Sources</h2>" in item["content_html"]
    if base_url == PROJECT_URL:
        assert feed["home_page_url"] == PROJECT_URL and feed["feed_url"] == PROJECT_URL + "feed.json"
        assert item["url"] == item["id"] == PROJECT_URL + "s2/"
    else:  # the site knows only its path: no URL fields at all, ids as Atom's urn:uuid
        assert not {"home_page_url", "feed_url"} & set(feed)
        assert "url" not in item and item["id"].startswith("urn:uuid:")
    index = (site / "index.html").read_text()
    path = "/repo/" if base_url == PROJECT_URL else "/"
    assert f'<link rel="alternate" type="application/feed+json" title="Test Digest" href="{path}feed.json">' in index


def test_json_feed_escapes_what_a_story_says(make_site):
    files = stories(1)
    files["content/stories/s1/story.yaml"] = 'title: "Bridge <script>alert(1)</script> & \\"quotes\\""\n'
    result, site = make_site(files)
    item = json.loads((site / "feed.json").read_text())["items"][0]
    assert item["title"] == 'Bridge <script>alert(1)</script> & "quotes"'  # JSON text, as given
    assert "<script" not in item["content_html"]


def test_feeds_are_byte_identical_from_build_to_build(make_site, tmp_path):
    files = stories(3, {1: "transport", 2: "transport"})
    _, site = make_site(files, base_url=PROJECT_URL)
    first = {p: (site / p).read_bytes() for p in ("feed.xml", "feed.json", "tags/transport/feed.json")}
    again = tmp_path / "again"
    make_site(files, base_url=PROJECT_URL, output_dir=again, cache_dir=tmp_path / "c2")
    assert {p: (again / p).read_bytes() for p in first} == first


def test_story_json_leaves_out_removed_blocks_when_publish_removed_is_off(make_site, tmp_path):
    files = {"content/stories/s1/a.txt": BODY.format(n=1) + "\nCopyright 2025 Harbour Gazette. All rights reserved.\n"}
    _, site = make_site(files)
    sources = json.loads((site / "s1" / "story.json").read_text())["sources"]
    assert any("All rights reserved" in r["text"] for r in sources[0]["removed"])
    hidden = tmp_path / "hidden"
    result, _ = make_site(files, publish_removed=False, output_dir=hidden)
    assert result.ok
    text = (hidden / "s1" / "story.json").read_text()
    assert "All rights reserved" not in text and "removed" not in json.loads(text)["sources"][0]


def test_a_tag_shown_by_its_name_has_its_feeds_at_its_slug(make_site):
    result, site = make_site(stories(2, {1: "Public Health", 2: "Santé"}))
    assert result.ok, [str(d) for d in result.diagnostics.items]
    atom = feedparser.parse((site / "tags" / "public-health" / "feed.xml").read_bytes())
    assert atom.feed.title == "Test Digest: Public Health" and [e.title for e in atom.entries] == ["Story 1"]
    feed = json.loads((site / "tags" / "sante" / "feed.json").read_text())
    assert feed["title"] == "Test Digest: Santé" and [i["title"] for i in feed["items"]] == ["Story 2"]
    page = (site / "tags" / "public-health" / "index.html").read_text()
    assert 'href="/tags/public-health/feed.xml"' in page and 'href="/tags/public-health/feed.json"' in page
