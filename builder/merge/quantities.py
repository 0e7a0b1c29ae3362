"""The quantities a sentence states, each with what it counts and the words around it.

Takes: one sentence's text. Gives: its `Quantity`s: '12 people were injured' is 12 of
'peopl' with the context {'injur'}; '$5.7 billion' is 5.7e9 of '$', to the 1e8 (its
precision); 'more than 20,000 people' is a lower bound (the hedge words are data:
HEDGES); 'IE6 to 10' is the range 6-10 of the name 'ie'; '30 percent' is 30 of '%'.

Left out, because nothing says which quantity they are or they count no thing: a year
('in 2009'), a decade or century ('the 1300s', 'the 1990s'), a date ('Dec. 21', 'May 19'),
a time ('4:30 a.m.'), an ordinal ('the 12th day'), a code ('MS13-008'), a number with no
counted noun after it, one name's number alone ('Windows 8'), and an amount in brackets
after another (a currency conversion: '2 million euros ($2.6 million)'). Increments
('a further 20,000 people', 'five other workers') and running totals ('the toll rose to
5') count something other than the plain figure and are left out too; a difference ('five
rounds sooner') is counted apart, as 'round sooner'.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from builder.merge.normalise import NUMBER_WORDS, QUOTE_FOLD, STOPWORDS, repair_homoglyphs, stem

TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?|[$\u20ac\u00a3\u00a5%]|[^\w\s]")
WORD_NUMBERS = {w: float(v) for w, v in NUMBER_WORDS.items()
                if w not in ("one", "hundred", "thousand", "million", "billion")}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
               "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
SYMBOLS = {"$": "$", "\u20ac": "\u20ac", "\u00a3": "\u00a3", "\u00a5": "\u00a5"}
CURRENCY_WORDS = {"euro": "\u20ac", "euros": "\u20ac", "dollar": "$", "dollars": "$",
                  "pound": "\u00a3", "pounds": "\u00a3", "yen": "\u00a5", "usd": "$", "eur": "\u20ac"}
MONTHS = frozenset("""jan feb mar apr jun jul aug sep sept oct nov dec january february march
    april may june july august september october november december""".split())
# The words before a figure that say how it bounds the quantity (hedges as data; the
# values each kind admits are in figures.py): 'more than 20,000' is at least 20,000,
# 'nearly 6,000' a little under 6,000, 'about 300' near 300 either way. The longest
# phrase the words end with decides ('no more than' is a ceiling, not 'more than').
HEDGES = {
    **dict.fromkeys(("more than", "over", "at least", "upwards of", "in excess of", "above",
                     "just over", "no less than", "no fewer than", "not less than"), "min"),
    **dict.fromkeys(("as many as", "up to", "fewer than", "less than", "under", "no more than",
                     "as much as", "at most", "not more than"), "max"),
    **dict.fromkeys(("nearly", "almost", "close to", "just under", "just shy of"), "near"),
    **dict.fromkeys(("about", "around", "roughly", "approximately", "an estimated", "estimated",
                     "some", "some estimated"), "about"),
}
# 'for the wall', 'to border security', 'on the wall': the words after an amount that say
# what it is for; after them, these point back to what another sentence names.
PURPOSE_LINKS = frozenset("for to on toward towards".split())
POINTING = frozenset("that this these those it them its which what".split())
# After a figure and its noun, these make it a difference, counted apart from the plain
# quantity: 'five rounds sooner than in 2008' is 5 'round sooner', not 5 rounds; 'four
# years older', any '-er than'. ('Five years later' is a time that passed: a plain figure.)
COMPARATIVES = frozenset("""more less fewer sooner older younger higher lower longer shorter
    bigger smaller larger greater faster slower""".split())
INCREMENT = frozenset("further another additional extra other more new".split())
RUNNING = frozenset("toll total rose risen climbed increased reached grew jumped".split())
TIME_WORDS = frozenset("am pm a p gmt bst et cet utc hrs".split())
PLURALS = frozenset("people men women children personnel staff feet teeth mice".split())
YEAR = range(1500, 2100)
AMOUNT_END = re.compile(r"(?:\d|\b(?:thousand|million|billion|trillion|bn|m|euros?|dollars?|pounds?))\s*$",
                        re.IGNORECASE)
ROUND_FROM = 1000  # a whole number from here up ending in zeros is rounded to them
WINDOW = 10  # word tokens either side whose content words say what is counted
NAME_WINDOW = 5  # word tokens either side whose names say whose or where
MAX_QUANTITIES = 12  # a sentence giving more figures is a table: its first are compared
MAX_CHARS = 4000  # of one sentence read: a longer one is a page run together (performance)
NUMBERISH = re.compile(r"\d|\b(?:%s)\b" % "|".join(WORD_NUMBERS), re.IGNORECASE)
MAX_NUMBERS = 64  # numbers read in one sentence (performance: a list of 100,000 numbers)
MAX_FILLER = 12  # tokens between 'IE6 to' and 'IE11' ('the not-yet-released')


Tokens = list[tuple[str, int, int]]  # (text, start, end) of each token of a sentence


@dataclass(frozen=True, slots=True)
class Quantity:
    unit: str  # stem of the counted noun, a currency sign, '%', or 'name:<name>'
    low: float
    high: float
    kind: str  # exact | about | min | max | near | range (HEDGES)
    shown: str  # as printed
    context: frozenset[str]  # content stems around it (what it counts, what happened)
    names: frozenset[str]  # names next to it (whose, where)
    step: float = 1.0  # its precision: '$5 billion' is to the billion, '$5.7 billion' to 1e8
    purpose: frozenset[str] = frozenset()  # what an amount is for ('for the wall' -> {'wall'})


def quantities(text: str) -> tuple[Quantity, ...]:
    text = text[:MAX_CHARS]
    if not _numberish(text):
        return ()
    # NFKC, the homoglyph repair and QUOTE_FOLD leave ASCII text as it is.
    plain = text if text.isascii() else unicodedata.normalize(
        "NFKC", repair_homoglyphs(text)).translate(QUOTE_FOLD)
    toks = [(m[0], *m.span()) for m in TOKEN.finditer(plain)]
    out: list[Quantity] = []
    i, converting, looked = 0, False, 0
    n = len(toks)
    while i < n:
        word = toks[i][0]
        if word == "(":  # brackets right after an amount hold its conversion
            converting = AMOUNT_END.search(plain[max(toks[i][1] - 12, 0):toks[i][1]]) is not None
        elif word == ")":
            converting = False
        found = None
        if word[0].isdigit() or word.casefold() in WORD_NUMBERS:  # _is_number, inlined
            looked += 1
            if looked > MAX_NUMBERS:
                break
            found = _at(toks, i, plain)
        if found is None:
            i += 1
            continue
        quantity, i = found
        if not (converting and _money(quantity)):
            out.append(quantity)
            if len(out) == MAX_QUANTITIES:
                break
    return tuple(out)


_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 20,000 or 1,234.5
_FOUR_DIGITS = re.compile(r"\d{4}")


def _numberish(text: str) -> bool:
    """NUMBERISH.search(text), mostly without running it: a digit is found by a plain
    scan, and an ASCII text holding none of the number words cannot match."""
    if _DIGIT.search(text):
        return True
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in WORD_NUMBERS):
            return False
    return NUMBERISH.search(text) is not None


def _money(q: Quantity) -> bool:
    return q.unit in SYMBOLS.values()


def _is_number(tok: str) -> bool:
    return tok[0].isdigit() or tok.casefold() in WORD_NUMBERS


def _value(tok: str) -> float | None:
    if tok.casefold() in WORD_NUMBERS:
        return WORD_NUMBERS[tok.casefold()]
    if ":" in tok or tok.count(".") > 1:
        return None  # a time, a version string
    if "," in tok and not _GROUPED.fullmatch(tok):
        return None
    try:
        return float(tok.replace(",", ""))
    except ValueError:
        return None


def _glued(toks: Tokens, a: int, b: int) -> bool:
    return 0 <= a < len(toks) and 0 <= b < len(toks) and toks[a][2] == toks[b][1]


def _at(toks: Tokens, i: int, plain: str) -> tuple[Quantity, int] | None:
    """The quantity starting at number token i, and the token after it; None when the
    number states no quantity (a year, a date, a time, an ordinal, a code...)."""
    tok = toks[i][0]
    value = _value(tok)
    if value is None:
        return None
    prev = toks[i - 1][0] if i else ""
    nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
    if _glued(toks, i, i + 1) and nxt.casefold() in ("th", "st", "nd", "rd", "s", "am", "pm"):
        return None  # 13th, 1990s, 4.30am
    if _glued(toks, i - 1, i) and prev in ("-", "/", ".") or prev.casefold() in MONTHS or (
            prev == "." and _lower(toks, i - 2) in MONTHS):
        return None  # CVE-2013-3893, 9/11, May 19, Sept. 11
    if nxt == "." and i + 2 < len(toks) and toks[i + 2][0].casefold() in TIME_WORDS:
        return None
    if nxt.casefold() in ("a", "p") and _lower(toks, i + 2) == "." and _lower(toks, i + 3) == "m":
        return None  # 11.30 p.m.
    if nxt.casefold() in TIME_WORDS and nxt.casefold() not in ("a", "p") or nxt.casefold() in MONTHS:
        return None
    if _glued(toks, i - 1, i) and prev[:1].isalpha() and prev.casefold() not in CURRENCY_WORDS:
        return _named_range(toks, i, prev.casefold(), plain)
    if prev[:1].isupper() and prev.casefold() not in STOPWORDS and i > 1 and not tok[0].isalpha():
        return _named_range(toks, i, prev.casefold(), plain)
    return _counted(toks, i, value, plain)


def _counted(toks: Tokens, i: int, value: float, plain: str) -> tuple[Quantity, int] | None:
    """A count, an amount or a share: '12 people', '$5.7 billion', 'two million-euro',
    '3.9 percent', 'between 10 and 20 people', 'more than 20,000 people'."""
    before = _words_before(toks, i)
    if before[-1:] and before[-1] in INCREMENT or RUNNING & set(before[-3:]):
        return None
    start, unit = _currency_before(toks, i)
    kind = _qualifier(before)
    if not unit and kind == "exact" and _FOUR_DIGITS.fullmatch(toks[i][0]) and int(value) in YEAR:
        return None  # a year ('in 2009'), not 2,009 of something
    end, low, high, kind = _range_end(toks, i + 1, value, value, kind, before)
    end, mult = _multiplier(toks, end)
    low, high = low * mult, high * mult
    if _lower(toks, end) in ("%", "percent"):
        noun, end = "%", end + 1
    elif _lower(toks, end) == "per" and _lower(toks, end + 1) == "cent":
        noun, end = "%", end + 2
    else:
        if _lower(toks, end) == "-" and _lower(toks, end + 1) in CURRENCY_WORDS:
            end += 1  # a two million-euro heist
        if _lower(toks, end) in CURRENCY_WORDS and not unit:
            unit, end = CURRENCY_WORDS[_lower(toks, end)], end + 1
        noun, end = (unit, end) if unit else _noun(toks, end)
    if noun is None or noun in STOPWORDS or noun in MULTIPLIERS:
        return None
    after = _lower(toks, end)
    if after in COMPARATIVES or after.endswith("er") and _lower(toks, end + 1) == "than":
        noun, end = f"{noun} {after}", end + 1  # a difference: 'round sooner'
    shown = plain[toks[start][1]:toks[end - 1][2]]
    purpose = _purpose(toks, end) if noun in SYMBOLS.values() else frozenset()
    return Quantity(noun, low, high, kind, shown, _context(toks, start, end, noun),
                    _names(toks, start, end, noun), mult * _precision(toks[i][0]), purpose), end


def _purpose(toks: Tokens, end: int) -> frozenset[str]:
    """What an amount is for, when the words after it say: '$5 billion in funding for the
    wall' -> {'wall'}, '$1.6 billion for border security' -> {'border', 'secur'}, '$1.3
    billion to border security'. Empty when they do not, or point back ('for that
    project', 'for it'): then nothing is known to set two amounts apart."""
    k = end
    if _lower(toks, k) in ("in", "of") and _lower(toks, k + 2) in PURPOSE_LINKS:
        k += 2  # '$5 billion in funding for'
    if _lower(toks, k) not in PURPOSE_LINKS:
        return frozenset()
    k += 1
    if _lower(toks, k) in POINTING:
        return frozenset()
    if _lower(toks, k) in ("the", "a", "an", "his", "her", "their"):
        k += 1
    found = []
    while len(found) < 3 and _lower(toks, k).isalpha() and _lower(toks, k) not in STOPWORDS:
        found.append(stem(_lower(toks, k)))
        k += 1
    return frozenset(found)


