"""Publishing: the GitHub Pages workflow, the base URL (domain root and project path, served
and crawled), the Atom feed, sitemap, robots.txt, 404 and CNAME, the page head (canonical,
Open Graph, JSON-LD), the index's pagination and tag pages, and a story page's weight."""

from __future__ import annotations

import dataclasses
import html.parser
import http.client
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import pytest
import yaml

from builder.config import load_config
from builder.build.pipeline import build
from tests import tooling
from tests.conftest import ROOT
from tests.site_server import serve

FIXTURE = ROOT / "tests" / "fixtures" / "mini"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PROJECT_URL = "https://user.github.io/repo/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def build_site(out: Path, config: Path = ROOT / "config.yaml", **changes) -> Path:
    result = build(dataclasses.replace(load_config(config), output_dir=out, **changes))
    assert result.published, [str(d) for d in result.diagnostics.items]
    return out


# --- 1. the Pages workflow -------------------------------------------------------------------

def test_pages_workflow_passes_actionlint():
    assert tooling.actionlint(WORKFLOW) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n")
    assert [f["kind"] for f in tooling.actionlint(broken)] == ["expression"]


def test_pages_workflow_builds_with_make_site_and_deploys_with_the_official_actions():
    flow = yaml.safe_load(WORKFLOW.read_text())
    on = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    # GitHub's starter Pages workflow: configure-pages reads the Pages site through the API
    # (it fails without the pages permission), deploy-pages needs the OIDC token.
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build_job, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [s.get("uses", "") for s in build_job["steps"]]
    assert "actions/configure-pages@v6" in uses and "actions/upload-pages-artifact@v5" in uses
    runs = " ".join(s.get("run", "") for s in build_job["steps"])
    assert "make site" in runs and "--base-url" in runs and "steps.pages.outputs.base_url" in WORKFLOW.read_text()
    upload = next(s for s in build_job["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert "permissions" not in build_job and "permissions" not in deploy  # the workflow's apply
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v5"]


def test_pages_workflow_runs_daily_so_a_story_dated_ahead_appears_on_its_day():
    flow = yaml.safe_load(WORKFLOW.read_text())
    on = flow.get("on", flow.get(True))
    [entry] = on["schedule"]
    minute, hour, day, month, weekday = entry["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")  # every day of every month
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24  # once a day, at one fixed time


def test_readme_says_how_to_fix_a_fork_whose_pages_are_not_enabled():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Get Pages site failed" in readme  # the error the fork's first run shows
    assert "Source: GitHub Actions" in readme and "Re-run" in readme


def test_a_missing_npm_fails_with_a_clear_message_instead_of_skipping(tmp_path, monkeypatch):
    monkeypatch.setattr(tooling, "NPM_PREFIX", tmp_path / "npm")
    monkeypatch.setattr(tooling.shutil, "which", lambda name: None)
    with pytest.raises(tooling.ToolMissing, match="npm is not installed.*install Node.js and npm"):
        tooling.npm_package("axe-core")


def test_make_site_passes_build_args_to_the_builder():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^site: .*\n\t\$\(BIN\)/python -m builder build \$\(BUILD_ARGS\)$", makefile, re.M)


# --- 2. the base URL: --base-url, and every link resolving when served ----------------------

def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, capture_output=True, text=True)


def test_base_url_option_overrides_the_config(tmp_path):
    done = run_cli("build", "--config", str(FIXTURE / "config.yaml"), "--out", str(tmp_path / "site"),
                   "--base-url", "https://user.github.io/other/")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text()
    assert 'href="/other/assets/style.css"' in page
    assert '<link rel="canonical" href="https://user.github.io/other/">' in page


def test_every_build_option_is_in_the_readme():
    options = set(re.findall(r"--[a-z][a-z-]+", run_cli("build", "--help").stdout)) - {"--help"}
    readme = (ROOT / "README.md").read_text()
    assert "--base-url" in options and sorted(o for o in options if o not in readme) == []


@pytest.mark.parametrize("bad", ["ftp://x/", "//host/x/", "https:///x/", "/a b/", "/x/?q=1"])
def test_a_bad_base_url_option_is_a_usage_error(tmp_path, bad):
    done = run_cli("build", "--config", str(FIXTURE / "config.yaml"), "--out", str(tmp_path / "site"),
                   "--base-url", bad)
    assert done.returncode == 2 and done.stderr.startswith("--base-url: ") and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for attr in ("href", "src"):
            if values.get(attr) and tag in ("a", "link", "img", "script", "source"):
                self.links.append(values[attr])


def fetch(url: str) -> tuple[int, str, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", parts.path or "/")
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


def crawl(root: str, public: str | None, site: Path) -> dict[str, set[str]]:
    """Fetch every page of the site and every internal address any page, the feed, the sitemap
    or robots.txt names; fail on anything that does not answer 200 or a missing #anchor.
    `public` is the site's public absolute URL (mapped onto the local server). Returns the ids
    of each page fetched."""
    def local(url: str) -> str | None:
        if public and url.startswith(public):
            return root + url[len(public):]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and url.startswith(root):
            return url
        return None

    pages = ["" if p.as_posix() == "index.html" else p.as_posix().removesuffix("index.html")
             for p in (q.relative_to(site) for q in site.rglob("*.html")) if p.name != "404.html"]
    queue = [root + "robots.txt"] + [root + p for p in sorted(pages)]
    seen: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []  # (page, target, fragment)
    problems: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        status, ctype, body = fetch(url)
        seen[url] = set()
        if status != 200:
            problems.append(f"{url}: {status}")
            continue
        found: list[str] = []
        if "html" in ctype:
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            seen[url], found = parser.ids, parser.links
        elif url.endswith(".xml"):
            tree = ET.fromstring(body)
            found = [e.get("href") for e in tree.iter(f"{ATOM}link")] + [e.text for e in tree.iter(f"{SITEMAP}loc")]
            found += [a.get("href") for a in tree.iter("{http://www.w3.org/1999/xhtml}a")]
        elif url.endswith("robots.txt"):
            found = re.findall(r"^Sitemap: (\S+)$", body.decode(), re.M)
        for link in found:
            target, fragment = urldefrag(urljoin(url, link))
            target = local(target)
            if target is None:
                assert urlsplit(link).scheme in ("http", "https"), f"{url}: odd link {link!r}"
                continue  # another site (a source's page)
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)
    for page, target, fragment in anchors:
        if fragment not in seen.get(target, set()):
            problems.append(f"{page}: #{fragment} is not an id on {target}")
    assert problems == []
    return seen


@pytest.mark.parametrize("base_url", ["/", PROJECT_URL])
def test_every_link_resolves_when_served_at_the_base_url(tmp_path, base_url):
    site = build_site(tmp_path / "site", base_url=base_url)
    prefix = urlsplit(base_url).path
    with serve(site, prefix) as root:
        extra = [root + "feed.xml", root + "sitemap.xml", root + "robots.txt", root + "404.html"]
        for url in extra:
            assert fetch(url)[0] == 200, url
        seen = crawl(root, PROJECT_URL if "://" in base_url else None, site)
        # The 404 page is served at any depth: its links must not depend on where it is.
        status, _, body = fetch(root + "no/such/page/")
        assert status == 404 and b"Page not found" in body
        parser = _Links()
        parser.feed(body.decode())
        for link in (x for x in parser.links if not x.startswith("#")):
            assert fetch(urljoin(root + "no/such/page/", link))[0] == 200, link
        # The feed was reached through the pages' links, the sitemap through robots.txt.
        assert root + "feed.xml" in seen and root + "north-korea-october-surprise/" in seen
        if "://" in base_url:
            assert root + "sitemap.xml" in seen
    story = seen[root + "north-korea-october-surprise/"]
    assert {"source-1", "s-1", "sources-heading", "main"} <= story


# --- 3. feed, sitemap, robots, 404, CNAME ----------------------------------------------------

def check_atom(text: bytes) -> list[str]:
    """RFC 4287's rules for what a feed and its entries must hold, as this builder writes them."""
    problems = []
    feed = ET.fromstring(text)
    if feed.tag != f"{ATOM}feed":
        return [f"root element is {feed.tag}"]

    def one(el: ET.Element, name: str, where: str) -> ET.Element | None:
        found = el.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} <{name}> elements, need exactly one")
            return None
        return found[0]

    def check_common(el: ET.Element, where: str) -> None:
        for name in ("id", "title", "updated"):
            one(el, name, where)
        id_ = el.find(f"{ATOM}id")
        if id_ is not None and not ABSOLUTE_IRI.match(id_.text or ""):
            problems.append(f"{where}: id {id_.text!r} is not an absolute IRI")
        for name in ("updated", "published"):
            for date in el.findall(f"{ATOM}{name}"):
                if not RFC3339.match(date.text or ""):
                    problems.append(f"{where}: {name} {date.text!r} is not an RFC 3339 date-time")
        alternates = [(ln.get("type"), ln.get("hreflang")) for ln in el.findall(f"{ATOM}link")
                      if ln.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links of one type and language")
        for ln in el.findall(f"{ATOM}link"):
            if not ln.get("href"):
                problems.append(f"{where}: link without href")

    check_common(feed, "feed")
    if not [ln for ln in feed.findall(f"{ATOM}link") if ln.get("rel") == "self"]:
        problems.append("feed: no rel=self link")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for n, entry in enumerate(feed.findall(f"{ATOM}entry"), 1):
        where = f"entry {n}"
        check_common(entry, where)
        ids.append(entry.findtext(f"{ATOM}id"))
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where}: no author (and the feed names none)")
        content = entry.find(f"{ATOM}content")
        alternate = [ln for ln in entry.findall(f"{ATOM}link") if ln.get("rel", "alternate") == "alternate"]
        if content is None and not alternate:
            problems.append(f"{where}: neither content nor an alternate link")
        if content is not None and content.get("type") == "xhtml":
            kids = list(content)
            if len(kids) != 1 or kids[0].tag != "{http://www.w3.org/1999/xhtml}div":
                problems.append(f"{where}: xhtml content must be one xhtml div")
        published, updated = entry.findtext(f"{ATOM}published"), entry.findtext(f"{ATOM}updated")
        if published and updated and published > updated:
            problems.append(f"{where}: published after updated")
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    return problems


