"""JSON Lines: the report as a stream, one record a line, written as shards finish.

Each document gives a `document` record, then one `quote` record per quote (the quote
objects of the JSON contract, with the document's path); the run ends with one `summary`
record. Documents come in the order their shards finish (plan order in one process), so a
reader that needs an order sorts by `path`. Memory stays flat in corpus size: nothing is
held back until the end but the counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from verifier._version import __version__
from verifier.models import DEFAULT_FAIL_ON, DocumentResult, Report, Verdict
from verifier.report.json import TOOL_NAME, quote_to_dict, sorted_quotes


def _line(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def document_lines(document: DocumentResult) -> Iterator[str]:
    """The records of one document: itself, then its quotes in reading order."""
    quotes = sorted_quotes(document)
    yield _line(
        {
            "record": "document",
            "path": document.path,
            "url": document.url,
            "title": document.title,
            "error": document.error,
            "notes": list(document.notes),
            "quotes": len(quotes),
        }
    )
    for quote in quotes:
        yield _line({"record": "quote", "path": document.path, **quote_to_dict(quote)})


def summary_line(
    counts: Mapping[Verdict, int],
    *,
    documents: int,
    errors: int,
    fail_on: frozenset[Verdict],
    stale: Sequence[str],
) -> str:
    """The closing record: what the run found, under which policy."""
    summary = {v.value: counts.get(v, 0) for v in Verdict}
    return _line(
        {
            "record": "summary",
            "tool": {"name": TOOL_NAME, "version": __version__},
            "summary": summary,
            "totals": {
                "documents": documents,
                "quotes": sum(summary.values()),
                "findings": sum(counts.get(v, 0) for v in fail_on),
                "errors": errors,
            },
            "policy": {"fail_on": sorted(v.value for v in fail_on)},
            "baseline": {"stale": sorted(stale)},
        }
    )


def format_jsonl(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """A whole report as JSON Lines (what a streamed run writes, in plan order)."""
    lines = [line for document in report.documents for line in document_lines(document)]
    counts = {Verdict(name): n for name, n in report.summary().items()}
    lines.append(
        summary_line(
            counts,
            documents=len(report.documents),
            errors=len(report.errors),
            fail_on=fail_on,
            stale=stale,
        )
    )
    return "".join(lines)
