"""GitHub Actions workflow commands: each finding becomes an annotation on the quote's line.

Printed to stdout inside a workflow (`GITHUB_ACTIONS=true`), lines such as
`::error file=a.md,line=3,col=5,title=Quote misquoted::…` show in the pull request's diff.
Values are escaped as GitHub's toolkit does (`%`, CR, LF; and `:` `,` inside properties).

GitHub shows at most ten annotations of each kind per step and drops the rest silently, so
errors come first, each kind is capped at `PER_KIND` (the last slot names how many more
there are), and what does not fit is printed as plain log lines, still in the job's log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from verifier.models import DEFAULT_FAIL_ON, QuoteResult, Report, Verdict
from verifier.report._common import VERDICT_LABEL, message, repo_path
from verifier.report.json import sorted_documents, sorted_quotes

PER_KIND = 10  # GitHub's per-step display limit for each annotation kind
KIND_ORDER = ("error", "warning", "notice")


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


@dataclass(frozen=True, slots=True)
class Annotation:
    """One annotation before rendering: kind, text and where it points."""

    kind: str
    text: str
    title: str
    file: str | None = None
    line: int | None = None
    col: int | None = None

    def command(self) -> str:
        props: dict[str, str | int] = {}
        for key in ("file", "line", "col"):
            value = getattr(self, key)
            if value is not None:
                props[key] = value
        props["title"] = self.title
        return command(self.kind, self.text, **props)

    def log_line(self) -> str:
        """The annotation as a plain log line, `file:line:col: kind: text`."""
        where = ":".join(str(v) for v in (self.file, self.line, self.col) if v is not None)
        flat = " ".join(self.text.split())
        return f"{where + ': ' if where else ''}{self.kind}: {flat}"


def _annotation(path: str, q: QuoteResult, fail_on: frozenset[Verdict]) -> Annotation | None:
    kind = annotation_kind(q.verdict, fail_on)
    if kind is None:
        return None
    title = f"Quote {VERDICT_LABEL[q.verdict]}"
    return Annotation(kind, message(q), title, file=path, line=q.line, col=q.column)


def collect(
    report: Report, fail_on: frozenset[Verdict], stale: Sequence[str] = ()
) -> list[Annotation]:
    """Every annotation, errors first, then warnings, then notices (document order within)."""
    found: list[Annotation] = []
    for document in sorted_documents(report):
        path = repo_path(document.path)
        if document.error:
            found.append(Annotation("error", document.error, "Unreadable document", file=path))
        for q in sorted_quotes(document):
            note = _annotation(path, q, fail_on)
            if note is not None:
                found.append(note)
    for entry in sorted(stale):
        found.append(
            Annotation("warning", f"stale baseline entry: {entry}", "Stale baseline entry")
        )
    return sorted(found, key=lambda a: KIND_ORDER.index(a.kind))


def _capped(kind: str, items: list[Annotation]) -> tuple[list[str], list[str]]:
    """Workflow commands that GitHub will show, and the overflow as plain log lines."""
    if len(items) <= PER_KIND:
        return [a.command() for a in items], []
    shown, rest = items[: PER_KIND - 1], items[PER_KIND - 1 :]
    summary = (
        f"{len(rest)} more {kind}s are not annotated (GitHub shows {PER_KIND} per kind); "
        "each is listed in this step's log, and the reports have them all"
    )
    lines = [a.command() for a in shown]
    lines.append(command(kind, summary, title=f"{len(rest)} more {kind}s"))
    return lines, [a.log_line() for a in rest]


def format_github(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """Workflow commands, errors first and capped per kind; the overflow as plain lines."""
    every = collect(report, fail_on, stale)
    lines: list[str] = []
    overflow: list[str] = []
    for kind in KIND_ORDER:
        shown, rest = _capped(kind, [a for a in every if a.kind == kind])
        lines.extend(shown)
        overflow.extend(rest)
    return "".join(line + "\n" for line in lines + overflow)
