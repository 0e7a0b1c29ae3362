"""Stage 4, render: stories and pages -> (path, bytes) pairs. No disk writes here.

Takes: the `Config`, each merged story as a `StoryView` (and as a `StorySummary` for the
listings), the plain `Page`s, and the layouts folder.
Gives: a tuple of `OutputFile`s: the digest index (paginated), one page and one story.json
per story (and its picture's copies), plain pages, tag pages, the feeds
(builder/render/feeds.py: Atom and JSON Feed, the site's and each tag's), sitemap.xml,
robots.txt, 404.html,
.nojekyll, CNAME (when configured) and the theme's static assets.

Templates get a small, documented context: `site` (title, description, language, base
path, absolute URL), `url(path)` (a site path under the base path), `abs_url(path)` (the
absolute URL when one is known, else the same as `url`), `atom_id(path)` (a permanent
absolute IRI for the feed and its entries), `json_ld(value)`, and per template `story`,
`stories`, `page`, `tag`, `pagination`, `canonical`. A story page and the feed get whole
`StoryView`s; the index and tag pages get `StorySummary`s (builder/render/view.py), so a
site of thousands of stories lists them without reading each one. Autoescape is on and
undefined names fail; the only markup marked safe is sanitiser output (plain pages).

Absolute addresses. Atom ids and sitemap locations must be absolute. When config.yaml gives
an absolute `base_url` (or a `cname`), ids are the pages' own URLs and the sitemap lists
every page. When the site only knows its path ('/'), ids are `urn:uuid:` names derived
(UUID version 5) from the site title and the page path, stable from build to build and
machine to machine; the sitemap is written with no entries and a comment saying why, and
robots.txt names no sitemap.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
import markupsafe
from jinja2.loaders import split_template_path

from builder.config import Config
from builder.load.slugs import slugify
from builder.model import OutputFile, Page
from builder.render.feeds import render_feeds
from builder.render.pictures import picture_files
from builder.render.storyjson import story_json
from builder.render.view import StorySummary, StoryView

ASSETS_DIR = "assets"


@dataclass(frozen=True, slots=True)
class SiteContext:
    title: str
    description: str
    language: str
    base_path: str
    url: str | None  # absolute site URL, when configured
    curator: str | None
    # No dates here: every page shows this context, so a newer story must not change it
    # (adding today's story would re-render every page). The feed gets `updated` itself.
    has_tags: bool  # whether tags/ exists (the masthead links to it only then)
    has_about: bool  # whether an 'about' page exists


def make_environment(layouts: Path) -> jinja2.Environment:
    """Templates are compiled afresh by each build: Jinja's bytecode cache would load code
    from the cache folder (marshal), and a cache folder must never be code."""
    env = jinja2.Environment(
        loader=LayoutLoader(layouts),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    return env


class LayoutLoader(jinja2.FileSystemLoader):
    """Templates from the layouts folder. One reached through a symbolic link is not
    found: a link in a pull request could otherwise publish any file the build can read."""

    def __init__(self, layouts: Path) -> None:
        super().__init__(str(layouts))
        self.layouts = layouts

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.layouts
        for piece in split_template_path(template):
            path = path / piece
            if path.is_symlink():
                raise jinja2.TemplateNotFound(f"{template} (a symbolic link: not followed)")
        return super().get_source(environment, template)


# Characters XML forbids (and HTML readers never see): C0 controls but TAB/LF/CR, DEL,
# U+FFFE/U+FFFF and lone surrogates. Source text and YAML can carry them ("\u0002" in a
# story.yaml or front matter, "&#2;" in Markdown); one of them makes feed.xml unparseable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _finalize(value: Any) -> Any:  # noqa: ANN401
    """Applied to every {{ value }} before escaping: drop characters XML cannot carry.

    Markup (sanitiser output) is left alone: it is already clean, and editing markup
    character by character is how sanitiser bypasses are made.
    """
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        # Every character _NOT_XML removes is a control, a surrogate or a non-character,
        # none of them printable: printable text (nearly every value) needs no search.
        return value if value.isprintable() else _NOT_XML.sub("", value)
    return value


def feed_updated(dates: Sequence[str | None], build_date: str) -> str:
    """The feed's <updated>: the newest story's date, never the clock."""
    return max((d for d in dates if d), default=build_date)


def site_context(config: Config, has_tags: bool, pages: tuple[Page, ...]) -> SiteContext:
    return SiteContext(
        title=config.title,
        description=config.description,
        language=config.language,
        base_path=config.base_path,
        url=config.site_url,
        curator=config.curator,
        has_tags=has_tags,
        has_about=any(p.slug == "about" for p in pages),
    )


def story_environment(config: Config, site: SiteContext) -> jinja2.Environment:
    """One environment per build: each template is compiled once, then reused."""
    env = make_environment(config.layouts_dir)
    env.globals.update(_helpers(site), site=site)
    env.filters["tag_slug"] = slugify  # a tag's page address: tags/{{ t | tag_slug }}/
    return env


def _page(env: jinja2.Environment, path: str, template: str, **values: Any) -> OutputFile:
    return OutputFile(path, env.get_template(template).render(**values).encode("utf-8"))


def render_story(env: jinja2.Environment, view: StoryView, config: Config) -> list[OutputFile]:
    """A story's own files: its page, its story.json (listing what cleaning removed when
    config `publish_removed` says so) and its picture's copies, read from its folder in
    config's content/stories/. They depend on nothing else."""
    files = [
        _page(env, f"{view.slug}/index.html", "story.html", story=view, canonical=f"{view.slug}/"),
        OutputFile(f"{view.slug}/story.json", story_json(view.story, config.publish_removed)),
    ]
    if view.story.image is not None:
        folder = config.content_dir / "stories" / view.slug
        files += picture_files(view.slug, view.story.image, folder)
    return files


