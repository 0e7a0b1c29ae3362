"""The literal prefilter in RuleSet.first_match never rules out a text a rule's pattern
matches: for the packaged rules, a curator's, awkward patterns, and case-folding corners."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.clean import load_rules
from builder.clean.asciiskip import needs_non_ascii
from builder.clean.prefilter import fold, prefilter
from builder.clean.rules import _packaged

RULES = load_rules()
EXAMPLES = [rule.example for rule in RULES.rules] + [
    raw["example"] for raw in _packaged().get("repairs", ())]
PATTERNS = [(rule.id, rule.pattern) for rule in RULES.rules] + [
    (repair.id, repair.pattern) for repair in RULES.repairs]


def _admitted(pattern: re.Pattern[str], text: str) -> bool:
    needs = prefilter(pattern)
    return needs is None or needs.admits(fold(text))


def _swap(text: str) -> str:
    """Characters a case-insensitive match takes for ASCII letters, put in their place."""
    return text.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a").replace("I", "İ")


_TEXTS = st.one_of(
    st.sampled_from(EXAMPLES),
    st.sampled_from(EXAMPLES).map(str.upper),
    st.sampled_from(EXAMPLES).map(str.swapcase),
    st.sampled_from(EXAMPLES).map(_swap),
    st.sampled_from(EXAMPLES).map(lambda e: e.replace("1", "\u0661").replace("0", "\u0660")),
    st.sampled_from(EXAMPLES).map(lambda e: e.replace(" ", "\u00a0")),
    st.sampled_from(EXAMPLES).map(lambda e: e[: len(e) // 2]),
    st.text(max_size=20),
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=2).map(" ".join))
def test_every_rule_and_repair_admits_every_text_its_pattern_matches(text: str) -> None:
    for candidate in (text, text.strip()):  # rules read the stripped block, repairs the block
        for rule_id, pattern in PATTERNS:
            if pattern.search(candidate):
                assert _admitted(pattern, candidate), (rule_id, candidate)


@settings(max_examples=800, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=2).map(" ".join))
def test_a_pattern_skipped_on_ascii_text_matches_no_ascii_text(text: str) -> None:
    plain = text.encode("ascii", "ignore").decode()
    for rule_id, pattern in PATTERNS:
        if needs_non_ascii(pattern):
            assert not pattern.search(plain), (rule_id, plain)


def test_the_encoding_repairs_are_skipped_on_ascii_text_and_still_made_on_the_rest() -> None:
    skipped = {repair.id for repair in RULES.repairs if needs_non_ascii(repair.pattern)}
    assert {"repair.mojibake", "repair.lost-sign"} <= skipped
    assert "repair.glued-euro" not in skipped
    assert RULES.repaired("Caf\u00c3\u00a9 prices rose") == "Caf\u00e9 prices rose"
    for source, ascii_may_match in [(r"\u00e9|e", True), (r"(?i)\u212a", True), (r"[^a]\u00e9", False),
                                    (r"x(?i:\u017f)", True), (r"(\u00e9|\u00e8)+", False),
                                    (r"\u00e9?", True), (r"[\u00e0-\u00ff]{2}", False)]:
        assert needs_non_ascii(re.compile(source)) is not ascii_may_match, source


def test_every_example_passes_every_prefilter_whose_pattern_it_matches() -> None:
    for example in EXAMPLES:
        for text in (example, example.upper(), _swap(example)):
            for rule_id, pattern in PATTERNS:
                if pattern.search(text):
                    assert _admitted(pattern, text), (rule_id, text)


def test_awkward_patterns_admit_what_they_match() -> None:
    cases = [
        (r"^(?=.{0,40}\bwebcast\b).{0,40}\d{3}", ["Join the WEBCAST at 555", "webcaſt 555"]),
        (r"^(?i:dial)-in", ["DIAL-in"]),
        (r"(?-i:Step) \d", ["Step 4"]),
        (r"^(a|b)(?<=b)c", ["bc"]),
        (r"^x{2}y?z", ["xxz", "xxyz"]),
        (r"\bkelvin\b", ["\u212aelvin", "KELVIN"]),
        (r"^istanbul", ["İstanbul", "ıstanbul"]),
        (r"^\d{1,2}\. install", ["\u0663. Install", "12. install"]),
        (r"^(?:ab|cd)+e", ["cdabe"]),
        (r"(?m)^late", ["early\nlate"]),
        (r"^(?!.*said)(click|tap) here", ["Click here", "TAP HERE"]),
        (r"(\w+) \1 again", ["bye bye again"]),
        (r"^[^\"“”]{1,40}(©\s*\w+|“\w+”)$", ["Photo © Reuters", "a word “quoted”"]),
        (r"caf(é|e) — open", ["CAFÉ — OPEN", "cafe — open"]),
        (r"^\u0663 min", ["\u0663 min read"]),
    ]
    for source, texts in cases:
        pattern = re.compile(source, re.IGNORECASE)
        for text in texts:
            assert pattern.search(text), (source, text)
            assert _admitted(pattern, text), (source, text)


def test_a_block_without_the_words_a_rule_needs_is_ruled_out() -> None:
    dial_in = next(rule for rule in RULES.rules if rule.id == "call.dial-in")
    needs = prefilter(dial_in.pattern)
    assert needs is not None
    assert not needs.admits(fold("The council voted on Monday to close 3 of its 12 libraries."))
    assert needs.admits(fold("Dial-in: 1-800-555-0100, passcode 1234"))


def test_a_word_every_alternative_needs_rules_out_prose_holding_only_their_common_words() -> None:
    # Each alternative's own pieces are needed too, not only the run of them (whose many
    # strings are covered by what they share, " our "): a sentence holding "our" and
    # "this" but no "reporter", "writer", "correspondent" or "journalist" is not the
    # writer speaking of their own reporting.
    ours = next(rule for rule in RULES.rules if rule.id == "reporter.our-reporter")
    needs = prefilter(ours.pattern)
    assert needs is not None
    assert not needs.admits(fold("This week the mayor told our council to vote with this plan."))
    for text in ("He told our reporter so.", "OUR REPORTERS saw it.", "This writer saw it."):
        assert ours.pattern.search(text) and needs.admits(fold(text)), text


def test_first_match_skips_rules_whose_prefixes_the_block_cannot_start_with() -> None:
    extra = ({"id": "site.updated", "reason": "boilerplate", "why": "stamp",
              "pattern": r"^(updated|posted):? \d", "example": "Updated: 5 May"},)
    rules = load_rules((), extra)
    assert rules.first_match("UPDATED 5 May").id == "site.updated"
    assert rules.first_match("Posted 5 May").id == "site.updated"
    assert rules.first_match("The mayor updated 5 rules.") is None
    assert rules.first_match("Upgraded 5 May") is None  # same first letter, asked again


def test_fold_keeps_length_and_gives_each_letter_what_a_case_insensitive_match_takes_for_it() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = fold(char)
        assert len(folded) == 1, hex(code)
        if letter.fullmatch(char):
            assert re.fullmatch(folded, char, re.IGNORECASE) and folded.isascii(), hex(code)
        if char.isdecimal():
            assert folded == str(int(char)), hex(code)


def test_a_curator_rule_gets_its_prefilter_too() -> None:
    extra = ({"id": "site.promo", "reason": "boilerplate", "why": "promo",
              "pattern": r"^.{0,40}\bpromo code\b", "example": "Use promo code NEWS10"},)
    rules = load_rules((), extra)
    assert rules.first_match("Today only: use PROMO CODE NEWS10").id == "site.promo"
    assert rules.first_match("The mayor promoted a code of conduct.") is None


def test_the_packaged_rule_files_read_the_same_with_libyaml_as_with_the_pure_loader() -> None:
    import yaml

    from builder.clean.html_vocab import VOCAB_PATH
    from builder.clean.rules import PACKAGED_LOADER, RULES_FILE

    for path in (RULES_FILE, VOCAB_PATH):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=PACKAGED_LOADER) == yaml.safe_load(text), path  # noqa: S506


def test_no_rule_or_repair_opens_with_a_lookbehind() -> None:
    # A pattern that opens with a lookbehind has the regex engine test it at every
    # character of every block; written with what it looks behind from first (a stop, a
    # dash), the engine skips from one of those to the next: repair.spaced-extension
    # matched the same places 16 times faster that way.
    opening = [rule_id for rule_id, pattern in PATTERNS
               if re.match(r"(?:\(\?[aiLmsux]+\))?\(\?<[=!]", pattern.pattern)]
    assert opening == []
