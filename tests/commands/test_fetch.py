"""`add`'s downloads: public addresses only, one deadline, malformed answers as one-line errors.

Every server here listens on 127.0.0.1 (ephemeral ports, threads shut down after each test);
no test sends anything anywhere else. Refusals are checked by the server never having been
asked: an address that is not public is refused before anything is sent to it.
"""

from __future__ import annotations

import ipaddress
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from builder.commands.add import AddError, add_one
from builder.commands.fetch import ALL_PRIVATE, FetchError, fetch, not_public
from builder.commands.new import new_story
from builder.load.storymeta import read_story_meta

MAX = 10 * 1024 * 1024
PAGE = (b"<html><head><title>Ferries double</title></head><body><p>Ferries will run every "
        b"fifteen minutes while the bridge is shut, the operator said.</p></body></html>")
LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)  # this one loopback address, no other


def ok(body: bytes = PAGE, extra: bytes = b"") -> bytes:
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + extra
            + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)


class RawServer:
    """Answers each connection on 127.0.0.1 with `answer(path, conn)`; counts requests."""

    def __init__(self, answer: Callable[[str, socket.socket], None]) -> None:
        self.answer = answer
        self.requests: list[str] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            path = data.split(b" ", 2)[1].decode()
            self.requests.append(path)
            try:
                self.answer(path, conn)
            except OSError:
                pass  # the client gave up: what a deadline is for

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[str, socket.socket], None]], RawServer]]:
    servers: list[RawServer] = []

    def start(answer: Callable[[str, socket.socket], None]) -> RawServer:
        servers.append(RawServer(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    new_story(tmp_path / "content", "harbour-bridge", "Harbour bridge closed")
    return tmp_path / "content" / "stories" / "harbour-bridge"


@pytest.mark.parametrize("address, why", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"),
    ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("100.64.0.1", "non-public"),
    ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("fc00::1", "private"), ("ff02::1", "multicast"),
    ("::", "unspecified"), ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
    ("2002:7f00:1::", "loopback"), ("64:ff9b::a00:1", "private"),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),  # Teredo carrying 127.0.0.1
    ("93.184.216.34", None), ("8.8.8.8", None), ("2606:4700:4700::1111", None),
])
def test_not_public_names_every_kind_of_address_that_is_not(address: str, why: str | None) -> None:
    assert not_public(ipaddress.ip_address(address)) == why


@pytest.mark.parametrize("spelling", [
    "127.0.0.1", "localhost", "0x7f000001", "2130706433", "0177.0.0.1", "127.1", "[::1]",
    "[::ffff:127.0.0.1]",
])
def test_a_loopback_address_in_any_spelling_is_refused_before_anything_is_sent(
    serve, spelling: str
) -> None:
    server = serve(lambda path, conn: conn.sendall(ok()))
    with pytest.raises(FetchError) as err:
        fetch(f"http://{spelling}:{server.port}/secret", MAX, 5)
    message = str(err.value)
    assert f"{spelling}:{server.port}/secret" in message and "address: not downloaded" in message
    assert "\n" not in message
    assert server.requests == []


def test_allow_private_fetches_from_the_curators_own_server(serve) -> None:
    server = serve(lambda path, conn: conn.sendall(ok()))
    assert fetch(f"{server.base}/page", MAX, 5, ALL_PRIVATE).data == PAGE


@pytest.mark.parametrize("target", [
    "http://127.0.0.2:{port}/secret", "http://0x7f000002:{port}/secret",
    "http://2130706434:{port}/secret", "http://[::ffff:127.0.0.2]:{port}/secret",
])
def test_every_redirect_is_checked_again_after_dns(serve, target: str) -> None:
    """The first address is allowed (LOCAL); where it redirects to is not."""
    def answer(path: str, conn: socket.socket) -> None:
        if path == "/start":
            location = target.format(port=server.port).encode()
            conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\nContent-Length: 0\r\n\r\n")
        else:
            conn.sendall(ok(b"<p>the secret</p>"))

    server = serve(answer)
    with pytest.raises(FetchError, match="redirected to .*: not downloaded"):
        fetch(f"{server.base}/start", MAX, 5, LOCAL)
    assert server.requests == ["/start"]


