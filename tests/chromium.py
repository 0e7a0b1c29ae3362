"""Headless Chromium for tests, driven over the DevTools protocol on a pipe (no websocket library).

`chromium_path()` finds the browser, installing Debian's `chromium` when it is missing and
we are root (as CI is), through tests/tooling.py: without one the tests fail, never skip. `Browser` starts it with
--remote-debugging-pipe (protocol messages are NUL-terminated JSON on fds 3 and 4), opens
one page and evaluates JavaScript in it; `screenshot` is the plain command-line mode.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    """Debian's Chromium, installed by tests/tooling.py when missing (ToolMissing says how)."""
    from tests import tooling

    return tooling.chromium()


class Browser:
    """One headless Chromium with one open page; use as a context manager."""

    def __init__(self, exe: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="chromium-test-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()

        def wire_pipes() -> None:  # in the child: the protocol's fds 3 (in) and 4 (out)
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [
                exe,
                *FLAGS,
                f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            preexec_fn=wire_pipes,  # noqa: PLW1509 - the tests start no threads before this
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._out = os.fdopen(to_browser_w, "wb", buffering=0)
        self._in = os.fdopen(from_browser_r, "rb", buffering=0)
        self._buffer = b""
        self._id = 0
        self.session: str | None = None

    def __enter__(self) -> Browser:  # noqa: PYI034 - not subclassed
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(RuntimeError, OSError):  # already gone
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._out.close()
        self._in.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._out.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", {"url": url})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]

    def evaluate(self, expression: str) -> object:
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session
        )
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 10.0) -> object:
        """Evaluate until the value is truthy; return it, or raise after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError:  # the page is navigating: its context is gone for a moment
                value = None
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for: {expression}")

    def _receive(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = self._in.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the protocol pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)


def screenshot(exe: str, url: str, out: Path, width: int = 1280, height: int = 1400) -> None:
    """Save a PNG of `url` at width x height (command-line --screenshot)."""
    with tempfile.TemporaryDirectory(prefix="chromium-shot-") as profile:
        subprocess.run(
            [
                exe,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                url,
            ],
            capture_output=True,
            timeout=60,
            check=True,
        )


def main(argv: list[str]) -> int:
    """Regenerate the README's screenshot: `python -m tests.chromium docs/story.png`.

    Builds the example story into a temporary folder, serves it on 127.0.0.1 and shoots
    its page at 1280 x 1400 (the top of the story: it keeps the PNG small).
    """
    import dataclasses
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from builder.config import load_config
    from builder.build.pipeline import build

    out = Path(argv[0] if argv else "docs/story.png").resolve()
    root = Path(__file__).resolve().parent.parent
    exe = chromium_path()
    with tempfile.TemporaryDirectory() as site:
        config = load_config(root / "config.yaml")
        result = build(dataclasses.replace(config, output_dir=Path(site), base_url="/"))
        if not result.published:
            print("\n".join(str(d) for d in result.diagnostics.errors))
            return 1
        slug = result.stories[0].slug
        handler = functools.partial(SimpleHTTPRequestHandler, directory=site)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            port = server.server_address[1]
            screenshot(exe, f"http://127.0.0.1:{port}/{slug}/", out)
        finally:
            server.shutdown()
            server.server_close()
    print(f"{out}: {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
