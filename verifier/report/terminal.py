"""The terminal report an editor reads: findings with their evidence, then a summary.

Every piece of document or source text goes through `rich.text.Text`, never through console
markup, so a quote with `[brackets]` prints as written. The word diff carries textual markers
(`[-quote-]{+source+}`) besides colour, so it still reads in a CI log without colour.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.models import (
    DEFAULT_FAIL_ON,
    DiffOp,
    DiffOpKind,
    DocumentResult,
    EvidenceSummary,
    QuoteResult,
    Report,
    Verdict,
)
from verifier.report._common import (
    VERDICT_LABEL,
    VERDICT_MEANING,
    VERDICT_ORDER,
    has_differences,
    reason_text,
    speaker_of,
    unverifiable_reasons,
)
from verifier.report.json import sorted_documents, sorted_quotes

QUIET = -1
NORMAL = 0
VERBOSE = 1

VERDICT_STYLE: dict[Verdict, str] = {
    Verdict.VERIFIED: "green",
    Verdict.MINOR_DIFFERENCE: "yellow",
    Verdict.MISQUOTED: "bold red",
    Verdict.NOT_FOUND: "red",
    Verdict.UNVERIFIABLE: "magenta",
    Verdict.IGNORED: "dim",
}

QUOTE_ONLY_STYLE = "bold red"  # words the quote has and the source does not
SOURCE_ONLY_STYLE = "bold green"  # the source's own words where the quote differs


def diff_text(diff: tuple[DiffOp, ...]) -> Text:
    """A word diff from quote to source: `[-quote words-]{+source words+}`, coloured."""
    out = Text()
    for op in diff:
        if out:
            out.append(" ")
        if op.op is DiffOpKind.EQUAL:
            out.append(op.quote)
            continue
        if op.quote:
            out.append("[-" + op.quote + "-]", style=QUOTE_ONLY_STYLE + " strike")
        if op.quote and op.source:
            out.append(" ")
        if op.source:
            out.append("{+" + op.source + "+}", style=SOURCE_ONLY_STYLE)
    return out


def _explanation(q: QuoteResult) -> Text:
    """Which extraction rules found the quote and named its speaker (`--explain`)."""
    quote = q.quote
    out = Text("\n  found by: ", style="dim")
    out.append(quote.found_by or "-", style="magenta")
    if quote.speaker_mention is not None:
        out.append("; speaker ", style="dim")
        out.append(f"“{quote.speaker_mention.text}”", style="cyan")
        out.append(" by: ", style="dim")
        out.append(quote.speaker_by or "-", style="magenta")
    if quote.cue is not None:
        out.append(f"; cue “{quote.cue.text}”", style="dim")
    return out


def _quote_block(document: DocumentResult, q: QuoteResult, explain: bool = False) -> Text:
    style = VERDICT_STYLE[q.verdict]
    out = Text()
    out.append(f"{document.path}:{q.line}:{q.column}", style="bold")
    out.append("  ")
    out.append(VERDICT_LABEL[q.verdict].upper(), style=style)
    reason = reason_text(q)
    if reason:
        out.append(f" ({reason})", style=style)
    if q.score is not None and q.verdict is not Verdict.UNVERIFIABLE:
        out.append(f"  score {q.score:.2f}", style="dim")
    out.append("\n  ")
    out.append(speaker_of(q), style="cyan")
    out.append(": “")
    out.append(q.quote.text, style="italic")
    out.append("”")
    if explain:
        out.append_text(_explanation(q))
    if q.source is not None:
        out.append("\n  source: ", style="dim")
        out.append(q.source.final_url or q.source.url, style="blue underline")
        if q.source.location != "main":
            out.append(f" (found in the {q.source.location} text, not the article body)")
        if q.source.archived is not None:
            out.append("\n  archived copy: ", style="dim")
            out.append(q.source.archived.url, style="blue underline")
            out.append(f" (captured {_timestamp(q.source.archived.timestamp)})", style="dim")
    elif q.candidates:
        out.append("\n  tried: ", style="dim")
        for i, c in enumerate(q.candidates):
            if i:
                out.append(", ")
            out.append(c.candidate.url, style="blue underline")
            if c.reason:
                out.append(f" ({c.reason})", style="dim")
    if q.verdict is Verdict.MISQUOTED and sum(seg.passage is not None for seg in q.segments) > 1:
        for n, seg in enumerate(q.segments, 1):  # a quote joined from several places
            out.append(f"\n  part {n}: ", style="dim")
            out.append(f"“{seg.passage}”")
            out.append(f" (source characters {seg.start}–{seg.end})", style="dim")
    if has_differences(q.diff):
        out.append("\n  diff: ", style="dim")
        out.append_text(diff_text(q.diff))
    if q.attribution == "not_found":
        out.append("\n  the speaker is not named near the passage in the source", style="yellow")
    change = q.source_changed
    if change is not None:
        out.append(f"\n  source changed since {change.since}", style="bold yellow")
        out.append(" (the page was edited after it was recorded): ", style="yellow")
        out.append_text(diff_text(change.diff) if change.diff else Text("passage gone"))
    return out


def _timestamp(ts: str) -> str:
    """20240214093000 -> 2024-02-14 09:30:00 (as much as the archive gave)."""
    if len(ts) >= 8 and ts[:8].isdigit():
        day = f"{ts[:4]}-{ts[4:6]}-{ts[6:8]}"
        if len(ts) >= 12:
            return f"{day} {ts[8:10]}:{ts[10:12]}" + (f":{ts[12:14]}" if len(ts) >= 14 else "")
        return day
    return ts


def _summary_table(report: Report, fail_on: frozenset[Verdict]) -> Table:
    counts = report.summary()
    table = Table(title="Quotes by verdict", title_justify="left", show_edge=False)
    table.add_column("verdict")
    table.add_column("quotes", justify="right")
    table.add_column("meaning", style="dim")
    for verdict in VERDICT_ORDER:
        label = Text(VERDICT_LABEL[verdict], style=VERDICT_STYLE[verdict])
        if verdict in fail_on:
            label.append(" *", style="bold")
        table.add_row(label, str(counts[verdict.value]), VERDICT_MEANING[verdict])
    table.add_row(Text("total", style="bold"), str(sum(counts.values())), "")
    if fail_on:
        table.caption = "* fails the run (fail-on: " + ", ".join(sorted(fail_on)) + ")"
        table.caption_justify = "left"
    return table


def _result_line(report: Report, fail_on: frozenset[Verdict]) -> Text:
    findings = len(report.findings(fail_on))
    quotes = len(report.all_quotes())
    docs = len(report.documents)
    errors = len(report.errors)
    where = f"in {quotes} quote{'s' * (quotes != 1)} across {docs} document{'s' * (docs != 1)}"
    out = Text()
    if findings:
        out.append(f"{findings} finding{'s' * (findings != 1)} ", style="bold red")
    else:
        out.append("No findings ", style="bold green")
    out.append(where)
    if report.evidence is not None:
        checked = len(report.checked())
        out.append(f"; {checked} checked against a source")
    if errors:
        out.append(f"; {errors} document{'s' * (errors != 1)} could not be read", style="red")
    return out


def render_terminal(
    report: Report,
    console: Console,
    *,
    verbosity: int = NORMAL,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    explain: bool = False,
) -> None:
    """Print the report: -1 findings only, 0 findings and a summary, 1 every quote.

    `explain` adds, under each quote, the extraction rules that found it and its speaker.
    """
    for document in sorted_documents(report):
        shown = [
            q
            for q in sorted_quotes(document)
            if verbosity >= VERBOSE or q.verdict in fail_on or q.source_changed is not None
        ]
        notes = document.notes if verbosity >= NORMAL else ()
        if not (shown or notes or document.error):
            continue
        if not (shown or document.error):  # only notes: one line each, no section
            for note in notes:
                console.print(Text(f"{document.path}: note: {note}", style="dim"), soft_wrap=True)
            continue
        console.print(Text(document.path, style="bold underline"))
        if document.error:
            console.print(Text("  error: " + document.error, style="bold red"))
        for note in notes:
            console.print(Text("  note: " + note, style="dim"))
        for q in shown:
            console.print(_quote_block(document, q, explain), soft_wrap=True)
        console.print()

    if verbosity >= NORMAL and Verdict.UNVERIFIABLE not in fail_on:
        reasons = unverifiable_reasons(report)
        if reasons:
            total = sum(n for _, n in reasons)
            line = Text(f"{total} unverifiable: ", style=VERDICT_STYLE[Verdict.UNVERIFIABLE])
            line.append(", ".join(f"{reason} ({n})" for reason, n in reasons))
            console.print(line)
            console.print()
    if verbosity >= NORMAL:
        console.print(_summary_table(report, fail_on))
        console.print()
    evidence = report.evidence
    if evidence is not None and (verbosity >= NORMAL or evidence.recorded or evidence.changed):
        console.print(evidence_line(evidence), soft_wrap=True)
    console.print(_result_line(report, fail_on))


def evidence_line(evidence: EvidenceSummary) -> Text:
    """What the recordings gave: "sources: 5 replayed, 1 recorded, 1 missing (store …)"."""
    parts = [
        f"{count} {label}"
        for count, label in (
            (evidence.replayed, "replayed"),
            (evidence.recorded, "recorded"),
            (evidence.refetched, "refetched"),
            (evidence.changed, "changed since recorded"),
            (evidence.missing, "not recorded"),
        )
        if count or label in ("replayed", "recorded")
    ]
    out = Text("sources: " + ", ".join(parts), style="dim")
    if evidence.store:
        out.append(f" ({evidence.store})", style="dim")
    return out
