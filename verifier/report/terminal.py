"""The terminal report an editor reads: findings with their evidence, then a summary.

Laid out by rich at the console's width (80 columns in a pipe or a log): quote and evidence
wrap under a two-space indent, URLs are never folded, labels are one level deep and a
similarity is said in words.

Every piece of document or source text goes through `rich.text.Text`, never through console
markup, so a quote with `[brackets]` prints as written. The word diff carries textual markers
(`[-quote-]{+source+}`) besides colour, so it still reads in a CI log without colour.
"""

from __future__ import annotations

import re

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


# A score in words: "best 0.41" means nothing to an editor.
_CLOSENESS: tuple[tuple[float, str], ...] = (
    (0.95, "nearly word for word"),
    (0.85, "close"),
    (0.6, "partly similar"),
    (0.01, "little in common"),
    (0.0, "nothing similar"),
)
_SCORE_NOTE = re.compile(r"\s*\(best [0-9.]+\)|(?<=\()best [0-9.]+; ")
INDENT = 2
# What to do about an unverifiable reason, where the fix is an option the user may not know.
HINTS = {
    "forbidden address": "sources on loopback or private addresses are refused; "
    "--allow-private-hosts (or allow-private-hosts = true) allows them, for intranets",
}


def closeness(score: float) -> str:
    """The closest passage's similarity as words an editor reads."""
    return next(words for floor, words in _CLOSENESS if score >= floor)


def plain_reason(reason: str) -> str:
    """A reason without its score note, so a label never nests parentheses."""
    return _SCORE_NOTE.sub("", reason).strip()


def _header(document: DocumentResult, q: QuoteResult, extract_only: bool) -> Text:
    out = Text()
    out.append(f"{document.path}:{q.line}:{q.column}", style="bold")
    out.append("  ")
    if extract_only:
        out.append("QUOTE", style="cyan")
        return out
    style = VERDICT_STYLE[q.verdict]
    out.append(VERDICT_LABEL[q.verdict].upper(), style=style)
    reason = plain_reason(reason_text(q))
    if reason:
        out.append(f": {reason}", style=style)
    return out


class _Line:
    """An evidence line: a label, a URL that is never folded, and a note that may wrap."""

    def __init__(self, label: str, url: str, note: str = "") -> None:
        self.label, self.url, self.note = label, url, note

    def print(self, console: Console, indent: int) -> None:
        head = Text(" " * indent)
        head.append(self.label, style="dim")
        head.append(self.url, style="blue underline")
        if self.note and head.cell_len + len(self.note) + 1 <= console.width:
            head.append(" " + self.note, style="dim")
            console.print(head, no_wrap=True, overflow="ignore", crop=False)
            return
        console.print(head, no_wrap=True, overflow="ignore", crop=False)
        if self.note:
            print_wrapped(console, Text(self.note, style="dim"), indent + 4)


_NOT_LINKED = {
    "archive": "from the source archive, not linked by the article",
    "web": "from a web search, not linked by the article",
}


def _closest(score: float | None) -> str:
    return "" if not score else f"the closest passage: {closeness(score)}"


