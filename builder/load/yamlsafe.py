"""Loading YAML we did not write: story.yaml, front matter, config.yaml.

Takes YAML text and the path it came from (for messages); gives the plain Python value
(dict, list, str, int, float, bool, None, date/datetime as PyYAML's SafeLoader builds
them), or raises `YamlError(path, line, message)` whose str is `path:line: message`.

Refused, each with the line it was found on:
- anything but the safe tags (`!!python/object`, `!!python/name`, ... are SafeLoader
  errors: a YAML file must never construct objects or run code);
- documents over `max_bytes` (1 MiB) before parsing starts;
- more than `max_nodes` values as written, counted while parsing, before any is built;
- alias bombs ("billion laughs"): more than `max_aliases` aliases, or more than
  `max_nodes` nodes once every alias is expanded, counted on the composed node graph
  before anything is constructed, so refusal costs the parse and no more;
- recursive aliases (`&a [*a]`), which PyYAML would happily build into a cycle;
- nesting deeper than `max_depth` (PyYAML's composer recurses; without this cap a deep
  `[[[[...` ends in RecursionError);
- a key repeated in one mapping (YAML says it is an error; PyYAML keeps the last one,
  silently dropping the curator's first value), reported at the second key;
- values the constructor cannot build (a 13th month, an integer of 5000 digits).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024
MAX_ALIASES = 100
MAX_NODES = 100_000
MAX_DEPTH = 100

_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class YamlError(Exception):
    """A YAML file we refuse, with the 1-based line where the problem is."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class _Refused(Exception):
    """Raised inside the loader; turned into YamlError with the path at the boundary."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _TooMany(_Refused):
    """More nodes than max_nodes as written: refused as soon as they are counted, before
    any loader builds them (a 1 MiB list of 520,000 one-letter tags cost seconds and
    hundreds of MB to build only to be refused)."""

    def __init__(self, line: int, max_nodes: int) -> None:
        super().__init__(line, f"more than {max_nodes} nodes (keys, values, lists): refused")


class _Checks:
    """What both loaders refuse while constructing: duplicate keys, impossible values."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            seen: set[Any] = set()
            for key_node, _value in node.value:
                if key_node.tag == _MERGE_TAG:
                    continue  # "<<" merges are meant to be overridden by explicit keys
                key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
                try:
                    duplicate = key in seen
                except TypeError:
                    continue  # unhashable: SafeConstructor reports it properly below
                if duplicate:
                    raise _Refused(key_node.start_mark.line + 1, f"duplicate key {key!r}")
                seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]

    def construct_object(self, node: Node, deep: bool = False) -> Any:  # noqa: ANN401
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, OverflowError, TypeError) as err:
            # int("9"*5000), date(2024, 13, 45): the resolver matched, the value is impossible.
            if node.tag == _TIMESTAMP_TAG:
                raise _Refused(node.start_mark.line + 1, f"{node.value!r} is an invalid date ({err}): "
                               "write YYYY-MM-DD, e.g. 2019-04-03") from None
            raise _Refused(node.start_mark.line + 1, f"invalid value: {err}") from None


