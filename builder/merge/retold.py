"""One sum of money told twice: the same fact in two printed sentences.

Takes: printed sentences' texts and the story's own currency conversions. Gives: the
conversion rates the reports print (`rates`), whether two amounts are the same sum
(`same_sum`), and, for the body's units, those that tell again a sum another printed
sentence gives and add nothing the page lacks (`retold`).

"Ram-raiders ... making off with €2 million worth of loot" and "Four men rammed their car
into the store ..., making off with a two-million-euro ($2.6-million) booty" are one fact:
the same sum of money, about the same happening. A sum is a precise figure: two
sentences of one story giving it for one happening tell one fact. (A count is not: "12
people were injured" and "12 people were arrested" are two facts, so only sums are read
here.) Of the two, the body keeps the one more reports back; the other goes to `more`,
unless it adds something: a name or figure the page lacks (a bracketed conversion adds
none), a quotation, or a sentence after it that leans on it.

A sum may be given in two currencies ("$136M worth of diamonds" / "jewellery worth €103
million"). Rates are not guessed: the reports print them, in the conversions they give
("two million euros ($2.6 million)"), and a sum matches another currency's only at the
rate the story's own reports state (within RATE_SLACK).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence

from builder.merge.conflicts import measured
from builder.merge.figures import close
from builder.merge.normalise import names, numbers
from builder.merge.quantities import AMOUNT_END, SYMBOLS, Quantity, quantities
from builder.merge.reading import Reading, Span
from builder.merge.units import Piece, refers_back

Rates = Mapping[tuple[str, str], float]  # (from currency, to currency) -> factor

EXACT = 0.005  # two figures of one sum in one currency ('€2 million' / 'two million euros')
RATE_SLACK = 0.05  # a converted sum within this share of the other: rounding, not a rate
SAME_TOPIC = 0.4  # share of the shorter sentence's content words the other holds
# "(£1.7m; $2.6m)" right after an amount: the same sum in other currencies.
BRACKETED = re.compile(r"\(([^()]{1,80})\)")
BARE_AMOUNT = re.compile(r"\W*\d[\d.,]*\s*(?:bn|m|mn|million|billion)?\W*", re.IGNORECASE)


def _money(q: Quantity) -> bool:
    return q.unit in SYMBOLS.values() and q.kind != "range" and q.low > 0


def conversions(text: str) -> list[tuple[Quantity, Quantity]]:
    """(amount, the same amount in another currency) for each conversion the sentence
    prints in brackets after an amount ("2m euros (£1.7m; $2.6m)")."""
    out = []
    for found in BRACKETED.finditer(text):
        if AMOUNT_END.search(text[max(0, found.start() - 12):found.start()]) is None:
            continue
        before = [q for q in quantities(text[:found.start()]) if _money(q)]
        if not before:
            continue
        for part in found.group(1).split(";"):
            converted = [q for q in quantities(part) if _money(q)]
            if converted and converted[0].unit != before[-1].unit:
                out.append((before[-1], converted[0]))
    return out


def rates(texts: Iterable[str]) -> dict[tuple[str, str], float]:
    """The rates the story's reports print: for each pair of currencies, the median of
    the conversions they give (both ways round)."""
    seen: dict[tuple[str, str], list[float]] = {}
    for text in texts:
        if "(" not in text:
            continue
        for q, r in conversions(text):
            seen.setdefault((q.unit, r.unit), []).append(r.low / q.low)
            seen.setdefault((r.unit, q.unit), []).append(q.low / r.low)
    return {pair: statistics.median(found) for pair, found in sorted(seen.items())}


def same_sum(q: Quantity, r: Quantity, story_rates: Rates) -> bool:
    """Are the two the same sum of money: one currency and one figure, or two currencies
    and figures that agree at the rate the story's reports print?"""
    if not (_money(q) and _money(r)):
        return False
    if q.unit == r.unit:
        return close(q.low, r.low, EXACT)
    rate = story_rates.get((q.unit, r.unit))
    return rate is not None and close(q.low * rate, r.low, RATE_SLACK)


def sums(text: str) -> tuple[Quantity, ...]:
    return tuple(q for q in measured(text)[0] if _money(q))


def figures_given(text: str, page_sums: Sequence[Quantity], story_rates: Rates) -> frozenset[str]:
    """The figures of this sentence's sums that the page gives already, in their currency
    or in another at the story's own rate, next to a word in common (the same
    happening): "$136M worth of diamonds from the Carlton" after "jewellery worth €103
    million ... at the Carlton hotel" gives no figure of its own."""
    found: set[str] = set()
    for q in sums(text):
        if any(same_sum(q, r, story_rates) and q.context & r.context for r in page_sums):
            found |= numbers(q.shown)
    return frozenset(found)


