"""The build writes only where it owns, and follows no symbolic link (issue 15).

Each test makes a small project in a temporary folder (config.yaml, layouts, one story),
points the output, the cache, content/ or layouts/ somewhere they must not go, builds, and
checks that the build was refused with a message naming the folder and that no file
outside the site and the cache changed.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from builder.build.boundaries import CACHE_MARKER, OUTPUT_MARKER
from builder.build.pipeline import BuildResult, build
from builder.cli import main
from builder.config import load_config
from tests.conftest import LAYOUTS, write_tree

STORY = {
    "content/stories/bridge/story.yaml": "title: Bridge closed\ndate: 2025-03-01\n",
    "content/stories/bridge/a.txt": "Bridge closed\n\nThe harbour bridge was closed on Monday "
    "after engineers found cracks in two of its steel supports.\n\nFerries will run every ten "
    "minutes until it reopens, the council said.\n",
}


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under a folder: file bytes, link targets, folders; links not followed."""
    out: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[key] = ("link", os.readlink(path))
            elif path.is_file():
                out[key] = path.read_bytes()
            else:
                out[key] = "dir"
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(LAYOUTS, root / "layouts")
    write_tree(root, {"config.yaml": "title: Test Digest\n", **STORY})
    write_tree(tmp_path, {"elsewhere/keep.txt": "not the builder's", "elsewhere/stories/x.json": "{}",
                          "elsewhere/templates/t.cache": "x"})
    return root


def build_with(root: Path, cache: bool = True, **changes: object) -> BuildResult:
    config = dataclasses.replace(load_config(root / "config.yaml"), **changes)
    return build(config, jobs=1, cache=cache)


def errors(result: BuildResult) -> str:
    return "\n".join(str(d) for d in result.diagnostics.errors)


def test_an_ordinary_build_is_allowed_and_marks_its_folders(project: Path) -> None:
    result = build_with(project)
    assert result.published, errors(result)
    assert (project / "site" / OUTPUT_MARKER).is_file()
    assert (project / ".cache" / "builder" / CACHE_MARKER).read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


@pytest.mark.parametrize("out", [".", "..", "content", "content/stories", "layouts", ".git"])
def test_an_output_folder_the_build_does_not_own_is_refused(project: Path, out: str) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = snapshot(project.parent)
    result = build_with(project, output_dir=project / out)
    assert not result.published
    assert "output folder" in errors(result) and "[output.not-owned]" in errors(result)
    assert snapshot(project.parent) == before


