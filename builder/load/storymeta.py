"""Read a story folder's metadata: story.yaml, or a corpus-style sources.yaml.

Takes: a story folder. Gives: `StoryMeta` (title, dek, date, tags, and per-file
`SourceMeta`), or raises `StoryMetaError` with file and line. Every key is optional;
unknown keys are errors, since a typo ("outlt") would otherwise silently lose metadata.

Two layouts are read:
  story.yaml    title, dek, date, tags, sources: {file: {outlet, title, url, published}},
                image, image_alt, image_credit (the story's picture: builder/load/picture.py)
  sources.yaml  story: {...}, articles: [{file, outlet, title, date, url, ...}] — the
                layout of shared story collections; read when there is no story.yaml.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.model import SourceMeta
from builder.load.slugs import slugify
from builder.load.yamlsafe import YamlError, load_yaml_node
# The one slug rule (also refuses Windows device names such as "con"); re-exported here.

STORY_KEYS = {"title", "dek", "date", "tags", "sources", "lead", "omit", "image", "image_alt",
              "image_credit", "draft"}
SOURCE_KEYS = {"outlet", "title", "url", "published", "date", "author", "original_outlet", "note"}
MAX_YAML_BYTES = 1024 * 1024


class StoryMetaError(Exception):
    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True, slots=True)
class StoryMeta:
    path: Path | None = None
    title: str | None = None
    dek: str | None = None
    date: str | None = None
    tags: tuple[str, ...] = ()
    sources: dict[str, SourceMeta] = field(default_factory=dict)
    draft: bool = False  # kept off the site (`serve` shows it, marked)
    # The curator's corrections to the merge: the report file to lead with, and sentences
    # (as printed) to leave out of the page.
    lead: str | None = None
    omit: tuple[str, ...] = ()
    # The story's picture (a file in its folder), its alt text and credit: checked and read
    # by builder/load/picture.py, which reports problems at `lines` (key -> line).
    image: str | None = None
    image_alt: str | None = None
    image_credit: str | None = None
    lines: dict[str, int] = field(default_factory=dict)

    def unknown_sources(self, folder: Path) -> list[str]:
        return sorted(name for name in self.sources if not (folder / name).is_file())




def read_story_meta(folder: Path) -> StoryMeta:
    path = folder / "story.yaml"
    if path.is_file() and not path.is_symlink():
        data, lines = load_yaml_mapping(path)
        return _from_story_yaml(path, data, lines)
    corpus = folder / "sources.yaml"
    if corpus.is_file() and not corpus.is_symlink():
        data, lines = load_yaml_mapping(corpus)
        if isinstance(data.get("articles"), list):
            return _from_sources_yaml(corpus, data)
    return StoryMeta()


def load_yaml_mapping(path: Path) -> tuple[dict, dict[str, int]]:
    """A YAML file that must hold a mapping, with the line of each top-level key."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise StoryMetaError(path, None, f"cannot read: {err.strerror}") from None
    if len(raw) > MAX_YAML_BYTES:
        raise StoryMetaError(path, None, f"over {MAX_YAML_BYTES:,} bytes: refused")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise StoryMetaError(path, None, f"not UTF-8: {err.reason}") from None
    return parse_yaml_mapping(text, path)