class _GuardedLoader(_Checks, yaml.SafeLoader):
    """SafeLoader that counts aliases and depth while composing and rejects duplicate keys."""

    def __init__(self, text: str, max_aliases: int, max_depth: int, max_nodes: int = MAX_NODES) -> None:
        super().__init__(text)
        self.max_aliases = max_aliases
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.aliases = 0
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # noqa: ANN401
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _TooMany(self.peek_event().start_mark.line + 1, self.max_nodes)
        if self.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > self.max_aliases:
                mark = self.peek_event().start_mark
                raise _Refused(mark.line + 1, f"more than {self.max_aliases} aliases")
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                mark = self.peek_event().start_mark
                raise _Refused(mark.line + 1, f"nested deeper than {self.max_depth} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _expanded_size(root: Node, max_nodes: int) -> int:
    """Nodes in the document with every alias expanded; stops counting past max_nodes.

    Aliases share one node object, so a memo by id() makes this linear in the distinct
    nodes while still counting what a consumer walking the data would see. Iterative, so a
    deep document cannot exhaust the stack; a node met again while still on the path is a
    recursive alias.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = min(size, max_nodes + 1)
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _Refused(node.start_mark.line + 1, "recursive alias")
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise _Refused(child.start_mark.line + 1, "recursive alias")
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    assert isinstance(node, ScalarNode)
    return []


if yaml.__with_libyaml__:

    class _FastLoader(_Checks, yaml.CSafeLoader):
        """libyaml's parser and composer (C) with the same constructor checks."""

else:  # pragma: no cover - PyPI's PyYAML wheels carry libyaml
    _FastLoader = None  # type: ignore[assignment,misc]


def _fast_load(text: str, max_aliases: int, max_depth: int, max_nodes: int) -> tuple[object, Node | None] | None:
    """The document and its node tree through libyaml, about ten times faster than the
    pure-Python loader; None whenever that loader should decide instead.

    Performance only: a build reads a story.yaml per story. The guards the pure loader
    applies while composing are applied here to libyaml's event stream first (aliases,
    nesting depth), so a hostile file is refused before libyaml's recursive composer
    sees it; anything libyaml rejects, and any text the pure reader would refuse for
    its characters, goes to the pure loader, whose messages (and lines) are the ones
    curators get."""
    if _FastLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        events = yaml.CSafeLoader(text)
        try:
            depth = aliases = nodes = 0
            while (event := events.get_event()) is not None:
                kind = type(event)
                if kind is AliasEvent:
                    aliases += 1
                elif kind is ScalarEvent:
                    nodes += 1
                elif kind in (MappingStartEvent, SequenceStartEvent):
                    depth += 1
                    nodes += 1
                    if depth >= max_depth or aliases > max_aliases:
                        return None
                elif kind in (MappingEndEvent, SequenceEndEvent):
                    depth -= 1
                if nodes > max_nodes:
                    raise _TooMany(event.start_mark.line + 1, max_nodes)
            if aliases > max_aliases:
                return None
        finally:
            events.dispose()
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, None
            if aliases and _expanded_size(node, max_nodes) > max_nodes:
                return None
            return loader.construct_document(node), node
        finally:
            loader.dispose()
    except _TooMany:
        raise
    except (yaml.YAMLError, _Refused, RecursionError):
        return None


def load_yaml(text: str, path: str, **limits: int) -> object:
    """Parse one YAML document safely; None for an empty document. Raises YamlError.
    `limits`: max_bytes, max_aliases, max_nodes, max_depth (see load_yaml_node)."""
    return load_yaml_node(text, path, **limits)[0]


def load_yaml_node(
    text: str,
    path: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_aliases: int = MAX_ALIASES,
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
) -> tuple[object, Node | None]:
    """`load_yaml`, with the composed node tree too (its marks give each key's line)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise YamlError(path, None, f"YAML is {size} bytes, over the {max_bytes}-byte limit")
    loader: _GuardedLoader | None = None
    try:
        fast = _fast_load(text, max_aliases, max_depth, max_nodes)
        if fast is not None:
            return fast
        # The reader checks every character up front (ReaderError), so construct inside try.
        loader = _GuardedLoader(text, max_aliases, max_depth, max_nodes)
        node = loader.get_single_node()
        if node is None:
            return None, None
        expanded = _expanded_size(node, max_nodes)
        if expanded > max_nodes:
            raise _Refused(
                node.start_mark.line + 1,
                f"more than {max_nodes} nodes once aliases are expanded (alias bomb?)",
            )
        return loader.construct_document(node), node
    except _Refused as err:
        raise YamlError(path, err.line, err.message) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if isinstance(err, yaml.scanner.ScannerError) and err.context_mark:
            # "while scanning a simple key ... could not find expected ':'" is found on the
            # line after the one missing its colon (or quote): the line to fix is where the
            # unfinished token started.
            mark = err.context_mark
        message = " ".join(part for part in (err.context, err.problem) if part)
        if isinstance(err, ConstructorError) and err.problem and "constructor" in err.problem:
            message = f"tag not allowed: {err.problem}"
        raise YamlError(path, mark.line + 1 if mark else None, message or str(err)) from None
    except yaml.reader.ReaderError as err:  # a control character or invalid code point
        line = text.count("\n", 0, err.position) + 1
        raise YamlError(path, line, f"character U+{err.character:04X} not allowed in YAML") from None
    except yaml.YAMLError as err:
        raise YamlError(path, None, str(err) or type(err).__name__) from None
    except RecursionError:
        # Only reachable if max_depth is set above what the interpreter's stack allows.
        raise YamlError(path, None, "nested too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()
