"""What a build would make of each story, without writing anything: the data behind `check`.

Takes: the `MergedStory`s of `pipeline.load_and_merge` (load -> clean -> merge, in memory)
and the `Diagnostics` that run collected. Gives: one `StoryReport` per story:
  - per source, what it contributed: sentences kept after cleaning, body sentences it
    shares with other sources (merged), body sentences only it carries, and what cleaning
    removed, counted per rule;
  - the merged sentences (each with the ids of every source that carries it);
  - warnings and errors: the pipeline's own diagnostics for files of this story
    (clean.mostly-furniture, merge.single-source, unreadable sources, ...), by file and
    line: the same ones a build gives, so `check --strict` and `build --strict` agree;
  - notes: missing source metadata (outlet, url, published date), which a reader needs to
    check a footnote but a text dump often cannot give.

Nothing here prints or writes; `builder/commands/check.py` formats the reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from builder.merge.evidence import Evidence, evidence
from builder.merge import report_sentences
from builder.merge.normalise import Features
from builder.build.story import MergedStory
from builder.model import Article, Diagnostic, Diagnostics, SourceEntry, in_file_order

# Source metadata whose absence is worth a warning: a footnote without them cannot be checked.
REQUIRED_META = (("outlet", "outlet"), ("url", "url"), ("published", "published date"))
_FLAGS = {"outlet": "--outlet O", "url": "--url U", "published": "--date YYYY-MM-DD"}


@dataclass(frozen=True, slots=True)
class SourceReport:
    id: int
    file: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    sentences_kept: int  # sentences left after cleaning
    merged: int  # body sentences this source shares with at least one other source
    only_here: int  # body sentences no other source carries
    in_more: int  # sentences in "more from the reports", after the story
    used: int  # of sentences_kept, those the page draws on (the evidence its sentences cite)
    left_out: int  # the rest of sentences_kept: repeats folded into others, or left out
    removed: dict[str, int]  # rule id -> blocks removed by it
    removed_words: int
    copy_of: int | None  # the source this one republishes (a syndicated copy), if any


@dataclass(frozen=True, slots=True)
class MergedSentence:
    text: str
    sources: tuple[int, ...]
    # Where the reports give different figures: (source id, its figures).
    variants: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class OrderedSentence:
    """A sentence of the story in reading order, with each citation's evidence."""

    part: str  # "body" | "more"
    text: str
    sources: tuple[int, ...]
    support: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class StoryReport:
    slug: str
    title: str
    folder: str
    body_sentences: int
    sources: tuple[SourceReport, ...]
    merged: tuple[MergedSentence, ...]
    excluded: tuple[tuple[str, str], ...]  # (file, why) kept out of the merge: off topic
    warnings: tuple[Diagnostic, ...]
    errors: tuple[Diagnostic, ...]
    # What the curator may want to add (a missing url or date): shown, never a warning, so
    # that `check --strict` fails exactly when `build --strict` does.
    notes: tuple[Diagnostic, ...] = ()
    # The page in order (body, then "more"), each citation with its evidence, and the brief.
    order: tuple[OrderedSentence, ...] = ()
    brief: tuple[MergedSentence, ...] = ()


def story_reports(
    merged: tuple[MergedStory, ...], diags: Diagnostics, folders: dict[str, Path]
) -> tuple[StoryReport, ...]:
    """One report per merged story; `folders` maps slug -> story folder (for its diagnostics)."""
    return tuple(_report(item, diags, folders[item.story.slug]) for item in merged)


def diagnostics_under(diags: Diagnostics, folder: Path) -> list[Diagnostic]:
    """The diagnostics about `folder` or a file in it."""
    root = str(folder)
    return [d for d in diags.items if d.path and (d.path == root or d.path.startswith(root + "/"))]


def _report(item: MergedStory, diags: Diagnostics, folder: Path) -> StoryReport:
    story = item.story
    articles = {a.file: a for a in item.articles}
    sentences = [s for block in story.body for s in block.sentences]
    extra = [s for block in story.more for s in block.sentences]
    own = diagnostics_under(diags, folder)
    notes = []
    for entry in story.sources:
        missing = [label for key, label in REQUIRED_META if not getattr(entry.meta, key)]
        if missing:
            notes.append(
                Diagnostic(
                    "note",
                    str(folder / entry.file),
                    None,
                    f"no {', no '.join(missing)}: add it under sources: in story.yaml, or "
                    f"with: python -m builder add {story.slug} {_shown(folder / entry.file)} "
                    + " ".join(_FLAGS[key] for key, _ in REQUIRED_META
                               if not getattr(entry.meta, key)),
                    rule="check.missing-meta",
                )
            )
    merged = tuple(
        MergedSentence(s.text, s.sources, s.variants) for s in sentences if len(s.sources) > 1
    )
    reports = {e.id: report_sentences(articles[e.file]) for e in story.sources if e.file in articles}
    order = tuple(
        OrderedSentence(part, s.text, s.sources, evidence(s, reports))
        for part, blocks in (("body", story.body), ("more", story.more))
        for block in blocks if block.kind != "heading" for s in block.sentences
    )
    drawn: dict[int, list[str]] = {}  # source id -> its sentences the page draws on
    for sentence in order:
        for e in sentence.support:
            drawn.setdefault(e.source, []).append(e.text)
    sources = tuple(
        _source_report(e, articles.get(e.file), sentences, extra, reports.get(e.id, []),
                       drawn.get(e.id, []))
        for e in story.sources
    )
    return StoryReport(
        order=order,
        brief=tuple(MergedSentence(s.text, s.sources, s.variants) for s in story.brief),
        slug=story.slug,
        title=story.title,
        folder=str(folder),
        body_sentences=len(sentences),
        sources=sources,
        merged=merged,
        excluded=story.excluded,
        warnings=tuple(sorted((d for d in own if d.level == "warning"), key=in_file_order)),
        errors=tuple(sorted((d for d in own if d.level == "error"), key=in_file_order)),
        notes=tuple(notes),
    )


def _shown(path: Path) -> str:
    """`path` relative to the working folder when it is inside it (for a command to copy)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _source_report(
    entry: SourceEntry, article: Article | None, sentences: list, extra: list,
    own: list[Features], drawn: list[str],
) -> SourceReport:
    """`sentences`: the story's body; `extra`: its "more from the reports"; `own`: the
    report's sentences; `drawn`: the evidence the page's sentences cite from it."""
    citing = [s for s in sentences if entry.id in s.sources]
    in_more = sum(1 for s in extra if entry.id in s.sources)
    kept = len(own)
    used = sum(1 for f in own if any(f.text in text for text in drawn))
    return SourceReport(
        id=entry.id,
        file=entry.file,
        outlet=entry.meta.outlet,
        title=entry.meta.title,
        url=entry.meta.url,
        published=entry.meta.published,
        sentences_kept=kept,
        merged=sum(1 for s in citing if len(s.sources) > 1),
        only_here=sum(1 for s in citing if len(s.sources) == 1),
        in_more=in_more,
        used=used,
        left_out=kept - used,
        removed=dict(sorted(Counter(r.rule for r in entry.removed).items())),
        removed_words=sum(len(r.text.split()) for r in entry.removed),
        copy_of=entry.copy_of,
    )
