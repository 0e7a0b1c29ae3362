"""Editing a story's story.yaml for `add` and `remove`: checking it can be read, recording
what a report says about itself, writing the curator's own values, writing files whole.

Takes: a story folder (or its story.yaml) and a source file's name and values. Gives: the
values written, or `AddError` naming the file and saying what to do; story.yaml's comments
and layout are kept (builder/commands/yamledit.py).
"""

from __future__ import annotations

from pathlib import Path

from builder.model import SourceMeta

STORY_YAML_HEADER = "# Written by `python -m builder add`; every key is optional (see README).\n"


class AddError(Exception):
    """An input that was not added; the message names it and says why."""


def check_story_yaml(folder: Path) -> None:
    """Raise AddError (file:line: problem) when the build could not read story.yaml."""
    from builder.load.storymeta import StoryMetaError, read_story_meta

    try:
        read_story_meta(folder)
    except StoryMetaError as err:
        raise AddError(f"{err}: fix it first, nothing was added") from None
    if not (folder / "story.yaml").exists() and (folder / "sources.yaml").exists():
        # A new story.yaml would take precedence and hide sources.yaml's metadata.
        raise AddError(
            f"{folder / 'sources.yaml'}: this story keeps its metadata in the shared-collection "
            "layout, which add does not edit: copy the report in and list it there by hand"
        )


def record_meta(story_yaml: Path, file: str, meta: SourceMeta) -> dict[str, str]:
    """Add what `meta` says and story.yaml does not to `file`'s entry; return what was added."""
    from builder.commands.yamledit import YamlEditError, add_source_values

    values = {
        "outlet": meta.outlet,
        "title": meta.title,
        "url": meta.url,
        "published": meta.published,
    }
    try:
        text = (
            story_yaml.read_text(encoding="utf-8-sig") if story_yaml.exists() else STORY_YAML_HEADER
        )
    except (OSError, UnicodeDecodeError) as err:
        raise AddError(
            f"{story_yaml}: cannot read: {err}; the report was saved, its details were not recorded"
        ) from None
    try:
        new_text, added = add_source_values(text, file, values)
    except YamlEditError as err:
        raise AddError(f"{story_yaml}: {err}") from None
    if added:
        write_atomic(story_yaml, new_text.encode("utf-8"))
    return added


def set_meta(story_yaml: Path, file: str, given: dict[str, str]) -> dict[str, str]:
    """Write the curator's own values for `file` over what story.yaml says; what changed."""
    from builder.commands.yamledit import YamlEditError, set_source_values

    if not given:
        return {}
    try:
        text = story_yaml.read_text(encoding="utf-8-sig") if story_yaml.exists() else STORY_YAML_HEADER
        new_text, changed = set_source_values(text, file, given)
    except (OSError, UnicodeDecodeError, YamlEditError) as err:
        raise AddError(f"{story_yaml}: {err}; the report was saved, its details were not recorded") from None
    if changed:
        write_atomic(story_yaml, new_text.encode("utf-8"))
    return changed


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` whole (builder/publish.py's write_atomic); AddError if it cannot."""
    from builder.publish import write_atomic as replace_whole

    try:
        replace_whole(path, data)
    except OSError as err:
        raise AddError(f"{path}: cannot write: {err.strerror or err}") from None
