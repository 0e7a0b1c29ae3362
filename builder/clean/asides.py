"""The writer's own voice inside a report: first-person asides outside quotation marks.

Takes: the kept blocks of one cleaned report. Gives: the blocks less the sentences in which
the writer gives an opinion as "I" ("At this point, I just feel like I've seen enough from
them both.", "In my opinion the ruling goes too far."), and a `Removed` for each sentence
dropped (rule `aside.first-person`). A merged story is told by no one: a blogger's opinion
is not a fact that other reports can support. The writer's "I" telling what happened ("I
visited the site the next day") is left alone: it may carry facts.

Quotations are news and stay: a block quotation is someone's words, marks or none, and
a sentence is an aside only if it lies wholly outside quotation marks (a quotation may run over several sentences and paragraphs, and a text
dump may give each of its sentences a line of its own: the open quotation is carried from
one to the next), names no speaker ("I'm satisfied, Klitschko said" is a quotation whose
marks were lost), and belongs to no transcript ("Q:", "SMITH:"). "I" must be the pronoun:
not a numeral ("World War I veterans", "Phase I trials") nor a road ("I-95").

In a report whose writer speaks as "I" at least twice (a blog), the writer's unquoted
questions to the reader ("Is there anyone on the way up who has that skill set?") and
sentences in the writer's "we" ("We're running rerun bouts now.") are the same voice, and
go too (`aside.writer-voice`).

The writer's advice to the reader ("... an update for Internet Explorer that you should
apply immediately", "you can click the Fix It icon to reverse the update") is a how-to,
not news (`aside.reader-advice`); "you can" counts only before a step of a how-to, since
"you can stream music over Wi-Fi" says what a product does.

A paragraph that is one short exclaimed line outside quotation marks ("Thieves, thieves!",
"Give us back our money!") is a slogan, a chant or the writer's cry, not a sentence of the
news (`aside.exclaimed`); a chant a report tells ("Protesters chanted 'Thieves!'") stays.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from builder.model import Block, Removed

RULE = "aside.first-person"
VOICE_RULE = "aside.writer-voice"
SHOUT_RULE = "aside.exclaimed"
ADVICE_RULE = "aside.reader-advice"
MIN_ASIDES_FOR_VOICE = 2  # one "I" may be a slip; two make the writer a character
MAX_SHOUT_WORDS = 8  # a chant or a cry; a longer exclaimed sentence may report something

# "I" as the pronoun: before a contraction or a lower-case word, and not after a
# capitalised word that it numbers ("War I", "Charles I"): that check is in _first_person.
_I = re.compile(r"(?<![\w'’.-])I(?=['’](?:m|ve|d|ll)\b|\s+[a-z])")
# What makes a first-person sentence an opinion: "I" with a verb of thinking, feeling or
# judging, perhaps after an adverb or an auxiliary ("I just feel", "I don't think", "I'd
# personally prefer"), or an opinion phrase in "my"/"me". A narrative "I" ("I visited the
# site first") or a letter's "I" is left alone: it may carry facts.
_HEDGES = (r"just|really|personally|still|honestly|also|certainly|truly|simply|genuinely|"
           r"do|don['’]t|do not|can['’]t|cannot|would|could|must|have|am|was|kind of|sort of|"
           r"for one|too|always|never|only|even|actually|frankly|have to|had to|'m|['’]m not")
_OPINION = re.compile(
    r"(?<![\w'’.-])I(?:['’](?:m|d|ve))?(?:\s+(?:" + _HEDGES + r"))*\s+(?:think|thought|feel|"
    r"felt|believe|guess|suppose|reckon|doubt|hope|wish|prefer|admire|love|hate|like|dislike|"
    r"expect|imagine|suspect|bet|agree|disagree|wonder|fear|worry|argue|recommend|see it|"
    r"understand|care|buy it|trust|enjoy|grown tired|tired|sure|convinced|afraid|glad|happy|"
    r"sorry|disappointed|impressed|excited|seen enough|had enough|would argue|must say|"
    r"have to say|say this|mean|for one)\b"
    r"|\b(?i:(?:in|to) my (?:opinion|view|mind|eyes|book)|for my money|if you ask me)\b"
    r"|\b(?:surprised|struck|strikes|amazes|amazed|bothers|bothered|disappointed|impressed|"
    r"frustrates|annoys|baffles|seems to|seemed to|seems odd to|makes sense to) me\b"
)
# The writer telling the reader what to do: "you should", "you need to" before any verb
# but "be" ("you could be fined" tells what happens to anyone: news); "you can" only before
# a step of a how-to ("you can click the icon"), since "you can stream music over Wi-Fi"
# says what a product does.
_ADVERB = r"(?:(?:really|also|first|then|now|still|just|always|easily|simply|quickly)\s+)?"
_ADVICE = re.compile(
    r"\b[Yy]ou(?:['’]ll| will)?\s+" + _ADVERB + r"(?:"
    r"(?:should|must|need to|may want to|might want to|ought to|have to)\s+"
    + _ADVERB + r"(?!be\b)[a-z]"
    r"|(?:can|could)\s+" + _ADVERB + r"(?:click|tap|open|select|choose|download|install|"
    r"uninstall|apply|enable|disable|visit|go to|head to|navigate|tell (?:whether|if)|"
    r"check (?:whether|if)|find out|restart|reboot|turn (?:on|off)|log in|sign in|sign up|"
    r"subscribe|follow us|read more|learn more)\b)"
)
_MY = re.compile(r"\b(?:my|me|myself)\b")
_WE = re.compile(r"\b(?:[Ww]e|[Ww]e['’](?:re|ve|d|ll)|us|our|ours|ourselves|[Ll]et['’]s)\b")
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|asked|asks|added|adds|wrote|writes|write|"
    r"tweeted|posted|explained|explains|recalled|recalls|according|noted|notes|insisted|"
    r"argued|claimed|stated|states|remarked|replied|responded|continued|admitted|"
    r"acknowledged|conceded|quipped|joked|shouted|yelled|cried|whispered|testified|"
    r"declared|announced|wondered|asking|telling|chanted|chanting|chant|chants|shouting|"
    r"screamed|screaming|sang|singing|yelling|crying|cheered|read|reads|reading)\b",
    re.IGNORECASE,
)
_SPEAKER_LABEL = re.compile(r"^[A-Z][\w.'’ -]{0,40}:\s")
_OPENS = "“„«"
_CLOSES = "”»"
_STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class _Sentence:
    block: int
    text: str
    quoted: bool  # some part of it lies inside a quotation, or it has quotation marks
    spoken: bool  # some of it is someone's words: a quotation longer than a label
    bare: str  # the text with short quoted labels ("enable", "high") put as a plain word


def drop_asides(
    blocks: tuple[Block, ...], off: frozenset[str] = frozenset()
) -> tuple[tuple[Block, ...], tuple[Removed, ...]]:
    """`blocks` less the writer's first-person opinions, advice to the reader, and lines
    that are a slogan or a cry alone (but the kinds whose rule id is in `off`); each
    sentence dropped, as removed."""
    if {RULE, ADVICE_RULE, SHOUT_RULE} <= off:
        return blocks, ()
    from builder.merge.sentences import split_sentences  # what the merge will read

    sentences = _sentences(blocks, split_sentences)
    rules: dict[int, str] = {}
    if RULE not in off:
        rules = {i: RULE for i, s in enumerate(sentences) if _is_aside(s, blocks[s.block])}
    if len(rules) >= MIN_ASIDES_FOR_VOICE:
        rules |= {i: VOICE_RULE for i, s in enumerate(sentences)
                  if i not in rules and _is_writer_voice(s, blocks[s.block])}
    if ADVICE_RULE not in off:
        rules |= {i: ADVICE_RULE for i, s in enumerate(sentences)
                  if i not in rules and _is_advice(s, blocks[s.block])}
    if SHOUT_RULE not in off:
        alone = Counter(s.block for s in sentences)
        rules |= {i: SHOUT_RULE for i, s in enumerate(sentences)
                  if i not in rules and alone[s.block] == 1 and _is_shout(s)}
    if not rules:
        return blocks, ()
    asides = set(rules)
    removed: list[Removed] = []
    kept_text: dict[int, list[str]] = {}
    for i, sentence in enumerate(sentences):
        if i in asides:
            line = blocks[sentence.block].line
            removed.append(Removed(rules[i], "boilerplate", sentence.text, line))
        else:
            kept_text.setdefault(sentence.block, []).append(sentence.text)
    touched = {sentences[i].block for i in asides}
    kept = []
    for b, block in enumerate(blocks):
        if b not in touched:
            kept.append(block)
        elif b in kept_text:
            kept.append(replace(block, text=" ".join(kept_text[b])))
    return tuple(kept), tuple(removed)


def _sentences(blocks: tuple[Block, ...], split) -> list[_Sentence]:
    """Every sentence of the text blocks, each marked if any of it is quoted. A quotation
    left open at the end of a block runs on into the next (a quoted paragraph followed by
    more of the quotation, or a text dump's one sentence a line)."""
    out: list[_Sentence] = []
    inside = False
    for b, block in enumerate(blocks):
        if block.kind == "heading":
            inside = False
            continue
        if block.kind == "quote":  # a block quotation: someone's words, marks or none
            continue
        if not _CANDIDATE.search(block.text):
            # Performance: nothing here can be an aside; only the quotation state goes on.
            reopened = inside and block.text.lstrip()[:1] in _OPENS + _STRAIGHT
            inside = _still_open(block.text.lstrip()[1:] if reopened else block.text, inside)
            continue
        for k, text in enumerate(split(block.text)):
            if inside and k == 0 and text[:1] in _OPENS + _STRAIGHT:
                text_for_marks = text[1:]  # a paragraph re-opening the running quotation
            else:
                text_for_marks = text
            was_inside = inside
            inside = _still_open(text_for_marks, inside)
            bare = _LABEL.sub(_label, text)
            carried = was_inside or inside
            out.append(_Sentence(b, text, carried or _has_marks(text), carried or _has_marks(bare),
                                 bare))
    return out


# What every aside has one of (a pronoun, "you", a question or an exclamation): a block
# without any is not split into sentences at all. The words are those of
#   \bI\b|\b(?i:my|me|myself|you|we|our|ours|ourselves|let['’]s)\b|\bus\b|[!?]
# written to open with one class of characters, which the regex engine skips to (that
# form tried every alternative at every character: 3% of a build's CPU). After a letter,
# one lookbehind first asks that it begins a word (`(?<!\w.)`: most of these letters are
# inside one, and were asked seven times; 1.65x faster on prose), then which word it begins.
_CANDIDATE = re.compile(
    r"[!?IuMmYyWwOoLl](?:(?<=[!?])|(?<!\w.)(?:"
    r"(?<=I)\b"
    r"|(?<=u)s\b"
    r"|(?<=[Mm])(?i:y|e|yself)\b"
    r"|(?<=[Yy])(?i:ou)\b"
    r"|(?<=[Ww])(?i:e)\b"
    r"|(?<=[Oo])(?i:ur|urs|urselves)\b"
    r"|(?<=[Ll])(?i:et['’]s)\b))"
)


# A short quoted label: a button's name, a title, a scare-quoted word ("that "enable"
# button"); a quotation of four words or more is someone's words.
_LABEL = re.compile(r"[“\"]([^“”\"]{1,60})[”\"]")
MAX_LABEL_WORDS = 3


def _label(found: re.Match[str]) -> str:
    return "label" if len(found.group(1).split()) <= MAX_LABEL_WORDS else found.group()


# Every double quotation mark: found by the regex engine, not looked at character by
# character in Python (performance: most sentences hold none).
_DOUBLE_MARK = re.compile(f"[{_OPENS}{_CLOSES}{_STRAIGHT}]")


def _has_marks(text: str) -> bool:
    return _DOUBLE_MARK.search(text) is not None or _single_quoted(text)


def _still_open(text: str, inside: bool) -> bool:
    """Whether a double quotation is open after `text`, given whether it was before."""
    for ch in _DOUBLE_MARK.findall(text):
        if ch in _OPENS:
            inside = True
        elif ch in _CLOSES:
            inside = False
        else:
            inside = not inside
    return inside


# The mark first, what stands before it looked behind for after it: the regex engine skips
# from one mark to the next instead of testing the lookbehind at every character.
_SINGLE_OPEN = re.compile(r"['‘](?=[A-Za-z])(?:(?<=^.)|(?<=[\s(\[—–-].))")


def _single_quoted(text: str) -> bool:
    """A single quotation mark opening a quotation ('I'm satisfied,' he said), as British
    outlets print quotations: an apostrophe inside a word ("don't") is none."""
    return bool(_SINGLE_OPEN.search(text)) or "‘" in text


def _first_person(text: str) -> bool:
    if _MY.search(text):
        return True
    for found in _I.finditer(text):
        before = text[: found.start()].rstrip()
        word = before.rsplit(None, 1)[-1] if before else ""
        first = not before or before == word  # "I" or one word before it opens the sentence
        if not word or first or not word[:1].isupper() or not word[-1:].isalpha():
            return True
    return False


def _is_aside(sentence: _Sentence, block: Block) -> bool:
    return (not sentence.spoken and not _SPEAKER_LABEL.match(block.text)
            and bool(_OPINION.search(sentence.bare)) and _first_person(sentence.bare)
            and not _SPEECH.search(sentence.bare))


def _is_advice(sentence: _Sentence, block: Block) -> bool:
    found = _ADVICE.search(sentence.bare)
    if not found or sentence.spoken or _SPEAKER_LABEL.match(block.text):
        return False
    rest = sentence.bare[: found.start()] + " " + sentence.bare[found.end():]
    return not _SPEECH.search(rest)  # "you can tell whether ..." names no speaker


def _is_shout(sentence: _Sentence) -> bool:
    """The writer's advice to the reader ("... an update for Internet Explorer that you should
apply immediately", "you can click the Fix It icon to reverse the update") is a how-to,
not news (`aside.reader-advice`); "you can" counts only before a step of a how-to, since
"you can stream music over Wi-Fi" says what a product does.

A paragraph that is one short exclaimed line outside quotation marks ("Thieves,
    thieves!", "Give us back our money!"): a slogan or a cry printed as a sentence."""
    text = sentence.text.rstrip(")] ")
    return (text.endswith("!") and not sentence.quoted
            and len(text.split()) <= MAX_SHOUT_WORDS and not _SPEECH.search(text))


def _is_writer_voice(sentence: _Sentence, block: Block) -> bool:
    if sentence.spoken or _SPEAKER_LABEL.match(block.text) or _SPEECH.search(sentence.bare):
        return False
    return sentence.bare.rstrip().endswith("?") or bool(_WE.search(sentence.bare))
