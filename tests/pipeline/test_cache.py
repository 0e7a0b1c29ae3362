"""Incremental builds: the cache never changes what is built, only how much work it takes.

Each test builds a small site, changes one input, builds again with the cache, and checks
the result against a cold one-process build of the same inputs (byte for byte).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from builder.config import load_config
from builder.build.incremental import Rendered
from builder.build.pipeline import build
from tests.conftest import LAYOUTS, ROOT, write_tree

FIXTURE = ROOT / "tests" / "fixtures" / "mini"

STORY = """{headline}

By Sam Reporter

The {thing} in {place} was closed on Tuesday after engineers found cracks in its main span.

About 40,000 vehicles cross the {thing} every day, the city transport office said.

Repairs could cost as much as 12 million dollars, a council spokesperson estimated.

Leave a Reply
"""


def story_files(slug: str, thing: str, place: str, tag: str = "transport") -> dict[str, str]:
    text = STORY.format(headline=f"{place} {thing} closed", thing=thing, place=place)
    return {
        f"content/stories/{slug}/story.yaml": f"title: {place} {thing} closed\ndate: 2025-03-0{len(slug) % 9 + 1}\ntags: [{tag}]\n",
        f"content/stories/{slug}/a.txt": text,
        f"content/stories/{slug}/b.txt": text.replace("Tuesday", "Tuesday morning"),
    }


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path):
    """A site folder with its own copy of the layouts; build() and cold() build it."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "content", root / "content")
    shutil.copytree(LAYOUTS, root / "layouts")
    write_tree(root, {"config.yaml": "title: Test Digest\n"})
    write_tree(root, story_files("bridge-two", "tunnel", "Eastmere", "infrastructure"))

    class Project:
        path = root
        site = root / "site"

        def build(self, jobs: int = 1, cache: bool = True, **changes):
            config = dataclasses.replace(load_config(root / "config.yaml"), **changes)
            return build(config, jobs=jobs, cache=cache)

        def cold(self) -> dict[str, bytes]:
            """A cold, one-process, cache-less build of the same inputs, elsewhere."""
            out = tmp_path / "cold"
            shutil.rmtree(out, ignore_errors=True)
            result = self.build(cache=False, output_dir=out)
            assert result.published
            return tree(out)

    return Project()


def test_a_cached_rebuild_is_byte_identical_to_a_cold_build_and_rebuilds_nothing(project):
    first = project.build()
    assert first.published and first.rebuilt == 2
    second = project.build()
    assert second.published and second.rebuilt == 0
    assert second.rendered.kept == 2  # and renders nothing
    assert tree(project.site) == project.cold()
    assert [str(d) for d in second.diagnostics.items] == [str(d) for d in first.diagnostics.items]
    assert (second.sources, second.removed) == (first.sources, first.removed)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cold_build_renders_each_story_page_as_the_story_arrives(project, tmp_path, jobs):
    """Every story here is tagged, so the site context is final from the first story on:
    each page rendered while the other stories were built is the one published, and none
    is rendered again at the end."""
    for slug in ("c-third", "d-fourth", "e-fifth", "f-sixth", "g-seventh", "h-eighth", "i-ninth"):
        write_tree(project.path, story_files(slug, "ferry", slug.split("-")[1].title()))
    result = project.build(jobs=jobs)
    assert result.published and result.rebuilt == len(result.stories) == 9
    assert result.rendered == Rendered(ahead=9)
    assert tree(project.site) == project.cold()


def test_a_no_op_rebuild_leaves_the_site_alone(project):
    project.build()
    index = project.site / "index.html"
    before = os.stat(index)
    project.build()
    after = os.stat(index)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_an_edited_source_updates_its_page_and_the_index(project):
    project.build()
    story = project.path / "content" / "stories" / "bridge-two"
    for name in ("a.txt", "b.txt"):
        text = (story / name).read_text().replace("40,000 vehicles", "55,000 lorries")
        (story / name).write_text(text)
    (story / "story.yaml").write_text("title: Eastmere tunnel shut\ndate: 2025-03-02\ntags: [infrastructure]\n")
    result = project.build()
    assert result.rebuilt == 1
    assert "55,000 lorries" in (project.site / "bridge-two" / "index.html").read_text()
    assert "Eastmere tunnel shut" in (project.site / "index.html").read_text()
    assert "Eastmere tunnel shut" in (project.site / "feed.xml").read_text()
    assert tree(project.site) == project.cold()


