"""The build cache: what an earlier build computed, keyed by hashes of everything it read.

Takes: the `Config`. Gives: content keys (story folders, layouts, the builder's own code
and data files, the config) and a `Cache` holding, per story key, the merged `Story` with
the diagnostics its build gave, and, per output path, the key it was rendered from.

A story's key covers the bytes of every file in its folder (sources, story.yaml,
sources.yaml), the folder's path, the cleaning settings of config.yaml and the builder
itself (version, and the hash of its code and its data files rules.yaml and
html_vocab.yaml); a page's key adds the layouts and the site settings. Anything that
changes a key rebuilds what depends on it; nothing else is trusted.

Stored as JSON (no pickle: a cache folder is never code), in `.cache/builder/` beside
config.yaml unless config says `cache_dir`. A missing, corrupt, foreign or older cache is
ignored and rebuilt. File hashes are reused from the last build when a file's size and
modification time are unchanged and it was last modified well before that build read it
(git's index does the same; the margin covers coarse clocks).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import builder
from builder.config import Config
from builder.render.view import StoryView, story_view
from builder.model import (
    BodyBlock,
    Diagnostic,
    Removed,
    Sentence,
    SourceEntry,
    SourceMeta,
    Story,
)

FORMAT = 3
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
                              config.max_source_bytes, config.max_depth], sort_keys=True, default=str))


def site_settings_key(config: Config) -> str:
    return digest(json.dumps([config.title, config.description, config.base_url, config.language,
                              config.curator, config.per_page, config.cname], default=str))


def tree_key(folder: Path) -> str:
    """Every file under a folder (names and bytes): the layouts."""
    if not folder.is_dir():
        return digest("missing", folder)
    parts: list[object] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
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
    templates: dict[str, Path | None] = field(default_factory=dict)  # as compiled_templates gave

    @classmethod
    def open(cls, folder: Path | None) -> Cache:
        cache = cls(folder)
        if folder is None:
            return cache
        try:
            data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
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

    def compiled_templates(self, key: str) -> Path | None:
        """Where Jinja may keep compiled templates for this code, layouts and settings
        (`key`), or None without a cache. Jinja keys its files by template source only,
        not by the environment's options, so each key gets its own folder; folders of
        other keys are removed."""
        if self.folder is None:
            return None
        if key in self.templates:  # asked again in this build (ahead, listings, workers)
            return self.templates[key]
        root = self.folder / "templates"
        here: Path | None = root / key[:24]
        try:
            if root.is_dir():
                for old in root.iterdir():
                    if old != here:
                        shutil.rmtree(old, ignore_errors=True)
            here.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
        except OSError:
            here = None  # an unwritable cache only costs compiling afresh
        self.templates[key] = here
        return here

    # --- stories ------------------------------------------------------------------------

    def story(self, key: str) -> dict | None:
        """The summary of a cached story build (slug, date, counts), if its data is there."""
        if not self.enabled:
            return None
        summary = self.stories.get(key)
        if not isinstance(summary, dict) or not isinstance(summary.get("diagnostics"), list):
            return None
        if summary.get("slug") is not None and not isinstance(summary.get("view"), dict):
            return None
        if summary.get("slug") is not None and not (self.folder / "stories" / f"{key}.json").is_file():
            return None
        return summary

    def load(self, key: str) -> Story | None:
        """The full cached result of one story; raises ValueError when it cannot be used."""
        assert self.folder is not None
        try:
            data = json.loads((self.folder / "stories" / f"{key}.json").read_text(encoding="utf-8"))
            return story_from_dict(data["story"])
        except (OSError, KeyError, TypeError, AttributeError, ValueError) as err:
            raise ValueError(f"unusable cache entry {key}: {err}") from None

    def remember(
        self, key: str, story: Story | None, diagnostics: list[Diagnostic],
        view: StoryView | None = None,
    ) -> dict:
        """Record a freshly built story; its data is written at once (not held in memory).
        `view`: the story's `story_view`, when the caller has it already."""
        summary = summary_of(story, view)
        summary["diagnostics"] = [_diag_dict(d) for d in diagnostics]
        self.new_stories[key] = summary
        if self.folder is not None and story is not None:
            try:
                store = self.folder / "stories"
                store.mkdir(parents=True, exist_ok=True)
                _write_atomic(store / f"{key}.json", json.dumps({"story": story_to_dict(story)},
                                                                ensure_ascii=False))
                self.stored.add(key)
            except OSError:
                self.new_stories.pop(key)  # not stored: the next build makes it again
        return summary

    # --- saving -------------------------------------------------------------------------

    def save(self, keys: list[str], outputs: dict[str, list] | None, output_dir: Path,
             scanned_ns: int) -> None:
        """Write what this build knows; keep only entries this build used. Never raises."""
        if self.folder is None:
            return
        try:
            store = self.folder / "stories"
            store.mkdir(parents=True, exist_ok=True)
            stories = {k: self.new_stories[k] if k in self.new_stories else self.stories[k]
                       for k in keys if k in self.new_stories or k in self.stories}
            manifest = {
                "format": FORMAT, "version": builder.__version__, "scanned_ns": scanned_ns,
                "files": self.new_files, "stories": stories,
                "outputs": self.outputs if outputs is None else outputs,
                "output_dir": self.output_dir if outputs is None else str(output_dir),
            }
            _write_atomic(self.folder / "manifest.json", json.dumps(manifest))
            for entry in os.scandir(store):
                if entry.name.endswith(".json") and entry.name[:-5] not in stories:
                    os.unlink(entry.path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def now_ns() -> int:
    return time.time_ns()


# --- Story <-> JSON (exact round trip) ---------------------------------------------------


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


def _diag_dict(d: Diagnostic) -> dict:
    return {"level": d.level, "path": d.path, "line": d.line, "message": d.message, "rule": d.rule}


def _meta(m: SourceMeta) -> list:
    return [m.outlet, m.title, m.url, m.published, m.author, m.original_outlet]


def story_to_dict(story: Story | None) -> dict | None:
    if story is None:
        return None
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


def story_from_dict(data: Any) -> Story | None:
    if data is None:
        return None
    return Story(
        slug=data["slug"], title=data["title"], dek=data["dek"], date=data["date"],
        tags=tuple(data["tags"]),
        sources=tuple(
            SourceEntry(sid, file, SourceMeta(*meta), tuple(Removed(*r) for r in removed),
                        tuple(related), copy_of)
            for sid, file, meta, removed, related, copy_of in data["sources"]
        ),
        body=tuple(
            BodyBlock(kind, tuple(Sentence(t, tuple(s), tuple(tuple(v) for v in variants))
                                  for t, s, variants in sentences))
            for kind, sentences in data["body"]
        ),
        excluded=tuple(tuple(x) for x in data["excluded"]),
    )
