"""Loading content/: story.yaml, front matter, bad sources reported and skipped."""

from __future__ import annotations

import json

import pytest

BODY = "Headline of the report\n\nThe harbour bridge closed on Tuesday after engineers found cracks in the span.\n"


def test_story_yaml_metadata_reaches_story_json(make_site):
    result, site = make_site({
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/story.yaml": (
            "title: Bridge closed\ndek: Cracks found.\ndate: 2025-03-04\ntags: [Transport, city life]\n"
            "sources:\n  a.txt: {outlet: Gazette, url: 'https://g.example/a', published: 2025-03-05}\n"
        ),
    })
    assert result.ok
    data = json.loads((site / "bridge" / "story.json").read_text())
    assert (data["title"], data["dek"], data["date"], data["tags"]) == (
        "Bridge closed", "Cracks found.", "2025-03-04", ["Transport", "city life"])
    src = data["sources"][0]
    assert (src["outlet"], src["url"], src["published"], src["file"]) == (
        "Gazette", "https://g.example/a", "2025-03-05", "a.txt")
    assert src["title"] == "Headline of the report"  # from the text itself: its first line


def test_unknown_metadata_stays_empty_never_invented(make_site):
    result, site = make_site({"content/stories/bridge/a.txt": BODY})
    src = json.loads((site / "bridge" / "story.json").read_text())["sources"][0]
    assert src["outlet"] is None and src["url"] is None and src["published"] is None


def test_markdown_front_matter_gives_source_metadata(make_site):
    result, site = make_site({
        "content/stories/bridge/a.md": "---\noutlet: Courier\nurl: https://c.example/x\npublished: 2025-03-04\n---\n"
        "The harbour bridge closed on Tuesday after engineers found cracks in the span.\n",
    })
    src = json.loads((site / "bridge" / "story.json").read_text())["sources"][0]
    assert (src["outlet"], src["url"], src["published"]) == ("Courier", "https://c.example/x", "2025-03-04")


def test_html_page_metadata_is_used_when_story_yaml_is_silent(make_site):
    page = (
        "<html><head><title>T</title><meta property='og:site_name' content='Wire'>"
        "<link rel='canonical' href='https://w.example/a'>"
        "<meta property='article:published_time' content='2025-03-04T10:00:00Z'></head>"
        "<body><article><h1>Bridge shut</h1><p>The harbour bridge closed on Tuesday after "
        "engineers found cracks in its main span, officials said.</p><p>Repairs will take weeks, "
        "and ferries will run every fifteen minutes meanwhile.</p></article></body></html>"
    )
    result, site = make_site({"content/stories/bridge/w.html": page})
    src = json.loads((site / "bridge" / "story.json").read_text())["sources"][0]
    assert (src["outlet"], src["url"], src["published"]) == ("Wire", "https://w.example/a", "2025-03-04")


def test_bad_story_yaml_skips_that_story_with_file_and_line(make_site):
    result, site = make_site({
        "content/stories/good/a.txt": BODY,
        "content/stories/bad/a.txt": BODY,
        "content/stories/bad/story.yaml": "title: x\ndate: [\n",
    })
    errors = [str(d) for d in result.diagnostics.errors]
    assert any("bad/story.yaml:" in e and "not valid YAML" in e for e in errors)
    assert not result.published  # the build fails at the end...
    assert [s.slug for s in result.stories] == ["good"]  # ...but the good story was built


def test_misspelt_story_yaml_key_is_an_error_with_a_hint(make_site):
    result, _ = make_site({
        "content/stories/s/a.txt": BODY,
        "content/stories/s/story.yaml": "title: x\nsources:\n  a.txt: {outlt: Gazette}\n",
    })
    assert any("did you mean 'outlet'" in str(d) for d in result.diagnostics.errors)


