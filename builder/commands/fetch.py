"""Download one web page for `add`: public http(s) addresses only, bounded in time and size.

Takes: a URL, the size cap (config `limits.max_source_bytes`), a deadline in seconds for the
whole download, and the non-public networks the curator allows (`ALL_PRIVATE` for
`--allow-private`). Gives: a `Fetched` (the final URL after redirects, the media type, the
declared charset and the body bytes); raises `FetchError`, one line naming the URL and
saying why: offline, refused, a server error, a malformed answer, too large, too slow, not
a web page, a redirect to somewhere that is not http(s), more than MAX_REDIRECTS redirects,
or an address that is not public.

Public addresses only: the page a curator adds may redirect anywhere, so every address a
host name resolves to, at the first request and after every redirect, must be a public
one: not loopback, private, link-local, multicast, reserved, unspecified or shared, IPv4 or
IPv6, nor an IPv6 form that carries such an IPv4 address (mapped, 6to4, Teredo, NAT64).
Numeric spellings (`0x7f000001`, `2130706433`) are caught because the check is on what the
resolver gives. The connection goes to the very address checked, so a second lookup cannot
answer differently; proxies from the environment are not used for the same reason.

Time and size: `timeout` is one deadline for connecting, redirects, headers and body; a
watchdog shuts the connection when it passes, so a server sending a byte a second cannot
hold `add`. Headers are capped by http.client (100 headers, 64 KiB a line): more is an error.

Standard library only (urllib, with its connection step replaced): one GET with limits.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message

from builder import __version__

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
SCHEMES = ("http", "https")
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
USER_AGENT = f"news-digest-builder/{__version__} (saving one page for a curator)"
CHUNK = 64 * 1024
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
ALL_PRIVATE: tuple[Network, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A page that could not be downloaded; the message names the URL and says why."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    kind: str  # "html" | "text"
    charset: str | None
    data: bytes


def is_url(text: str) -> bool:
    """Whether an `add` argument is meant as a URL rather than a file path."""
    return "://" in text


def not_public(ip: Address) -> str | None:
    """Why an address is not a public one ('loopback', 'private', ...), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        teredo = ip.teredo
        carried = [ip.ipv4_mapped, ip.sixtofour, teredo[1] if teredo else None,
                   ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None]
        for inner in carried:
            why = not_public(inner) if inner is not None else None
            if why:
                return why
    # Most specific first: Python counts link-local, reserved and unspecified as private too.
    for why in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{why}"):
            return why.replace("_", "-")
    return None if ip.is_global else "non-public"


def fetch(url: str, max_bytes: int, timeout: float = 20.0, allow: Sequence[Network] = ()) -> Fetched:
    """GET `url`; see the module docstring for the limits. `allow`: networks that may be
    reached though they are not public (ALL_PRIVATE: any)."""
    _check_scheme(url, url)
    guard = _Guard(url, timeout, tuple(allow))
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _Http(guard), _Https(guard), _Redirects(url)
    )
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"}
    )
    log.info("fetching %s", url)
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            headers: Message = response.headers
            kind = _kind(url, headers.get_content_type() if headers.get("Content-Type") else None)
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    f"{url}: {int(length):,} bytes is over the {max_bytes:,}-byte "
                    "limit (limits.max_source_bytes in config.yaml)"
                )
            data = _read_capped(response, url, max_bytes)
            short = getattr(response, "length", None)  # what Content-Length promised and is missing
            if isinstance(short, int) and short > 0:
                guard.check_time()
                raise FetchError(f"{url}: the connection closed {short:,} bytes short of the page")
            charset = headers.get_content_charset()
        guard.check_time()  # the watchdog may have cut the body short
    except FetchError:
        raise
    except Exception as err:  # noqa: BLE001 - each kind is turned into a message below
        raise FetchError(_message(err, guard)) from None
    finally:
        guard.close()
    if not data.strip():
        raise FetchError(f"{url}: the page is empty")
    return Fetched(final, kind, charset, data)


def _message(err: Exception, guard: _Guard) -> str:
    """One line naming the URL for anything urllib or http.client raised."""
    url = guard.start
    if guard.expired:
        return guard.late()
    if isinstance(err, urllib.error.HTTPError):
        return f"{url}: the server answered {err.code} {_line(str(err.reason))}"
    if isinstance(err, urllib.error.URLError):
        if isinstance(err.reason, FetchError):
            return str(err.reason)
        return f"{url}: {_reason(err.reason, guard.timeout)}"
    if isinstance(err, http.client.HTTPException):
        what = type(err).__name__
        return f"{url}: the server's answer is malformed ({what}: {_line(str(err))})"
    if isinstance(err, TimeoutError):
        return guard.late()
    if isinstance(err, (OSError, ValueError)):  # connection reset mid-body, malformed URL, ...
        return f"{url}: download failed: {_line(str(err))}"
    raise err


def _line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."


