"""Benchmark: what hostile inputs cost a build, in wall time and peak memory.

usage: python bench/hostile.py [--cases NAME,NAME] [--repeat 1] [--timeout 300] [--jobs N]
                               [--keep]

Each case is a small digest made in a temporary folder: config.yaml, one ordinary story
(three short reports, so that "the rest of the site is built" can be checked) and one
hostile story whose inputs are each well under the 10 MiB source limit:

  near-2500     one report of 2,500 near-identical sentences (only a number differs)
  near-5000     the same with 5,000
  distinct-16k  one report of 16,000 distinct sentences
  p-10000       a saved page of 10,000 `<p>x` paragraphs
  p-20000       the same with 20,000
  p-sent-10000  a saved page of 10,000 one-sentence paragraphs (`<p>` not closed)
  it-was        `It was.` 10,000 times in a .txt
  reports-200   200 reports of 50 sentences each
  high-bytes    10 MB of random bytes 0x80-0xFF in a .txt
  tags-520k     a 1 MiB story.yaml of 520,000 tags
  deep-html     a saved page nested 100,000 elements deep
  long-line     one 9 MB sentence without a full stop in a .txt

Each build runs as its own process (`python -m builder build`), timed from outside; its peak
memory is the kernel's largest resident set of the build or any of its workers (os.wait4).
A build that outlives --timeout is killed and shown as such. The table gives, per case: the
median wall time, the largest peak memory, the exit status, whether the site (with the
ordinary story) was published, and the first error or warning the build named for the
hostile story (an error fails the build by design: the last good site is kept). The goal
(issue 15) is every case refused with a message or built within 10 s and 1 GiB; cases over
either are marked.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 10.0
LIMIT_MIB = 1024

CONFIG = "title: Hostile bench\nbase_url: /\n"

ORDINARY = [
    "The harbour bridge was closed on Monday after engineers found cracks in two of its "
    "steel supports. Officials said the closure would last at least a week. Ferries will "
    "run every ten minutes until the bridge reopens.",
    "Engineers found cracks in the harbour bridge's supports, and the city closed it on "
    "Monday. The closure is expected to last at least a week, officials said. Extra ferry "
    "services start on Tuesday.",
    "City officials closed the harbour bridge on Monday. Cracks were found in two steel "
    "supports during a routine inspection. Repairs could take a week or more.",
]

WORDS = (
    "council harbour bridge engineer minister report inquiry budget river station tunnel "
    "museum hospital school market railway airport court police election senator mayor "
    "storm flood drought harvest factory strike union contract treaty border summit "
    "vaccine trial study climate energy pipeline reactor satellite launch festival museum"
).split()


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]  # writes the hostile story's folder's contents


def _story_yaml(folder: Path, title: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(f"title: {title}\ndate: 2025-03-01\n", encoding="utf-8")


def _text(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def near_identical(count: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        lines = [f"The bridge will close for {i} days, the council said." for i in range(count)]
        _text(folder, "near.txt", "\n\n".join(lines) + "\n")
        _text(folder, "other.txt", ORDINARY[0] + "\n")
    return make


def _distinct_sentence(rng: random.Random, i: int) -> str:
    words = [rng.choice(WORDS) for _ in range(9)]
    return f"Report {i} says the {' '.join(words)} changed.".capitalize()


def distinct(count: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        rng = random.Random(count)
        paras = [" ".join(_distinct_sentence(rng, i * 4 + j) for j in range(4))
                 for i in range(count // 4)]
        _text(folder, "distinct.txt", "\n\n".join(paras) + "\n")
        _text(folder, "other.txt", ORDINARY[1] + "\n")
    return make


def paragraphs(count: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        body = "<p>x" * count
        _text(folder, "page.html", f"<!doctype html><html><head><title>x</title></head><body>{body}</body></html>")
        _text(folder, "other.txt", ORDINARY[1] + "\n")
    return make


def sentence_paragraphs(folder: Path) -> None:
    body = "".join(f"<p>The ferry left the harbour at {i} past the hour." for i in range(10_000))
    _text(folder, "page.html", f"<!doctype html><html><head><title>x</title></head><body>{body}</body></html>")
    _text(folder, "other.txt", ORDINARY[1] + "\n")


def it_was(folder: Path) -> None:
    _text(folder, "it-was.txt", "It was. " * 10_000 + "\n")
    _text(folder, "other.txt", ORDINARY[2] + "\n")


def many_reports(folder: Path) -> None:
    rng = random.Random(200)
    for r in range(200):
        sentences = [_distinct_sentence(rng, s) if s % 2 else f"The harbour bridge closed on day {s}."
                     for s in range(50)]
        _text(folder, f"r{r:03d}.txt", " ".join(sentences) + "\n")


def high_bytes(folder: Path) -> None:
    rng = random.Random(10)
    (folder / "noise.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(10_000_000)))
    _text(folder, "other.txt", ORDINARY[0] + "\n")


def many_tags(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tags = ",".join(["a"] * 520_000)
    (folder / "story.yaml").write_text(f"title: Tags\ntags: [{tags}]\n", encoding="utf-8")
    _text(folder, "one.txt", ORDINARY[0] + "\n")


def deep_html(folder: Path) -> None:
    depth = 100_000
    _text(folder, "deep.html", "<html><body>" + "<div>" * depth + "<p>Deep text here.</p>"
          + "</div>" * depth + "</body></html>")
    _text(folder, "other.txt", ORDINARY[1] + "\n")


def long_line(folder: Path) -> None:
    _text(folder, "long.txt", "word " * 1_800_000 + "\n")
    _text(folder, "other.txt", ORDINARY[2] + "\n")


CASES = [
    Case("near-2500", near_identical(2_500)),
    Case("near-5000", near_identical(5_000)),
    Case("distinct-16k", distinct(16_000)),
    Case("p-10000", paragraphs(10_000)),
    Case("p-20000", paragraphs(20_000)),
    Case("p-sent-10000", sentence_paragraphs),
    Case("it-was", it_was),
    Case("reports-200", many_reports),
    Case("high-bytes", high_bytes),
    Case("tags-520k", many_tags),
    Case("deep-html", deep_html),
    Case("long-line", long_line),
]


def make_project(case: Case, where: Path) -> Path:
    """A digest with the ordinary story and the case's hostile one; gives its config path."""
    where.mkdir(parents=True)
    (where / "config.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(ROOT / "layouts", where / "layouts")
    stories = where / "content" / "stories"
    ordinary = stories / "ordinary-bridge"
    _story_yaml(ordinary, "Bridge closed")
    for i, text in enumerate(ORDINARY):
        _text(ordinary, f"r{i}.txt", text + "\n")
    hostile = stories / "hostile"
    if case.make is not many_tags:
        _story_yaml(hostile, f"Hostile {case.name}")
    case.make(hostile)
    return where / "config.yaml"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: int
    status: str  # exit status, or "killed" after the timeout
    published: bool  # the ordinary story is in the published site
    note: str


def build_once(config: Path, timeout: float, jobs: int | None) -> Run:
    project = config.parent
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cmd = [sys.executable, "-m", "builder", "build", "--config", str(config), "--no-cache"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        status, usage = _wait(proc, started + timeout)
        seconds = time.perf_counter() - started
        err.seek(0)
        messages = err.read().decode("utf-8", "replace")
    published = (project / "site" / "ordinary-bridge" / "index.html").is_file()
    return Run(seconds, usage.ru_maxrss // 1024, status, published, _first_note(messages))


def _wait(proc: subprocess.Popen, deadline: float) -> tuple[str, os.struct_rusage]:  # type: ignore[name-defined]
    """Wait for the build, killing its whole process group at the deadline."""
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return str(proc.returncode), usage
        if time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return "killed", usage
        time.sleep(0.05)


def _first_note(messages: str) -> str:
    """The first diagnostic naming the hostile story, shortened for the table."""
    for line in messages.splitlines():
        if "hostile" in line and ("error" in line or "warning" in line):
            text = line.split("hostile/", 1)[-1]
            return (text[:90] + "...") if len(text) > 93 else text
    return ""


def input_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per case; the median is shown")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a build is killed")
    parser.add_argument("--jobs", type=int, help="passed to the build (default: its own, one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects (path printed)")
    args = parser.parse_args()
    chosen = CASES
    if args.cases:
        names = set(args.cases.split(","))
        unknown = names - {c.name for c in CASES}
        if unknown:
            parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
        chosen = [c for c in CASES if c.name in names]
    base = Path(tempfile.mkdtemp(prefix="hostile-bench-"))
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.node()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; timeout {args.timeout:.0f} s")
    print()
    print("| case | input | wall s | peak MiB | exit | published | over | first message |")
    print("|---|---|---|---|---|---|---|---|")
    over_any = False
    try:
        for case in chosen:
            config = make_project(case, base / case.name)
            size = input_size(base / case.name / "content" / "stories" / "hostile")
            runs = [build_once(config, args.timeout, args.jobs) for _ in range(args.repeat)]
            seconds = statistics.median(r.seconds for r in runs)
            peak = max(r.peak_mib for r in runs)
            last = runs[-1]
            over = [w for w, bad in (("time", seconds > LIMIT_SECONDS), ("memory", peak > LIMIT_MIB)) if bad]
            over_any = over_any or bool(over)
            note = last.note.replace("|", "\\|")
            print(f"| {case.name} | {size / 1e6:.2f} MB | {seconds:.2f} | {peak} | {last.status} | "
                  f"{'yes' if last.published else 'no'} | {' '.join(over) or '-'} | {note} |", flush=True)
    finally:
        if args.keep:
            print(f"\nprojects kept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if over_any else 0


if __name__ == "__main__":
    raise SystemExit(main())
