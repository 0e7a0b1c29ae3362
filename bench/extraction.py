"""Main-text extraction benchmark: extract every dev page, score it against the gold text.

    python bench/extraction.py [--pages DIR] [--out DIR] [--runs N] [--worst N] [--text]

Takes: a benchmark root (default <repo>/../shared/bench/extraction, with pages/<id>.html.gz
and gold/<id>.txt).
Gives: <out>/<id>.txt predictions (paragraphs separated by blank lines; default out dir
bench/out/extraction or bench/out/extraction-text), the scorer's P/R/F1 line
(<repo>/../shared/tools/score_extraction.py), and pages per second on one core: only the
extraction is timed, the median over --runs runs in this single process, each run starting
with an empty memo of class-name judgements (as a fresh build would).

--text: the plain-text route instead. Each page is first dumped to text the way a curator's
"save as text" would (all visible text, one block per line), and the TEXT cleaner
(builder.clean.clean on a SourceDoc of kind "text") cleans the dump.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder.clean.html_blocks import judge_token  # noqa: E402
from builder.clean.html_extract import extract_html  # noqa: E402
from builder.clean.html_text_dump import visible_text_lines  # noqa: E402

DEFAULT_PAGES = REPO.parent / "shared" / "bench" / "extraction"
SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="benchmark root")
    ap.add_argument("--out", type=Path, default=None, help="prediction dir")
    ap.add_argument("--runs", type=int, default=3, help="timed runs (median is reported)")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    ap.add_argument("--text", action="store_true", help="clean text dumps with the text cleaner")
    ap.add_argument("--parsers", action="store_true", help="only time the candidate parsers")
    args = ap.parse_args(argv)

    page_dir = args.pages / "pages" if (args.pages / "pages").is_dir() else args.pages
    files = sorted(page_dir.glob("*.html.gz"))
    if not files:
        print(f"{page_dir}: no .html.gz pages", file=sys.stderr)
        return 2
    pages = {f.name.removesuffix(".html.gz"): _read(f) for f in files}
    if args.parsers:
        return _time_parsers(list(pages.values()), args.runs)
    out = args.out or REPO / "bench" / "out" / ("extraction-text" if args.text else "extraction")
    out.mkdir(parents=True, exist_ok=True)

    extract = _text_route() if args.text else _html_route
    timings = []
    cpu_timings = []
    texts: dict[str, str] = {}
    extract(next(iter(pages.values())))  # warm-up: imports, vocabulary load
    for _ in range(max(1, args.runs)):
        # Each run starts with an empty class-name memo, as a fresh build process would.
        judge_token.cache_clear()
        start, cpu_start = time.perf_counter(), time.process_time()
        texts = {pid: extract(html) for pid, html in pages.items()}
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu_start)
    for pid, text in texts.items():
        (out / f"{pid}.txt").write_text(text, encoding="utf-8")

    median = statistics.median(timings)
    cpu_median = statistics.median(cpu_timings)
    label = "text-dump+clean" if args.text else "extract_html"
    cmd = [sys.executable, str(SCORER), str(args.pages), str(out), "--label", label]
    if args.worst:
        cmd += ["--worst", str(args.worst)]
    scored = subprocess.run(cmd, check=False)
    print(
        f"{label}: {len(pages)} pages, median {median:.3f} s over {len(timings)} runs "
        f"= {len(pages) / median:.1f} pages/s on one core "
        f"(CPU time of this process: {len(pages) / cpu_median:.1f} pages/s; the two differ "
        f"when other processes compete for the cores)"
    )
    return scored.returncode


def _time_parsers(pages: list[str], runs: int) -> int:
    """Parse-only speed of lxml.html and BeautifulSoup (lxml and html.parser back ends)."""
    import lxml.html
    from bs4 import BeautifulSoup

    candidates = {
        "lxml.html.document_fromstring": lxml.html.document_fromstring,
        "BeautifulSoup(page, 'lxml')": lambda page: BeautifulSoup(page, "lxml"),
        "BeautifulSoup(page, 'html.parser')": lambda page: BeautifulSoup(page, "html.parser"),
    }
    size = sum(len(page) for page in pages) / len(pages) / 1000
    print(f"{len(pages)} pages, {size:.0f} K characters on average; parse only, one core")
    for name, parse in candidates.items():
        timings = []
        for _ in range(max(1, runs)):
            start = time.perf_counter()
            for page in pages:
                parse(page)
            timings.append(time.perf_counter() - start)
        print(f"  {name:<38} {len(pages) / statistics.median(timings):7.1f} pages/s")
    return 0


def _read(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def _html_route(html: str) -> str:
    return "\n\n".join(block.text for block in extract_html(html).blocks)


def _text_route() -> Callable[[str], str]:
    """Dump each page to text, then clean it with main's text cleaner (builder.clean.clean)."""
    try:
        from builder.clean import clean  # the other engineer's text cleaner
    except ImportError:
        print("builder.clean.clean is not available on this branch yet; --text scores the "
              "uncleaned dump", file=sys.stderr)
        return lambda html: "\n\n".join(visible_text_lines(html))
    return lambda html: _clean_dump(clean, html)


def _clean_dump(clean: Callable, html: str) -> str:
    from builder.model import Diagnostics, SourceDoc

    doc = SourceDoc(path=Path("page.txt"), kind="text", text="\n".join(visible_text_lines(html)))
    article = _call_clean(clean, doc, Diagnostics())
    return "\n\n".join(block.text for block in article.blocks)


def _call_clean(clean: Callable, doc: object, diags: object) -> object:
    """builder.clean.clean(doc, rules, diags): rules default when the signature allows."""
    try:
        from builder.clean import load_rules  # type: ignore[attr-defined]
    except ImportError:
        return clean(doc, None, diags)
    return clean(doc, load_rules(), diags)


if __name__ == "__main__":
    sys.exit(main())
