"""The site's feeds: Atom (RFC 4287) and JSON Feed 1.1, for the whole site and per tag.

Takes: the Jinja environment of the build, the `Config`, the stories' `StorySummary`s newest
first, the tags, the feed date (`render.feed_updated`), and `read(i)`: the whole
`StoryView` of summary i (each story a feed carries is read once, for all its feeds). Gives: the
`OutputFile`s feed.xml and feed.json at the site's root, and tags/<tag>/feed.xml and
feed.json for each tag. Each feed carries the latest `config.feed_items` stories.

Both formats say the same: a story's title, dek, date, tags and its merged text with its
sources (the markup comes from one template macro, `_feed.html`, so they cannot drift).
That macro runs once a story: its markup is the same in every feed that carries the story,
Atom or JSON, the site's or a tag's, and feed.xml is given it as `feed_body(s)`.
Deterministic: the entries' order is the listings' (newest first, then slug), and the
only date is the newest story's, never the clock.

Absolute addresses: Atom ids come from `atom_id` (the page's URL, or a stable urn:uuid
when the site knows only its path) and its links fall back to paths, as render.py says.
JSON Feed's URL fields (home_page_url, feed_url, an item's url and image) must be full
URLs, so they are written only when the site knows its address; an item's id is the same
IRI as its Atom id.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from builder.config import Config
from builder.load.slugs import slugify
from builder.model import OutputFile

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def render_feeds(
    env: jinja2.Environment, config: Config, summaries: Sequence[Any], tags: dict[str, str],
    updated: str, read: Callable[[int], Any],
) -> list[OutputFile]:
    """feed.xml and feed.json for the site, then for each tag (summaries newest first;
    `tags`: each tag's slug, its address, and the name it is shown by). A tag's feed is
    dated by its own newest story."""
    site = env.globals["site"]
    views: dict[int, Any] = {}
    body = _Bodies(env)

    def full(indices: Sequence[int]) -> list[Any]:
        for i in indices:
            if i not in views:
                views[i] = read(i)
        return [views[i] for i in indices]

    latest = range(min(config.feed_items, len(summaries)))
    out = _feed_pair(env, full(latest), "", site.title, site.description, updated, body)
    for tag in sorted(tags):
        tagged = [i for i, s in enumerate(summaries) if tag in map(slugify, s.tags)]
        dated = max((summaries[i].date for i in tagged if summaries[i].date), default=updated)
        name = tags[tag]
        out += _feed_pair(env, full(tagged[: config.feed_items]), f"tags/{tag}/",
                          f"{site.title}: {name}", f"Stories about {name} in {site.title}.", dated,
                          body)
    return out


class _Bodies:
    """`_feed.html`'s feed_body for a story, rendered on first use and then kept: each
    story's is the same markup in all its feeds (it depends on the story and the site
    only), so it is rendered once, not twice a feed (performance only)."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._macro = env.get_template("_feed.html").module.feed_body  # type: ignore[attr-defined]
        self._done: dict[int, tuple[Any, Markup]] = {}  # id(view) -> (view, its body)

    def __call__(self, view: Any) -> Markup:  # noqa: ANN401
        held = self._done.get(id(view))
        if held is None or held[0] is not view:  # the view is kept, so its id is not reused
            held = self._done[id(view)] = (view, Markup(self._macro(view)))
        return held[1]


def _feed_pair(
    env: jinja2.Environment, views: Sequence[Any], home: str, title: str, description: str,
    updated: str, body: _Bodies,
) -> list[OutputFile]:
    """The Atom and JSON feeds of one listing page (`home`: its site path, '' for the index)."""
    atom = env.get_template("feed.xml").render(
        stories=views, updated=updated, home=home, feed_title=title, feed_subtitle=description,
        feed_body=body,
    )
    return [
        OutputFile(f"{home}feed.xml", atom.encode("utf-8")),
        OutputFile(f"{home}feed.json", json_feed(env, views, home, title, description, body)),
    ]


def json_feed(
    env: jinja2.Environment, views: Sequence[Any], home: str, title: str, description: str,
    body: Callable[[Any], Markup] | None = None,
) -> bytes:
    """A JSON Feed 1.1 document: version, title and items (each with id and content_html)
    are required; the URL fields only where they can be absolute."""
    site = env.globals["site"]
    helpers = env.globals
    body = body or _Bodies(env)
    feed: dict[str, Any] = {"version": JSON_FEED_VERSION, "title": title}
    if site.url:
        feed["home_page_url"] = helpers["abs_url"](home)
        feed["feed_url"] = helpers["abs_url"](f"{home}feed.json")
    if description:
        feed["description"] = description
    feed["language"] = site.language
    feed["authors"] = [{"name": site.curator or site.title}]
    feed["items"] = [_item(v, str(body(v)), helpers, bool(site.url)) for v in views]
    text = json.dumps(feed, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def _item(view: Any, html: str, helpers: dict, absolute: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"id": helpers["atom_id"](f"{view.slug}/")}
    if absolute:
        item["url"] = helpers["abs_url"](f"{view.slug}/")
    item["title"] = view.title
    item["content_html"] = html
    item["summary"] = view.dek or view.title
    picture = getattr(view, "image_src", None)
    if absolute and picture:
        item["image"] = helpers["abs_url"](picture)
    if view.date:
        item["date_published"] = f"{view.date}T00:00:00Z"
    if view.tags:
        item["tags"] = list(view.tags)
    return item
