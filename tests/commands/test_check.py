"""`check`: what each source contributes, what was removed and why, warnings; nothing written."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from builder.commands.check_report import story_reports
from builder.cli import main
from builder.config import load_config
from builder.model import Diagnostics
from builder.build.pipeline import load_and_merge
from tests.conftest import LAYOUTS, ROOT, write_tree

FIXTURE = ROOT / "tests" / "fixtures" / "mini"
A = """Bridge closed

The Harbour Bridge was closed to all traffic on Tuesday after engineers found cracks in its main span.

City engineer Maria Okafor said the bridge would stay shut for at least two weeks while repairs are planned.
"""
B = """Harbour bridge shut

The Harbour Bridge was closed to all traffic on Tuesday after engineers discovered cracks in the main span.

Ferries will run every fifteen minutes during the closure, the operator said.
"""
OFF_TOPIC = """Local bakery wins national pastry award

A small bakery in the old town won the national pastry award for its almond croissant recipe.
"""
LINKS = " ".join(f'<li><a href="/s{i}">Section number {i} news</a></li>' for i in range(40))
FURNITURE = (
    f"<html><head><title>Bridge</title></head><body><nav><ul>{LINKS}</ul></nav>"
    "<article><p>The bridge is shut for repairs after cracks were found.</p></article>"
    "<footer><p>Copyright 2025 Example News. All rights reserved.</p></footer></body></html>"
)
FULL = "{outlet: Gazette, url: 'https://g.example/1', published: 2025-03-04}"


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m builder check ARGS` in `cwd`, through the CLI's entry point, in process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def check_in_a_process(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        check=False,
        args=[sys.executable, "-m", "builder", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    write_tree(tmp_path, {"config.yaml": f"title: T\nlayouts_dir: {LAYOUTS}\n", **files})
    return tmp_path


def test_check_reports_each_sources_contribution_and_removals_per_rule(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "mini")
    config = load_config(tmp_path / "mini" / "config.yaml")
    diags = Diagnostics()
    merged = load_and_merge(config, diags)
    folders = {m.story.slug: config.content_dir / "stories" / m.story.slug for m in merged}
    (report,) = story_reports(merged, diags, folders)
    assert {s.file for s in report.sources} == {"courier.md", "gazette.txt", "wire.html"}
    body = report.body_sentences
    assert sum(s.only_here for s in report.sources) + len(report.merged) == body
    for source in report.sources:
        assert source.merged + source.only_here <= body and source.sentences_kept > 0
    gazette = next(s for s in report.sources if s.file == "gazette.txt")
    assert gazette.removed and all(n > 0 for n in gazette.removed.values())
    assert all(len(m.sources) > 1 for m in report.merged)


def test_check_prints_sources_merged_sentences_and_writes_no_site(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "mini")
    done = check_in_a_process(tmp_path / "mini")
    assert done.returncode == 0, done.stderr
    for text in (
        "harbour-bridge-closure",
        "gazette.txt",
        "wire.html",
        "merged sentences:",
        "removed ",
    ):
        assert text in done.stdout
    assert not (tmp_path / "mini" / "site").exists()


def test_check_warns_about_one_source_and_missing_outlet_url_date(tmp_path):
    root = site(tmp_path, {"content/stories/bridge/a.txt": A})
    done = check(root)
    assert done.returncode == 0
    assert "[merge.single-source]" in done.stdout
    assert "a.txt: note [check.missing-meta] no outlet, no url, no published date" in done.stdout
    assert check(root, "--strict").returncode == 1


def test_check_warns_about_mostly_furniture_and_off_topic_sources(tmp_path):
    root = site(
        tmp_path,
        {
            "content/stories/bridge/a.txt": A,
            "content/stories/bridge/b.txt": B,
            "content/stories/bridge/menu.html": FURNITURE,
            "content/stories/bridge/bakery.txt": OFF_TOPIC,
            "content/stories/bridge/story.yaml": f"sources:\n  a.txt: {FULL}\n  b.txt: {FULL}\n"
            "  bakery.txt: {published: 2012-01-01}\n",
        },
    )
    done = check(root, "--json")
    assert done.returncode == 0, done.stderr
    (story,) = json.loads(done.stdout)["stories"]
    rules = {(Path(w["path"]).name, w["rule"]) for w in story["warnings"]}
    assert ("menu.html", "clean.mostly-furniture") in rules
    assert ("bakery.txt", "merge.off-topic") in rules
    assert [file for file, _ in story["excluded"]] == ["bakery.txt"]
    assert not any(
        w["rule"] == "check.missing-meta" and w["path"].endswith(("a.txt", "b.txt"))
        for w in story["warnings"] + story["notes"]
    )


def test_check_exits_nonzero_on_errors_naming_the_file(tmp_path):
    root = site(tmp_path, {"content/stories/bridge/a.txt": A, "content/stories/bridge/b.txt": ""})
    done = check(root)
    assert done.returncode == 1
    assert "b.txt: error [source.unreadable]" in done.stdout and "Traceback" not in done.stderr
    assert json.loads(check(root, "--json").stdout)["errors"] == 1


def test_check_only_the_named_stories_and_suggests_a_misspelt_slug(tmp_path):
    root = site(
        tmp_path,
        {
            "content/stories/bridge/a.txt": A,
            "content/stories/other/b.txt": "",
            "content/stories/other/c.txt": B,
        },
    )
    done = check(root, "bridge")
    assert done.returncode == 0 and "b.txt" not in done.stdout  # other's error is not bridge's
    done = check(root, "brigde")
    assert done.returncode == 2 and "did you mean 'bridge'" in done.stderr


def test_check_reports_a_story_that_cannot_be_loaded(tmp_path):
    root = site(
        tmp_path,
        {"content/stories/bridge/a.txt": A, "content/stories/bridge/story.yaml": "titel: x\n"},
    )
    done = check(root)
    assert done.returncode == 1 and "story.yaml:1" in done.stdout and "titel" in done.stdout


def test_a_sources_counts_add_up_to_the_sentences_it_kept(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    root = site(tmp_path, {})
    config = load_config(root / "config.yaml")
    diags = Diagnostics()
    merged = load_and_merge(config, diags)
    (report,) = story_reports(merged, diags,
                              {m.story.slug: config.content_dir / "stories" / m.story.slug for m in merged})
    for s in report.sources:
        assert 0 < s.used <= s.sentences_kept and s.used + s.left_out == s.sentences_kept, s
    done = check(root)
    lines = [line for line in done.stdout.splitlines() if "sentences kept:" in line]
    assert len(lines) == len(report.sources)
    for line in lines:
        kept, parts = line.split(";")[0].split("kept:")
        numbers = [int(part.split()[0]) for part in parts.split(",")]
        assert sum(numbers) == int(kept.split()[0]), line
    # singular counts in the singular ("1 sentence"), not in "21 sentences"
    assert re.search(r"(?<!\d)1 (?:blocks|sentences)\b", done.stdout) is None


def test_check_strict_and_build_strict_agree_on_the_example_story(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    root = site(tmp_path, {})
    checked = check(root, "--strict")
    built = subprocess.run([sys.executable, "-m", "builder", "build", "--strict"], cwd=root,
                           capture_output=True, text=True, check=False)
    assert checked.returncode == built.returncode == 0, (checked.stdout, built.stderr)
    assert "checked 1 story: 0 errors, 0 warnings" in checked.stdout
    assert "0 warnings, 0 errors" in built.stdout
    # A missing url or date is still shown, as a note the curator may act on.
    assert "note [check.missing-meta] no url" in checked.stdout


def test_check_lists_warnings_by_file_then_line(tmp_path):
    root = site(tmp_path, {
        "content/stories/bridge/b.txt": B, "content/stories/bridge/a.txt": A,
        "content/stories/bridge/menu.html": FURNITURE,
        "content/stories/bridge/story.yaml": "sources:\n  gone.txt: {outlet: X}\n",
    })
    (story,) = json.loads(check(root, "--json").stdout)["stories"]
    keys = [(w["path"], w["line"] or 0) for w in story["warnings"]]
    assert len(keys) >= 2 and keys == sorted(keys)


def test_check_shows_the_order_the_brief_and_each_citations_evidence(tmp_path):
    root = site(tmp_path, {
        "content/stories/s/a.txt": A,
        "content/stories/s/b.txt": B,
        "content/stories/s/story.yaml": "lead: b.txt\nomit: [Ferries will run every fifteen minutes during the closure, the operator said.]\n",
    })
    done = check(root)
    assert "the story, in order:" in done.stdout
    (story,) = json.loads(check(root, "--json").stdout)["stories"]
    order = story["order"]
    # The curator's lead comes first; the omitted sentence is nowhere.
    assert order[0]["text"].startswith("The Harbour Bridge was closed")
    assert not any("Ferries" in s["text"] for s in order)
    for sentence in order:
        assert [e["source"] for e in sentence["support"]] == sentence["sources"]
        for e in sentence["support"]:
            assert e["missing"] == [] and e["share"] >= 0.5 and e["text"]


def test_check_counts_a_report_as_the_merge_reads_it(tmp_path):
    """A quotation a report breaks over two lines is one sentence of the merge, and so of
    `check`."""
    quoted = A + '\n"We will not take risks with this bridge.\n\nSafety comes first," Okafor said.\n'
    root = site(tmp_path, {"content/stories/bridge/a.txt": quoted,
                           "content/stories/bridge/b.txt": B})
    config = load_config(root / "config.yaml")
    diags = Diagnostics()
    merged = load_and_merge(config, diags)
    (report,) = story_reports(merged, diags,
                              {m.story.slug: config.content_dir / "stories" / m.story.slug for m in merged})
    kept = {s.file: s.sentences_kept for s in report.sources}
    assert kept == {"a.txt": 3, "b.txt": 2}, kept
