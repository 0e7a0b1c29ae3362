"""The project's word lists for telling one thing in other words (restated.yaml).

Takes: nothing (reads builder/merge/restated.yaml once). Gives: `lexicon()`, a `Lexicon`
of stems: the words that say who told a fact (`attribution`), verbs that carry no fact
(`light`), words that place a fact in time (`times`), and each word's sense (`sense`: a
stem -> the stem of the first word of its line, "employees" -> "worker"). Read by
restated.py (one fact told twice on the page) and support.py (a report stating a printed
sentence in its own words).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from builder.merge.normalise import stem


@dataclass(frozen=True, slots=True)
class Lexicon:
    attribution: frozenset[str]
    times: frozenset[str]  # stems of words that place a fact in time
    light: frozenset[str]  # verbs that carry no fact of their own
    sense: dict[str, str]  # a word's stem -> its sense's first word's stem


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = yaml.safe_load(resources.files("builder.merge").joinpath("restated.yaml").read_text())
    sense: dict[str, str] = {}
    for words in data["senses"]:
        head = stem(str(words[0]).casefold())
        for word in words:
            sense.setdefault(stem(str(word).casefold()), head)
    return Lexicon(frozenset(stem(str(w).casefold()) for w in data["attribution"]),
                   frozenset(stem(str(w).casefold()) for w in data["times"]),
                   frozenset(stem(str(w).casefold()) for w in data["light"]), sense)
