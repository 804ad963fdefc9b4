"""Configuration values that used to be accepted and break a run (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.config import load_options
from verifier.errors import ConfigError, UsageError
from verifier.pipeline import verify_paths
from verifier.safe_regex import regex_problem


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+$", r"(\w+\s?)*$", r"(a|a)*$", r"(a|ab)*c", r"(.*)*x", "x" * 501],
)
def test_patterns_that_backtrack_catastrophically_are_refused(pattern: str) -> None:
    assert regex_problem(pattern) is not None


@pytest.mark.parametrize(
    "pattern",
    [
        r"^https://old\.example\.com/",
        r"^http://(www\.)?example\.org/(.*)$",
        r"^https?://web\.archive\.org/web/\d+/",
        r"^(https?)://m\.(.+)$",
        r"(?:x|y)+",
    ],
)
def test_ordinary_url_rewrites_are_allowed(pattern: str) -> None:
    assert regex_problem(pattern) is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('remap = [{ pattern = "(a+)+$", replacement = "x" }]', "refused: a repeated group"),
        ("timeout = nan", "must be a finite number"),
        ("host-interval = inf", "must be a finite number"),
        ('include = "notalist"', "expected an array of glob strings"),
    ],
)
def test_bad_values_name_the_file_and_key(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "verifier.toml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_options([tmp_path], {})
    assert "verifier.toml" in str(info.value)


def test_include_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("“Words here,” he said.\n", encoding="utf-8")
    (tmp_path / "verifier.toml").write_text('include = ["notalist"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match="matched no article"):
        verify_paths([tmp_path], offline=True)