def _precision(tok: str) -> float:
    """The place of a figure's last significant digit: '5.7' is to 0.1, '1,300' to the
    hundred, '20,000' to the ten thousand. Trailing zeros are read as rounding only from
    ROUND_FROM up: '20 dead' is a count of twenty, '20,000 protesters' an estimate."""
    if not tok[0].isdigit():
        return 1.0  # a word ('five')
    whole, _, decimals = tok.replace(",", "").partition(".")
    if decimals:
        return 10.0 ** -len(decimals)
    if int(whole) < ROUND_FROM:
        return 1.0
    return 10.0 ** (len(whole) - len(whole.rstrip("0")))


def _currency_before(toks: Tokens, i: int) -> tuple[int, str]:
    """Where the amount starts and its currency, when a sign or a word glued to it
    ('$5', 'euro110') gives one."""
    if i > 0 and toks[i - 1][0] in SYMBOLS:
        return i - 1, SYMBOLS[toks[i - 1][0]]
    if i > 0 and _glued(toks, i - 1, i) and toks[i - 1][0].casefold() in CURRENCY_WORDS:
        return i - 1, CURRENCY_WORDS[toks[i - 1][0].casefold()]
    return i, ""


def _range_end(toks: Tokens, end: int, low: float, high: float, kind: str,
               before: list[str]) -> tuple[int, float, float, str]:
    """'10 to 20', '10-20', 'between 10 and 20': the range's upper end."""
    link = _lower(toks, end)
    if link in ("to", "-") or (link == "and" and before[-1:] == ["between"]):
        upper = _value(toks[end + 1][0]) if end + 1 < len(toks) and _is_number(toks[end + 1][0]) else None
        if upper is not None and upper > low:
            return end + 2, low, upper, "range"
    return end, low, high, kind


