"""JUnit XML: one test case per quote, one test suite per article.

CI systems (GitLab, Jenkins, Azure, GitHub test reporters) show it as a test run. The
policy decides what fails: a verdict in `fail_on` is a `<failure>`; `unverifiable` and
`ignored` are `<skipped>` with their reason; a document that could not be read is a test
case with an `<error>`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from verifier.models import (
    DEFAULT_FAIL_ON,
    DiffOpKind,
    DocumentResult,
    QuoteResult,
    Report,
    Verdict,
)
from verifier.report._common import (
    VERDICT_LABEL,
    has_differences,
    reason_text,
    repo_path,
    shorten,
    source_url,
    speaker_of,
)
from verifier.report.json import TOOL_NAME, sorted_documents, sorted_quotes

# Characters XML 1.0 cannot carry at all.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


def _details(q: QuoteResult) -> str:
    lines = [
        f"verdict: {q.verdict.value}",
        f"speaker: {speaker_of(q)}",
        f"quote: “{q.quote.text}”",
    ]
    if q.reason:
        lines.append(f"reason: {q.reason}")
    if q.score is not None:
        lines.append(f"score: {q.score:.2f}")
    url = source_url(q)
    if url:
        lines.append(f"source: {url}")
    if q.source is not None:
        lines.append(f"source passage: “{q.source.passage}”")
        if q.source.archived is not None:
            lines.append(f"archived copy: {q.source.archived.url} ({q.source.archived.timestamp})")
    if has_differences(q.diff):
        words = []
        for op in q.diff:
            if op.op is DiffOpKind.EQUAL:
                words.append(op.quote)
                continue
            if op.quote:
                words.append(f"[-{op.quote}-]")
            if op.source:
                words.append(f"{{+{op.source}+}}")
        lines.append("diff (quote -> source): " + " ".join(words))
    for c in q.candidates:
        outcome = c.verdict.value + (f" ({c.reason})" if c.reason else "")
        lines.append(f"tried: {c.candidate.url} [{c.candidate.reason.value}] -> {outcome}")
    return _clean("\n".join(lines))


def _testcase(
    suite: ET.Element, document: DocumentResult, q: QuoteResult, fail_on: frozenset[Verdict]
) -> str:
    """Add one test case; returns its outcome: passed, failure or skipped."""
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": repo_path(document.path),
            "name": _clean(f"line {q.line}: “{shorten(q.quote.text, 80)}” ({speaker_of(q)})"),
            "file": repo_path(document.path),
            "line": str(q.line),
            "time": "0",
        },
    )
    label = VERDICT_LABEL[q.verdict]
    reason = reason_text(q)
    message = _clean(label + (f": {reason}" if reason else ""))
    if q.verdict in fail_on:
        failure = ET.SubElement(case, "failure", {"message": message, "type": q.verdict.value})
        failure.text = _details(q)
        return "failure"
    if q.verdict in (Verdict.UNVERIFIABLE, Verdict.IGNORED):
        ET.SubElement(case, "skipped", {"message": message})
        ET.SubElement(case, "system-out").text = _details(q)
        return "skipped"
    ET.SubElement(case, "system-out").text = _details(q)
    return "passed"


def format_junit(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """The report as JUnit XML (the common Jenkins/Ant schema)."""
    root = ET.Element("testsuites", {"name": TOOL_NAME})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for document in sorted_documents(report):
        suite = ET.SubElement(
            root,
            "testsuite",
            {"name": repo_path(document.path), "file": repo_path(document.path)},
        )
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if document.error:
            case = ET.SubElement(
                suite,
                "testcase",
                {"classname": repo_path(document.path), "name": "read document", "time": "0"},
            )
            ET.SubElement(case, "error", {"message": _clean(document.error), "type": "input"})
            counts["tests"] += 1
            counts["errors"] += 1
        for q in sorted_quotes(document):
            outcome = _testcase(suite, document, q, fail_on)
            counts["tests"] += 1
            if outcome == "failure":
                counts["failures"] += 1
            elif outcome == "skipped":
                counts["skipped"] += 1
        if document.notes:
            ET.SubElement(suite, "system-out").text = _clean("\n".join(document.notes))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
    if stale:
        suite = ET.SubElement(root, "testsuite", {"name": "baseline"})
        for entry in sorted(stale):
            case = ET.SubElement(
                suite, "testcase", {"classname": "baseline", "name": _clean(entry), "time": "0"}
            )
            ET.SubElement(
                case, "skipped", {"message": "stale baseline entry: matches no quote any more"}
            )
        n = len(stale)
        for key, value in {"tests": n, "failures": 0, "errors": 0, "skipped": n}.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