def render_listings(
    env: jinja2.Environment, config: Config, views: tuple[StorySummary, ...],
    pages: tuple[Page, ...], updated: str, read: Callable[[int], StoryView],
) -> list[OutputFile]:
    """Everything that lists stories or belongs to the whole site: index pages, tags, plain
    pages, 404, feed, sitemap, robots.txt, .nojekyll, CNAME and the theme's assets.
    `views` newest first; `updated`: the feed's date (feed_updated); `read(i)`: the whole
    view of `views[i]`, read only for the stories the feeds carry in full."""
    out: list[OutputFile] = []

    def page(path: str, template: str, **values: Any) -> None:
        out.append(_page(env, path, template, **values))

    chunks = _paginate(views, config.per_page)
    for number, chunk in enumerate(chunks, 1):
        path = "index.html" if number == 1 else f"page/{number}/index.html"
        pagination = {
            "number": number,
            "total": len(chunks),
            "prev": None if number == 1 else ("" if number == 2 else f"page/{number - 1}/"),
            "next": f"page/{number + 1}/" if number < len(chunks) else None,
        }
        page(path, "index.html", stories=chunk, pagination=pagination,
             canonical="" if number == 1 else f"page/{number}/")
    names = tag_names(views)
    tags = sorted(names)
    for tag in tags:
        tagged = tuple(v for v in views if tag in map(slugify, v.tags))
        page(f"tags/{tag}/index.html", "tag.html", tag=names[tag], stories=tagged,
             canonical=f"tags/{tag}/")
    if tags:
        page("tags/index.html", "tags.html",
             tags=[(names[t], sum(t in map(slugify, v.tags) for v in views)) for t in tags],
             canonical="tags/")
    for p in pages:
        page(f"{p.slug}/index.html", "page.html", page=p, canonical=f"{p.slug}/")
    page("404.html", "404.html", canonical=None)
    out += render_feeds(env, config, views, names, updated, read)
    urls = [""] + [f"{v.slug}/" for v in views] + [f"{p.slug}/" for p in pages]
    urls += [f"tags/{t}/" for t in tags] + [f"page/{n}/" for n in range(2, len(chunks) + 1)]
    lastmod = {f"{v.slug}/": v.date for v in views if v.date}
    page("sitemap.xml", "sitemap.xml", urls=urls, lastmod=lastmod)
    page("robots.txt", "robots.txt")
    out.append(OutputFile(".nojekyll", b""))
    if config.cname:
        out.append(OutputFile("CNAME", (config.cname.strip() + "\n").encode("ascii", "ignore")))
    out.extend(_assets(config.layouts_dir))
    return out


def tag_names(views: Sequence[Any]) -> dict[str, str]:
    """Each tag's slug (its page's address) -> the name it is shown by: as the newest story
    spells it, so "Public Health" and "public health" share one page."""
    names: dict[str, str] = {}
    for view in views:
        for tag in view.tags:
            names.setdefault(slugify(tag), tag)
    return names


def _helpers(site: SiteContext) -> dict[str, Any]:
    def url(path: str = "") -> str:
        return site.base_path + path.lstrip("/")

    def abs_url(path: str = "") -> str:
        return (site.url or "") + path.lstrip("/") if site.url else url(path)

    def atom_id(path: str = "") -> str:
        if site.url:
            return abs_url(path)
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"news-digest:{site.title}:/{path.lstrip('/')}"))

    def to_json(value: Any) -> str:
        # For <script type="application/ld+json">: Jinja's own tojson escapes <, >, & and '
        # so no source text can close the element. Empty values are left out.
        return jinja2.filters.htmlsafe_json_dumps(_pruned(value), dumps=json.dumps, sort_keys=True)

    return {"url": url, "abs_url": abs_url, "atom_id": atom_id, "json_ld": to_json}


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        pairs = ((k, _pruned(v)) for k, v in value.items())
        return {k: v for k, v in pairs if v not in (None, "", [], {})}
    if isinstance(value, (list, tuple)):
        return [_pruned(v) for v in value]
    return value


def _paginate(views: tuple[StorySummary, ...], size: int) -> list[tuple[StorySummary, ...]]:
    if not views:
        return [()]
    return [views[i : i + size] for i in range(0, len(views), size)]


def _assets(layouts: Path) -> list[OutputFile]:
    folder = layouts / ASSETS_DIR
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files.append(OutputFile(f"{ASSETS_DIR}/{path.relative_to(folder).as_posix()}", path.read_bytes()))
    return files
