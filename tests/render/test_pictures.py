"""A story's picture: named in story.yaml, checked (a real JPEG, PNG or WebP in the story's
folder, no link, within the size limits, with alt text), published at one or two widths
(never upscaled, metadata stripped, byte-identical from build to build), and shown on the
story page, the index, og:image and the JSON Feed."""

from __future__ import annotations

import html.parser
import io
import json
import os

import pytest
from PIL import Image

PROJECT_URL = "https://user.github.io/repo/"
BODY = "Report\n\nThe harbour bridge closed on Tuesday after engineers found cracks in its main span.\n"
STORY = "title: Bridge closed\ndate: 2025-03-04\nimage: {image}\nimage_alt: The bridge from the east bank\nimage_credit: Ana Lee / Gazette\n"
GPS = 0x8825  # the EXIF GPS block


def picture(width: int, height: int, fmt: str = "JPEG", orientation: int | None = None,
            gps: bool = False) -> bytes:
    """A picture with detail in it (gradients and a Mandelbrot set), so resizing has work to do."""
    image = Image.merge("RGB", [
        Image.linear_gradient("L").resize((width, height)),
        Image.linear_gradient("L").rotate(90).resize((width, height)),
        Image.effect_mandelbrot((width, height), (-2, -1.2, 1, 1.2), 60),
    ])
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[GPS] = {1: "N", 2: (51.0, 30.0, 0.0)}
    out = io.BytesIO()
    image.save(out, fmt, **({"exif": exif} if orientation or gps else {}))
    return out.getvalue()


def site_with(image_name: str, data: bytes | None, story: str = STORY) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "content/stories/bridge/a.txt": BODY,
        "content/stories/bridge/story.yaml": story.format(image=image_name),
        "content/stories/other/a.txt": BODY.replace("bridge", "tunnel"),
    }
    if data is not None:
        files[f"content/stories/bridge/{image_name}"] = data
    return files


class Images(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.imgs: list[dict] = []
        self.metas: dict[str, str] = {}
        self.figcaption = False
        self.captions: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a)
        elif tag == "meta" and a.get("property", "").startswith("og:image"):
            self.metas[a["property"]] = a["content"]
        self.figcaption = tag == "figcaption"

    def handle_data(self, data: str) -> None:
        if self.figcaption:
            self.captions.append(data)
            self.figcaption = False


def parsed(path) -> Images:
    parser = Images()
    parser.feed(path.read_text())
    return parser


def test_a_story_picture_is_published_at_two_widths_and_shown_with_alt_and_credit(make_site):
    result, site = make_site(site_with("photo.jpg", picture(2000, 1000)), base_url=PROJECT_URL)
    assert result.ok, [str(d) for d in result.diagnostics.items]
    sizes = {}
    for name in ("picture-640.jpg", "picture-1280.jpg"):
        with Image.open(site / "bridge" / name) as image:
            sizes[name] = (image.format, image.size)
    assert sizes == {"picture-640.jpg": ("JPEG", (640, 320)), "picture-1280.jpg": ("JPEG", (1280, 640))}
    assert not (site / "bridge" / "photo.jpg").exists()  # the original is not published
    page = parsed(site / "bridge" / "index.html")
    img = page.imgs[0]
    assert img["src"] == "/repo/bridge/picture-1280.jpg" and img["alt"] == "The bridge from the east bank"
    assert img["srcset"] == "/repo/bridge/picture-640.jpg 640w, /repo/bridge/picture-1280.jpg 1280w"
    assert (img["width"], img["height"]) == ("1280", "640")
    assert page.captions == ["Picture: Ana Lee / Gazette"]
    assert page.metas == {"og:image": PROJECT_URL + "bridge/picture-1280.jpg", "og:image:width": "1280",
                          "og:image:height": "640", "og:image:alt": "The bridge from the east bank"}
    text = (site / "bridge" / "index.html").read_text()
    assert '"image": "https://user.github.io/repo/bridge/picture-1280.jpg"' in text  # JSON-LD
    assert "img-src 'self';" in text  # the page's CSP still allows only the site's own images
    index = parsed(site / "index.html")
    assert [i["src"] for i in index.imgs] == ["/repo/bridge/picture-1280.jpg"]
    assert index.imgs[0]["alt"] == "The bridge from the east bank"
    item = next(i for i in json.loads((site / "feed.json").read_text())["items"] if i["url"].endswith("/bridge/"))
    assert item["image"] == PROJECT_URL + "bridge/picture-1280.jpg"


def test_og_image_is_a_path_when_the_site_knows_no_address(make_site):
    result, site = make_site(site_with("photo.png", picture(300, 200, "PNG")))
    assert result.ok
    page = parsed(site / "bridge" / "index.html")
    assert page.metas["og:image"] == "/bridge/picture-300.png"
    assert "image" not in json.loads((site / "feed.json").read_text())["items"][0]


@pytest.mark.parametrize("width, widths", [(300, [300]), (640, [640]), (1000, [640, 1000]),
                                           (1280, [640, 1280]), (3000, [640, 1280])])
def test_a_picture_is_never_published_wider_than_it_is(make_site, width, widths):
    result, site = make_site(site_with("photo.webp", picture(width, 100, "WEBP")))
    assert result.ok
    made = sorted(int(p.stem.split("-")[1]) for p in (site / "bridge").glob("picture-*.webp"))
    assert made == widths


def test_the_camera_orientation_is_applied_and_exif_is_left_out(make_site):
    # Orientation 6: the camera was turned; the picture is shown 100 wide and 200 high.
    data = picture(200, 100, orientation=6, gps=True)
    result, site = make_site(site_with("photo.jpg", data))
    assert result.ok
    with Image.open(site / "bridge" / "picture-100.jpg") as image:
        assert image.size == (100, 200)
        assert not image.getexif() and "exif" not in image.info  # no GPS, no camera data
    img = parsed(site / "bridge" / "index.html").imgs[0]
    assert (img["width"], img["height"]) == ("100", "200")


