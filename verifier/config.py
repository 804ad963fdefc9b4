"""Configuration files: `verifier.toml` or `[tool.verifier]` in `pyproject.toml`.

The file is found by searching upward from the first path given (a `verifier.toml` wins over
a `pyproject.toml` in the same folder; a `pyproject.toml` without `[tool.verifier]` is passed
over). Every key is validated, and an error names the file and the key, so a typo never
silently falls back to a default. Command-line values override the file. Relative paths in
the file are relative to the file's folder.

    [tool.verifier]
    include = ["articles/**/*.md"]
    fail-on = ["misquoted", "not_found"]
    cassette = ".verifier/cassette.yaml"
    remap = [{ pattern = "^https://old\\.example\\.com/", replacement = "https://example.com/" }]

    [tool.verifier.thresholds]
    min-coverage = 0.6
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from verifier.errors import ConfigError, UsageError
from verifier.match.classify import DEFAULT_CONFIG
from verifier.models import Verdict
from verifier.options import RECORD_MODES, FetchOptions, Options
from verifier.safe_regex import regex_problem

CONFIG_NAME = "verifier.toml"
PYPROJECT = "pyproject.toml"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?\s*$")
_UNIT_SECONDS = {None: 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}


@dataclass(frozen=True, slots=True)
class Config:
    """What a configuration file said, validated, with where it came from."""

    path: Path | None  # None: no file was found
    options: Options = field(default_factory=Options)
    # Matcher thresholds by `MatchConfig` field name (only those the file sets).
    thresholds: Mapping[str, float | int] = field(default_factory=dict)


class _Where:
    """Names a key in a file for error messages: `pyproject.toml: [tool.verifier] key 'x'`."""

    def __init__(self, path: Path, table: str) -> None:
        self.path = path
        self.table = table

    def error(self, key: str, problem: str) -> ConfigError:
        table = f"[{self.table}] " if self.table else ""
        return ConfigError(f"{self.path}: {table}key '{key}': {problem}")


def _type_name(value: object) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array"}
    return names.get(type(value), "table" if isinstance(value, dict) else type(value).__name__)


def _got(value: object) -> str:
    return f"got {value!r} ({_type_name(value)})"


# --- value parsers: (where, key, value) -> parsed value, raising a ConfigError ----------


def _bool(where: _Where, key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise where.error(key, f"expected true or false, {_got(value)}")
    return value


def _int(minimum: int) -> Callable[[_Where, str, object], int]:
    def parse(where: _Where, key: str, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise where.error(key, f"expected an integer, {_got(value)}")
        if value < minimum:
            raise where.error(key, f"must be at least {minimum}, got {value}")
        return value

    return parse


def _seconds(where: _Where, key: str, value: object) -> float:
    """A number of seconds, or a duration such as "90s", "15m", "12h", "1d"."""
    if isinstance(value, bool):
        raise where.error(key, f"expected seconds or a duration like '12h', {_got(value)}")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        seconds = float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    else:
        raise where.error(key, f"expected seconds or a duration like '12h', {_got(value)}")
    if not math.isfinite(seconds):  # nan made every fetch time out at once
        raise where.error(key, f"must be a finite number of seconds, got {value!r}")
    if seconds < 0:
        raise where.error(key, f"must not be negative, got {value!r}")
    return seconds


def parse_duration(text: str) -> float:
    """Seconds from "90", "90s", "15m", "12h", "30d" or "2w"; ValueError otherwise."""
    m = _DURATION.match(text)
    if m is None:
        raise ValueError(f"expected a duration like 90s, 15m, 12h, 30d or 2w, got {text!r}")
    return float(m.group(1)) * _UNIT_SECONDS[m.group(2)]


def _str(where: _Where, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise where.error(key, f"expected a non-empty string, {_got(value)}")
    return value


def _globs(where: _Where, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):  # `include = "x"` read as one glob silently matched nothing
        raise where.error(key, f"expected an array of glob strings such as [{value!r}]")
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise where.error(key, f"expected an array of glob strings, {_got(value)}")
    return tuple(value)


def _path(where: _Where, key: str, value: object) -> Path:
    text = _str(where, key, value)
    path = Path(text).expanduser()
    return path if path.is_absolute() else where.path.parent / path


def _record_mode(where: _Where, key: str, value: object) -> str:
    text = _str(where, key, value)
    if text not in RECORD_MODES:
        raise where.error(key, f"expected one of {', '.join(RECORD_MODES)}, got {text!r}")
    return text


def parse_fail_on(value: object) -> frozenset[Verdict]:
    """`["misquoted", "not_found"]`, `"misquoted,not_found"` or `"none"` -> verdicts.

    Raises ValueError naming the unknown verdicts.
    """
    if isinstance(value, str):
        names = [n.strip() for n in value.split(",") if n.strip()]
    elif isinstance(value, list | tuple | set | frozenset) and all(
        isinstance(v, str | Verdict) for v in value
    ):
        names = [str(v).strip() for v in value]
    else:
        raise ValueError(f"expected verdict names or 'none', {_got(value)}")
    if names == ["none"] or not names:
        return frozenset()
    known = {v.value for v in Verdict}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValueError(
            f"unknown verdict {', '.join(map(repr, unknown))} "
            f"(use {', '.join(v.value for v in Verdict)}, or 'none')"
        )
    return frozenset(Verdict(n) for n in names)


def _fail_on(where: _Where, key: str, value: object) -> frozenset[Verdict]:
    try:
        return parse_fail_on(value)
    except ValueError as exc:
        raise where.error(key, str(exc)) from None


def _remap(where: _Where, key: str, value: object) -> tuple[tuple[str, str], ...]:
    """`[{pattern = "...", replacement = "..."}]` or `[["pattern", "replacement"]]`."""
    if not isinstance(value, list):
        raise where.error(
            key, f"expected an array of {{pattern, replacement}} tables, {_got(value)}"
        )
    rules: list[tuple[str, str]] = []
    for i, item in enumerate(value):
        label = f"{key}[{i}]"
        if isinstance(item, dict):
            extra = sorted(set(item) - {"pattern", "replacement"})
            if extra:
                raise where.error(label, f"unknown key {extra[0]!r} (use pattern, replacement)")
            pattern, replacement = item.get("pattern"), item.get("replacement")
        elif isinstance(item, list) and len(item) == 2:
            pattern, replacement = item
        else:
            raise where.error(label, f"expected {{pattern, replacement}}, {_got(item)}")
        if not isinstance(pattern, str) or not isinstance(replacement, str):
            raise where.error(label, "pattern and replacement must both be strings")
        try:
            re.compile(pattern).sub(replacement, "")  # a bad group reference fails here
        except (re.error, IndexError) as exc:
            raise where.error(label, f"invalid regular expression {pattern!r}: {exc}") from None
        problem = regex_problem(pattern)
        if problem is not None:  # it could hang the run on a long URL
            raise where.error(label, f"regular expression {pattern!r} refused: {problem}")
        rules.append((pattern, replacement))
    return tuple(rules)


def _paths(where: _Where, key: str, value: object) -> tuple[Path, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(key, f"expected an array of folder paths, {_got(value)}")
    return tuple(_path(where, key, v) for v in value)


def _url(where: _Where, key: str, value: object) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^/\s]+", value):
        raise where.error(key, f"expected an http(s) URL, {_got(value)}")
    return value


_ENV_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _secret(where: _Where, key: str, value: object) -> str:
    """A header or cookie value; `${NAME}` comes from the environment, so no secret is
    committed with the configuration."""
    text = _str(where, key, value)

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise where.error(key, f"environment variable {name} is not set")
        return os.environ[name]

    return _ENV_VAR.sub(expand, text)


def _by_host(
    where: _Where, key: str, value: object
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """`{"example.com" = {Name = "value"}}`: per host (and its subdomains), name = value."""
    if not isinstance(value, dict):
        raise where.error(key, f"expected a table of hosts, {_got(value)}")
    out = []
    for host, table in value.items():
        label = f"{key}.{host}"
        if not isinstance(table, dict) or not table:
            raise where.error(label, f"expected a table of names and values, {_got(table)}")
        pairs = tuple(
            (str(name), _secret(where, f"{label}.{name}", v)) for name, v in table.items()
        )
        out.append((host.lower().rstrip("."), pairs))
    return tuple(out)


def _regexes(where: _Where, key: str, value: object) -> tuple[str, ...]:
    patterns = _globs(where, key, value)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise where.error(key, f"invalid regular expression {pattern!r}: {exc}") from None
    return patterns


def _statuses(where: _Where, key: str, value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 599 for v in value
    ):
        raise where.error(key, f"expected an array of HTTP status codes, {_got(value)}")
    return tuple(value)


# key in the file -> (field of Options or FetchOptions, parser)
_Parser = Callable[[_Where, str, object], Any]
_OPTION_KEYS: dict[str, tuple[str, _Parser]] = {
    "include": ("include", _globs),
    "exclude": ("exclude", _globs),
    "gitignore": ("gitignore", _bool),
    "force-exclude": ("force_exclude", _bool),
    "fail-on": ("fail_on", _fail_on),
    "extract-only": ("extract_only", _bool),
    "semantic": ("semantic", _bool),
    "baseline": ("baseline", _path),
    "sources-index": ("sources_index", _path),
    "sources": ("sources", _paths),
    "web-search": ("web_search", _url),
    "allow-missing": ("allow_missing", _bool),
    "max-article-bytes": ("max_article_bytes", _int(1)),
    "extract-time-budget": ("extract_time_budget", _seconds),
}
_FETCH_KEYS: dict[str, tuple[str, _Parser]] = {
    "offline": ("offline", _bool),
    "cassette": ("cassette", _path),
    "store": ("store", _path),
    "max-age": ("max_age", _seconds),
    "record-mode": ("record_mode", _record_mode),
    "concurrency": ("concurrency", _int(1)),
    "per-host-concurrency": ("per_host_concurrency", _int(1)),
    "host-interval": ("host_interval", _seconds),
    "connect-timeout": ("connect_timeout", _seconds),
    "read-timeout": ("read_timeout", _seconds),
    "timeout": ("request_timeout", _seconds),
    "run-timeout": ("run_timeout", _seconds),
    "max-retries": ("max_retries", _int(0)),
    "retry-wait": ("retry_wait", _seconds),
    "max-retry-after": ("max_retry_after", _seconds),
    "max-redirects": ("max_redirects", _int(0)),
    "max-bytes": ("max_bytes", _int(1)),
    "user-agent": ("user_agent", _str),
    "allow-private-hosts": ("allow_private_hosts", _bool),
    "respect-robots": ("respect_robots", _bool),
    "archive": ("archive", _bool),
    "cache-dir": ("cache_dir", _path),
    "cache-max-age": ("cache_max_age", _seconds),
    "remap": ("remap", _remap),
    "headers": ("host_headers", _by_host),
    "cookies": ("host_cookies", _by_host),
    "exclude-urls": ("exclude_urls", _regexes),
    "accept": ("accept_statuses", _statuses),
}
TABLES = ("thresholds",)
KNOWN_KEYS: tuple[str, ...] = (*_OPTION_KEYS, *_FETCH_KEYS, *TABLES)

_OPTION_FIELDS = {f.name for f in dataclasses.fields(Options)} - {"fetch"}
_FETCH_FIELDS = {f.name for f in dataclasses.fields(FetchOptions)}


def _unknown(where: _Where, key: str, known: Sequence[str]) -> ConfigError:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return where.error(key, f"unknown key{hint}")


def _thresholds(where: _Where, value: object) -> dict[str, float | int]:
    from verifier.match import MatchConfig  # the matcher owns the names and defaults

    if not isinstance(value, dict):
        raise where.error("thresholds", f"expected a table, {_got(value)}")
    defaults = {f.name: f.default for f in dataclasses.fields(MatchConfig)}
    names = {name.replace("_", "-"): name for name in defaults}
    inner = _Where(where.path, f"{where.table}.thresholds" if where.table else "thresholds")
    out: dict[str, float | int] = {}
    for key, item in value.items():
        if key not in names:
            raise _unknown(inner, key, list(names))
        default = defaults[names[key]]
        if isinstance(default, int) and not isinstance(default, bool):
            out[names[key]] = _int(0)(inner, key, item)
        elif isinstance(item, bool) or not isinstance(item, int | float):
            raise inner.error(key, f"expected a number, {_got(item)}")
        elif not 0.0 <= float(item) <= 1.0:
            raise inner.error(key, f"must be between 0 and 1, got {item}")
        else:
            out[names[key]] = float(item)
    return out


def parse_table(
    table: Mapping[str, object], path: Path, table_name: str = ""
) -> tuple[dict[str, Any], dict[str, Any], dict[str, float | int]]:
    """Validate a configuration table: (Options fields, FetchOptions fields, thresholds)."""
    where = _Where(path, table_name)
    options: dict[str, Any] = {}
    fetch: dict[str, Any] = {}
    thresholds: dict[str, float | int] = {}
    for key, value in table.items():
        if key in _OPTION_KEYS:
            name, parse = _OPTION_KEYS[key]
            options[name] = parse(where, key, value)
        elif key in _FETCH_KEYS:
            name, parse = _FETCH_KEYS[key]
            fetch[name] = parse(where, key, value)
        elif key == "thresholds":
            thresholds = _thresholds(where, value)
        else:
            raise _unknown(where, key, KNOWN_KEYS)
    return options, fetch, thresholds


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _table_of(path: Path) -> tuple[Mapping[str, object] | None, str]:
    """The configuration table of a file, and its name for messages (None: not configured)."""
    data = _read_toml(path)
    if path.name != PYPROJECT:
        return data, ""
    tool = data.get("tool")
    if not isinstance(tool, dict) or "verifier" not in tool:
        return None, "tool.verifier"
    table = tool["verifier"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.verifier] must be a table, {_got(table)}")
    return table, "tool.verifier"


def find_config(paths: Sequence[Path]) -> Path | None:
    """The configuration file for a run: searched upward from the first path."""
    if not paths:
        return None
    start = paths[0].expanduser().absolute()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _table_of(pyproject)[0] is not None:
            return pyproject
    return None


def load_config(paths: Sequence[Path], *, config_file: Path | None = None) -> Config:
    """Find (or take) the configuration file and validate it."""
    path = config_file if config_file is not None else find_config(paths)
    if path is None:
        return Config(None)
    table, name = _table_of(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.verifier] table")
    options, fetch, thresholds = parse_table(table, path, name)
    match = dataclasses.replace(DEFAULT_CONFIG, **cast(dict[str, Any], thresholds))
    built = Options(fetch=FetchOptions(**fetch), match=match, **options)
    return Config(path, built, thresholds)


def apply_overrides(options: Options, overrides: Mapping[str, object]) -> Options:
    """Command-line values win over the file; keys are `Options`/`FetchOptions` field names."""
    top: dict[str, Any] = {}
    fetch: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        if key == "fail_on":
            try:
                value = value if isinstance(value, frozenset) else parse_fail_on(value)
            except ValueError as exc:
                raise UsageError(f"--fail-on: {exc}") from None
        if key == "record_mode" and value not in RECORD_MODES:
            raise UsageError(f"--record-mode: expected one of {', '.join(RECORD_MODES)}")
        if key in ("include", "exclude") and isinstance(value, list | tuple):
            value = tuple(value)
        paths = ("baseline", "cassette", "store", "cache_dir", "sources_index")
        if key in paths and isinstance(value, str):
            value = Path(value)
        if key in _OPTION_FIELDS:
            top[key] = value
        elif key in _FETCH_FIELDS:
            fetch[key] = value
        else:
            raise UsageError(f"unknown option {key!r}")
    return dataclasses.replace(options, fetch=dataclasses.replace(options.fetch, **fetch), **top)


def load_options(
    paths: Sequence[Path],
    overrides: Mapping[str, object],
    *,
    config_file: Path | None = None,
) -> Options:
    """Options for a run: defaults, then the configuration file, then the command line."""
    return apply_overrides(load_config(paths, config_file=config_file).options, overrides)
