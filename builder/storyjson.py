"""The story as data: `story.json`, exactly as DESIGN.md section 2 lays it out.

Takes: a merged `Story`. Gives: UTF-8 JSON bytes with sorted-free, stable key order,
two-space indent and a final newline, so two builds give identical files.
"""

from __future__ import annotations

import json

from builder.model import Story


def story_dict(story: Story) -> dict:
    sources = []
    for s in story.sources:
        entry = {
            "id": s.id,
            "outlet": s.meta.outlet,
            "title": s.meta.title,
            "url": s.meta.url,
            "published": s.meta.published,
            "file": s.file,
            "removed": [
                {"reason": r.reason, "rule": r.rule, "text": r.text, "line": r.line}
                for r in s.removed
            ],
        }
        if s.related:
            entry["related"] = list(s.related)
        if s.copy_of is not None:
            entry["copy_of"] = s.copy_of
        sources.append(entry)
    body = []
    for block in story.body:
        sentences = []
        for sentence in block.sentences:
            item: dict = {"text": sentence.text, "sources": list(sentence.sources)}
            if sentence.variants:
                item["variants"] = [{"source": s, "figures": f} for s, f in sentence.variants]
            sentences.append(item)
        body.append({"kind": block.kind, "sentences": sentences})
    data = {
        "slug": story.slug,
        "title": story.title,
        "dek": story.dek,
        "date": story.date,
        "tags": list(story.tags),
        "sources": sources,
        "body": body,
    }
    if story.excluded:
        data["excluded"] = [{"file": f, "reason": why} for f, why in story.excluded]
    return data


def story_json(story: Story) -> bytes:
    return (indented_json(story_dict(story)) + "\n").encode("utf-8")


_scalar = json.JSONEncoder(ensure_ascii=False).encode  # C-accelerated for one value


def indented_json(value: object, indent: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, character for character.

    Performance only: with `indent` set, the json module falls back to its pure-Python
    encoder; this walks the containers itself and leaves each scalar to the C encoder
    (about five times faster on a story). tests/test_storyjson.py holds it to json.dumps."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = (f"{inner}{_scalar(_key(k))}: {indented_json(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + indented_json(v, inner) for v in value) + "\n" + indent + "]"
    return _scalar(value)


def _key(key: object) -> str:
    # json.dumps turns non-string keys into strings the same way.
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    return _scalar(key) if isinstance(key, float) else str(key)