def _multiplier(toks: Tokens, end: int) -> tuple[int, float]:
    if _lower(toks, end) == '"' and _lower(toks, end + 1) in MULTIPLIERS:
        end += 1  # "we're asking for $5.6" billion
    word = _lower(toks, end)
    if word == "-" and _lower(toks, end + 1) in MULTIPLIERS and _lower(toks, end + 1) not in ("m", "k"):
        return end + 2, MULTIPLIERS[_lower(toks, end + 1)]
    if word in MULTIPLIERS and (len(word) > 2 or _glued(toks, end - 1, end)):
        return end + 1, MULTIPLIERS[word]
    return end, 1.0


def _noun(toks: Tokens, end: int) -> tuple[str | None, int]:
    """The counted noun after a number: of up to three plain lower-case words, the first
    plural ('three bank workers' -> 'worker', '20,000 people took' -> 'peopl', 'four of
    its security updates' -> 'updat'), else the first ('12 arrested'); '24-hour' ->
    'hour'. None when a stop word follows ('12 were hurt')."""
    if _lower(toks, end) == "-" and end + 1 < len(toks) and toks[end + 1][0].isalpha():
        word = toks[end + 1][0].casefold()
        if word == "year" and _lower(toks, end + 2) == "-" and _lower(toks, end + 3) == "old":
            return "age", end + 4
        return stem(word), end + 2
    if _lower(toks, end) == "of" and _lower(toks, end + 1) in ("its", "the", "their", "his", "her"):
        end += 2
    words, k = [], end
    while k < len(toks) and k < end + 3:
        word = toks[k][0]
        if not word.isalpha() or not word.islower() or word in STOPWORDS or word in INCREMENT:
            break
        words.append(word)
        k += 1
    # The head is the first plural among them ('people' in '20,000 people took'), else
    # the first word ('12 arrested').
    plural = next((n for n, w in enumerate(words) if w in PLURALS or (
        w.endswith("s") and not w.endswith("ss") and len(w) > 3)), None)
    if not words:
        return None, end
    head = plural if plural is not None else 0
    return stem(words[head]), end + head + 1