def test_an_edit_with_the_same_size_and_time_is_still_seen(project):
    project.build()
    for name in ("a.txt", "b.txt"):
        path = project.path / "content" / "stories" / "bridge-two" / name
        st = path.stat()
        path.write_text(path.read_text().replace("Eastmere", "Westmere"))  # same length
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    project.build()
    assert "Westmere" in (project.site / "bridge-two" / "index.html").read_text()


def test_an_edited_template_rebuilds_every_page(project):
    project.build()
    base = project.path / "layouts" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<p>new colophon</p>\n</body>"))
    result = project.build()
    assert result.rebuilt == 0  # no story is merged again: only rendered
    for page in project.site.rglob("*.html"):
        assert "new colophon" in page.read_text(), page
    assert tree(project.site) == project.cold()


def test_a_changed_cleaning_rule_rebuilds_every_story(project):
    project.build()
    config = project.path / "config.yaml"
    config.write_text("title: Test Digest\ncleaning:\n  disable: [comments.prompt]\n")
    result = project.build()
    assert result.rebuilt == 2
    assert tree(project.site) == project.cold()


def test_a_changed_site_setting_rerenders_every_page(project):
    project.build()
    (project.path / "config.yaml").write_text("title: Another Digest\n")
    result = project.build()
    assert result.rebuilt == 0
    for page in project.site.rglob("*.html"):
        assert "Another Digest" in page.read_text(), page
    assert tree(project.site) == project.cold()


def test_deleting_a_story_removes_its_pages(project):
    project.build()
    assert (project.site / "bridge-two" / "index.html").is_file()
    shutil.rmtree(project.path / "content" / "stories" / "bridge-two")
    project.build()
    assert not (project.site / "bridge-two").exists()
    assert "bridge-two" not in (project.site / "index.html").read_text()
    assert "bridge-two" not in (project.site / "sitemap.xml").read_text()
    assert tree(project.site) == project.cold()


