"""Stage 1, load: read content/ into frozen values. The only stage that reads content/.

Takes: the `Config` and the build's `Diagnostics`. Gives: `StoryInput`s (one per folder
of content/stories/, with its readable sources and the curator's metadata) and `PageInput`s
(content/pages/*.md). A story whose story.yaml is broken, or whose folder name is not a
safe slug, is reported with file:line and skipped; so is a source that cannot be read.
Symbolic links are never followed: content/ must not reach outside itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.config import Config
from builder.model import Diagnostics, SourceDoc, SourceMeta, StoryInput
from builder.load.files import SourceError, read_source
from builder.load.frontmatter import split_front_matter
from builder.load.slugs import safe_slug
from builder.load.picture import PictureError, read_picture
from builder.load.storymeta import StoryMetaError, read_story_meta

SOURCE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".md": "markdown"}


@dataclass(frozen=True, slots=True)
class PageInput:
    slug: str
    path: Path
    title: str
    description: str | None
    body: str  # Markdown


def source_kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".html.gz", ".htm.gz")):
        return "html"
    return SOURCE_SUFFIXES.get(path.suffix.lower())


def story_folders(config: Config, diags: Diagnostics) -> tuple[Path, ...]:
    """The folders of content/stories/, by name; symbolic links reported and left out."""
    root = config.content_dir / "stories"
    if root.is_symlink():
        diags.warning(root, "symbolic link not followed", rule="content.symlink")
        return ()
    if not root.is_dir():
        diags.warning(root, "no stories folder: the digest will be empty")
        return ()
    folders = []
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if folder.is_symlink():
            diags.warning(folder, "symbolic link not followed", rule="content.symlink")
            continue
        if folder.is_dir():
            folders.append(folder)
    return tuple(folders)


def load_stories(config: Config, diags: Diagnostics) -> tuple[StoryInput, ...]:
    stories = []
    for folder in story_folders(config, diags):
        story = load_story(folder, config, diags)
        if story is not None:
            stories.append(story)
    return tuple(stories)


def load_story(folder: Path, config: Config, diags: Diagnostics) -> StoryInput | None:
    slug = safe_slug(folder.name)
    if slug is None:
        diags.error(folder, "folder name is not a usable slug: use lowercase letters, digits "
                    "and hyphens (e.g. 'north-korea-october-surprise')", rule="content.slug")
        return None
    try:
        meta = read_story_meta(folder)
    except StoryMetaError as err:
        diags.error(err.path, err.message, line=err.line, rule="content.story-yaml")
        return None
    try:
        picture = read_picture(folder, meta)
    except PictureError as err:  # reported; the story is built without its picture
        diags.error(meta.path, err.message, line=meta.lines.get(err.key), rule="content.picture")
        picture = None
    for name in meta.unknown_sources(folder):
        diags.warning(meta.path, f"metadata given for {name!r}, but there is no such source file",
                      rule="content.story-yaml")
    docs = []
    candidates = 0
    left_out = 0
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        kind = source_kind(path)
        if kind is None or path.name.startswith("."):
            continue
        candidates += 1
        if path.is_symlink():
            diags.warning(path, "symbolic link not followed", rule="content.symlink")
            continue
        if len(docs) >= config.max_reports:  # not even read: the merge would not take it
            left_out += 1
            continue
        doc = _read_doc(path, kind, config, meta.sources.get(path.name, SourceMeta()), diags)
        if doc is not None:
            docs.append(doc)
    if not candidates:
        # A story just started with `new`: it must not stop the rest of the site publishing.
        diags.warning(folder, f"no reports yet (.txt, .html, .htm, .md): story '{slug}' skipped; "
                      f"add one with: python -m builder add {slug} FILE-OR-URL",
                      rule="content.empty-story")
        return None
    if left_out:
        diags.warning(folder, f"{len(docs) + left_out:,} reports, over the limit of "
                      f"{config.max_reports:,} (limits.max_reports_per_story in config.yaml): "
                      f"only the first {config.max_reports:,} by file name are merged",
                      rule="limits.reports")
    if not docs:
        diags.error(folder, "no readable sources (.txt, .html, .htm, .md): story skipped",
                    rule="content.empty-story")
        return None
    return StoryInput(slug, folder, meta.title, meta.dek, meta.date, meta.tags, tuple(docs),
                      lead=meta.lead, omit=meta.omit, image=picture, draft=meta.draft)


def _read_doc(path: Path, kind: str, config: Config, curator: SourceMeta,
              diags: Diagnostics) -> SourceDoc | None:
    """One report as a `SourceDoc`, the curator's story.yaml entry over what a Markdown
    report's front matter says; None (reported) when it cannot be read."""
    try:
        text, warnings = read_source(path, kind, config.max_source_bytes)
    except SourceError as err:
        diags.error(path, f"skipped: {err}", rule=err.rule)
        return None
    for warning in warnings:
        diags.warning(path, warning, rule="source.encoding")
    own = SourceMeta()
    offset = 0
    if kind == "markdown":
        try:
            front = split_front_matter(text, path)
            own, text, offset = front.meta, front.body, front.offset
        except StoryMetaError as err:
            diags.error(err.path, err.message, line=err.line, rule="content.front-matter")
            return None
    return SourceDoc(path, kind, text, curator.merged_over(own), offset)


def load_pages(config: Config, diags: Diagnostics) -> tuple[PageInput, ...]:
    root = config.content_dir / "pages"
    if root.is_symlink():
        diags.warning(root, "symbolic link not followed", rule="content.symlink")
        return ()
    if not root.is_dir():
        return ()
    pages = []
    for path in sorted(root.glob("*.md"), key=lambda p: p.name):
        if path.is_symlink():
            diags.warning(path, "symbolic link not followed", rule="content.symlink")
            continue
        slug = safe_slug(path.stem)
        if slug is None:
            diags.error(path, "page file name is not a usable slug", rule="content.slug")
            continue
        try:
            text, warnings = read_source(path, "markdown", config.max_source_bytes)
            front = split_front_matter(text, path)
        except SourceError as err:
            diags.error(path, f"skipped: {err}", rule=err.rule)
            continue
        except StoryMetaError as err:
            diags.error(err.path, err.message, line=err.line, rule="content.front-matter")
            continue
        for warning in warnings:
            diags.warning(path, warning, rule="source.encoding")
        title = front.meta.title or slug.replace("-", " ").title()
        description = front.values.get("description")
        pages.append(PageInput(slug, path, title, str(description) if description else None,
                               front.body))
    return tuple(pages)


__all__ = ["load_stories", "load_story", "story_folders", "load_pages", "PageInput", "source_kind"]
