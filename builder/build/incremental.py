"""What an incremental build redoes: stories whose inputs changed, and outputs that read them.

Takes: the story folders, the `Cache`, the `Config`. Gives: `StoryRef`s (every story of
this build, from the cache or freshly built, each with the diagnostics its build gave) and
the output files, rendered or `KeptFile` when their key is the one the last published site
was rendered from and that file is still there as it was written.

Dependencies, coarse on purpose (a rule that is simple is a rule that is right):
  a story's page and story.json   <- its folder's key, the layouts, the site settings,
                                     the builder, the site context every page shows
                                     (whether tags/ and about/ exist; no dates, so a
                                     newer story does not re-render the others);
  everything else (index pages, tags, feed, sitemap, plain pages, 404, assets)
                                  <- all of the above for every story, plus plain pages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from builder.build.cache import Cache, digest
from builder.clean import RuleSet
from builder.config import Config
from builder.model import Diagnostic, KeptFile, OutputFile, Page, Story
from builder.build.parallel import RENDER_POOL_MIN, build_stories, build_story, render_cached
from builder.render import (
    feed_updated,
    render_listings,
    render_story,
    site_context,
    story_environment,
)
from builder.render.view import StoryView, story_view


@dataclass(slots=True)
class StoryRef:
    """One story of this build, its `Story` loaded only when something needs it."""

    folder: Path
    key: str
    slug: str | None
    date: str | None
    sources: int
    removed: int
    diagnostics: list[Diagnostic]
    view: dict | None  # what the listings show of it (cache.summary_of)
    story: Story | None = None

    def load(self, cache: Cache, config: Config, rules: RuleSet) -> Story:
        if self.story is None:
            try:
                self.story = cache.load(self.key)
            except ValueError:
                self.story = None
            if self.story is None or self.story.slug != self.slug:  # unusable: build it again
                self.story, _ = build_story(self.folder, config, rules)
                cache.remember(self.key, self.story, self.diagnostics)
        assert self.story is not None
        return self.story


class ListedStory:
    """A story as the listings (index, tags, feed, sitemap) see it: its plain values (title,
    dates, counts, outlets, ...) from the cache's summary; anything else a template asks for
    (its body, its sources) loads the whole `StoryView`, so a template gets exactly what it
    would from a cold build."""

    def __init__(self, ref: StoryRef, full: Callable[[], StoryView]) -> None:
        self._full = full
        self._view: StoryView | None = None
        self._plain = {
            k: tuple(v["tuple"]) if isinstance(v, dict) else v for k, v in (ref.view or {}).items()
        }

    def __getattr__(self, name: str) -> object:  # only for what is not an attribute
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._plain:
            return self._plain[name]
        if self._view is None:
            self._view = self._full()
        return getattr(self._view, name)


def _has_tags(view: dict | None) -> bool:
    """Whether a story's listing summary (cache.summary_of) has tags."""
    return bool(((view or {}).get("tags") or {}).get("tuple"))


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
        self.outputs: dict[str, list[OutputFile]] = {}

    def seen(self, views: Sequence[dict | None]) -> None:
        """The listing summaries of the stories that come from the cache."""
        self._has_tags = self._has_tags or any(_has_tags(v) for v in views)

    def render(self, key: str, view: StoryView) -> None:
        self._has_tags = self._has_tags or bool(view.tags)
        if self._has_tags not in self._envs:
            site = site_context(self._config, self._has_tags, self._pages)
            compiled = self._cache.compiled_templates(self._site_key)
            self._envs[self._has_tags] = (digest(self._site_key, repr(site)),
                                          story_environment(self._config, site, compiled))
        page_key, env = self._envs[self._has_tags]
        try:
            self.outputs[digest(page_key, key)] = render_story(env, view)
        except jinja2.TemplateError:
            pass  # rendered again by `render`, which reports the error where builds report it


def collect(
    folders: Sequence[Path], keys: Sequence[str], cache: Cache, config: Config, rules: RuleSet,
    jobs: int, progress: Callable[[int, int], None] | None = None,
    ahead: RenderAhead | None = None,
) -> tuple[list[StoryRef], int]:
    """A `StoryRef` per folder (skipped stories included, slug None), and how many were built.
    `ahead`, when given, renders each freshly built story's own files as it arrives."""
    summaries = [cache.story(k) for k in keys]
    todo = [i for i, s in enumerate(summaries) if s is None]
    if ahead is not None:
        ahead.seen([s.get("view") for s in summaries if s is not None])
    count = [0]

    def done(n: int) -> None:
        count[0] += n
        if progress:
            progress(count[0], len(todo))

    built: Iterator = build_stories([folders[i] for i in todo], config, rules, jobs, done)
    refs = []
    for folder, key, summary in zip(folders, keys, summaries):
        story = None
        if summary is None:
            story, diagnostics = next(built)
            view = story_view(story) if story is not None else None
            summary = cache.remember(key, story, diagnostics, view)
            if ahead is not None and view is not None:
                ahead.render(key, view)
            if key in cache.stored:
                story = None  # on disk now: read again when rendered, so memory stays flat
        else:
            try:
                diagnostics = [Diagnostic(**d) for d in summary["diagnostics"]]
            except TypeError:  # a malformed entry: build the story again
                story, diagnostics = build_story(folder, config, rules)
                summary = cache.remember(key, story, diagnostics)
        refs.append(StoryRef(folder, key, summary["slug"], summary.get("date"),
                             summary.get("sources", 0), summary.get("removed", 0), diagnostics,
                             summary.get("view"), story))
    return refs, len(todo)


