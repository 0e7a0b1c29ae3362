"""Read and check config.yaml: a declared schema, every problem reported at once.

Takes: the path of config.yaml (and the folder it sits in, against which relative paths
resolve). Gives: a frozen `Config`, or raises `ConfigError` listing every problem as
`config.yaml:LINE: message`, with a "did you mean" hint for a misspelt key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.model import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_REPORTS,
    DEFAULT_MAX_SENTENCES,
    DEFAULT_MAX_SOURCE_BYTES,
    DEFAULT_MAX_WORDS,
    Limits,
)
from builder.load.yamlsafe import YamlError, load_yaml_node

from builder.clean.rules import RuleError, compile_rule, packaged_rule_ids


@dataclass(frozen=True, slots=True)
class Config:
    path: Path
    root: Path
    title: str
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    curator: str | None = None
    content_dir: Path = Path("content")
    layouts_dir: Path = Path("layouts")
    output_dir: Path = Path("site")
    cache_dir: Path | None = None  # None: .cache/builder/ beside config.yaml
    per_page: int = 20
    cname: str | None = None
    disable_rules: tuple[str, ...] = ()
    extra_rules: tuple[dict, ...] = ()
    max_source_bytes: int = DEFAULT_MAX_SOURCE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_sentences: int = DEFAULT_MAX_SENTENCES
    max_reports: int = DEFAULT_MAX_REPORTS
    max_words: int = DEFAULT_MAX_WORDS
    feed_items: int = 20  # stories in each feed (Atom and JSON Feed, site-wide and per tag)
    # Whether story.json lists what cleaning removed from each report, text included (the
    # checkers read it; a curator may not want other stories' headlines republished).
    publish_removed: bool = True

    @property
    def limits(self) -> Limits:
        """The caps, as the loading and cleaning stages take them."""
        return Limits(self.max_source_bytes, self.max_depth, self.max_sentences, self.max_reports,
                      self.max_words)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: '/' or '/repo/' (always slash-terminated)."""
        url = self.base_url
        if "://" in url:
            url = "/" + url.split("://", 1)[1].partition("/")[2]
        url = "/" + url.strip("/") + "/"
        return "/" if url == "//" else url

    @property
    def site_url(self) -> str | None:
        """The absolute site URL: base_url when it has a scheme and host; else, when a custom
        domain (`cname`) is configured, https://that.domain + the base path; else None (the
        site then links by path only, and the feed and sitemap say so: see render.py)."""
        if "://" in self.base_url:
            return self.base_url.rstrip("/") + "/"
        if self.cname:
            return f"https://{self.cname.strip().strip('/')}{self.base_path}"
        return None


class ConfigError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# key -> (types accepted, required)
SCHEMA: dict[str, tuple[tuple[type, ...], bool]] = {
    "title": ((str,), True),
    "description": ((str,), False),
    "base_url": ((str,), False),
    "language": ((str,), False),
    "curator": ((str,), False),
    "content_dir": ((str,), False),
    "layouts_dir": ((str,), False),
    "output_dir": ((str,), False),
    "cache_dir": ((str,), False),
    "per_page": ((int,), False),
    "feed_items": ((int,), False),
    "publish_removed": ((bool,), False),
    "cname": ((str,), False),
    "cleaning": ((dict,), False),
    "limits": ((dict,), False),
}
CLEANING_KEYS = {"disable": list, "rules": list}
LIMIT_KEYS = {"max_source_bytes": int, "max_depth": int, "max_sentences_per_report": int,
              "max_reports_per_story": int, "max_words_per_report": int}
MAX_PARSER_DEPTH = 2048  # libxml2's nesting limit with huge_tree (builder/load/htmlparse.py)


def load_config(path: Path) -> Config:
    """The config in `path`; raises ConfigError listing every problem (file:line: message)."""
    name = str(path)
    data, lines = _read_mapping(path)
    problems: list[str] = []

    def problem(key: str, message: str) -> None:
        problems.append(f"{name}:{lines.get(key, 1)}: {message}")

    _check_schema(data, name, problem, problems)
    _check_site(data, problem)
    cleaning = data.get("cleaning") if isinstance(data.get("cleaning"), dict) else {}
    limits = data.get("limits") if isinstance(data.get("limits"), dict) else {}
    disable, extra = _check_cleaning(cleaning, limits, problem)
    if problems:
        raise ConfigError(problems)
    root = path.parent.resolve()
    return Config(
        path=path,
        root=root,
        title=data["title"],
        description=data.get("description") or "",
        base_url=data.get("base_url") or "/",
        language=data.get("language") or "en",
        curator=data.get("curator"),
        content_dir=root / (data.get("content_dir") or "content"),
        layouts_dir=root / (data.get("layouts_dir") or "layouts"),
        output_dir=root / (data.get("output_dir") or "site"),
        cache_dir=root / data["cache_dir"] if data.get("cache_dir") else None,
        per_page=data.get("per_page") or 20,
        feed_items=data.get("feed_items") or 20,
        publish_removed=data.get("publish_removed") is not False,
        cname=data.get("cname"),
        disable_rules=disable,
        extra_rules=tuple(extra),
        max_source_bytes=limits.get("max_source_bytes", DEFAULT_MAX_SOURCE_BYTES),
        max_depth=limits.get("max_depth", DEFAULT_MAX_DEPTH),
        max_sentences=limits.get("max_sentences_per_report", DEFAULT_MAX_SENTENCES),
        max_reports=limits.get("max_reports_per_story", DEFAULT_MAX_REPORTS),
        max_words=limits.get("max_words_per_report", DEFAULT_MAX_WORDS),
    )


