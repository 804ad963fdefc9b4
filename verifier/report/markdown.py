"""Markdown for a pull-request comment and GitHub's job summary.

GitHub renders no colour, so a finding shows its quote and the source's words as a ```diff
block (red and green lines) and an inline word diff (~~quote's words~~ **source's words**).
The comment stays under GitHub's 65,536-character limit by listing at most `MAX_DETAILED`
findings in full.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from verifier.models import (
    DEFAULT_FAIL_ON,
    DiffOp,
    DiffOpKind,
    DocumentResult,
    QuoteResult,
    Report,
    Verdict,
)
from verifier.report._common import (
    VERDICT_LABEL,
    VERDICT_ORDER,
    has_differences,
    reason_text,
    shorten,
    source_url,
    speaker_of,
    unverifiable_reasons,
)
from verifier.report.json import sorted_documents, sorted_quotes

MARKER = "<!-- quote-verifier-report -->"  # lets a bot find and update its own comment
MAX_DETAILED = 50
MAX_UNVERIFIABLE_LISTED = 100

VERDICT_ICON: dict[Verdict, str] = {
    Verdict.VERIFIED: "✅",
    Verdict.MINOR_DIFFERENCE: "🟡",
    Verdict.MISQUOTED: "❌",
    Verdict.NOT_FOUND: "❓",
    Verdict.UNVERIFIABLE: "⚪",
    Verdict.IGNORED: "💤",
}

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def escape(text: str) -> str:
    """Make document text inert in Markdown (no emphasis, links or HTML), on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    """Inline code that survives backticks inside the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if fence == "`" else f"{fence} {text} {fence}"


def _link(url: str, label: str | None = None) -> str:
    safe = url.replace(" ", "%20").replace(")", "%29").replace("(", "%28")
    return f"[{escape(label or url)}]({safe})"


def word_diff(q: QuoteResult) -> str:
    """Inline diff: equal words plain, ~~the quote's words~~, **the source's words**."""
    return _inline(q.diff)


def _inline(diff: Sequence[DiffOp]) -> str:
    parts: list[str] = []
    for op in diff:
        if op.op is DiffOpKind.EQUAL:
            parts.append(escape(op.quote))
            continue
        if op.quote:
            parts.append(f"~~{escape(op.quote)}~~")
        if op.source:
            parts.append(f"**{escape(op.source)}**")
    return " ".join(p for p in parts if p)


def _diff_block(q: QuoteResult) -> list[str]:
    assert q.source is not None
    quote = " ".join(q.quote.text.split()).replace("```", "'''")
    passage = " ".join(q.source.passage.split()).replace("```", "'''")
    return ["```diff", f"- {quote}", f"+ {passage}", "```"]


def _finding(document: DocumentResult, q: QuoteResult) -> list[str]:
    verdict = f"{VERDICT_ICON[q.verdict]} **{VERDICT_LABEL[q.verdict]}**"
    reason = reason_text(q)
    if reason:
        verdict += f" ({escape(reason)})"
    lines = [
        f"#### {_code(f'{document.path}:{q.line}:{q.column}')} — {escape(speaker_of(q))}",
        "",
        verdict + (f", score {q.score:.2f}" if q.score is not None else ""),
        "",
        f"> {escape(q.quote.text)}",
        "",
    ]
    url = source_url(q)
    if q.source is not None:
        source = "Source: " + _link(url or q.source.url)
        if q.source.archived is not None:
            when = q.source.archived.timestamp[:8]
            stamp = f"{when[:4]}-{when[4:6]}-{when[6:8]}" if len(when) == 8 else when
            source += " · " + _link(q.source.archived.url, f"archived copy ({stamp})")
        if q.source.location != "main":
            source += f" · found in the {q.source.location} text, not the article body"
        lines += [source, ""]
    elif q.candidates:
        tried = ", ".join(
            _link(c.candidate.url) + (f" ({escape(c.reason)})" if c.reason else "")
            for c in q.candidates
        )
        lines += ["Tried: " + tried, ""]
    if q.source is not None and has_differences(q.diff):
        lines += ["Changes: " + word_diff(q), ""]
        lines += _diff_block(q)
        lines.append("")
    elif q.source is not None and q.meaning is not None:  # a paraphrase's, a translation's
        lines += ["The source says: " + escape(" ".join(q.source.passage.split())), ""]
    lines += source_changed_lines(q)
    return lines


def source_changed_lines(q: QuoteResult) -> list[str]:
    """The source's own edit since it was recorded, apart from the quote's verdict."""
    change = q.source_changed
    if change is None:
        return []
    words = _inline(change.diff) if change.diff else "the passage is gone"
    return [
        f"⚠️ **Source changed since {escape(change.since)}** (edited after it was recorded; "
        f"not a change to the quote): {words}",
        "",
    ]


def format_markdown(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """The whole report as GitHub-flavoured Markdown: a summary, then one section per concern."""
    out = [
        *_summary(report, fail_on),
        *_unreadable(report),
        *_findings(report, fail_on),
        *_unverifiable(report, fail_on),
        *_changed_sources(report, fail_on),
        *_notes(report),
        *_stale(stale),
    ]
    return "\n".join(out).rstrip("\n") + "\n"


def _summary(report: Report, fail_on: frozenset[Verdict]) -> list[str]:
    """The headline, the counts and the table of verdicts."""
    counts = report.summary()
    findings = len(report.findings(fail_on))
    quotes = sum(counts.values())
    docs = len(report.documents)
    headline = f"❌ {findings} finding{'s' * (findings != 1)}" if findings else "✅ No findings"
    policy = ", ".join(_code(v) for v in sorted(fail_on)) if fail_on else "none"
    out = [
        MARKER,
        f"## Quote verification: {headline}",
        "",
        f"{quotes} quote{'s' * (quotes != 1)} checked in {docs} document{'s' * (docs != 1)}."
        f" Fail-on: {policy}.",
        "",
        "| verdict | quotes |",
        "| --- | ---: |",
    ]
    for verdict in VERDICT_ORDER:
        label = f"{VERDICT_ICON[verdict]} {VERDICT_LABEL[verdict]}"
        if verdict in fail_on:
            label = f"**{label}**"
        out.append(f"| {label} | {counts[verdict.value]} |")
    return [*out, ""]


def _unreadable(report: Report) -> list[str]:
    if not report.errors:
        return []
    out = ["### Documents that could not be read", ""]
    for d in sorted_documents(report):
        if d.error:
            named = d.error if d.path in d.error else f"{d.path}: {d.error}"
            out.append(f"- {escape(named)}")
    return [*out, ""]


def _findings(report: Report, fail_on: frozenset[Verdict]) -> list[str]:
    """Each finding in detail, up to MAX_DETAILED; a count of the rest."""
    found = [
        (document, q)
        for document in sorted_documents(report)
        for q in sorted_quotes(document)
        if q.verdict in fail_on
    ]
    if not found:
        return []
    out = ["### Findings", ""]
    for document, q in found[:MAX_DETAILED]:
        out += _finding(document, q)
    if len(found) > MAX_DETAILED:
        out += [f"… and {len(found) - MAX_DETAILED} more: see the HTML or JSON report.", ""]
    return out


def _unverifiable(report: Report, fail_on: frozenset[Verdict]) -> list[str]:
    """Unverifiable quotes folded away, by reason (unless they are findings already)."""
    total = report.summary()[Verdict.UNVERIFIABLE.value]
    if Verdict.UNVERIFIABLE in fail_on or not total:
        return []
    # Markdown is not processed inside <summary>: escape for HTML instead.
    reasons = ", ".join(f"{html.escape(r)} ({n})" for r, n in unverifiable_reasons(report))
    out = [f"<details><summary>{total} unverifiable: {reasons}</summary>", ""]
    listed = [
        (document, q)
        for document in sorted_documents(report)
        for q in sorted_quotes(document)
        if q.verdict is Verdict.UNVERIFIABLE
    ]
    for document, q in listed[:MAX_UNVERIFIABLE_LISTED]:
        out.append(
            f"- {_code(f'{document.path}:{q.line}')} {escape(reason_text(q))}: "
            f"“{escape(shorten(q.quote.text, 120))}” ({escape(speaker_of(q))})"
        )
    if len(listed) > MAX_UNVERIFIABLE_LISTED:
        out.append(f"- … and {len(listed) - MAX_UNVERIFIABLE_LISTED} more")
    return [*out, "", "</details>", ""]


def _changed_sources(report: Report, fail_on: frozenset[Verdict]) -> list[str]:
    """Sources that changed since recorded, for quotes not already shown as findings."""
    changed = [
        (d, q)
        for d in sorted_documents(report)
        for q in sorted_quotes(d)
        if q.source_changed is not None and q.verdict not in fail_on
    ]
    if not changed:
        return []
    out = ["### Sources changed since they were recorded", ""]
    for document, q in changed:
        out += [f"{_code(f'{document.path}:{q.line}')} “{escape(shorten(q.quote.text, 120))}”"]
        out += ["", *source_changed_lines(q)]
    return out


def _notes(report: Report) -> list[str]:
    notes = [(d.path, n) for d in sorted_documents(report) for n in d.notes]
    if not notes:
        return []
    out = ["<details><summary>Notes</summary>", ""]
    out += [f"- {_code(path)}: {escape(note)}" for path, note in notes]
    return [*out, "", "</details>", ""]


def _stale(stale: Sequence[str]) -> list[str]:
    if not stale:
        return []
    return [
        "### Stale baseline entries",
        "",
        "These accepted findings no longer match any quote; remove them from the baseline:",
        "",
        *(f"- {_code(entry)}" for entry in sorted(stale)),
        "",
    ]
