"""The local preview server behind `serve`: static files, plus live reload in served pages only.

Takes: the built site folder, the site's base path ('/' or '/repo/'), and a `Generation`
counter that the rebuild loop bumps after each successful build. Gives: an HTTP server
(`make_server`) that serves the site under its base path and, in every HTML response,
adds one script, served from `<base>assets/__livereload.js`, that polls `/__reload` and
reloads the page when the generation changes. The site's Content-Security-Policy forbids
scripts, so served pages get `script-src 'self'; connect-src 'self'` added to it.

None of this touches the files on disk: the published site/ is exactly what `build`
writes, with no script in it. Also here: `snapshot`, the polling file watcher's view of
the folders it watches (no dependency needed for a handful of folders).
"""

from __future__ import annotations

import html
import logging
import os
import re
import threading
from collections.abc import Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger(__name__)

RELOAD_PATH = "/__reload"
SCRIPT_NAME = "assets/__livereload.js"
LIVERELOAD_JS = b"""// Served by `python -m builder serve` only; never part of a published site.
(function () {
  var seen = new URL(document.currentScript.src).searchParams.get("v");
  function poll() {
    fetch("/__reload", {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (v) {
        if (v !== seen) { location.reload(); return; }
        setTimeout(poll, 400);
      })
      .catch(function () { setTimeout(poll, 1500); });
  }
  poll();
})();
"""
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_CSP = re.compile(r"""http-equiv\s*=\s*["']?content-security-policy""", re.IGNORECASE)
_CONTENT = re.compile(r"""(\scontent\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


class Generation:
    """A counter shared by the rebuild loop (writer) and the request threads (readers)."""

    def __init__(self) -> None:
        self._value = 0
        self._lock = threading.Lock()

    def bump(self) -> int:
        with self._lock:
            self._value += 1
            return self._value

    @property
    def value(self) -> int:
        with self._lock:
            return self._value


def inject_live_reload(page: str, base_path: str, generation: int) -> str:
    """The page with the live-reload script added and its CSP opened just enough to run it."""
    page = _META.sub(_loosen_csp, page)
    tag = f'<script src="{html.escape(base_path + SCRIPT_NAME)}?v={generation}" defer></script>\n'
    match = _HEAD_END.search(page)
    if match:
        return page[: match.start()] + tag + page[match.start() :]
    return tag + page


def _loosen_csp(match: re.Match[str]) -> str:
    tag = match.group(0)
    if not _CSP.search(tag):
        return tag

    def rewrite(content: re.Match[str]) -> str:
        directives = [d.strip() for d in html.unescape(content.group(3)).split(";") if d.strip()]
        kept = [d for d in directives if d.split()[0].lower() not in ("script-src", "connect-src")]
        kept += ["script-src 'self'", "connect-src 'self'"]
        value = html.escape("; ".join(kept), quote=False).replace('"', "&quot;")
        return f'{content.group(1)}"{value}"'

    return _CONTENT.sub(rewrite, tag, count=1)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the site under its base path; HTML gets the live-reload script."""

    base_path = "/"
    generation: Generation

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == RELOAD_PATH:
            return self._send(
                200, "text/plain; charset=utf-8", str(self.generation.value).encode(), head
            )
        if path == self.base_path + SCRIPT_NAME:
            return self._send(200, "text/javascript; charset=utf-8", LIVERELOAD_JS, head)
        if not path.startswith(self.base_path):
            if path in ("/", ""):
                return self._redirect(self.base_path)
            return self._not_found(head)
        original = self.path
        self.path = "/" + original[len(self.base_path) :]
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            local = local / "index.html"
        if not local.is_file():
            return self._not_found(head)
        if local.suffix == ".html":
            return self._send_page(200, local, head)
        SimpleHTTPRequestHandler.do_HEAD(self) if head else SimpleHTTPRequestHandler.do_GET(self)

    def _send_page(self, status: int, local: Path, head: bool) -> None:
        page = local.read_text(encoding="utf-8", errors="replace")
        body = inject_live_reload(page, self.base_path, self.generation.value).encode("utf-8")
        self._send(status, "text/html; charset=utf-8", body, head)

    def _not_found(self, head: bool) -> None:
        page = Path(self.directory) / "404.html"
        if page.is_file():
            return self._send_page(404, page, head)
        return self._send(
            404, "text/plain; charset=utf-8", b"not found (is the site built?)\n", head
        )

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, media_type: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview must never show a stale page
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class PreviewServer(ThreadingHTTPServer):
    """A threading server whose request errors are logged, not printed as tracebacks."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that reloads mid-response resets its connection: routine, not a crash.
        # socketserver calls this inside its `except`, so exc_info is the request's error.
        log.debug("request from %s failed", client_address, exc_info=True)  # noqa: LOG014


def make_server(
    site: Path, base_path: str, generation: Generation, host: str, port: int
) -> ThreadingHTTPServer:
    """An HTTP server for `site` on host:port (port 0: any free port). Raises OSError if taken."""
    handler = type("Handler", (PreviewHandler,), {"base_path": base_path, "generation": generation})
    return PreviewServer((host, port), partial(handler, directory=str(site)))


def snapshot(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under `paths` (files or folders)."""
    seen: dict[str, tuple[int, int]] = {}
    for root in paths:
        if root.is_file():
            _note(seen, str(root))
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith("."):  # editors' swap files, add's temporary files
                    _note(seen, os.path.join(folder, name))
    return seen


def _note(seen: dict[str, tuple[int, int]], path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:  # deleted between listing and stat: the next poll sees it gone
        return
    seen[path] = (st.st_mtime_ns, st.st_size)
