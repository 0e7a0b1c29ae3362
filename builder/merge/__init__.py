"""Stage 3, merge: several cleaned reports of one story -> one deduplicated, cited `Story`.

Takes: the `StoryInput` (the curator's title, dek, date, tags), the cleaned `Article`s and
the build's `Diagnostics`. Gives: a `Story` whose sources are numbered, with a brief, a
body and a `more` part whose sentences each cite the reports that state them in full
(builder/merge/compose.py names the steps).

Numbering is by publication date, then outlet, then headline, so it does not depend on
file names or the order files were read in; the backbone is chosen by content, not position.
"""

from __future__ import annotations

from itertools import chain

from builder.merge.compose import compose
from builder.merge.normalise import Features, display_form, features
from builder.merge.provenance import copies, off_topic
from builder.merge.sentences import split_sentences
from builder.merge.units import Piece, speakers_kept, whole_quotations
from builder.model import Article, Diagnostics, SourceEntry, Story, StoryInput

__all__ = ["merge", "report_sentences"]


def merge(story: StoryInput, articles: tuple[Article, ...], diags: Diagnostics) -> Story:
    memo = _Memo()
    measured = {a.file: _sentences(a, memo) for a in articles}
    excluded = tuple(
        (o.file, o.reason)
        for o in off_topic(articles, {f: _block_content(s) for f, s in measured.items()})
    )
    for file, reason in excluded:
        diags.warning(story.folder / file, f"off topic, kept out of the merge: {reason}",
                      rule="merge.off-topic")
    articles = tuple(a for a in articles if a.file not in {f for f, _ in excluded})
    ordered = sorted(articles, key=_source_order)
    ids = {a.file: i for i, a in enumerate(ordered, 1)}
    copied = copies(ordered, {
        a.file: tuple(chain.from_iterable(feat.words for _, _, feat in measured[a.file]))
        for a in ordered
    })
    entries = tuple(
        SourceEntry(i, a.file, a.meta, a.removed, a.related,
                    ids[copied[a.file]] if a.file in copied else None)
        for i, a in enumerate(ordered, 1)
    )
    reports = [
        [Piece(i, n, block, kind, feat) for n, (block, kind, feat) in enumerate(measured[a.file])]
        for i, a in enumerate(ordered, 1)
    ]
    spine_first = sorted(
        (r for r in reports if r),
        key=lambda r: (-sum(len(u.feat.content) for u in r), _fingerprint(r)),
    )
    original = {e.id: e.copy_of for e in entries if e.copy_of is not None}
    title = story.title or (ordered and _spine_title(ordered, spine_first)) or story.slug
    body, more, in_brief = compose(story, ordered, spine_first, original, title)
    if len(articles) == 1:
        diags.warning(story.folder, "this story has a single source: nothing to merge",
                      rule="merge.single-source")
    if story.lead and story.lead not in {a.file for a in ordered}:
        diags.warning(story.folder / "story.yaml",
                      f"lead: {story.lead!r} is not a report of this story (or was kept out); "
                      "the story leads with what most reports open with",
                      rule="merge.unknown-lead")
    dates = sorted(a.meta.published for a in ordered if a.meta.published)
    return Story(
        slug=story.slug,
        title=title,
        dek=story.dek,
        date=story.date or (dates[-1] if dates else None),
        tags=story.tags,
        sources=entries,
        body=body,
        excluded=excluded,
        draft=story.draft,
        brief=in_brief,
        more=more,
        image=story.image,
    )


def _fingerprint(report: list[Piece]) -> str:
    """A content-only tie-break, so equal-sized reports are ordered the same whatever their names."""
    return "\n".join(u.feat.folded for u in report)


def _source_order(article: Article) -> tuple:
    m = article.meta
    return (m.published or "9999", (m.outlet or "").casefold(), (m.title or "").casefold(),
            article.file)


def report_sentences(article: Article) -> list[Features]:
    """One report's sentences exactly as the merge reads them (quotations whole, a bare
    quotation joined to its speaker's): what `check` counts and cites from."""
    return [feat for _, _, feat in _sentences(article, _Memo())]


class _Memo:
    """Sentences of each distinct block, features of each distinct sentence: for one story."""

    def __init__(self) -> None:
        self.pieces: dict[tuple[str, str], list[str]] = {}
        self.features: dict[str, Features] = {}


def _sentences(article: Article, memo: _Memo) -> list[tuple[int, str, Features]]:
    """(block index, block kind, features) of each sentence of a report, in order.

    `memo` is shared by the story's reports: outlets print many paragraphs and sentences
    word for word (wire copy), and each distinct one is split and measured once
    (performance only: both steps are pure)."""
    found: list[tuple[int, str, str]] = []
    for index, block in enumerate(article.blocks):
        pieces = memo.pieces.get((block.kind, block.text))
        if pieces is None:
            text = display_form(block.text)
            pieces = [text] if block.kind == "heading" else split_sentences(text)
            pieces = memo.pieces[block.kind, block.text] = [p for p in pieces if p.strip()]
        found.extend((index, block.kind, piece) for piece in pieces)
    out = []
    whole = whole_quotations([(kind, text) for _, kind, text in found])
    for lo, _, piece in speakers_kept(whole, [block for block, _, _ in found]):
        feat = memo.features.get(piece)
        if feat is None:
            feat = memo.features[piece] = features(piece)
        out.append((found[lo][0], found[lo][1], feat))
    return out


def _block_content(sentences: list[tuple[int, str, Features]]) -> list[frozenset[str]]:
    """Each block's content words: the union of its sentences' (a block splits at spaces,
    so its words are its sentences' words)."""
    blocks: dict[int, frozenset[str]] = {}
    for block, _, feat in sentences:
        blocks[block] = blocks.get(block, frozenset()) | feat.content
    return list(blocks.values())


def _spine_title(ordered: list[Article], spine_first: list[list[Piece]]) -> str | None:
    if not spine_first:
        return None
    spine_id = spine_first[0][0].source
    return ordered[spine_id - 1].meta.title