def test_picture_files_are_byte_identical_from_build_to_build(make_site, tmp_path):
    files = site_with("photo.jpg", picture(1500, 900))
    _, site = make_site(files)
    first = {p.name: p.read_bytes() for p in (site / "bridge").glob("picture-*")}
    again = tmp_path / "again"
    make_site(files, output_dir=again, cache_dir=tmp_path / "other-cache")
    assert len(first) == 2 and {p.name: p.read_bytes() for p in (again / "bridge").glob("picture-*")} == first


def big_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height)).save(out, "PNG")  # compresses to little: a "bomb"
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "GIF")
    return out.getvalue()


BAD = [
    ("photo.jpg", b"this is not a picture", "image 'photo.jpg' is not a JPEG, PNG or WebP picture"),
    ("photo.jpg", picture(400, 300)[:4000], "image 'photo.jpg' cannot be decoded"),
    ("anim.gif", gif(), "image 'anim.gif' is not a JPEG, PNG or WebP picture"),
    ("huge.png", big_png(8000, 6000), "image 'huge.png' is 8000x6000 pixels, over the 40,000,000 accepted"),
    ("../other/a.txt", None, "must be the name of a file in the story's folder"),
    ("missing.jpg", None, "image 'missing.jpg': there is no such file in"),
]


@pytest.mark.parametrize("name, data, message", BAD)
def test_a_bad_picture_is_an_error_naming_story_yaml_and_its_line(make_site, name, data, message):
    result, site = make_site(site_with(name, data))
    errors = [str(d) for d in result.diagnostics.errors]
    assert len(errors) == 1 and "story.yaml:3: error [content.picture] " in errors[0], errors
    assert message in errors[0]
    assert not result.published and not site.exists()  # a failed build publishes nothing


def test_a_symbolic_link_is_refused(make_site, tmp_path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(picture(100, 100))
    folder = tmp_path / "content" / "stories" / "bridge"
    folder.mkdir(parents=True)
    os.symlink(outside, folder / "photo.jpg")
    result, _ = make_site(site_with("photo.jpg", None))
    assert [d.message for d in result.diagnostics.errors] == [
        "image 'photo.jpg' is a symbolic link: copy the picture into the story's folder instead"]


def test_a_picture_needs_alt_text_and_alt_text_needs_a_picture(make_site):
    no_alt = "title: Bridge\nimage: photo.jpg\nimage_credit: Ana Lee\n"
    result, _ = make_site(site_with("photo.jpg", picture(100, 100), story=no_alt))
    assert [(d.line, d.message.split(":")[0]) for d in result.diagnostics.errors] == [
        (2, "image_alt is missing")]
    orphan = "title: Bridge\nimage_alt: The bridge\n"
    result, _ = make_site(site_with("photo.jpg", None, story=orphan))
    assert [(d.line, d.message.split(":")[0]) for d in result.diagnostics.errors] == [
        (2, "image_alt is given but no image")]


def test_a_picture_in_an_unchanged_story_is_kept_and_a_new_one_replaces_it(make_site, tmp_path):
    files = site_with("photo.jpg", picture(900, 600))
    _, site = make_site(files)
    before = (site / "bridge" / "picture-900.jpg").read_bytes()
    result, site = make_site(files)  # nothing changed: served from the cache and the last site
    assert result.rebuilt == 0 and (site / "bridge" / "picture-900.jpg").read_bytes() == before
    files["content/stories/bridge/photo.jpg"] = picture(700, 600)
    result, site = make_site(files)
    assert result.ok and sorted(p.name for p in (site / "bridge").glob("picture-*")) == [
        "picture-640.jpg", "picture-700.jpg"]


def test_render_reads_the_picture_only_as_a_file_of_the_story_folder(tmp_path):
    from builder.model import StoryImage
    from builder.render.pictures import PictureGone, picture_files

    folder = tmp_path / "bridge"
    folder.mkdir()
    image = StoryImage("photo.jpg", "The bridge", None, "jpeg", 100, 100, (100,))
    (tmp_path / "elsewhere.jpg").write_bytes(picture(100, 100))
    os.symlink(tmp_path / "elsewhere.jpg", folder / "photo.jpg")  # swapped in after the build
    with pytest.raises(PictureGone, match="no longer a file of its folder"):
        picture_files("bridge", image, folder)
    escaping = StoryImage("../elsewhere.jpg", "The bridge", None, "jpeg", 100, 100, (100,))
    with pytest.raises(PictureGone):
        picture_files("bridge", escaping, folder)
    (folder / "photo.jpg").unlink()
    (folder / "photo.jpg").write_bytes(picture(100, 100))
    assert [f.path for f in picture_files("bridge", image, folder)] == ["bridge/picture-100.jpg"]


def test_the_new_story_template_hints_at_a_picture_that_builds_when_uncommented(make_site, tmp_path):
    from builder.commands.new import new_story

    path = new_story(tmp_path / "content", "bridge", "Bridge closed")
    text = path.read_text()
    assert "# image: bridge.jpg" in text and "# image_alt:" in text and "# image_credit:" in text
    path.write_text(text.replace("# image", "image").replace("    (a JPEG", "  # (a JPEG"))
    result, site = make_site({"content/stories/bridge/a.txt": BODY,
                              "content/stories/bridge/bridge.jpg": picture(800, 600)})
    assert result.ok, [str(d) for d in result.diagnostics.items]
    assert parsed(site / "bridge" / "index.html").captions == ["Picture: Ana Lee / Harbour Gazette"]