def parse_yaml_mapping(text: str, path: Path, first_line: int = 1) -> tuple[dict, dict[str, int]]:
    try:
        # load_yaml bounds size, aliases and depth, refuses duplicate keys and turns
        # impossible values (2024-13-45, a 5000-digit number) into errors, not crashes.
        data, node = load_yaml_node(text, str(path))
    except YamlError as err:
        line = err.line + first_line - 1 if err.line else None
        invalid_value = "is an invalid date" in err.message  # well-formed YAML, impossible value
        raise StoryMetaError(path, line, err.message if invalid_value
                             else f"not valid YAML: {err.message}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise StoryMetaError(path, first_line, "expected a mapping (key: value)")
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[str(key.value)] = key.start_mark.line + first_line
            if isinstance(value, yaml.MappingNode):
                for sub, entry in value.value:
                    lines[f"{key.value}.{sub.value}"] = sub.start_mark.line + first_line
                    for field_key, _ in entry.value if isinstance(entry, yaml.MappingNode) else ():
                        lines[f"{key.value}.{sub.value}.{field_key.value}"] = (
                            field_key.start_mark.line + first_line)
    return data, lines


def _from_story_yaml(path: Path, data: dict, lines: dict[str, int]) -> StoryMeta:
    def fail(key: str, message: str) -> StoryMetaError:
        return StoryMetaError(path, lines.get(key), message)

    for key in data:
        if key not in STORY_KEYS:
            hint = difflib.get_close_matches(str(key), STORY_KEYS, n=1)
            raise fail(str(key), f"unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
        raise fail("tags", "tags must be a list of words, e.g. [North Korea, Public Health]")
    clean_tags: list[str] = []
    slugs: set[str] = set()
    for tag in tags:
        # Shown as written ("Public Health"); its page's address is its slug ("public-health").
        name = " ".join(str(tag).split())
        if not name:
            raise fail("tags", "a tag is empty: remove it or write a word")
        if slugify(name) not in slugs:
            slugs.add(slugify(name))
            clean_tags.append(name)
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        raise fail("sources", "sources must map file names to {outlet, title, url, published}")
    metas = {}
    for name, values in sources.items():
        where = f"sources.{name}"
        if values is None:
            values = {}
        if not isinstance(values, dict):
            raise fail(where, f"sources.{name} must be a mapping")
        metas[str(name)] = _source_meta(
            values, lambda m, key=None, w=where: fail(f"{w}.{key}" if f"{w}.{key}" in lines else w, m))
    return StoryMeta(
        path=path,
        title=_text(data.get("title"), lambda m: fail("title", m), "title"),
        dek=_text(data.get("dek"), lambda m: fail("dek", m), "dek"),
        date=_date(data.get("date"), lambda m: fail("date", m)),
        tags=tuple(clean_tags),
        sources=metas,
        draft=_flag(data.get("draft"), lambda m: fail("draft", m), "draft"),
        lead=_text(data.get("lead"), lambda m: fail("lead", m), "lead"),
        omit=_omit(data.get("omit"), lambda m: fail("omit", m)),
        image=_text(data.get("image"), lambda m: fail("image", m), "image"),
        image_alt=_text(data.get("image_alt"), lambda m: fail("image_alt", m), "image_alt"),
        image_credit=_text(data.get("image_credit"), lambda m: fail("image_credit", m), "image_credit"),
        lines=lines,
    )


def _omit(value: Any, fail: Any) -> tuple[str, ...]:
    """`omit:` a sentence, or a list of them, as printed on the page."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        raise fail("omit must be a sentence or a list of sentences to leave out")
    return tuple(x.strip() for x in items)


def _from_sources_yaml(path: Path, data: dict) -> StoryMeta:
    metas = {}
    for item in data["articles"]:
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            values = {k: v for k, v in item.items() if k in SOURCE_KEYS}
            metas[item["file"]] = _source_meta(values, lambda m, key=None: StoryMetaError(path, None, m))
    return StoryMeta(path=path, sources=metas)


def _source_meta(values: dict, fail: Any) -> SourceMeta:
    """`fail(message, key)` makes the error, at the key's own line where it is known."""
    for key in values:
        if key not in SOURCE_KEYS:
            hint = difflib.get_close_matches(str(key), SOURCE_KEYS, n=1)
            raise fail(f"unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""),
                       str(key))

    def text(key: str) -> str | None:
        return _text(values.get(key), lambda m: fail(m, key), key)

    date_key = "published" if "published" in values else "date"
    return SourceMeta(
        outlet=text("outlet"), title=text("title"), url=text("url"),
        published=_date(values.get(date_key), lambda m: fail(m, date_key), date_key),
        author=text("author"), original_outlet=text("original_outlet"),
    )


def _flag(value: Any, fail: Any, key: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise fail(f"{key} must be true or false, not {value!r}")
    return value


def _text(value: Any, fail: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise fail(f"{key} must be text")
    text = " ".join(str(value).split())
    return text or None


def _date(value: Any, fail: Any, key: str = "date") -> str | None:
    """An ISO date (YYYY-MM-DD, or with a time) as YYYY-MM-DD. Anything else is refused with
    an example, never guessed: "03/04/2019" is 3 April in one country and 4 March in
    another, and a wrong date would put the story in the wrong place on the site."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = _ISO.fullmatch(text)
    if match:
        try:
            return dt.date(*map(int, match.groups()[:3])).isoformat()
        except ValueError as err:
            raise fail(f"{text!r} is an invalid date ({err}): write {key}: YYYY-MM-DD, "
                       "e.g. 2019-04-03") from None
    raise fail(f"{text!r} is not an ISO date: write {key}: YYYY-MM-DD (or with a time, "
               "2019-04-03T14:30), e.g. 2019-04-03 for 3 April 2019")


# YYYY-MM-DD, optionally followed by a time (T or space, then hh:mm[:ss[.f]] and a zone).
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})((?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?: ?Z|[+-]\d{2}:?\d{2})?)?")


def iso_date(text: str, key: str = "date") -> str | None:
    """`text` as YYYY-MM-DD by story.yaml's rule (ISO only); ValueError says what to write."""
    return _date(text, ValueError, key)
