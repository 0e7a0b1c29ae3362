"""One fact told twice in the body, in two wordings: the fuller telling stays.

Takes: the `Reading`, the body's units in printed order and the backbone report. Gives:
the one-sentence units that restate a fact another printed unit already tells and add
nothing the page lacks; each goes to `more` (which prints it unless the body tells every
word of it: output.more_parts).

"Attackers could set up websites specifically designed to exploit the vulnerability,
Microsoft said, and then run malicious code on users' computers." after "According to
the company, the issue would allow remote code execution, which means that an attacker
could get access to an unpatched system by directing users to a compromised website"
and the company's quotation of it tells the reader nothing new: the grouping step did
not join them (a paraphrase match across reports must be safe), but on one page the
second is a repeat. A sentence B restates a unit A when
  - every name and figure of B is one A gives, in A's form or another ("IE8 and 9" /
    "Internet Explorer 8 and Internet Explorer 9", "3" / "three": `atoms`), or, named as
    B's speaker only ("..., Microsoft said"), the story's own subject (COMMON_KEY);
  - B's words (stems; the speaker's verb and light verbs aside; words of one sense as
    one: restated.yaml) are COVER of them A's, at least MIN_SHARED, and at most
    OWN_WORDS of the others are printed nowhere else on the page;
  - B names no time A does not (another moment), gives no quotation (a speaker's own
    words), denies nothing (a denial is a fact of its own), counts nothing otherwise
    (conflicts.differing), and the sentence after it does not lean on it.
Of two one-sentence units restating each other, the one fewer reports back goes (of
equals, the shorter, then the later). A sentence told first and better backed than the
later, fuller telling stays: that one adds to it. A sentence inside a longer unit is
never taken out of it (the unit keeps its meaning together).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from builder.merge.conflicts import differing
from builder.merge.lexicon import lexicon as _lexicon
from builder.merge.normalise import Features, stem
from builder.merge.reading import Reading, Span
from builder.merge.units import Piece, refers_back

COVER = 0.6  # of B's words A holds: most of what B says
MIN_SHARED = 3  # words in common: a fact, not a topic word or two
OWN_WORDS = 1  # words of b's own, printed nowhere else: a manner word, not a fact
COMMON_KEY = 3  # units naming it: the story's own subject, no detail of one sentence
# A run of capitalised words whose initials another report prints as one name
# ("Internet Explorer" -> "IE").
CAPITALISED_RUN = re.compile(r"(?:\b[A-Z][a-z]+\b(?:\s+|$)){2,}")
NAME_DIGITS = re.compile(r"^([a-z]+)(\d+)$")
_NAME = r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}"
_SAYS = r"(?:said|says|told|added|explained|stated|noted|announced|confirmed)"
SPEAKER = re.compile(rf"\b({_NAME})\s+{_SAYS}\b|\b(?:{_SAYS}|(?i:according)\s+to)\s+({_NAME})")


def atoms(feat: Features) -> frozenset[str]:
    """The sentence's names and figures in the forms another report may print them: its
    key atoms (`_key_atoms`) and the initials of each run of capitalised words
    ("Internet Explorer" -> "ie")."""
    runs = {"".join(w[0] for w in run.split()).casefold()
            for run in CAPITALISED_RUN.findall(feat.text)}
    return _key_atoms(feat) | runs


def speakers(text: str) -> frozenset[str]:
    """The names a sentence gives its speaker by ("Microsoft said", "said Ms Tamir",
    "according to Microsoft"), as atoms."""
    found: set[str] = set()
    for match in SPEAKER.finditer(text):
        name = match.group(1) or match.group(2)
        found |= {w.casefold().removesuffix("'s") for w in name.split()}
    return frozenset(found)


def _opening(feat: Features) -> frozenset[str]:
    """The sentence's first word, casefolded (`names` skips it: any sentence opens with a
    capital)."""
    return frozenset(feat.words[:1])


def _key_atoms(feat: Features) -> frozenset[str]:
    """Its names and figures, a name's letters apart from its digits ("ie8" -> "ie"; the
    "8" is a figure): what a restating sentence must find in the other."""
    out = set(feat.numbers)
    for name in feat.names:
        found = NAME_DIGITS.match(name)
        out.add(found.group(1) if found else name)
    return frozenset(out)


def terms(feat: Features) -> frozenset[str]:
    """What the sentence says, as comparable words: content stems in their sense's form,
    the speaker's verb and light verbs aside, names and figures as atoms (once: a name's
    stem is not counted again as a word)."""
    lexicon = _lexicon()
    named = {stem(n) for n in feat.names}
    words = {lexicon.sense.get(w, w) for w in feat.content
             if w not in lexicon.attribution and w not in lexicon.light and w not in named}
    return frozenset(words) | _key_atoms(feat)


def restates(b: Features, a: Sequence[Features], elsewhere: Callable[[str], bool],
             common: Collection[str] = (), page_names: frozenset[str] = frozenset()) -> bool:
    """Does sentence `b` tell only what the unit `a` tells (and what `elsewhere`, the rest
    of the page, prints)? `common`: the names the page prints in many units (the story's
    own subject, "Microsoft"): no detail of b's own where b names its speaker by one
    ("..., Microsoft said"). `page_names`: the names printed on the page, so that a
    name opening b ("Paris has also been ...") counts as one."""
    return _restates(b, terms(b), a, _said(a), elsewhere, common, page_names)


def _said(unit: Sequence[Features]) -> frozenset[str]:
    """A unit's words and atoms, together."""
    return frozenset().union(*(terms(f) | atoms(f) for f in unit))


