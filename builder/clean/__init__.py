"""Stage 2, clean: strip the page furniture from one report.

Takes: a `SourceDoc` (text dump, saved page or Markdown), the `RuleSet`, the build's
`Diagnostics` and the per-source `Limits`. Gives: an `Article`: the body blocks kept, every
block removed with the rule that removed it, the "Relevant articles" entries, and metadata
(the curator's first, then what the source says about itself; never invented). Raises
`SourceRejected` (too large, nested too deep) for a source the caller must skip.

Order matters: encoding repairs (rules.yaml `repairs`, then the quotation marks a paragraph
mixes, builder/clean/quotes.py) before anything reads a block; data
rules (rules.yaml) next, since they name teaser headings the teaser
heuristic builds on; then the computed heuristics; then short lines between paragraphs
become sub-headings; last, datelines and outlet credits are cut from the start of the
paragraphs kept (builder/clean/ledes.py), once the report's outlet is known, and the
writer's first-person asides are dropped from them sentence by sentence
(builder/clean/asides.py).
"""

from __future__ import annotations

from dataclasses import replace

from builder.clean import asides
from builder.clean import heuristics as h
from builder.clean import release_tail
from builder.clean.caps import cap_sentences, cap_words
from builder.clean.ledes import cut_ledes
from builder.clean.quotes import RULE as QUOTE_MARKS
from builder.clean.quotes import mend_quote_marks
from builder.clean.rules import RuleSet, load_rules
from builder.clean.textblocks import text_blocks
from builder.clean.textregion import article_region, stray_headline
from builder.load.htmlparse import SourceRejected, SourceTooDeep, SourceTooLarge
from builder.model import Article, Block, Diagnostics, Limits, Removed, SourceDoc, SourceMeta

__all__ = ["clean", "load_rules", "RuleSet", "SourceRejected", "rejection_rule"]

MOSTLY_FURNITURE = 0.8  # share of a source's words removed before a curator is warned
# ... when what is left is also too little to be a report: a news report, however short,
# says several things. A short article on a page heavy with menus and teasers (a real
# page: 730 of 901 words are furniture, 9 sentences kept) is not warned about.
MIN_ARTICLE_SENTENCES = 3


def clean(
    doc: SourceDoc, rules: RuleSet, diags: Diagnostics, limits: Limits = Limits()
) -> Article:
    blocks, pre_removed, page_meta, find_title = _blocks_of(doc, limits, diags)
    blocks = cap_words(blocks, doc.path, limits, diags)
    blocks = _repaired(blocks, rules)
    verdicts: h.Verdicts = {}
    for i, block in enumerate(blocks):
        rule = rules.first_match(block.text)
        if rule:
            verdicts[i] = h.Verdict(rule.id, rule.reason)
    found, title = h.title_and_breadcrumbs(blocks, doc.meta.title or page_meta.title, find_title,
                                           furniture=verdicts)
    _add(verdicts, found)
    _add(verdicts, h.teaser_runs(blocks, verdicts))
    _add(verdicts, h.related_lists(blocks, rules, verdicts))
    _add(verdicts, h.captions(blocks, rules, verdicts))
    _add(verdicts, h.key_point_summaries(blocks, verdicts))
    if rules.enabled(release_tail.RULE):
        _add(verdicts, release_tail.release_tail(blocks, verdicts))
    if doc.kind == "text" and rules.enabled("text.article-region"):
        region = article_region(blocks, verdicts)
        _add(verdicts, region)
        stray = stray_headline(blocks, verdicts, region)
        if stray:  # the "headline" was the first item of the page's menu
            verdicts.update(stray)
            if not doc.meta.title:  # its repeats are that menu item again (menus repeat)
                menu = next(iter(stray.values()))
                for i, verdict in verdicts.items():
                    if verdict.rule == "title.repeated":
                        verdicts[i] = menu
            title = doc.meta.title
    if rules.enabled(h.LEAD_IN):
        _add(verdicts, h.dangling_lead_ins(blocks, verdicts))
    blocks = h.promote_headings(blocks, verdicts)

    removed = list(pre_removed)
    related = []
    clue_outlet = None
    for i, block in enumerate(blocks):
        verdict = verdicts.get(i)
        if verdict is None:
            continue
        removed.append(Removed(verdict.rule, verdict.reason, block.text, block.line))
        if verdict.rule == "related.entry":
            related.append(block.text)
        if verdict.reason == "boilerplate" and clue_outlet is None:
            clue_outlet = rules.outlet_named_in(block.text)
    kept = tuple(b for i, b in enumerate(blocks) if i not in verdicts)

    derived = SourceMeta(outlet=clue_outlet, title=title).merged_over(page_meta)
    meta = doc.meta.merged_over(derived)
    kept, cut = cut_ledes(kept, rules, meta)
    removed.extend(cut)
    kept, cut = asides.drop_asides(kept, rules.disabled)
    removed.extend(cut)
    _warn_if_mostly_furniture(doc, kept, removed, diags)
    article = Article(doc.file, doc.kind, meta, kept, tuple(removed), tuple(related))
    return cap_sentences(article, doc.path, limits, diags)


