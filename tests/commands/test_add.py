"""`add`: copying and downloading reports into a story, and recording what they say about themselves.

Downloads are tested against a local http.server on 127.0.0.1 (ephemeral port, in a thread,
shut down after each test) serving small hand-written pages, and one real saved page from
the extraction bench (tests/data), decompressed into a temporary folder (never into the repo).
"""

from __future__ import annotations

import datetime as dt
import gzip
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from builder.commands.add import AddError, add_one, file_name_for
from builder.commands.new import new_story
from builder.load.storymeta import read_story_meta
from tests.conftest import EXTRACTION_PAGES, ROOT

MAX = 10 * 1024 * 1024
GAZETTE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Bridge shut after cracks found | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:title" content="Bridge shut after cracks found">
<meta property="article:published_time" content="2025-03-04T08:00:00Z">
<link rel="canonical" href="https://gazette.example/news/bridge-shut">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge shut after cracks found</h1>
<p>The Harbour Bridge was closed to all traffic on Tuesday after engineers found cracks in its main span.</p>
<p>City engineer Maria Okafor said the bridge would stay shut for at least two weeks while repairs are planned.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""
BARE = "<html><head><title>Ferries double during closure</title></head><body><p>Ferries will run every fifteen minutes while the bridge is shut, the operator said.</p></body></html>"


class Site(BaseHTTPRequestHandler):
    """Routes: path -> (status, headers, body); a `delay` route sleeps before answering."""

    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        if headers.get("X-Delay"):
            time.sleep(float(headers["X-Delay"]))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, dict]]:
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    handler = type("Routes", (Site,), {"routes": routes})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def html(body: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    new_story(tmp_path / "content", "harbour-bridge", "Harbour bridge closed")
    return tmp_path / "content" / "stories" / "harbour-bridge"


def sources(folder: Path) -> dict:
    return yaml.safe_load((folder / "story.yaml").read_text())["sources"]


def test_add_copies_a_text_dump_and_records_its_first_line_as_title(story, tmp_path):
    dump = tmp_path / "wire.txt"
    dump.write_text(
        "\nBridge closed to traffic\n\nThe bridge closed on Tuesday after cracks were found.\n"
    )
    added = add_one(story, str(dump), MAX)
    assert (story / "wire.txt").read_text() == dump.read_text()
    assert added.recorded == {"title": "Bridge closed to traffic"}
    assert read_story_meta(story).sources["wire.txt"].title == "Bridge closed to traffic"


@pytest.mark.parametrize("dump, title", [
    # A breadcrumb trail glued to the headline, then the headline itself.
    ("HomeNewsBridge closed to traffic after cracks...\n\nBridge closed to traffic after "
     "cracks found\n\nPublished on\n\nThe bridge closed on Tuesday after cracks were found "
     "in its main span, the city said.\n", "Bridge closed to traffic after cracks found"),
    # A whole page's menu first: no line can be trusted as the headline.
    ("Skip to content\nHome\nNews\nSport\nWeather\nContact\n\nThe bridge closed on Tuesday "
     "after cracks were found in its main span, the city said. Engineers will inspect it.\n"
     "Repairs could take weeks, a council spokesperson said on Wednesday afternoon.\n", None),
])
def test_add_records_the_headline_the_build_finds_not_a_menu_line(story, tmp_path, dump, title):
    path = tmp_path / "dump.txt"
    path.write_text(dump)
    added = add_one(story, str(path), MAX)
    assert added.recorded.get("title") == title
    assert read_story_meta(story).sources.get("dump.txt") is None or (
        read_story_meta(story).sources["dump.txt"].title == title)


def test_add_records_outlet_without_overwriting_curator_values(story, tmp_path):
    page = tmp_path / "gazette.html"
    page.write_text(GAZETTE)
    yaml_path = story / "story.yaml"
    yaml_path.write_text(
        yaml_path.read_text()
        + "  gazette.html:   # my note on the Gazette\n    outlet: The Gazette\n"
    )
    added = add_one(story, str(page), MAX)
    assert "outlet" not in added.recorded
    meta = read_story_meta(story).sources["gazette.html"]
    assert meta.outlet == "The Gazette"  # the curator's word
    assert meta.title == "Bridge shut after cracks found"
    assert meta.url == "https://gazette.example/news/bridge-shut"
    assert meta.published == "2025-03-04"
    text = yaml_path.read_text()
    assert (
        "# my note on the Gazette" in text and "# Per-source details, keyed by file name." in text
    )
    assert "#   outlet: Harbour Gazette" in text  # the template's commented example survives


def test_add_refuses_a_broken_story_yaml_naming_its_line_and_saves_nothing(story, tmp_path):
    (story / "story.yaml").write_text("title: Bridge\nsources:\n  a.txt: {outlet: X\n")
    dump = tmp_path / "wire.txt"
    dump.write_text("Bridge closed\n\nThe bridge closed on Tuesday.\n")
    with pytest.raises(AddError, match=r"story.yaml:\d+: not valid YAML"):
        add_one(story, str(dump), MAX)
    assert not (story / "wire.txt").exists()


def test_add_writes_a_story_yaml_when_the_folder_has_none(tmp_path):
    folder = tmp_path / "content" / "stories" / "s"
    folder.mkdir(parents=True)
    dump = tmp_path / "wire.txt"
    dump.write_text("Bridge closed\n\nThe bridge closed on Tuesday.\n")
    add_one(folder, str(dump), MAX)
    assert read_story_meta(folder).sources["wire.txt"].title == "Bridge closed"


def test_add_leaves_a_shared_collection_sources_yaml_alone(tmp_path):
    folder = tmp_path / "content" / "stories" / "s"
    folder.mkdir(parents=True)
    (folder / "sources.yaml").write_text("articles:\n  - {file: a.txt, outlet: A}\n")
    dump = tmp_path / "wire.txt"
    dump.write_text("Bridge closed\n\nThe bridge closed on Tuesday.\n")
    with pytest.raises(AddError, match="sources.yaml"):
        add_one(folder, str(dump), MAX)
    assert sorted(p.name for p in folder.iterdir()) == ["sources.yaml"]


def test_add_refuses_to_overwrite_a_file_unless_forced(story, tmp_path):
    page = tmp_path / "gazette.html"
    page.write_text(GAZETTE)
    add_one(story, str(page), MAX)
    page.write_text(GAZETTE.replace("Tuesday", "Wednesday"))
    with pytest.raises(AddError, match="already exists: pass --force"):
        add_one(story, str(page), MAX)
    assert "Tuesday" in (story / "gazette.html").read_text()
    add_one(story, str(page), MAX, force=True)
    assert "Wednesday" in (story / "gazette.html").read_text()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("report.pdf", b"%PDF-1.4", "unsupported file type"),
        ("empty.txt", b"", "empty"),
        ("binary.html", bytes(range(256)) * 8, "gazette" and "binary.html"),
    ],
)
def test_add_refuses_what_the_build_could_not_read(story, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AddError, match=message) as err:
        add_one(story, str(path), MAX)
    assert str(path) in str(err.value) and not (story / name).exists()


