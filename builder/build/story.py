"""One story, start to finish in memory: load -> clean -> merge. The one way a story is built.

Takes: a story folder, the `Config` and the compiled `RuleSet`. Gives: a `StoryBuild`
(the merged `Story`, or None when the story was skipped; the cleaned `Article`s it was
merged from; the diagnostics its build gave, in the order the stages gave them).

The build (`pipeline.build`, in this process or in the workers of `parallel.py`), a
rebuild of an unusable cache entry (`incremental.py`) and `check` all call `build_story`,
so what `check` reports is what the build publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from builder.clean import RuleSet, SourceRejected, clean, load_rules, rejection_rule
from builder.clean.crossreport import drop_other_reports_headlines
from builder.config import Config
from builder.load.stories import load_story
from builder.model import Article, Diagnostic, Diagnostics, Limits, Story, StoryInput


@dataclass(frozen=True, slots=True)
class StoryBuild:
    """What building one story folder gave."""

    story: Story | None  # None: skipped (unloadable folder, or no usable source)
    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class MergedStory:
    """One story after merge, with the cleaned articles it was merged from."""

    story: Story
    articles: tuple[Article, ...]


class RuleLoader:
    """The rule set, compiled on first use: a build whose stories all come from the cache
    cleans nothing and needs no rules."""

    def __init__(self, config: Config) -> None:
        self._config = config

    @cached_property
    def rules(self) -> RuleSet:
        return load_rules(self._config.disable_rules, self._config.extra_rules)


def build_story(folder: Path, config: Config, rules: RuleSet) -> StoryBuild:
    """Load, clean and merge the story in `folder`; nothing is written."""
    # Imported here, not at the top: a build whose stories all come from the cache never
    # merges, and need not import the merge.
    from builder.merge import merge

    diags = Diagnostics()
    item = load_story(folder, config, diags)
    story, articles = None, ()
    if item is not None:
        articles = clean_sources(item, rules, config.limits, diags)
        if articles:
            story = merge(item, articles, diags)
    return StoryBuild(story, articles, tuple(diags.items))


def clean_sources(
    item: StoryInput, rules: RuleSet, limits: Limits, diags: Diagnostics
) -> tuple[Article, ...]:
    """Clean every source of a story, then drop lines that repeat another's headline; a
    source beyond the limits is reported and skipped."""
    articles = []
    for doc in item.docs:
        try:
            articles.append(clean(doc, rules, diags, limits))
        except SourceRejected as err:
            diags.error(doc.path, f"skipped: {err.reason}", rule=rejection_rule(err))
    if not articles:
        diags.error(item.folder, "no usable sources: story skipped", rule="content.empty-story")
    return drop_other_reports_headlines(tuple(articles), rules)
