"""What an incremental build redoes: stories whose inputs changed, and outputs that read them.

Takes: the story folders, the `Cache`, the `Config`. Gives: `StoryRef`s (every story of
this build, from the cache or freshly built, each with what the cache recorded of it) and
the output files, rendered or `KeptFile` when their key is the one the last published site
was rendered from and that file is still there as it was written.

Dependencies, coarse on purpose (a rule that is simple is a rule that is right):
  a story's page, story.json     <- its folder's key, the layouts, the site settings,
  and picture copies                 the builder, the site context every page shows
                                     (whether tags/ and about/ exist; no dates, so a
                                     newer story does not re-render the others);
  everything else (index pages, tags, feed, sitemap, plain pages, 404, assets)
                                  <- all of the above for every story, plus plain pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2

from builder.build.cache import Cache, digest
from builder.build.cacheformat import StoryRecord
from builder.build.parallel import RENDER_POOL_MIN, build_stories, render_cached
from builder.build.story import RuleLoader, build_story
from builder.config import Config
from builder.model import Diagnostic, KeptFile, OutputFile, Page, Story
from builder.render import (
    SiteContext,
    feed_updated,
    render_listings,
    render_story,
    site_context,
    story_environment,
)
from builder.render.view import StorySummary, StoryView, story_view

Files = Sequence[OutputFile | KeptFile]


@dataclass(frozen=True, slots=True)
class StoryRef:
    """One story of this build: its folder, its key, and what the cache recorded of it.
    The `Story` itself stays in the cache until something needs it (`story_of`)."""

    folder: Path
    key: str
    record: StoryRecord

    @property
    def slug(self) -> str | None:
        return self.record.slug

    @property
    def date(self) -> str | None:
        return self.record.date

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.record.diagnostics

    @property
    def summary(self) -> StorySummary | None:
        return self.record.summary


@dataclass(frozen=True, slots=True)
class Rendered:
    """Where each story's page and story.json came from in this build (counts of stories)."""

    kept: int = 0  # unchanged since the last published site: linked, not rendered
    ahead: int = 0  # rendered while the other stories were still being built
    workers: int = 0  # rendered from the cache by worker processes
    here: int = 0  # rendered in this process once every story was built


def story_of(ref: StoryRef, cache: Cache, config: Config, rules: RuleLoader) -> Story:
    """The story of `ref`, read from the cache; built again if its entry is unusable."""
    try:
        story = cache.load(ref.key)
        if story.slug == ref.slug:
            return story
    except ValueError:
        pass
    rebuilt = build_story(ref.folder, config, rules.rules).story
    assert rebuilt is not None, f"{ref.folder} gave a story before and none now"
    cache.remember(ref.key, rebuilt, ref.diagnostics)
    return rebuilt


class RenderAhead:
    """Renders a story's own files (page, story.json) while the workers build the next
    stories, so that a cold build's rendering overlaps its cleaning and merging instead of
    following it on one core.

    The pages must show the site context of the finished build, which depends on whether
    any story has tags; that is known only at the end. So each page is rendered for the
    context as it stands (tags seen so far, in cached stories or built ones) and filed
    under the key that context gives; `render` uses a file only when its key is the final
    one, and renders again the few that were rendered before the first tag turned up.
    """

    def __init__(self, config: Config, pages: tuple[Page, ...], site_key: str, cache: Cache) -> None:
        self._config, self._pages, self._site_key, self._cache = config, pages, site_key, cache
        self._has_tags = False
        self._envs: dict[bool, tuple[str, jinja2.Environment]] = {}
        self._outputs: dict[str, tuple[OutputFile, ...]] = {}

    def seen(self, summaries: Sequence[StorySummary | None]) -> None:
        """The listing summaries of the stories that come from the cache."""
        self._has_tags = self._has_tags or any(s is not None and s.tags for s in summaries)

    def render(self, key: str, view: StoryView) -> None:
        self._has_tags = self._has_tags or bool(view.tags)
        if self._has_tags not in self._envs:
            site = site_context(self._config, self._has_tags, self._pages)
            self._envs[self._has_tags] = (digest(self._site_key, repr(site)),
                                          story_environment(self._config, site))
        page_key, env = self._envs[self._has_tags]
        try:
            self._outputs[digest(page_key, key)] = tuple(
                render_story(env, view, self._config))
        except (jinja2.TemplateError, OSError):
            pass  # rendered again by `render`, which reports the error where builds report it

    def files(self, page_key: str) -> tuple[OutputFile, ...] | None:
        """A story's files rendered ahead under this key (story key and final context)."""
        return self._outputs.get(page_key)


def collect(
    folders: Sequence[Path], keys: Sequence[str], cache: Cache, config: Config, rules: RuleLoader,
    jobs: int, progress: Callable[[int, int], None] | None = None,
    ahead: RenderAhead | None = None,
) -> tuple[tuple[StoryRef, ...], int]:
    """A `StoryRef` per folder (skipped stories included, slug None), and how many were built.
    `ahead`, when given, renders each freshly built story's own files as it arrives."""
    records = [cache.record(k) for k in keys]
    todo = [i for i, r in enumerate(records) if r is None]
    if ahead is not None:
        ahead.seen([r.summary for r in records if r is not None])
    count = [0]

    def done(n: int) -> None:
        count[0] += n
        if progress:
            progress(count[0], len(todo))

    built: Iterator = build_stories([folders[i] for i in todo], config, rules, jobs, done)
    refs = []
    for folder, key, record in zip(folders, keys, records):
        if record is None:
            story, diagnostics = next(built)
            view = story_view(story) if story is not None else None
            record = cache.remember(key, story, diagnostics, view)
            if ahead is not None and view is not None:
                ahead.render(key, view)
        refs.append(StoryRef(folder, key, record))
    return tuple(refs), len(todo)