def test_add_downloads_a_page_names_it_from_the_url_and_records_its_metadata(story, server):
    base, routes = server
    routes["/news/bridge-shut.html"] = html(GAZETTE)
    added = add_one(story, f"{base}/news/bridge-shut.html", MAX, allow_private=True)
    assert added.path == story / "bridge-shut.html"
    assert added.path.read_text() == GAZETTE
    assert sources(story)["bridge-shut.html"]["outlet"] == "Harbour Gazette"
    assert sources(story)["bridge-shut.html"]["url"] == "https://gazette.example/news/bridge-shut"


def test_a_page_whose_charset_only_the_server_declares_is_saved_readable(story, server):
    base, routes = server
    page = "<html><head><title>北京大桥关闭</title></head><body><p>大桥周二关闭。</p></body></html>"
    routes["/gbk/bridge"] = (200, {"Content-Type": "text/html; charset=gbk"}, page.encode("gbk"))
    added = add_one(story, f"{base}/gbk/bridge", MAX, allow_private=True)
    assert added.recorded["title"] == "北京大桥关闭"
    assert added.path.read_text(encoding="utf-8") == page


def test_a_page_without_a_canonical_url_records_the_address_it_came_from(story, server):
    base, routes = server
    routes["/article/98765"] = html(BARE)
    added = add_one(story, f"{base}/article/98765", MAX, allow_private=True)
    assert (
        added.path.name == "ferries-double-during-closure.html"
    )  # from the title: the segment says nothing
    assert added.recorded["url"] == f"{base}/article/98765"
    assert "outlet" not in added.recorded  # the page does not say: left empty, never invented


def test_add_follows_up_to_five_redirects_and_refuses_a_sixth(story, server):
    base, routes = server
    for i in range(6):
        routes[f"/r{i}"] = (302, {"Location": f"{base}/r{i + 1}"}, b"")
    routes["/r6"] = html(BARE)
    added = add_one(story, f"{base}/r1", MAX, allow_private=True)  # five redirects
    assert added.recorded["url"] == f"{base}/r6"
    with pytest.raises(AddError, match="more than 5 redirects"):
        add_one(story, f"{base}/r0", MAX, force=True, allow_private=True)


