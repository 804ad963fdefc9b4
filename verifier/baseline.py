"""Baselines: findings an editor has accepted, each with the reason, kept in a reviewed file.

`verify --write-baseline FILE` records the current findings; later runs with `--baseline FILE`
report those quotes as `ignored` (reason "baseline: <reason>"), so only new findings fail CI.
An entry matches a quote of the same document with the same verdict, by the quote's stable
id or, failing that, by its words (so moving a paragraph does not break the match). An entry
that matches nothing any more is *stale*: the quote was fixed or removed, and the entry
should go.

The file is JSON, sorted, one entry per accepted finding:

    {"schema_version": 1, "entries": [
      {"path": "a.md", "id": "…", "verdict": "misquoted", "quote": "…", "line": 3,
       "reason": "the source corrected itself; we quote the original"}]}
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from verifier.errors import ConfigError
from verifier.models import DEFAULT_FAIL_ON, DocumentResult, QuoteResult, Report, Verdict

BASELINE_VERSION = 1
DEFAULT_REASON = "accepted when the baseline was written"
REASON_PREFIX = "baseline: "


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding."""

    path: str
    id: str
    verdict: Verdict
    quote: str
    line: int
    reason: str

    def describe(self) -> str:
        """How a stale entry is reported."""
        words = _shorten(self.quote)
        return f"{self.path}:{self.line}: “{words}” ({self.verdict.value}, id {self.id})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "verdict": self.verdict.value,
            "quote": self.quote,
            "line": self.line,
            "reason": self.reason,
        }


def _shorten(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _norm_path(path: str) -> str:
    return PurePath(path).as_posix().removeprefix("./")


def _norm_words(text: str) -> str:
    return " ".join(text.casefold().split())


def read_baseline(path: Path) -> list[Entry]:
    """Parse a baseline file; every problem is a ConfigError naming the file (and entry)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid baseline JSON: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the baseline is not UTF-8 (byte {exc.start})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ConfigError(f"{path}: a baseline is an object with an 'entries' array")
    if data.get("schema_version") != BASELINE_VERSION:
        raise ConfigError(
            f"{path}: baseline schema_version {data.get('schema_version')!r} "
            f"is not supported (expected {BASELINE_VERSION})"
        )
    entries = []
    for i, item in enumerate(data["entries"]):
        where = f"{path}: entries[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected an object")
        for key, kind in (("path", str), ("id", str), ("verdict", str), ("quote", str)):
            if not isinstance(item.get(key), kind):
                raise ConfigError(f"{where}: key '{key}' must be a string")
        reason = item.get("reason", "")
        if not isinstance(reason, str):
            raise ConfigError(f"{where}: key 'reason' must be a string")
        line = item.get("line", 0)
        if isinstance(line, bool) or not isinstance(line, int):
            raise ConfigError(f"{where}: key 'line' must be an integer")
        try:
            verdict = Verdict(item["verdict"])
        except ValueError:
            raise ConfigError(f"{where}: unknown verdict {item['verdict']!r}") from None
        entries.append(
            Entry(_norm_path(item["path"]), item["id"], verdict, item["quote"], line, reason)
        )
    return entries


def _dump(entries: Iterable[Entry]) -> str:
    ordered = sorted(entries, key=lambda e: (e.path, e.line, e.id))
    data = {"schema_version": BASELINE_VERSION, "entries": [e.to_dict() for e in ordered]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _match(
    entries: list[Entry], path: str, q: QuoteResult, verdict: Verdict, used: set[int]
) -> int | None:
    """Index of the entry accepting this quote: same id first, then the same words."""
    for by_id in (True, False):
        for i, e in enumerate(entries):
            if i in used or e.path != path or e.verdict is not verdict:
                continue
            if (e.id == q.id) if by_id else (_norm_words(e.quote) == _norm_words(q.quote.text)):
                return i
    return None


def apply_baseline(report: Report, path: Path) -> tuple[Report, list[str]]:
    """Mark accepted findings `ignored` (with the entry's reason); list the stale entries."""
    baseline = Baseline(read_baseline(path))
    documents = tuple(baseline.apply(document) for document in report.documents)
    return dataclasses.replace(report, documents=documents), baseline.stale()


class Baseline:
    """A baseline applied one document at a time, as a run's results stream in.

    Entries match within their own document, so applying it document by document (in any
    order, from any shard) gives what applying it to the whole report gives; only the stale
    entries need the whole run, and `stale` is asked for once, at the end.
    """

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._used: set[int] = set()
        self._by_path: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            self._by_path.setdefault(entry.path, []).append(i)

    def apply(self, document: DocumentResult) -> DocumentResult:
        """The document with its accepted findings marked `ignored`."""
        doc_path = _norm_path(document.path)
        indexes = self._by_path.get(doc_path)
        if not indexes:
            return document
        entries = [self.entries[i] for i in indexes]
        used = {k for k, i in enumerate(indexes) if i in self._used}
        quotes = []
        for q in document.quotes:
            k = _match(entries, doc_path, q, q.verdict, used)
            if k is None or q.verdict is Verdict.IGNORED:
                quotes.append(q)
                continue
            used.add(k)
            reason = REASON_PREFIX + (entries[k].reason or DEFAULT_REASON)
            quotes.append(dataclasses.replace(q, verdict=Verdict.IGNORED, reason=reason))
        self._used.update(indexes[k] for k in used)
        return dataclasses.replace(document, quotes=tuple(quotes))

    def stale(self) -> list[str]:
        """Entries no document matched, sorted."""
        return sorted(e.describe() for i, e in enumerate(self.entries) if i not in self._used)


def write_baseline(
    report: Report,
    path: Path,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    reason: str = DEFAULT_REASON,
) -> int:
    """Record every finding of the report as accepted; returns how many entries were written.

    When `path` already exists, entries still in force keep their reasons (a quote the old
    baseline had ignored stays accepted); stale ones are dropped.
    """
    previous = read_baseline(path) if path.exists() else []
    used: set[int] = set()
    entries: list[Entry] = []
    for document in report.documents:
        doc_path = _norm_path(document.path)
        for q in document.quotes:
            kept = q.verdict is Verdict.IGNORED and (q.reason or "").startswith(REASON_PREFIX)
            if q.verdict not in fail_on and not kept:
                continue
            if kept:
                # Ignored through the old baseline: find the entry whatever its verdict.
                index = next(
                    (
                        i
                        for i, e in enumerate(previous)
                        if i not in used
                        and e.path == doc_path
                        and (e.id == q.id or _norm_words(e.quote) == _norm_words(q.quote.text))
                    ),
                    None,
                )
            else:
                index = _match(previous, doc_path, q, q.verdict, used)
            if index is not None:
                used.add(index)
                old = previous[index]
                entries.append(dataclasses.replace(old, id=q.id, line=q.line, quote=q.quote.text))
            elif not kept:
                entries.append(Entry(doc_path, q.id, q.verdict, q.quote.text, q.line, reason))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dump(entries), encoding="utf-8")
    return len(entries)
