"""Stage 5, publish: write the rendered files as the new site/, all or nothing.

Takes: the `OutputFile`s and the output folder. Gives: that folder, replaced whole.
A `KeptFile` (an output whose inputs did not change) is hard-linked from the previous site
into the new tree (copied where links are not possible): never rewritten in place, so the
old tree stays whole until the swap.
The new tree is written into a temporary folder beside it and swapped in only once every
file is written; a failure, or a kill mid-way, leaves the previous site exactly as it
was. Two files claiming one path, or a path that would leave the folder, is an error
before anything is written (Hugo's publisher refuses the same).

Also here: `write_atomic`, how every other file the builder writes (a cache entry,
story.yaml, a saved report) replaces the old one whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from builder.build.boundaries import OUTPUT_MARKER, OUTPUT_MARKER_TEXT
from builder.model import KeptFile, OutputFile


class PublishError(Exception):
    pass


def check_paths(files: Iterable[OutputFile | KeptFile]) -> None:
    seen: set[str] = set()
    for f in files:
        path = PurePosixPath(f.path)
        if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in f.path:
            raise PublishError(f"refusing to write outside the site: {f.path!r}")
        key = path.as_posix().casefold()  # case-insensitive file systems would clash too
        if key in seen:
            raise PublishError(f"two outputs would be written to {f.path!r}")
        seen.add(key)


def publish(files: tuple[OutputFile | KeptFile, ...], out_dir: Path) -> None:
    """`out_dir`: an absolute path without symbolic links (builder/build/boundaries.py
    checked it). The new tree gets the marker file that says the builder made it: a folder
    outside the project is replaced only when it holds one."""
    check_paths(files)
    if out_dir.is_symlink():
        raise PublishError(f"{out_dir} is a symbolic link: not replaced")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _sweep_leftovers(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        made: set[Path] = set()
        for f in files:
            target = tmp / f.path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if isinstance(f, KeptFile):
                _reuse(out_dir / f.path, target)
            else:
                target.write_bytes(f.data)
        (tmp / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT, encoding="utf-8")
        _swap(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _reuse(previous: Path, target: Path) -> None:
    if previous.is_symlink() or not previous.is_file():
        raise PublishError(f"{previous} was expected from the last build but is gone")
    try:
        os.link(previous, target)
    except OSError:
        shutil.copyfile(previous, target)


def _swap(new: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(new, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
    old.rmdir()
    os.replace(out_dir, old)
    try:
        os.replace(new, out_dir)
    except BaseException:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _sweep_leftovers(out_dir: Path) -> None:
    """Temporary folders a killed build left behind (never the live site).

    A build killed mid-swap can leave the previous site parked as `-old-` with no live
    site: put it back rather than delete it.
    """
    if not out_dir.exists():
        parked = sorted(out_dir.parent.glob(f".{out_dir.name}-old-*"))
        if parked:
            os.replace(parked[-1], out_dir)
    for prefix in (f".{out_dir.name}-new-", f".{out_dir.name}-old-"):
        for stale in out_dir.parent.glob(prefix + "*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace one file whole (a cache entry, story.yaml, a saved report): written beside it
    and renamed over it, so a reader or a kill mid-way never sees half a file. Raises OSError."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the file from a web server or a colleague
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
