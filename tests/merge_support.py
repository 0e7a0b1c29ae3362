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


# A transit-bill story shared by the fusion and leaning tests: its opening, its closing
# background, and six sentences only one report gives, each on its own matter with names
# and figures (a run from one report that the body must break).
VOTE = "The Senate voted on Wednesday to override the president's veto of the transit bill."
GOVERNORS = "The bill now goes to the governors, who must draw up plans within a year."
RUN = [
    "Senator Ada Brook of Maine said 14 stations on the line would close in March.",
    "Governor Carl Dane of Ohio put the state's share of the cost at $2.4 billion.",
    "The Federal Transit Administration counted 310,000 riders on the line in 2019.",
    "Mayor Eve Fox of Toledo warned that 1,200 jobs in the city depended on the trains.",
    "Rail unions representing 8,000 workers in Ohio and Michigan backed the override.",
    "Amtrak chief Ivo Kern said 40 trains a day would run from Chicago to Toledo on 9 May.",
]
