"""What a story template needs, computed once: the `Story` shaped for reading.

Takes: a merged `Story`. Gives: a `StoryView`: display date, the outlets that reported it,
body blocks with consecutive list items gathered into lists, every sentence of the body and
then of "More from the reports" numbered (its `id="s-N"` anchor, the target of the sources
list's back-links), the "In brief" facts (anchors `b-N`: each is also a body sentence, so
the back-links lead to the body, never twice to one fact), each source with a link only
when its URL is http(s) and the numbers of the sentences that cite it, and the sources as
schema.org `CreativeWork`s for the JSON-LD `citation`, and the picture's copies (site
paths, widths, alt text, credit) when it has one. And a `StorySummary`: the few plain
values the index and tag pages show of a story.
Templates stay free of logic; this module has no Jinja in it.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass, field

from builder.model import BodyBlock, Sentence, SourceEntry, Story
from builder.render.pictures import picture_path


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
    cited_in: tuple[int, ...] = ()  # numbers of the sentences citing it (their s-N anchors)

    @property
    def name(self) -> str:
        """The outlet; when no one said, the site's domain or the file: never the headline,
        which read as an outlet ("only in Thieves in $2.6 million smash-and-grab raid")."""
        return shown_as(self.outlet, self.url, self.file)


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A body sentence and its place in reading order (its anchor is s-<number>)."""

    number: int
    sentence: Sentence
    prefix: str = "s"  # "b" for an "In brief" fact, which the back-links do not count

    @property
    def anchor(self) -> str:
        return f"{self.prefix}-{self.number}"

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def sources(self) -> tuple[int, ...]:
        return self.sentence.sources

    @property
    def variants(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """Each distinct set of figures the reports give, with the reports giving it; empty
        when, once grouped, they all agree."""
        if not self.sentence.variants:  # nearly every sentence (performance only)
            return ()
        groups: dict[str, list[int]] = {}
        for source, figures in self.sentence.variants:
            groups.setdefault(figures, [])
            if source not in groups[figures]:
                groups[figures].append(source)
        # A report giving only some of another's figures agrees with it: "4, 2.6" sides
        # with "2, 4, 2.6"; only figure sets that contradict each other are shown.
        sets = {figures: set(figures.split(", ")) for figures in groups}
        for figures in list(groups):
            wider = [f for f in groups if f != figures and sets[figures] < sets[f]]
            if wider:
                groups[wider[0]].extend(s for s in groups.pop(figures) if s not in groups[wider[0]])
        if len(groups) < 2:
            return ()
        return tuple((figures, tuple(sorted(ids))) for figures, ids in groups.items())


@dataclass(frozen=True, slots=True)
class ItemView:
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True, slots=True)
class BlockView:
    kind: str  # paragraph | heading | quote | list
    items: tuple[ItemView, ...]  # one block, or the items of a list


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
    brief: tuple[SentenceView, ...] = ()
    more: tuple[BlockView, ...] = ()
    # What each source id is called (shown_as), worked out once a story: the page asks
    # it for every footnote (performance only).
    names: dict[int, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def draft(self) -> bool:
        """story.yaml's `draft: true`: shown only by `serve`, marked as a draft."""
        return self.story.draft

    @property
    def image_files(self) -> tuple[str, ...]:
        """The site paths of the picture's copies, narrowest first (none without a picture)."""
        image = self.story.image
        return tuple(picture_path(self.slug, image, w) for w in image.widths) if image else ()

    @property
    def image_widths(self) -> tuple[int, ...]:
        """The width of each of `image_files`."""
        return self.story.image.widths if self.story.image else ()

    @property
    def image_src(self) -> str | None:
        """The widest copy: the `src` of the picture, and og:image."""
        return self.image_files[-1] if self.image_files else None

    @property
    def image_width(self) -> int | None:
        return self.image_widths[-1] if self.image_widths else None

    @property
    def image_height(self) -> int | None:
        """The height of the widest copy (what `picture_files` gives it)."""
        image = self.story.image
        return max(1, round(image.height * image.widths[-1] / image.width)) if image else None

    @property
    def image_alt(self) -> str | None:
        return self.story.image.alt if self.story.image else None

    @property
    def image_credit(self) -> str | None:
        return self.story.image.credit if self.story.image else None

    @property
    def n_sources(self) -> int:
        return len(self.story.sources)

    @property
    def n_independent(self) -> int:
        """Reports that are not copies of another report of this story."""
        return sum(1 for s in self.story.sources if s.copy_of is None)

    def outlet_of(self, source_id: int) -> str:
        name = self.names.get(source_id)
        return str(source_id) if name is None else name

    @property
    def all_sources(self) -> tuple[SourceView, ...]:
        """Every source, copies included, in id order."""
        flat = [c for s in self.sources for c in (s, *s.copies)]
        return tuple(sorted(flat, key=lambda s: s.id))

    @property
    def citations(self) -> list[dict]:
        """The sources as schema.org CreativeWorks (name, url, publisher, datePublished)."""
        works = []
        for s in self.all_sources:
            work: dict = {"@type": "CreativeWork", "name": s.title or s.outlet or s.file}
            if s.url:
                work["url"] = s.url
            if s.outlet:
                work["publisher"] = {"@type": "Organization", "name": s.outlet}
            if s.published:
                work["datePublished"] = s.published
            works.append(work)
        return works


def shown_as(outlet: str | None, url: str | None, file: str) -> str:
    """What a report is called: its outlet, else its address's domain (without "www."),
    else its file name."""
    if outlet:
        return outlet
    host = (urllib.parse.urlsplit(url).hostname or "") if safe_link(url) else ""
    return host.removeprefix("www.") or file


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


def _numbered(
    blocks: tuple[BodyBlock, ...], first: int, cited_in: dict[int, list[int]]
) -> list[tuple[BodyBlock, tuple[SentenceView, ...]]]:
    """Blocks with their sentences numbered from `first`; each citing sentence's number is
    added to `cited_in[source id]`."""
    numbered = []
    number = first - 1
    for block in blocks:
        views = []
        for sentence in block.sentences:
            number += 1
            views.append(SentenceView(number, sentence))
            for source_id in dict.fromkeys(sentence.sources):
                cited_in.setdefault(source_id, []).append(number)
        numbered.append((block, tuple(views)))
    return numbered


def story_view(story: Story) -> StoryView:
    cited_in: dict[int, list[int]] = {}
    numbered = _numbered(story.body, 1, cited_in)
    body_count = sum(len(b.sentences) for b in story.body)
    more = _numbered(story.more, body_count + 1, cited_in)

    def view_of(s: SourceEntry, copies: tuple[SourceView, ...] = ()) -> SourceView:
        return SourceView(
            s.id, s.meta.outlet, s.meta.title, safe_link(s.meta.url), s.meta.published,
            display_date(s.meta.published), s.file, s.copy_of, s.meta.original_outlet, copies,
            tuple(cited_in.get(s.id, ())),
        )

    # Copies are listed under the report they copy, in id order.
    sources = tuple(
        view_of(s, tuple(view_of(c) for c in story.sources if c.copy_of == s.id))
        for s in story.sources
        if s.copy_of is None
    )
    outlets: list[str] = []
    for s in story.sources:
        name = shown_as(s.meta.outlet, s.meta.url, s.file)
        if name not in outlets:
            outlets.append(name)
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
        blocks=_group_lists(numbered),
        sentence_count=body_count,
        brief=tuple(SentenceView(k, s, "b") for k, s in enumerate(story.brief, 1)),
        more=_group_lists(more),
        names={s.id: shown_as(s.meta.outlet, s.meta.url, s.file) for s in reversed(story.sources)},
    )


