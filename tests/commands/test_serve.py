"""`serve`: the preview server, live reload in served pages only, rebuild on change, clean Ctrl-C."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from builder.commands.devserver import Generation, inject_live_reload, make_server, snapshot
from tests.chromium import Browser, chromium_path
from tests.conftest import LAYOUTS, ROOT, TOOLS

FIXTURE = ROOT / "tests" / "fixtures" / "mini"
# A new paragraph in the body of one report (text after its teaser list would be cleaned
# away), saying something no report says, so the merge must keep it.
ANCHOR = "while repairs are planned.\n"
NEW_FACT = (
    "\nThe mayor promised a compensation fund for shop owners near the closed approach roads.\n"
)
CSP = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'\">"
)


def _site(tmp_path: Path) -> Path:
    """The mini fixture (base_url https://example.org/digest/) copied, with absolute layouts."""
    site = tmp_path / "mini"
    shutil.copytree(FIXTURE, site)
    config = site / "config.yaml"
    config.write_text(config.read_text().replace("../../../layouts", str(LAYOUTS)))
    return site


def _start(site: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """Run `serve --port 0` on `site`; return the process and the URL it prints."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "builder",
            "serve",
            "--port",
            "0",
            "--config",
            str(site / "config.yaml"),
            *options,
        ],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    found = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("serving "):
                found.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc.reader = reader  # type: ignore[attr-defined]
    if not found.wait(30):
        code, stderr = _stop(proc)
        raise AssertionError(f"serve did not start ({code}): {lines} {stderr}")
    url = next(line for line in lines if line.startswith("serving ")).split()[1]
    return proc, url


def _stop(proc: subprocess.Popen) -> tuple[int, str]:
    """Ctrl-C the server; return its exit status and stderr."""
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        code = -9
    proc.reader.join(5)  # type: ignore[attr-defined]
    stderr = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    return code, stderr


def test_served_pages_get_the_reload_script_and_a_csp_that_allows_it():
    page = f"<html><head>{CSP}<title>x</title></head><body>hi</body></html>"
    served = inject_live_reload(page, "/digest/", 3)
    assert '<script src="/digest/assets/__livereload.js?v=3" defer></script>\n</head>' in served
    assert "script-src 'self'" in served and "connect-src 'self'" in served
    assert "default-src 'none'" in served and "style-src 'self'" in served


def test_reload_script_replaces_a_stricter_script_src():
    page = CSP.replace("style-src 'self'", "script-src 'none'") + "<p>x</p>"
    served = inject_live_reload(page, "/", 0)
    assert "script-src 'none'" not in served and "script-src 'self'" in served


def test_preview_serves_under_the_base_path_and_counts_builds(tmp_path):
    (tmp_path / "index.html").write_text("<html><head></head><body>home</body></html>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "style.css").write_text("body{}")
    generation = Generation()
    server = make_server(tmp_path, "/repo/", generation, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(base + "/") as r:  # redirected to the base path
            assert r.geturl() == base + "/repo/" and b"__livereload.js?v=0" in r.read()
        with urllib.request.urlopen(base + "/repo/assets/style.css") as r:
            assert r.read() == b"body{}" and r.headers["Cache-Control"] == "no-store"
        generation.bump()
        with urllib.request.urlopen(base + "/__reload") as r:
            assert r.read() == b"1"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/repo/../../etc/passwd")
        err.value.close()
        assert err.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
    assert "__livereload" not in (tmp_path / "index.html").read_text()


def test_snapshot_sees_a_changed_file(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    before = snapshot([tmp_path])
    (tmp_path / "a.txt").write_text("one two")
    assert snapshot([tmp_path]) != before


def test_serve_rebuilds_on_change_and_the_open_page_reloads(tmp_path):
    exe = chromium_path()
    site = _site(tmp_path)
    proc, url = _start(site)
    try:
        assert url.endswith("/digest/")
        with Browser(exe) as browser:
            browser.open(url + "harbour-bridge-closure/")
            browser.wait_for("document.querySelector('article.story h1') !== null")
            assert not browser.evaluate("document.body.textContent.includes('compensation fund')")
            browser.evaluate("window.__sameDocument = true")
            gazette = site / "content" / "stories" / "harbour-bridge-closure" / "gazette.txt"
            text = gazette.read_text()
            assert ANCHOR in text
            gazette.write_text(text.replace(ANCHOR, ANCHOR + NEW_FACT))
            browser.wait_for("document.body.textContent.includes('compensation fund')", timeout=15)
            assert browser.evaluate("window.__sameDocument") is None  # reloaded, not patched
    finally:
        code, stderr = _stop(proc)
    assert code == 0 and "Traceback" not in stderr
    published = [p.read_text() for p in (site / "site").rglob("*.html")]
    assert published and not any(
        "__livereload" in page or "<script src" in page for page in published
    )
    assert any("compensation fund" in page for page in published)
    # The CI's own scan, allowing no script path at all.
    scan = subprocess.run(
        [sys.executable, str(TOOLS / "scan_site.py"), str(site / "site"),
         "--allow-script-prefix", "/-none-/"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scan.returncode == 0, scan.stdout


def test_serve_base_url_overrides_the_config_as_build_does(tmp_path):
    site = _site(tmp_path)
    proc, url = _start(site, "--base-url", "https://user.github.io/preview/")
    try:
        assert url.endswith("/preview/")  # served under the override's path, not /digest/
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode()
        assert '<link rel="canonical" href="https://user.github.io/preview/">' in page
        assert 'href="/preview/assets/style.css"' in page and "/digest/" not in page
    finally:
        code, stderr = _stop(proc)
    assert code == 0, stderr


def test_serve_refuses_a_bad_base_url_before_building(tmp_path):
    site = _site(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "builder", "serve", "--port", "0", "--config",
         str(site / "config.yaml"), "--base-url", "user.github.io/repo"],
        cwd=site, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2 and done.stderr.startswith("--base-url: must start with")
    assert not (site / "site").exists()


def test_serve_stops_cleanly_on_ctrl_c(tmp_path):
    proc, _ = _start(_site(tmp_path))
    time.sleep(0.3)
    code, stderr = _stop(proc)
    assert code == 0 and "Traceback" not in stderr and "KeyboardInterrupt" not in stderr


def test_serve_reports_a_port_in_use(tmp_path):
    site = _site(tmp_path)
    server = make_server(site, "/", Generation(), "127.0.0.1", 0)
    try:
        port = server.server_address[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "builder",
                "serve",
                "--port",
                str(port),
                "--config",
                str(site / "config.yaml"),
            ],
            cwd=site,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        server.server_close()
    assert (
        done.returncode == 2
        and f"127.0.0.1:{port}" in done.stderr
        and "Traceback" not in done.stderr
    )


def test_serve_shows_drafts_marked_that_build_leaves_out(tmp_path):
    site = _site(tmp_path)
    story = site / "content" / "stories" / "harbour-bridge-closure" / "story.yaml"
    story.write_text(story.read_text() + "draft: true\n")
    proc, url = _start(site)
    try:
        with urllib.request.urlopen(url + "harbour-bridge-closure/", timeout=10) as page:
            html = page.read().decode()
        with urllib.request.urlopen(url, timeout=10) as index:
            listing = index.read().decode()
    finally:
        code, _ = _stop(proc)
    assert code == 0
    assert 'class="draft-note"' in html and 'class="draft-mark"' in listing
    built = subprocess.run([sys.executable, "-m", "builder", "build", "--config",
                            str(site / "config.yaml"), "--out", str(tmp_path / "out")],
                           cwd=site, capture_output=True, text=True, check=False)
    assert built.returncode == 0 and "harbour-bridge-closure (draft)" in built.stdout
    assert not (tmp_path / "out" / "harbour-bridge-closure").exists()