class _Guard:
    """One download's deadline and address policy, shared by every connection it makes."""

    def __init__(self, start: str, timeout: float, allow: tuple[Network, ...]) -> None:
        self.start, self.timeout, self.allow = start, timeout, allow
        self.deadline = time.monotonic() + timeout
        self.expired = False
        self._timers: list[threading.Timer] = []

    def late(self) -> str:
        return f"{self.start}: not downloaded within {self.timeout:g} s (--timeout)"

    def check_time(self) -> float:
        """The seconds left; FetchError once the deadline has passed."""
        left = self.deadline - time.monotonic()
        if left <= 0 or self.expired:
            self.expired = True
            raise FetchError(self.late())
        return left

    def connect(self, address: tuple[str, int], timeout: object = None,
                source: object = None) -> socket.socket:
        """http.client's connection step: resolve, check every address, connect to one."""
        host, port = address
        infos = self._resolve(host, port)
        for *_, sockaddr in infos:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            why = not_public(ip)
            if why and not any(ip.version == n.version and ip in n for n in self.allow):
                where = "" if host == urllib.parse.urlsplit(self.start).hostname else f" (redirected to {host})"
                raise FetchError(f"{self.start}{where}: {host} is {ip}, a {why} address: not "
                                 "downloaded (--allow-private allows your own local server)")
        failure: OSError = OSError(f"no address for {host}")
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self.check_time())
                sock.connect(sockaddr)
            except OSError as err:
                sock.close()
                failure = err
                continue
            self._watch(sock)
            return sock
        raise failure

    def _resolve(self, host: str, port: int) -> list:
        """getaddrinfo within the deadline: a resolver that does not answer is as slow as a
        server that does not (the lookup thread is left to finish on its own)."""
        found: dict[str, object] = {}

        def lookup() -> None:
            try:
                found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except (OSError, UnicodeError) as err:
                found["error"] = err

        thread = threading.Thread(target=lookup, daemon=True)
        thread.start()
        thread.join(self.check_time())
        if thread.is_alive():
            self.expired = True
            raise FetchError(self.late())
        error = found.get("error")
        if isinstance(error, UnicodeError):
            raise FetchError(f"{self.start}: {host!r} is not a usable host name ({_line(str(error))})")
        if isinstance(error, OSError):
            raise error
        return found["infos"]  # type: ignore[return-value]

    def _watch(self, sock: socket.socket) -> None:
        timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._cut, (sock,))
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def _cut(self, sock: socket.socket) -> None:
        self.expired = True
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # closed already

    def close(self) -> None:
        for timer in self._timers:
            timer.cancel()


class _Http(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)

    def _connection(self, host: str, **kwargs: object) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection(host, **kwargs)  # type: ignore[arg-type]
        conn._create_connection = self.guard.connect  # type: ignore[attr-defined]
        return conn


class _Https(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__(context=ssl.create_default_context())
        self.guard = guard

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)

    def _connection(self, host: str, **kwargs: object) -> http.client.HTTPSConnection:
        kwargs.pop("check_hostname", None)
        conn = http.client.HTTPSConnection(host, context=self._context, **kwargs)  # type: ignore[arg-type]
        conn._create_connection = self.guard.connect  # type: ignore[attr-defined]
        return conn


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, each to http or https only (the address
    each leads to is checked when it is connected to: `_Guard.connect`)."""

    def __init__(self, start: str) -> None:
        self.start = start
        self.count = 0

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        # urllib refuses a non-http(s) Location itself, but with a vaguer message: say ours.
        location = headers.get("Location") or headers.get("URI")
        if location:
            try:
                _check_scheme(
                    urllib.parse.urljoin(req.full_url, location), self.start, redirected=True
                )
            except FetchError:
                fp.close()
                raise
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        self.count += 1
        if self.count > MAX_REDIRECTS:
            fp.close()
            raise FetchError(f"{self.start}: more than {MAX_REDIRECTS} redirects: refused")
        _check_scheme(newurl, self.start, redirected=True)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_scheme(url: str, start: str, redirected: bool = False) -> None:
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError as err:  # a bracketed host that is not an IPv6 address, ...
        raise FetchError(f"{start}: not a usable address: {_line(str(err))}") from None
    if parts.scheme.lower() not in SCHEMES:
        what = f"redirects to {_line(url)!r}" if redirected else "is not an http or https address"
        raise FetchError(f"{start}: {what}: only http and https pages are downloaded")
    if not host:
        raise FetchError(f"{start}: no host name in {_line(url)!r}")


def _kind(url: str, media_type: str | None) -> str:
    if media_type is None:
        return "html"  # no Content-Type: the loader sniffs HTML as well as text
    kind = PAGE_TYPES.get(media_type)
    if kind is None:
        raise FetchError(f"{url}: is {_line(media_type)}, not a web page or text: save it another way")
    return kind


def _read_capped(response, url: str, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                f"{url}: over the {max_bytes:,}-byte limit (limits.max_source_bytes in config.yaml)"
            )
        parts.append(chunk)


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return "cannot find that host (are you offline, or is the address mistyped?)"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused (is the server up?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    return f"cannot download: {_line(str(reason))}"
