"""Benchmark: build speed at N stories x 5 sources, cold and incremental, against Pelican.

usage: python bench/speed.py [--sizes 100,1000] [--repeat 3] [--jobs N] [--no-pelican]
                             [--per-report]

For each size N, bench/synth.py writes N synthetic stories (five reports each, text dumps
and saved pages mixed, with furniture to strip) under bench/out/speed/N/, and each build
runs as its own process (`python -m builder build`), timed from outside, its peak memory
read from the kernel (os.wait4: the largest resident set of the build process or any of
its workers). Measured, each `--repeat` times, medians printed:

  full       no cache, no site: everything loaded, cleaned, merged, rendered, published
  no-op      nothing changed since the last build
  one-source one source file of one story edited
  new-story  a story added, dated after all the others (a digest's daily routine), then removed
  template   layouts/base.html edited (every page renders again; no story is re-merged)

Pelican (PyPI `pelican[markdown]`, installed on first use into bench/out/pelican-venv)
builds N plain Markdown posts of the same length (each story's first report) in the same
run: from scratch (no cache), and with its content cache after one post changed. The ratio
printed is our full build's median over Pelican's. With `--per-report`, Pelican also builds
every report of every story as a post of its own (5 x N posts: as many documents as our
build reads), from scratch, and that ratio is printed too.

Wall time depends on what else the machine runs; CPU time (user + system, workers
included) is printed beside it. 5,000 stories take minutes: `--sizes 100,1000,5000`.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

PELICAN_CONF = """\
AUTHOR = "Bench"
SITENAME = "Synthetic"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 20
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
"""


# Both programs run with their bytecode cached, as installed packages do (pip compiles
# Pelican's on install): an inherited PYTHONDONTWRITEBYTECODE would make every build of
# ours, run from the source tree, compile its modules again, and only ours.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Run a command; (wall seconds, CPU seconds of it and its children, peak RSS in MiB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def prepare(n: int, seed: int) -> Path:
    work = OUT / "speed" / str(n)
    stamp = work / ".generated"
    reports = (work / "pelican-reports" / "content").is_dir()
    if not (reports and stamp.is_file() and stamp.read_text() == f"{n} {seed} {len(synth.TEMPLATES)}"):
        shutil.rmtree(work, ignore_errors=True)
        synth.generate(work, n, seed, pelican=work / "pelican")
        stamp.write_text(f"{n} {seed} {len(synth.TEMPLATES)}")
    shutil.rmtree(work / "layouts", ignore_errors=True)
    shutil.copytree(ROOT / "layouts", work / "layouts")
    for site in ("pelican", "pelican-reports"):
        (work / site / "pelicanconf.py").write_text(PELICAN_CONF)
    return work


def ours(work: Path, jobs: int | None) -> list[str]:
    cmd = [sys.executable, "-m", "builder", "build", "--config", str(work / "config.yaml")]
    return cmd + (["--jobs", str(jobs)] if jobs else [])


def reset(work: Path) -> None:
    shutil.rmtree(work / ".cache", ignore_errors=True)
    shutil.rmtree(work / "site", ignore_errors=True)


def measure_ours(work: Path, repeat: int, jobs: int | None) -> dict[str, list[tuple[float, float, int]]]:
    results: dict[str, list] = {"full": [], "no-op": [], "one-source": [], "new-story": [],
                                "template": []}
    stories = sorted((work / "content" / "stories").iterdir())
    base = work / "layouts" / "base.html"
    for i in range(repeat):
        reset(work)
        results["full"].append(run(ours(work, jobs), cwd=ROOT))
        run(ours(work, jobs), cwd=ROOT)  # settle: the first no-op after a cold build re-hashes
        results["no-op"].append(run(ours(work, jobs), cwd=ROOT))
        source = next(p for p in sorted(stories[(i * 37) % len(stories)].iterdir()) if p.suffix == ".txt")
        text, template = source.read_text(), base.read_text()
        try:
            source.write_text(text + f"\nA late paragraph, edit number {i}, adds one more fact.\n")
            results["one-source"].append(run(ours(work, jobs), cwd=ROOT))
            added = work / "content" / "stories" / "zz-new-story"
            shutil.copytree(stories[(i * 53) % len(stories)], added)
            meta = added / "story.yaml"
            meta.write_text(re.sub(r"(?m)^date:.*$", "date: 2099-12-31", meta.read_text()))
            results["new-story"].append(run(ours(work, jobs), cwd=ROOT))
            shutil.rmtree(added)
            run(ours(work, jobs), cwd=ROOT)  # back to the generated content
            base.write_text(template + f"{{# edit {i} #}}\n")
            results["template"].append(run(ours(work, jobs), cwd=ROOT))
        finally:  # the next round starts from the generated content again
            shutil.rmtree(work / "content" / "stories" / "zz-new-story", ignore_errors=True)
            source.write_text(text)
            base.write_text(template)
    return results


def pelican_python() -> Path:
    venv = OUT / "pelican-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pelican[markdown]"], check=True)
    return python


PELICAN_CMD = ["-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]


def measure_pelican(work: Path, repeat: int, per_report: bool) -> dict[str, list[tuple[float, float, int]]]:
    python = pelican_python()
    site, reports = work / "pelican", work / "pelican-reports"
    cmd = [str(python), *PELICAN_CMD]
    results: dict[str, list] = {"full": [], "one-change": []}
    if per_report:
        results["reports full"] = []
    posts = sorted((site / "content").glob("*.md"))
    for i in range(repeat):
        shutil.rmtree(site / "output", ignore_errors=True)
        shutil.rmtree(site / "cache", ignore_errors=True)
        results["full"].append(run(cmd, cwd=site))
        if per_report:
            shutil.rmtree(reports / "output", ignore_errors=True)
            shutil.rmtree(reports / "cache", ignore_errors=True)
            results["reports full"].append(run(cmd, cwd=reports))
        post = posts[(i * 37) % len(posts)]
        text = post.read_text()
        try:
            post.write_text(text + f"\nA late paragraph, edit number {i}.\n")
            results["one-change"].append(run(cmd, cwd=site))
        finally:
            post.write_text(text)
    return results


def pelican_version() -> str:
    python = OUT / "pelican-venv" / "bin" / "python"
    out = subprocess.run([str(python), "-m", "pip", "show", "pelican"], capture_output=True, text=True)
    return next((line.split()[-1] for line in out.stdout.splitlines() if line.startswith("Version")), "?")


def med(values: list[tuple[float, float, int]], at: int) -> float:
    return statistics.median(v[at] for v in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="story counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, help="passed to the build (default: one per core)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-pelican", action="store_true")
    parser.add_argument("--per-report", action="store_true",
                        help="also time Pelican on every report as its own post (5 x N posts)")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    print(f"# {time.strftime('%Y-%m-%d')}  {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}; "
          f"medians of {args.repeat}; wall s (CPU s), peak RSS MiB")
    rows = []
    for n in sizes:
        work = prepare(n, args.seed)
        ours_r = measure_ours(work, args.repeat, args.jobs)
        pel = None if args.no_pelican else measure_pelican(work, args.repeat, args.per_report)
        row = {"n": n, **{k: (med(v, 0), med(v, 1), max(x[2] for x in v)) for k, v in ours_r.items()}}
        if pel:
            row.update({f"pelican {k}": (med(v, 0), med(v, 1), max(x[2] for x in v)) for k, v in pel.items()})
        rows.append(row)
        print(f"\nN = {n} stories x 5 sources" + ("" if args.no_pelican else f"; Pelican {pelican_version()} on {n} posts"))
        for key, value in row.items():
            if key != "n":
                wall, cpu, rss = value
                print(f"  {key:<20} {wall:7.2f} s  ({cpu:6.2f} s CPU)  {rss:5d} MiB")
        if pel:
            print(f"  ratio full / Pelican full: {row['full'][0] / row['pelican full'][0]:.2f} (wall), "
                  f"{row['full'][1] / row['pelican full'][1]:.2f} (CPU)")
            if "pelican reports full" in row:
                print(f"  ratio full / Pelican on {5 * n} posts (every report): "
                      f"{row['full'][0] / row['pelican reports full'][0]:.2f} (wall), "
                      f"{row['full'][1] / row['pelican reports full'][1]:.2f} (CPU)")
        sys.stdout.flush()
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"\nscaling {a['n']} -> {b['n']} stories: full x{b['full'][0] / a['full'][0]:.2f} wall, "
              f"x{b['full'][1] / a['full'][1]:.2f} CPU (linear: x{b['n'] / a['n']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
