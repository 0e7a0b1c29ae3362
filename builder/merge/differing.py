"""Show where the reports give different figures for what the story prints.

Takes: the `Reading`, the body's parts and `more`'s parts (output.py), final but for this.
Gives: both again, with each body sentence followed by the differing accounts of its
figures ("Another report gives a different figure: Police said 18 people had been
injured..."), each cited to exactly the reports that state it; and each sentence of `more`
noting the figures the reports it was grouped with give otherwise (`Sentence.variants`).

A differing account is another report's own sentence, so every report cited on it states
all it says; the lead-in names no outlet and no figure. It is looked for among all the
other reports' sentences, grouped with the printed one or not (conflicts.py says when two
figures are of one quantity). A sentence that leans back ("He said 18 ...") is no account:
away from its own report it would name the wrong thing; nor is one naming someone the
page has not introduced ("According to Childs ..."): the next best account of that figure
is told instead, so that a figure the reports dispute never reads as settled while some
account of it can be told. A body sentence that is another's account moves up next to
it, unless the sentence after it leans on it. An account told in the body leaves `more`,
with the sentences of its fact that add nothing to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from builder.merge.backbone import introduced
from builder.merge.conflicts import agreeing, conflicting, measured, variants
from builder.merge.output import Part, Printed
from builder.merge.reading import Reading
from builder.merge.units import Piece, leans_back, refers_back
from builder.model import Sentence

LEAD_IN = ("Another report gives a different figure: ", "Other reports give a different figure: ")
MAX_SHOWN = 2  # differing accounts after one sentence
MAX_LOOKED = 64  # sentences counting one thing looked at for one figure (performance)

Key = tuple[int, int]  # (report id, sentence index)
LeftOut = tuple[Collection[int], Collection[Key]]  # background reports, omitted sentences


# What `with_accounts` gives: the body with each sentence's differing accounts after it;
# the accounts; and the sentences they tell.
Accounts = tuple[list[Part], list[Printed], set[Key]]


def with_accounts(reading: Reading, body: Sequence[Part], left_out: LeftOut = ((), ())) -> Accounts:
    """The body with its differing accounts (what `account_words` counts and
    `show_differing` shows: worked out once when the body does not change between them)."""
    return _with_accounts(reading, body, left_out)


def account_words(reading: Reading, body: Sequence[Part], left_out: LeftOut = ((), ()),
                  accounts: Accounts | None = None) -> int:
    """The words the differing accounts of this body's figures add to it (an account the
    body prints elsewhere only moves). `accounts`: `with_accounts` of this very body."""
    printed = {_key(p.piece) for _, row in body for p in row}
    found = accounts if accounts is not None else _with_accounts(reading, body, left_out)
    return sum(p.piece.feat.n_words for _, row in found[0] for p in row
               if _key(p.piece) not in printed)


def show_differing(
    reading: Reading, body: Sequence[Part], more: Sequence[Part],
    published: Mapping[int, dt.date | None] | None = None, left_out: LeftOut = ((), ()),
    accounts: Accounts | None = None,
) -> tuple[list[Part], list[Part]]:
    """`published`: each report's publication date, so that an account from reports all
    published before (after) the printed sentence's says so: "An earlier report gives
    a different figure": the figure may be of another moment. `left_out`: the background
    reports and the sentences the curator left out, never an account. `accounts`:
    `with_accounts` of this very body, when already worked out."""
    new_body, shown, used = accounts if accounts is not None else _with_accounts(
        reading, body, left_out)
    if published:
        new_body = [(kind, _dated(row, published)) for kind, row in new_body]
    return new_body, _more(reading, more, shown, used)


def _dated(row: list[Printed], published: Mapping[int, dt.date | None]) -> list[Printed]:
    out: list[Printed] = []
    printed: Printed | None = None
    for p in row:
        if not p.sentence.variants:
            printed = p
        elif printed is not None:
            ours = published.get(printed.piece.source)
            theirs = {published.get(s) for s in p.sentence.sources}
            when = ("earlier" if ours and None not in theirs and max(theirs) < ours else
                    "later" if ours and None not in theirs and min(theirs) > ours else "")
            p = replace(p, sentence=replace(p.sentence, text=_lead(when, len(p.sentence.sources) > 1) + p.piece.feat.text))
        out.append(p)
    return out


def _lead(when: str, several: bool) -> str:
    """'Another report gives a different figure: ', 'Earlier reports give ...'."""
    if not when:
        return LEAD_IN[several]
    subject = f"{when.capitalize()} reports give" if several else (
        f"{'An' if when == 'earlier' else 'A'} {when} report gives")
    return f"{subject} a different figure: "



def _with_accounts(reading: Reading, body: Sequence[Part], left_out: LeftOut,
                   ) -> tuple[list[Part], list[Printed], set[Key]]:
    """The body with each sentence's differing accounts after it; the accounts; and the
    sentences they tell."""
    by_unit = _by_unit(reading, left_out)
    flat = [p for kind, printed in body if kind != "heading" for p in printed]
    where = {_key(p.piece): n for n, p in enumerate(flat)}
    accounts: dict[Key, list[Printed]] = {}
    moved: set[Key] = set()
    used: set[Key] = set()
    told: set[int] = set()  # groups of the accounts told
    named: dict[str, float] = {}  # the people the body has named so far
    for n, p in enumerate(flat):
        for name in p.piece.feat.names:
            named.setdefault(name, 0)
        if _key(p.piece) in moved:
            continue
        found = []
        figures: set[tuple] = set()  # the figures an account is told for
        for figure, grouped, other in _accounts(reading, by_unit, p, used, told):
            if figure in figures or (found and not grouped):
                # One account a figure, the best that can be told; a sentence not grouped
                # with the printed one is weaker evidence of the same fact: the closest
                # such that can be told, and only when no grouped one is.
                continue
            later = where.get(_key(other.piece))
            if later is not None and (later <= n or not _movable(flat, later)):
                continue
            # "According to Childs ...", its report having named Dustin Childs before: told
            # here, the surname names no one the reader has met.
            if not introduced(reading, (other.piece.source, other.piece.index,
                                        other.piece.index + 1), named, 0):
                continue
            if later is not None:
                moved.add(_key(other.piece))
            figures.add(figure)
            found.append(other)
            used.add(_key(other.piece))
            told.add(reading.group_of(other.piece))
            if len(found) == MAX_SHOWN:
                break
        if found:  # after the sentences that lean on it ("They said ..."), not between
            end = n
            while end + 1 < len(flat) and _key(flat[end + 1].piece) not in moved and leans_back(
                    flat[end + 1].sentence.text):
                end += 1
            accounts.setdefault(_key(flat[end].piece), []).extend(found)
    new_body: list[Part] = []
    for kind, printed in body:
        row: list[Printed] = []
        for p in printed:
            if _key(p.piece) not in moved:
                row.append(p)
                row.extend(accounts.get(_key(p.piece), ()))
        if row:
            new_body.append((kind, row))
    return new_body, [a for found in accounts.values() for a in found], used


def uncontested(body: Sequence[Part]) -> list[Part]:
    """The body without its differing accounts and the sentences they dispute: what the
    story in brief may tell (told alone there, a disputed figure reads as settled)."""
    flat = [p for kind, row in body if kind != "heading" for p in row]
    gone = {id(p) for p in flat if p.sentence.variants}
    for k, p in enumerate(flat):
        if p.sentence.variants:  # the disputed sentence: the first before it standing alone
            j = k - 1
            while j >= 0 and (flat[j].sentence.variants or leans_back(flat[j].sentence.text)):
                j -= 1
            if j >= 0:
                gone.add(id(flat[j]))
    out = [(kind, [p for p in row if id(p) not in gone]) for kind, row in body]
    return [(kind, row) for kind, row in out if row]


def _accounts(reading: Reading, by_unit: dict[str, list[Piece]], printed: Printed,
              used: set[Key], told: set[int]) -> list[tuple[tuple, bool, Printed]]:
    """The differing accounts of the printed sentence's figures, each with the figure it
    gives and whether it tells the same fact (is grouped with the printed sentence): those
    that do first, then those closest to it in words, then the best backed. All are
    given, the best that can be told is told (`_with_accounts`): 'According to Childs' is
    no account before the page names Childs, and the next one is."""
    piece = printed.piece
    if piece.kind == "heading":
        return []
    quantities, _ = measured(piece.feat.text)
    found: list[tuple[tuple, tuple, Printed]] = []
    seen: set[Key] = set()
    for q in quantities:
        for other in by_unit.get(q.unit, ())[:MAX_LOOKED]:
            if other.source == piece.source or _key(other) in seen or _leans(other.feat.text):
                continue
            seen.add(_key(other))
            if _key(other) in used or reading.group_of(other) in told:
                continue  # one account is told once
            same_fact = _same_fact(reading, piece, other)
            pairs = conflicting(piece.feat.text, other.feat.text, same_fact,
                                (piece.feat.content, other.feat.content))
            if not pairs:
                continue
            cites = agreeing(reading, other, reading.cites(other))
            if set(cites) & set(printed.sentence.sources):
                continue  # a report cited on the sentence already: it does not differ
            figure = tuple(sorted((r.unit, r.low, r.high) for _, r in pairs))
            shared = len(piece.feat.content & other.feat.content) / max(len(other.feat.content), 1)
            rank = (not same_fact, -shared, -len(cites), other.feat.n_words, other.source, other.index)
            found.append((rank, figure, _account(printed, other, cites, pairs)))
    found.sort(key=lambda f: f[0])
    return [(figure, not rank[0], account) for rank, figure, account in found]


def _account(printed: Printed, other: Piece, cites: tuple[int, ...], pairs: list) -> Printed:
    """The other report's sentence, introduced as a differing account, noting who gives
    which figure (the printed sentence's reports first)."""
    lead = LEAD_IN[len(cites) > 1]
    ours = ", ".join(dict.fromkeys(q.shown for q, _ in pairs))
    theirs = ", ".join(dict.fromkeys(r.shown for _, r in pairs))
    noted = tuple((s, ours) for s in printed.sentence.sources) + tuple((s, theirs) for s in cites)
    return Printed(other, Sentence(lead + other.feat.text, cites, noted))


def _leans(text: str) -> bool:
    """Does the sentence need the one before it: a pronoun or connective opening ("He
    said"), or a quotation whose speaker is not named? ("The bug affects ..." does not:
    told right after a sentence of the same fact, its definite description is clear.)"""
    return leans_back(text) or (text.lstrip()[:1] in "\"\u201c\u201e\u00ab" and refers_back(text))


def _same_fact(reading: Reading, a: Piece, b: Piece) -> bool:
    ga, gb = reading.group_of(a), reading.group_of(b)
    nearly = reading.groups.conflict_of
    return ga == gb or nearly.get(_key(a)) == gb or nearly.get(_key(b)) == ga


def _movable(flat: Sequence[Printed], at: int) -> bool:
    """Can this body sentence leave its place? Not when the next one leans on it."""
    return at + 1 >= len(flat) or not refers_back(flat[at + 1].sentence.text)


def _by_unit(reading: Reading, left_out: LeftOut) -> dict[str, list[Piece]]:
    """What each sentence of every report counts: unit -> the sentences counting it (the
    background reports' and the curator's left-out sentences aside)."""
    background, omitted = set(left_out[0]), set(left_out[1])
    out: dict[str, list[Piece]] = {}
    for source, report in reading.reports.items():
        if source in background:
            continue
        for piece in report:
            if piece.kind == "heading":
                continue
            found = measured(piece.feat.text)[0]
            if not found or _key(piece) in omitted:  # most sentences count nothing
                continue
            for unit in dict.fromkeys(q.unit for q in found):
                out.setdefault(unit, []).append(piece)
    return out


def _more(reading: Reading, more: Sequence[Part], shown: list[Printed], used: set[Key]) -> list[Part]:
    """`more` without the accounts the body now tells (nor what adds nothing to them), its
    sentences noting the figures reports of the same fact give otherwise."""
    told = {reading.group_of(a.piece): a.piece for a in shown}
    out: list[Part] = []
    for kind, printed in more:
        row = []
        for p in printed:
            if kind == "heading":  # a report's heading or a dateline: no fact of a group
                row.append(p)
                continue
            account = told.get(reading.group_of(p.piece))
            if _key(p.piece) in used or (account is not None and p.piece.feat.keys <= account.feat.keys):
                continue
            noted = variants(p.piece, _same_fact_others(reading, p.piece))
            row.append(replace(p, sentence=replace(p.sentence, variants=noted)) if noted else p)
        if row:
            out.append((kind, row))
    return out


def _same_fact_others(reading: Reading, piece: Piece) -> list[Piece]:
    group = reading.groups.groups[reading.group_of(piece)]
    nearly = reading.groups.conflict_of.get(_key(piece))
    near = reading.groups.groups[nearly].members if nearly is not None else []
    return [c for c in group.conflicts + near + group.members if c.source != piece.source]



def _key(piece: Piece) -> Key:
    return piece.source, piece.index
