"""Filling in story.yaml's `sources:` by editing lines: the curator's words and comments survive."""

from __future__ import annotations

import pytest
import yaml

from builder.commands.new import TEMPLATE
from builder.commands.yamledit import YamlEditError, add_source_values, scalar

PAGE = {
    "outlet": "Harbour Gazette",
    "title": "Bridge shut: cracks found",
    "url": "https://g.example/b",
    "published": "2025-03-04",
}


def test_adds_an_entry_below_the_templates_commented_examples():
    text = TEMPLATE.format(slug="s", title_line="title: Bridge", date="2025-01-01")
    new, added = add_source_values(text, "gazette.html", PAGE)
    assert added == PAGE
    assert new.startswith(text.rstrip("\n"))  # only lines appended, nothing above touched
    data = yaml.safe_load(new)
    assert data["sources"]["gazette.html"]["title"] == "Bridge shut: cracks found"
    assert str(data["sources"]["gazette.html"]["published"]) == "2025-03-04"


def test_never_overwrites_a_value_the_curator_wrote_and_keeps_comments():
    text = (
        "title: Bridge  # my headline\n"
        "sources:\n"
        "  # the paper of record\n"
        "  gazette.html:\n"
        "    outlet: The Gazette   # as they style it\n"
        "  wire.txt: {outlet: City Wire}  # agency copy\n"
        "tags: [transport]  # more later\n"
    )
    new, added = add_source_values(text, "gazette.html", PAGE)
    assert "outlet" not in added and set(added) == {"title", "url", "published"}
    for comment in (
        "# my headline",
        "# the paper of record",
        "# as they style it",
        "# agency copy",
        "# more later",
    ):
        assert comment in new
    assert yaml.safe_load(new)["sources"]["gazette.html"]["outlet"] == "The Gazette"
    new, added = add_source_values(
        new, "wire.txt", {"outlet": "Other", "url": "https://w.example/1"}
    )
    assert added == {"url": "https://w.example/1"}
    assert "  wire.txt: {outlet: City Wire, url: https://w.example/1}  # agency copy\n" in new
    assert yaml.safe_load(new)["tags"] == ["transport"]


def test_a_date_key_counts_as_the_published_date():
    text = "sources:\n  a.txt:\n    date: 2025-01-02\n"
    new, added = add_source_values(text, "a.txt", {"published": "2025-03-04", "title": "T"})
    assert added == {"title": "T"} and "2025-03-04" not in new


def test_nothing_to_add_leaves_the_text_byte_identical():
    text = "sources:\n  a.txt: {outlet: X, title: T}\n"
    assert add_source_values(text, "a.txt", {"outlet": "Y", "title": None}) == (text, {})


def test_creates_sources_in_an_empty_file_and_after_other_keys():
    new, _ = add_source_values("", "a.txt", {"title": "T"})
    assert yaml.safe_load(new) == {"sources": {"a.txt": {"title": "T"}}}
    new, _ = add_source_values("title: X\n# end", "a.txt", {"title": "T"})
    assert yaml.safe_load(new) == {"title": "X", "sources": {"a.txt": {"title": "T"}}}
    assert "# end" in new


def test_an_empty_flow_mapping_becomes_a_block_keeping_its_comment():
    new, _ = add_source_values("sources: {}  # none yet\ndek: d\n", "a.txt", {"title": "T"})
    assert new.startswith("sources:  # none yet\n  a.txt:\n    title: T\n")
    assert yaml.safe_load(new)["dek"] == "d"


def test_follows_the_curators_indentation():
    text = "sources:\n    a.txt:\n        outlet: A\n"
    new, _ = add_source_values(text, "b.txt", {"outlet": "B", "title": "T"})
    assert new.endswith("    b.txt:\n        outlet: B\n        title: T\n")


def test_a_block_scalar_value_is_not_cut():
    text = "sources:\n  a.txt:\n    title: |\n      Two\n      lines\n# footer\n"
    new, _ = add_source_values(text, "a.txt", {"url": "https://a.example/"})
    assert yaml.safe_load(new)["sources"]["a.txt"] == {
        "title": "Two\nlines\n",
        "url": "https://a.example/",
    }
    assert new.endswith("# footer\n")


def test_refuses_a_layout_it_cannot_extend_and_says_what_to_add():
    text = "sources: {a.txt: {outlet: A}}\n"
    with pytest.raises(YamlEditError) as err:
        add_source_values(text, "b.txt", {"outlet": "B"})
    assert "b.txt:" in str(err.value) and "outlet: B" in str(err.value)


def test_refuses_broken_yaml_with_its_line():
    with pytest.raises(YamlEditError) as err:
        add_source_values("title: a\nsources: [\n", "b.txt", {"outlet": "B"})
    assert "line" in str(err.value)


@pytest.mark.parametrize(
    "value",
    [
        "plain words",
        "a: colon",
        "#hash",
        "it's",
        'say "x"',
        "[x]",
        "yes",
        "123",
        "- dash",
        "{b}",
        "trailing ",
        "ü and 東京",
        "a, b",
    ],
)
def test_scalars_read_back_as_the_same_text(value):
    assert yaml.safe_load(f"k: {scalar(value)}") == {"k": value}
    assert yaml.safe_load(f"{{k: {scalar(value)}}}") == {"k": value}
