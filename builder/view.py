"""What a story template needs, computed once: the `Story` shaped for reading.

Takes: a merged `Story`. Gives: a `StoryView`: display date, the outlets that reported it,
body blocks with consecutive list items gathered into lists, each source with a link only
when its URL is http(s), and the JSON-LD `NewsArticle` (sources as `citation`).
Templates stay free of logic; this module has no Jinja in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.model import BodyBlock, SourceEntry, Story


@dataclass(frozen=True, slots=True)
class SourceView:
    id: int
    outlet: str | None
    title: str | None
    url: str | None  # only http(s): anything else is shown as text, never linked
    published: str | None
    published_display: str | None
    file: str
    copy_of: int | None
    original_outlet: str | None = None  # an aggregator's copy names the outlet it took from
    copies: tuple["SourceView", ...] = ()  # reports that republish this one


@dataclass(frozen=True, slots=True)
class BlockView:
    kind: str  # paragraph | heading | quote | list
    items: tuple[BodyBlock, ...]  # one block, or the items of a list


@dataclass(frozen=True, slots=True)
class StoryView:
    story: Story
    slug: str
    title: str
    dek: str | None
    date: str | None
    date_display: str | None
    tags: tuple[str, ...]
    outlets: tuple[str, ...]
    sources: tuple[SourceView, ...]
    blocks: tuple[BlockView, ...]
    sentence_count: int
    only_in: dict  # source id -> number of sentences only that source reports

    @property
    def n_sources(self) -> int:
        return len(self.story.sources)

    @property
    def n_independent(self) -> int:
        """Reports that are not copies of another report of this story."""
        return sum(1 for s in self.story.sources if s.copy_of is None)

    def outlet_of(self, source_id: int) -> str:
        for s in self.story.sources:
            if s.id == source_id:
                return s.meta.outlet or s.meta.title or s.file
        return str(source_id)


def safe_link(url: str | None) -> str | None:
    if not url:
        return None
    cleaned = "".join(ch for ch in url if ord(ch) > 0x20 and ch != "\x7f")
    if cleaned != url.strip() or not cleaned.lower().startswith(("http://", "https://")):
        return None
    return cleaned


def display_date(iso: str | None) -> str | None:
    if not iso:
        return None
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def story_view(story: Story) -> StoryView:
    def view_of(s: SourceEntry, copies: tuple[SourceView, ...] = ()) -> SourceView:
        return SourceView(
            s.id, s.meta.outlet, s.meta.title, safe_link(s.meta.url), s.meta.published,
            display_date(s.meta.published), s.file, s.copy_of, s.meta.original_outlet, copies,
        )

    # Copies are listed under the report they copy, in id order.
    sources = tuple(
        view_of(s, tuple(view_of(c) for c in story.sources if c.copy_of == s.id))
        for s in story.sources
        if s.copy_of is None
    )
    outlets: list[str] = []
    for s in story.sources:
        name = s.meta.outlet or s.meta.title or s.file
        if name not in outlets:
            outlets.append(name)
    only: dict[int, int] = {}
    for block in story.body:
        for sentence in block.sentences:
            if len(sentence.sources) == 1:
                only[sentence.sources[0]] = only.get(sentence.sources[0], 0) + 1
    return StoryView(
        story=story,
        slug=story.slug,
        title=story.title,
        dek=story.dek,
        date=story.date,
        date_display=display_date(story.date),
        tags=story.tags,
        outlets=tuple(outlets),
        sources=sources,
        blocks=_group_lists(story.body),
        sentence_count=sum(len(b.sentences) for b in story.body),
        only_in=only,
    )


def _group_lists(body: tuple[BodyBlock, ...]) -> tuple[BlockView, ...]:
    out: list[BlockView] = []
    run: list[BodyBlock] = []
    for block in body:
        if block.kind == "list-item":
            run.append(block)
            continue
        if run:
            out.append(BlockView("list", tuple(run)))
            run = []
        out.append(BlockView(block.kind, (block,)))
    if run:
        out.append(BlockView("list", tuple(run)))
    return tuple(out)
