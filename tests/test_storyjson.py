"""story.json's writer walks containers itself for speed; it must print what
json.dumps(..., ensure_ascii=False, indent=2) prints, byte for byte."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.storyjson import indented_json

CASES = [
    {},
    [],
    {"a": [], "b": {}, "c": [{}], "d": [[1, 2], {"x": None}]},
    {"title": "Café “quoted” \u2028 line\nbreak \\ slash </script>", "n": 3, "f": 0.5,
     "t": True, "z": None, "emoji": "\U0001f600", "ctrl": "\x00\x1f"},
    [1, -2.5e-10, 1e300, "x", [None, False]],
    {1: "int key", 2.5: "float key", True: "bool key", None: "none key"},
]


@pytest.mark.parametrize("value", CASES)
def test_matches_json_dumps(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_matches_json_dumps_on_any_json_value(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
