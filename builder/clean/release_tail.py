"""The tail of a press release: "About <Company>" and everything after it.

Takes: the blocks of one report and the verdicts found so far. Gives: `Verdict`s
(`pr.about-tail`) for the boilerplate a press release ends with: an "About Acme" heading
followed by a paragraph that describes Acme, then more of the same (other companies'
"About" paragraphs, forward-looking statements, media contacts). A single regex cannot do
this: the heading is only boilerplate when the next paragraph is about the name it gives,
and what follows it has no fixed wording, so the whole tail goes from the heading on.

Guards, so that a news article's sub-heading is never read as one: the heading comes after
at least MIN_BODY kept paragraphs and is short and unpunctuated; the name is not a common
word ("About the author", "About a quarter ..."); the next kept paragraph names it within
its first words; and the tail is shorter than the text before it. A forward-looking-
statements notice (rules.yaml `pr.forward-looking`) opens the tail the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.clean.heuristics import Verdict, Verdicts, fold, is_headline_like, words
from builder.model import Block

RULE = "pr.about-tail"
MIN_BODY = 3  # kept paragraphs a release has before its "About" section
NAME_WITHIN = 12  # the described name appears among the next paragraph's first words
OPENERS = frozenset({"pr.forward-looking"})  # rules.yaml ids that open the tail too

ABOUT = re.compile(
    r"^about\s+(?!(the|this|that|these|those|us|me|our|your|a|an|it|him|her|them|author"
    r"|writer|reporter)\b)(?P<name>[^\W\d_][^.!?:]{0,60}?)\s*:?\s*$",
    re.IGNORECASE,
)


def release_tail(blocks: Sequence[Block], verdicts: Verdicts) -> Verdicts:
    """Verdicts for a press release's closing boilerplate, from its opening block on."""
    kept = [i for i in range(len(blocks)) if i not in verdicts]
    start = _tail_start(blocks, verdicts, kept)
    if start is None:
        return {}
    tail = [i for i in range(start, len(blocks)) if i not in verdicts]
    before = sum(len(words(blocks[i].text)) for i in kept if i < start)
    after = sum(len(words(blocks[i].text)) for i in tail)
    if after >= before:
        return {}
    return {i: Verdict(RULE, "boilerplate") for i in tail}


def _tail_start(blocks: Sequence[Block], verdicts: Verdicts, kept: list[int]) -> int | None:
    body = 0
    for i in range(len(blocks)):
        verdict = verdicts.get(i)
        if verdict is not None:
            if verdict.rule in OPENERS and body >= MIN_BODY:
                return i
            continue
        if body >= MIN_BODY and _about_heading(blocks, kept, i):
            return i
        body += 1
    return None


def _about_heading(blocks: Sequence[Block], kept: list[int], i: int) -> bool:
    """An "About <name>" line whose next kept paragraph names <name> near its start."""
    text = blocks[i].text.strip()
    found = ABOUT.match(text)
    if not found or not is_headline_like(text, 8):
        return False
    later = [j for j in kept if j > i]
    if not later:
        return False
    name = fold(found.group("name")).split()
    opening = fold(" ".join(words(blocks[later[0]].text)[:NAME_WITHIN])).split()
    return bool(name) and name[0] in opening
