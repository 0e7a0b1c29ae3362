"""The story in brief: the few facts a reader who reads nothing else should know.

Takes: the body's printed sentences, in order (headings mark another moment's section), the
number of reports, the story's `Salience`, the telling of each fact most reports back
(wording.best_backed) and which report copies which. Gives: up to five of the body's facts,
each in that telling and cited to every report that states it in full: the lede, then what
happened, then what was said, each in body order; or none.

What an editor puts in a brief, as rules:

  1. The news first: the story's opening sentence (what most reports open with) leads it,
     or another report's opening printed right after it that more reports back.
  2. The story's moment: the sentences before the first dated heading; another day's
     report (the letter that urged the decision, the first report of a flaw), or a
     sentence that opens on another time ("In December 2008, ...", "Last week, ..."),
     looks back over years, or looks back from the story's moment in the past perfect
     ("Customers had reported ...", "Union reaction until now had been muted"; not
     what someone said, whose tense is the saying's), is read only when the moment
     gives too few facts.
  3. News over background: a report tells its news first and its background last (the
     position feature of summarisation, as in MEAD), so a sentence counts less the
     further down its report it stands. Corroboration alone favours background, which
     every outlet's wire copy repeats at its end ("Paris has also been the scene of ...").
  4. Corroborated: past the lede, an item is a fact two independent reports state in full
     (a wire story and its copies are one voice), in the telling of it the most reports
     back, the shortest of equals (wording.best_backed: the body prints the backbone's
     fullest sentence, which one report may state whole); it counts the more voices back
     it, and the more of what the other reports say it tells for its length
     (salience.central): a short sentence with one fact in it ("Police responded with
     tear gas") tells less than one with who, what and where. That telling counts what it
     counts as the body's sentence does: "Two other buildings besides the bank were set
     on fire", for the body's "at least two buildings the bank and a branch of the Finance
     Ministry", would contradict the body; the body's own telling is weighed instead.
  5. Alone: an item is read with nothing before it (standalone.py): no "He ...", no
     quotation whose speaker is unnamed; an "also" or a vague "the ..." counts less.
  6. Distinct: no item most of whose content words the items above it already hold,
     unless it gives a name or figure they do not ("Thompson ... dropped to 36-3").
  7. Enough and no more: at least FEWEST items where the reports agree on that many, at
     most MOST. Past FEWEST, every further fact the reports agree on (rules 2-6) is told,
     however far below the opening's facts it scores: the brief spreads over the story
     (the officials' fear for Pyongyang's nuclear programme, the aid already sent, the
     brothers' hold on the division) rather than giving the opening's three sentences
     again; but no reaction and no report's closing line (the wire's kicker every copy
     ends on) lengthens it. A quotation most reports give is the news; one fewer report
     gives is a reaction: it counts REACTION, and the brief gives at most one.
  8. Agreed, or nothing: fewer than AGREED items two independent reports back, and the
     brief would be one outlet's summary under a heading that promises what the reports
     agree on, printed again as the story's opening; the story has no brief (the reader
     reads the opening), rather than one padded with one report's facts.
  9. Order: the lede, then what happened, then what was said (quotations), each in body
     order: the reader learns the event before the reactions to it.

No heading, no fragment, no outlet's labelled note ("Update: ..."). A story of one report has
no brief: there is nothing to corroborate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from builder.merge.normalise import numbers
from builder.merge.output import Part, Printed
from builder.merge.quantities import quantities
from builder.merge.salience import FULL_SENTENCE, Salience
from builder.merge.standalone import leaning, stands_alone
from builder.model import Sentence

MOST = 5
FEWEST = 3
MIN_WORDS = 6  # a fact, not a fragment
RESTATED = 0.5  # "most of its words": more than half already in the brief
# A report's sentence at this place counts half as much as its opening (rule 3): past the
# opening paragraphs a report gives detail, reactions and then background.
HALF_PLACE = 4
# "In December 2008, ...", "At the end of July, ...", "Last week, ...", "... years ago": a
# sentence that opens on another time than the story's, or looks back over years, tells its
# background (t24's earlier heists, t27's earlier faulty updates, t09's March order).
_MONTH = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
ELSEWHEN = re.compile(
    r"^[\"'\u201c\u2018]?(?:"
    rf"(?:In|Since|By|Until|Through|From)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{_MONTH})\s+)?"
    r"(?:19|20)\d\d\b"
    rf"|(?:In|Since|By|At\s+the\s+(?:end|start|beginning)\s+of|Earlier\s+in|Late\s+in|Early\s+in)"
    rf"\s+(?:{_MONTH})\b"
    r"|(?:Last|Earlier\s+this|Late\s+last|Earlier\s+last)\s+(?:week|month|year|decade|spring|summer"
    r"|autumn|fall|winter)\b)"
    r"|\b(?:years|months|decades)\s+ago\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:years|months|decades)\b"
    r"|\bin\s+recent\s+(?:years|months)\b")
# "Customers had reported ...", "Union reaction until now had been muted ...": a sentence
# whose own clause is told in the past perfect looks back from the story's moment to what
# came before it (background, rule 2), unless it reports what someone said ("Lohan had
# checked in ..., her father said", "..., saying that the secretary had testified": the
# tense follows the saying, and the news is what was said). A past perfect after a
# subordinating word is another clause's ("a bill that had already passed", "after he
# had ..."): the sentence's own verb tells the news.
EARLIER = re.compile(r"\bhad\s+(?:(?:not|never|already|long|just|also|\w+ly)\s+)?"
                     r"(?:been|[a-z]+(?:ed|en))\b")
SAYING = re.compile(r"\b(?:said|says|say|saying|told|tells|telling|according|stated|states|"
                    r"added|adds|adding|reported|reports|announced|confirmed|insisted|warned)\b")
CLAUSE = re.compile(r"\b(?:that|which|who|whom|whose|where|when|after|before|because|since|"
                    r"although|though|while|if|once)\b", re.IGNORECASE)
# A sentence with this share of its letters inside quotation marks reports someone's words:
# a reaction, which a brief gives only when it is itself the news most reports carry (rule 7).
QUOTED_SHARE = 0.3
REACTION = 0.5  # a reaction counts half a report of what happened
_QUOTATION = re.compile(
    "[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]*(?:[\"\u201d\u00bb]|$)")
# A count that says what it leaves out ("two buildings besides the bank"): another count
# than the same figure without it (rule 4).
EXCEPT = re.compile(r"\b(?:besides|apart\s+from|aside\s+from|in\s+addition\s+to|excluding|"
                    r"not\s+counting|other\s+than)\b", re.IGNORECASE)
# Items at least two independent reports back: fewer, and the brief is one outlet's
# summary under a label that promises agreement; the story's opening serves (rule 8).
AGREED = 2
# "Update: ...", "Editor's note: ...": an outlet's note about its own report, not the news.
LABEL = re.compile(r"(?:update[sd]?|editor['\u2019]?s note|correction|clarification|note|"
                   r"disclosure)\b[^:]{0,30}:\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Candidate:
    position: int  # in the body, headings aside
    section: int  # 0: the story's moment; n: after the n-th dated heading
    elsewhen: bool  # dated to another time than the story's (ELSEWHEN)
    printed: Printed  # as the body prints it
    told: Printed  # the telling of its fact the most reports back in full (rule 4)
    voices: int  # independent reports citing `told`: a wire copy and its original are one
    quoted: bool  # mostly someone's words (QUOTED_SHARE): a quotation, not a report of events
    closing: bool  # the last sentence of its report, in each telling (rule 7)
    score: float  # rules 3 and 4, before rule 5's leaning

    @property
    def words(self) -> frozenset[str]:
        return self.printed.piece.feat.content | self.told.piece.feat.content

    @property
    def keys(self) -> frozenset[str]:
        return self.printed.piece.feat.keys | self.told.piece.feat.keys


def brief(
    body: Sequence[Part], reports: int, salience: Salience | None = None,
    wording: Callable[[Printed], Printed | None] | None = None,
    original: Mapping[int, int] | None = None, lengths: Mapping[int, int] | None = None,
) -> tuple[Sentence, ...]:
    """`wording`: for a body sentence, its fact as more reports tell it in full, to give
    in the brief instead (wording.best_backed), or None. `original`: report id -> the
    report it copies (a copy is no second voice). `lengths`: report id -> its sentences
    (which of them closes it)."""
    if reports < 2:
        return ()
    original = original or {}
    voices = len({original.get(s, s) for s in range(1, reports + 1)})
    candidates = _candidates(body, salience, wording, original, lengths or {})
    moment = [c for c in candidates if c.section == 0 and not c.elsewhen]
    chosen = _choose(moment, voices)
    if len(chosen) < FEWEST:  # rule 2: another moment only to complete a thin brief
        chosen = _choose(candidates, voices, chosen)
    if sum(c.voices >= 2 for c in chosen) < AGREED:
        return ()  # rule 8: the reports agree on too little to brief
    # Rule 9: the lede, then what happened, then what was said, each part in body order.
    lede, rest = chosen[0], sorted(chosen[1:], key=lambda c: (c.quoted, c.position))
    return tuple(c.told.sentence for c in [lede, *rest])


def _candidates(
    body: Sequence[Part], salience: Salience | None,
    wording: Callable[[Printed], Printed | None] | None, original: Mapping[int, int],
    lengths: Mapping[int, int],
) -> list[_Candidate]:
    """The body's sentences that can be items (rule 5's hard part, no label, no fragment),
    each in the telling of its fact most reports back and scored by its place in its
    report, its independent backers and what it tells (rules 3, 4)."""
    found: list[tuple[int, int, Printed]] = []
    section = position = 0
    for kind, part in body:
        if kind == "heading":
            section += 1
            continue
        for printed in part:
            text = printed.sentence.text
            if (stands_alone(text) and not LABEL.match(text)
                    and printed.piece.feat.n_words >= MIN_WORDS):
                found.append((position, section, printed))
            position += 1
    told = {id(p): _told(p, salience) for _, _, p in found}
    most = max(told.values(), default=0.0) or 1.0
    out = []
    for position, section, p in found:
        best = (wording(p) if wording is not None else None) or p
        if best is not p and not _counts_alike(best.sentence.text, p.sentence.text):
            best = p  # rule 4: the body's telling, not another count of the same thing
        voices = len({original.get(s, s) for s in best.sentence.sources})
        closing = all(t.piece.index == lengths.get(t.piece.source, 0) - 1 for t in (p, best))
        out.append(_Candidate(position, section, _elsewhen(p.sentence.text),
                              p, best, voices, _quoted(best.sentence.text), closing,
                              voices * told[id(p)] / most / (1 + p.piece.index / HALF_PLACE)))
    return out


def _elsewhen(text: str) -> bool:
    """Rule 2: told of another time than the story's: dated so (ELSEWHEN), or looking back
    from it in the past perfect, in its own clause, outside quotation marks, with no
    saying verb (EARLIER)."""
    if ELSEWHEN.search(text):
        return True
    plain = _QUOTATION.sub(" ", text)
    found = EARLIER.search(plain)
    return (found is not None and not CLAUSE.search(plain[:found.start()])
            and not SAYING.search(plain[:found.start()] + plain[found.end():]))


def _counts_alike(told: str, printed: str) -> bool:
    """Rule 4: does `told` count what `printed` counts as `printed` does? Of the figures
    both give, each must count the same thing in both: "Two other buildings besides the
    bank were set on fire" counts three buildings where "Firefighters extinguished blazes
    at least two buildings the bank and a branch of the Finance Ministry" counts two, and
    a brief item in the first telling would contradict the body's sentence (an increment,
    "other", "another", "a further", counts something else: quantities.py leaves it out;
    so does a figure that says what it leaves out, "besides the bank")."""
    shared = {n for n in numbers(told) & numbers(printed)}
    if not shared:
        return True

    def counted(text: str) -> set[tuple[str, float]]:
        return {(q.unit, q.low) for q in quantities(text) if _value(q.low) in shared}

    return (counted(told) == counted(printed)
            and bool(EXCEPT.search(told)) == bool(EXCEPT.search(printed)))


def _value(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _quoted(text: str) -> bool:
    """Mostly someone's words: QUOTED_SHARE of its letters inside quotation marks."""
    inside = sum(len(m.group(0)) for m in _QUOTATION.finditer(text))
    return inside >= QUOTED_SHARE * len(text)


