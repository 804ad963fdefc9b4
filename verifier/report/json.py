"""The JSON contract: the one machine-readable form of a `Report` (see `schema.json`).

Other tools and CI read it, so its shape only changes with `schema_version`. Output is
deterministic: documents sorted by path, quotes by position, keys in a fixed order, scores
rounded, so two runs over the same corpus and cassette give byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from verifier._version import __version__
from verifier.models import (
    DEFAULT_FAIL_ON,
    ArchiveCapture,
    CandidateOutcome,
    DiffOp,
    DocumentResult,
    EvidenceSummary,
    Meaning,
    Mention,
    QuoteResult,
    Report,
    SegmentMatch,
    SourceChange,
    SourceEvidence,
    Verdict,
)

SCHEMA_VERSION = 1
TOOL_NAME = "quote-verifier"


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the contract, shipped inside the package."""
    text = resources.files("verifier.report").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def sorted_documents(report: Report) -> list[DocumentResult]:
    """Documents in path order: every format lists them the same way."""
    return sorted(report.documents, key=lambda d: d.path)


def sorted_quotes(document: DocumentResult) -> list[QuoteResult]:
    """Quotes in reading order (position, then id for ties)."""
    return sorted(document.quotes, key=lambda q: (q.quote.start, q.quote.end, q.id))


def _score(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _mention(m: Mention | None) -> dict[str, Any] | None:
    return None if m is None else {"text": m.text, "start": m.start, "end": m.end}


def _archived(a: ArchiveCapture | None) -> dict[str, Any] | None:
    return None if a is None else {"url": a.url, "timestamp": a.timestamp}


def _source(s: SourceEvidence | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "url": s.url,
        "final_url": s.final_url,
        "passage": s.passage,
        "start": s.start,
        "end": s.end,
        "location": s.location,
        "archived": _archived(s.archived),
        "origin": s.origin,
    }


def _diff_op(op: DiffOp) -> dict[str, Any]:
    return {"op": op.op.value, "quote": op.quote, "source": op.source}


def _segment(s: SegmentMatch) -> dict[str, Any]:
    return {
        "text": s.text,
        "found": s.found,
        "start": s.start,
        "end": s.end,
        "score": _score(s.score),
        "passage": s.passage,
    }


def _candidate(c: CandidateOutcome) -> dict[str, Any]:
    return {
        "url": c.candidate.url,
        "reason": c.candidate.reason.value,
        "reason_code": c.candidate.reason.name.lower(),
        "detail": c.candidate.detail,
        "verdict": c.verdict.value,
        "outcome_reason": c.reason,
        "score": _score(c.score),
    }


def quote_to_dict(q: QuoteResult) -> dict[str, Any]:
    """One quote of the contract."""
    return {
        "id": q.id,
        "text": q.quote.text,
        "kind": q.quote.kind.value,
        "speaker": q.quote.speaker,
        "speaker_mention": _mention(q.quote.speaker_mention),
        "cue": _mention(q.quote.cue),
        "found_by": q.quote.found_by,
        "speaker_by": q.quote.speaker_by,
        "start": q.quote.start,
        "end": q.quote.end,
        "line": q.line,
        "column": q.column,
        "verdict": q.verdict.value,
        "reason": q.reason,
        "score": _score(q.score),
        "source": _source(q.source),
        "diff": [_diff_op(op) for op in q.diff],
        "segments": [_segment(s) for s in q.segments],
        "attribution": q.attribution,
        "candidates": [_candidate(c) for c in q.candidates],
        "meaning": _meaning(q.meaning),
        "source_changed": _change(q.source_changed),
    }


def _change(c: SourceChange | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "url": c.url,
        "since": c.since,
        "old_passage": c.old_passage,
        "new_passage": c.new_passage,
        "diff": [_diff_op(op) for op in c.diff],
    }


def _evidence(e: EvidenceSummary | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "store": e.store,
        "recorded": e.recorded,
        "replayed": e.replayed,
        "missing": e.missing,
        "refetched": e.refetched,
        "changed": e.changed,
        "errors": list(e.errors),
    }


def _meaning(m: Meaning | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"kind": m.kind.value, "basis": m.basis, "score": m.score, "words": list(m.words)}


def document_to_dict(d: DocumentResult) -> dict[str, Any]:
    """One document of the contract."""
    return {
        "path": d.path,
        "url": d.url,
        "title": d.title,
        "error": d.error,
        "notes": list(d.notes),
        "quotes": [quote_to_dict(q) for q in sorted_quotes(d)],
    }


def report_to_dict(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> dict[str, Any]:
    """The JSON contract for a report.

    `fail_on` is the run's policy (recorded so a reader knows what counted as a finding);
    `stale` lists baseline entries that no longer match any quote.
    """
    documents = sorted_documents(report)
    findings = report.findings(fail_on)
    return {
        "schema_version": report.schema_version,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "summary": report.summary(),
        "totals": {
            "documents": len(documents),
            "quotes": len(report.all_quotes()),
            "findings": len(findings),
            "errors": len(report.errors),
            "checked": len(report.checked()),
        },
        "evidence": _evidence(report.evidence),
        "policy": {"fail_on": sorted(v.value for v in fail_on)},
        "documents": [document_to_dict(d) for d in documents],
        "errors": [{"path": d.path, "error": d.error} for d in documents if d.error],
        "baseline": {"stale": sorted(stale)},
    }


def format_json(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """The contract as text: two-space indent, UTF-8 characters kept, trailing newline."""
    data = report_to_dict(report, fail_on=fail_on, stale=stale)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
