"""Load the HTML extraction vocabularies (html_vocab.yaml) into frozen, compiled data.

Takes: the YAML file shipped beside this module (or another path).
Gives: an `HtmlVocab` value (tag sets, compiled class/id patterns with rule ids), built once
per path by a cached loader and passed explicitly to the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

VOCAB_PATH = Path(__file__).with_name("html_vocab.yaml")
_LABEL_TRIM = " \t\n-–—:|•·*()[]"


@dataclass(frozen=True, slots=True)
class FurnitureRule:
    """A rule that drops an element with its subtree: by tag or by class/id token."""

    rule: str
    reason: str
    tag: str | None = None
    pattern: re.Pattern[str] | None = None


# eq=False: a vocabulary is compared and hashed by identity, which keeps it cheap as a
# memoisation key (judge_token in html_blocks).
@dataclass(frozen=True, slots=True, eq=False)
class HtmlVocab:
    silent_tags: frozenset[str]
    block_tags: frozenset[str]
    furniture_tags: tuple[FurnitureRule, ...]
    negative: tuple[FurnitureRule, ...]
    any_negative: re.Pattern[str]  # all negative patterns in one: a fast first test
    positive: re.Pattern[str]
    tag_weights: tuple[tuple[str, int], ...]
    clause_marks: str
    labels: tuple[tuple[str, FurnitureRule], ...]  # (case-folded label, rule)
    # The tuples above as lookup tables, the first entry for a key winning as in a scan
    # (performance: tag_rule runs for every element of a page, label_rule for every block).
    _by_tag: dict[str, FurnitureRule] = field(init=False, repr=False)
    _by_label: dict[str, FurnitureRule] = field(init=False, repr=False)
    _weights: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_tag: dict[str, FurnitureRule] = {}
        for rule in self.furniture_tags:
            if rule.tag is not None:
                by_tag.setdefault(rule.tag, rule)
        by_label: dict[str, FurnitureRule] = {}
        for label, rule in self.labels:
            by_label.setdefault(label, rule)
        weights: dict[str, int] = {}
        for name, weight in self.tag_weights:
            weights.setdefault(name, weight)
        object.__setattr__(self, "_by_tag", by_tag)
        object.__setattr__(self, "_by_label", by_label)
        object.__setattr__(self, "_weights", weights)

    def label_rule(self, text: str) -> FurnitureRule | None:
        """The rule of a block that is only a furniture label ("Advertisement"), if any."""
        return self._by_label.get(text.strip(_LABEL_TRIM).casefold())

    def tag_rule(self, tag: str) -> FurnitureRule | None:
        return self._by_tag.get(tag)

    def weight_of(self, tag: str) -> int:
        return self._weights.get(tag, 0)


@lru_cache(maxsize=4)
def load_vocab(path: Path = VOCAB_PATH) -> HtmlVocab:
    """Read and compile the vocabulary file; cached, and the result is immutable."""
    # Ours, not a curator's: read by libyaml (C), as rules.yaml is (rules.PACKAGED_LOADER).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    furniture = tuple(
        FurnitureRule(rule=item["rule"], reason=item["reason"], tag=item["tag"])
        for item in data["furniture_tags"]
    )
    negative = tuple(
        FurnitureRule(
            rule=item["rule"],
            reason=item["reason"],
            pattern=re.compile(item["pattern"], re.IGNORECASE),
        )
        for item in data["negative_patterns"]
    )
    return HtmlVocab(
        silent_tags=frozenset(data["silent_tags"]["tags"]),
        block_tags=frozenset(data["block_tags"]["tags"]),
        furniture_tags=furniture,
        negative=negative,
        any_negative=re.compile(
            "|".join(f"(?:{item['pattern']})" for item in data["negative_patterns"]),
            re.IGNORECASE,
        ),
        positive=re.compile(data["positive_patterns"]["pattern"], re.IGNORECASE),
        tag_weights=tuple(sorted(data["tag_weights"]["weights"].items())),
        clause_marks=data["clause_marks"]["chars"],
        labels=tuple(
            (str(label).casefold(), FurnitureRule(rule=item["rule"], reason=item["reason"]))
            for item in data.get("label_blocks", ())
            for label in item["labels"]
        ),
    )
