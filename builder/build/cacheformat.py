"""The build cache's storage format: a `Story` and a `StoryRecord` as JSON, and back.

Also `StoryRecord`, what a build needs of a story without reading it whole.

Takes and gives: `Story` <-> the dict stored in stories/KEY.json (an exact round trip);
`StoryRecord` <-> its entry in manifest.json. JSON, never pickle: a cache folder must not
be code. Only builder/build/cache.py reads or writes these; nothing else decodes them.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields
from typing import Any

from builder.model import (
    BodyBlock,
    Diagnostic,
    Removed,
    Sentence,
    SourceEntry,
    SourceMeta,
    Story,
)
from builder.render.view import StorySummary


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """What the cache knows of one story build without reading the story whole."""

    slug: str | None  # None: the story was skipped
    date: str | None
    sources: int
    removed: int  # blocks removed by cleaning, all its sources
    diagnostics: tuple[Diagnostic, ...]
    summary: StorySummary | None  # what the index and tag pages show of it


def record_to_dict(record: StoryRecord) -> dict:
    summary = record.summary
    return {
        "slug": record.slug, "date": record.date, "sources": record.sources,
        "removed": record.removed, "diagnostics": [list(astuple(d)) for d in record.diagnostics],
        "summary": None if summary is None else [getattr(summary, f.name) for f in fields(summary)],
    }


def record_from_dict(data: dict) -> StoryRecord:
    """Raises TypeError, KeyError or ValueError on anything but what record_to_dict wrote."""
    summary = data["summary"]
    if summary is not None:
        values = [tuple(v) if isinstance(v, list) else v for v in summary]
        summary = StorySummary(*values)
    if (data["slug"] is None) != (summary is None):
        raise ValueError("a story without its summary")
    return StoryRecord(
        data["slug"], data["date"], int(data["sources"]), int(data["removed"]),
        tuple(Diagnostic(*d) for d in data["diagnostics"]), summary,
    )


def _meta(m: SourceMeta) -> list:
    return [m.outlet, m.title, m.url, m.published, m.author, m.original_outlet]


def story_to_dict(story: Story | None) -> dict | None:
    if story is None:
        return None
    return {
        "slug": story.slug, "title": story.title, "dek": story.dek, "date": story.date,
        "tags": list(story.tags), "excluded": [list(x) for x in story.excluded],
        "draft": story.draft,
        "sources": [
            [s.id, s.file, _meta(s.meta), [[r.rule, r.reason, r.text, r.line] for r in s.removed],
             list(s.related), s.copy_of]
            for s in story.sources
        ],
        "body": [[b.kind, [[x.text, list(x.sources), [list(v) for v in x.variants]]
                           for x in b.sentences]] for b in story.body],
    }


def story_from_dict(data: Any) -> Story | None:
    if data is None:
        return None
    return Story(
        slug=data["slug"], title=data["title"], dek=data["dek"], date=data["date"],
        tags=tuple(data["tags"]),
        sources=tuple(
            SourceEntry(sid, file, SourceMeta(*meta), tuple(Removed(*r) for r in removed),
                        tuple(related), copy_of)
            for sid, file, meta, removed, related, copy_of in data["sources"]
        ),
        body=tuple(
            BodyBlock(kind, tuple(Sentence(t, tuple(s), tuple(tuple(v) for v in variants))
                                  for t, s, variants in sentences))
            for kind, sentences in data["body"]
        ),
        excluded=tuple(tuple(x) for x in data["excluded"]),
        draft=bool(data.get("draft", False)),
    )
