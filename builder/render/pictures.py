"""A story's picture as the site serves it: resized copies, one per published width.

Takes: a story's slug, its checked `StoryImage` (builder/load/picture.py) and its folder.
Gives: the
`OutputFile`s <slug>/picture-<width>.<ext>, one per `StoryImage.widths`, and the site
paths the pages name them by (`picture_path`).

Each copy is the picture turned upright (its EXIF orientation applied), scaled down with
Lanczos resampling (never up; a large JPEG is first decoded at a reduced scale, and a large
reduction starts with a box reduction to 3x the size: half the time for a 12-megapixel
JPEG, no visible difference), and encoded afresh in its own format with fixed settings.
Nothing of the original file's metadata is carried over but its colour profile: EXIF (the
camera, the time, often the place it was taken) stays out of the site. The same picture
gives byte-identical files on every build (Pillow's encoders are deterministic for fixed
settings; no timestamps are written).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from builder.load.picture import safe_name
from builder.model import OutputFile, StoryImage

if TYPE_CHECKING:
    from PIL import Image

EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}
# Encoder settings, fixed so that output depends on the picture alone. JPEG quality 82 and
# WebP 80: no visible loss at these sizes for half the bytes of 95.
SAVE = {
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": False},
    "png": {"format": "PNG", "optimize": True},
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
}


class PictureGone(OSError):
    """The picture checked when its story was built is not there as a file any more."""


def picture_path(slug: str, image: StoryImage, width: int) -> str:
    """The site path of the picture's copy at `width`."""
    return f"{slug}/picture-{width}.{EXTENSIONS[image.format]}"


def picture_files(slug: str, image: StoryImage, folder: Path) -> list[OutputFile]:
    """The picture's copies, narrowest first. `folder`: the story's folder, where the
    picture is read again (the file name only is kept with the story: a picture is always
    a file of its story's own folder, never a link)."""
    from PIL import Image, ImageOps  # only for a story with a picture

    path = folder / image.file
    if not safe_name(image.file) or path.is_symlink() or not path.is_file():
        raise PictureGone(f"{path}: the story's picture is no longer a file of its folder")
    with Image.open(path, formats=[image.format.upper()]) as opened:
        if image.format == "jpeg":  # decode at the smallest 1/2, 1/4 or 1/8 scale still as
            widest = max(image.widths)  # wide as the widest copy, whichever way it is turned
            opened.draft(opened.mode, (widest, widest))
        upright = ImageOps.exif_transpose(opened)
        profile = opened.info.get("icc_profile")
    upright = _for_format(upright, image.format)
    files = []
    for width in image.widths:
        height = max(1, round(image.height * width / image.width))  # as StoryView says
        copy = upright if (width, height) == upright.size else upright.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        copy.save(out, **SAVE[image.format], **({"icc_profile": profile} if profile else {}))
        files.append(OutputFile(picture_path(slug, image, width), out.getvalue()))
    return files


def _for_format(image: Image.Image, fmt: str) -> Image.Image:
    """The picture in a mode its format can store: JPEG has no transparency or palette."""
    if fmt == "jpeg" and image.mode not in ("RGB", "L"):
        return image.convert("RGB")
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        return image.convert("RGBA" if "transparency" in image.info or "A" in image.mode else "RGB")
    return image
