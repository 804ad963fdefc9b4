"""Front matter: the YAML block at the top of a Markdown article, read and checked.

The keys the verifier acts on are checked here, once, so that a typo never becomes a
source: `url` (the article's own address; the corpus offers it to other articles' quotes)
and `sources` must be absolute http(s) URLs, `date` a date. A value that fails is left out
with a note naming its line; the article itself is still checked.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

import yaml

from verifier.errors import InputError
from verifier.models import is_web_url

FIRST_LINE = 2  # the block starts on the line after the opening `---`


def read_front_matter(content: str, path: str) -> tuple[dict[str, Any], list[str]]:
    """The front matter's keys, with the checked ones cleaned, and a note per value left out.

    Raises InputError (naming the file and line) when the block is not YAML or not a mapping.
    """
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + FIRST_LINE}" if mark is not None else ""
        raise InputError(f"{path}{where}: invalid YAML front matter: {exc}") from exc
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        raise InputError(f"{path}, line 2: front matter must be a mapping of keys to values")
    metadata = {str(k): v for k, v in data.items()}
    notes: list[str] = []
    for key, check in _CHECKS.items():
        if key not in metadata:
            continue
        kept, problem = check(metadata[key], metadata)
        if problem:
            notes.append(f"front matter `{key}` (line {_line_of(content, key)}): {problem}")
        if kept is None:
            del metadata[key]
        else:
            metadata[key] = kept
    return metadata, notes


def _check_url(value: object, metadata: dict[str, Any]) -> tuple[object | None, str | None]:
    if is_web_url(value):
        return str(value).strip(), None
    return None, f"{value!r} is not an absolute http(s) URL; left out"


def _check_sources(value: object, metadata: dict[str, Any]) -> tuple[object | None, str | None]:
    """Each entry a URL or `{url: …}`; a relative one is read against the article's `url`."""
    base = metadata.get("url")
    entries = value if isinstance(value, list) else [value]
    kept: list[object] = []
    bad: list[object] = []
    for entry in entries:
        url = entry.get("url") if isinstance(entry, dict) else entry
        fine = is_web_url(url) or (is_web_url(base) and _is_relative(url))
        (kept if fine else bad).append(entry)
    if not bad:
        return value, None
    shown = ", ".join(repr(b) for b in bad[:3]) + (" …" if len(bad) > 3 else "")
    problem = f"not an http(s) URL, left out: {shown}"
    return (kept or None), problem


def _is_relative(value: object) -> bool:
    """A path like `/reports/2024.pdf`: no scheme, no host."""
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc


def _check_date(value: object, metadata: dict[str, Any]) -> tuple[object | None, str | None]:
    # Any text is kept: the archive fallback reads ISO and written dates ("April 15, 2023").
    if isinstance(value, (dt.date, dt.datetime, str)):
        return value, None
    return None, f"{value!r} is not a date (write it as 2024-05-31); left out"


# In this order: `sources` is read against the `url` that passed.
_CHECKS = {"url": _check_url, "sources": _check_sources, "date": _check_date}


def _line_of(content: str, key: str) -> int:
    """The file line of `key:` at the block's top level (its first line if not found)."""
    pattern = re.compile(rf"^['\"]?{re.escape(key)}['\"]?\s*:", re.MULTILINE)
    found = pattern.search(content)
    return content.count("\n", 0, found.start()) + FIRST_LINE if found else FIRST_LINE
