"""`python -m builder check [SLUG...] [--json] [--strict]`: what a build would make of each story.

Takes: the config (and optionally the slugs of the stories to check). Gives (stdout): per
story, what each source contributed, what cleaning removed and by which rule, which
sentences were merged from several sources, and every warning and error; with --json,
the same as one JSON object. Runs load -> clean -> merge in memory
(`pipeline.load_and_merge`): site/ is never written.

Exit status: 0 when no errors were found, 1 when there are errors (or, with --strict,
warnings), 2 for a bad config or an unknown slug. Meant for CI as well as for curators.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from builder.commands.common import command_parser, plural
from builder.model import Diagnostic, Diagnostics, in_file_order

if TYPE_CHECKING:
    from builder.commands.check_report import SourceReport, StoryReport

EPILOG = """examples:
  python -m builder check                      every story
  python -m builder check harbour-bridge-closure --json
  python -m builder check --strict             fail on warnings too (for CI)"""

TEXT_WIDTH = 100


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `check` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "check", run,
        help="report what each source contributes, what was removed, and problems",
        description="Check stories without building: per source, the sentences kept, merged "
        "and only found there; what cleaning removed, per rule; the merged sentences; and "
        "warnings (missing outlet, url or date, a source that is mostly furniture, a story "
        "with one source). Nothing is written.",
        epilog=EPILOG,
    )
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="stories to check (default: all)")
    parser.add_argument("--json", action="store_true", help="print one JSON object, for tools")
    parser.add_argument("--strict", action="store_true", help="exit non-zero on warnings too")
    return parser


def run(args: argparse.Namespace) -> int:
    from builder.commands.check_report import story_reports
    from builder.commands.common import config_or_report
    from builder.build.pipeline import load_and_merge

    config = config_or_report(args.config)
    if config is None:
        return 2
    stories_dir = config.content_dir / "stories"
    only = frozenset(args.slugs) if args.slugs else None
    if only:
        known = (
            sorted(p.name for p in stories_dir.iterdir() if p.is_dir())
            if stories_dir.is_dir()
            else []
        )
        unknown = sorted(only - set(known))
        for slug in unknown:
            hint = difflib.get_close_matches(slug, known, n=1)
            print(
                f"error: no story {slug!r} in {stories_dir}"
                + (f" (did you mean {hint[0]!r}?)" if hint else ""),
                file=sys.stderr,
            )
        if unknown:
            return 2
    diags = Diagnostics()
    merged = load_and_merge(config, diags, only)
    folders = {item.story.slug: stories_dir / item.story.slug for item in merged}
    reports = story_reports(merged, diags, folders)
    # Problems that belong to no checked story (a story folder that could not be loaded at
    # all, a missing stories folder) still count.
    claimed = {id(d) for r in reports for d in (*r.warnings, *r.errors)}
    loose = [d for d in diags.items if id(d) not in claimed and _concerns(d, only, stories_dir)]
    loose.sort(key=in_file_order)
    errors = sum(len(r.errors) for r in reports) + sum(d.level == "error" for d in loose)
    warnings = sum(len(r.warnings) for r in reports) + sum(d.level == "warning" for d in loose)
    notes = sum(len(r.notes) for r in reports)
    try:
        if args.json:
            print(
                json.dumps(_as_json(reports, loose, errors, warnings), ensure_ascii=False, indent=1)
            )
        else:
            for report in reports:
                print("\n".join(_text(report)))
                print()
            for diagnostic in loose:
                print(_relative(diagnostic))
            print(f"checked {plural(len(reports), 'story')}: {plural(errors, 'error')}, "
                  f"{plural(warnings, 'warning')}" + (f", {plural(notes, 'note')}" if notes else ""))
        sys.stdout.flush()
    except BrokenPipeError:  # `check | head`: the reader has gone; stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    failed = errors > 0 or (args.strict and warnings > 0)
    return 1 if failed else 0


def _concerns(d: Diagnostic, only: frozenset[str] | None, stories_dir: Path) -> bool:
    if only is None:
        return True
    return any(
        d.path
        and (d.path == str(stories_dir / slug) or d.path.startswith(f"{stories_dir / slug}/"))
        for slug in only
    )


def _text(report: StoryReport) -> list[str]:
    lines = [
        f"{report.slug}: {report.title}",
        (
            f"  {len(report.sources)} sources, {report.body_sentences} sentences in the story, "
            f"{len(report.merged)} of them merged from several sources"
        ),
    ]
    lines.append("  sources:")
    for s in report.sources:
        said = ", ".join(x for x in (s.outlet, s.published) if x) or "no outlet or date"
        copy = f"; a copy of [{s.copy_of}]" if s.copy_of else ""
        lines.append(f"    [{s.id}] {s.file} ({said}{copy})")
        lines.append(f"        {_contribution(s)}")
        if s.removed:
            rules = ", ".join(f"{rule} {n}" for rule, n in s.removed.items())
            lines.append(
                f"        removed {plural(sum(s.removed.values()), 'block')} "
                f"({plural(s.removed_words, 'word')}): {rules}"
            )
        else:
            lines.append("        nothing removed")
    for file, why in report.excluded:
        lines.append(f"  kept out of the merge: {file}: {why}")
    if report.merged:
        lines.append("  merged sentences:")
        for m in report.merged:
            ids = ",".join(str(i) for i in m.sources)
            lines.append(f"    [{ids}] {_short(m.text)}")
            if m.variants:
                differ = "; ".join(f"[{i}] {figures}" for i, figures in m.variants)
                lines.append(f"        figures differ: {differ}")
    lines.extend(_order(report))
    for d in (*report.errors, *report.warnings, *report.notes):
        lines.append(f"  {_relative(d)}")
    return lines


def _contribution(s: SourceReport) -> str:
    """What became of a source's sentences (parts that add up to the sentences kept), then
    the page's sentences that cite it."""
    page = [f"{s.merged} with other sources", f"{s.only_here} only from it"]
    if s.in_more:
        page.append(f"{s.in_more} in 'more from the reports'")
    return (f"{plural(s.sentences_kept, 'sentence')} kept: {s.used} used on the page, "
            f"{s.left_out} not (repeats or left out by the merge); the page's sentences citing "
            f"it: " + ", ".join(page))


