"""SARIF 2.1.0, so code-review tools (GitHub code scanning, IDEs) annotate the quote's line.

One rule per verdict kind; one result per quote that is not `verified`, at the file, line
and column of the quote's first word. The level follows the policy: a verdict in `fail_on`
is an `error`. Ignored quotes are results with a `suppressions` entry, as SARIF intends,
so a viewer can still show what was accepted and why.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from verifier._version import __version__
from verifier.models import DEFAULT_FAIL_ON, QuoteResult, Report, Verdict
from verifier.report._common import (
    VERDICT_LABEL,
    VERDICT_MEANING,
    evidence_lines,
    message,
    repo_path,
    speaker_of,
)
from verifier.report.json import TOOL_NAME, sorted_documents, sorted_quotes

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/quote-verifier/verifier"

# Rule ids follow the linters' convention (a short prefix and a number, as ruff's E501);
# they are stable: code-scanning history keys on them. The rule's `name` is the verdict.
RULE_ID: dict[Verdict, str] = {
    Verdict.MISQUOTED: "QV001",
    Verdict.NOT_FOUND: "QV002",
    Verdict.UNVERIFIABLE: "QV003",
    Verdict.MINOR_DIFFERENCE: "QV004",
    Verdict.IGNORED: "QV005",
    Verdict.VERIFIED: "QV006",
}

# What an editor should do about each verdict: the rule's `help`, shown by code scanning.
RULE_HELP: dict[Verdict, str] = {
    Verdict.MISQUOTED: "The closest passage in the source differs in substance (other words, a "
    "number, a negation, a dropped clause). Compare the quote with the source's words in the "
    "diff and correct the quote, or quote the source exactly.",
    Verdict.NOT_FOUND: "The linked source was read but nothing close enough to the quote is in "
    "it. Check that the link points to the right page, or link the source the words come from.",
    Verdict.UNVERIFIABLE: "The quote could not be checked; the reason says why (no source "
    "linked, the page is dead, blocked, paywalled, or not recorded for an offline run). Link "
    "a readable source, or record it with --record-mode.",
    Verdict.MINOR_DIFFERENCE: "The words were found with small differences that do not change "
    "the meaning (punctuation, an article, a spelling variant). Usually nothing to do.",
    Verdict.IGNORED: "Suppressed by a verify-ignore comment, the configuration or a baseline "
    "entry. Remove the suppression to check the quote again.",
    Verdict.VERIFIED: "The quote's words are in the source; only typography differs.",
}
RULE_ORDER: tuple[Verdict, ...] = tuple(RULE_ID)

# Level when the verdict is not in the fail-on policy.
_LEVEL_OUTSIDE_POLICY: dict[Verdict, str] = {
    Verdict.MISQUOTED: "warning",
    Verdict.NOT_FOUND: "warning",
    Verdict.UNVERIFIABLE: "note",
    Verdict.MINOR_DIFFERENCE: "note",
    Verdict.IGNORED: "none",
    Verdict.VERIFIED: "none",
}


_PROBLEM_SEVERITY = {
    "error": "error",
    "warning": "warning",
    "note": "recommendation",
    "none": "recommendation",
}


def level(verdict: Verdict, fail_on: frozenset[Verdict]) -> str:
    """SARIF level of a verdict under a policy."""
    return "error" if verdict in fail_on else _LEVEL_OUTSIDE_POLICY[verdict]


def _rule(verdict: Verdict, fail_on: frozenset[Verdict]) -> dict[str, Any]:
    name = verdict.value.replace("_", "-")
    return {
        "id": RULE_ID[verdict],
        "name": name,
        "shortDescription": {"text": f"Quote {VERDICT_LABEL[verdict]}"},
        "fullDescription": {"text": VERDICT_MEANING[verdict].capitalize() + "."},
        "defaultConfiguration": {"level": level(verdict, fail_on)},
        "help": {
            "text": RULE_HELP[verdict],
            "markdown": f"**Quote {VERDICT_LABEL[verdict]}**: {RULE_HELP[verdict]}",
        },
        "helpUri": INFORMATION_URI + "/blob/main/docs/output.md#verdicts",
        # GitHub code scanning reads these: the alert's severity and filter tags
        "properties": {
            "verdict": verdict.value,
            "tags": ["quotation", "editorial"],
            "precision": "high" if verdict is Verdict.MISQUOTED else "medium",
            "problem.severity": _PROBLEM_SEVERITY[level(verdict, fail_on)],
        },
    }


def _result(path: str, q: QuoteResult, fail_on: frozenset[Verdict]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": RULE_ID[q.verdict],
        "ruleIndex": RULE_ORDER.index(q.verdict),
        "level": level(q.verdict, fail_on),
        "message": {"text": "\n".join([message(q), *evidence_lines(q)])},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": q.line,
                        "startColumn": q.column,
                        "snippet": {"text": q.quote.text},
                    },
                }
            }
        ],
        "partialFingerprints": {"quoteId/v1": q.id},
        "properties": {
            "verdict": q.verdict.value,
            "reason": q.reason,
            "score": None if q.score is None else round(q.score, 4),
            "speaker": speaker_of(q),
            "sourceUrl": q.source.final_url if q.source else None,
            "sourcePassage": q.source.passage if q.source else None,
            "archivedUrl": q.source.archived.url if q.source and q.source.archived else None,
        },
    }
    if q.verdict is Verdict.IGNORED:
        result["suppressions"] = [
            {"kind": "external", "justification": q.reason or "accepted by the user"}
        ]
    return result


def sarif_log(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> dict[str, Any]:
    """The SARIF log as a dict (see `format_sarif`)."""
    results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for document in sorted_documents(report):
        path = repo_path(document.path)
        artifacts.append({"location": {"uri": path, "uriBaseId": "%SRCROOT%"}})
        if document.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": document.error},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": path}}}],
                }
            )
        for q in sorted_quotes(document):
            if q.verdict is not Verdict.VERIFIED:
                results.append(_result(path, q, fail_on))
    for entry in sorted(stale):
        notifications.append(
            {"level": "warning", "message": {"text": f"stale baseline entry: {entry}"}}
        )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(v, fail_on) for v in RULE_ORDER],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the repository root"}}},
        "artifacts": artifacts,
        "results": results,
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def format_sarif(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """The report as a SARIF 2.1.0 log (JSON text)."""
    data = sarif_log(report, fail_on=fail_on, stale=stale)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
