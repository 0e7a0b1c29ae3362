"""Does a report state everything a printed sentence says? Citations at the level of the claim.

Takes: the story's reports (`Piece`s by report id). Gives: `Support.backs(sentence,
report, near)`, true when one or two consecutive sentences of that report, at or next to
the places `near` where it tells the same fact, hold every figure of the sentence, any
quotation it prints, its negation if it has one, and
half its content words; and the report gives every name the sentence gives, and says
when where the sentence says when.

A report is cited on a sentence only when it backs it: "announced Nov. 12" is not cited to
an outlet that gives no date, "Steven Cheung, a campaign spokesman" not to one that never
names him. A day or time of day ("on Friday evening") must be in the backing sentences or
the one before them: a report that names Friday elsewhere, for another event, does not date
this one, and "Friday" does not back "Friday evening". The places to look are given by the grouping (where the report tells this fact),
so a check costs a few set operations, not a scan of the report.

`Support.backs_anywhere(sentence, report)` asks the same of a report that tells the fact
somewhere the grouping did not link (a sentence of its own that holds this one, a fact
split over two sentences): one or two consecutive sentences holding ANYWHERE_SHARE of the
printed sentence's content words, and then every figure, name, quotation and negation as
above. A report that states the claim is cited on it, wherever it states it.

`Support.states(sentence, report)` asks for the claim in the report's own words: one or
two consecutive sentences holding EVERY content word of it in its sense's form
(stated.py: "In all, 12 demonstrators were injured, officers said" states "Police said 12
protesters were hurt"), every figure, every name there or just before, and the rest as
above. It cites the reports that tell a fact in other words than the printed sentence's,
which a share of its words, counted as printed, misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from builder.merge.lexicon import lexicon
from builder.merge.normalise import Features, content_words, quotations
from builder.merge.stated import Claim, claim, terms
from builder.merge.units import Piece

TOKEN = re.compile(r"[\w'.,-]+")
DIGITS = re.compile(r"\d[\d,.]*")
CONTENT_SHARE = 0.5  # of the printed sentence's content words, in the report's sentence
# ... in two of its sentences together: twice the words hold more of any sentence's words
# by chance ("consult with federal wildlife experts" then "restore a check-and-balance
# system" do not state "President Obama is restoring a requirement that agencies consult
# with independent experts, subjecting projects to enhanced scrutiny")
PAIR_SHARE = 0.6
BRACKETED = re.compile(r"\[[^\]]*\]")
# Outside the places the grouping links, a window must hold this share of the sentence's
# content words: the same claim, not a sentence on the same matter.
ANYWHERE_SHARE = 0.8
# When a sentence says something happened: the day of the week (as a name: capitalised)
# and the time of day, which news gives for the event itself. Months are left to the
# report-wide name check: they as often name something else ("the November election").
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
TIMES_OF_DAY = frozenset("morning afternoon evening overnight yesterday tonight".split())
# Who says it: the speaker a sentence ends on (", a police source said.", ", said the
# fire brigade.") or credits ("according to AFP"). Its words must be where the report
# tells the claim: a report that credits AFP does not back "a police source said".
_SAYING = r"(?:said|says|told\s+[\w'-]+|added|wrote|stated|reported|reports)"
_SPEAKER_BEFORE = re.compile(rf",\s+((?:[\w'.-]+\s+){{0,5}}?[\w'.-]+)\s+{_SAYING}\W*$")
_SPEAKER_AFTER = re.compile(rf",\s+(?:said|says|added|wrote)\s+((?:[\w'.-]+\s+){{0,5}}?[\w'.-]+)\W*$")
_ACCORDING = re.compile(r"\baccording\s+to\s+((?:[\w'.-]+\s+){0,4}?[\w'.-]+)(?=\W*(?:[,.;]|$))")
PRONOUNS = frozenset("he she they it we i you his her its their this that who which".split())
# "the outlet said", "the paper reported": the medium named earlier, pointed back at as "he"
# is (the name it stands for is checked where the report names it).
MEDIUM = frozenset("""outlet report paper newspaper network agency station broadcaster channel
    publication website site magazine daily tabloid wire""".split())
# `states`: a name of the sentence must be in the backing sentences or this many before
# them (a person named, then "he"), not anywhere in the report.
NAMED_BEFORE = 3


class Support:
    def __init__(self, reports: Mapping[int, Sequence[Piece]]) -> None:
        self._reports = reports
        self._words: dict[int, frozenset[str]] = {}  # id(report) -> its words and names
        self._blobs: dict[int, str] = {}
        self._digits: dict[int, frozenset[str]] = {}
        self._dots: dict[int, tuple[Features, frozenset[str]]] = {}
        self._memo: dict[tuple[int, int, int], bool] = {}
        self._contents: dict[int, list[frozenset[str]]] = {}  # report id -> its sentences' words
        self._anywhere: dict[tuple[int, int], tuple[Features, bool]] = {}
        self._whole: dict[int, tuple[frozenset[str], frozenset[str]]] = {}  # report id -> all
        self._speakers: dict[int, tuple[Features, frozenset[str]]] = {}
        self._claims: dict[int, tuple[Features, Claim]] = {}
        # report id -> its sentences' words in their sense's form (headings none), and all
        self._said: dict[int, tuple[list[frozenset[str]], frozenset[str]]] = {}
        self._states: dict[tuple[int, int], tuple[Features, bool]] = {}

    def backs(self, feat: Features, source: int, near: Iterable[int]) -> bool:
        """Does report `source`, around its sentences `near`, back the sentence `feat`?"""
        report = self._reports.get(source, ())
        for i in near:
            key = (id(feat), source, i)
            found = self._memo.get(key)
            if found is None:
                found = self._memo[key] = self._backs_at(feat, report, i)
            if found:
                return True
        return False

    def backs_anywhere(self, feat: Features, source: int) -> bool:
        """Does report `source` back the sentence `feat` in one or two consecutive
        sentences anywhere in it, each holding most of its words?"""
        key = (id(feat), source)
        held = self._anywhere.get(key)
        if held is not None and held[0] is feat:
            return held[1]
        found = self._anywhere_in(feat, source)
        self._anywhere[key] = (feat, found)  # the sentence kept, so its id is not reused
        return found

    def _anywhere_in(self, feat: Features, source: int) -> bool:
        report = self._reports.get(source, ())
        if not feat.content or not report:
            return False
        # What every window must hold, the whole report must hold: most asks (a fact the
        # report does not tell) fail here, before any window is counted.
        if not self._holds(feat, source, report, ANYWHERE_SHARE):
            return False
        # How many of its words each sentence holds (headings none): a set operation a
        # sentence, for the few sentences asked about here that the whole report could back.
        contents = self._contents.get(source)
        if contents is None:
            contents = self._contents[source] = [
                frozenset() if p.kind == "heading" else p.feat.content for p in report]
        words = feat.content
        hits = [len(words & c) for c in contents]
        need = ANYWHERE_SHARE * len(words)
        for i, held in enumerate(hits):
            # A window of one or two sentences holding the share has a sentence holding
            # half of it: only those are looked around (the answer is one yes or no, the
            # same in any order).
            if 2 * held < need:
                continue
            # a window of i and its neighbour holds at most both counts: tested in full
            # only when that bound reaches the share
            for lo, hi in ((i, i + 1), (i, i + 2), (i - 1, i + 1)):
                if lo < 0 or hi > len(report) or hits[lo] + (
                        hits[lo + 1] if hi - lo == 2 else 0) < need:
                    continue
                window = [report[j].feat for j in range(lo, hi)]
                content = frozenset().union(*(w.content for w in window))
                if (len(feat.content & content) >= need
                        and self._window_backs(feat, window, report, lo, hi)):
                    return True
        return False

    def states(self, feat: Features, source: int) -> bool:
        """Do one or two consecutive sentences of report `source` state everything `feat`
        says: every content word (in its sense's form: "nationals" for "citizens"; the
        words `stated.claim` sets aside apart), every figure, every name (there or in
        the NAMED_BEFORE sentences before), and its quotation, negation, speaker and day
        as `backs` asks? Strict containment: a report that shares most of the words but
        not all does not state it; one that says more (a clause of its own) does."""
        key = (id(feat), source)
        held = self._states.get(key)
        if held is not None and held[0] is feat:
            return held[1]
        found = self._states_in(feat, source)
        self._states[key] = (feat, found)  # the sentence kept, so its id is not reused
        return found

    def could_state(self, feat: Features, source: int) -> bool:
        """Could report `source` state `feat` (`states`)? False when the whole report
        lacks one of its words, figures or names, or the sentence says nothing in words
        (names and figures alone: "Klitschko, 58-3" is no claim to look up)."""
        report = self._reports.get(source, ())
        if not report:
            return False
        c = self._claim(feat)
        return bool(c.terms) and (c.terms <= self._said_by(source, report)[1]
                and c.numbers <= self._whole_of(source, report)[1]
                and c.names <= self._names(report))

    def _states_in(self, feat: Features, source: int) -> bool:
        report = self._reports.get(source, ())
        if not report or not self.could_state(feat, source):
            return False
        said = self._said_by(source, report)[0]
        c = self._claim(feat)
        for lo in range(len(report)):
            if report[lo].kind == "heading":
                continue
            for hi in (lo + 1, lo + 2):
                if hi > len(report) or report[hi - 1].kind == "heading":
                    break
                window = [p.feat for p in report[lo:hi]]
                words = said[lo] if hi == lo + 1 else said[lo] | said[lo + 1]
                if not c.terms <= words:
                    continue
                numbers = frozenset().union(*(w.numbers for w in window))
                if not c.numbers <= numbers:
                    continue
                near = report[max(lo - NAMED_BEFORE, 0):hi]
                named = frozenset().union(*(frozenset(p.feat.words) | p.feat.names for p in near))
                figures = self._figures(feat)
                if (c.names <= named and (not figures or figures <= frozenset().union(
                        *(self._figures(w) for w in window)))
                        and self._rest_holds(feat, window, report, lo, hi)):
                    return True
        return False

    def _claim(self, feat: Features) -> Claim:
        held = self._claims.get(id(feat))
        if held is None or held[0] is not feat:
            held = self._claims[id(feat)] = (feat, claim(feat))
        return held[1]

    def _said_by(self, source: int, report: Sequence[Piece]) -> tuple[
            list[frozenset[str]], frozenset[str]]:
        found = self._said.get(source)
        if found is None:
            said = [frozenset() if p.kind == "heading" else terms(p.feat) for p in report]
            found = self._said[source] = (said, frozenset().union(*said))
        return found

    def _whole_of(self, source: int, report: Sequence[Piece],
                  ) -> tuple[frozenset[str], frozenset[str]]:
        """The whole report's content words and figures."""
        whole = self._whole.get(source)
        if whole is None:
            whole = self._whole[source] = (frozenset().union(*(p.feat.content for p in report)),
                                           frozenset().union(*(p.feat.numbers for p in report)))
        return whole

    def could_back(self, feat: Features, source: int) -> bool:
        """Could report `source` back the sentence `feat` anywhere (`backs` at some places,
        or `backs_anywhere`)? False when the whole report lacks a figure or name of it, or
        holds less than CONTENT_SHARE of its content words: no window of it can then
        hold them. True says only that some window might."""
        report = self._reports.get(source, ())
        return bool(report) and self._holds(feat, source, report, CONTENT_SHARE)

    def _holds(self, feat: Features, source: int, report: Sequence[Piece], share: float) -> bool:
        """Does the whole report hold every figure and name of `feat` and `share` of its
        content words (what any window backing it must hold)?"""
        whole = self._whole_of(source, report)
        return ((not feat.content or len(feat.content & whole[0]) >= share * len(feat.content))
                and feat.numbers <= whole[1]
                and (not feat.names or feat.names <= self._names(report)))

    def _backs_at(self, feat: Features, report: Sequence[Piece], i: int) -> bool:
        if not 0 <= i < len(report):
            return False
        if report[i].feat is feat:
            return True
        for lo, hi in ((i, i + 1), (i - 1, i + 1), (i, i + 2)):
            if lo < 0 or hi > len(report):
                continue
            window = [report[lo].feat] if hi - lo == 1 else [report[lo].feat, report[lo + 1].feat]
            if self._window_backs(feat, window, report, lo, hi):
                return True
        return False

    def _window_backs(
        self, feat: Features, window: list[Features], report: Sequence[Piece], lo: int, hi: int
    ) -> bool:
        # Windows are one or two sentences: their unions written out (performance only).
        first, last = window[0], window[-1]
        content = first.content if first is last else first.content | last.content
        share = CONTENT_SHARE if first is last else PAIR_SHARE
        if feat.content and len(feat.content & content) < share * len(feat.content):
            return False
        if feat.numbers:
            numbers = first.numbers if first is last else first.numbers | last.numbers
            if not feat.numbers <= numbers:
                return False
            digits = self._figures(first) | self._figures(last)
            if not self._figures(feat) <= digits:
                return False
        if feat.names and not feat.names <= self._names(report):
            return False
        return self._rest_holds(feat, window, report, lo, hi)

    def _rest_holds(self, feat: Features, window: list[Features], report: Sequence[Piece],
                    lo: int, hi: int) -> bool:
        """What a window must hold past the sentence's words, figures and names (asked
        for by `_window_backs` and `_states_in` each in its own way): its negation, its
        quotation, its speaker and day where the report tells the claim, its dotted names."""
        if feat.negated and not any(w.negated for w in window):
            return False
        if feat.quotes:
            plain = " ".join(" ".join(w.words) for w in window)
            if not all(q in plain for q in _spoken(feat.text)):
                return False
        speaker, when = self._speaker(feat), self._when(feat)
        if speaker or when:
            # The window and the sentence before it: where a report dates or credits what
            # the window says ("On Friday, ..." then "He added ...").
            near = report[max(lo - 1, 0):hi]
            words = frozenset().union(*(p.feat.words for p in near))
            if when and not when <= words:
                return False
            if speaker and not speaker <= words.union(*(p.feat.content for p in near)) and not (
                    _sensed(speaker) <= words.union(*(terms(p.feat) for p in near))):
                return False  # (in its sense's form too: "officers said" for "police said")
        dotted = self._dotted(feat)
        return not dotted or all(d in self._blob(report) for d in dotted)

    def _speaker(self, feat: Features) -> frozenset[str]:
        """The content words of the speaker the sentence names for its claim (none when
        it gives none, or only a pronoun: "he said" points at a name checked elsewhere)."""
        held = self._speakers.get(id(feat))
        if held is None or held[0] is not feat:
            found: frozenset[str] = frozenset()
            text = feat.text.rstrip("\u201d\u2019\"' ")
            for pattern in (_SPEAKER_BEFORE, _SPEAKER_AFTER, _ACCORDING):
                m = pattern.search(text)
                said_by = m.group(1).casefold().split() if m else ()
                if said_by and said_by[0] not in PRONOUNS and not (
                        said_by[0] == "the" and set(said_by[1:]) <= MEDIUM):
                    found = content_words(m.group(1))
                    break
            held = self._speakers[id(feat)] = (feat, found)
        return held[1]

    def _when(self, feat: Features) -> frozenset[str]:
        """The days and times of day the sentence dates its fact with."""
        # words[:1]: a day opening the sentence is not among its names
        return (feat.names & DAYS) | DAYS.intersection(feat.words[:1]) | TIMES_OF_DAY.intersection(
            feat.words)

    def _figures(self, feat: Features) -> frozenset[str]:
        """Figures written as a word of digits ("2.6", "1,300"), not inside one ("2.6m",
        "4x4"): a reader checking the figure looks for it as printed."""
        found = self._digits.get(id(feat))
        if found is None:
            found = self._digits[id(feat)] = frozenset(
                t.replace(",", "") for t in (w.strip(".,'-") for w in TOKEN.findall(feat.text))
                if DIGITS.fullmatch(t))
        return found

    def _dotted(self, feat: Features) -> frozenset[str]:
        """Dotted names ("U.S", "D.C."), which the word splitter cuts into letters."""
        # The sentence is checked against many windows: worked out once. Keyed by identity,
        # the sentence kept with its answer (so its id is not reused while it is held).
        held = self._dots.get(id(feat))
        if held is None or held[0] is not feat:
            held = self._dots[id(feat)] = (feat, frozenset(
                t.casefold() for n, t in enumerate(w.strip(".,'-") for w in TOKEN.findall(feat.text))
                if n and "." in t and t[:1].isupper()))
        return held[1]

    def _blob(self, report: Sequence[Piece]) -> str:
        key = -id(report)
        found = self._blobs.get(key)
        if found is None:
            found = self._blobs[key] = " ".join(p.feat.folded for p in report)
        return found

    def _names(self, report: Sequence[Piece]) -> frozenset[str]:
        """Every word and name of the report: a name it gives anywhere (a speaker named
        once, then called "he") backs the name on a sentence; one it never gives does not."""
        key = id(report)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = frozenset().union(
                *(frozenset(p.feat.words) | p.feat.names for p in report))
        return found


def _sensed(words: frozenset[str]) -> frozenset[str]:
    """Words (stems) in their sense's form (lexicon.py)."""
    sense = lexicon().sense
    return frozenset(sense.get(w, w) for w in words)


def _spoken(text: str) -> tuple[str, ...]:
    """The quotations' own words: an outlet's bracketed insertion ("[in the event of a
    test]") is its gloss, which other outlets need not print."""
    return quotations(BRACKETED.sub(" ", text))