def _group_lists(body: list[tuple[BodyBlock, tuple[SentenceView, ...]]]) -> tuple[BlockView, ...]:
    out: list[BlockView] = []
    run: list[ItemView] = []
    for block, sentences in body:
        if block.kind == "list-item":
            run.append(ItemView(sentences))
            continue
        if run:
            out.append(BlockView("list", tuple(run)))
            run = []
        out.append(BlockView(block.kind, (ItemView(sentences),)))
    if run:
        out.append(BlockView("list", tuple(run)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What the index and tag pages show of a story: its plain values. The build cache
    keeps it, so those pages render without reading every story whole."""

    slug: str
    title: str
    dek: str | None
    date: str | None
    date_display: str | None
    tags: tuple[str, ...]
    outlets: tuple[str, ...]
    n_sources: int
    n_independent: int
    sentence_count: int
    # The picture's thumbnail in the lists (StoryView's fields of the same names).
    image_files: tuple[str, ...] = ()
    image_widths: tuple[int, ...] = ()
    image_src: str | None = None
    image_width: int | None = None
    image_height: int | None = None
    image_alt: str | None = None
    draft: bool = False  # shown only by `serve` (and build --drafts), marked


def story_summary(view: StoryView) -> StorySummary:
    return StorySummary(
        view.slug, view.title, view.dek, view.date, view.date_display, view.tags, view.outlets,
        view.n_sources, view.n_independent, view.sentence_count, view.image_files,
        view.image_widths, view.image_src, view.image_width, view.image_height, view.image_alt,
        view.draft,
    )
