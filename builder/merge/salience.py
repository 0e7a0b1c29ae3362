"""How central a unit is to the story: how many of the other reports tell what it tells.

Takes: the story's reports (`Piece`s by report id), which report copies which, and the
background reports. Gives: `Salience`, whose `gain(pieces, ...)` scores what a unit of sentences adds to the page.

The centroid idea of multi-document summarisation (Radev et al.'s MEAD): the words many
independent reports use are the story's core, and a sentence that gathers many of them
tells the news rather than one outlet's aside. Each distinct content word of a unit counts
the other independent reports that use it (a copy of a report is no second voice); a name
or figure that two or more reports give counts once more, since a specific fact most reports
state is what a reader most needs. Only what the page does not print yet counts (`gain`).
The sum is divided by the unit's length (the body's budget is counted in words, so what a
unit adds for each word it costs decides), a fragment counted as a full sentence; and it is
weighed by the unit's place in its report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from builder.merge.units import Piece

# "Jim DeMint": a person named in full, first name and surname.
FULL_NAME = re.compile(r"\b([A-Z][a-z][\w'-]*)\s+([A-Z][a-z][\w'-]+)\b")

# A word only the unit's report uses still tells the reader something new, a little.
OWN_WORD = 0.25
# A unit giving a fact the page lacks (a figure, a name, a quotation) counts this much more
# than one retelling the story's matter in its writer's own words (analysis, colour).
NEWS = 2.0
# A name or figure two reports give: the specific fact a reader most needs ("97-1").
KEY = 3.0
FULL_SENTENCE = 15  # words: a shorter unit costs as much as this, so fragments do not win


@dataclass(frozen=True, slots=True)
class Salience:
    words: Mapping[str, int]  # content word -> independent reports using it
    keys: Mapping[str, int]  # name or figure -> independent reports giving it

    @classmethod
    def of_story(
        cls, reports: Mapping[int, Sequence[Piece]], original: Mapping[int, int],
        background: Collection[int] = (),
    ) -> Salience:
        # Each voice's words and keys as one set, then counted over the voices (set
        # operations and Counter at C speed, not a set per word; the maps are only read).
        words: dict[int, set[str]] = {}
        keys: dict[int, set[str]] = {}
        for source, report in reports.items():
            if source in background:
                continue
            voice = original.get(source, source)
            told = [p.feat for p in report if p.kind != "heading"]
            words.setdefault(voice, set()).update(*(f.content for f in told))
            keys.setdefault(voice, set()).update(*(f.keys for f in told))
        return cls(dict(Counter(chain.from_iterable(words.values()))),
                   dict(Counter(chain.from_iterable(keys.values()))))

    def gain(
        self, pieces: Sequence[Piece], report_length: int = 0,
        page: Collection[str] = frozenset(), keys: Collection[str] = frozenset(),
    ) -> float:
        """What the unit adds to a page that already prints the words `page` and the names
        and figures `keys` (maximal marginal relevance: a unit retelling the page in the
        story's common words adds nothing, however central those words are). A quotation is
        a speaker's own news, and counts once more when the page does not print it yet.

        `report_length`: sentences in the unit's report, when given, weighs the unit by
        its place: a report tells its news first and its background and asides last (the
        position feature of MEAD), from the whole score at the top to half at the end."""
        if not pieces:
            return 0.0
        words = frozenset().union(*(p.feat.content for p in pieces))
        told = sum(self.words.get(w, 1) - 1 + OWN_WORD for w in words if w not in page)
        told += sum(KEY for p in pieces for k in self.corroborated(p) if k not in keys)
        told += sum(1 for p in pieces if p.feat.quotes and not p.feat.content.issubset(page))
        told += NEWS if self.news(pieces, keys) else 0.0
        size = sum(p.feat.n_words for p in pieces)
        place = 1.0 - 0.5 * pieces[0].index / report_length if report_length else 1.0
        return place * told / max(size, FULL_SENTENCE)

    def central(self, piece: Piece, page: Collection[str], keys: Collection[str]) -> float:
        """How much of what the other reports also say one sentence adds to `page` and
        `keys`: its words each other report uses and its names and figures two give, for
        each word it costs (no credit for what only its own report tells)."""
        told = sum(self.words.get(w, 1) - 1 for w in piece.feat.content if w not in page)
        told += sum(1 for k in self.corroborated(piece) if k not in keys)
        return told / max(piece.feat.n_words, FULL_SENTENCE)

    def news(self, pieces: Sequence[Piece], keys: Collection[str]) -> bool:
        """Does the unit give a fact the page lacks: a figure, a name two reports give, a
        person named in full ("Sen. Jim DeMint"), or a quotation? A unit with none retells
        the story's matter in its writer's words (analysis, colour, opinion), which the
        body does not need from another outlet (backbone.py weaves in only news)."""
        return any(p.feat.quotes or any(k not in keys for k in p.feat.numbers)
                   or any(k not in keys for k in self.corroborated(p))
                   or any(last.casefold() not in keys for _, last in FULL_NAME.findall(p.feat.text))
                   for p in pieces)

    def corroborated(self, piece: Piece) -> frozenset[str]:
        """The names and figures of a sentence that two or more independent reports give."""
        return frozenset(k for k in piece.feat.keys
                         if self.keys.get(k, 0) >= 2)
