"""The command line as a curator uses it: exit codes and messages, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "mini"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, capture_output=True, text=True)


def test_build_prints_a_summary_and_exits_zero(tmp_path):
    done = run("build", "--config", str(FIXTURE / "config.yaml"), "--out", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    assert "1 story from 3 sources" in done.stdout and "1 stories" not in done.stdout


def test_bad_config_lists_every_problem_and_exits_2(tmp_path):
    (tmp_path / "config.yaml").write_text("titel: x\nper_page: lots\n")
    done = run("build", "--config", str(tmp_path / "config.yaml"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3 and all("config.yaml" in line for line in lines)
    assert "Traceback" not in done.stderr


def test_bad_source_is_named_and_build_exits_nonzero(tmp_path):
    content = tmp_path / "content" / "stories" / "s"
    content.mkdir(parents=True)
    (content / "a.txt").write_text("Headline\n\nA body sentence about the bridge closing on Tuesday.\n")
    (content / "b.txt").write_bytes(b"")
    (tmp_path / "config.yaml").write_text(f"title: T\nlayouts_dir: {ROOT / 'layouts'}\n")
    done = run("build", "--config", str(tmp_path / "config.yaml"), cwd=tmp_path)
    assert done.returncode == 1
    assert "b.txt" in done.stderr and "empty" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_missing_config_is_a_clear_message():
    done = run("build", "--config", "/nonexistent/config.yaml")
    assert done.returncode == 2 and "not found" in done.stderr


COMMANDS = ("build", "extract", "new", "add", "serve", "check")


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for command in COMMANDS:
        assert f"python -m builder {command}" in readme


def test_every_command_has_help_with_an_example(capsys):
    from builder.cli import main

    for command in COMMANDS:
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert "example" in out and f"python -m builder {command}" in out


def test_readme_shows_the_story_page_screenshot():
    readme = (ROOT / "README.md").read_text()
    assert "](docs/story.png)" in readme
    png = (ROOT / "docs" / "story.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) < 300_000


def test_version_names_the_program():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == "news-digest 0.1.0"


@pytest.mark.parametrize("command", ["build", "init", "new", "add", "remove", "check", "serve", "extract"])
def test_help_wraps_its_prose_and_keeps_example_commands_whole(command):
    done = run(command, "--help", cwd=ROOT)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    prose = [line for line in lines if line and not line.startswith("  ")]
    assert all(len(line) <= 100 for line in prose), [line for line in prose if len(line) > 100]
    examples = [line for line in lines if line.startswith("  python -m builder ")]
    if command not in ("build", "extract"):  # those two give one example, inline
        assert examples and all(" \\" not in e or e.endswith("\\") for e in examples)


def test_serve_reports_a_busy_port_before_building(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = __import__("time").monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "builder", "serve", "--port", str(port), "--config",
             str(FIXTURE / "config.yaml"), "--out", str(tmp_path / "site")],
            capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "built" not in done.stdout and not (tmp_path / "site").exists()


def test_build_lists_its_warnings_by_file_then_line(tmp_path):
    links = "".join(f'<li><a href="/s{i}">Section number {i} news</a></li>' for i in range(40))
    front = f"<html><body><nav><ul>{links}</ul></nav><p>The bridge is shut.</p></body></html>"
    files = {
        "config.yaml": f"title: T\nlayouts_dir: {ROOT / 'layouts'}\n",
        "content/pages/about.md": "---\ntitle: About\n---\nHello.\n",
        "content/stories/b-story/a.txt": "Bridge\n\nThe harbour bridge closed on Tuesday after cracks were found.\n",
        "content/stories/b-story/story.yaml": "sources:\n  gone.txt: {outlet: X}\n",
        "content/stories/a-story/front.html": front,
        "content/stories/a-story/b.txt": "Ferries\n\nFerries will run every fifteen minutes meanwhile.\n",
        "content/stories/c-story/story.yaml": "title: Not yet\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    done = run("build", cwd=tmp_path)
    lines = [line for line in done.stderr.splitlines() if ": warning" in line]
    assert len(lines) >= 4, done.stderr
    places = [re.match(r"(.*?)(?::(\d+))?: warning", line).groups() for line in lines]
    keys = [(path, int(number or 0)) for path, number in places]
    assert keys == sorted(keys), lines
