"""Furniture seen only across the reports of one story: another report's headline in a body.

Takes: every cleaned `Article` of a story and the `RuleSet` (for the curator's switch).
Gives: the same articles, less each body block that repeats, word for word, the headline of
another report of the story (a blog page quoting the headline of the report it copies, an
aggregator's "related" line): a headline is the page's, and the story has its own.
Cleaning one report cannot see this; it runs after every report of a story is cleaned.
"""

from __future__ import annotations

from dataclasses import replace

from builder.clean.heuristics import fold, is_title_like
from builder.clean.rules import RuleSet
from builder.model import Article, Removed

RULE = "title.other-report"


def drop_other_reports_headlines(
    articles: tuple[Article, ...], rules: RuleSet
) -> tuple[Article, ...]:
    """`articles`, each without the blocks that repeat another report's headline."""
    if not rules.enabled(RULE):
        return articles
    titles = {fold(a.meta.title): a.file for a in articles if a.meta.title and fold(a.meta.title)}
    if not titles:
        return articles
    return tuple(_without_headlines(article, titles) for article in articles)


def _without_headlines(article: Article, titles: dict[str, str]) -> Article:
    kept, removed = [], list(article.removed)
    for block in article.blocks:
        # Only a line that reads as a headline: a sentence that happens to equal a
        # headline ("Obama signs the bill.") is news and stays.
        if is_title_like(block.text) and titles.get(fold(block.text), article.file) != article.file:
            removed.append(Removed(RULE, "title", block.text, block.line))
        else:
            kept.append(block)
    if len(kept) == len(article.blocks):
        return article
    return replace(article, blocks=tuple(kept), removed=tuple(removed))
