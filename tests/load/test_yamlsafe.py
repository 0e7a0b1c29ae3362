"""builder.load.yamlsafe: safe, bounded YAML loading with file:line errors."""

from __future__ import annotations

import datetime
import time

import pytest

from builder.load.yamlsafe import YamlError, load_yaml
from tests.conftest import RUNAWAY_SECONDS

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi")
)


def refusal(text: str, **limits: int) -> YamlError:
    with pytest.raises(YamlError) as info:
        load_yaml(text, "content/stories/s/story.yaml", **limits)
    return info.value


def test_loads_a_story_yaml() -> None:
    text = (
        "title: Russia and North Korea\n"
        "date: 2024-05-24\n"
        "tags: [north-korea, russia]\n"
        "sources:\n"
        "  a.txt: {outlet: RBC, url: 'https://example.com/x'}\n"
    )
    assert load_yaml(text, "story.yaml") == {
        "title": "Russia and North Korea",
        "date": datetime.date(2024, 5, 24),
        "tags": ["north-korea", "russia"],
        "sources": {"a.txt": {"outlet": "RBC", "url": "https://example.com/x"}},
    }


@pytest.mark.parametrize("text", ["", "   \n", "# just a comment\n", "---\n"])
def test_empty_document_is_none(text: str) -> None:
    assert load_yaml(text, "story.yaml") is None


def test_billion_laughs_is_refused_without_expanding() -> None:
    start = time.perf_counter()
    err = refusal(BILLION_LAUGHS)
    assert time.perf_counter() - start < RUNAWAY_SECONDS
    assert "alias" in err.message


def test_many_aliases_are_refused_even_when_small() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    err = refusal(text)
    assert (err.line, err.message) == (2, "more than 100 aliases")


def test_a_few_aliases_are_fine() -> None:
    assert load_yaml("a: &a {x: 1}\nb: *a\n", "s.yaml") == {"a": {"x": 1}, "b": {"x": 1}}


def test_node_cap_applies_without_aliases() -> None:
    assert "nodes" in refusal("[" + ", ".join(["1"] * 50) + "]", max_nodes=20).message


def test_recursive_alias_is_refused() -> None:
    assert refusal("a: &a [1, *a]\n").message == "recursive alias"


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    err = refusal("[" * 100_000 + "]" * 100_000)
    assert err.message == "nested deeper than 100 levels"


def test_oversized_document_is_refused_before_parsing() -> None:
    err = refusal("a: " + "x" * (1024 * 1024))
    assert err.line is None
    assert str(err).startswith("content/stories/s/story.yaml: YAML is ")


def test_size_cap_is_configurable() -> None:
    assert "limit" in refusal("a: 12345", max_bytes=4).message


def test_syntax_error_names_file_and_line() -> None:
    err = refusal("title: ok\ntags: [a, b\ndek: x\n")
    assert err.path == "content/stories/s/story.yaml"
    assert err.line == 3
    assert str(err).startswith("content/stories/s/story.yaml:3: ")


def test_bad_indentation_names_its_line() -> None:
    err = refusal("a:\n  b: 1\n c: 2\n")
    assert str(err).startswith("content/stories/s/story.yaml:3: ")


@pytest.mark.parametrize(
    "text",
    [
        "x: !!python/object:os.system {}\n",
        "x: !!python/object/apply:os.system ['echo pwned']\n",
        "x: !!python/name:os.system\n",
        "x: !!python/module:os\n",
        "x: !!python/object/new:builtins.list [[1]]\n",
        "x: !custom thing\n",
    ],
)
def test_python_tags_are_refused(text: str) -> None:
    err = refusal(text)
    assert err.line == 1
    assert err.message.startswith("tag not allowed")


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    err = refusal("title: one\ndek: x\ntitle: two\n")
    assert (err.line, err.message) == (3, "duplicate key 'title'")


def test_duplicate_key_in_nested_mapping() -> None:
    err = refusal("sources:\n  a.txt: {outlet: A, outlet: B}\n")
    assert err.line == 2 and "outlet" in err.message


def test_merge_keys_may_be_overridden() -> None:
    text = "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  x: 3\n"
    assert load_yaml(text, "s.yaml") == {"base": {"x": 1, "y": 2}, "d": {"x": 3, "y": 2}}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [("a: 1\nd: 2024-13-45\n", 2, "'2024-13-45' is an invalid date (month must be in 1..12)"),
     ("n: " + "9" * 5000 + "\n", 1, "invalid value")],
)
def test_impossible_values_are_errors_not_crashes(text: str, line: int, message: str) -> None:
    err = refusal(text)
    assert err.line == line and err.message.startswith(message)


def test_control_characters_are_refused_with_line() -> None:
    err = refusal("a: 1\nb: \x07\n")
    assert (err.line, err.message) == (2, "character U+0007 not allowed in YAML")


def test_multiple_documents_are_refused() -> None:
    assert refusal("a: 1\n---\nb: 2\n").line == 2


def test_unhashable_key_is_an_error() -> None:
    assert "unhashable" in refusal("? [a]\n: 1\n").message


def test_str_without_line() -> None:
    assert str(YamlError("x.yaml", None, "boom")) == "x.yaml: boom"
    assert str(YamlError("x.yaml", 4, "boom")) == "x.yaml:4: boom"


FAST_CASES = [
    "title: Russia and North Korea\ndate: 2024-05-24\ntags: [north-korea, russia]\n"
    "sources:\n  a.txt: {outlet: RBC, url: 'https://example.com/x', published: 2024-05-25}\n",
    "title: \"Quoted: with colon\"\ndek: >\n  folded\n  text\nnumbers: [1, 2.5, 0x1F, -3, .inf]\n",
    "base: &b {outlet: AP}\nsources:\n  a.txt: *b\n  b.txt: {<<: *b, url: 'https://x'}\n",
    "when: 2024-05-24 10:30:00\nflag: yes\nnothing: ~\nlist:\n  - one\n  - - nested\n    - two\n",
    "# only a comment\n",
    "",
    "emoji: \"\U0001f600 caf\u00e9\"\n",
]


@pytest.mark.parametrize("text", FAST_CASES)
def test_libyaml_path_gives_what_the_pure_loader_gives(text: str) -> None:
    from builder.load import yamlsafe

    fast = yamlsafe._fast_load(text, 100, 100, 100_000)
    assert fast is not None  # plain documents take the fast path
    loader = yamlsafe._GuardedLoader(text, 100, 100)
    node = loader.get_single_node()
    pure = loader.construct_document(node) if node is not None else None
    assert fast[0] == pure

    def lines(n):
        if n is None:
            return None
        kids = n.value if isinstance(n.value, list) else []
        flat = [k for kid in kids for k in (kid if isinstance(kid, tuple) else (kid,))]
        return (n.tag, n.start_mark.line, [lines(k) for k in flat])

    assert lines(fast[1]) == lines(node)


@pytest.mark.parametrize(
    "text",
    ["a: 1\na: 2\n", "[" * 150 + "]" * 150, BILLION_LAUGHS, "d: 2024-13-45\n", "a: [1, 2\n",
     "a: !!python/object:os.system x\n", "x: \x07\n"],
)
def test_libyaml_path_leaves_every_refusal_to_the_pure_loader(text: str) -> None:
    from builder.load import yamlsafe

    assert yamlsafe._fast_load(text, 100, 100, 100_000) is None
