"""reviewdog's Diagnostic Format (rdjson), so `reviewdog -f=rdjson` comments on the quote.

One `DiagnosticResult` object: the tool as `source`, one diagnostic per quote worth a look,
its rule code (the SARIF rule id), and the source's words and the diff in the message.
No `suggestions`: a quote is corrected by an editor, not replaced blindly. Columns are
the quote's column in characters; reviewdog counts UTF-8 bytes, which differ only where
non-ASCII text precedes the quote on its line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from verifier.models import DEFAULT_FAIL_ON, Report, Verdict
from verifier.report._common import evidence_lines, message, repo_path
from verifier.report.github import annotation_kind
from verifier.report.json import TOOL_NAME, sorted_documents, sorted_quotes
from verifier.report.sarif import INFORMATION_URI, RULE_ID

SEVERITY = {"error": "ERROR", "warning": "WARNING", "notice": "INFO"}
RULES_URL = INFORMATION_URI + "/blob/main/docs/output.md#verdicts"


def _diagnostic(
    text: str, path: str, line: int, column: int, severity: str, code: str
) -> dict[str, Any]:
    return {
        "message": text,
        "location": {"path": path, "range": {"start": {"line": line, "column": column}}},
        "severity": severity,
        "code": {"value": code, "url": RULES_URL},
    }


def diagnostic_result(report: Report, fail_on: frozenset[Verdict]) -> dict[str, Any]:
    """The rdjson document as a dict (see `format_rdjson`)."""
    diagnostics: list[dict[str, Any]] = []
    for document in sorted_documents(report):
        path = repo_path(document.path)
        if document.error:
            diagnostics.append(_diagnostic(document.error, path, 1, 1, "ERROR", "QV000"))
        for q in sorted_quotes(document):
            kind = annotation_kind(q.verdict, fail_on)
            if kind is None:
                continue
            text = "\n".join([message(q), *evidence_lines(q)])
            code = RULE_ID[q.verdict]
            diagnostics.append(_diagnostic(text, path, q.line, q.column, SEVERITY[kind], code))
    worst = next(
        (s for s in SEVERITY.values() if any(d["severity"] == s for d in diagnostics)), None
    )
    result: dict[str, Any] = {
        "source": {"name": TOOL_NAME, "url": INFORMATION_URI},
        "diagnostics": diagnostics,
    }
    if worst is not None:
        result["severity"] = worst
    return result


def format_rdjson(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """The report in reviewdog's rdjson format (JSON text)."""
    return json.dumps(diagnostic_result(report, fail_on), indent=2, ensure_ascii=False) + "\n"