class _Rendering:
    """What rendering one build's files needs, and its template environment (made only
    when something is rendered: a build that keeps every file compiles no template)."""

    def __init__(self, config: Config, cache: Cache, rules: RuleLoader, site: SiteContext,
                 site_key: str) -> None:
        self.config, self.cache, self.rules, self.site = config, cache, rules, site
        self.site_key = site_key
        self.page_key = digest(site_key, repr(site))  # every page shows the site context
        self.out_dir = config.output_dir

    @cached_property
    def env(self) -> jinja2.Environment:
        return story_environment(self.config, self.site)

    def view(self, ref: StoryRef) -> StoryView:
        return story_view(story_of(ref, self.cache, self.config, self.rules))

    def kept(self, paths: Sequence[str], key: str) -> list[KeptFile] | None:
        if all(self.cache.kept(p, key, self.out_dir) for p in paths):
            return [KeptFile(p) for p in paths]
        return None


def render(
    config: Config, refs: Sequence[StoryRef], pages: tuple[Page, ...], build_date: str,
    cache: Cache, rules: RuleLoader, site_key: str, ahead: RenderAhead | None = None,
    jobs: int = 1,
) -> tuple[list[OutputFile | KeptFile], dict[str, str], Rendered]:
    """The site's files (rendered, or kept from the last build), the key of each, and
    where the stories' own files came from. `refs`: the stories that were built (not the
    skipped ones)."""
    has_tags = any(r.summary is not None and r.summary.tags for r in refs)
    rendering = _Rendering(config, cache, rules, site_context(config, has_tags, pages), site_key)
    newest_first = sorted(refs, key=lambda r: (r.date or "", r.slug or ""), reverse=True)
    files, keys, rendered = _story_files(rendering, newest_first, ahead, jobs)
    listing, listing_key = _listing_files(rendering, newest_first, pages, build_date)
    files += listing
    keys.update((f.path, listing_key) for f in listing)
    return files, keys, rendered


def _story_files(
    r: _Rendering, newest_first: Sequence[StoryRef], ahead: RenderAhead | None, jobs: int,
) -> tuple[list[OutputFile | KeptFile], dict[str, str], Rendered]:
    """Each story's page and story.json: kept, rendered ahead for this very key, rendered
    by worker processes (many cached stories, after a template or setting changed), or
    rendered here."""
    slots: list[Files | None] = []
    origins: list[str] = []
    keys: dict[str, str] = {}
    for ref in newest_first:
        key = digest(r.page_key, ref.key)
        pictures = ref.summary.image_files if ref.summary is not None else ()
        paths = (f"{ref.slug}/index.html", f"{ref.slug}/story.json", *pictures)
        kept = r.kept(paths, key)
        early = ahead.files(key) if ahead is not None and kept is None else None
        slots.append(kept or early)
        origins.append("kept" if kept else "ahead" if early else "here")
        keys.update((p, key) for p in paths)
    todo = [i for i, slot in enumerate(slots) if slot is None]
    if r.cache.folder is not None and len(todo) >= RENDER_POOL_MIN and jobs > 1:
        # Any a worker could not render is rendered below, here.
        cached = [i for i in todo if r.cache.on_disk(newest_first[i].key)]
        rendered = render_cached([newest_first[i].key for i in cached], r.config, r.site,
                                 r.cache.folder, jobs)
        for i, outputs in zip(cached, rendered):
            slots[i] = outputs
            origins[i] = "here" if outputs is None else "workers"
    files: list[OutputFile | KeptFile] = []
    for ref, slot in zip(newest_first, slots):
        files += slot if slot is not None else render_story(r.env, r.view(ref), r.config)
    n = Counter(origins)
    return files, keys, Rendered(n["kept"], n["ahead"], n["workers"], n["here"])


def _listing_files(
    r: _Rendering, newest_first: Sequence[StoryRef], pages: tuple[Page, ...], build_date: str,
) -> tuple[Files, str]:
    """Everything but the stories' own files, and the key it is rendered from."""
    key = digest(r.page_key, build_date, *(x for s in newest_first for x in (s.slug, s.key)),
                 *(x for p in pages for x in (p.slug, p.title, p.html, p.description)))
    old = r.cache.rendered_from(key, r.out_dir)
    kept = r.kept(old, key) if old else None
    if kept is not None:
        return kept, key
    listed = [s for s in newest_first if s.summary is not None]
    summaries = tuple(s.summary for s in listed if s.summary is not None)
    updated = feed_updated([s.date for s in newest_first], build_date)
    return render_listings(r.env, r.config, summaries, pages, updated,
                           lambda i: r.view(listed[i])), key
