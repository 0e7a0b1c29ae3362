"""Normal forms of sentences, for comparing them across outlets.

Takes: sentence text. Gives: the display form (homoglyphs repaired) and comparison
features: folded text, content-word stems, word shingles, names and figures, quotations.

Two outlets print the same sentence with different quotation marks, dashes, spacing and,
now and then, a look-alike letter from another script (seed 002 spells "Vostochny
Сosmodrome" with a Cyrillic "С"). None of that may stop a match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
    }
)
# Cyrillic and Greek letters that look like Latin ones. Repaired only inside a word that
# is otherwise Latin, so real Russian or Greek text is left alone.
HOMOGLYPHS = str.maketrans(
    {
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K",
        "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y",
        "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p", "ѕ": "s",
        "х": "x", "у": "y", "ԁ": "d", "һ": "h", "ӏ": "l",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
    }
)
WORD = re.compile(r"\w+(?:['’]\w+)*")
_LOOKALIKES = "".join(sorted(chr(c) for c in HOMOGLYPHS))
# A whole word holding at least one look-alike letter, found directly: the leading \b and
# the possessive run keep the scan linear even on a 1 MB "word" with no look-alike in it
# (malformed/generated.jsonl gen-long-text-no-space-1m took 2.3 s word by word).
MIXED_WORD = re.compile(rf"\b[^\W{_LOOKALIKES}]*+[{_LOOKALIKES}]\w*+")
_LATIN = re.compile(r"[A-Za-z]")
_LOOKALIKE = re.compile(f"[{_LOOKALIKES}]")
NUMBER = re.compile(r"\d[\d,.]*\d|\d")

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under about
    after before than then that this these those there their they them he she it its his
    her we our you your i me my is are was were be been being has have had do does did not
    no so such can could will would shall should may might must also just only very more
    most said says say told according who whom whose which what when where while why how all
    any each both few other some one two us up out its it's s t""".split()
)
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
}


def repair_homoglyphs(text: str) -> str:
    """Replace look-alike Cyrillic/Greek letters inside otherwise Latin words.

    Linear in the text: only words holding a look-alike letter are looked at, and a text
    without any (nearly all of them) is returned after one scan."""
    if _LOOKALIKE.search(text) is None:
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        latin = len(_LATIN.findall(word))
        foreign = len(_LOOKALIKE.findall(word))
        if latin and latin >= foreign:
            return word.translate(HOMOGLYPHS)
        return word

    return MIXED_WORD.sub(fix, text)


def display_form(text: str) -> str:
    """The text as shown to readers: homoglyphs repaired, spacing tidied, nothing else."""
    return " ".join(repair_homoglyphs(text).split())


@lru_cache(maxsize=65_536)  # performance: a pure function, called several times a sentence
def fold(text: str) -> str:
    """Comparison form: NFKC, homoglyphs repaired, quotes and dashes plain, case-folded."""
    return " ".join(_plain_marks(text).casefold().split())


def tokens(text: str) -> list[str]:
    return [w.replace("'", "") for w in WORD.findall(fold(text))]


_STEMMER = snowballstemmer.stemmer("english")
# No English word is this long; the stemmer costs ~0.25 s on a 1 MB "word"
# (malformed/generated.jsonl gen-long-text-no-space-1m), so longer tokens stay as they are.
MAX_STEM_CHARS = 64


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem, so 'submarines' meets 'submarine' and 'provocative'
    'provocation'. Cached: news vocabularies repeat. Non-English words pass through the
    English stemmer mostly unchanged, which only makes matching stricter."""
    if len(word) > MAX_STEM_CHARS:
        return word
    return _STEMMER.stemWord(word)


class _WordTable(dict):
    """word -> what a pure per-word function gives for it, filled on first sight.

    Performance only: `map(table.__getitem__, words)` looks a sentence's words up at C
    speed and computes only words never seen before. Emptied when it grows past `limit`
    entries, which changes no answer."""

    def __init__(self, compute, limit: int = 200_000) -> None:  # noqa: ANN001
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, word: str) -> str | None:
        if len(self) >= self._limit:
            self.clear()
        value = self[word] = self._compute(word)
        return value


def _plain_word(word: str) -> str | None:
    """A content word as the shared merge scorer counts it (crude suffix strip), or None."""
    if word in STOPWORDS or len(word) <= 1:
        return None
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _content_stem(word: str) -> str | None:
    """A token's stem when it is a content word, else None."""
    return stem(word) if word not in STOPWORDS and len(word) > 1 else None


_PLAIN_WORDS = _WordTable(_plain_word)
_CONTENT_STEMS = _WordTable(_content_stem)
PLAIN_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65_536)  # performance: pure, and its sets are only ever counted
def plain_content(text: str) -> frozenset[str]:
    """Content words as the shared merge scorer counts them: a crude suffix strip.

    Used only for the last near-duplicate guard, so that "no two body sentences are
    near-copies" holds by the published definition too."""
    return _plain_content_of(fold(text))


def _plain_content_of(folded: str) -> frozenset[str]:
    return _plain_of_tokens(PLAIN_WORD.findall(folded))


def _plain_of_tokens(tokens: list[str]) -> frozenset[str]:
    found = frozenset(map(_PLAIN_WORDS.__getitem__, tokens))
    return found - {None} if None in found else found  # type: ignore[return-value]


def content_words(text: str) -> frozenset[str]:
    return _content_words(tokens(text))