@pytest.mark.parametrize(
    "damage", ["garbage", "truncated", "foreign", "story-entry", "story-types", "summary-types",
               "empty-entry", "linked-entry"]
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(project, damage):
    project.build()
    cache = project.path / ".cache" / "builder"
    manifest = cache / "manifest.json"
    entries = sorted((cache / "stories").glob("*.json"))
    assert entries
    if damage == "garbage":
        manifest.write_bytes(b"\x80\x04\x95 not json at all")
    elif damage == "truncated":
        manifest.write_text(manifest.read_text()[:100])
    elif damage == "foreign":
        manifest.write_text(json.dumps({"format": 1, "version": "0.1.0", "files": [], "stories": 3,
                                        "outputs": "x"}))
    elif damage == "story-entry":
        for entry in entries:
            entry.write_text('{"story": {"slug": 5}}')
    elif damage == "story-types":  # well-formed JSON, a wrong type deep inside
        for entry in entries:
            data = json.loads(entry.read_text())
            data["story"]["body"][0][1][0][1] = ["not a source id"]
            entry.write_text(json.dumps(data))
    elif damage == "summary-types":  # a listing field the templates would show or link
        data = json.loads(manifest.read_text())
        for summary in data["stories"].values():
            if summary.get("slug"):
                summary["slug"] = "../../elsewhere"
                summary["summary"][0] = "../../elsewhere"
        manifest.write_text(json.dumps(data))
    elif damage == "linked-entry":  # a story entry that is a link to a file elsewhere
        outside = project.path.parent / "outside.json"
        outside.write_text(entries[0].read_text())
        for entry in entries:
            entry.unlink()
            entry.symlink_to(outside)
    else:
        for entry in entries:
            entry.write_text("")
    (project.site / "index.html").unlink()  # and force a re-render that needs the stories
    result = project.build()
    assert result.published, [str(d) for d in result.diagnostics.items]
    assert tree(project.site) == project.cold()


def test_compiled_code_planted_in_the_cache_is_never_loaded(project):
    """Jinja's bytecode cache unpickles what it finds: a cache file must never be code."""
    import hashlib
    import pickle

    from jinja2.bccache import bc_magic

    project.build()
    proof = project.path.parent / "code-ran"

    class Payload:
        def __reduce__(self) -> tuple:
            return (os.mkdir, (str(proof),))

    templates = project.path / ".cache" / "builder" / "templates"
    (templates / "planted").mkdir(parents=True)
    for folder in templates.iterdir():  # where a bytecode cache would look, whatever its key
        for layout in (project.path / "layouts").rglob("*.html"):
            name = layout.relative_to(project.path / "layouts").as_posix()
            key = hashlib.sha1(f"{name}|{layout}".encode()).hexdigest()
            (folder / f"__jinja2_{key}.cache").write_bytes(bc_magic + pickle.dumps(Payload()))
    (project.site / "index.html").unlink()  # the listings render again
    result = project.build()
    assert result.published
    assert not proof.exists()
    assert not (project.path / ".cache" / "builder" / "templates").exists()


def test_a_hand_edited_output_is_rewritten(project):
    project.build()
    page = project.site / "bridge-two" / "index.html"
    page.write_text("defaced")
    project.build()
    assert page.read_text() != "defaced"
    assert tree(project.site) == project.cold()


def test_warnings_are_given_again_by_a_cached_build(project):
    write_tree(project.path, {"content/stories/lonely/only.txt": STORY.format(
        headline="Lonely", thing="pier", place="Redhill")})
    first = project.build()
    second = project.build()
    assert second.rebuilt == 0
    assert any("single source" in str(d) for d in second.diagnostics.warnings)
    assert [str(d) for d in second.diagnostics.items] == [str(d) for d in first.diagnostics.items]


def test_the_cache_folder_can_be_configured(project, tmp_path):
    (project.path / "config.yaml").write_text("title: Test Digest\ncache_dir: elsewhere/cache\n")
    project.build()
    assert (project.path / "elsewhere" / "cache" / "manifest.json").is_file()
    assert not (project.path / ".cache").exists()


def test_no_cache_neither_reads_nor_writes_it(project):
    result = project.build(cache=False)
    assert result.published and result.rebuilt == 2
    assert not (project.path / ".cache").exists()


def test_parallel_build_matches_a_one_process_build(project, tmp_path):
    for n in range(10):
        write_tree(project.path, story_files(f"story-{n}", "bridge", f"Town{n}", ["a", "b"][n % 2]))
    write_tree(project.path, {
        "content/stories/lonely/only.txt": STORY.format(headline="Lonely", thing="pier", place="Redhill"),
        "content/stories/broken/story.yaml": "title: [unclosed\n",
        "content/stories/broken/a.txt": "text",
    })
    serial = project.build(jobs=1, cache=False, output_dir=tmp_path / "one")
    parallel = project.build(jobs=2, cache=False, output_dir=tmp_path / "two")
    assert [str(d) for d in parallel.diagnostics.items] == [str(d) for d in serial.diagnostics.items]
    assert any(d.level == "error" for d in serial.diagnostics.items)
    (project.path / "content" / "stories" / "broken" / "story.yaml").unlink()
    serial = project.build(jobs=1, cache=False, output_dir=tmp_path / "one")
    parallel = project.build(jobs=2, cache=False, output_dir=tmp_path / "two")
    assert serial.published and parallel.published
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_progress_bar_only_on_a_terminal():
    import io

    from builder.commands.build import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = io.StringIO()
    bar = Progress(quiet)
    bar.DELAY = 0
    bar.update(5, 10)
    bar.close()
    assert quiet.getvalue() == ""
    shown = Tty()
    bar = Progress(shown)
    bar.DELAY = 0
    bar.update(10, 10)
    assert "10/10 stories" in shown.getvalue()
    bar.close()
    assert shown.getvalue().endswith("\r")


def test_an_untagged_site_rebuilt_from_the_cache_matches_a_cold_build(project):
    for story in (project.path / "content" / "stories").iterdir():
        meta = story / "story.yaml"
        if meta.exists():
            meta.write_text("\n".join(line for line in meta.read_text().splitlines()
                                      if not line.startswith("tags")) + "\n")
    project.build()
    (project.path / "layouts" / "base.html").write_text(
        (project.path / "layouts" / "base.html").read_text() + "\n")
    project.build()
    assert tree(project.site) == project.cold()


def test_adding_a_newer_story_renders_only_its_own_page_and_the_listings(project):
    """A digest grows by today's story: the pages of the others stay as they were
    (the feed's <updated> moves, and it is a listing)."""
    project.build()
    stories = project.path / "content" / "stories"
    first = sorted(p for p in stories.iterdir() if p.is_dir())[0]
    before = {p: p.stat().st_mtime_ns for p in project.site.glob("*/index.html")}
    new = stories / "zz-later-story"
    shutil.copytree(first, new)
    meta = new / "story.yaml"
    text = meta.read_text()
    meta.write_text(re.sub(r"(?m)^date:.*$", "date: 2026-01-02", text) if "date:" in text
                    else text + "date: 2026-01-02\n")
    result = project.build()
    assert result.rebuilt == 1
    story_pages = [p for p in before if p.parent.name not in ("tags", "page", "about")]
    assert story_pages
    for page in story_pages:
        assert page.stat().st_mtime_ns == before[page], page  # kept, not re-rendered
    assert "2026-01-02" in (project.site / "feed.xml").read_text()
    assert tree(project.site) == project.cold()


def test_pages_rendered_before_the_first_tag_turned_up_show_the_topics_link(tmp_path):
    """A cold build renders each story's page as it arrives, for the site as it stands;
    when a later story brings the first tag, the earlier pages must still end up with the
    masthead's Topics link, exactly as a build that rendered at the end would give."""
    root = tmp_path / "site-root"
    shutil.copytree(LAYOUTS, root / "layouts")
    files = {"config.yaml": "title: Test Digest\n"}
    for slug, place in (("a-first", "Westmere"), ("b-second", "Eastmere"), ("c-third", "Northby")):
        files.update(story_files(slug, "bridge", place))
    files["content/stories/a-first/story.yaml"] = "title: Westmere bridge closed\ndate: 2025-03-01\n"
    files["content/stories/b-second/story.yaml"] = "title: Eastmere bridge closed\ndate: 2025-03-02\n"
    write_tree(root, files)
    config = load_config(root / "config.yaml")
    result = build(config, jobs=1)
    assert result.published
    for slug in ("a-first", "b-second", "c-third"):
        page = (root / "site" / slug / "index.html").read_text()
        assert 'href="/tags/"' in page, slug
    cold = build(dataclasses.replace(config, output_dir=tmp_path / "cold"), jobs=1, cache=False)
    assert cold.published
    assert tree(root / "site") == tree(tmp_path / "cold")


@pytest.mark.parametrize("damage", [False, True])
def test_pages_re_rendered_by_worker_processes_match_a_cold_build(project, monkeypatch, damage):
    """A template change re-renders every page; with many pages the workers render them
    from the cache. Output as a one-process cold build; a story a worker cannot read from
    the cache is rendered (and rebuilt) by the parent."""
    import builder.build.incremental

    monkeypatch.setattr(builder.build.incremental, "RENDER_POOL_MIN", 1)
    project.build(jobs=2)
    base = project.path / "layouts" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<p>new colophon</p>\n</body>"))
    if damage:
        for entry in (project.path / ".cache" / "builder" / "stories").glob("*.json"):
            entry.write_text("{}")
    result = project.build(jobs=2)
    assert result.published, [str(d) for d in result.diagnostics.items]
    stories = len(result.stories)
    # Workers render what they can read from the cache; the rest is rendered here.
    assert result.rendered == (Rendered(here=stories) if damage else Rendered(workers=stories))
    for page in project.site.rglob("*.html"):
        assert "new colophon" in page.read_text(), page
    assert tree(project.site) == project.cold()
