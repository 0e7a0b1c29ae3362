"""story.json is written by outline_json: the outer levels one item a line, deeper values
on one line by the C encoder. It must read back as exactly the data, and keep its shape."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.render.storyjson import outline_json

CASES = [
    {},
    [],
    {"a": [], "b": {}, "c": [{}], "d": [[1, 2], {"x": None}]},
    {"title": "Café “quoted” \u2028 line\nbreak \\ slash </script>", "n": 3, "f": 0.5,
     "t": True, "z": None, "emoji": "\U0001f600", "ctrl": "\x00\x1f"},
    [1, -2.5e-10, 1e300, "x", [None, False]],
]


@pytest.mark.parametrize("value", CASES)
def test_reads_back_as_the_same_data(value: object) -> None:
    assert json.loads(outline_json(value)) == value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_reads_back_as_the_same_data_for_any_json_value(value: object) -> None:
    assert json.loads(outline_json(value)) == value


def test_a_story_has_one_line_per_field_source_and_block() -> None:
    story = {
        "slug": "s", "title": "T", "tags": ["a", "b"],
        "sources": [{"id": 1, "removed": [{"rule": "r", "text": "x"}]}, {"id": 2, "removed": []}],
        "body": [{"kind": "paragraph", "sentences": [{"text": "One.", "sources": [1, 2]}]},
                 {"kind": "heading", "sentences": [{"text": "Two", "sources": [2]}]}],
    }
    lines = outline_json(story).splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert '  "tags": ["a", "b"],' in lines
    assert '    {"id": 1, "removed": [{"rule": "r", "text": "x"}]},' in lines
    assert '    {"kind": "heading", "sentences": [{"text": "Two", "sources": [2]}]}' in lines
    assert len(lines) == 13
