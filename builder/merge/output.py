"""Print the chosen units as the story's body, and everything else worth keeping as `more`.

Takes: the `Reading`, the body's units in order, the reports that are background, the
sentences the curator left out, and each report's name for its heading. Gives: the body
and `more` as `BodyBlock`s of cited `Sentence`s.

The body is one paragraph per unit. No more than MAX_RUN sentences in a row come from one
report alone: past that the story has become a copy of that report, and the unit of the
run that tells the least goes to `more`. `more` follows the reports, one after another (background reports
last), each in its own order: its units the body does not print, less the sentences the
page already gives (same fact with no new name or figure, a quotation already printed, or
every word already on the page), unless it names the speaker of a quotation that goes on
in the next sentence printed. Last, of two near-copies the later goes, or takes the
earlier's place when it adds a name or figure, or when more reports back it and it gives
every name and figure of the earlier (a sum in another currency at the reports' own rate);
never the speaker's half of a quotation printed with the half that goes on after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from builder.merge.conflicts import agreeing
from builder.merge.nearcopies import near_copy_pairs
from builder.merge.normalise import content_words
from builder.merge.reading import Reading, Span
from builder.merge.retold import Rates, figures_given, sums
from builder.merge.stated import told as told_words
from builder.merge.units import (Piece, continues, described_speaker, expletive, leans_on_before,
                                  measures_back, quote_goes_on, quotes_named_before,
                                  untold_referent)
from builder.model import BodyBlock, Sentence

CAPITALISED = re.compile(r"\b[A-Z][\w'-]+")
NEAR_SAME = 0.9  # of the longer sentence's words shared: one sentence, told two ways
QUOTE_WORDS = 5  # a quotation this long is one speaker's words, not a common phrase
MAX_RUN = 6  # sentences in a row from one report alone
LOOKAHEAD = 20  # units looked ahead for another report's that breaks such a run
TOLD_SHARE = 0.6  # of a sentence's content words on the page: a fact the page tells, told again
# At most this share of the body's words goes to `more` to break such runs: past it, the
# runs stay (the reports share too little to be woven) rather than the story be gutted.
MOST_CUT = 0.2
# A near-copy this much longer than the sentence it would replace is another passage that
# shares a sentence with it (a letter quoted at length), not the same sentence told richer.
LONGER = 1.25


@dataclass(frozen=True, slots=True)
class Printed:
    piece: Piece
    sentence: Sentence


Part = tuple[str, list[Printed]]  # (block kind, sentences)


def body_parts(
    reading: Reading, spans: Sequence[Span], several: bool,
    weight: Callable[[Span], float] | None = None, spine: int | None = None,
    woven: Sequence[Span] = (),
) -> tuple[list[Part], list[Span]]:
    """The body's paragraphs, and the units that a single-report run pushed out.

    No more than MAX_RUN sentences in a row cite one report alone: past that the story has
    become a copy of that report. Where a run would grow longer, the next unit another
    report adds (within LOOKAHEAD) is told first; the backbone's (`spine`) own units are
    never moved, since moved they change what their neighbours mean ("The final tally was
    97-1" told after the House's vote reads as the House's tally), and no unit is moved
    ahead of the fact it follows in its own report or of the one that first names a person
    it names. Failing that, the unit of the run that tells the least (`weight`; else the
    one that would lengthen it), never the story's opening nor a unit another report's
    addition follows, nor the only sentence giving a party's view (`_Voices`), goes to
    `more`, up to MOST_CUT of the body."""
    parts: list[tuple[str, list[Printed], Span]] = []
    pushed: list[Span] = []
    queue = list(spans)
    # A unit another report's addition follows: cut, it takes the addition with it (the
    # weave will not place it again), and the run it was breaking grows back.
    # `woven`: the whole body's units, when `spans` is one dated section of it (an addition
    # told under another day's heading still follows its unit here).
    anchors = _followed(reading, woven or spans, spine)
    voices = _Voices(reading, woven or spans)
    cut, most = 0, MOST_CUT * sum(reading.words(span) for span in spans)
    pushed.extend(_pointing_at_nothing(reading, spans, anchors))
    queue = [span for span in queue if span not in pushed]
    while queue:
        span = queue.pop(0)
        # a lead-in and the quotation it announces are placed as one: a run is broken
        # before the lead-in, never between them (`_quoted_from`)
        quote = queue.pop(0) if queue and _quoted_from(reading, span, queue[0]) else None
        printed = [_print(reading, p) for p in reading.pieces(span)] + (
            [] if quote is None else [_print(reading, p) for p in reading.pieces(quote)])
        while several and parts:
            run, source, members = _tail_run(parts)
            if _run_after(printed, run, source)[0] <= MAX_RUN:
                break
            # Nothing goes between a unit and the one leaning on it ("Democrats were
            # equally adamant" after Trump's refusal), nor is that one cut from it; and a
            # unit leaning on its own report's sentence before it breaks a run only right
            # after that sentence.
            last = parts[-1][2]
            if _goes_on_from(reading, last, span):
                break  # told with what it leans on, though the run grows: it reads
            breaker = next(
                (k for k, later in enumerate(queue[:LOOKAHEAD]) if later[0] != spine
                 and _breaks([_print(reading, p) for p in reading.pieces(later)], source)
                 and not _overtakes(reading, later, [span, *queue[:k]], parts)
                 and (not _leans_on_own(reading, later) or _goes_on_from(reading, last, later))),
                None)
            if breaker is not None:
                if quote is not None:
                    queue.insert(0, quote)
                    breaker += 1
                    quote = None
                queue.insert(0, span)
                span = queue.pop(breaker + 1)
                # the unit leaning on it comes along ("Trump changed his mind ..." after
                # "... after Trump reneged on his commitment"), told next
                follower = next((u for u in queue if _goes_on_from(reading, span, u)), None)
                if follower is not None:
                    queue.remove(follower)
                    queue.insert(0, follower)
                printed = [_print(reading, p) for p in reading.pieces(span)]
                continue
            if cut >= most:  # a report told alone is better than one cut to pieces
                break
            # never the story's opening: the run it starts is the story's own telling
            # the lightest first, so the costlier test runs only until one may go
            victim = None if weight is None else next(
                (k for k in sorted((k for k in members if k and parts[k][2] not in anchors
                                    and not voices.sole(parts[k][2])
                                    # cut, it would leave the unit leaning on it pointing at
                                    # nothing
                                    and not _goes_on_from(reading, parts[k][2], (
                                        parts[k + 1][2] if k + 1 < len(parts) else span))
                                    # nor the quotation its lead-in, kept, announces
                                    and not _quoted_from(reading, parts[k - 1][2], parts[k][2])),
                                   key=lambda k: (weight(parts[k][2]), k))
                 if not _sets_up(reading, parts[k][2], [p[2] for p in parts[k + 1:]] + queue,
                                 parts[:k])),
                None)
            # nor one the next unit leans on ("would not go that far" after the call it
            # measures itself against)
            keep = (span in anchors or voices.sole(span) or quote in anchors
                    or bool(queue) and _goes_on_from(reading, quote or span, queue[0]))
            if victim is None and keep:
                break
            if not keep and (victim is None or weight(parts[victim][2]) >= weight(span)):
                printed = []
                cut += reading.words(span)
                break
            pushed.append(parts.pop(victim)[2])
            cut += reading.words(pushed[-1])
        told = len(reading.pieces(span))
        if printed:
            parts.append((_kind(span, reading), printed[:told], span))
            if quote is not None:
                parts.append((_kind(quote, reading), printed[told:], quote))
        else:
            pushed.append(span)
            if quote is not None:
                pushed.append(quote)
    return [(kind, printed) for kind, printed, _ in parts], pushed


def _pointing_at_nothing(reading: Reading, spans: Sequence[Span], anchors: Collection[Span],
                         ) -> list[Span]:
    """The units opening on a scene phrase that points at something no sentence printed
    before names ("On completion of this investigation, ..." with no investigation told:
    `untold_referent`), with the units leaning on them: in the body they point at nothing
    the reader has met, so they go to `more`, told with their report. Never the story's
    opening, nor a unit another report's addition follows (the weave put it there)."""
    out: list[Span] = []
    seen: set[str] = set()
    for k, span in enumerate(spans):
        pieces = [reading.printed(p) for p in reading.pieces(span)]
        if out and _goes_on_from(reading, out[-1], span) or (
                k and span not in anchors and untold_referent(pieces[0].feat.text, seen)):
            out.append(span)
            continue
        seen.update(w for p in pieces for w in p.feat.content)
    return out


def _leans_on_own(reading: Reading, span: Span) -> bool:
    """Does the unit open on a sentence that needs the one before it in its own report
    (`_needs`)?"""
    return reading.before(span) is not None and _needs(reading.printed(reading.pieces(span)[0]))


def _goes_on_from(reading: Reading, before: Span, span: Span) -> bool:
    """Is `span` the unit right after `before` in their report, opening on a sentence
    that needs it (`_needs`) or on the quotation `before` leads in to (`_quoted_from`)?"""
    if before[0] != span[0] or before[2] != span[1]:
        return False
    return _needs(reading.printed(reading.pieces(span)[0])) or _quoted_from(reading, before, span)


def _quoted_from(reading: Reading, before: Span, span: Span) -> bool:
    """Is `span` the unit right after `before` in their report, opening on the quotation
    `before` leads in to, its speaker the one `before` names (`quotes_named_before`:
    "Schumer ... pushed back hard on Saudi objections." / "“It’s very simple. ...,”
    Schumer said.")? The two are told together, nothing between them: the claim and the
    words that bear it out."""
    return (before[0] == span[0] and before[2] == span[1] and quotes_named_before(
        reading.printed(reading.pieces(before)[-1]).feat.text,
        reading.printed(reading.pieces(span)[0]).feat.text))


def _needs(piece: Piece) -> bool:
    """Does the sentence lean on the one before it in its report: a measure taken against
    it (`measures_back`), a speaker called by state and party (`described_speaker`), or a
    lean `leans_on_before` finds, but for an "it" pointing forward (`expletive`)?"""
    text = piece.feat.text
    return (measures_back(text) or described_speaker(text)
            or (leans_on_before(text) and not expletive(text)))


# "Developers and business groups argued that ...": a party (up to six words opening the
# sentence) and a verb giving its view.
VIEW = re.compile(
    r"^\W*((?:[\w'-]+,?\s+){1,6}?)(?:argued|argue|contended|contend|complained|complain"
    r"|objected|object|countered|counter|insisted|insist|maintained|maintain|protested"
    r"|protest)\b")
OTHER_PARTY = 0.5  # of the party's words printed nowhere else in the body: another party


class _Voices:
    """Which units give the only view the body prints of a party: the sentence opening
    on a party and a verb of arguing ("Developers and business groups argued that the
    consultation caused unneeded delays"), whose party the rest of the body never names
    (most of its words printed nowhere else). A story that tells one side's argument
    ("Environmentalists argued that ...") and cuts the other's for length takes a side;
    breaking a run cuts something else."""

    def __init__(self, reading: Reading, body: Sequence[Span]) -> None:
        self.reading = reading
        self.words: Counter[str] = Counter(
            w for span in body for p in reading.pieces(span) for w in reading.printed(p).feat.content)

    def sole(self, span: Span) -> bool:
        pieces = [self.reading.printed(p) for p in self.reading.pieces(span)]
        own = Counter(w for p in pieces for w in p.feat.content)
        for p in pieces:
            found = VIEW.match(p.feat.text)
            party = content_words(found.group(1)) if found else frozenset()
            if party and sum(self.words[w] <= own[w] for w in party) > OTHER_PARTY * len(party):
                return True
        return False


# "his statement", "the letter": a noun a sentence takes as known, from an earlier one.
KNOWN_NOUN = re.compile(r"\b(?:the|his|her|its|their|that|this|these|those)\s+([a-z][\w-]+)")


def _sets_up(
    reading: Reading, span: Span, later: Sequence[Span],
    before: Sequence[tuple[str, list[Printed], Span]],
) -> bool:
    """Does a later unit of the same report take as known a thing or a person only this
    unit brings in ("In his statement on Friday afternoon, ..." after "Mr. Steele issued a
    statement"; "Mr. Kristol wrote" after the sentence introducing William Kristol)? Cut,
    it leaves that sentence pointing at nothing."""
    mine = [reading.printed(p).feat for p in reading.pieces(span)]
    others = [p.piece.feat for _, ps, _ in before for p in ps]
    new = frozenset().union(*(f.content for f in mine)) - frozenset().union(
        *(f.content for f in others))
    # and the people it introduces ("Mr. Kristol wrote" after the sentence naming him)
    named = frozenset().union(*(f.names for f in mine)) - frozenset().union(
        *(f.names for f in others))
    if not new and not named:
        return False
    for unit in later:
        if unit[0] != span[0] or unit[1] < span[2]:
            continue
        for p in reading.pieces(unit):
            feat = reading.printed(p).feat
            if feat.names & named or any(content_words(found) & new
                                         for found in KNOWN_NOUN.findall(feat.text)):
                return True
    return False


def _followed(reading: Reading, woven: Sequence[Span], spine: int | None) -> set[Span]:
    """The backbone's units that another report's addition follows in the woven body: the
    weave puts each addition right after the unit it follows, or after the backbone units
    that complete that one (`continues`: "The bill now goes to ...", the quotation a claim
    announces), so those count too."""
    out: set[Span] = set()
    told: list[Span] = []
    for span in woven:
        if span[0] == spine:
            told.append(span)
            continue
        k = len(told) - 1
        while k >= 0:
            out.add(told[k])
            if k == 0 or not _completes(reading, told[k - 1], told[k]):
                break
            k -= 1
    return out


def _completes(reading: Reading, before: Span, span: Span) -> bool:
    """Does unit `span` complete unit `before`, told right before it (`continues`)?"""
    return continues(reading.printed(reading.pieces(before)[-1]).feat.text,
                     reading.printed(reading.pieces(span)[0]).feat.text)


def _overtakes(
    reading: Reading, unit: Span, passed: Sequence[Span],
    parts: Sequence[tuple[str, list[Printed], Span]],
) -> bool:
    """Would telling `unit` before the units `passed` put it ahead of the fact it follows in
    its own report (the Senate's absentees told before the Senate's vote), or name someone
    before the unit that introduces them? A name it shares with a passed unit that the
    body has not printed yet ("Steward said" moved ahead of "his trainer Emanuel Steward")
    is first printed by the passed unit; moved ahead, the unit names a stranger."""
    before = reading.before(unit)
    if before is not None:
        # nor ahead of the fact it follows in its own report (its anchor in the weave)
        anchor = reading.group_of(reading.reports[unit[0]][before])
        if any(reading.group_of(p) == anchor for span in passed for p in reading.pieces(span)):
            return True
    # its capitalised words too: a name opening a sentence ("Adler said") is no name to
    # the word features, which cannot tell it from any sentence's first word
    names = frozenset().union(*(reading.printed(p).feat.names | {
        w.casefold() for w in CAPITALISED.findall(reading.printed(p).feat.text)}
        for p in reading.pieces(unit)))
    if not names:
        return False
    printed = frozenset().union(*(p.piece.feat.names for _, ps, _ in parts for p in ps))
    new = names - printed
    return any(new & reading.printed(p).feat.names for span in passed
               for p in reading.pieces(span))


def _breaks(printed: list[Printed], source: int | None) -> bool:
    """Does this unit end the run of `source`: its first sentence is not that report's
    alone, and no run of its own reaches MAX_RUN?"""
    first = printed[0].sentence.sources
    return (len(first) != 1 or first[0] != source) and _run_after(printed, 0, None)[0] < MAX_RUN


def _tail_run(parts: Sequence[tuple[str, list[Printed], Span]]) -> tuple[int, int | None, list[int]]:
    """The run of sentences citing one report alone at the end of `parts`: its length, its
    report, and the indices of the parts holding it (only those wholly inside it)."""
    run, source, members = 0, None, []
    for k in range(len(parts) - 1, -1, -1):
        kind, printed, _ = parts[k]
        whole = True
        for p in reversed(printed):
            cites = p.sentence.sources
            single = cites[0] if len(cites) == 1 else None
            if single is None or (source is not None and single != source):
                whole = False
                break
            source = single
            run += 1
        if whole and kind != "heading":
            members.append(k)
        if not whole:
            break
    return run, source, members


def _run_after(printed: list[Printed], run: int, source: int | None) -> tuple[int, int, int | None]:
    """(longest run reached, run at the end, its report) after these sentences."""
    longest = run
    for p in printed:
        cites = p.sentence.sources
        single = cites[0] if len(cites) == 1 else None
        run = run + 1 if single is not None and single == source else (1 if single is not None else 0)
        source = single
        longest = max(longest, run)
    return longest, run, source


def _kind(span: Span, reading: Reading) -> str:
    kind = reading.pieces(span)[0].kind
    return kind if kind in ("quote", "list-item") else "paragraph"


def _print(reading: Reading, piece: Piece) -> Printed:
    """The sentence as printed, cited to the reports that back it and give none of its
    figures otherwise (differing.py adds the figures other reports give for it)."""
    piece = reading.printed(piece)
    cites = reading.cites(piece)
    if piece.kind != "heading" and len(cites) > 1:
        cites = agreeing(reading, piece, cites)
    return Printed(piece, Sentence(piece.feat.text, cites))


def more_parts(
    reading: Reading, body: Sequence[Part], left: Collection[Span], background: Collection[int],
    omitted: Collection[tuple[int, int]],
) -> list[Part]:
    told = {reading.group_of(p.piece) for _, printed in body for p in printed}
    keys = {k for _, printed in body for p in printed for k in p.piece.feat.keys}
    quoted = _Quotes()
    for _, printed in body:
        for p in printed:
            quoted.add(p.piece.feat.quotes)
    lines = _Lines(p.piece.feat.content for _, printed in body for p in printed)
    said = _Lines(told_words(p.piece.feat) for _, printed in body for p in printed)
    out: list[Part] = []
    sources = sorted(reading.reports, key=lambda s: (s in background, s))
    for source in sources:
        section: list[Part] = []
        # The sentences left out just before (told already, or cut by the curator: True),
        # across units: one this sentence leans on (the speaker's half of a quotation
        # that goes on in it, the "Mr. Papandreou said" before "He added", a sentence the
        # body prints in another report's words) is printed with it after all (unless the
        # body prints it as it is: near_copies), and nothing goes on from one the curator
        # left out (`_antecedents`).
        skipped: list[tuple[Piece, bool]] = []
        for span in reading.spans[source]:
            if span in left:  # printed in the body
                skipped = [(p, p.kind == "heading" or (p.source, p.index) in omitted)
                           for p in reading.pieces(span)]
                continue
            printed = []
            for piece in reading.pieces(span):
                if piece.kind == "heading" or (piece.source, piece.index) in omitted:
                    skipped.append((piece, True))
                    continue
                chain = _antecedents(skipped, piece)
                if chain is None:
                    skipped.append((piece, True))
                    continue
                g = reading.group_of(piece)
                new_keys = piece.feat.keys - keys
                if (g in told and not new_keys and _mostly_on(piece, lines.windows)) or (
                        quoted.repeats(piece.feat.quotes) or _restates(piece, lines.windows, new_keys)
                        or _restates(piece, said.windows, new_keys, told_words(piece.feat))):
                    skipped.append((piece, False))
                    continue
                for p in chain + [piece]:
                    told.add(reading.group_of(p))
                    keys |= p.feat.keys
                    lines.add(p.feat.content)
                    said.add(told_words(p.feat))
                    quoted.add(p.feat.quotes)
                    printed.append(_print(reading, p))
                skipped = []
            if printed:
                section.append((_kind(span, reading), printed))
        out.extend(section)
    return out


def _goes_on(before: Piece, piece: Piece) -> bool:
    """Does `piece`, told right after `before` in its report, need it: the rest of its
    speaker's quotation (`quote_goes_on`), or a sentence leaning on it (`_needs`)?"""
    return quote_goes_on(before.feat.text, piece.feat.text) or _needs(piece)


def _antecedents(skipped: Sequence[tuple[Piece, bool]], piece: Piece) -> list[Piece] | None:
    """The sentences left out just before `piece` (`skipped`: each with whether the curator
    cut it or it is a heading) that must be printed with it, the nearest last: none when it
    does not lean on the one before; else back to the first of the chain that leans on
    nothing before it. None when that chain reaches a sentence the curator cut: then
    `piece` goes too."""
    chain: list[Piece] = []
    k = len(skipped) - 1
    after = piece
    while k >= 0 and _goes_on(skipped[k][0], after):
        if skipped[k][1]:
            return None
        chain.insert(0, skipped[k][0])
        after = skipped[k][0]
        k -= 1
    return chain


class _Lines:
    """The printed sentences' content words as the windows a retelling is looked for in:
    each sentence, and each two printed one after the other (their union worked out once,
    as each sentence is printed, not for every sentence asked about)."""

    def __init__(self, lines: Iterable[frozenset[str]]) -> None:
        self.windows: list[frozenset[str]] = []
        self._last: frozenset[str] | None = None
        for line in lines:
            self.add(line)

    def add(self, line: frozenset[str]) -> None:
        self.windows.append(line)
        if self._last is not None:
            self.windows.append(line | self._last)
        self._last = line


def _mostly_on(piece: Piece, windows: Sequence[frozenset[str]]) -> bool:
    """Does one printed sentence, or two printed one after the other (`_Lines`), hold most
    (TOLD_SHARE) of the sentence's content words? A sentence of a fact the page tells (its
    group) that says much besides ("Fifteen of the 19 hijackers were Saudi citizens, but
    the Saudi government denies any role in the attacks and ...", after "Fifteen of the 19
    hijackers were Saudi nationals") is kept in `more`: its other half is told nowhere
    else."""
    content = piece.feat.content
    need = TOLD_SHARE * len(content)
    # any(len(content & window) >= need ...), looped in C: asked for every sentence of
    # `more` against every printed window (~600,000 windows a 100-story digest).
    return any(map(need.__le__, map(len, map(content.intersection, windows))))


def _restates(piece: Piece, windows: Sequence[frozenset[str]], new_keys: frozenset[str],
              words: frozenset[str] | None = None) -> bool:
    """Every word of it is in one printed sentence, or two printed one after the other
    (`_Lines`), it adds no name or figure and negates nothing: another outlet's telling of
    what the page told ("Four men rammed their car into a jewellery store..." after the
    lead), not a fact of its own. Words scattered over the page are the story's matter:
    "The bill cleared the House earlier this month, also by voice vote" tells the House's
    vote though "cleared", "House" and "voice vote" are each printed somewhere. `words`:
    its words as `windows` holds them (its content words, else: `stated.told`, in their
    sense's form, the speaker's verb aside: "Police said 12 protesters were hurt in the
    clashes" after "In all, 12 demonstrators were injured in the clashes, officers said,
    and five shops were burned")."""
    content = piece.feat.content if words is None else words
    if not content or new_keys or piece.feat.negated:
        return False
    return any(map(content.issubset, windows))  # content <= window, looped in C


class _Quotes:
    """The quotations printed so far, found by their word trigrams.

    A quotation of QUOTE_WORDS or more words is the page's already when a printed one
    holds it: the quotation is its news; told twice, it reads as the same story told
    again. Performance: a printed quotation holding it holds its first three words, so
    only those holding them are compared (at most MAX_COMPARED of them)."""

    MAX_COMPARED = 64

    def __init__(self) -> None:
        self._by_trigram: dict[str, list[str]] = {}

    def add(self, quotes: tuple[str, ...]) -> None:
        for q in quotes:
            words = q.split()
            for k in range(max(len(words) - 2, 1)):
                held = self._by_trigram.setdefault(" ".join(words[k:k + 3]), [])
                if len(held) < self.MAX_COMPARED and (not held or held[-1] != q):
                    held.append(q)

    def repeats(self, quotes: tuple[str, ...]) -> bool:
        for q in quotes:
            words = q.split()
            if len(words) >= QUOTE_WORDS and any(
                    q in other for other in self._by_trigram.get(" ".join(words[:3]), ())):
                return True
        return False



def near_copies(
    parts: Sequence[Part], story_rates: Rates | None = None,
) -> dict[int, Printed | None]:
    """id() of each Printed that gives way to a near-copy (headings never count): the
    later of the two goes (None), unless it is not much longer and either gives a name or
    figure the earlier lacks and is backed by at least half as many reports, or is backed
    by more reports and gives every name and figure of the earlier (a sum in another
    currency at the rate the reports print counts as given, `story_rates`: "jewellery
    worth €103 million" for "jewellery worth £88m"): then it takes the earlier's place,
    with its own citations, and nothing is lost."""
    flat = [p for kind, printed in parts if kind != "heading" for p in printed]
    pairs = near_copy_pairs({i: p.piece.feat.plain for i, p in enumerate(flat)})
    # The speaker's half of a quotation printed with the half that goes on after it
    # (`quote_goes_on`): gone, it would leave that half with no one who said it.
    speakers = {id(a) for kind, printed in parts if kind != "heading"
                for a, b in zip(printed, printed[1:])
                if quote_goes_on(a.piece.feat.text, b.piece.feat.text)}
    out: dict[int, Printed | None] = {}
    for i in range(len(flat)):
        if id(flat[i]) in out and out[id(flat[i])] is None:
            continue  # a sentence already gone takes nothing with it
        for j in sorted(pairs.get(i, ())):
            if j <= i or id(flat[j]) in out or id(flat[j]) in speakers or _contradicts(
                    flat[i].piece, flat[j].piece):
                continue
            out[id(flat[j])] = None
            kept = out.get(id(flat[i])) or flat[i]
            backed, backed_kept = len(flat[j].sentence.sources), len(kept.sentence.sources)
            # richer, not in conflict; or the version more reports back, giving all the
            # earlier gives
            if flat[j].piece.feat.n_words <= LONGER * kept.piece.feat.n_words and (
                    (flat[j].piece.feat.keys > kept.piece.feat.keys and 2 * backed >= backed_kept)
                    or (backed > backed_kept
                        and _gives_all(flat[j].piece, kept.piece, story_rates))):
                out[id(flat[i])] = flat[j]
    return out


def _gives_all(piece: Piece, other: Piece, story_rates: Rates | None) -> bool:
    """Does `piece` give every name and figure of `other` (a name as any of its words, a
    sum in another currency at the reports' own rate)?"""
    words = set(piece.feat.words)
    if not other.feat.names <= words | piece.feat.names:
        return False
    missing = other.feat.numbers - piece.feat.numbers
    return not missing or missing <= figures_given(other.feat.text, sums(piece.feat.text),
                                                   story_rates or {})


def _contradicts(a: Piece, b: Piece) -> bool:
    """The same sentence but for a negation ("received a response" / "received no
    response"): the reports contradict each other, and both stay on the page."""
    shared = len(a.feat.plain & b.feat.plain)
    larger = max(len(a.feat.plain), len(b.feat.plain))
    return a.feat.negated != b.feat.negated and shared >= NEAR_SAME * larger


def without(parts: Sequence[Part], gone: dict[int, Printed | None]) -> list[Part]:
    """The parts with near-copies dropped or replaced; a heading left with nothing under
    it goes too."""
    out: list[Part] = []
    for kind, printed in parts:
        kept = printed if kind == "heading" else [
            gone.get(id(p), p) for p in printed if gone.get(id(p), p) is not None]
        if kept:
            out.append((kind, kept))
    return [part for k, part in enumerate(out)
            if part[0] != "heading" or (k + 1 < len(out) and out[k + 1][0] != "heading")]


def blocks(parts: Sequence[Part]) -> tuple[BodyBlock, ...]:
    return tuple(BodyBlock(kind, tuple(p.sentence for p in printed)) for kind, printed in parts)
