"""Fill in a source's entry under `sources:` in story.yaml by editing the text, not re-dumping it.

Takes: story.yaml's text, a source file name, and the values a page says about itself
(outlet, title, url, published). Gives: the new text, with only the keys the curator has
not already given added, and everything else (comments, key order, quoting, blank lines)
left exactly as it was; or raises `YamlEditError` when the file is laid out in a way a
line-level edit cannot extend safely (then it says what to add by hand).

How: the document is composed with PyYAML to find, with line and column, the `sources:`
key and the file's entry; new lines are inserted after the entry's last line (or a new
entry after the last line of `sources:`), at the indentation already in use. A one-line
`{outlet: X}` entry gets the new keys inside its braces. The result is parsed again and
must equal the old data plus the new keys, or nothing is returned: a wrong edit is
refused, never written.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
KEY_ORDER = ("outlet", "title", "url", "published")


class YamlEditError(Exception):
    """story.yaml cannot be extended by a line-level edit; the message says what to do."""


def scalar(value: str) -> str:
    """`value` as a one-line YAML scalar: plain when that reads back the same, else quoted.

    An ISO date stays plain (YAML reads it as a date, which story.yaml accepts).
    """
    if _ISO_DATE.fullmatch(value):
        return value
    if value and value == value.strip() and "\n" not in value:
        try:
            block = yaml.safe_load(f"k: {value}")
            flow = yaml.safe_load(f"{{k: {value}}}")
        except (yaml.YAMLError, RecursionError):  # RecursionError: "[[[[..." thousands deep
            block = flow = None
        if block == {"k": value} and flow == {"k": value}:
            return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def missing_values(data: dict, file: str, values: dict[str, str | None]) -> dict[str, str]:
    """The `values` the curator's story.yaml data does not already give for `file`."""
    sources = data.get("sources") if isinstance(data, dict) else None
    entry = sources.get(file) if isinstance(sources, dict) else None
    entry = entry if isinstance(entry, dict) else {}
    given = {k for k, v in entry.items() if v not in (None, "")}
    if "date" in given:
        given.add("published")
    ordered = sorted(values, key=lambda k: KEY_ORDER.index(k) if k in KEY_ORDER else 99)
    return {k: values[k] for k in ordered if values[k] and k not in given}


def add_source_values(
    text: str, file: str, values: dict[str, str | None]
) -> tuple[str, dict[str, str]]:
    """Add what story.yaml does not say about `file`; return (new text, the values added)."""
    data, root = _parsed(text, "added")
    added = missing_values(data, file, values)
    if not added:
        return text, {}
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    _edit(lines, root, file, added)
    new_text = "".join(lines)
    _verify(new_text, data, file, added)
    return new_text, added


