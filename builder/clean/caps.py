"""What is still too big in one report: caps on its words and on its sentences.

Takes: a report's blocks as read (`cap_words`) or its cleaned `Article` (`cap_sentences`),
its path, the `Limits` and the build's `Diagnostics`. Gives: the blocks cut after the
first `max_words` words, before cleaning (so cleaning's cost is bounded too), and the
Article cut after the first `max_sentences` sentences, after cleaning (furniture does not
count), in reading order (a block that straddles a cap keeps what comes before it), with a
warning naming the file for each cap it met (rules `limits.words`, `limits.sentences`);
what is within the caps comes back as it was.

Why caps: the merge compares a report's sentences with every other report's and works out
features of every word, so one report of tens of thousands of sentences (a log, a scraped
index, a flood meant to stall the build), or megabytes of words with no sentence end (10 MB
of random bytes read as a legacy charset), costs minutes; a long news article has a few
hundred sentences and a few thousand words. The rest of the story, and of the site, is
built as usual.

Sentences are counted as the merge splits them (`merge.sentences.split_sentences`); most
reports are shown to be within the cap by counting their sentence-ending marks, an upper
bound on their sentences, without splitting anything. Words are runs of letters and
digits, as the merge finds them (a megabyte of symbols between letters is many words).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from pathlib import Path

from builder.model import Article, Block, Diagnostics, Limits

# merge.sentences.END_CHARS (tested equal), kept here so that cleaning, which runs for
# every report, does not import the merge only to count.
END_CHARS = ".!?…。！？"
WORD = re.compile(r"\w+")  # as the merge finds words (merge.normalise.PLAIN_WORD)


def _most_sentences(text: str) -> int:
    """An upper bound on the sentences of one block: every sentence but the last ends with
    one of END_CHARS."""
    return 1 + sum(text.count(mark) for mark in END_CHARS)


def cap_sentences(article: Article, path: Path, limits: Limits, diags: Diagnostics) -> Article:
    cap = limits.max_sentences
    if sum(_most_sentences(b.text) for b in article.blocks) <= cap:
        return article
    from builder.merge.sentences import split_sentences  # only for a report this long

    blocks = article.blocks
    kept: list[Block] = []
    total = 0
    for block in blocks:
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
                        f"{cap:,} are merged", rule="limits.sentences")
    return replace(article, blocks=tuple(kept))


def cap_words(blocks: tuple[Block, ...], path: Path, limits: Limits, diags: Diagnostics) -> tuple[Block, ...]:
    """The blocks up to the first `max_words` words. Counting stops at the cap, so a 10 MB
    block costs no more to cut than a report at the cap costs to count."""
    cap = limits.max_words
    if sum(len(b.text) for b in blocks) <= cap:  # every word is at least one character
        return blocks
    kept: list[Block] = []
    left = cap
    for block in blocks:
        ends = [m.end() for m in islice(WORD.finditer(block.text), left + 1)]
        if len(ends) <= left:
            kept.append(block)
            left -= len(ends)
            continue
        if left:
            kept.append(replace(block, text=block.text[: ends[left - 1]]))
        diags.warning(path, f"more than {cap:,} words (limits.max_words_per_report in "
                            f"config.yaml): only the first {cap:,} are read", rule="limits.words")
        return tuple(kept)
    return blocks