def _content_words(words: list[str]) -> frozenset[str]:
    found = frozenset(map(_CONTENT_STEMS.__getitem__, words))
    return found - {None} if None in found else found  # type: ignore[return-value]


def shingles(text: str, size: int = 3) -> frozenset[tuple[str, ...]]:
    return _shingles(tokens(text), size)


def _shingles(words: list[str], size: int = 3) -> frozenset[tuple[str, ...]]:
    if len(words) < size:
        return frozenset([tuple(words)]) if words else frozenset()
    if size == 3:  # the merge's size, spelled out: no generator of shifted lists
        return frozenset(zip(words, words[1:], words[2:]))
    # zip of the shifted lists: every run of `size` words, at C speed.
    return frozenset(zip(*(words[i:] for i in range(size))))


def numbers(text: str) -> frozenset[str]:
    """Figures a sentence states, normalised: '1,000' = '1000'; 'six officials' = '6'."""
    return _numbers(fold(text), tokens(text))


COUNTED_NUMBER_WORDS = frozenset(NUMBER_WORDS) - {"one", "hundred", "thousand", "million", "billion"}


def _numbers(folded: str, words: list[str]) -> frozenset[str]:
    found = {m.replace(",", "").rstrip(".") for m in NUMBER.findall(folded)}
    for word in COUNTED_NUMBER_WORDS.intersection(words):
        found.add(NUMBER_WORDS[word])
    return frozenset(found)


def names(text: str) -> frozenset[str]:
    """Capitalised words that do not open the sentence: people, places, organisations."""
    return _names(WORD.findall(_plain_marks(text)))


def _names(raw: list[str]) -> frozenset[str]:
    found = set()
    # Capitalised words after the first (a list comprehension: most words are not).
    for word in [w for w in raw[1:] if w[:1].isupper() and len(w) > 1]:
        lower = word.casefold()
        if lower in STOPWORDS:
            continue
        # "Korea's" names Korea: the possessive is not part of the name.
        if lower.endswith("'s"):
            lower = lower[:-2]
        found.add(lower.replace("'", ""))
    return frozenset(found)


def _plain_marks(text: str) -> str:
    """NFKC, homoglyphs repaired, quotes and dashes plain; case and spacing kept."""
    if text.isascii():  # all three leave ASCII as it is; translate would still copy it slowly
        return text
    return unicodedata.normalize("NFKC", repair_homoglyphs(text)).translate(QUOTE_FOLD)


PLAIN_SPLIT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")
QUOTED = re.compile(r"\"([^\"]{12,}?)\"")


def quotations(text: str) -> tuple[str, ...]:
    """The quoted passages of a sentence (folded, words only), at least four words long."""
    return _quotations(fold(text))


def _quotations(folded: str) -> tuple[str, ...]:
    out = []
    for match in QUOTED.finditer(folded):
        words = " ".join(WORD.findall(match.group(1))).replace("'", "")
        if len(words.split()) >= 4:
            out.append(words)
    return tuple(out)


NEGATION = frozenset({"no", "not", "never", "nor", "none", "nothing", "without", "neither"})


def is_negated(folded: str) -> bool:
    """"received a response" and "received no response" are different facts."""
    return bool(NEGATION.intersection(WORD.findall(folded))) or "n't" in folded


@dataclass(frozen=True, slots=True)
class Features:
    """Everything the merge compares about one sentence, computed once."""

    text: str
    folded: str
    content: frozenset[str]
    shingles: frozenset[tuple[str, ...]]
    numbers: frozenset[str]
    names: frozenset[str]
    quotes: tuple[str, ...]
    n_words: int
    plain: frozenset[str] = frozenset()  # content words as the shared scorer counts them
    # The same, per plain sentence: split at every full stop, quotations or not, the way
    # a reader's (and the scorer's) spot check splits a source.
    plain_parts: tuple[frozenset[str], ...] = ()
    negated: bool = False  # holds a negation word (is_negated)
    words: tuple[str, ...] = ()  # tokens(text), in order
    # Its names and figures: the details a citation must back and a page can lack. Worked
    # out once here (it was a property: a new set on each of ~2,000 reads a story).
    keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", self.names | self.numbers)


def features(text: str) -> Features:
    # Performance: the text is normalised and tokenised once here, where the public
    # helpers above (the same rules) each normalise it again.
    marks = _plain_marks(text)
    folded = " ".join(marks.casefold().split())
    words = WORD.findall(folded)
    negated = bool(NEGATION.intersection(words)) or "n't" in folded  # is_negated, words reused
    if "'" in folded:
        plain = _plain_content_of(folded)
        words = [w.replace("'", "") for w in words]
    else:  # no apostrophe (quote marks are folded to it): the plain tokens are the words
        plain = _plain_of_tokens(words)
    parts = PLAIN_SPLIT.split(text)
    if len(parts) == 1:  # one plain sentence: its words are the sentence's
        plain_parts = (plain,) if text.strip() else ()
    else:
        plain_parts = tuple(plain_content(p) for p in parts if p.strip())
    return Features(
        text=text,
        folded=folded,
        content=_content_words(words),
        shingles=_shingles(words),
        numbers=_numbers(folded, words),
        names=_names(WORD.findall(marks)),
        quotes=_quotations(folded),
        n_words=len(words),
        plain=plain,
        plain_parts=plain_parts,
        negated=negated,
        words=tuple(words),
    )