def _named_range(toks: Tokens, i: int, name: str, plain: str) -> tuple[Quantity, int] | None:
    """'IE6 to 10', 'IE 6 through to the latest IE 11', 'IE6, 7, 8, 9, 10, and 11': a
    name's numbers as a range. One name's number alone is no quantity (no range)."""
    first = _value(toks[i][0])
    if first is None or name in MONTHS:
        return None
    values, k = [first], i + 1
    while _lower(toks, k) == "," and k + 1 < len(toks):
        step = k + 2 if _lower(toks, k + 1) == "and" else k + 1
        nxt = _value(toks[step][0]) if step < len(toks) and toks[step][0][0].isdigit() else None
        if nxt is None:
            break
        values.append(nxt)
        k = step + 1
    if len(values) >= 3 and values == sorted(values) and all(v == int(v) for v in values):
        ints = [int(v) for v in values]
        if ints == list(range(ints[0], ints[-1] + 1)):
            return _range_quantity(toks, i, k, name, first, values[-1], plain), k
        return None
    if _lower(toks, k) in ("to", "through", "-"):
        j = k + 1 + (_lower(toks, k + 1) == "to")
        for m in range(j, min(j + MAX_FILLER, len(toks))):
            if toks[m][0][0].isdigit() and (m == j or toks[m - 1][0].casefold() == name):
                last = _value(toks[m][0])
                if last is not None and last > first:
                    return _range_quantity(toks, i, m + 1, name, first, last, plain), m + 1
                break
    return None