def test_add_refuses_a_redirect_that_leaves_http(story, server):
    base, routes = server
    routes["/sneaky"] = (302, {"Location": "file:///etc/passwd"}, b"")
    with pytest.raises(AddError, match="only http and https"):
        add_one(story, f"{base}/sneaky", MAX, allow_private=True)


def test_add_refuses_a_page_over_the_size_cap(story, server):
    base, routes = server
    routes["/big"] = html("<p>" + "word " * 5000 + "</p>")
    with pytest.raises(AddError, match="limits.max_source_bytes"):
        add_one(story, f"{base}/big", 10_000, allow_private=True)
    assert [p.name for p in story.iterdir()] == ["story.yaml"]


def test_add_refuses_what_is_not_a_web_page(story, server):
    base, routes = server
    routes["/file.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ...")
    routes["/gone"] = (404, {}, b"")
    with pytest.raises(AddError, match="application/pdf, not a web page"):
        add_one(story, f"{base}/file.pdf", MAX, allow_private=True)
    with pytest.raises(AddError, match="404"):
        add_one(story, f"{base}/gone", MAX, allow_private=True)


def test_add_gives_up_after_the_timeout(story, server):
    base, routes = server
    routes["/slow"] = (200, {"Content-Type": "text/html", "X-Delay": "3"}, BARE.encode())
    started = time.monotonic()
    with pytest.raises(AddError, match=r"not downloaded within 0.5 s \(--timeout\)"):
        add_one(story, f"{base}/slow", MAX, timeout=0.5, allow_private=True)
    assert time.monotonic() - started < 2.5


def test_add_says_so_when_nothing_answers(story):
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(AddError, match="refused"):
        add_one(story, f"http://127.0.0.1:{port}/x", MAX, allow_private=True)
    with pytest.raises(AddError, match="only http and https"):
        add_one(story, "ftp://example.org/x.html", MAX)


def test_add_downloads_a_real_saved_news_page(story, server, tmp_path):
    pages = sorted(EXTRACTION_PAGES.glob("*.html.gz"))
    base, routes = server
    data = gzip.decompress(pages[0].read_bytes())
    (tmp_path / "real.html").write_bytes(data)  # a temporary copy, never in the repo
    routes["/2019/11/19/story"] = (
        200,
        {"Content-Type": "text/html"},
        (tmp_path / "real.html").read_bytes(),
    )
    added = add_one(story, f"{base}/2019/11/19/story", MAX, allow_private=True)
    assert added.path.read_bytes() == data
    meta = read_story_meta(story).sources[added.path.name]
    assert meta.title and meta.url  # what the page says about itself, as the build reads it


@pytest.mark.parametrize(
    "url, title, name",
    [
        ("https://x.example/news/2025/03/bridge-shut.html", None, "bridge-shut.html"),
        ("https://x.example/story/12345", "Bridge Shut!", "bridge-shut.html"),
        ("https://x.example/", None, "x-example.html"),
        ("https://x.example/%E6%9D%B1%E4%BA%AC", "Tokyo news", "tokyo-news.html"),
    ],
)
def test_download_file_names(url, title, name):
    assert file_name_for(url, title, ".html") == name


def test_add_command_reports_each_failure_and_goes_on(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\n")
    new_story(tmp_path / "content", "s")
    (tmp_path / "a.txt").write_text("Headline here\n\nA sentence about the bridge.\n")
    done = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "builder", "add", "s", "missing.txt", "a.txt", "x.doc"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        "missing.txt: no such file" in done.stderr and "x.doc: unsupported file type" in done.stderr
    )
    assert (tmp_path / "content" / "stories" / "s" / "a.txt").is_file()
    assert "title: Headline here" in done.stdout


def test_add_to_a_missing_story_says_how_to_create_it(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\n")
    done = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "builder", "add", "nope", "a.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "python -m builder new nope" in done.stderr


def test_new_add_build_from_nothing(tmp_path, server):
    base, routes = server
    routes["/gazette/bridge"] = html(GAZETTE)
    routes["/wire/ferries"] = html(BARE)
    (tmp_path / "config.yaml").write_text(f"title: T\nlayouts_dir: {ROOT / 'layouts'}\n")
    run = [sys.executable, "-m", "builder"]
    for args in (
        ["new", "harbour-bridge", "--title", "Harbour bridge: closed"],
        ["add", "harbour-bridge", f"{base}/gazette/bridge", f"{base}/wire/ferries", "--allow-private"],
        ["build"],
    ):
        done = subprocess.run(
            check=False, args=run + args, cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "harbour-bridge" / "index.html").read_text()
    assert "Harbour bridge: closed" in page and "Harbour Gazette" in page


def test_add_warns_at_once_when_a_page_is_mostly_furniture(tmp_path):
    links = " ".join(f'<li><a href="/s{i}">Section number {i} news</a></li>' for i in range(40))
    (tmp_path / "front.html").write_text(
        f"<html><body><nav><ul>{links}</ul></nav><p>The bridge is shut.</p></body></html>"
    )
    (tmp_path / "config.yaml").write_text("title: T\n")
    new_story(tmp_path / "content", "s")
    done = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "builder", "add", "s", "front.html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert "front.html: warning [clean.mostly-furniture]" in done.stdout


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, capture_output=True,
                          text=True, check=False, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "config.yaml").write_text("title: T\n")
    new_story(tmp_path / "content", "s")
    (tmp_path / "wire.txt").write_text("Bridge shut\n\nThe harbour bridge closed on Tuesday.\n")
    return tmp_path