def test_unreadable_source_is_reported_and_the_others_still_merge(make_site):
    result, _ = make_site({
        "content/stories/s/a.txt": BODY,
        "content/stories/s/b.txt": b"",
        "content/stories/s/c.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    })
    errors = {d.path.split("/")[-1]: d.message for d in result.diagnostics.errors}
    assert "empty" in errors["b.txt"] and "binary" in errors["c.txt"]
    assert [s.file for s in result.stories[0].sources] == ["a.txt"]


def test_unsafe_folder_name_is_refused(make_site):
    result, _ = make_site({"content/stories/Bad Name/a.txt": BODY})
    assert any("not a usable slug" in str(d) for d in result.diagnostics.errors)


def test_cp1252_smart_quotes_are_decoded(make_site):
    text = BODY.encode("utf-8") + "He said \u201chello\u201d.\n".encode("cp1252")
    result, site = make_site({"content/stories/s/a.txt": text})
    assert "\u201chello\u201d" in (site / "s" / "index.html").read_text()


def test_tags_keep_their_names_and_get_transliterated_slugs(make_site):
    result, site = make_site({
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/story.yaml": "tags: [Public Health, Santé, 北京, public  health]\n",
    })
    assert result.ok, [str(d) for d in result.diagnostics.items]
    data = json.loads((site / "bridge" / "story.json").read_text())
    assert data["tags"] == ["Public Health", "Santé", "北京"]  # one tag per slug, as written
    page = (site / "bridge" / "index.html").read_text()
    assert '<a href="/tags/public-health/">Public Health</a>' in page
    assert '<a href="/tags/sante/">Santé</a>' in page
    hashed = [p.name for p in (site / "tags").iterdir() if p.name.startswith("x-")]
    assert len(hashed) == 1 and f'<a href="/tags/{hashed[0]}/">北京</a>' in page
    assert "<h1>Topic: Public Health</h1>" in (site / "tags" / "public-health" / "index.html").read_text()
    again, _ = make_site({})  # the same slug on every build
    assert [p.name for p in (site / "tags").iterdir() if p.name.startswith("x-")] == hashed


def test_the_same_tag_is_shown_as_the_newest_story_spells_it_on_one_page(make_site):
    result, site = make_site({
        "content/stories/old/a.txt": BODY,
        "content/stories/old/story.yaml": "date: 2024-01-01\ntags: [public health]\n",
        "content/stories/new/a.txt": BODY,
        "content/stories/new/story.yaml": "date: 2025-01-01\ntags: [Public Health]\n",
    })
    tags = sorted(p.name for p in (site / "tags").iterdir() if p.is_dir())
    assert tags == ["public-health"]
    listing = (site / "tags" / "index.html").read_text()
    assert ">Public Health</a> <span class=\"count\">(2)</span>" in listing


@pytest.mark.parametrize("line, message", [
    ("date: 03/04/2019", "'03/04/2019' is not an ISO date: write date: YYYY-MM-DD"),
    ("date: 2019-13-45", "'2019-13-45' is an invalid date (month must be in 1..12)"),
    ("date: 'April 3, 2019'", "'April 3, 2019' is not an ISO date"),
])
def test_a_date_that_is_not_iso_is_an_error_at_its_line_with_an_example(make_site, line, message):
    result, _ = make_site({
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/story.yaml": f"title: Bridge\n{line}\n",
    })
    errors = [str(d) for d in result.diagnostics.errors]
    assert len(errors) == 1 and "story.yaml:2:" in errors[0] and message in errors[0], errors
    assert "e.g. 2019-04-03" in errors[0] and "not valid YAML" not in errors[0]


def test_a_source_date_error_names_the_line_of_its_key(make_site):
    result, _ = make_site({
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/story.yaml": "sources:\n  a.txt:\n    outlet: Gazette\n    published: 4/3/2019\n",
    })
    errors = [str(d) for d in result.diagnostics.errors]
    assert len(errors) == 1 and "story.yaml:4:" in errors[0] and "write published: YYYY-MM-DD" in errors[0]


@pytest.mark.parametrize("value", ["2019-04-03", "2019-04-03T14:30", "2019-04-03 14:30:00", "2019-04-03T14:30:00+02:00"])
def test_iso_dates_with_or_without_a_time_are_read(make_site, value):
    result, site = make_site({
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/story.yaml": f"date: {value}\n",
    })
    assert result.ok, [str(d) for d in result.diagnostics.items]
    assert json.loads((site / "bridge" / "story.json").read_text())["date"] == "2019-04-03"


def test_a_yaml_error_is_reported_at_the_line_that_has_it(make_site):
    result, _ = make_site({
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/story.yaml": "title: Bridge\ndek The bridge is shut\ndate: 2025-03-04\n",
    })
    errors = [str(d) for d in result.diagnostics.errors]
    assert len(errors) == 1 and "story.yaml:2:" in errors[0], errors


def test_a_report_with_no_outlet_is_named_by_its_domain_or_file_never_its_headline(make_site):
    other = ("Bridge shut for repairs\n\nThe harbour bridge closed on Tuesday after engineers "
             "found cracks in the span.\n\nFerries will run every fifteen minutes meanwhile.\n")
    result, site = make_site({
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/b.txt": other,
        "content/stories/bridge/story.yaml": "sources:\n  b.txt: {url: 'https://www.gazette.example/bridge'}\n",
    })
    assert result.ok, [str(d) for d in result.diagnostics.items]
    page = (site / "bridge" / "index.html").read_text()
    assert '<span class="outlet">a.txt</span>' in page
    assert '<span class="outlet">gazette.example</span>' in page
    assert 'aria-label="source 1: gazette.example"' in page  # the footnote's name for it
    assert "only in Bridge shut" not in page and "Unknown outlet" not in page
    assert "reports: gazette.example, a.txt" in (site / "index.html").read_text()


def test_a_story_over_the_report_cap_is_built_from_the_first_reports_with_a_warning(make_site):
    files = {f"content/stories/bridge/r{i}.txt": BODY.replace("Tuesday", f"day {i}") for i in range(5)}
    files["content/stories/other/a.txt"] = BODY
    files["config.yaml"] = "title: T\nlimits: {max_reports_per_story: 3, max_sentences_per_report: 40}\n"
    result, site = make_site(files)
    assert result.published  # a warning: the story and the rest of the site are built
    [warning] = [d for d in result.diagnostics.warnings if d.rule == "limits.reports"]
    assert warning.path.endswith("bridge") and "5 reports, over the limit of 3" in warning.message
    files_used = [s["file"] for s in json.loads((site / "bridge" / "story.json").read_text())["sources"]]
    assert files_used == ["r0.txt", "r1.txt", "r2.txt"]
    assert (site / "other" / "index.html").is_file()
