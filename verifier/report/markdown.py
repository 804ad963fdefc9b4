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
    """The whole report as GitHub-flavoured Markdown."""
    counts = report.summary()
    findings = report.findings(fail_on)
    quotes = sum(counts.values())
    docs = len(report.documents)
    if findings:
        headline = f"❌ {len(findings)} finding{'s' * (len(findings) != 1)}"
    else:
        headline = "✅ No findings"
    out = [
        MARKER,
        f"## Quote verification: {headline}",
        "",
        f"{quotes} quote{'s' * (quotes != 1)} checked in {docs} document{'s' * (docs != 1)}."
        + (
            " Fail-on: " + ", ".join(_code(v) for v in sorted(fail_on)) + "."
            if fail_on
            else " Fail-on: none."
        ),
        "",
        "| verdict | quotes |",
        "| --- | ---: |",
    ]
    for verdict in VERDICT_ORDER:
        label = f"{VERDICT_ICON[verdict]} {VERDICT_LABEL[verdict]}"
        if verdict in fail_on:
            label = f"**{label}**"
        out.append(f"| {label} | {counts[verdict.value]} |")
    out.append("")

    errors = report.errors
    if errors:
        out += ["### Documents that could not be read", ""]
        for d in sorted_documents(report):
            if d.error:
                named = d.error if d.path in d.error else f"{d.path}: {d.error}"
                out.append(f"- {escape(named)}")
        out.append("")

    if findings:
        out += ["### Findings", ""]
        shown = 0
        for document in sorted_documents(report):
            for q in sorted_quotes(document):
                if q.verdict not in fail_on:
                    continue
                if shown < MAX_DETAILED:
                    out += _finding(document, q)
                shown += 1
        if shown > MAX_DETAILED:
            out += [f"… and {shown - MAX_DETAILED} more: see the HTML or JSON report.", ""]

    if Verdict.UNVERIFIABLE not in fail_on and counts[Verdict.UNVERIFIABLE.value]:
        # Markdown is not processed inside <summary>: escape for HTML instead.
        reasons = ", ".join(f"{html.escape(r)} ({n})" for r, n in unverifiable_reasons(report))
        out += [
            "<details><summary>"
            f"{counts[Verdict.UNVERIFIABLE.value]} unverifiable: {reasons}"
            "</summary>",
            "",
        ]
        listed = 0
        for document in sorted_documents(report):
            for q in sorted_quotes(document):
                if q.verdict is not Verdict.UNVERIFIABLE:
                    continue
                if listed < MAX_UNVERIFIABLE_LISTED:
                    out.append(
                        f"- {_code(f'{document.path}:{q.line}')} {escape(reason_text(q))}: "
                        f"“{escape(shorten(q.quote.text, 120))}” ({escape(speaker_of(q))})"
                    )
                listed += 1
        if listed > MAX_UNVERIFIABLE_LISTED:
            out.append(f"- … and {listed - MAX_UNVERIFIABLE_LISTED} more")
        out += ["", "</details>", ""]

    changed = [
        (d, q)
        for d in sorted_documents(report)
        for q in sorted_quotes(d)
        if q.source_changed is not None and q.verdict not in fail_on
    ]
    if changed:
        out += ["### Sources changed since they were recorded", ""]
        for document, q in changed:
            out += [f"{_code(f'{document.path}:{q.line}')} “{escape(shorten(q.quote.text, 120))}”"]
            out += ["", *source_changed_lines(q)]

    notes = [(d.path, n) for d in sorted_documents(report) for n in d.notes]
    if notes:
        out += ["<details><summary>Notes</summary>", ""]
        out += [f"- {_code(path)}: {escape(note)}" for path, note in notes]
        out += ["", "</details>", ""]

    if stale:
        out += [
            "### Stale baseline entries",
            "",
            "These accepted findings no longer match any quote; remove them from the baseline:",
            "",
        ]
        out += [f"- {_code(entry)}" for entry in sorted(stale)]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
