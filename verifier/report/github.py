"""GitHub Actions workflow commands: each finding becomes an annotation on the quote's line.

Printed to stdout inside a workflow (`GITHUB_ACTIONS=true`), lines such as
`::error file=a.md,line=3,col=5,title=Quote misquoted::…` show in the pull request's diff.
Values are escaped as GitHub's toolkit does (`%`, CR, LF; and `:` `,` inside properties).
"""

from __future__ import annotations

from collections.abc import Sequence

from verifier.models import DEFAULT_FAIL_ON, QuoteResult, Report, Verdict
from verifier.report._common import VERDICT_LABEL, message, repo_path
from verifier.report.json import sorted_documents, sorted_quotes


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, text: str, **properties: str | int) -> str:
    """One workflow command line: `::kind key=value,...::text`."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind}{' ' + props if props else ''}::{escape_data(text)}"


def annotation_kind(verdict: Verdict, fail_on: frozenset[Verdict]) -> str | None:
    """error for the policy's findings, warning for other problems, notice for the rest."""
    if verdict in fail_on:
        return "error"
    if verdict in (Verdict.MISQUOTED, Verdict.NOT_FOUND):
        return "warning"
    if verdict in (Verdict.UNVERIFIABLE, Verdict.MINOR_DIFFERENCE):
        return "notice"
    return None  # verified, ignored: nothing to say


def _annotation(path: str, q: QuoteResult, fail_on: frozenset[Verdict]) -> str | None:
    kind = annotation_kind(q.verdict, fail_on)
    if kind is None:
        return None
    return command(
        kind,
        message(q),
        file=path,
        line=q.line,
        col=q.column,
        title=f"Quote {VERDICT_LABEL[q.verdict]}",
    )


def format_github(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """Workflow commands for every finding, unreadable document and stale baseline entry."""
    lines: list[str] = []
    for document in sorted_documents(report):
        path = repo_path(document.path)
        if document.error:
            lines.append(command("error", document.error, file=path, title="Unreadable document"))
        for q in sorted_quotes(document):
            line = _annotation(path, q, fail_on)
            if line is not None:
                lines.append(line)
    for entry in sorted(stale):
        lines.append(
            command("warning", f"stale baseline entry: {entry}", title="Stale baseline entry")
        )
    return "".join(line + "\n" for line in lines)
