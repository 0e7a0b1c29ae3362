"""The frozen values passed between pipeline stages, and nothing else.

    SourceDoc  (loaded from content/)     -> clean  ->
    Article    (blocks kept, blocks removed with rule ids) -> merge ->
    Story      (body of Sentence(text, sources), numbered source list) -> render ->
    OutputFile (path, bytes)              -> publish

Everything here is immutable: a stage returns new values instead of filling in old ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path

BLOCK_KINDS = ("paragraph", "heading", "quote", "list-item")


def _pickled_by_fields(cls: type) -> type:
    """Pickle a frozen dataclass as (class, field values) and rebuild it through __init__.

    Performance only (an equal object back): each built story crosses from a worker process
    to the parent as a few thousand of these, and the default for slotted dataclasses
    looks the class's fields up again for every object, twice the time."""
    values = attrgetter(*(f.name for f in fields(cls)))  # every class here has 2+ fields

    def __reduce__(self: object) -> tuple:
        return (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What is known about where a report was published. Empty fields are unknown, never guessed."""

    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    author: str | None = None
    original_outlet: str | None = None

    def merged_over(self, fallback: SourceMeta) -> SourceMeta:
        """This metadata, with gaps filled from `fallback` (the curator's word wins)."""
        return SourceMeta(
            **{
                name: getattr(self, name) or getattr(fallback, name)
                for name in self.__dataclass_fields__
            }
        )


DEFAULT_MAX_SOURCE_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DEPTH = 512
# A long read is a few hundred sentences and a well-covered story a dozen reports; beyond
# these the merge's cost grows faster than the text (see builder/clean/caps.py).
DEFAULT_MAX_SENTENCES = 1000
DEFAULT_MAX_WORDS = 20_000
DEFAULT_MAX_REPORTS = 50


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on one source (config.yaml `limits`): a source beyond them is skipped, not read.

    max_source_bytes: size of the file, and of its decoded text as UTF-8.
    max_depth: levels of element nesting in a saved page (an article needs a few dozen).
    max_sentences: sentences of one report that are merged; the rest are left out, with a
    warning (limits.max_sentences_per_report).
    max_words: words of one report that are read, counted before cleaning; the rest are
    left out, with a warning (limits.max_words_per_report).
    max_reports: reports of one story that are read (the first, by file name); the rest are
    left out, with a warning (limits.max_reports_per_story).
    """

    max_source_bytes: int = DEFAULT_MAX_SOURCE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_sentences: int = DEFAULT_MAX_SENTENCES
    max_reports: int = DEFAULT_MAX_REPORTS
    max_words: int = DEFAULT_MAX_WORDS


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One report as read from disk: decoded text (HTML still HTML) plus the curator's metadata."""

    path: Path
    kind: str  # "text" | "html" | "markdown"
    text: str
    meta: SourceMeta = SourceMeta()
    # Markdown body starts after its front matter: line numbers are offset by this much.
    line_offset: int = 0

    @property
    def file(self) -> str:
        return self.path.name


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class StoryImage:
    """A story's picture (story.yaml `image:`), checked: a decodable JPEG, PNG or WebP file in
    the story's folder. Render writes it at `widths` (never wider than the picture itself)."""

    file: str  # its name in the story's folder (read again when its copies are written)
    alt: str
    credit: str | None
    format: str  # "jpeg" | "png" | "webp": what the file holds, whatever its name says
    width: int  # as shown: with its EXIF orientation applied
    height: int
    widths: tuple[int, ...]  # the widths it is published at, narrowest first


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One story folder as loaded: the curator's story.yaml values and its readable sources."""

    slug: str
    folder: Path
    title: str | None
    dek: str | None
    date: str | None
    tags: tuple[str, ...]
    docs: tuple[SourceDoc, ...]
    # The curator's corrections to the merge (story.yaml `lead:` and `omit:`): the report
    # to lead with, and sentences (as printed) to leave out of the page.
    lead: str | None = None
    omit: tuple[str, ...] = ()
    draft: bool = False  # story.yaml `draft: true`: built, but published only by `serve`
    image: StoryImage | None = None  # the story's picture, when story.yaml names one


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Block:
    """A unit of article text: a paragraph, heading, quotation or list item."""

    kind: str
    text: str
    line: int | None = None  # 1-based line in the source file, when known


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of a source that cleaning dropped, and the rule that dropped it."""

    rule: str
    reason: str  # boilerplate | caption | related | summary | title | markup
    text: str
    line: int | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned report: the body blocks kept, and everything removed with its rule."""

    file: str
    kind: str
    meta: SourceMeta
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()
    related: tuple[str, ...] = ()  # "Relevant articles" entries naming the original reporting


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    sources: tuple[int, ...]  # ids of every source carrying this sentence or a near-copy
    # Where reports give different figures for this fact: (source id, its figures), the
    # kept sentence's own first.
    variants: tuple[tuple[int, str], ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class BodyBlock:
    kind: str  # one of BLOCK_KINDS
    sentences: tuple[Sentence, ...]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One numbered item of a story's source list."""

    id: int
    file: str
    meta: SourceMeta
    removed: tuple[Removed, ...] = ()
    related: tuple[str, ...] = ()
    copy_of: int | None = None  # id of the report this one republishes, if it is a copy


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Story:
    slug: str
    title: str
    dek: str | None
    date: str | None
    tags: tuple[str, ...]
    sources: tuple[SourceEntry, ...]
    body: tuple[BodyBlock, ...]
    excluded: tuple[tuple[str, str], ...] = ()  # (file, why) kept out of the merge
    # The few most corroborated facts, for a reader who reads nothing else (each is also
    # in `body`), and what the story need not tell but a reader may want, shown after it.
    brief: tuple[Sentence, ...] = ()
    more: tuple[BodyBlock, ...] = ()
    draft: bool = False
    image: StoryImage | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A plain page (about, ...) from content/pages/: already sanitised HTML."""

    slug: str
    title: str
    html: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: str  # relative, POSIX separators
    data: bytes


@dataclass(frozen=True, slots=True)
class KeptFile:
    """An output whose inputs have not changed since the last build: publish reuses the
    previous site's copy of `path` instead of writing the same bytes again."""

    path: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Diagnostic:
    level: str  # "error" | "warning"
    path: str | None
    line: int | None
    message: str
    rule: str | None = None

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        rule = f" [{self.rule}]" if self.rule else ""
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.level}{rule} {self.message}"


def in_file_order(d: Diagnostic) -> tuple[str, int]:
    """Sort key for listing diagnostics: by file, then line (a file's own problems first)."""
    return (d.path or "", d.line or 0)


@dataclass(slots=True)
class Diagnostics:
    """The one mutable collector of a build: passed in explicitly, never global."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: object, message: str, line: int | None = None, rule: str | None = None) -> None:
        self.items.append(Diagnostic("error", _str(path), line, message, rule))

    def warning(
        self, path: object, message: str, line: int | None = None, rule: str | None = None
    ) -> None:
        self.items.append(Diagnostic("warning", _str(path), line, message, rule))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "warning"]


def _str(path: object) -> str | None:
    return None if path is None else str(path)
