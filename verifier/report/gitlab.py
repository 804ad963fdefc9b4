"""GitLab Code Quality: the JSON array a `codequality` report artifact holds.

GitLab shows each entry in the merge request's widget and diff at `location.path` and
`location.lines.begin`. The format is a subset of Code Climate's issue spec; the fields
GitLab reads are `description`, `check_name`, `fingerprint`, `severity` and `location`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from verifier.models import DEFAULT_FAIL_ON, Report, Verdict
from verifier.report._common import evidence_lines, message, repo_path
from verifier.report.github import annotation_kind
from verifier.report.json import sorted_documents, sorted_quotes
from verifier.report.sarif import RULE_ID

# GitLab's severities (info, minor, major, critical, blocker) from the annotation kinds.
SEVERITY = {"error": "major", "warning": "minor", "notice": "info"}
UNREADABLE_CHECK = "QV000"  # a document that could not be read at all


def fingerprint(*parts: str) -> str:
    """Stable across runs, so GitLab can tell new issues from fixed ones."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _issue(
    description: str, check: str, fp: str, severity: str, path: str, line: int
) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "fingerprint": fp,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": line}},
    }


def code_quality(report: Report, fail_on: frozenset[Verdict]) -> list[dict[str, Any]]:
    """One issue per quote worth a look and per unreadable document."""
    issues: list[dict[str, Any]] = []
    for document in sorted_documents(report):
        path = repo_path(document.path)
        if document.error:
            fp = fingerprint(path, "unreadable")
            issues.append(_issue(document.error, UNREADABLE_CHECK, fp, "major", path, 1))
        for q in sorted_quotes(document):
            kind = annotation_kind(q.verdict, fail_on)
            if kind is None:
                continue
            text = " ".join([message(q), *evidence_lines(q)])
            fp = fingerprint(path, q.id)
            issues.append(_issue(text, RULE_ID[q.verdict], fp, SEVERITY[kind], path, q.line))
    return issues


def format_gitlab(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """The report as a GitLab Code Quality JSON array (stale baseline entries have no line)."""
    return json.dumps(code_quality(report, fail_on), indent=2, ensure_ascii=False) + "\n"