def same_sum_told(a: str, b: str, story_rates: Rates, a_words: frozenset[str],
                  b_words: frozenset[str]) -> bool:
    """Do the two sentences give the same sum for the same happening: the words around
    the two figures share one, or the sentences share SAME_TOPIC of the shorter's words,
    and neither figure stands next to a name the other sentence lacks ('in Athens' / 'in
    Thessaloniki')?"""
    qa, qb = sums(a), sums(b)
    if not qa or not qb:
        return False
    names_a, names_b = measured(a)[1], measured(b)[1]
    topic = bool(a_words and b_words) and (
        len(a_words & b_words) >= SAME_TOPIC * min(len(a_words), len(b_words)))
    return any(same_sum(q, r, story_rates) and (topic or q.context & r.context)
               and not (q.names - names_b and r.names - names_a) for q in qa for r in qb)


def unconverted(text: str) -> str:
    """The sentence without the conversions it prints in brackets after an amount ("2m
    euros (£1.7m; $2.6m)", "30bn euros (25.7bn)"): the same sum in another currency is
    no figure of its own."""

    def drop(found: re.Match[str]) -> str:
        after_amount = AMOUNT_END.search(text[max(0, found.start() - 12):found.start()])
        inside = found.group(1)
        if after_amount and (BARE_AMOUNT.fullmatch(inside) or any(
                _money(q) for q in quantities(inside))):
            return " "
        return found.group(0)

    return BRACKETED.sub(drop, text)


def _plain(key: str) -> str:
    """A name or figure without its accents ('Vendôme' is 'Vendome' in another report)."""
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def own_keys(text: str) -> frozenset[str]:
    """The names and figures a sentence gives, conversions aside, accents aside."""
    plain = unconverted(text)
    return frozenset(_plain(k) for k in names(plain) | numbers(plain))


def retold(reading: Reading, spans: Sequence[Span], spine: int | None,
           story_rates: Rates) -> set[Span]:
    """The body's one-sentence units that give a sum another printed sentence gives for
    the same happening, are backed by fewer reports (or as many, and come later), and add
    nothing the rest of the page lacks: no name or figure (conversions aside), no
    quotation, nothing after them leaning on them. Each goes to `more`."""
    printed = [(span, [reading.printed(p) for p in reading.pieces(span)]) for span in spans]
    flat = [(k, p) for k, (_, ps) in enumerate(printed) for p in ps if p.kind != "heading"]
    with_sums = [(k, p) for k, p in flat if sums(p.feat.text)]
    if len(with_sums) < 2:
        return set()
    gone: set[int] = set()
    for x, (ka, a) in enumerate(with_sums):
        for kb, b in with_sums[x + 1:]:
            if ka == kb or ka in gone or kb in gone or not same_sum_told(
                    a.feat.text, b.feat.text, story_rates, a.feat.content, b.feat.content):
                continue
            # the one fewer reports back goes (of equals, the later)
            k = ka if len(reading.cites(a)) < len(reading.cites(b)) else kb
            if _adds_nothing(reading, printed, k, gone, spine):
                gone.add(k)
    return {printed[k][0] for k in gone}


def _adds_nothing(reading: Reading, printed: Sequence[tuple[Span, list[Piece]]], k: int,
                  gone: Collection[int], spine: int | None) -> bool:
    span, pieces = printed[k]
    if len(pieces) != 1 or pieces[0].kind == "heading" or pieces[0].feat.quotes:
        return False
    page = frozenset(_plain(key) for j, (_, ps) in enumerate(printed)
                     if j != k and j not in gone for p in ps for key in p.feat.keys)
    if not own_keys(pieces[0].feat.text) <= page:
        return False
    # nothing after it leans on it: the next sentence pointing back, or another report's
    # addition placed after the fact it follows in its own report
    after = next((j for j in range(k + 1, len(printed)) if j not in gone), None)
    if after is not None and refers_back(printed[after][1][0].feat.text):
        return False
    group = reading.group_of(reading.pieces(span)[0])
    for later, _ in printed[k + 1:]:
        before = reading.before(later)
        if later[0] != spine and before is not None and reading.group_of(
                reading.reports[later[0]][before]) == group:
            return False
    return True