def test_add_writes_outlet_title_url_and_date_given_on_the_command_line(project):
    done = cli(project, "add", "s", "wire.txt", "--outlet", "City Wire", "--title", "Bridge shut",
               "--url", "https://wire.example/bridge", "--date", "2025-03-04")
    assert done.returncode == 0, done.stderr
    folder = project / "content" / "stories" / "s"
    assert sources(folder)["wire.txt"] == {"outlet": "City Wire", "title": "Bridge shut",
                                          "url": "https://wire.example/bridge", "published": dt.date(2025, 3, 4)}
    assert read_story_meta(folder).sources["wire.txt"].published == "2025-03-04"
    # Given again, the curator's values replace what story.yaml said, comments kept.
    text = (folder / "story.yaml").read_text()
    (folder / "story.yaml").write_text(text.replace("outlet: City Wire", "outlet: City Wire  # the agency"))
    done = cli(project, "add", "s", "wire.txt", "--force", "--date", "2025-03-05")
    assert done.returncode == 0, done.stderr
    assert sources(folder)["wire.txt"]["published"] == dt.date(2025, 3, 5)
    assert "# the agency" in (folder / "story.yaml").read_text()
    assert "published: 2025-03-05" in done.stdout


@pytest.mark.parametrize("flag, value, message", [
    ("--date", "03/04/2025", "not an ISO date"),
    ("--date", "2025-13-45", "invalid date"),
    ("--url", "wire.example/bridge", "did you mean https://wire.example/bridge"),
    ("--url", "ftp://wire.example/x", "not an http(s) address"),
])
def test_add_refuses_a_bad_date_or_address_flag_saying_what_to_write(project, flag, value, message):
    done = cli(project, "add", "s", "wire.txt", flag, value)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert not (project / "content" / "stories" / "s" / "wire.txt").exists()


def test_metadata_flags_describe_one_report(project):
    (project / "other.txt").write_text("Other\n\nText.\n")
    done = cli(project, "add", "s", "wire.txt", "other.txt", "--outlet", "X")
    assert done.returncode == 2 and "one report" in done.stderr


def test_a_report_already_in_the_story_under_another_name_is_refused_unless_forced(story, tmp_path):
    first, second = tmp_path / "gazette.html", tmp_path / "gazette-copy.html"
    first.write_text(GAZETTE)
    second.write_text(GAZETTE.replace("https://gazette.example/news/bridge-shut",
                                      "http://www.gazette.example/news/bridge-shut/"))
    add_one(story, str(first), MAX)
    with pytest.raises(AddError, match=r"already in the story as .*gazette\.html: not added \(pass --force"):
        add_one(story, str(second), MAX)
    assert not (story / "gazette-copy.html").exists()
    add_one(story, str(second), MAX, force=True)
    assert (story / "gazette-copy.html").is_file() and "gazette-copy.html" in sources(story)


def test_add_force_says_what_changed(project):
    folder = project / "content" / "stories" / "s"
    page = project / "gazette.html"
    page.write_text(GAZETTE)
    assert cli(project, "add", "s", "gazette.html").returncode == 0
    same = cli(project, "add", "s", "gazette.html", "--force")
    assert "replaced" in same.stdout and "the same text as before" in same.stdout
    page.write_text(GAZETTE.replace("2025-03-04T08:00:00Z", "2025-03-05T08:00:00Z"))
    changed = cli(project, "add", "s", "gazette.html", "--force")
    assert changed.returncode == 0, changed.stderr
    assert "its text changed" in changed.stdout
    assert "story.yaml keeps published: 2025-03-04 (the page now says 2025-03-05; pass --date" in changed.stdout
    assert sources(folder)["gazette.html"]["published"] == dt.date(2025, 3, 4)


def test_an_address_without_its_scheme_is_taken_for_what_it_is(project):
    done = cli(project, "add", "s", "www.bbc.co.uk/news/x")
    assert done.returncode == 1
    assert "looks like a web address: did you mean https://www.bbc.co.uk/news/x?" in done.stderr