def _restates(b: Features, tb: frozenset[str], a: Sequence[Features], ta: frozenset[str],
              elsewhere: Callable[[str], bool], common: Collection[str],
              page_names: frozenset[str]) -> bool:
    """`restates`, given b's terms and the unit's words and atoms (`_said`)."""
    shared = tb & ta
    if len(shared) < MIN_SHARED or len(shared) < COVER * len(tb):
        return False  # (the cheap test first: most pairs share a word or two)
    if b.quotes or b.negated:
        return False  # a speaker's words; a denial ("did not respond") is a fact of its own
    if not _key_atoms(b) | (_opening(b) & page_names) <= ta | (
            frozenset(common) & speakers(b.text)):
        return False
    if tb & _lexicon().times - ta:
        return False  # a time the unit does not give: another moment
    if any(differing(f.text, b.text) for f in a):
        return False  # another count of the same thing: an account of its own
    return sum(1 for t in tb - ta if not elsewhere(t)) <= OWN_WORDS


def restated(reading: Reading, spans: Sequence[Span]) -> set[Span]:
    """The body's one-sentence units that restate another printed unit (`restates`) and
    go to `more`: of two one-sentence units restating each other, the one fewer reports
    back (of equals the shorter, then the later); nothing after it leaning on it; never
    the story's opening."""
    printed = [[reading.printed(p) for p in reading.pieces(span) if p.kind != "heading"]
               for span in spans]
    if sum(1 for ps in printed if ps) < 2:
        return set()
    said = [frozenset().union(*(terms(p.feat) for p in ps)) for ps in printed]
    told = [_said([p.feat for p in ps]) for ps in printed]  # with the initials of names
    on_page = Counter(t for words in said for t in words)
    named = Counter(k for ps in printed for k in frozenset().union(
        *(_key_atoms(p.feat) for p in ps)))
    page_names = frozenset(n for ps in printed for p in ps for n in p.feat.names)
    common = {key for key, n in named.items() if n > COMMON_KEY}
    gone: set[int] = set()
    for k, ps in enumerate(printed):
        if k == 0 or len(ps) != 1 or len(reading.pieces(spans[k])) != 1:
            continue
        b = ps[0]
        for j, a in enumerate(printed):
            if j == k or j in gone or not a:
                continue

            def elsewhere(t: str, j: int = j) -> bool:  # printed by a third unit
                return on_page[t] - (t in said[k]) - (t in said[j]) > 0

            if not _restates(b.feat, said[k], [p.feat for p in a], told[j], elsewhere,
                             common, page_names):
                continue
            if (len(a) == 1 and j != 0
                    and _restates(a[0].feat, said[j], [b.feat], told[k], elsewhere, common,
                                  page_names)
                    and _stays_over(reading, b, a[0], k, j)):
                continue  # b is the better telling: a's turn comes (or not) on its own
            if j > k and len(reading.cites(b)) > max(len(reading.cites(p)) for p in a):
                # told first and better backed: the later, fuller telling adds to it (a
                # reader meets the fact where most reports put it)
                continue
            if not _leaned_on(printed, k, gone):
                gone.add(k)
                on_page.subtract(said[k])
                named.subtract(_key_atoms(b.feat))
                common = {key for key, n in named.items() if n > COMMON_KEY}
            break
    return {spans[k] for k in gone}


def _stays_over(reading: Reading, b: Piece, a: Piece, k: int, j: int) -> bool:
    """Of two sentences telling one fact, does b stay rather than a: more reports back it,
    or as many and it is longer, or as long and it comes first?"""
    nb, na = len(reading.cites(b)), len(reading.cites(a))
    if nb != na:
        return nb > na
    if b.feat.n_words != a.feat.n_words:
        return b.feat.n_words > a.feat.n_words
    return k < j


def _leaned_on(printed: Sequence[Sequence[Piece]], k: int, gone: Collection[int]) -> bool:
    after = next((i for i in range(k + 1, len(printed)) if i not in gone and printed[i]), None)
    return after is not None and refers_back(printed[after][0].feat.text)