def _sentence_count(blocks: tuple[Block, ...]) -> int:
    """Sentences in the text blocks (headings not counted), split as the merge splits them."""
    from builder.merge.sentences import split_sentences

    return sum(1 for b in blocks if b.kind != "heading"
               for part in split_sentences(b.text) if part.strip())


def _repaired(blocks: tuple[Block, ...], rules: RuleSet) -> tuple[Block, ...]:
    """Each block with the rules.yaml repairs made, then its quotation marks mended."""
    quotes = rules.enabled(QUOTE_MARKS)
    if not rules.repairs and not quotes:
        return blocks
    out = []
    for block in blocks:
        fixed = rules.repaired(block.text)
        if quotes:
            fixed = mend_quote_marks(fixed)
        out.append(block if fixed == block.text else replace(block, text=fixed))
    return tuple(out)


def _add(verdicts: h.Verdicts, more: h.Verdicts) -> None:
    for i, verdict in more.items():
        verdicts.setdefault(i, verdict)


def rejection_rule(err: SourceRejected) -> str:
    """The diagnostic rule id for a source skipped because it broke a limit."""
    if isinstance(err, SourceTooLarge):
        return "source.too-large"
    if isinstance(err, SourceTooDeep):
        return "source.too-deep"
    return "source.rejected"


def _blocks_of(
    doc: SourceDoc, limits: Limits, diags: Diagnostics
) -> tuple[tuple[Block, ...], tuple[Removed, ...], SourceMeta, bool]:
    """The candidate blocks of a source, what its parser already dropped, and its own metadata."""
    if doc.kind == "text":
        return text_blocks(doc.text), (), SourceMeta(), True
    if doc.kind == "markdown":
        # Imported here: Python-Markdown and BeautifulSoup cost ~0.1 s to import, which a
        # build that cleans no Markdown source (or nothing: all cached) should not pay.
        from builder.clean.markdown_blocks import markdown_blocks

        converted = markdown_blocks(doc.text, doc.line_offset + 1)
        if converted.fallback:
            diags.warning(doc.path, f"read as plain text, not Markdown: {converted.fallback}",
                          rule="source.markdown-too-complex")
        return converted.blocks, (), SourceMeta(), True
    from builder.clean.html_extract import extract_html

    page = extract_html(doc.text, limits=limits)
    return page.blocks, page.removed, page.meta, False


def _warn_if_mostly_furniture(
    doc: SourceDoc, kept: tuple[Block, ...], removed: list[Removed], diags: Diagnostics
) -> None:
    removed_words = sum(len(r.text.split()) for r in removed)
    kept_words = 0
    if removed_words:
        # Counted only until the share removed is known to be at most MOSTLY_FURNITURE:
        # more kept words only lower it (performance: the kept text is most of a report).
        for b in kept:
            kept_words += len(b.text.split())
            if removed_words / (kept_words + removed_words) <= MOSTLY_FURNITURE:
                break
    total = kept_words + removed_words
    if total and removed_words / total > MOSTLY_FURNITURE:
        left = _sentence_count(kept)
        if left < MIN_ARTICLE_SENTENCES:
            diags.warning(
                doc.path,
                f"{removed_words} of {total} words removed as furniture and "
                f"{left} sentence{'' if left == 1 else 's'} left: is this the article page?",
                rule="clean.mostly-furniture",
            )
    if not kept:
        diags.warning(doc.path, "nothing left after cleaning", rule="clean.empty")
