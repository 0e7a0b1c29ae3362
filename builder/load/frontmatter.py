"""Split a Markdown source into YAML front matter and body.

Takes: the text of a `.md` file. Gives: `FrontMatter` (the source's own `SourceMeta`, the
Markdown body, how many lines the front matter took, and the raw values); raises
`StoryMetaError` with file:line when the front matter is broken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.model import SourceMeta
from builder.load.storymeta import _source_meta, parse_yaml_mapping, StoryMetaError

PAGE_KEYS = {"title", "description", "outlet", "url", "published", "date", "author", "original_outlet", "note"}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    meta: SourceMeta
    body: str
    offset: int
    values: dict = field(default_factory=dict)


def split_front_matter(text: str, path: Path) -> FrontMatter:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter(SourceMeta(), text, 0)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise StoryMetaError(path, 1, "front matter opened with '---' is never closed")
    data, key_lines = parse_yaml_mapping("\n".join(lines[1:end]), path, first_line=2)
    values = {k: v for k, v in data.items() if k != "description"}

    def fail(message: str, key: str | None = None) -> StoryMetaError:
        return StoryMetaError(path, key_lines.get(str(key), 2), message)

    unknown = [k for k in data if k not in PAGE_KEYS]
    if unknown:
        key = unknown[0]
        raise StoryMetaError(path, key_lines.get(str(key), 2), f"unknown front-matter key {key!r}")
    meta = _source_meta(values, fail)
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(meta, body, end + 1, data)
