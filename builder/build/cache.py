"""The build cache: what an earlier build computed, keyed by hashes of everything it read.

Takes: the `Config`. Gives: content keys (story folders, layouts, the builder's own code
and data files, the config) and a `Cache` holding, per story key, the merged `Story` and a
`StoryRecord` (what a build needs of it without reading it whole: the diagnostics its build
gave, counts, and the `StorySummary` the listings show), and, per output path, the key it
was rendered from. Callers see only these typed values, never the storage format.

A story's key covers the bytes of every file in its folder (sources, story.yaml,
sources.yaml), the folder's path, the cleaning settings of config.yaml and the builder
itself (version, and the hash of its code and its data files rules.yaml and
html_vocab.yaml); a page's key adds the layouts and the site settings. Anything that
changes a key rebuilds what depends on it; nothing else is trusted.

Stored as JSON, in `.cache/builder/` beside config.yaml unless config says `cache_dir`
(builder/build/boundaries.py checks it first). A cache folder is never code: no pickle, no
compiled templates; every entry is parsed and checked field by field (cacheformat.py), and
none is read through a symbolic link. A missing, corrupt, foreign or older cache, or an
entry that fails its check, is ignored and rebuilt. File hashes are reused from the last build when a file's size and
modification time are unchanged and it was last modified well before that build read it
(git's index does the same; the margin covers coarse clocks).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import builder
from builder.build.boundaries import CACHE_MARKER, CACHE_MARKER_TEXT
from builder.build.cacheformat import (
    CacheEntryError,
    StoryRecord,
    record_from_dict,
    record_to_dict,
    story_from_dict,
    story_to_dict,
)
from builder.config import Config
from builder.model import Diagnostic, KeptFile, OutputFile, Story
from builder.publish import write_atomic
from builder.render.view import StoryView, story_summary, story_view

FORMAT = 6  # 4: the listings' summary stored field by field (StorySummary); 6: Story.image
RACY_NS = 2_000_000_000  # a file modified this close to the last scan is hashed again
PACKAGE = Path(builder.__file__).resolve().parent


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def code_key() -> str:
    """The builder's version and the bytes of its code and data files (rules, vocabularies)."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".yaml") and p.is_file())
    return digest(builder.__version__, *(x for p in files for x in (p.relative_to(PACKAGE).as_posix(), p.read_bytes())))


def clean_settings_key(config: Config) -> str:
    return digest(json.dumps([list(config.disable_rules), list(config.extra_rules),
                              config.max_source_bytes, config.max_depth, config.max_sentences,
                              config.max_reports, config.max_words], sort_keys=True, default=str))


def site_settings_key(config: Config) -> str:
    return digest(json.dumps([config.title, config.description, config.base_url, config.language,
                              config.curator, config.per_page, config.cname, config.feed_items,
                              config.publish_removed], default=str))


