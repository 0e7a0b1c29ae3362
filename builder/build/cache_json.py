"""The cache's JSON: a merged `Story` and its listing summary, written and checked back.

Takes: a `Story` (and its `StoryView`) to write; JSON data read from the cache folder to
check. Gives: plain JSON-ready dicts; on reading, the `Story` again (an exact round trip)
or the summary, or `CacheEntryError` when any field is missing or of the wrong type.

A cache folder can be edited by anyone who can write a file in the project (a pull request
can commit one), so what it holds is data and is checked field by field as a story
folder's own files are: slugs must be safe slugs, dates ISO dates, every text a string,
every number a whole number. An entry that fails is rebuilt from its story folder.
"""

from __future__ import annotations

import re
from typing import Any

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
)
from builder.render.view import StoryView, story_view

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_LISTED = frozenset(n for n in dir(StoryView) if not n.startswith("_"))


class CacheEntryError(ValueError):
    """A cache entry that is not what this builder writes."""


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


# --- Story <-> JSON (exact round trip) ---------------------------------------------------


def _meta(m: SourceMeta) -> list:
    return [m.outlet, m.title, m.url, m.published, m.author, m.original_outlet]


def story_to_dict(story: Story) -> dict:
    return {
        "slug": story.slug, "title": story.title, "dek": story.dek, "date": story.date,
        "tags": list(story.tags), "excluded": [list(x) for x in story.excluded],
        "sources": [
            [s.id, s.file, _meta(s.meta), [[r.rule, r.reason, r.text, r.line] for r in s.removed],
             list(s.related), s.copy_of]
            for s in story.sources
        ],
        "body": [[b.kind, [[x.text, list(x.sources), [list(v) for v in x.variants]]
                           for x in b.sentences]] for b in story.body],
    }


def story_from_dict(data: Any) -> Story:
    """The story written by `story_to_dict`; raises CacheEntryError on anything else."""
    if not isinstance(data, dict):
        raise CacheEntryError("a story is a mapping")
    try:
        return Story(
            slug=_slug(data["slug"]), title=_text(data["title"]), dek=_text(data["dek"], True),
            date=_date(data["date"]), tags=tuple(_text(t) for t in _items(data["tags"])),
            sources=tuple(_source(s) for s in _items(data["sources"])),
            body=tuple(_block(b) for b in _items(data["body"])),
            excluded=tuple((_text(f), _text(why)) for f, why in map(lambda x: _items(x, 2), _items(data["excluded"]))),
        )
    except KeyError as err:
        raise CacheEntryError(f"missing {err}") from None


def _source(item: Any) -> SourceEntry:
    sid, file, meta, removed, related, copy_of = _items(item, 6)
    return SourceEntry(
        _whole(sid), _text(file), SourceMeta(*(_text(x, True) for x in _items(meta, 6))),
        tuple(Removed(_text(rule), _text(reason), _text(text), _whole(line, True))
              for rule, reason, text, line in map(lambda r: _items(r, 4), _items(removed))),
        tuple(_text(r) for r in _items(related)), _whole(copy_of, True),
    )


def _block(item: Any) -> BodyBlock:
    kind, sentences = _items(item, 2)
    if kind not in BLOCK_KINDS:
        raise CacheEntryError(f"unknown block kind {kind!r}")
    return BodyBlock(kind, tuple(_sentence(s) for s in _items(sentences)))


def _sentence(item: Any) -> Sentence:
    text, sources, variants = _items(item, 3)
    return Sentence(
        _text(text), tuple(_whole(s) for s in _items(sources)),
        tuple((_whole(sid), _text(figures)) for sid, figures in map(lambda v: _items(v, 2), _items(variants))),
    )


# --- listing summaries -------------------------------------------------------------------


def summary_of(story: Story | None, view: StoryView | None = None) -> dict:
    """What a build needs of a story without reading it whole: counts, and the fields that
    the listings (index, tags, feed) show of it (from `view`, or a view made here)."""
    if story is None:
        return {"slug": None}
    return {
        "slug": story.slug, "date": story.date, "sources": len(story.sources),
        "removed": sum(len(s.removed) for s in story.sources),
        "view": listed_fields(view or story_view(story)),
    }


def listed_fields(view: object) -> dict:
    """Every plain value of a `StoryView` (text, numbers, tuples of text): what index, tag
    and feed templates show of a story, kept so they render without reading it whole.
    Tuples are stored as {"tuple": [...]} so they come back as tuples."""
    out: dict = {}
    for name in dir(type(view)):
        if name.startswith("_"):
            continue
        value = getattr(view, name)
        if value is None or isinstance(value, (str, int, float)):  # bool is an int
            out[name] = value
        elif isinstance(value, tuple) and all(isinstance(x, str) for x in value):
            out[name] = {"tuple": list(value)}
    return out


def diag_dict(d: Diagnostic) -> dict:
    return {"level": d.level, "path": d.path, "line": d.line, "message": d.message, "rule": d.rule}


def checked_summary(summary: Any) -> dict:
    """A summary as `summary_of` (plus "diagnostics") writes it; raises CacheEntryError."""
    if not isinstance(summary, dict):
        raise CacheEntryError("a summary is a mapping")
    for d in _items(summary.get("diagnostics")):
        if not (isinstance(d, dict) and set(d) == {"level", "path", "line", "message", "rule"}
                and d["level"] in ("error", "warning")):
            raise CacheEntryError("malformed diagnostic")
        _text(d["path"], True), _whole(d["line"], True), _text(d["message"]), _text(d["rule"], True)
    if summary.get("slug") is None:
        return summary
    _slug(summary["slug"]), _date(summary.get("date"))
    _whole(summary.get("sources")), _whole(summary.get("removed"))
    view = summary.get("view")
    if not isinstance(view, dict) or not set(view) <= _LISTED or view.get("slug") != summary["slug"]:
        raise CacheEntryError("malformed listing fields")
    for value in view.values():
        if isinstance(value, dict):
            if set(value) != {"tuple"}:
                raise CacheEntryError("malformed listing fields")
            [_text(x) for x in _items(value["tuple"])]
        elif not (value is None or isinstance(value, (str, int, float))):
            raise CacheEntryError("malformed listing fields")
    return summary