def _evidence(q: QuoteResult) -> list[Text | _Line]:
    lines: list[Text | _Line] = []
    if q.source is not None:
        where = ""
        if q.source.location != "main":
            where = f"(found in the {q.source.location} text, not the article body)"
        if q.source.origin in _NOT_LINKED:
            where = " ".join(
                filter(None, [where, f"({_NOT_LINKED[q.source.origin]}: add the link)"])
            )
        lines.append(_Line("source: ", q.source.final_url or q.source.url, where))
        if q.source.archived is not None:
            when = f"(captured {_timestamp(q.source.archived.timestamp)})"
            lines.append(_Line("archived copy: ", q.source.archived.url, when))
    else:
        for c in q.candidates:
            why = "; ".join(filter(None, [plain_reason(c.reason or ""), _closest(c.score)]))
            lines.append(_Line("tried: ", c.candidate.url, f"— {why}" if why else ""))
    if q.verdict is Verdict.MISQUOTED and sum(seg.passage is not None for seg in q.segments) > 1:
        for n, seg in enumerate(q.segments, 1):  # a quote joined from several places
            part = Text()
            part.append(f"part {n}: ", style="dim")
            part.append(f"“{seg.passage}”")
            part.append(f" (source characters {seg.start}–{seg.end})", style="dim")
            lines.append(part)
    if has_differences(q.diff):
        diff = Text()
        diff.append("diff: ", style="dim")
        diff.append_text(diff_text(q.diff))
        lines.append(diff)
    elif q.meaning is not None and q.source is not None:  # a paraphrase's, a translation's
        passage = Text()
        passage.append("passage: ", style="dim")
        passage.append(" ".join(q.source.passage.split()), style="italic")
        lines.append(passage)
    if q.attribution == "not_found":
        lines.append(Text("the speaker is not named near the passage in the source", "yellow"))
    change = q.source_changed
    if change is not None:
        line = Text(f"source changed since {change.since}", style="bold yellow")
        line.append(" (the page was edited after it was recorded): ", style="yellow")
        line.append_text(diff_text(change.diff) if change.diff else Text("passage gone"))
        lines.append(line)
    return lines


def _explanation(q: QuoteResult) -> Text:
    """Which extraction rules found the quote and named its speaker (`--explain`)."""
    quote = q.quote
    out = Text("found by: ", style="dim")
    out.append(quote.found_by or "-", style="magenta")
    if quote.speaker_mention is not None:
        out.append("; speaker ", style="dim")
        out.append(f"“{quote.speaker_mention.text}”", style="cyan")
        out.append(" by: ", style="dim")
        out.append(quote.speaker_by or "-", style="magenta")
    if quote.cue is not None:
        out.append(f"; cue “{quote.cue.text}”", style="dim")
    return out


def print_wrapped(console: Console, text: Text, indent: int = 0, hang: int = 2) -> None:
    """`text` wrapped at the console's width: first line at `indent`, the rest `hang` more.

    Lines carry no trailing padding: a log or a README keeps them as printed.
    """
    first = text.wrap(console, max(20, console.width - indent))[0]
    rest = text[len(first.plain) :]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
    lines = [first, *(rest.wrap(console, max(20, console.width - indent - hang)) if rest else [])]
    for i, line in enumerate(lines):
        line.rstrip()
        pad = indent if i == 0 else indent + hang
        console.print(Text(" " * pad) + line, no_wrap=True, overflow="ignore", crop=False)


def _print_quote(
    console: Console,
    document: DocumentResult,
    q: QuoteResult,
    extract_only: bool = False,
    explain: bool = False,
) -> None:
    """The header, then quote and evidence indented, each wrapped at the console's width."""
    print_wrapped(console, _header(document, q, extract_only), hang=4)
    body = Text()
    body.append(speaker_of(q), style="cyan")
    body.append(": “")
    body.append(" ".join(q.quote.text.split()), style="italic")  # one line per quote
    body.append("”")
    lines: list[Text | _Line] = [body, *([_explanation(q)] if explain else [])]
    if extract_only:  # with --dump: the sources each quote would be checked against
        lines += [
            _Line("would check: ", c.candidate.url, f"— {c.candidate.reason.value}")
            for c in q.candidates
        ]
    for line in [*lines, *([] if extract_only else _evidence(q))]:
        if isinstance(line, _Line):
            line.print(console, INDENT)
        else:
            print_wrapped(console, line, INDENT)


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
    extract_only: bool = False,
    explain: bool = False,
) -> None:
    """Print the report: -1 findings only, 0 findings and a summary, 1 every quote.

    `explain` adds, under each quote, the extraction rules that found it and its speaker.
    `extract_only`: the quotes were only extracted; each is listed with its speaker, and
    there is no verdict, no summary table and no fail-on legend.
    """
    if extract_only:
        _render_extracted(report, console, explain)
        return
    for document in sorted_documents(report):
        _print_document(console, document, verbosity, fail_on, explain)
    if verbosity >= NORMAL and Verdict.UNVERIFIABLE not in fail_on:
        _print_unverifiable_reasons(console, report)
    if verbosity >= NORMAL:
        console.print(_summary_table(report, fail_on))
        console.print()
    evidence = report.evidence
    if evidence is not None and (verbosity >= NORMAL or evidence.recorded or evidence.changed):
        _print_evidence(console, evidence)
    console.print(_result_line(report, fail_on))


