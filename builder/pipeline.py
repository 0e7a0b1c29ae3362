"""The build, top to bottom: load -> clean -> merge -> render -> publish.

Takes: a `Config`. Gives: a `BuildResult` (what was built, and every diagnostic). This is
the only module that imports every stage. Everything is read and computed in memory
first; site/ is written only at the end, and only if no error was found, so a failed
build leaves the last good site as it was.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import jinja2

from builder.clean import RuleSet, SourceRejected, clean, load_rules, rejection_rule
from builder.config import Config
from builder.merge import merge
from builder.model import Article, Diagnostics, Limits, Story, StoryInput
from builder.pages import render_pages
from builder.publish import PublishError, publish
from builder.render import render_site
from builder.sources import load_pages, load_stories


@dataclass(frozen=True, slots=True)
class BuildResult:
    stories: tuple[Story, ...]
    files: int
    published: bool
    diagnostics: Diagnostics
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


@dataclass(frozen=True, slots=True)
class MergedStory:
    """One story after merge, with the cleaned articles it was merged from."""

    story: Story
    articles: tuple[Article, ...]


def build(config: Config, *, strict: bool = False) -> BuildResult:
    started = time.perf_counter()
    diags = Diagnostics()
    stories = [item.story for item in load_and_merge(config, diags)]
    pages = render_pages(load_pages(config, diags), diags)
    _check_slug_clashes(stories, pages, diags)

    try:
        files = render_site(config, tuple(stories), pages, build_date(stories))
    except jinja2.TemplateError as err:
        where = getattr(err, "filename", None) or getattr(err, "name", None) or config.layouts_dir
        diags.error(where, f"template error: {err.message or err}", line=getattr(err, "lineno", None))
        files = ()
    failed = bool(diags.errors) or (strict and bool(diags.warnings))
    if not failed:
        try:
            publish(files, config.output_dir)
        except (PublishError, OSError) as err:
            diags.error(config.output_dir, f"not published: {err}")
            failed = True
    return BuildResult(tuple(stories), len(files), not failed, diags, time.perf_counter() - started)


def load_and_merge(
    config: Config, diags: Diagnostics, only: frozenset[str] | None = None
) -> tuple[MergedStory, ...]:
    """The first half of a build, in memory: load -> clean -> merge. Writes nothing.

    `only`, when given, keeps just the stories with those slugs (`check SLUG...`).
    """
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


def build_date(stories: list[Story]) -> str:
    """The date a build stands for: SOURCE_DATE_EPOCH, else the newest story. Never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return time.strftime("%Y-%m-%d", time.gmtime(int(epoch)))
    return max((s.date for s in stories if s.date), default="1970-01-01")


RESERVED = {"tags", "page", "assets", "feed.xml", "sitemap.xml", "404.html", "robots.txt"}


def _check_slug_clashes(stories: list[Story], pages: tuple, diags: Diagnostics) -> None:
    seen: dict[str, str] = {}
    for kind, slug in [("story", s.slug) for s in stories] + [("page", p.slug) for p in pages]:
        if slug in RESERVED:
            diags.error(None, f"{kind} '{slug}' would overwrite the site's own '{slug}/': rename it")
        elif slug in seen:
            diags.error(None, f"{kind} '{slug}' and {seen[slug]} '{slug}' would be written to the same path")
        else:
            seen[slug] = kind