def tree_key(folder: Path) -> str:
    """Every file under a folder (names and bytes): the layouts."""
    if not folder.is_dir():
        return digest("missing", folder)
    parts: list[object] = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():  # never followed (render's loader refuses it too)
            parts += [path.relative_to(folder).as_posix(), "link"]
        elif path.is_file():
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@dataclass(slots=True)
class Cache:
    """One build's view of the cache folder: what the last build left, and what this one adds."""

    folder: Path | None  # None: caching off
    files: dict[str, list] = field(default_factory=dict)  # abs path -> [size, mtime_ns, hash]
    stories: dict[str, dict] = field(default_factory=dict)  # story key -> summary
    outputs: dict[str, list] = field(default_factory=dict)  # site path -> [key, size, mtime_ns]
    output_dir: str = ""
    scanned_ns: int = 0
    new_files: dict[str, list] = field(default_factory=dict)
    new_stories: dict[str, dict] = field(default_factory=dict)  # key -> summary
    stored: set[str] = field(default_factory=set)  # keys whose story this build wrote
    held: dict[str, Story] = field(default_factory=dict)  # built, but not on disk (no cache)
    # out_dir -> its resolved path: `kept` asks for every file of the site, and resolving
    # (a system call per path component) cost a thousand-story no-op build a tenth of a second.
    resolved: dict[Path, Path] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, folder: Path | None) -> Cache:
        cache = cls(folder)
        if folder is None:
            return cache
        try:
            data = json.loads(_read(folder / "manifest.json"))
            if data.get("format") != FORMAT or data.get("version") != builder.__version__:
                raise ValueError("older or foreign cache")
            files, stories, outputs = data["files"], data["stories"], data["outputs"]
            if not (isinstance(files, dict) and isinstance(stories, dict) and isinstance(outputs, dict)):
                raise ValueError("malformed cache")
            cache.files, cache.stories, cache.outputs = files, stories, outputs
            cache.output_dir = str(data.get("output_dir", ""))
            cache.scanned_ns = int(data.get("scanned_ns", 0))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # missing or unusable: start from nothing
        return cache

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    # --- keys ---------------------------------------------------------------------------

    def file_hash(self, path: Path | str, st: os.stat_result | None = None) -> str:
        """A file's content hash, taken from the last build when its size and mtime say it
        has not changed (and it was not written in the racy moment before that scan)."""
        name = str(path)
        st = st or os.stat(name)
        old = self.files.get(name)
        if (
            isinstance(old, list) and len(old) == 3 and old[0] == st.st_size and old[1] == st.st_mtime_ns
            and st.st_mtime_ns + RACY_NS < self.scanned_ns
        ):
            self.new_files[name] = old
            return old[2]
        with open(name, "rb") as handle:
            value = digest(handle.read())
        self.new_files[name] = [st.st_size, st.st_mtime_ns, value]
        return value

    def folder_key(self, folder: Path, base: str) -> str:
        """A story folder: every entry's name and kind, and each regular file's bytes."""
        parts: list[object] = [base, folder]
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_symlink():
                parts += [entry.name, "link"]
            elif entry.is_file():
                # entry.path and entry.stat(): no Path objects for 5 files x N stories.
                parts += [entry.name, self.file_hash(entry.path, entry.stat())]
            else:
                parts += [entry.name, "other"]
        return digest(*parts)

    # --- stories ------------------------------------------------------------------------

    def record(self, key: str) -> StoryRecord | None:
        """What an earlier build recorded of the story under `key`, if it is all there."""
        if not self.enabled:
            return None
        try:
            record = record_from_dict(self.stories[key])
        except (KeyError, CacheEntryError):
            return None  # missing or malformed: the story is built again
        if record.slug is not None and not (self.folder / "stories" / f"{key}.json").is_file():
            return None
        return record

    def on_disk(self, key: str) -> bool:
        """Whether the story under `key` is read from the cache folder (not held in memory)."""
        return self.folder is not None and key not in self.held

    def load(self, key: str) -> Story:
        """The full result of one story; raises ValueError when it cannot be used."""
        if key in self.held:
            return self.held[key]
        if self.folder is None:
            raise ValueError(f"no story {key} in this build")
        try:
            data = json.loads(_read(self.folder / "stories" / f"{key}.json"))
            return story_from_dict(data["story"])
        except (OSError, KeyError, TypeError, ValueError) as err:  # CacheEntryError included
            raise ValueError(f"unusable cache entry {key}: {err}") from None

    def remember(
        self, key: str, story: Story | None, diagnostics: Sequence[Diagnostic],
        view: StoryView | None = None,
    ) -> StoryRecord:
        """Record a freshly built story; its data is written at once (not held in memory,
        unless the cache is off or cannot be written). `view`: the story's `story_view`,
        when the caller has it already."""
        record = record_of(story, tuple(diagnostics), view)
        self.new_stories[key] = record_to_dict(record)
        if story is None:
            return record
        try:
            if self.folder is None:
                raise OSError("no cache folder")
            store = self._folder("stories")
            write_atomic(store / f"{key}.json", json.dumps({"story": story_to_dict(story)},
                                                           ensure_ascii=False).encode("utf-8"))
            self.stored.add(key)
        except OSError:
            self.new_stories.pop(key)  # not stored: the next build makes it again
            self.held[key] = story
        return record

    # --- outputs ------------------------------------------------------------------------

    def _resolve(self, out_dir: Path) -> Path:
        found = self.resolved.get(out_dir)
        if found is None:
            found = self.resolved[out_dir] = out_dir.resolve()
        return found

    def kept(self, path: str, key: str, out_dir: Path) -> bool:
        """Whether the last published site has `path` rendered from `key`, still as written."""
        site = self._resolve(out_dir)
        if self.output_dir != str(site):
            return False
        old = self.outputs.get(path)
        if not (isinstance(old, list) and len(old) == 3 and old[0] == key):
            return False
        try:
            st = os.stat(site / path, follow_symlinks=False)
        except OSError:
            return False
        return st.st_size == old[1] and st.st_mtime_ns == old[2]

    def rendered_from(self, key: str, out_dir: Path) -> list[str]:
        """The paths of the last published site that were rendered from `key`."""
        if self.output_dir != str(self._resolve(out_dir)):
            return []
        return [p for p, v in self.outputs.items() if isinstance(v, list) and v and v[0] == key]

    def unchanged(self, files: Sequence[OutputFile | KeptFile], out_dir: Path) -> bool:
        """Every output is kept and the last site had exactly these: nothing to publish."""
        return (
            self.output_dir == str(out_dir.resolve())
            and all(isinstance(f, KeptFile) for f in files)
            and {f.path for f in files} == set(self.outputs)
        )

    # --- saving -------------------------------------------------------------------------

    def save(self, keys: list[str], published: Mapping[str, str] | None, output_dir: Path,
             scanned_ns: int) -> None:
        """Write what this build knows; keep only entries this build used. `published`: the
        key each file of the site just published was rendered from (None: nothing was
        published). Never raises."""
        if self.folder is None:
            return
        outputs = None if published is None else _output_stats(published, output_dir)
        try:
            store = self._folder("stories")
            stories = {k: self.new_stories[k] if k in self.new_stories else self.stories[k]
                       for k in keys if k in self.new_stories or k in self.stories}
            manifest = {
                "format": FORMAT, "version": builder.__version__, "scanned_ns": scanned_ns,
                "files": self.new_files, "stories": stories,
                "outputs": self.outputs if outputs is None else outputs,
                "output_dir": self.output_dir if outputs is None else str(output_dir),
            }
            write_atomic(self.folder / "manifest.json", json.dumps(manifest).encode("utf-8"))
            for entry in os.scandir(store):
                if entry.name.endswith(".json") and entry.name[:-5] not in stories:
                    os.unlink(entry.path)
            _remove(self.folder / "templates")  # compiled templates an older builder kept
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def _folder(self, name: str) -> Path:
        """A folder of the cache, made (with the cache's marker file) when missing; a
        symbolic link in its place is removed, never followed."""
        assert self.folder is not None
        if not (self.folder / CACHE_MARKER).is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / CACHE_MARKER, CACHE_MARKER_TEXT.encode("utf-8"))
        path = self.folder / name
        if path.is_symlink():
            path.unlink()
        path.mkdir(exist_ok=True)
        return path


def _read(path: Path) -> str:
    """A cache file's text; a symbolic link is an OSError (never followed)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, encoding="utf-8") as handle:
        return handle.read()


def _remove(path: Path) -> None:
    if path.is_symlink():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _output_stats(keys: Mapping[str, str], out_dir: Path) -> dict[str, list]:
    """What the cache records of each published file: its key, size and mtime."""
    out_dir = out_dir.resolve()
    recorded = {}
    for path, key in keys.items():
        try:
            st = os.stat(out_dir / path, follow_symlinks=False)
        except OSError:
            continue
        recorded[path] = [key, st.st_size, st.st_mtime_ns]
    return recorded


def now_ns() -> int:
    return time.time_ns()


def record_of(
    story: Story | None, diagnostics: tuple[Diagnostic, ...], view: StoryView | None = None
) -> StoryRecord:
    """What a build needs of a story without reading it whole (the summary from `view`, or
    from a view made here)."""
    if story is None:
        return StoryRecord(None, None, 0, 0, diagnostics, None)
    return StoryRecord(
        story.slug, story.date, len(story.sources), sum(len(s.removed) for s in story.sources),
        diagnostics, story_summary(view or story_view(story)),
    )
