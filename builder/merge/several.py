"""What several reports state: the facts a merged story must tell in its body, not in `more`.

Takes: the `Reading` of a story, its `Salience`, which reports copy which (`original`: a
copy is no second voice) and the background reports. Gives: `Several`, which says of a
unit of another report which of its facts SEVERAL independent reports state: a name
that many reports give ("Marfin bank", named by six of ten reports), or a sentence
whose group (the same fact in other reports' words) that many reports tell ("Putin is
providing North Korea with submarine technology in exchange for munitions"). Such a fact
is the story as the reports agree on it; a body copying one report that lacks it leaves
the reader's most corroborated news to the tail of the page.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from builder.merge.reading import Reading, Span
from builder.merge.salience import Salience

# Independent reports stating a fact: "several", more than a pair that might share a wire.
SEVERAL = 3


@dataclass(slots=True)
class Several:
    reading: Reading
    salience: Salience
    original: Mapping[int, int]
    background: Collection[int]
    _voices: dict[int, int] = field(default_factory=dict)

    def voices(self, g: int) -> int:
        """How many independent reports (no background one, a copy and its original one)
        tell the fact of group `g`."""
        found = self._voices.get(g)
        if found is None:
            found = self._voices[g] = len({self.original.get(s, s)
                                           for s in self.reading.places(g)
                                           if s not in self.background})
        return found

    def brings(self, span: Span, keys: Collection[str], told: Collection[int]) -> dict[object, int]:
        """The facts SEVERAL reports state that the unit would bring to a page printing
        the names and figures `keys` and the groups `told`, each with its voices: a name
        or figure (by itself), a group (by its number)."""
        out: dict[object, int] = {}
        for p in self.reading.pieces(span):
            # A name, not a figure: "20" in "20 people were inside the bank" and in
            # "around 20 more people were ushered to safety" are two facts; a figure
            # several reports state comes in with their sentence's group.
            for k in p.feat.keys - p.feat.numbers:
                n = self.salience.keys.get(k, 0)
                if n >= SEVERAL and k not in keys:
                    out[k] = n
            g = self.reading.group_of(p)
            if g not in told and (n := self.voices(g)) >= SEVERAL:
                out[g] = n
        return out
