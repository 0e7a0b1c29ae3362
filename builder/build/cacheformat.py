"""The build cache's storage format: a `Story` and a `StoryRecord` as JSON, and back.

Also `StoryRecord`, what a build needs of a story without reading it whole.

Takes and gives: `Story` <-> the dict stored in stories/KEY.json (an exact round trip);
`StoryRecord` <-> its entry in manifest.json. JSON, never pickle: a cache folder must not
be code. Only builder/build/cache.py reads or writes these; nothing else decodes them.

Reading checks every field (`CacheEntryError` on anything but what was written): a cache
folder can be edited by anyone who can write a file in the project (a pull request can
commit one), so slugs must be safe slugs, dates ISO dates, block kinds known, every text a
string and every number a whole number, as a story folder's own files are checked. An
entry that fails is rebuilt from its story folder.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass, fields
from typing import Any

from builder.load.picture import safe_name
from builder.load.slugs import safe_slug
from builder.model import (
    BLOCK_KINDS,
    BodyBlock,
    Diagnostic,
    Removed,
    Sentence,
    SourceEntry,
    SourceMeta,
    Story,
    StoryImage,
)
from builder.render.view import StorySummary

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# What follows "<slug>/picture-" in a picture copy's path. One pattern for every story: a
# pattern compiled per slug (a thousand stories outgrow re's cache) cost a no-op build
# more than reading the records did.
_PICTURE_TAIL = re.compile(r"\d+\.(jpg|png|webp)")


class CacheEntryError(ValueError):
    """A cache entry that is not what this builder writes."""


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


def record_from_dict(data: Any) -> StoryRecord:
    """The record `record_to_dict` wrote; raises CacheEntryError on anything else."""
    if not isinstance(data, dict):
        raise CacheEntryError("a record is a mapping")
    try:
        slug = None if data["slug"] is None else _slug(data["slug"])
        summary = None if data["summary"] is None else _summary(data["summary"])
        if (slug is None) != (summary is None) or (summary is not None and summary.slug != slug):
            raise CacheEntryError("a story without its summary")
        return StoryRecord(
            slug, _date(data["date"]), _whole(data["sources"]), _whole(data["removed"]),
            tuple(_diagnostic(d) for d in _items(data["diagnostics"])), summary,
        )
    except KeyError as err:
        raise CacheEntryError(f"missing {err}") from None


def _diagnostic(item: Any) -> Diagnostic:
    level, path, line, message, rule = _items(item, 5)
    if level not in ("error", "warning"):
        raise CacheEntryError(f"unknown level {level!r}")
    return Diagnostic(level, _text(path, True), _whole(line, True), _text(message), _text(rule, True))


def _summary(item: Any) -> StorySummary:
    """Field by field, as StorySummary declares them: what the index and tag pages show."""
    (slug, title, dek, date, date_display, tags, outlets, n_sources, n_independent, sentences,
     files, widths, src, width, height, alt, draft) = _items(item, len(fields(StorySummary)))
    prefix = f"{_slug(slug)}/picture-"
    files = tuple(_text(f) for f in _items(files))
    if not all(f.startswith(prefix) and _PICTURE_TAIL.fullmatch(f, len(prefix)) for f in files) or (
            src is not None and src not in files):
        raise CacheEntryError("a picture path that is not one of the story's copies")
    if not isinstance(draft, bool):
        raise CacheEntryError("draft is not true or false")
    return StorySummary(
        slug, _text(title), _text(dek, True), _date(date), _text(date_display, True),
        tuple(_text(t) for t in _items(tags)), tuple(_text(o) for o in _items(outlets)),
        _whole(n_sources), _whole(n_independent), _whole(sentences),
        files, tuple(_whole(w) for w in _items(widths)), src, _whole(width, True),
        _whole(height, True), _text(alt, True), draft,
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
        "image": _image_list(story.image),
        "sources": [
            [s.id, s.file, _meta(s.meta), [[r.rule, r.reason, r.text, r.line] for r in s.removed],
             list(s.related), s.copy_of]
            for s in story.sources
        ],
        "body": _blocks_out(story.body),
        "brief": [_sentence_out(x) for x in story.brief],
        "more": _blocks_out(story.more),
    }


def _sentence_out(x: Sentence) -> list:
    return [x.text, list(x.sources), [list(v) for v in x.variants]]


def _blocks_out(blocks: tuple[BodyBlock, ...]) -> list:
    return [[b.kind, [_sentence_out(x) for x in b.sentences]] for b in blocks]


def _sentence_in(item: Any) -> Sentence:
    text, sources, variants = _items(item, 3)
    return Sentence(
        _text(text), tuple(_whole(s) for s in _items(sources)),
        tuple((_whole(sid), _text(figures)) for sid, figures in map(lambda v: _items(v, 2), _items(variants))),
    )


def _blocks_in(blocks: Any) -> tuple[BodyBlock, ...]:
    out = []
    for item in _items(blocks):
        kind, sentences = _items(item, 2)
        if kind not in BLOCK_KINDS:
            raise CacheEntryError(f"unknown block kind {kind!r}")
        out.append(BodyBlock(kind, tuple(_sentence_in(x) for x in _items(sentences))))
    return tuple(out)


def story_from_dict(data: Any) -> Story:
    """The story written by `story_to_dict`; raises CacheEntryError on anything else."""
    if not isinstance(data, dict):
        raise CacheEntryError("a story is a mapping")
    try:
        return Story(
            slug=_slug(data["slug"]), title=_text(data["title"]), dek=_text(data["dek"], True),
            date=_date(data["date"]), tags=tuple(_text(t) for t in _items(data["tags"])),
            sources=tuple(_source(s) for s in _items(data["sources"])),
            body=_blocks_in(data["body"]),
            excluded=tuple((_text(f), _text(why)) for f, why in map(lambda x: _items(x, 2), _items(data["excluded"]))),
            brief=tuple(_sentence_in(x) for x in _items(data.get("brief", []))),
            more=_blocks_in(data.get("more", [])),
            draft=data.get("draft", False) is True,  # written as a JSON bool by story_to_dict
            image=_image_in(data.get("image")),
        )
    except KeyError as err:
        raise CacheEntryError(f"missing {err}") from None


def _image_list(image: StoryImage | None) -> list | None:
    if image is None:
        return None
    return [image.file, image.alt, image.credit, image.format, image.width, image.height,
            list(image.widths)]


def _image_in(item: Any) -> StoryImage | None:
    """A picture names a plain file (of the story's own folder, where render reads it)."""
    if item is None:
        return None
    file, alt, credit, fmt, width, height, widths = _items(item, 7)
    if fmt not in ("jpeg", "png", "webp"):
        raise CacheEntryError(f"unknown picture format {fmt!r}")
    if not safe_name(_text(file)):
        raise CacheEntryError(f"picture {file!r} is not a file name")
    return StoryImage(file, _text(alt), _text(credit, True), fmt, _whole(width), _whole(height),
                      tuple(_whole(w) for w in _items(widths)))


def _source(item: Any) -> SourceEntry:
    sid, file, meta, removed, related, copy_of = _items(item, 6)
    return SourceEntry(
        _whole(sid), _text(file), SourceMeta(*(_text(x, True) for x in _items(meta, 6))),
        tuple(Removed(_text(rule), _text(reason), _text(text), _whole(line, True))
              for rule, reason, text, line in map(lambda r: _items(r, 4), _items(removed))),
        tuple(_text(r) for r in _items(related)), _whole(copy_of, True),
    )


# --- checks: each gives the value, or raises CacheEntryError -----------------------------


def _text(value: Any, optional: bool = False) -> Any:
    if isinstance(value, str) or (optional and value is None):
        return value
    raise CacheEntryError(f"expected text, found {type(value).__name__}")


def _whole(value: Any, optional: bool = False) -> Any:
    if (isinstance(value, int) and not isinstance(value, bool)) or (optional and value is None):
        return value
    raise CacheEntryError(f"expected a whole number, found {type(value).__name__}")


def _items(value: Any, size: int | None = None) -> list:
    if not isinstance(value, list) or (size is not None and len(value) != size):
        raise CacheEntryError("expected a list" + (f" of {size}" if size is not None else ""))
    return value


def _slug(value: Any) -> str:
    if not isinstance(value, str) or safe_slug(value) != value:
        raise CacheEntryError(f"not a safe slug: {value!r}")
    return value


def _date(value: Any) -> str | None:
    if value is not None and not (isinstance(value, str) and _DATE.match(value)):
        raise CacheEntryError(f"not an ISO date: {value!r}")
    return value