@pytest.mark.parametrize("base_url", ["/", PROJECT_URL])
def test_atom_feed_is_valid(tmp_path, base_url):
    site = build_site(tmp_path / "site", base_url=base_url)
    raw = (site / "feed.xml").read_bytes()
    assert check_atom(raw) == []
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    entry = parsed.entries[0]
    assert entry.title.startswith("Russia and North Korea") and parsed.feed.author == "The Digest editors"
    assert "Business Insider" in entry.content[0].value and entry.published_parsed[:3] == (2024, 5, 24)
    if base_url == PROJECT_URL:
        assert parsed.feed.id == PROJECT_URL and entry.id == PROJECT_URL + "north-korea-october-surprise/"
        assert entry.link == PROJECT_URL + "north-korea-october-surprise/"
    else:
        assert parsed.feed.id.startswith("urn:uuid:") and entry.id.startswith("urn:uuid:")


def test_path_only_feed_ids_are_stable_and_distinct(tmp_path):
    a = build_site(tmp_path / "a", base_url="/")
    b = build_site(tmp_path / "b", base_url="/news/")
    ids = lambda site: re.findall(r"<id>(.*?)</id>", (site / "feed.xml").read_text())
    assert ids(a) == ids(b) and len(set(ids(a))) == len(ids(a))


