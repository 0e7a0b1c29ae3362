"""The backbone's sentence told by another report with more of the facts most reports give.

Takes: the `Reading`, the backbone's units, the story's `Salience`, the background reports
and the sentences the curator left out. Gives: for each standalone backbone sentence that
another report tells in full and richer, that report's sentence, to print in its place.

"Thieves pulled off a two million-euro jewellery heist in central Paris on Monday" and
"Four men rammed their car into an upmarket jewelry store in central Paris on Monday,
stealing two million euros" are one fact; the second also gives the four men, which four
reports state and the backbone never does. Printing the second in the first's place tells
the reader more in the same place, each version cited to the reports that back it in full
(the first stays in `more`, so nothing is lost). The replacement must give every name and
figure of the sentence it replaces, share most of its words, add a name, figure or detail
the page lacks (most of all one that two or more reports give), be backed by at least half
as many reports, lean on nothing before it, and not be much longer; a sentence giving another count of the same thing is a differing
account (conflicts.py), never a richer telling. A quotation is a speaker's words and is
never replaced.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from builder.merge.conflicts import differing
from builder.merge.reading import Reading, Span
from builder.merge.salience import Salience
from builder.merge.units import Piece, bare_quotation, refers_back

SHARED = 0.5  # of the replaced sentence's words the replacement holds: the same fact
LONGER = 1.6  # at most this many times its words (plus SLACK): a sentence, not a passage
SLACK = 6
COMMON = 3  # reports using a word: a detail of the story, not one outlet's wording
MAX_CANDIDATES = 64  # sentences weighed for one backbone sentence (hostile input bound)


def richer(
    reading: Reading, body: Sequence[Span], salience: Salience, background: Collection[int],
    omitted: Collection[tuple[int, int]],
) -> dict[tuple[int, int], Piece]:
    """(source, index) of a backbone sentence -> the richer sentence to print instead."""
    spine = body[0][0] if body else None
    printed = [reading.printed(p) for span in body for p in reading.pieces(span)]
    page_keys = {k for p in printed for k in p.feat.keys}
    page_words = {w for p in printed for w in p.feat.content}
    told = {reading.group_of(p) for span in body for p in reading.pieces(span)}
    by_key = _by_key(reading, spine, background, omitted)
    out: dict[tuple[int, int], Piece] = {}
    for span in body:
        if span[2] - span[1] != 1:
            continue
        piece = reading.pieces(span)[0]
        shown = reading.printed(piece)
        found = _best(reading, shown, by_key, salience, (page_keys, page_words),
                      told - {reading.group_of(piece)})
        if found is not None:
            out[piece.source, piece.index] = found
            page_keys |= found.feat.keys
            page_words |= found.feat.content
            told.add(reading.group_of(found))
    return out


def _by_key(
    reading: Reading, spine: int | None, background: Collection[int],
    omitted: Collection[tuple[int, int]],
) -> dict[str, list[Piece]]:
    """Name or figure -> the other reports' sentences giving it (those that could stand in
    another report's place: no heading, no sentence leaning back, none left out)."""
    out: dict[str, list[Piece]] = {}
    for source, report in reading.reports.items():
        if source == spine or source in background:
            continue
        for p in report:
            if (p.kind == "heading" or (p.source, p.index) in omitted or p.feat.quotes
                    or refers_back(p.feat.text) or bare_quotation(p.feat.text)):
                continue
            for k in p.feat.keys:
                out.setdefault(k, []).append(p)
    return out


def _best(
    reading: Reading, shown: Piece, by_key: Mapping[str, list[Piece]], salience: Salience,
    page: tuple[Collection[str], Collection[str]], told: Collection[int],
) -> Piece | None:
    """The richest other sentence telling `shown`'s fact (of its group, or of none the
    page tells elsewhere): what it adds is a name or figure the page lacks, or a word
    COMMON of the reports use that the page lacks ("four men")."""
    page_keys, page_words = page
    keys = shown.feat.keys
    if shown.feat.quotes or not keys:
        return None
    backed = len(reading.cites(shown))
    rarest = min(keys, key=lambda k: len(by_key.get(k, ())))
    best: tuple[tuple, Piece] | None = None
    for cand in by_key.get(rarest, ())[:MAX_CANDIDATES]:
        feat = cand.feat
        if (not keys <= feat.keys
                or len(shown.feat.content & feat.content) < SHARED * len(shown.feat.content)
                or feat.n_words > LONGER * shown.feat.n_words + SLACK
                or reading.group_of(cand) in told or differing(shown.feat.text, feat.text)):
            continue  # ... and a sentence counting the same thing otherwise is an account
        news = {k for k in feat.keys if k not in page_keys} | {
            w for w in feat.content if w not in page_words and salience.words.get(w, 0) >= COMMON}
        if not news:
            continue
        # (its citations, a search of every report, counted last: only when the bound
        # on them, Reading.could_cite, leaves the question open)
        if 2 * reading.could_cite(cand) < backed or 2 * len(reading.cites(cand)) < backed:
            continue  # richer, but with half the corroboration: the reader loses more
        shared = sum(1 for k in news if salience.keys.get(k, salience.words.get(k, 0)) >= 2)
        rank = (shared, len(news), len(reading.cites(cand)), -feat.n_words, -cand.source,
                -cand.index)
        if best is None or rank > best[0]:
            best = (rank, cand)
    return best[1] if best else None