def _range_quantity(toks: Tokens, i: int, end: int, name: str, low: float, high: float,
                    plain: str) -> Quantity:
    start = i - 1
    unit = "name:" + name
    return Quantity(unit, low, high, "range", plain[toks[start][1]:toks[end - 1][2]],
                    _context(toks, start, end, name), _names(toks, start, end, name))


def _qualifier(before: list[str]) -> str:
    """The kind of bound the last words before a figure make (HEDGES), longest first."""
    for n in (3, 2, 1):  # performance: three look-ups, not one test a phrase
        if len(before) >= n:
            kind = HEDGES.get(" ".join(before[-n:]))
            if kind is not None:
                return kind
    return "exact"


def _lower(toks: Tokens, k: int) -> str:
    return toks[k][0].casefold() if 0 <= k < len(toks) else ""


def _words_before(toks: Tokens, i: int) -> list[str]:
    out = []
    for k in range(i - 1, max(i - 4, -1), -1):
        if toks[k][0] in SYMBOLS:
            continue
        if not toks[k][0][0].isalpha():
            break
        out.insert(0, toks[k][0].casefold())
    return out


def _context(toks: Tokens, start: int, end: int, unit: str) -> frozenset[str]:
    found = set()
    for word in _around(toks, start, end, WINDOW):
        lower = word.casefold()  # once a word, as its stem (performance)
        if len(word) > 1 and lower not in STOPWORDS and lower not in MULTIPLIERS and (
                lower not in WORD_NUMBERS):
            stemmed = stem(lower)
            if stemmed != unit:
                found.add(stemmed)
    return frozenset(found)


def _names(toks: Tokens, start: int, end: int, unit: str) -> frozenset[str]:
    first = next((k for k, t in enumerate(toks) if t[0][0].isalnum()), 0)
    words = _around(toks, start, end, NAME_WINDOW, skip=first)
    return frozenset(w.casefold() for w in words if w[:1].isupper() and w.casefold() not in STOPWORDS
                     and w.casefold() not in MONTHS and w.casefold() != unit.removeprefix("name:"))


def _around(toks: Tokens, start: int, end: int, width: int, skip: int = -1) -> list[str]:
    """Word tokens (not numbers) within `width` words of the quantity, on each side,
    not across a semicolon or a colon (nor past 4 * width tokens: a list of figures)."""
    out: list[str] = []
    n, reach = len(toks), 4 * width
    for step, edge in ((-1, start - 1), (1, end)):
        k, taken = edge, 0
        while 0 <= k < n and taken < width and abs(k - edge) < reach:
            word = toks[k][0]
            if word == ";" or word == ":":
                break
            if word[0].isalpha() and k != skip:
                out.append(word)
                taken += 1
            k += step
    return out
