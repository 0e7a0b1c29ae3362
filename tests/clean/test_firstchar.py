"""The first-character shortcut in RuleSet.first_match picks the rule trying every rule in
order picks, for the packaged rules, a curator's, and patterns built to be awkward."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.clean import load_rules
from builder.clean.firstchar import by_first_char

RULES = load_rules()
EXAMPLES = [rule.example for rule in RULES.rules]


def _every_rule(rules, text: str):
    stripped = text.strip()
    return next((rule for rule in rules.rules if rule.pattern.search(stripped)), None)


# Rule examples, their pieces and variants, other scripts, case changes, and prose.
_PIECES = st.one_of(
    st.sampled_from(EXAMPLES),
    st.sampled_from(EXAMPLES).map(str.upper),
    st.sampled_from(EXAMPLES).map(lambda e: e[1:]),
    st.sampled_from(EXAMPLES).map(lambda e: e[: len(e) // 2]),
    st.sampled_from(["ſubscribe now", "Kontakt", "© Reuters", "٣ min read", "  ", "\n", "(", "—",
                     "The council voted on Monday.", "12 March 2024", "by Jane Doe"]),
    st.text(max_size=12),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=3).map(" ".join))
def test_first_match_is_the_first_rule_that_matches(text: str) -> None:
    assert RULES.first_match(text) is _every_rule(RULES, text)


def test_every_example_is_found_by_its_own_rule_or_an_earlier_one() -> None:
    for rule in RULES.rules:
        found = RULES.first_match(rule.example)
        assert found is not None and RULES.rules.index(found) <= RULES.rules.index(rule)


def test_awkward_patterns_are_tried_on_everything_they_could_match() -> None:
    patterns = [
        re.compile(r"cookies"),  # not anchored: matches anywhere
        re.compile(r"^(?=x)y|^.{0,3}z"),  # lookahead, any character
        re.compile(r"^\W*done$"),  # a class that is not listed
        re.compile(r"^(a|)b?$"),  # can match the empty string
        re.compile(r"^[^a]"),  # negated class
        re.compile(r"(?m)^late"),  # multiline: ^ after any newline
        re.compile(r"^\s*\d+ items"),  # spaces then digits
        re.compile(r"^ſ", re.IGNORECASE),  # long s: also "s" and "S"
    ]
    table = by_first_char(patterns)
    texts = ["cookies", "x", "y", "..z", "!!done", "", "b", "q", " 3 items", "9 items", "early\nlate",
             "s", "S", "ſ"]
    for text in texts:
        allowed = table.get(text[:1], tuple(range(len(patterns))))
        for i, pattern in enumerate(patterns):
            if pattern.search(text):
                assert i in allowed, (pattern.pattern, text)


def test_a_curator_rule_without_an_anchor_is_tried_on_every_block() -> None:
    extra = ({"id": "site.promo", "reason": "boilerplate", "why": "promo", "pattern": "promo code",
              "example": "Use promo code NEWS10"},)
    rules = load_rules((), extra)
    assert rules.first_match("Today only: use promo code NEWS10").id == "site.promo"
