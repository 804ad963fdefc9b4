"""Configuration: discovery, validation with named file and key, command-line overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.config import find_config, load_config, load_options
from verifier.errors import ConfigError, UsageError
from verifier.models import DEFAULT_FAIL_ON, Verdict
from verifier.options import FetchOptions, Options

FULL = """
[tool.verifier]
include = ["articles/**/*.md"]
exclude = ["articles/drafts/**"]
fail-on = ["misquoted", "not_found", "unverifiable"]
extract-only = false
baseline = "quotes-baseline.json"
offline = true
cassette = ".verifier/cassette.yaml"
record-mode = "new_episodes"
concurrency = 16
per-host-concurrency = 2
host-interval = 0.5
connect-timeout = 5
read-timeout = "30s"
timeout = "1m"
run-timeout = "1h"
max-retries = 0
retry-wait = 2.5
max-retry-after = 30
max-redirects = 5
max-bytes = 1000000
user-agent = "newsroom-bot/1.0"
allow-private-hosts = true
respect-robots = true
archive = false
cache-dir = "/var/cache/verifier"
cache-max-age = "12h"
remap = [
  { pattern = "^https://old\\\\.example\\\\.com/(.*)$", replacement = "https://example.com/\\\\1" },
  ["^http://", "https://"],
]