def _read_mapping(path: Path) -> tuple[dict, dict[str, int]]:
    """The YAML mapping in `path` and the line of each top-level key; ConfigError when it
    cannot be read or is not a mapping."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{name}: not found (run from the folder holding config.yaml, "
                           "or pass --config)"]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError([f"{name}: cannot read: {err}"]) from None
    try:
        # load_yaml_node bounds size, aliases and depth (PyYAML alone raises RecursionError
        # on a deep "[[[["), refuses duplicate keys, and gives the node tree for lines.
        data, node = load_yaml_node(text, name)
    except YamlError as err:
        where = f"{name}:{err.line}" if err.line else name
        raise ConfigError([f"{where}: not valid YAML: {err.message}"]) from None
    if not isinstance(data, dict):
        raise ConfigError([f"{name}:1: expected a mapping of settings (key: value)"])
    return data, _key_lines(node)


def _check_schema(
    data: dict, name: str, problem: Callable[[str, str], None], problems: list[str]
) -> None:
    """Unknown keys (with a "did you mean"), missing required ones, values of the wrong type."""
    for key in data:
        if key not in SCHEMA:
            hint = difflib.get_close_matches(str(key), SCHEMA, n=1)
            problem(str(key), f"unknown key {key!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    for key, (types, required) in SCHEMA.items():
        if key not in data or data[key] is None:
            if required:
                problems.append(f"{name}: missing required key {key!r}")
            continue
        if not isinstance(data[key], types) or (isinstance(data[key], bool) and bool not in types):
            problem(key, f"{key!r} must be {_type_name(types)}, not {type(data[key]).__name__}")


def _check_site(data: dict, problem: Callable[[str, str], None]) -> None:
    """per_page, feed_items, base_url and cname, when given with the right type."""
    for key in ("per_page", "feed_items"):
        if isinstance(data.get(key), int) and not isinstance(data[key], bool) and data[key] < 1:
            problem(key, f"{key!r} must be at least 1")
    base = data.get("base_url")
    if isinstance(base, str) and check_base_url(base):
        problem("base_url", f"'base_url' {check_base_url(base)}")
    cname = data.get("cname")
    if isinstance(cname, str) and not re.fullmatch(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", cname.strip().lower()):
        problem("cname", "'cname' must be a bare domain name such as news.example.org")


def _check_cleaning(
    cleaning: dict, limits: dict, problem: Callable[[str, str], None]
) -> tuple[tuple[str, ...], list]:
    """The cleaning and limits sections; gives the rule ids to disable and the curator's rules."""
    _check_section(cleaning, CLEANING_KEYS, "cleaning", problem)
    _check_section(limits, LIMIT_KEYS, "limits", problem)
    depth = limits.get("max_depth")
    if isinstance(depth, int) and depth > MAX_PARSER_DEPTH:
        problem("limits", f"limits.max_depth must be at most {MAX_PARSER_DEPTH} "
                "(the HTML parser cannot go deeper)")
    disable = tuple(str(x) for x in cleaning.get("disable") or [] if isinstance(cleaning.get("disable"), list))
    known = set(packaged_rule_ids())
    for rule_id in disable:
        if rule_id not in known:
            hint = difflib.get_close_matches(rule_id, known, n=1)
            problem("cleaning", f"cleaning.disable: no rule {rule_id!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    extra = cleaning.get("rules") if isinstance(cleaning.get("rules"), list) else []
    for raw in extra:
        if not isinstance(raw, dict):
            problem("cleaning", "cleaning.rules: each rule is a mapping with id, reason, why, pattern, example")
            continue
        try:
            rule = compile_rule(raw, "cleaning.rules")
            if not rule.matches(rule.example):
                problem("cleaning", f"cleaning.rules: rule {rule.id!r} does not match its own example")
        except RuleError as err:
            problem("cleaning", str(err))
    return disable, extra

def check_base_url(url: str) -> str | None:
    """What is wrong with a base URL, or None. Accepted: '/', '/path/', or http(s)://host/path/."""
    if any(ch.isspace() or ch in "\"'<>\\?#" for ch in url):
        return "must be a plain address: no spaces, quotes, backslashes, query or fragment"
    if url.startswith("/"):
        return "must start with a single / (a path), not //" if url.startswith("//") else None
    if not url.startswith(("http://", "https://")):
        return "must start with https://, http:// or /"
    host = url.split("://", 1)[1].partition("/")[0]
    if not host or host.startswith(("@", ":", ".")):
        return "must name a host after https://, e.g. https://USER.github.io/REPO/"
    return None


def _check_section(section: dict, keys: dict[str, type], title: str, problem: Any) -> None:
    for key, value in section.items():
        if key not in keys:
            hint = difflib.get_close_matches(str(key), keys, n=1)
            problem(title, f"unknown key {title}.{key}" + (f" (did you mean {title}.{hint[0]}?)" if hint else ""))
        elif not isinstance(value, keys[key]) or isinstance(value, bool):
            problem(title, f"{title}.{key} must be {_type_name((keys[key],))}")
        elif isinstance(value, int) and value < 1:
            problem(title, f"{title}.{key} must be positive")


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _type_name(types: tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", dict: "a mapping", list: "a list",
             bool: "true or false"}
    return " or ".join(names.get(t, t.__name__) for t in types)
