"""What is still too big once a report is cleaned: at most `Limits.max_sentences` sentences.

Takes: a cleaned `Article`, its path, the `Limits` and the build's `Diagnostics`. Gives:
the Article with its text cut after the first `max_sentences` sentences in reading order
(a block that straddles the cap keeps its sentences up to it), and a warning naming the
file (rule `limits.sentences`); an Article within the cap comes back as it was.

Why a cap: the merge compares a report's sentences with every other report's, so one
report of tens of thousands of sentences (a log, a scraped index, a flood meant to stall
the build) costs minutes; a long news article has a few hundred. The rest of the story,
and of the site, is built as usual.

Sentences are counted as the merge splits them (`merge.sentences.split_sentences`); most
reports are shown to be within the cap by counting their sentence-ending marks, an upper
bound on their sentences, without splitting anything.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from builder.model import Article, Block, Diagnostics, Limits

RULE = "limits.sentences"
# merge.sentences.END_CHARS (tested equal), kept here so that cleaning, which runs for
# every report, does not import the merge only to count.
END_CHARS = ".!?…。！？"


def _most_sentences(text: str) -> int:
    """An upper bound on the sentences of one block: every sentence but the last ends with
    one of END_CHARS."""
    return 1 + sum(text.count(mark) for mark in END_CHARS)


def cap_sentences(article: Article, path: Path, limits: Limits, diags: Diagnostics) -> Article:
    cap = limits.max_sentences
    if sum(_most_sentences(b.text) for b in article.blocks) <= cap:
        return article
    from builder.merge.sentences import split_sentences  # only for a report this long

    kept: list[Block] = []
    total = 0
    for block in article.blocks:
        sentences = split_sentences(block.text)
        room = cap - total
        if 0 < room < len(sentences):
            kept.append(replace(block, text=" ".join(sentences[:room])))
        elif room >= len(sentences):
            kept.append(block)
        total += len(sentences)
    if total <= cap:
        return article
    diags.warning(path, f"{total:,} sentences, over the limit of {cap:,} "
                        "(limits.max_sentences_per_report in config.yaml): only the first "
                        f"{cap:,} are merged", rule=RULE)
    return replace(article, blocks=tuple(kept))