def _order(report: StoryReport) -> list[str]:
    """The brief, then the page in reading order with each citation's evidence."""
    lines = []
    if report.brief:
        lines.append("  in brief:")
        lines.extend(f"    [{','.join(map(str, b.sources))}] {_short(b.text)}" for b in report.brief)
    part = None
    for n, s in enumerate(report.order, 1):
        if s.part != part:
            part = s.part
            lines.append("  the story, in order:" if part == "body" else "  more from the reports:")
        lines.append(f"    {n}. [{','.join(map(str, s.sources))}] {_short(s.text)}")
        for e in s.support:
            lacks = f"; lacks {', '.join(e.missing)}" if e.missing else ""
            lines.append(f"         [{e.source}] {e.share:.0%} of its words{lacks}: {_short(e.text)}")
    return lines


def _relative(d: Diagnostic) -> Diagnostic:
    """The diagnostic with its path relative to the working folder, when it is inside it."""
    if not d.path:
        return d
    try:
        path = str(Path(d.path).relative_to(Path.cwd()))
    except ValueError:
        return d
    return dataclasses.replace(d, path=path)


def _short(text: str) -> str:
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1].rstrip() + "…"


def _as_json(
    reports: tuple[StoryReport, ...], loose: list[Diagnostic], errors: int, warnings: int
) -> dict:
    def diag(d: Diagnostic) -> dict:
        return dataclasses.asdict(d)

    stories = []
    for r in reports:
        data = dataclasses.asdict(r)
        data["warnings"] = [diag(d) for d in r.warnings]
        data["errors"] = [diag(d) for d in r.errors]
        data["notes"] = [diag(d) for d in r.notes]
        stories.append(data)
    return {
        "stories": stories,
        "other": [diag(d) for d in loose],
        "errors": errors,
        "warnings": warnings,
    }