def _edit(lines: list[str], root: MappingNode | None, file: str, added: dict[str, str]) -> None:
    sources_key, sources = _child(root, "sources") if root is not None else (None, None)
    if sources_key is None:
        lines.extend(["sources:\n", *_entry_lines(file, added, 2, 4)])
        return
    key_line = sources_key.start_mark.line
    if _is_null(sources) or (
        isinstance(sources, MappingNode) and sources.flow_style and not sources.value
    ):
        if not _is_null(sources):  # `sources: {}` becomes a block mapping
            _single_line(sources)
            line = lines[key_line]
            lines[key_line] = (
                line[: sources.start_mark.column].rstrip() + line[sources.end_mark.column :]
            )
        at = _after_indented_comments(lines, key_line)
        lines[at:at] = _entry_lines(file, added, 2, 4)
        return
    if not isinstance(sources, MappingNode) or sources.flow_style:
        raise YamlEditError(
            "'sources:' is not written one entry per line; " + _by_hand(file, added)
        )
    indent = sources.value[0][0].start_mark.column
    entry_key, entry = _child(sources, file)
    if entry_key is None:
        sub = _sub_indent(sources, indent)
        at = _last_line(sources) + 1
        lines[at:at] = _entry_lines(file, added, indent, sub)
        return
    if _is_null(entry):
        at = entry_key.start_mark.line + 1
        lines[at:at] = [
            f"{' ' * _sub_indent(sources, indent)}{k}: {scalar(v)}\n" for k, v in added.items()
        ]
    elif isinstance(entry, MappingNode) and entry.flow_style:
        _single_line(entry)
        line_no = entry.start_mark.line
        line = lines[line_no]
        close = entry.end_mark.column - 1
        if line[close] != "}":
            raise YamlEditError(_by_hand(file, added))
        inner = ", ".join(f"{k}: {scalar(v)}" for k, v in added.items())
        sep = ", " if entry.value else ""
        lines[line_no] = line[:close].rstrip() + sep + inner + line[close:]
    elif isinstance(entry, MappingNode):
        sub = entry.value[0][0].start_mark.column if entry.value else indent + 2
        at = _last_line(entry) + 1
        lines[at:at] = [f"{' ' * sub}{k}: {scalar(v)}\n" for k, v in added.items()]
    else:
        raise YamlEditError(f"sources: {file}: is not a mapping; " + _by_hand(file, added))


def _entry_lines(file: str, added: dict[str, str], indent: int, sub: int) -> list[str]:
    return [f"{' ' * indent}{scalar(file)}:\n"] + [
        f"{' ' * sub}{k}: {scalar(v)}\n" for k, v in added.items()
    ]


def _child(node: MappingNode, key: str) -> tuple[Node | None, Node | None]:
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None, None


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _single_line(node: Node) -> None:
    if node.start_mark.line != node.end_mark.line:
        raise YamlEditError(
            "a {...} mapping spread over several lines cannot be extended; "
            "write it one key per line"
        )


def _sub_indent(sources: MappingNode, indent: int) -> int:
    """The indentation of keys inside an entry, as the curator's other entries use it."""
    for _, value in sources.value:
        if isinstance(value, MappingNode) and not value.flow_style and value.value:
            return value.value[0][0].start_mark.column
    return indent + 2


def _last_line(node: Node) -> int:
    """The 0-based line of the last character of `node`'s own text."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        key, value = node.value[-1]
        return max(key.start_mark.line, _last_line(value))
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    # A block scalar (| or >) ends at the start of the line after it.
    if end.column == 0 and end.line > node.start_mark.line:
        return end.line - 1
    return end.line


def _after_indented_comments(lines: list[str], key_line: int) -> int:
    """The index just after the indented comments that follow `key_line` (the examples)."""
    at = key_line + 1
    last = at
    while at < len(lines) and (not lines[at].strip() or lines[at][0] in " \t"):
        if lines[at].strip():
            last = at + 1
        at += 1
    return last


def _verify(new_text: str, data: dict, file: str, added: dict[str, str]) -> None:
    expected = copy.deepcopy(data)
    sources = expected.get("sources")
    if not isinstance(sources, dict):
        sources = expected["sources"] = {}
    entry = sources.get(file)
    if not isinstance(entry, dict):
        entry = sources[file] = {}
    for key, value in added.items():
        entry[key] = yaml.safe_load(f"k: {scalar(value)}")["k"]
    try:
        result: Any = yaml.safe_load(new_text)
    except yaml.YAMLError:
        result = None
    if result != expected:
        raise YamlEditError(_by_hand(file, added))


def _by_hand(file: str, added: dict[str, str]) -> str:
    entry = "".join(_entry_lines(file, added, 2, 4))
    return f"nothing was changed; add this under 'sources:' yourself:\n{entry}"


def set_source_values(text: str, file: str, values: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Give `file`'s entry exactly these `values` (the curator's own, from `add --outlet ...`),
    replacing what it said for those keys and keeping everything else; return (new text,
    the values that changed)."""
    data, root = _parsed(text)
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    entry = sources.get(file) if isinstance(sources.get(file), dict) else {}
    changed = {k: v for k, v in values.items()
               if v and str(entry.get(k, entry.get("date") if k == "published" else None)) != v}
    if not changed:
        return text, {}
    drop = set(changed) | ({"date"} if "published" in changed else set())
    text = _without_keys(text, data, root, file, drop)
    new_text, added = add_source_values(text, file, changed)
    return new_text, added


