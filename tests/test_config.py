"""config.yaml: a declared schema, every problem at once with file:line."""

from __future__ import annotations

import pytest

from builder.config import ConfigError, load_config


def test_reads_a_good_config(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\nbase_url: https://u.github.io/repo/\n")
    config = load_config(tmp_path / "config.yaml")
    assert config.title == "T"
    assert config.base_path == "/repo/"
    assert config.site_url == "https://u.github.io/repo/"


def test_lists_every_problem_at_once_with_lines(tmp_path):
    (tmp_path / "config.yaml").write_text(
        "titel: T\nper_page: many\nbase_url: ftp://x\nlimits:\n  max_depht: 3\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "config.yaml")
    problems = caught.value.problems
    text = "\n".join(problems)
    assert "config.yaml:1: unknown key 'titel' (did you mean 'title'?)" in text
    assert "config.yaml:2:" in text and "per_page" in text
    assert "config.yaml:3:" in text and "base_url" in text
    assert "max_depht" in text and "did you mean limits.max_depth" in text
    assert "missing required key 'title'" in text
    assert len(problems) == 5


def test_yaml_syntax_error_names_the_line(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\ndescription: [unclosed\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "config.yaml")
    assert caught.value.problems[0].startswith(str(tmp_path / "config.yaml") + ":")


def test_a_disabled_rule_must_exist(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\ncleaning:\n  disable: [comments.promt]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "config.yaml")
    assert "did you mean 'comments.prompt'" in caught.value.problems[0]


def test_an_extra_rule_must_match_its_example(tmp_path):
    (tmp_path / "config.yaml").write_text(
        "title: T\ncleaning:\n  rules:\n    - {id: x.y, reason: boilerplate, why: w, pattern: '^abc$', example: xyz}\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "config.yaml")
    assert "does not match its own example" in caught.value.problems[0]


def test_limits_are_read_and_depth_is_bounded_by_the_parser(tmp_path):
    (tmp_path / "config.yaml").write_text(
        "title: T\nlimits:\n  max_source_bytes: 5000\n  max_depth: 64\n")
    limits = load_config(tmp_path / "config.yaml").limits
    assert (limits.max_source_bytes, limits.max_depth) == (5000, 64)
    (tmp_path / "config.yaml").write_text("title: T\nlimits:\n  max_depth: 100000\n")
    with pytest.raises(ConfigError, match="max_depth must be at most 2048"):
        load_config(tmp_path / "config.yaml")