def _print_document(
    console: Console,
    document: DocumentResult,
    verbosity: int,
    fail_on: frozenset[Verdict],
    explain: bool,
) -> None:
    """A document's findings (every quote when verbose), its error and its notes."""
    shown = [
        q
        for q in sorted_quotes(document)
        if verbosity >= VERBOSE or q.verdict in fail_on or q.source_changed is not None
    ]
    notes = document.notes if verbosity >= NORMAL else ()
    if not (shown or document.error):  # only notes: one line each, no section
        for note in notes:
            print_wrapped(console, Text(f"{document.path}: note: {note}", style="dim"), hang=4)
        return
    console.print(Text(document.path, style="bold underline"))
    if document.error:
        console.print(Text("  error: " + document.error, style="bold red"))
    for note in notes:
        console.print(Text("  note: " + note, style="dim"))
    for q in shown:
        _print_quote(console, document, q, explain=explain)
    console.print()


def _print_unverifiable_reasons(console: Console, report: Report) -> None:
    """How many quotes could not be checked, by reason, with a hint where one helps."""
    reasons = unverifiable_reasons(report)
    if not reasons:
        return
    total = sum(n for _, n in reasons)
    style = VERDICT_STYLE[Verdict.UNVERIFIABLE]
    console.print(Text(f"{total} unverifiable, by reason:", style=style))
    for reason, n in reasons:
        print_wrapped(console, Text(f"{n:>3}  {plain_reason(reason)}"), INDENT, hang=5)
    for reason, _ in reasons:
        if reason in HINTS:
            print_wrapped(console, Text(f"hint: {HINTS[reason]}", style="dim"), hang=6)
    console.print()


def evidence_line(evidence: EvidenceSummary) -> Text:
    """What the recordings gave: "sources: 5 replayed, 1 recorded, 1 not recorded"."""
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
    return Text("sources: " + ", ".join(parts), style="dim")


def _print_evidence(console: Console, evidence: EvidenceSummary) -> None:
    """The evidence line, with the store's path on it when it fits, else whole below it."""
    line = evidence_line(evidence)
    store = f" ({evidence.store})" if evidence.store else ""
    if line.cell_len + len(store) <= console.width:
        line.append(store, style="dim")
        console.print(line, no_wrap=True, overflow="ignore", crop=False)
        return
    print_wrapped(console, line)
    if evidence.store:
        _Line("store: ", evidence.store).print(console, 2)


def _render_extracted(report: Report, console: Console, explain: bool) -> None:
    for document in sorted_documents(report):
        if not (document.quotes or document.error):
            continue
        console.print(Text(document.path, style="bold underline"))
        if document.error:
            console.print(Text("  error: " + document.error, style="bold red"))
        for q in sorted_quotes(document):
            _print_quote(console, document, q, extract_only=True, explain=explain)
        console.print()
    quotes = len(report.all_quotes())
    docs = len(report.documents)
    sources = len({c.candidate.url for q in report.all_quotes() for c in q.candidates})
    what = f"{sources} source{'s' * (sources != 1)} to check, none fetched" if sources else ""
    console.print(
        f"{quotes} quote{'s' * (quotes != 1)} in {docs} document{'s' * (docs != 1)} "
        f"({what or 'extracted only: no source was checked'})"
    )