def remove_source(text: str, file: str) -> tuple[str, bool]:
    """story.yaml without `file`'s entry under `sources:`; (text, whether there was one)."""
    data, root = _parsed(text)
    sources_key, sources = _child(root, "sources") if root is not None else (None, None)
    entry_key, entry = _child(sources, file) if isinstance(sources, MappingNode) else (None, None)
    if entry_key is None or entry is None:
        return text, False
    if sources.flow_style:
        raise YamlEditError(f"'sources:' is written on one line: remove {file!r} from it yourself")
    lines = text.splitlines(keepends=True)
    del lines[entry_key.start_mark.line : _last_line(entry) + 1]
    new_text = "".join(lines)
    expected = copy.deepcopy(data)
    del expected["sources"][file]
    _check_same(new_text, expected, f"remove {file!r} from 'sources:' yourself")
    return new_text, True


def _parsed(text: str, done: str = "changed") -> tuple[dict, MappingNode | None]:
    """story.yaml's data and node tree; a YamlEditError saying nothing was `done` when it
    is not valid YAML or not a mapping."""
    try:
        data = yaml.safe_load(text) if text.strip() else {}
        root = yaml.compose(text) if text.strip() else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise YamlEditError(f"{where}not valid YAML, so nothing was {done}: fix it first") from None
    data = {} if data is None else data
    if not isinstance(data, dict) or (root is not None and not isinstance(root, MappingNode)):
        raise YamlEditError("expected a mapping (key: value) at the top level")
    return data, root


def _without_keys(text: str, data: dict, root: MappingNode | None, file: str, keys: set[str]) -> str:
    """`text` with `keys` taken out of `file`'s entry (a block entry loses their lines, a
    one-line {...} entry is written again without them)."""
    _, sources = _child(root, "sources") if root is not None else (None, None)
    _, entry = _child(sources, file) if isinstance(sources, MappingNode) else (None, None)
    if not isinstance(entry, MappingNode) or not any(
            isinstance(k, ScalarNode) and k.value in keys for k, _ in entry.value):
        return text
    lines = text.splitlines(keepends=True)
    if entry.flow_style:
        _single_line(entry)
        kept = [(k, v) for k, v in entry.value if k.value not in keys]
        if not all(isinstance(v, ScalarNode) for _, v in kept):
            raise YamlEditError(f"sources: {file}: write it one key per line first")
        line_no = entry.start_mark.line
        line = lines[line_no]
        inner = ", ".join(f"{k.value}: {scalar(str(v.value))}" for k, v in kept)
        lines[line_no] = line[: entry.start_mark.column] + "{" + inner + "}" + line[entry.end_mark.column :]
    else:
        for key, value in reversed(entry.value):
            if isinstance(key, ScalarNode) and key.value in keys:
                del lines[key.start_mark.line : _last_line(value) + 1]
    new_text = "".join(lines)
    expected = copy.deepcopy(data)
    old = expected["sources"][file]
    remaining = {k: v for k, v in old.items() if k not in keys}
    expected["sources"][file] = remaining if entry.flow_style else (remaining or None)
    _check_same(new_text, expected, f"change {file!r}'s entry under 'sources:' yourself")
    return new_text


def _check_same(new_text: str, expected: dict, by_hand: str) -> None:
    try:
        result: Any = yaml.safe_load(new_text)
    except yaml.YAMLError:
        result = None
    if result != expected:
        raise YamlEditError(f"nothing was changed; {by_hand}")
