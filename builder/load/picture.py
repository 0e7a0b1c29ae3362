"""A story's picture: the file story.yaml names under `image:`, checked before anything uses it.

Takes: the story's folder and its `StoryMeta` (image, image_alt, image_credit). Gives: a
`StoryImage` (the file's path, its format and size as shown, the widths it will be
published at), None when story.yaml names no picture, or raises `PictureError` with the
story.yaml key whose line the message belongs to.

What is accepted, and why:
  - a file name in the story's own folder (no folders, no leading dot), not a symbolic
    link: content/ must not reach outside itself, and a story's files stay together;
  - a JPEG, PNG or WebP file (what every browser shows), decided by its bytes, not its
    name; an animated file is shown by its first frame;
  - at most MAX_BYTES on disk and MAX_PIXELS once decoded, checked from the header before
    decoding, so a small file that inflates to gigabytes is refused unread;
  - decodable to its last byte (Pillow decodes it whole here: a truncated or corrupt
    file is refused now, not when its copies are written);
  - an `image_alt` text: a news picture carries information, and a reader who cannot see
    it is told what it shows.
Pillow (a well-kept decoder with bomb checks of its own) does the decoding.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from builder.load.storymeta import StoryMeta
from builder.model import StoryImage

FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 48-megapixel camera's full frame is more than a page needs
# The widths a picture is published at: the story column (about 640 CSS px at most) and
# twice that for high-density screens. Narrower pictures are published at their own width.
WIDTHS = (640, 1280)
ORIENTATION = 0x0112  # the EXIF tag saying how the camera was held
TURNED = {5, 6, 7, 8}  # orientations that turn the picture a quarter: width and height swap


class PictureError(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key, self.message = key, message


def read_picture(folder: Path, meta: StoryMeta) -> StoryImage | None:
    """The checked picture of a story, or None when story.yaml names none."""
    if meta.image is None:
        for key in ("image_alt", "image_credit"):
            if getattr(meta, key):
                raise PictureError(key, f"{key} is given but no image: name the picture "
                                   "with image: photo.jpg (a file in the story's folder)")
        return None
    path = _checked_path(folder, meta.image)
    if not meta.image_alt:
        raise PictureError("image", "image_alt is missing: say in a sentence what the picture "
                           "shows, for readers who cannot see it")
    fmt, width, height = _decoded_size(path, meta.image)
    return StoryImage(meta.image, meta.image_alt, meta.image_credit, fmt, width,
                      height, published_widths(width))


def published_widths(width: int) -> tuple[int, ...]:
    """WIDTHS narrower than the picture, and its own width if that is narrower than the
    widest: never wider than the picture itself (no upscaling)."""
    kept = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        kept.append(width)
    return tuple(kept)


def safe_name(name: str) -> bool:
    """A plain file name: no folders, no leading dot (what story.yaml `image:` may give)."""
    return not ("/" in name or "\\" in name or name.startswith(".") or "\x00" in name or not name)


def _checked_path(folder: Path, name: str) -> Path:
    if not safe_name(name):
        raise PictureError("image", f"image {name!r} must be the name of a file in the "
                           "story's folder, e.g. photo.jpg (no folders, no leading dot)")
    path = folder / name
    if path.is_symlink():  # (builder/render/pictures.py refuses one again when it reads it)
        raise PictureError("image", f"image {name!r} is a symbolic link: copy the picture "
                           "into the story's folder instead")
    if not path.is_file():
        raise PictureError("image", f"image {name!r}: there is no such file in {folder}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise PictureError("image", f"image {name!r} is {size:,} bytes, over the "
                           f"{MAX_BYTES:,} accepted: save a smaller copy")
    return path


def _decoded_size(path: Path, name: str) -> tuple[str, int, int]:
    """The picture's format and its size as shown, after decoding it whole."""
    from PIL import Image  # only for a story with a picture: most builds never need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=list(FORMATS)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PictureError("image", f"image {name!r} is {image.width}x{image.height} "
                                       f"pixels, over the {MAX_PIXELS:,} accepted: save a smaller copy")
                image.load()
                fmt = FORMATS[str(image.format)]
                if image.getexif().get(ORIENTATION) in TURNED:
                    return fmt, image.height, image.width
                return fmt, image.width, image.height
    except PictureError:
        raise
    except Image.UnidentifiedImageError:
        raise PictureError("image", f"image {name!r} is not a JPEG, PNG or WebP picture") from None
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as err:
        raise PictureError("image", f"image {name!r} cannot be decoded: {err}") from None
