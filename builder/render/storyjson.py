"""The story as data: `story.json`, exactly as DESIGN.md section 2 lays it out.

Takes: a merged `Story`. Gives: UTF-8 JSON bytes with sorted-free, stable key order,
one source and one body block a line, and a final newline, so two builds give identical
files.
"""

from __future__ import annotations

import json

from builder.model import BodyBlock, Sentence, Story


def story_dict(story: Story, removed: bool = True) -> dict:
    """`removed`: whether each source lists what cleaning removed from it, text included.
    Without it the key is left out rather than emptied, so that the file does not claim
    nothing was removed (the merge checkers score against this list: build with it on to
    run them)."""
    sources = []
    for s in story.sources:
        entry = {
            "id": s.id,
            "outlet": s.meta.outlet,
            "title": s.meta.title,
            "url": s.meta.url,
            "published": s.meta.published,
            "file": s.file,
        }
        if removed:
            entry["removed"] = [
                {"reason": r.reason, "rule": r.rule, "text": r.text, "line": r.line}
                for r in s.removed
            ]
        if s.related:
            entry["related"] = list(s.related)
        if s.copy_of is not None:
            entry["copy_of"] = s.copy_of
        sources.append(entry)
    data = {
        "slug": story.slug,
        "title": story.title,
        "dek": story.dek,
        "date": story.date,
        "tags": list(story.tags),
        "sources": sources,
    }
    # `brief` and `more` are optional (DESIGN.md): left out when empty, so a story the
    # merge gives neither is the same file as before they existed.
    if story.brief:
        data["brief"] = [_sentence(s) for s in story.brief]
    data["body"] = _blocks(story.body)
    if story.more:
        data["more"] = _blocks(story.more)
    if story.excluded:
        data["excluded"] = [{"file": f, "reason": why} for f, why in story.excluded]
    return data


def _sentence(sentence: Sentence) -> dict:
    item: dict = {"text": sentence.text, "sources": list(sentence.sources)}
    if sentence.variants:
        item["variants"] = [{"source": s, "figures": f} for s, f in sentence.variants]
    return item


def _blocks(blocks: tuple[BodyBlock, ...]) -> list[dict]:
    return [{"kind": b.kind, "sentences": [_sentence(s) for s in b.sentences]} for b in blocks]


def story_json(story: Story, removed: bool = True) -> bytes:
    return (outline_json(story_dict(story, removed)) + "\n").encode("utf-8")


_compact = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder (no indent)


def outline_json(value: object, levels: int = 2, indent: str = "") -> str:
    """JSON whose outer `levels` of containers hold one item a line, two-space indented,
    and whose deeper values each sit on one line: a story's fields, then one source and
    one body block a line, readable in a diff and written by the C encoder (json.dumps
    with `indent` runs pure Python, several times slower). Lists of plain values (tags)
    stay on one line. Keys are strings."""
    if levels > 0 and isinstance(value, dict) and value:
        inner = indent + "  "
        items = (f"{inner}{_compact(str(k))}: {outline_json(v, levels - 1, inner)}"
                 for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if (levels > 0 and isinstance(value, (list, tuple)) and value
            and any(isinstance(v, (dict, list, tuple)) for v in value)):
        inner = indent + "  "
        return ("[\n" + ",\n".join(inner + outline_json(v, levels - 1, inner) for v in value)
                + "\n" + indent + "]")
    return _compact(value)