def test_sitemap_lists_absolute_urls_only_when_the_site_url_is_known(tmp_path):
    site = build_site(tmp_path / "abs", base_url=PROJECT_URL)
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert locs[0] == PROJECT_URL and all(loc.startswith(PROJECT_URL) for loc in locs)
    assert PROJECT_URL + "north-korea-october-surprise/" in locs and len(locs) == len(set(locs))
    assert f"Sitemap: {PROJECT_URL}sitemap.xml" in (site / "robots.txt").read_text()
    bare = build_site(tmp_path / "bare", base_url="/")
    root = ET.parse(bare / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset" and list(root) == []
    assert "absolute" in (bare / "sitemap.xml").read_text()
    assert "Sitemap:" not in (bare / "robots.txt").read_text()


def test_cname_is_written_and_gives_the_absolute_url(tmp_path):
    site = build_site(tmp_path / "site", base_url="/", cname="news.example.org")
    assert (site / "CNAME").read_text() == "news.example.org\n"
    assert "<loc>https://news.example.org/north-korea-october-surprise/</loc>" in (site / "sitemap.xml").read_text()
    assert "Sitemap: https://news.example.org/sitemap.xml" in (site / "robots.txt").read_text()
    assert not (build_site(tmp_path / "plain") / "CNAME").exists()


def test_a_bad_cname_is_a_config_error(tmp_path):
    from builder.config import ConfigError

    (tmp_path / "config.yaml").write_text("title: T\ncname: https://news.example.org/\n")
    with pytest.raises(ConfigError, match="cname"):
        load_config(tmp_path / "config.yaml")


def test_404_page_and_nojekyll_exist(tmp_path):
    site = build_site(tmp_path / "site", base_url=PROJECT_URL)
    page = (site / "404.html").read_text()
    assert "Page not found" in page and 'href="/repo/"' in page and "canonical" not in page
    assert (site / ".nojekyll").read_bytes() == b""


# --- 4. the head ------------------------------------------------------------------------------

HOSTILE = {
    "content/stories/odd-story/story.yaml": (
        "title: 'Quotes \" and </script><script>alert(1)</script> in a title'\n"
        "dek: 'A dek with <b>tags</b> & ampersands'\ndate: 2025-01-02\ntags: [odd]\n"
        "sources:\n  a.txt: {outlet: 'Outlet \"A\" </script>', url: 'https://a.example/x?y=1&z=2', "
        "published: 2025-01-01}\n"
    ),
    "content/stories/odd-story/a.txt": "Headline\n\nThe council voted on Tuesday to close the old bridge for repairs.\n",
}


def json_ld(page: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_story_head_has_canonical_open_graph_and_news_article_json_ld(tmp_path):
    site = build_site(tmp_path / "site", base_url=PROJECT_URL)
    page = (site / "north-korea-october-surprise" / "index.html").read_text()
    url = PROJECT_URL + "north-korea-october-surprise/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert re.search(r'<meta name="description" content="US officials fear', page)
    assert re.search(r'<title>Russia and North Korea .* · The Digest</title>', page)
    data = json_ld(page)
    assert data["@type"] == "NewsArticle" and data["url"] == url and data["datePublished"] == "2024-05-24"
    assert data["headline"].startswith("Russia and North Korea")
    citations = data["citation"]
    assert len(citations) == 5 and all(c["@type"] == "CreativeWork" and c["name"] for c in citations)
    assert {c["publisher"]["name"] for c in citations} >= {"Business Insider", "RBC-Ukraine"}
    assert all(c["url"].startswith("https://") for c in citations if "url" in c)


def test_head_values_are_escaped(make_site):
    result, site = make_site(HOSTILE)
    assert result.published
    page = (site / "odd-story" / "index.html").read_text()
    assert "<script>alert" not in page and "<b>tags</b>" not in page
    data = json_ld(page)
    assert data["headline"] == 'Quotes " and </script><script>alert(1)</script> in a title'
    assert data["citation"][0]["publisher"]["name"] == 'Outlet "A" </script>'
    assert data["citation"][0]["url"] == "https://a.example/x?y=1&z=2"
    assert 'content="Quotes &#34; and &lt;/script&gt;' in page
    for name in ("feed.xml", "sitemap.xml"):
        ET.parse(site / name)  # still well-formed XML


def test_csp_meta_allows_only_the_sites_own_styles_and_images(tmp_path):
    site = build_site(tmp_path / "site")
    for page in site.rglob("*.html"):
        text = page.read_text()
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text).group(1)
        rules = dict((part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in csp.split(";")))
        assert rules["default-src"] == "'none'" and rules["style-src"] == "'self'"
        assert rules["img-src"] == "'self'" and rules["base-uri"] == "'none'"
        assert "style=" not in text and "<style" not in text  # inline styles would be blocked
        assert re.findall(r"<script(?![^>]*application/ld\+json)", text) == []


# --- 5. index, pagination, tags, back-links ---------------------------------------------------

def many_stories(n: int) -> dict[str, str]:
    files = {}
    for i in range(1, n + 1):
        slug = f"story-{i:02d}"
        files[f"content/stories/{slug}/story.yaml"] = (
            f"title: Story number {i}\ndek: The dek of story {i}.\ndate: 2025-01-{i:02d}\n"
            f"tags: [{'even' if i % 2 == 0 else 'odd'}]\n")
        files[f"content/stories/{slug}/a.txt"] = (
            f"Story number {i}\n\nThe harbour council met on day {i} to discuss the bridge repairs.\n")
    return files


def entry_titles(page: Path) -> list[str]:
    return re.findall(r'<h2 class="entry-title"><a href="[^"]+">([^<]+)</a>', page.read_text())


def test_index_is_newest_first_and_paginates_past_20_stories(make_site):
    result, site = make_site(many_stories(23))
    assert result.published
    first, second = entry_titles(site / "index.html"), entry_titles(site / "page" / "2" / "index.html")
    assert first == [f"Story number {i}" for i in range(23, 3, -1)]
    assert second == ["Story number 3", "Story number 2", "Story number 1"]
    index = (site / "index.html").read_text()
    assert "The dek of story 23." in index and '<time datetime="2025-01-23">23 January 2025</time>' in index
    assert "1 report: " in index and "Page 1 of 2" in index
    assert 'rel="next" href="/page/2/"' in index and 'rel="prev"' not in index
    page2 = (site / "page" / "2" / "index.html").read_text()
    assert 'rel="prev" href="/"' in page2 and 'rel="next"' not in page2
    assert not (site / "page" / "3").exists()
    assert entry_titles(site / "tags" / "even" / "index.html")[0] == "Story number 22"
    assert "11 stories, newest first" in (site / "tags" / "even" / "index.html").read_text()
    assert len(entry_titles(site / "tags" / "odd" / "index.html")) == 12
    tags = (site / "tags" / "index.html").read_text()
    assert 'href="/tags/even/">even</a> <span class="count">(11)</span>' in tags


def test_every_source_links_back_to_each_sentence_citing_it(tmp_path):
    import lxml.html

    site = build_site(tmp_path / "site")
    page = (site / "north-korea-october-surprise" / "index.html").read_text()
    story = json.loads((site / "north-korea-october-surprise" / "story.json").read_text())
    # The story's sentences, then those of the part after it ("more"), numbered on.
    sentences = [s for block in story["body"] + story.get("more", []) for s in block["sentences"]]
    tree = lxml.html.fromstring(page)
    body = tree.xpath('//*[@class="story-body" or @class="more"]//span[starts-with(@id, "s-")]')
    assert [span.get("id") for span in body] == [f"s-{n}" for n in range(1, len(sentences) + 1)]
    assert [span.text_content() for span in body] == [s["text"] for s in sentences]
    for source in story["sources"]:
        item = tree.get_element_by_id(f"source-{source['id']}")
        back = item.xpath('./span[@class="back"]//a/@href')  # its own, not its copies'
        citing = [n for n, s in enumerate(sentences, 1) if source["id"] in s["sources"]]
        assert back == [f"#s-{n}" for n in citing]
        if citing:
            hidden = item.xpath('./span[@class="back"]/span[@class="vh"]')[0].text_content()
            assert hidden.startswith("Back to the sentences citing ")


def test_masthead_links_only_to_pages_that_exist(make_site):
    result, site = make_site({"content/stories/a/x.txt": "A headline\n\nThe bridge closed on Tuesday.\n"})
    assert result.published
    index = (site / "index.html").read_text()
    assert 'href="/tags/"' not in index and 'href="/about/"' not in index


# --- 7. weight --------------------------------------------------------------------------------

class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text = 0
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self.in_script:
            self.text += len(data.strip().encode("utf-8"))


def test_a_story_page_without_its_text_weighs_under_30_kb(tmp_path):
    site = build_site(tmp_path / "site")
    page = (site / "north-korea-october-surprise" / "index.html").read_bytes()
    counter = _Text()
    counter.feed(page.decode("utf-8"))
    css = sum(p.stat().st_size for p in (site / "assets").glob("*.css"))
    markup = len(page) - counter.text
    assert markup + css < 30 * 1024, (markup, css)
    assert "@import" not in (site / "assets" / "style.css").read_text()
    assert "@font-face" not in (site / "assets" / "style.css").read_text()
