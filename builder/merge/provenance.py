"""Which reports are copies of which, and which are about something else.

Takes: the cleaned `Article`s of one story, with the words the merge already measured in
each (in order, and each block's content words). Gives:
  - `copies(...)`: for each report that republishes another (wire copy, scraper page,
    verbatim press release), the report it copies; the story page counts independent
    reports and lists copies under their original;
  - `off_topic(...)`: reports that belong to another story, with the reason.

A copy is a report most of whose word 5-grams occur in another report (near-total
containment). Of two such reports, the original is the one whose outlet is a wire agency,
else the earlier, else the longer; order of files never matters.

A report is off topic when it was published far from when the others were (a story is
an event in time: an article about last year's fix of the same bug is another story), or
when it shares almost no vocabulary with the others.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from builder.model import Article

COPY_CONTAINMENT = 0.6  # share of a report's 5-grams found in another
SHINGLE = 5
OFF_TOPIC_DAYS = 60
OFF_TOPIC_SIMILARITY = 0.2  # of the median report's similarity to the rest
WIRES = ("associated press", "ap", "reuters", "afp", "agence france-presse", "dpa", "efe",
         "ansa", "xinhua", "yonhap", "kyodo", "tass", "pa media", "upi", "bloomberg")


@dataclass(frozen=True, slots=True)
class OffTopic:
    file: str
    reason: str


def _shingles(words: Sequence[str]) -> frozenset[tuple[str, ...]]:
    # zip of the shifted sequences: the word 5-grams, in one pass at C speed.
    return frozenset(zip(*(words[i:] for i in range(SHINGLE))))


def _is_wire(article: Article) -> bool:
    outlet = (article.meta.outlet or "").casefold().strip()
    host = outlet.removeprefix("www.").split(".")[0] if "." in outlet else outlet
    return any(outlet == w or host == w.replace(" ", "") for w in WIRES) or "ap.org" in outlet


def _original_rank(article: Article, size: int) -> tuple:
    # Wire first, then earliest, then longest; the file name only breaks exact ties.
    return (not _is_wire(article), article.meta.published or "9999", -size, article.file)


def copies(articles: Sequence[Article], words: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """file -> file of the report it copies (transitively resolved to an original).

    `words`: each report's words in reading order (normalise.tokens of its text)."""
    grams = {a.file: _shingles(words[a.file]) for a in articles}
    by_file = {a.file: a for a in articles}
    parent: dict[str, str] = {}
    ordered = sorted(articles, key=lambda a: _original_rank(a, len(grams[a.file])))
    for i, copy in enumerate(ordered):
        mine = grams[copy.file]
        if len(mine) < 20:
            continue
        for original in ordered[:i]:
            theirs = grams[original.file]
            if len(mine & theirs) / len(mine) >= COPY_CONTAINMENT:
                parent[copy.file] = original.file
                break
    resolved = {}
    for file in parent:
        root = file
        seen = set()
        while root in parent and root not in seen:
            seen.add(root)
            root = parent[root]
        if root != file and root in by_file:
            resolved[file] = root
    return resolved


def off_topic(
    articles: Sequence[Article], content: Mapping[str, Sequence[frozenset[str]]]
) -> list[OffTopic]:
    """`content`: each report's content words (normalise.content_words), block by block."""
    if len(articles) < 3:
        return []
    out = []
    dates = {a.file: _date(a.meta.published) for a in articles}
    for a in articles:
        mine = dates[a.file]
        others = [d for f, d in dates.items() if f != a.file and d]
        if mine and len(others) >= 2:
            middle = sorted(others)[len(others) // 2]
            gap = abs((mine - middle).days)
            if gap > OFF_TOPIC_DAYS:
                out.append(OffTopic(a.file, f"published {mine.isoformat()}, {gap} days from the "
                                    f"other reports ({middle.isoformat()})"))
    flagged = {o.file for o in out}
    similarity = _similarity_to_rest(
        {a.file: content[a.file] for a in articles if a.file not in flagged}
    )
    if len(similarity) >= 3:
        median = statistics.median(similarity.values())
        for file, value in sorted(similarity.items()):
            if median > 0 and value < OFF_TOPIC_SIMILARITY * median:
                out.append(OffTopic(file, "shares almost no words with the other reports"))
    return sorted(out, key=lambda o: o.file)


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _similarity_to_rest(content: Mapping[str, Sequence[frozenset[str]]]) -> dict[str, float]:
    """Mean TF-IDF cosine of each report to each other report (term frequency: in how
    many of its blocks a word occurs)."""
    counts = {file: Counter(chain.from_iterable(blocks)) for file, blocks in content.items()}
    df = Counter(w for c in counts.values() for w in c)
    n = len(content)
    # The same two logarithms recur for most words: each worked out once (the same floats).
    tf = {k: 1 + math.log(k) for k in {k for c in counts.values() for k in c.values()}}
    idf = {d: math.log((n + 1) / d) for d in set(df.values())}
    vectors = {f: {w: tf[k] * idf[df[w]] for w, k in c.items()} for f, c in counts.items()}
    # fsum: the vectors' words come in hash-seed order; an exact sum does not depend on it.
    norms = {f: math.sqrt(math.fsum(x * x for x in v.values())) or 1.0 for f, v in vectors.items()}
    # Each pair once, over the words both hold: fsum is exact, so the sum is the same
    # from either side and in any order (performance only).
    shared: dict[tuple[str, str], float] = {}
    for i, (f, v) in enumerate(vectors.items()):
        for g, other in list(vectors.items())[i + 1:]:
            shared[f, g] = shared[g, f] = math.fsum(v[w] * other[w] for w in v.keys() & other.keys())
    out = {}
    for f in vectors:
        sims = [shared[f, g] / (norms[f] * norms[g]) for g in vectors if g != f]
        out[f] = sum(sims) / len(sims) if sims else 0.0
    return out
