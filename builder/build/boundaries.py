"""Where a build may read and write, checked before anything is touched.

Takes: the `Config` (and whether the cache is used). Gives: a list of problems, each a
`Boundary` naming the path and why it is refused; empty when the build may go ahead.

A build replaces its output folder whole and prunes its cache folder, so both must be
folders the build owns: inside the project (the folder of config.yaml) but not the project
itself, nor content/, layouts/ or .git, nor one inside the other; or, outside the project,
a folder that does not exist yet or one the builder made itself (a marker file in it says
so: `OUTPUT_MARKER`, or the cache's standard `CACHEDIR.TAG`). Inside the project an
existing folder must be empty, marked, or one an earlier builder left (a site's
`.nojekyll`, a cache's `manifest.json`): `output_dir: builder` must not replace the code.
A config.yaml or `--out` that names anything else, `.` or `..` included, is refused
rather than emptied.

Symbolic links are never followed on the way to the output, the cache, content/ or
layouts/, nor as those folders themselves: a committed `site -> ../elsewhere` link would
otherwise have the build empty the folder it points to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from builder.config import Config

OUTPUT_MARKER = ".news-digest-site"
OUTPUT_MARKER_TEXT = "This folder is a site written by news-digest's build; each build replaces it whole.\n"
CACHE_MARKER = "CACHEDIR.TAG"
# https://bford.info/cachedir/: backup tools skip a folder holding this file.
CACHE_MARKER_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                     "# This file marks news-digest's build cache; it can be deleted at any time.\n")


@dataclass(frozen=True, slots=True)
class Boundary:
    path: Path
    message: str
    rule: str


def walk_real(path: Path) -> tuple[Path, Path | None]:
    """`path` made absolute and its `..` resolved one component at a time, and the first
    component on the way that is a symbolic link (None when there is none). Links are
    never followed, so the path given is the path checked."""
    current = Path(path.anchor or os.sep)
    for part in path.parts[1:] if path.is_absolute() else Path.cwd().joinpath(path).parts[1:]:
        if part == "..":
            current = current.parent
            continue
        if part == ".":
            continue
        current = current / part
        if current.is_symlink():
            return current, current
    return current, None


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _overlaps(a: Path, b: Path) -> bool:
    return _within(a, b) or _within(b, a)


def _owned(folder: Path, marks: tuple[str, ...]) -> bool:
    """A folder the builder made: it holds one of `marks` (a plain file), or nothing."""
    if not folder.is_dir():
        return False
    if any((folder / m).is_file() and not (folder / m).is_symlink() for m in marks):
        return True
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def check_writable(path: Path, config: Config, what: str, marks: tuple[str, ...],
                   others: dict[str, Path]) -> Boundary | None:
    """Whether the build may replace or prune `path` (the output or the cache folder):
    `marks[0]` is its marker file, the others what an earlier builder left in such a
    folder inside the project (site/.nojekyll, .cache/builder/manifest.json); `others`:
    folders it must not overlap, by the name a message gives them."""
    rule = f"{what}.not-owned"
    real, link = walk_real(path)
    if link is not None:
        return Boundary(path, f"{what} folder: {link} is a symbolic link; links are not "
                              "followed: remove it or name a real folder", rule)
    root = config.root
    if _within(root, real):
        return Boundary(path, f"{what} folder {real} is the project folder or holds it: "
                              "a build replaces its output whole; name a folder inside it", rule)
    for name, other in others.items():
        other_real, _ = walk_real(other)
        if _overlaps(real, other_real):
            return Boundary(path, f"{what} folder {real} overlaps the {name} folder {other_real}", rule)
    if not os.path.lexists(real):
        return None  # made by this build, marked as its own
    inside = _within(real, root)
    if _owned(real, marks if inside else marks[:1]):
        return None
    where = "a folder of the project" if inside else f"outside the project ({root})"
    return Boundary(path, f"{what} folder {real} is {where} that the builder did not make (no "
                          f"{marks[0]} in it, and not empty): name another folder, or one that "
                          "does not exist yet", rule)


def check_readable(path: Path, what: str) -> Boundary | None:
    """content/ or layouts/: refused when it or a folder on the way is a symbolic link."""
    _, link = walk_real(path)
    if link is None:
        return None
    return Boundary(path, f"{what} folder: {link} is a symbolic link; links are not followed", f"{what}.symlink")


def check_build(config: Config, cache_dir: Path | None) -> list[Boundary]:
    """Every boundary a build over `config` would cross; `cache_dir` None: no cache used."""
    git = config.root / ".git"
    inputs = {"content": config.content_dir, "layouts": config.layouts_dir, ".git": git}
    found = [
        check_readable(config.content_dir, "content"),
        check_readable(config.layouts_dir, "layouts"),
        check_writable(config.output_dir, config, "output", (OUTPUT_MARKER, ".nojekyll"),
                       inputs | ({"cache": cache_dir} if cache_dir else {})),
    ]
    if cache_dir is not None:
        found.append(check_writable(cache_dir, config, "cache", (CACHE_MARKER, "manifest.json"),
                                    inputs | {"output": config.output_dir}))
    return [b for b in found if b is not None]