def _told(printed: Printed, salience: Salience | None) -> float:
    """What the sentence tells of what the other reports say (salience.central, which is
    per word), for the square root of its length: a brief item is a whole fact (who did
    what, where), not the densest fragment ("Police responded with tear gas"), nor the
    longest sentence."""
    if salience is None:
        return 1.0
    length = max(printed.piece.feat.n_words, FULL_SENTENCE) / FULL_SENTENCE
    return salience.central(printed.piece, (), ()) * length ** 0.5


def _choose(
    candidates: Sequence[_Candidate], voices: int, chosen: Sequence[_Candidate] = ()
) -> list[_Candidate]:
    """Rules 1, 5, 6 and 7 over `candidates`, after the items already `chosen`, in a story
    of `voices` independent reports."""
    chosen = list(chosen)
    seen = {w for c in chosen for w in c.words}
    keys = {k for c in chosen for k in c.keys}
    taken = {c.position for c in chosen}
    rest = [c for c in candidates if c.position not in taken]
    opening = None if chosen else _opening(rest)
    if opening is not None:  # rule 1: the opening leads
        chosen.append(opening)
        rest.remove(opening)
        seen |= opening.words
        keys |= opening.keys
    # rule 7: a quotation most reports give is the news; another is a reaction, and the
    # brief gives at most one, after what happened
    news = max(2, voices // 2 + 1)
    reactions = sum(c.quoted and c.voices < news for c in chosen)
    while rest and len(chosen) < MOST:
        score, item = max(((c.score * leaning(c.told.sentence.text, c.told.piece.feat, seen)
                            * (REACTION if c.quoted and c.voices < news else 1.0), c)
                           for c in rest),
                          key=lambda found: (found[0], -found[1].position))
        rest.remove(item)
        if item.voices < 2:
            continue  # rule 4: past the lede, what independent reports agree on
        reaction = item.quoted and item.voices < news
        if reaction and reactions:
            continue  # rule 7: one reaction at most
        if _restates(item, seen, keys):
            continue  # rule 6: it tells again what the brief tells
        if len(chosen) >= FEWEST and (reaction or item.closing):
            continue  # rule 7: past FEWEST, news, not a reaction or a report's closing line
        chosen.append(item)
        reactions += reaction
        seen |= item.words
        keys |= item.keys
    return chosen


def _opening(candidates: Sequence[_Candidate]) -> _Candidate | None:
    """Rule 1: the body's first sentence or, when other reports' own first sentences follow
    it, the one of them most reports back: the same news in another outlet's words, the
    best-backed telling of it (t24 opens with one outlet's "Ram-raiders ploughed ...", then
    the wire's "Four men rammed ..." that four reports give)."""
    run: list[_Candidate] = []
    for c in candidates:  # in body order
        if c.position != len(run) or (run and c.printed.piece.index != 0):
            break
        run.append(c)
    return max(run, key=lambda c: (c.voices, -c.position), default=None)


def _restates(item: _Candidate, seen: set[str], keys: set[str]) -> bool:
    """Rule 6: most of its content words are in the brief, and it gives no name or figure
    the brief lacks."""
    words = item.told.piece.feat.content
    return (bool(words) and sum(w in seen for w in words) > RESTATED * len(words)
            and item.told.piece.feat.keys <= keys | seen)
