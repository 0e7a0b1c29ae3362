"""The build, top to bottom: load -> clean -> merge -> render -> publish.

Takes: a `Config`. Gives: a `BuildResult` (what was built, and every diagnostic). This is
the only module that imports every stage. Everything is read and computed in memory
first; site/ is written only at the end, and only if no error was found, so a failed
build leaves the last good site as it was.

Incremental: a story whose folder, settings and builder are unchanged since the last build
comes from the cache (builder/build/cache.py) instead of being loaded, cleaned and merged again;
the rest are built in worker processes (builder/build/parallel.py); outputs whose inputs did
not change are kept from the last site (builder/build/incremental.py). Output is byte-identical
to a cold one-process build either way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from builder.build.boundaries import check_build, check_readable, walk_real
from builder.build.cache import Cache, clean_settings_key, code_key, digest, now_ns, site_settings_key, tree_key
from builder.build.incremental import RenderAhead, Rendered, StoryRef, collect, render
from builder.build.parallel import default_jobs
from builder.build.story import MergedStory, RuleLoader, build_story
from builder.config import Config
from builder.load.stories import load_pages, story_folders
from builder.model import Diagnostics, Story
from builder.publish import PublishError, publish
from builder.build.schedule import Held, publishable, today
from builder.render.pictures import PictureGone
from builder.render.pages import render_pages


@dataclass(frozen=True, slots=True)
class BuildResult:
    stories: Sequence[Story]  # read from the build cache when asked for (a `StoryShelf`)
    files: int
    published: bool
    diagnostics: Diagnostics
    seconds: float
    sources: int = 0
    removed: int = 0  # blocks removed by cleaning, all sources
    rebuilt: int = 0  # stories cleaned and merged by this build; the rest came from the cache
    rendered: Rendered = Rendered()  # where the stories' own pages came from
    held: tuple[Held, ...] = ()  # drafts and stories scheduled after today: not published

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


def build(
    config: Config, *, strict: bool = False, jobs: int | None = None, cache: bool = True,
    progress: Callable[[int, int], None] | None = None, drafts: bool = False,
    now: str | None = None,
) -> BuildResult:
    """`jobs`: worker processes for cleaning and merging (None: one per core; 1: this one).
    `cache`: reuse what earlier builds computed (builder/build/cache.py). `progress(done, total)`
    is told as stories are built. `drafts`: publish drafts too (`serve`); `now`: the day
    (YYYY-MM-DD) to publish for, instead of SOURCE_DATE_EPOCH or the clock (schedule.py)."""
    day = today(now)
    started = time.perf_counter()
    diags = Diagnostics()
    config, cache_dir = _owned_folders(config, cache, diags)
    if diags.errors:  # refused before anything is read or written
        return BuildResult((), 0, False, diags, time.perf_counter() - started)
    rules = RuleLoader(config)
    store = Cache.open(cache_dir)
    scanned = now_ns()
    code = code_key()

    folders = story_folders(config, diags)
    clean_key = digest(code, clean_settings_key(config))
    keys = [store.folder_key(f, clean_key) for f in folders]
    page_diags = Diagnostics()  # read first, but reported after the stories' diagnostics
    pages = render_pages(load_pages(config, page_diags), page_diags)
    site_key = digest(code, tree_key(config.layouts_dir), site_settings_key(config))
    ahead = RenderAhead(config, pages, site_key, store)
    jobs = jobs or default_jobs()
    refs, rebuilt = collect(folders, keys, store, config, rules, jobs, progress, ahead)
    for ref in refs:
        diags.items.extend(ref.diagnostics)
    diags.items.extend(page_diags.items)
    refs = tuple(r for r in refs if r.slug is not None)
    _check_slug_clashes(refs, pages, diags)
    every = refs
    refs, held = publishable(refs, day, drafts)

    files, output_keys, rendered = _render(config, refs, pages, store, rules, site_key, ahead,
                                           jobs, diags)
    failed = bool(diags.errors) or (strict and bool(diags.warnings))
    published = None if failed else _publish(files, output_keys, store, config, diags)
    failed = failed or published is None
    used = {r.key for r in every}
    store.save([r.key for r in every] + [k for k in keys if k not in used],
               published, config.output_dir.resolve(), scanned)
    return BuildResult(
        StoryShelf(refs, store), len(files), not failed, diags,
        time.perf_counter() - started, sum(r.record.sources for r in refs),
        sum(r.record.removed for r in refs), rebuilt, rendered, held,
    )


def _render(
    config: Config, refs: tuple[StoryRef, ...], pages: tuple, store: Cache, rules: RuleLoader,
    site_key: str, ahead: RenderAhead, jobs: int, diags: Diagnostics,
) -> tuple[list, dict[str, str], Rendered]:
    """The site's files, their keys and where the stories' pages came from; nothing, with
    an error in `diags`, when a template or a picture fails."""
    try:
        return render(config, refs, pages, build_date(refs), store, rules, site_key, ahead, jobs)
    except jinja2.TemplateError as err:
        where = getattr(err, "filename", None) or getattr(err, "name", None) or config.layouts_dir
        diags.error(where, f"template error: {err.message or err}", line=getattr(err, "lineno", None))
    except PictureGone as err:  # changed since its story was built: the next build sees it
        diags.error(None, f"not published: {err}", rule="content.picture")
    return [], {}, Rendered()


def _publish(
    files: list, output_keys: dict[str, str], store: Cache, config: Config, diags: Diagnostics
) -> dict[str, str] | None:
    """Swap the new site in (unless it is the one already there); the key of each published
    file, or None with an error in `diags`."""
    try:
        if not store.unchanged(files, config.output_dir):
            publish(tuple(files), config.output_dir)
        return output_keys
    except (PublishError, OSError) as err:
        diags.error(config.output_dir, f"not published: {err}")
        return None


def load_and_merge(
    config: Config, diags: Diagnostics, only: frozenset[str] | None = None
) -> tuple[MergedStory, ...]:
    """The first half of a build, in memory: load -> clean -> merge, story by story, as
    `build` does it. Writes nothing and reads no cache.

    `only`, when given, keeps just the stories whose folders have those names (`check SLUG...`).
    """
    linked = check_readable(config.content_dir, "content")
    if linked is not None:  # as in a build: nothing is read through a link
        diags.error(linked.path, linked.message, rule=linked.rule)
        return ()
    rules = RuleLoader(config).rules
    merged = []
    for folder in story_folders(config, diags):
        if only is not None and folder.name not in only:
            continue
        built = build_story(folder, config, rules)
        diags.items.extend(built.diagnostics)
        if built.story is not None:
            merged.append(MergedStory(built.story, built.articles))
    return tuple(merged)


def cache_folder(config: Config) -> Path:
    return config.cache_dir or config.root / ".cache" / "builder"


def _owned_folders(config: Config, cache: bool, diags: Diagnostics) -> tuple[Config, Path | None]:
    """The config with its output folder as a plain absolute path, and the cache folder
    (None without a cache); each boundary the build would cross is an error in `diags`."""
    cache_dir = cache_folder(config) if cache else None
    for problem in check_build(config, cache_dir):
        diags.error(problem.path, problem.message, rule=problem.rule)
    out = walk_real(config.output_dir)[0]
    return replace(config, output_dir=out), walk_real(cache_dir)[0] if cache_dir else None


@dataclass(frozen=True, slots=True)
class StoryShelf(Sequence[Story]):
    """The build's stories, each read from the build cache when asked for: a build of
    thousands of stories, most of them unchanged, does not hold them all in memory. Never
    builds a story: one whose cache entry has gone raises ValueError."""

    refs: tuple[StoryRef, ...]
    cache: Cache

    def __len__(self) -> int:
        return len(self.refs)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]  # int or slice
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        return self.cache.load(self.refs[index].key)


def build_date(stories: Sequence[Story | StoryRef]) -> str:
    """The date a build stands for: SOURCE_DATE_EPOCH, else the newest story. Never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return time.strftime("%Y-%m-%d", time.gmtime(int(epoch)))
    return max((s.date for s in stories if s.date), default="1970-01-01")


RESERVED = {"tags", "page", "assets", "feed.xml", "sitemap.xml", "404.html", "robots.txt"}


def _check_slug_clashes(stories: Sequence[Story | StoryRef], pages: tuple, diags: Diagnostics) -> None:
    seen: dict[str, str] = {}
    for kind, slug in [("story", s.slug) for s in stories] + [("page", p.slug) for p in pages]:
        if slug in RESERVED:
            diags.error(None, f"{kind} '{slug}' would overwrite the site's own '{slug}/': rename it")
        elif slug in seen:
            diags.error(None, f"{kind} '{slug}' and {seen[slug]} '{slug}' would be written to the same path")
        else:
            seen[slug] = kind
