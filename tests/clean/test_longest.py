"""The length cap in RuleSet.first_match (builder/clean/longest.py): a rule skipped for a
block longer than it can match is one whose pattern would not have matched it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.clean import load_rules
from builder.clean.longest import longest_match

RULES = load_rules()


def _every_rule(text: str):
    stripped = text.strip()
    return next((rule for rule in RULES.rules if rule.pattern.search(stripped)), None)


def test_bounds_a_line_anchored_at_both_ends_and_a_lookahead_over_the_whole_text():
    assert longest_match(re.compile(r"^(ab|c){1,3}$")) == 7
    assert longest_match(re.compile(r"^(?=[^x]{1,10}$).*cheese")) == 11
    assert longest_match(re.compile(r"^(?=[^x]{1,10}).*cheese$")) is None  # no `$` inside


def test_leaves_unbounded_and_unanchored_patterns_alone():
    for pattern in (r"^a+$", r"abc$", r"^abc", r"(?m)^ab$", r"^a$|^bc$", r"^(a)\1$", r"^.*$"):
        assert longest_match(re.compile(pattern)) is None, pattern


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.text(max_size=30))
def test_a_bounded_pattern_matches_nothing_longer(extra: int, text: str):
    for pattern in (re.compile(r"^(?=[^x]{1,10}$).*a"), re.compile(r"^(hello|hi)\s?world$", re.I)):
        longest = longest_match(pattern)
        candidate = "hello world" + "a" * extra + text
        if len(candidate) > longest:
            assert not pattern.search(candidate)
        # `$` before a final newline: one character more, still no further
        assert not pattern.search("hi world" + "\n" + "a" * (longest + 1))


def test_first_match_picks_what_trying_every_rule_picks_on_long_and_short_blocks():
    pad = " The council voted on Monday to keep the library open for another year."
    for rule in RULES.rules:
        for text in (rule.example, rule.example + pad, rule.example + pad * 5, rule.example + "\n"):
            assert RULES.first_match(text) is _every_rule(text), (rule.id, text)
