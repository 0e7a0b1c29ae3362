"""Small hand-made stories for the merge's tests: reports as `Article`s of plain
paragraphs, merged as the build merges them."""

from __future__ import annotations

from pathlib import Path

from builder.merge import merge
from builder.model import Article, Block, Diagnostics, SourceMeta, Story, StoryInput


def article(name: str, outlet: str, *paragraphs: str, published: str | None = None) -> Article:
    blocks = tuple(Block("paragraph", p) for p in paragraphs)
    return Article(name, "text", SourceMeta(outlet=outlet, published=published), blocks)


def merged(*articles: Article, lead: str | None = None, omit: tuple[str, ...] = (),
           title: str = "Title") -> Story:
    story = StoryInput("s", Path("s"), title, None, None, (), (), lead=lead, omit=omit)
    return merge(story, tuple(articles), Diagnostics())
