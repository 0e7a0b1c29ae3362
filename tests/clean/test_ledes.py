"""Datelines and outlet credits cut from the start of a kept paragraph (builder/clean/ledes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.clean import clean, load_rules
from builder.clean.rules import RULES_FILE
from builder.model import Diagnostics, SourceDoc, SourceMeta

RULES = load_rules()
REST = "The council voted on Monday to close the old market hall for good after a long debate."
MORE = "Officials said the building had become too expensive to heat and repair."


def cleaned(lede: str, meta: SourceMeta = SourceMeta(), rules=RULES):
    # Markdown: a text dump's article finder would judge a short lede line on its own.
    text = f"# Market hall to close\n\n{lede}\n\n{MORE}\n"
    return clean(SourceDoc(Path("x.md"), "markdown", text, meta), rules, Diagnostics())


def test_every_prefix_cuts_its_own_example_and_keeps_the_sentence():
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))["prefixes"]
    assert raw and len(RULES.prefixes) == len(raw)
    for entry in raw:
        article = cleaned(entry["example"])
        assert article.blocks[0].text == entry["kept"], entry["id"]
        assert any(r.rule == entry["id"] for r in article.removed), entry["id"]


@pytest.mark.parametrize("dateline", [
    "WASHINGTON ―", "WASHINGTON —", "LONDON (Reuters) -", "LONDON, May 5 (Reuters) -",
    "BERN, Switzerland (AP) —", "SIOUX FALLS, S.D. –", "SANTA FE, N.M. (AP) —",
    "Washington (CNN) --", "(Reuters) -", "WASHINGTON - April 27 -", "NEW YORK (MarketWatch) --",
    "SÃO PAULO —", "WASHINGTON—", "LONDON--", "WASHINGTON (AP) _",
])
def test_a_dateline_opening_the_lede_is_cut_and_the_sentence_kept(dateline):
    article = cleaned(f"{dateline} {REST}")
    assert article.blocks[0].text == REST
    # a spaced "--" or AP's "_" is a dash, put in before any rule reads the block
    as_repaired = dateline.removesuffix(" --").removesuffix(" _")
    as_repaired += " —" if as_repaired != dateline else ""
    assert [r.text for r in article.removed if r.rule == "lede.dateline"] == [as_repaired]


@pytest.mark.parametrize("lede, meta", [
    ("Computerworld-" + REST, SourceMeta(outlet="computerworld.com")),
    ("Computerworld - " + REST, SourceMeta(url="https://www.computerworld.com/article/1.html")),
    ("(Town Times) — " + REST, SourceMeta(outlet="The Town Times")),
    ("HuffPost — " + REST, SourceMeta(outlet="HuffPost (Huffington Post)")),
    ("Reuters - " + REST, SourceMeta(outlet="uk.reuters.com")),
    ("Reuters - " + REST, SourceMeta()),  # an agency needs no metadata
])
def test_the_reports_own_outlet_opening_the_lede_is_cut(lede, meta):
    article = cleaned(lede, meta)
    assert article.blocks[0].text == REST
    assert any(r.rule == "lede.outlet-credit" for r in article.removed)


@pytest.mark.parametrize("lede, meta", [
    # another name than the outlet's: a compound, a subject, a speaker
    ("Coca-Cola said on Monday it would close the old bottling plant for good.",
     SourceMeta(outlet="computerworld.com")),
    ("Microsoft-Nokia talks ended on Monday without a deal on the phone unit.",
     SourceMeta(outlet="computerworld.com")),
    ("NASA — the space agency — said on Monday that the launch would slip a week.", SourceMeta()),
    ("SKY-TV reports that the 3 bank employees were burnt to death.", SourceMeta()),
    ("BBC-Worldwide said on Monday that it would sell the magazine unit.", SourceMeta()),
    ("Sen. John Cornyn (R-Texas) — The bill passed with a large majority on Monday.",
     SourceMeta()),
    # a sub-heading, not a lede: what is left is no sentence
    ("PEPA – Universitätsklinikum Heidelberg (UKHD)", SourceMeta()),
    ("WASHINGTON – Two views", SourceMeta()),
    # all capitals, no dash: a lead-in in capitals is the sentence itself
    ("THREE PEOPLE HAVE DIED IN A BLAZE that broke out at a bank in central Athens.",
     SourceMeta()),
])
def test_a_paragraph_opening_with_another_name_or_no_dateline_is_kept_whole(lede, meta):
    article = cleaned(lede, meta)
    assert article.blocks[0].text == lede
    assert not any(r.rule.startswith("lede.") for r in article.removed)


def test_a_dateline_alone_on_its_line_is_dropped():
    article = cleaned(f"WASHINGTON - April 27 -\n\n{REST}")
    assert article.blocks[0].text == REST
    assert any(r.rule == "meta.place-dateline" for r in article.removed)


def test_the_curator_can_switch_the_cuts_off():
    rules = load_rules(disable=("lede.dateline", "lede.outlet-credit"))
    for lede, meta in [("WASHINGTON ― " + REST, SourceMeta()),
                       ("Computerworld-" + REST, SourceMeta(outlet="computerworld.com"))]:
        assert cleaned(lede, meta, rules).blocks[0].text == lede