[tool.verifier.thresholds]
min-coverage = 0.7
min-run = 5
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_reaches_its_option(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", FULL)
    corpus = tmp_path / "articles"
    corpus.mkdir()
    config = load_config([corpus])
    assert config.path == tmp_path / "pyproject.toml"
    o = config.options
    assert o.include == ("articles/**/*.md",)
    assert o.exclude == ("articles/drafts/**",)
    assert o.fail_on == {Verdict.MISQUOTED, Verdict.NOT_FOUND, Verdict.UNVERIFIABLE}
    assert o.baseline == tmp_path / "quotes-baseline.json"
    f = o.fetch
    assert f.offline is True
    assert f.cassette == tmp_path / ".verifier" / "cassette.yaml"
    assert f.record_mode == "new_episodes"
    assert (f.concurrency, f.per_host_concurrency, f.host_interval) == (16, 2, 0.5)
    assert (f.connect_timeout, f.read_timeout, f.request_timeout, f.run_timeout) == (
        5.0,
        30.0,
        60.0,
        3600.0,
    )
    assert (f.max_retries, f.retry_wait, f.max_retry_after, f.max_redirects) == (0, 2.5, 30.0, 5)
    assert f.max_bytes == 1_000_000
    assert f.user_agent == "newsroom-bot/1.0"
    assert (f.allow_private_hosts, f.respect_robots, f.archive) == (True, True, False)
    assert f.cache_dir == Path("/var/cache/verifier")
    assert f.cache_max_age == 12 * 3600
    assert f.remap == (
        ("^https://old\\.example\\.com/(.*)$", "https://example.com/\\1"),
        ("^http://", "https://"),
    )
    assert config.thresholds == {"min_coverage": 0.7, "min_run": 5}


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert find_config([corpus]) is None  # nothing up to / (tmp folders hold none)
    config = load_config([corpus])
    assert config.path is None
    assert config.options == Options()
    assert load_options([corpus], {"concurrency": 3}).fetch.concurrency == 3


def test_discovery_searches_upward_and_prefers_verifier_toml(tmp_path: Path) -> None:
    deep = tmp_path / "news" / "2024" / "feb"
    deep.mkdir(parents=True)
    article = _write(deep, "a.md", "# A\n")
    _write(tmp_path, "pyproject.toml", "[tool.verifier]\nconcurrency = 3\n")
    assert find_config([article]) == tmp_path / "pyproject.toml"
    _write(tmp_path / "news", "pyproject.toml", '[project]\nname = "x"\n')  # not configured
    assert find_config([article]) == tmp_path / "pyproject.toml"
    _write(tmp_path / "news", "verifier.toml", "concurrency = 7\n")
    assert find_config([deep]) == tmp_path / "news" / "verifier.toml"
    assert load_options([deep], {}).fetch.concurrency == 7
    _write(tmp_path / "news", "pyproject.toml", "[tool.verifier]\nconcurrency = 9\n")
    assert load_options([deep], {}).fetch.concurrency == 7  # verifier.toml wins


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    _write(tmp_path, "verifier.toml", 'fail-on = "none"\nconcurrency = 8\nrecord-mode = "all"\n')
    options = load_options(
        [tmp_path],
        {
            "concurrency": 2,
            "fail_on": ["misquoted"],
            "offline": True,
            "cassette": "c.yaml",
            "include": ["*.md"],
            "user_agent": None,
        },
    )
    assert options.fetch.concurrency == 2
    assert options.fail_on == {Verdict.MISQUOTED}
    assert options.fetch.offline is True
    assert options.fetch.cassette == Path("c.yaml")
    assert options.fetch.record_mode == "all"  # from the file
    assert options.include == ("*.md",)
    assert options.fetch.user_agent == FetchOptions().user_agent  # None: not given
    assert load_options([tmp_path], {}).fail_on == frozenset()
    frozen = frozenset({Verdict.NOT_FOUND})
    assert load_options([tmp_path], {"fail_on": frozen}).fail_on == frozen


def test_explicit_config_file(tmp_path: Path) -> None:
    cfg = _write(tmp_path / "elsewhere", "ci.toml", "max-retries = 1\n")
    assert load_options([tmp_path], {}, config_file=cfg).fetch.max_retries == 1
    bare = _write(tmp_path / "elsewhere", "pyproject.toml", "[project]\nname='x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool\.verifier\] table"):
        load_options([tmp_path], {}, config_file=bare)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("concurency = 4", "key 'concurency': unknown key (did you mean 'concurrency'?)"),
        ('concurrency = "4"', "key 'concurrency': expected an integer, got '4' (string)"),
        ("concurrency = 0", "key 'concurrency': must be at least 1, got 0"),
        ("concurrency = true", "key 'concurrency': expected an integer, got True (boolean)"),
        ('offline = "yes"', "key 'offline': expected true or false, got 'yes' (string)"),
        ('record-mode = "sometimes"', "key 'record-mode': expected one of none, once"),
        ('fail-on = ["misquote"]', "key 'fail-on': unknown verdict 'misquote'"),
        ("fail-on = 3", "key 'fail-on': expected verdict names or 'none'"),
        ('timeout = "soon"', "key 'timeout': expected seconds or a duration like '12h'"),
        ("timeout = -1", "key 'timeout': must not be negative"),
        ("include = [1]", "key 'include': expected an array of glob strings"),
        ('remap = [{ pattern = "(", replacement = "x" }]', "key 'remap[0]': invalid regular"),
        ('remap = [{ pattern = "a", replacement = "\\\\2" }]', "key 'remap[0]': invalid regular"),
        ('remap = [{ pattern = "a", with = "b" }]', "key 'remap[0]': unknown key 'with'"),
        ('remap = ["a"]', "key 'remap[0]': expected {pattern, replacement}"),
        ("user-agent = ''", "key 'user-agent': expected a non-empty string"),
        ("[thresholds]\nmin-coverag = 0.5", "[thresholds] key 'min-coverag': unknown key"),
        ("[thresholds]\nmin-coverage = 2", "key 'min-coverage': must be between 0 and 1"),
        ('[thresholds]\nmin-run = "4"', "key 'min-run': expected an integer"),
        ("thresholds = 1", "key 'thresholds': expected a table"),
    ],
)
def test_errors_name_the_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, "verifier.toml", body + "\n")
    with pytest.raises(ConfigError) as info:
        load_options([tmp_path], {})
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_pyproject_errors_name_the_table(tmp_path: Path) -> None:
    path = _write(tmp_path, "pyproject.toml", "[tool.verifier]\ncache-max-age = []\n")
    with pytest.raises(ConfigError) as info:
        load_options([tmp_path], {})
    assert str(info.value).startswith(f"{path}: [tool.verifier] key 'cache-max-age': ")
    _write(tmp_path, "pyproject.toml", "[tool.verifier.thresholds]\nnope = 1\n")
    with pytest.raises(ConfigError, match=r"\[tool.verifier.thresholds\] key 'nope'"):
        load_options([tmp_path], {})


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "verifier.toml", "concurrency = = 3\n")
    with pytest.raises(ConfigError, match=f"^{path}: invalid TOML"):
        load_options([tmp_path], {})


def test_bad_overrides_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "verifier.toml").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="unknown option 'colour'"):
        load_options([tmp_path], {"colour": True})
    with pytest.raises(UsageError, match="--fail-on: unknown verdict 'wrong'"):
        load_options([tmp_path], {"fail_on": "wrong"})
    with pytest.raises(UsageError, match="--record-mode"):
        load_options([tmp_path], {"record_mode": "sometimes"})
    assert load_options([tmp_path], {"fail_on": "none"}).fail_on == frozenset()
    assert load_options([tmp_path], {}).fail_on == DEFAULT_FAIL_ON


def test_thresholds_reach_the_matcher_options(tmp_path: Path) -> None:
    (tmp_path / "verifier.toml").write_text("[thresholds]\nmin-coverage = 0.9\nmin-run = 4\n")
    options = load_options([tmp_path], {})
    assert options.match.min_coverage == 0.9
    assert options.match.min_run == 4
