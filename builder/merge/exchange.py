"""Trade the backbone's least newsworthy lines for the news another report adds.

Takes: the `Reading` of a story, the backbone report (`spine`), a way to weave the body
leaving out a set of backbone units (`weave_without`: skip -> the body's units in reading
order, backbone.py's `weave`), the units left out already, the body's budget in words, the
story's `Salience`, the names and figures the headline names, which other reports'
units the weave may add at all (`eligible`) and which reports copy which (`original`).
Gives: the body's units, in reading order.

The weave starts from every unit of the backbone and adds what the other reports tell
while it fits the budget: on a full page, a fact another outlet adds (a name, a figure,
an event several reports give) stays in `more` while the body prints the backbone's minor
lines only it tells (a second quotation on one point, colour, an aside). Here those lines
compete with the other reports' units on one measure, what each adds to the page for its
words (`Salience.gain`, the weave's own): when another report's unit that does not fit
adds more than the backbone's least newsworthy lines that only the backbone tells, they
go to `more` (nothing is lost) and the weave is run again without them; the trade stands
when that unit is then woven in where it follows in its own report and nothing else the
body printed is lost.

Never traded: the backbone's opening paragraphs (its lede tells the story's event); a
unit whose fact another independent report also tells (corroborated: the story's core;
an outlet printing the backbone's wire text word for word is no second voice); the body's
only telling of a name or figure of the headline; the only view it gives of a party
("Developers argued that ..."); one that an added unit follows, or that a colon or a
question before it announces; one that introduces a person or a thing a later unit
takes as known ("Mr. Kristol wrote", "the letter"). A unit goes with the units
after it that lean on it (`continues`): never a sentence without the one it leans on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from builder.merge.backbone import FULL_NAME, RESTATED, _restates
from builder.merge.output import KNOWN_NOUN, _Voices
from builder.merge.normalise import content_words
from builder.merge.reading import Reading, Span
from builder.merge.salience import Salience
from builder.merge.units import continues

LEDE_BLOCKS = 2  # the backbone's first paragraphs: its lede and what sets it up
TRIALS = 8  # weaves tried for one body at most (each trade asks for one)


def exchange(
    reading: Reading, spine: int, weave_without: Callable[[frozenset[Span]], list[Span]],
    skip: Collection[Span], budget: int, salience: Salience,
    headline: Collection[str] = (), eligible: Callable[[Span], bool] = lambda span: True,
    original: Mapping[int, int] | None = None,
) -> list[Span]:
    left_out = frozenset(skip)
    body = weave_without(left_out)
    tried: set[Span] = set()
    for _ in range(TRIALS):
        trade = _offer(reading, spine, body, left_out, budget, salience, headline, eligible,
                       tried, original or {})
        if trade is None:
            break
        wanted, drops = trade
        tried.add(wanted)
        # The weave notes the wording it prints each sentence in (`printed_as`): a trade
        # that does not stand must leave the body's wording as it was.
        wording = dict(reading.printed_as)
        trial = weave_without(left_out | drops)
        # The trade stands when the fact wanted is woven in (in its report's words or
        # another's) and the body loses nothing but the lines traded for it.
        if _prints(reading, trial, wanted) and set(body) - set(trial) <= drops:
            left_out, body = left_out | drops, trial
        else:
            reading.printed_as.clear()
            reading.printed_as.update(wording)
    return body


def _prints(reading: Reading, body: Sequence[Span], span: Span) -> bool:
    """Does the body tell every fact of the unit (each sentence's group)?"""
    printed = {reading.group_of(p) for unit in body for p in reading.pieces(unit)}
    return all(reading.group_of(p) in printed for p in reading.pieces(span))


def _offer(
    reading: Reading, spine: int, body: Sequence[Span], left_out: frozenset[Span], budget: int,
    salience: Salience, headline: Collection[str], eligible: Callable[[Span], bool],
    tried: Collection[Span], original: Mapping[int, int],
) -> tuple[Span, frozenset[Span]] | None:
    """Another report's unit the budget keeps out, and the backbone's lines to trade for
    it: the least newsworthy first, each adding less than it, enough to make room."""
    page, keys = _told(reading, body)
    lines = [reading.printed(p).feat.content for span in body for p in reading.pieces(span)]
    used = sum(map(reading.words, body))
    covered = {reading.group_of(p) for span in (*body, *left_out) for p in reading.pieces(span)}
    printed = set(body)
    wanted = []
    for source, spans in reading.spans.items():
        if source == spine:
            continue
        for span in spans:
            pieces = reading.pieces(span)
            if (span in printed or span in tried or used + reading.words(span) <= budget
                    or any(reading.group_of(p) in covered for p in pieces) or not eligible(span)
                    or not salience.news(pieces, keys)):
                continue
            # A unit mostly printing what the page prints retells it (a report's opening
            # retells the story's event): no news worth a line of the backbone's.
            if _restates(reading, span, page, keys, lines):
                continue
            if not _follows(reading, span, covered, lines):
                continue  # the weave adds a unit only after the fact it follows
            gain = salience.gain(pieces, len(reading.reports[source]), page, keys)
            if gain > 0:
                wanted.append((-gain, span))
    if not wanted:
        return None
    offers = _tradeable(reading, spine, body, salience, frozenset(headline), original)
    for minus, span in sorted(wanted):
        need = used + reading.words(span) - budget
        drops: set[Span] = set()
        for gain, chain in offers:
            if gain >= -minus:
                break
            drops.update(chain)
            if sum(map(reading.words, drops)) >= need:
                return span, frozenset(drops)
    return None


def _follows(
    reading: Reading, span: Span, covered: Collection[int], lines: Sequence[frozenset[str]],
) -> bool:
    """Does the page tell the fact the unit follows in its own report: that sentence, or
    most of its words in one printed sentence? (Else the weave cannot place it: a trial
    would cost a weave for nothing.)"""
    before = reading.before(span)
    if before is None:
        return True
    previous = reading.reports[span[0]][before]
    words = previous.feat.content
    return reading.group_of(previous) in covered or any(
        len(words & line) > RESTATED * len(words) for line in lines)


def _tradeable(
    reading: Reading, spine: int, body: Sequence[Span], salience: Salience,
    headline: frozenset[str], original: Mapping[int, int],
) -> list[tuple[float, tuple[Span, ...]]]:
    """The backbone's lines that may go to `more`, each with the units leaning on it, and
    what each adds to the page (the page without it), least first."""
    report = reading.reports[spine]
    lede = sorted({p.block for p in report if p.kind != "heading"})[:LEDE_BLOCKS]
    voices = _Voices(reading, body)
    out = []
    for k, span in enumerate(body):
        if span[0] != spine or not _free(reading, span, lede, original):
            continue
        if k and body[k - 1][0] == spine and _announces(reading, body[k - 1]):
            continue
        chain = [span]
        end = k + 1
        while end < len(body) and body[end][0] == spine and _leans(reading, body[end - 1], body[end]):
            chain.append(body[end])
            end += 1
        # the only view the body gives of a party ("Developers argued that ..."): cut, the
        # story takes the other side
        if any(not _free(reading, s, lede, original) or voices.sole(s) for s in chain):
            continue
        if end < len(body) and body[end][0] != spine:
            continue  # another report's addition follows it there
        rest = [s for s in body if s not in chain]
        if _sets_up(reading, chain, body[:k], body[end:]):
            continue
        page, keys = _told(reading, rest)
        if any(k not in keys for s in chain for p in reading.pieces(s)
               for k in reading.printed(p).feat.keys & headline):
            continue  # the body's only telling of a name or figure the headline gives
        pieces = [p for s in chain for p in reading.pieces(s)]
        out.append((salience.gain(pieces, len(report), page, keys), tuple(chain)))
    return sorted(out, key=lambda o: (o[0], o[1][0][1]))


def _free(reading: Reading, span: Span, lede: Collection[int],
          original: Mapping[int, int]) -> bool:
    """May the backbone's unit go: past its opening paragraphs, no fact of it told by any
    other independent report? A copy of the backbone's text (the wire story another outlet
    prints word for word, `original`) is no second voice: the lines only the wire tells
    are one report's lines however many outlets print them."""
    own = original.get(span[0], span[0])
    return all(p.block not in lede
               and {original.get(s, s) for s in reading.places(reading.group_of(p))} == {own}
               for p in reading.pieces(span))


def _announces(reading: Reading, span: Span) -> bool:
    """Does the unit end on a colon or a question that the next one completes?"""
    return reading.printed(reading.pieces(span)[-1]).feat.text.rstrip().endswith((":", "?"))


def _leans(reading: Reading, before: Span, span: Span) -> bool:
    """Does `span`, printed right after `before`, complete it or lean on it (`continues`)?"""
    return continues(reading.printed(reading.pieces(before)[-1]).feat.text,
                     reading.printed(reading.pieces(span)[0]).feat.text)


def _sets_up(
    reading: Reading, chain: Sequence[Span], before: Sequence[Span], after: Sequence[Span],
) -> bool:
    """Does a later unit take as known a person or a thing only these units bring in: a
    name the body prints first here, or, in their own report, a noun it calls "the
    letter", "his statement"?"""
    mine = [reading.printed(p).feat for s in chain for p in reading.pieces(s)]
    earlier = [reading.printed(p).feat for s in before for p in reading.pieces(s)]
    # the people these units name in full ("Sen. Jim DeMint") whom no earlier unit names
    named = frozenset(last.casefold() for f in mine for _, last in FULL_NAME.findall(f.text)
                      ) - frozenset().union(*(f.names for f in earlier))
    new = frozenset().union(*(f.content for f in mine)) - frozenset().union(
        *(f.content for f in earlier))
    for span in after:
        for p in reading.pieces(span):
            feat = reading.printed(p).feat
            if feat.names & named:
                return True
            if span[0] == chain[0][0] and any(content_words(found) & new
                                              for found in KNOWN_NOUN.findall(feat.text)):
                return True
    return False


def _told(reading: Reading, spans: Sequence[Span]) -> tuple[set[str], set[str]]:
    """The words and the names and figures these units print."""
    page: set[str] = set()
    keys: set[str] = set()
    for span in spans:
        for p in reading.pieces(span):
            feat = reading.printed(p).feat
            page |= feat.content
            keys |= feat.keys
    return page, keys
