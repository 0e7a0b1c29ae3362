"""Sanitising untrusted HTML: the last gate before anything is marked safe in a template.

Takes an HTML fragment from a hostile source (a scraped page, Markdown rendered to HTML, a
curator's file we never trust) and gives back an HTML fragment that can only format text:
paragraphs, headings, lists, quotations, emphasis, code, tables and links. Nothing that runs
script, loads foreign content or restyles the page survives.

    sanitize_html(html) -> str          allowlist sanitiser on nh3 (ammonia, html5ever parser)
    safe_url(url)       -> str | None   a URL usable in href="...", or None

Policy (why each choice):
- Allowlist, not blocklist: the corpora in bench/hostile/xss.jsonl show that every blocklist
  is one new tag away from failing. Anything not listed is unwrapped (text kept).
- `script`, `style`, `svg`, `math`, `iframe`, forms and the raw-text elements are dropped
  *with their content*: their content is code or markup, not article text, and SVG/MathML
  switch the parser into foreign content where mutation-XSS lives.
- No `id`, `class` or `style` on anything: an `id` could hijack the page's own anchors
  (`#source-3` footnotes), `class` could borrow the theme's styling, `style` is CSS injection.
- No `img`: a scraped image is a third-party request (tracking) and its alt text is already
  in the text dumps; the digest is text.
- Links: http, https, mailto and relative URLs only; every link gets
  rel="noopener noreferrer nofollow" (we do not vouch for anything a source links to).
- Idempotent by construction: the cleaner is applied until the output stops changing
  (html5ever drops a leading newline in <pre>, so one pass is not always a fixpoint).
"""

from __future__ import annotations

import html as html_lib
import re

import nh3

# Tags an article body needs. h1 is left out on purpose: the page's own <h1> is the story
# headline, a source's h1 is unwrapped to text (cleaning turns headings into blocks anyway).
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
        "ul", "ol", "li", "dl", "dt", "dd",
        "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sup", "sub",
        "abbr", "q", "cite", "span", "time", "a",
        "figure", "figcaption",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip

# Elements whose content is code, foreign markup or invisible furniture: drop tag and content.
# (nh3 refuses a tag that is both allowed and content-cleaned, so these must stay disjoint.)
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script", "style", "template", "noscript", "noembed", "noframes", "xmp", "plaintext",
        "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
        "form", "input", "button", "textarea", "select", "option", "title", "head",
    }
)  # fmt: skip

# Attributes per tag. No URL-bearing attribute except a[href]: `cite` on q/blockquote is a
# URL that nh3 does not scheme-check, and nobody reads it.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "time": {"datetime"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang", "dir"},
}

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"

# A pass of html5ever + serialiser normally reaches a fixpoint in one or two rounds; the cap
# only guards against a pathological oscillation, after which we fall back to plain text.
_MAX_ROUNDS = 4

# ASCII whitespace and C0 controls (and DEL): browsers strip the leading/trailing ones and
# drop tab/CR/LF anywhere in a URL before looking at the scheme ("java\tscript:").
_URL_STRIP = "".join(chr(i) for i in range(0x21)) + "\x7f"
_URL_TAB_NEWLINE = re.compile(r"[\t\n\r]")
# A scheme is letters, digits, + - . starting with a letter, ended by ":" (RFC 3986 / WHATWG).
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_url(url: str | None) -> str | None:
    """The URL if a browser would treat it as http, https, mailto or a relative path; else None.

    Used for attributes the templates fill from source metadata (a source's url). The check
    is made on the URL as a browser sees it: ASCII whitespace and controls stripped at both
    ends, tab/CR/LF removed everywhere. The returned URL is that cleaned form.
    """
    if url is None:
        return None
    cleaned = _URL_TAB_NEWLINE.sub("", url).strip(_URL_STRIP)
    if not cleaned:
        return None
    # A control character left inside is not a URL a curator meant; refuse rather than guess.
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in cleaned):
        return None
    # Backslashes are read as slashes by browsers ("\\evil.com" is "//evil.com"): harmless
    # for script, and a scheme hidden behind them is still caught by the colon test below.
    match = _SCHEME.match(cleaned)
    if match:
        return cleaned if match.group(1).lower() in URL_SCHEMES else None
    # No valid scheme, but a colon before any '/', '?' or '#' ("1javascript:x", "ｊava:x"):
    # not a scheme to a browser either, but no curator writes such a path; refuse it.
    first = re.search(r"[:/?#]", cleaned)
    if first and first.group(0) == ":":
        return None
    return cleaned


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    """Second opinion on every kept attribute (nh3 already checks href schemes).

    Defence in depth: href must also pass safe_url, so the two checks cannot disagree in
    the permissive direction. Numeric attributes must be numbers (no "1 onclick=...").
    """
    if attr == "href":
        return safe_url(value)
    if attr in {"colspan", "rowspan", "start"}:
        return value if value.strip().isdigit() and len(value.strip()) <= 4 else None
    if attr == "dir":
        return value if value.lower() in {"ltr", "rtl", "auto"} else None
    if attr == "scope":
        return value if value.lower() in {"row", "col", "rowgroup", "colgroup"} else None
    return value


def _clean_once(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
    )


def sanitize_html(html: str) -> str:
    """Allowlist-sanitise an HTML fragment; the result is safe to mark safe in a template.

    Idempotent: sanitize_html(sanitize_html(x)) == sanitize_html(x).
    """
    # Lone surrogates cannot cross into Rust (nh3 would raise); they are never text anyway.
    current = html.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(html) else html
    for _ in range(_MAX_ROUNDS):
        cleaned = _clean_once(current)
        if cleaned == current:
            return cleaned
        current = cleaned
    if _clean_once(current) == current:
        return current
    # No fixpoint: keep the words, drop every tag. Escaped plain text is its own fixpoint
    # (the cleaner turns text back into the same escaped text).
    return _plain_text_fallback(current)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _plain_text_fallback(fragment: str) -> str:
    """The fragment's text as escaped plain text: a last resort that is always a fixpoint."""
    text = nh3.clean(fragment, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
    text = html_lib.escape(html_lib.unescape(text), quote=False)
    for _ in range(_MAX_ROUNDS):
        again = _clean_once(text)
        if again == text:
            return text
        text = again
    return ""
