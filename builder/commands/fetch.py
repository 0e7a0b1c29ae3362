"""Download one web page for `add`: http(s) only, bounded in time, size and redirects.

Takes: a URL, the size cap (config `limits.max_source_bytes`) and a timeout in seconds.
Gives: a `Fetched` (the final URL after redirects, the media type, the declared charset
and the body bytes); raises `FetchError` with a message a curator can act on: offline,
refused, a server error, too large, not a web page, a redirect to somewhere that is not
http(s), or more than MAX_REDIRECTS redirects.

Standard library only (urllib): the job is one GET with a few limits, which urllib does.
"""

from __future__ import annotations

import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from builder import __version__

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
SCHEMES = ("http", "https")
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
USER_AGENT = f"news-digest-builder/{__version__} (saving one page for a curator)"
CHUNK = 64 * 1024


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


def fetch(url: str, max_bytes: int, timeout: float = 20.0) -> Fetched:
    """GET `url`; see the module docstring for the limits."""
    _check_scheme(url, url)
    opener = urllib.request.build_opener(_Redirects(url))
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
            charset = headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as err:
        raise FetchError(f"{url}: the server answered {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise FetchError(f"{url}: {_reason(err.reason, timeout)}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as err:  # connection reset mid-body, malformed URL, ...
        raise FetchError(f"{url}: download failed: {err}") from None
    if not data.strip():
        raise FetchError(f"{url}: the page is empty")
    return Fetched(final, kind, charset, data)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, each to http or https only."""

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
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        what = f"redirects to {url!r}" if redirected else "is not an http or https address"
        raise FetchError(f"{start}: {what}: only http and https pages are downloaded")
    if not urllib.parse.urlsplit(url).hostname:
        raise FetchError(f"{start}: no host name in {url!r}")


def _kind(url: str, media_type: str | None) -> str:
    if media_type is None:
        return "html"  # no Content-Type: the loader sniffs HTML as well as text
    kind = PAGE_TYPES.get(media_type)
    if kind is None:
        raise FetchError(f"{url}: is {media_type}, not a web page or text: save it another way")
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
    if isinstance(reason, FetchError):
        return str(reason)
    return f"cannot download: {reason}"