def trickle(path: str, conn: socket.socket) -> None:
    """Headers at once, then the body a byte every 0.1 s, never ending soon."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(100_000):
        conn.sendall(b"x")
        time.sleep(0.1)


def slow_headers(path: str, conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    for _ in range(10_000):
        conn.sendall(b"X-Slow: 1\r\n")
        time.sleep(0.1)


@pytest.mark.parametrize("answer", [trickle, slow_headers])
def test_the_timeout_is_one_deadline_for_the_whole_download(serve, answer) -> None:
    server = serve(answer)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"not downloaded within 1 s \(--timeout\)"):
        fetch(f"{server.base}/slow", MAX, 1, ALL_PRIVATE)
    assert time.monotonic() - started < 10  # a runaway guard: the server would go on for hours


@pytest.mark.parametrize("answer, says", [
    (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(200)) + b"\r\n" + PAGE,
     "more than 100 headers"),
    (b"HTCPCP/9 I'm a teapot\r\n\r\n" + PAGE, "BadStatusLine"),
    (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 100_000 + b"\r\n\r\n" + PAGE, "LineTooLong"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + PAGE, "bytes short of the page"),
])
def test_a_malformed_answer_is_one_line_naming_the_url(serve, answer: bytes, says: str) -> None:
    server = serve(lambda path, conn: conn.sendall(answer))
    with pytest.raises(FetchError) as err:
        fetch(f"{server.base}/bad", MAX, 5, ALL_PRIVATE)
    message = str(err.value)
    assert message.startswith(f"{server.base}/bad: ") and says in message
    assert "\n" not in message and len(message) < 400


def test_a_page_with_an_impossible_date_and_a_bracket_flood_title_is_added(serve, story) -> None:
    page = (b'<html><head><meta property="og:title" content="' + b"[" * 3000 + b'">'
            b'<meta property="article:published_time" content="2025-13-45T10:00:00Z"></head>'
            b"<body><p>The bridge was closed on Tuesday after cracks were found.</p></body></html>")
    server = serve(lambda path, conn: conn.sendall(ok(page)))
    added = add_one(story, f"{server.base}/odd", MAX, allow_private=True)
    assert "published" not in added.recorded
    meta = read_story_meta(story).sources[added.path.name]  # story.yaml still reads back
    assert meta.title == "[" * 3000 and meta.published is None


def test_add_reports_each_network_error_in_one_line_and_goes_on(serve, tmp_path: Path) -> None:
    def answer(path: str, conn: socket.socket) -> None:
        if path == "/headers":
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 200 + b"\r\n")
        elif path == "/status":
            conn.sendall(b"garbage\r\n\r\n")
        else:
            conn.sendall(ok())

    server = serve(answer)
    (tmp_path / "config.yaml").write_text("title: T\n")
    new_story(tmp_path / "content", "s")
    urls = [f"{server.base}/headers", f"{server.base}/status", f"{server.base}/fine"]
    refused = subprocess.run([sys.executable, "-m", "builder", "add", "s", *urls], cwd=tmp_path,
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.count("a loopback address: not downloaded") == 3
    assert server.requests == []

    done = subprocess.run([sys.executable, "-m", "builder", "add", "s", *urls, "--allow-private"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2 and urls[0] in errors[0] and urls[1] in errors[1]
    story_yaml = yaml.safe_load((tmp_path / "content" / "stories" / "s" / "story.yaml").read_text())
    assert list(story_yaml["sources"]) == ["fine.html"]  # the third still went in


def test_add_refuses_a_malformed_address_in_one_line(story) -> None:
    for url in ("http://[not-an-ip]/x", "http://" + "a" * 300 + ".example/x"):
        with pytest.raises(AddError) as err:
            add_one(story, url, MAX)
        assert "\n" not in str(err.value)


def test_add_writes_into_no_symlinked_story_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "content" / "stories").mkdir(parents=True)
    (tmp_path / "content" / "stories" / "s").symlink_to(elsewhere)
    (tmp_path / "config.yaml").write_text("title: T\n")
    (tmp_path / "a.txt").write_text("Headline here\n\nA sentence about the bridge.\n")
    done = subprocess.run([sys.executable, "-m", "builder", "add", "s", "a.txt"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "is a symbolic link" in done.stderr
    assert list(elsewhere.iterdir()) == []
