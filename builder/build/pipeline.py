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
from dataclasses import dataclass
from pathlib import Path

import jinja2

from builder.build.cache import Cache, clean_settings_key, code_key, digest, now_ns, site_settings_key, tree_key
from builder.clean import RuleSet, SourceRejected, clean, load_rules, rejection_rule
from builder.config import Config
from builder.build.incremental import RenderAhead, StoryRef, collect, output_stats, render, unchanged
from builder.model import Article, Diagnostics, Limits, Story, StoryInput
from builder.render.pages import render_pages
from builder.build.parallel import LazyRules, default_jobs
from builder.publish import PublishError, publish
from builder.build.schedule import Held, publishable, today
from builder.load.stories import load_pages, load_stories, story_folders


@dataclass(frozen=True, slots=True)
class BuildResult:
    stories: Sequence[Story]  # loaded from the cache on first access where it was not rebuilt
    files: int
    published: bool
    diagnostics: Diagnostics
    seconds: float
    sources: int = 0
    removed: int = 0  # blocks removed by cleaning, all sources
    rebuilt: int = 0  # stories cleaned and merged by this build; the rest came from the cache
    held: tuple[Held, ...] = ()  # drafts and stories scheduled after today: not published

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


@dataclass(frozen=True, slots=True)
class MergedStory:
    """One story after merge, with the cleaned articles it was merged from."""

    story: Story
    articles: tuple[Article, ...]


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
    rules: RuleSet = LazyRules(config)  # type: ignore[assignment]
    store = Cache.open(cache_folder(config) if cache else None)
    scanned = now_ns()
    code = code_key()

    folders = story_folders(config, diags)
    clean_key = digest(code, clean_settings_key(config))
    keys = [store.folder_key(f, clean_key) for f in folders]
    page_diags = Diagnostics()  # reported after the stories', as they always were
    pages = render_pages(load_pages(config, page_diags), page_diags)
    site_key = digest(code, tree_key(config.layouts_dir), site_settings_key(config))
    ahead = RenderAhead(config, pages, site_key, store)
    jobs = jobs or default_jobs()
    refs, rebuilt = collect(folders, keys, store, config, rules, jobs, progress, ahead)
    for ref in refs:
        diags.items.extend(ref.diagnostics)
    diags.items.extend(page_diags.items)
    refs = [r for r in refs if r.slug is not None]
    _check_slug_clashes(refs, pages, diags)
    every = refs
    refs, held = publishable(refs, day, drafts)

    try:
        files, output_keys = render(config, refs, pages, build_date(refs), store, rules, site_key,
                                    ahead, jobs)
    except jinja2.TemplateError as err:
        where = getattr(err, "filename", None) or getattr(err, "name", None) or config.layouts_dir
        diags.error(where, f"template error: {err.message or err}", line=getattr(err, "lineno", None))
        files, output_keys = [], {}
    failed = bool(diags.errors) or (strict and bool(diags.warnings))
    published = None
    if not failed:
        try:
            if not unchanged(files, store, config.output_dir):
                publish(tuple(files), config.output_dir)
            published = output_stats(output_keys, config.output_dir)
        except (PublishError, OSError) as err:
            diags.error(config.output_dir, f"not published: {err}")
            failed = True
    used = {r.key for r in every}
    store.save([r.key for r in every] + [k for k in keys if k not in used],
               published, config.output_dir.resolve(), scanned)
    return BuildResult(
        _Stories(refs, store, config, rules), len(files), not failed, diags,
        time.perf_counter() - started, sum(r.sources for r in refs),
        sum(r.removed for r in refs), rebuilt, held,
    )


def load_and_merge(
    config: Config, diags: Diagnostics, only: frozenset[str] | None = None
) -> tuple[MergedStory, ...]:
    """The first half of a build, in memory: load -> clean -> merge. Writes nothing.

    `only`, when given, keeps just the stories with those slugs (`check SLUG...`).
    """
    from builder.merge import merge  # only when stories are built

    rules = load_rules(config.disable_rules, config.extra_rules)
    merged = []
    for item in load_stories(config, diags):
        if only is not None and item.slug not in only:
            continue
        articles = clean_sources(item, rules, config.limits, diags)
        if articles:
            merged.append(MergedStory(merge(item, articles, diags), articles))
    return tuple(merged)


def clean_sources(
    item: StoryInput, rules: RuleSet, limits: Limits, diags: Diagnostics
) -> tuple[Article, ...]:
    """Clean every source of a story; one beyond the limits is reported and skipped."""
    articles = []
    for doc in item.docs:
        try:
            articles.append(clean(doc, rules, diags, limits))
        except SourceRejected as err:
            diags.error(doc.path, f"skipped: {err.reason}", rule=rejection_rule(err))
    if not articles:
        diags.error(item.folder, "no usable sources: story skipped", rule="content.empty-story")
    return tuple(articles)


def cache_folder(config: Config) -> Path:
    return config.cache_dir or config.root / ".cache" / "builder"


class _Stories(Sequence[Story]):
    """The build's stories, read from the cache only when asked for."""

    def __init__(self, refs: list[StoryRef], store: Cache, config: Config, rules: RuleSet) -> None:
        self._refs, self._store, self._config, self._rules = refs, store, config, rules

    def __len__(self) -> int:
        return len(self._refs)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        return self._refs[index].load(self._store, self._config, self._rules)


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