def test_output_dot_on_the_command_line_is_refused_and_nothing_is_touched(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(project.parent)
    monkeypatch.chdir(project)
    status = main(["build", "--config", str(project / "config.yaml"), "--out", "."])
    assert status == 1
    err = capsys.readouterr().err
    assert "is the project folder or holds it" in err and "Traceback" not in err
    assert snapshot(project.parent) == before


def test_a_symlinked_site_folder_is_refused_and_its_target_untouched(project: Path) -> None:
    (project / "site").symlink_to(project.parent / "elsewhere")
    before = snapshot(project.parent)
    result = build_with(project)
    assert not result.published
    assert "is a symbolic link" in errors(result)
    assert snapshot(project.parent) == before


def test_a_symlink_on_the_way_to_the_output_is_refused(project: Path) -> None:
    (project / "out").symlink_to(project.parent / "elsewhere")
    before = snapshot(project.parent)
    result = build_with(project, output_dir=project / "out" / "site")
    assert not result.published and "out is a symbolic link" in errors(result)
    assert snapshot(project.parent) == before


def test_an_outside_folder_is_used_only_when_the_builder_made_it(project: Path) -> None:
    before = snapshot(project.parent / "elsewhere")
    refused = build_with(project, output_dir=project.parent / "elsewhere")
    assert not refused.published and "that the builder did not make" in errors(refused)
    assert snapshot(project.parent / "elsewhere") == before

    fresh = project.parent / "public" / "site"
    first = build_with(project, output_dir=fresh)
    assert first.published, errors(first)
    assert (fresh / OUTPUT_MARKER).is_file() and (fresh / "bridge" / "index.html").is_file()
    second = build_with(project, output_dir=fresh)  # its own folder: replaced again
    assert second.published, errors(second)


def test_a_folder_of_the_project_the_builder_did_not_make_is_refused(project: Path) -> None:
    """`output_dir: builder` (or .github, tests, ...) must not replace the project's code."""
    write_tree(project, {"code/module.py": "x = 1\n", "code/sub/more.py": "y = 2\n"})
    before = snapshot(project.parent)
    result = build_with(project, output_dir=project / "code")
    assert not result.published and "a folder of the project that the builder did not make" in errors(result)
    result = build_with(project, cache_dir=project / "code")
    assert not result.published and "[cache.not-owned]" in errors(result)
    assert snapshot(project.parent) == before
    (project / "empty").mkdir()
    assert build_with(project, output_dir=project / "empty").published  # nothing to lose


@pytest.mark.parametrize("cache_dir", ["../elsewhere", ".", "content", "site"])
def test_a_cache_folder_the_build_does_not_own_is_refused(project: Path, cache_dir: str) -> None:
    before = snapshot(project.parent)
    result = build_with(project, cache_dir=project / cache_dir)
    assert not result.published and "[cache.not-owned]" in errors(result)
    assert snapshot(project.parent) == before


def test_a_symlinked_cache_folder_is_refused(project: Path) -> None:
    """A pull request can commit `.cache` as a link into a dot-folder of a story."""
    hidden = project / "content" / "stories" / "bridge" / ".hidden"
    hidden.mkdir()
    (project / ".cache").symlink_to(hidden)
    before = snapshot(project.parent)
    result = build_with(project)
    assert not result.published and ".cache is a symbolic link" in errors(result)
    assert snapshot(project.parent) == before
    assert build_with(project, cache=False).published  # without a cache, nothing to refuse


def test_an_outside_cache_folder_the_builder_made_is_reused(project: Path) -> None:
    cache = project.parent / "caches" / "digest"
    first = build_with(project, cache_dir=cache)
    assert first.published and (cache / CACHE_MARKER).is_file()
    second = build_with(project, cache_dir=cache)
    assert second.published and second.rebuilt == 0


def test_a_symlinked_content_folder_is_not_followed(project: Path) -> None:
    """Text from outside the repository must never reach the index, the feed or story.json."""
    outside = project.parent / "outside"
    write_tree(outside, {"stories/secret/story.yaml": "title: Secret\n",
                         "stories/secret/a.txt": "Secret\n\nThe private notes say the launch code is 1234.\n"})
    shutil.rmtree(project / "content")
    (project / "content").symlink_to(outside)
    result = build_with(project)
    assert not result.published and "content folder" in errors(result)
    assert not (project / "site").exists()


def test_symlinks_in_layouts_are_not_followed(project: Path) -> None:
    secret = project.parent / "secret.html"
    secret.write_text("SECRET-FROM-OUTSIDE {{ site.title }}")
    base = project / "layouts" / "base.html"
    base.unlink()
    base.symlink_to(secret)
    result = build_with(project)
    assert not result.published and "symbolic link" in errors(result)
    site = project / "site"
    assert not site.exists() or "SECRET-FROM-OUTSIDE" not in str(snapshot(site))

    shutil.rmtree(project / "layouts")
    (project / "layouts").symlink_to(LAYOUTS)
    result = build_with(project)
    assert not result.published and "layouts folder" in errors(result)


def test_check_reads_nothing_through_a_symlinked_content_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = project.parent / "outside"
    write_tree(outside, {"stories/secret/a.txt": "Secret\n\nThe private notes say the code is 1234.\n"})
    shutil.rmtree(project / "content")
    (project / "content").symlink_to(outside)
    status = main(["check", "--config", str(project / "config.yaml")])
    out = capsys.readouterr()
    assert status != 0 and "1234" not in out.out + out.err
    assert "content folder" in out.out + out.err