def render(
    config: Config, refs: list[StoryRef], pages: tuple[Page, ...], build_date: str,
    cache: Cache, rules: RuleSet, site_key: str, ahead: RenderAhead | None = None,
    jobs: int = 1,
) -> tuple[list[OutputFile | KeptFile], dict[str, str]]:
    """The site's files (rendered, or kept from the last build) and the key of each.
    A story's files that `ahead` rendered for this very key are used as they are; many
    cached stories to render are rendered by `jobs` worker processes."""
    has_tags = any(_has_tags(r.view) for r in refs)
    site = site_context(config, has_tags, pages)
    page_key = digest(site_key, repr(site))  # every page shows the site context
    early = ahead.outputs if ahead is not None else {}
    out_dir = config.output_dir.resolve()
    previous = cache.outputs if cache.output_dir == str(out_dir) else {}
    env: list[jinja2.Environment] = []

    def environment() -> jinja2.Environment:
        if not env:
            env.append(story_environment(config, site, cache.compiled_templates(site_key)))
        return env[0]

    def intact(path: str, key: str) -> bool:
        old = previous.get(path)
        if not (isinstance(old, list) and len(old) == 3 and old[0] == key):
            return False
        try:
            st = os.stat(out_dir / path, follow_symlinks=False)
        except OSError:
            return False
        return st.st_size == old[1] and st.st_mtime_ns == old[2]

    newest_first = sorted(refs, key=lambda r: (r.date or "", r.slug or ""), reverse=True)
    slots: list[Sequence[OutputFile | KeptFile] | None] = []
    keys: dict[str, str] = {}
    for ref in newest_first:
        key = digest(page_key, ref.key)
        paths = (f"{ref.slug}/index.html", f"{ref.slug}/story.json")
        if all(intact(p, key) for p in paths):
            slots.append([KeptFile(p) for p in paths])
        else:
            slots.append(early.pop(key, None))
        keys.update((p, key) for p in paths)
    todo = [i for i, slot in enumerate(slots) if slot is None]
    if cache.folder is not None and len(todo) >= RENDER_POOL_MIN and jobs > 1:
        # Many pages from cached stories (a template or setting changed): render them in
        # worker processes; any a worker could not render is rendered below, here.
        cached = [i for i in todo if newest_first[i].story is None]
        rendered = render_cached([newest_first[i].key for i in cached], config, site,
                                 cache.compiled_templates(site_key), cache.folder, jobs)
        for i, outputs in zip(cached, rendered):
            slots[i] = outputs
    files: list[OutputFile | KeptFile] = []
    for ref, slot in zip(newest_first, slots):
        if slot is None:
            slot = render_story(environment(), story_view(ref.load(cache, config, rules)))
            if ref.key in cache.stored or cache.story(ref.key) is not None:
                ref.story = None  # the cache has it: do not hold every story at once
        files += slot

    listing_key = digest(page_key, build_date, *(x for r in newest_first for x in (r.slug, r.key)),
                         *(x for p in pages for x in (p.slug, p.title, p.html, p.description)))
    old_listing = [p for p, v in previous.items() if isinstance(v, list) and v and v[0] == listing_key]
    if old_listing and all(intact(p, listing_key) for p in old_listing):
        listing: Sequence[OutputFile | KeptFile] = [KeptFile(p) for p in old_listing]
    else:
        views = tuple(ListedStory(r, lambda r=r: story_view(r.load(cache, config, rules)))
                      for r in newest_first)
        updated = feed_updated([r.date for r in refs], build_date)
        listing = render_listings(environment(), config, views, pages, updated)  # type: ignore[arg-type]
    files += listing
    keys.update((f.path, listing_key) for f in listing)
    return files, keys


def unchanged(files: Sequence[OutputFile | KeptFile], cache: Cache, out_dir: Path) -> bool:
    """Every output is kept and the last site had exactly these: nothing to publish."""
    return (
        cache.output_dir == str(out_dir.resolve())
        and all(isinstance(f, KeptFile) for f in files)
        and {f.path for f in files} == set(cache.outputs)
    )


def output_stats(keys: dict[str, str], out_dir: Path) -> dict[str, list]:
    """What the cache records of each published file: its key, size and mtime."""
    out_dir = out_dir.resolve()
    recorded = {}
    for path, key in keys.items():
        try:
            st = os.stat(out_dir / path, follow_symlinks=False)
        except OSError:
            continue
        recorded[path] = [key, st.st_size, st.st_mtime_ns]
    return recorded
