"""One self-contained HTML file an editor opens offline: summary, filters, evidence.

Everything (CSS, JS) is inline and nothing is fetched, so the file works as a CI artifact
opened from disk. Filters live in the URL hash (`#verdict=misquoted,not_found&doc=a.md`) so a
link can point at a filtered view, and a headless browser test can drive them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from verifier._version import __version__
from verifier.models import DEFAULT_FAIL_ON, DiffOp, DiffOpKind, QuoteResult, Report, Verdict
from verifier.report._common import (
    VERDICT_LABEL,
    VERDICT_MEANING,
    VERDICT_ORDER,
    has_differences,
    reason_text,
    speaker_of,
)
from verifier.report.json import sorted_documents, sorted_quotes

if TYPE_CHECKING:
    import jinja2


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made (and jinja2 imported) by the first HTML report."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("verifier.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text on one side of the comparison; `changed` runs are highlighted."""

    text: str
    changed: bool


def sides(diff: Sequence[DiffOp]) -> tuple[list[Piece], list[Piece]]:
    """The quote's side and the source's side of a word diff, as highlighted runs."""
    quote: list[Piece] = []
    source: list[Piece] = []
    for op in diff:
        equal = op.op is DiffOpKind.EQUAL
        if op.quote:
            quote.append(Piece(op.quote, not equal))
        if op.source:
            source.append(Piece(op.source, not equal))
    return quote, source


# Characters that delimit a text directive; they must be percent-encoded inside one.
_FRAGMENT_SPECIAL = {"-": "%2D", ",": "%2C", "&": "%26"}
FRAGMENT_WORDS = 4


def _fragment_part(words: list[str]) -> str:
    encoded = quote(" ".join(words), safe="")
    for char, code in _FRAGMENT_SPECIAL.items():
        encoded = encoded.replace(char, code)
    return encoded


def text_fragment_url(url: str, passage: str) -> str:
    """The URL with a `#:~:text=start,end` text fragment: the browser opens at the passage.

    The first and last few words of the source's own passage, so the fragment matches the
    page even where the quote differs from it. An existing fragment is kept before it.
    """
    words = passage.split()
    if not words:
        return url
    if len(words) <= 2 * FRAGMENT_WORDS:
        directive = _fragment_part(words)
    else:
        start, end = words[:FRAGMENT_WORDS], words[-FRAGMENT_WORDS:]
        directive = f"{_fragment_part(start)},{_fragment_part(end)}"
    return f"{url}{'' if '#' in url else '#'}:~:text={directive}"


def unverifiable_text(q: QuoteResult) -> str:
    """Why there is no passage, honestly: a source that was read is not 'not checked'."""
    reason = reason_text(q)
    read = [c for c in q.candidates if c.verdict is not Verdict.UNVERIFIABLE]
    if read:
        return f"The source was read, but the quote could not be verified: {reason}."
    if not q.candidates:
        return f"No source to check: {reason}."
    return f"The source could not be read: {reason}."


def _timestamp(ts: str) -> str:
    if len(ts) >= 8 and ts[:8].isdigit():
        return f"{ts[:4]}-{ts[4:6]}-{ts[6:8]}"
    return ts


def _change_view(q: QuoteResult) -> dict[str, Any] | None:
    change = q.source_changed
    if change is None:
        return None
    old_side, new_side = sides(change.diff)
    return {"since": change.since, "old": old_side, "new": new_side}


def _quote_view(q: QuoteResult, fail_on: frozenset[Verdict]) -> dict[str, Any]:
    quote_side, source_side = sides(q.diff) if q.diff else ([], [])
    if not quote_side:
        quote_side = [Piece(q.quote.text, False)]
    if q.source is not None and not source_side:
        source_side = [Piece(q.source.passage, False)]
    source = None
    if q.source is not None:
        archived = None
        if q.source.archived is not None:
            archived = {
                "url": q.source.archived.url,
                "date": _timestamp(q.source.archived.timestamp),
            }
        url = q.source.final_url or q.source.url
        source = {
            "url": url,
            "passage_url": text_fragment_url(url, q.source.passage),
            "requested": q.source.url,
            "location": q.source.location,
            "archived": archived,
        }
    return {
        "id": q.id,
        "verdict": q.verdict.value,
        "label": VERDICT_LABEL[q.verdict],
        "finding": q.verdict in fail_on,
        "reason": reason_text(q),
        "unverifiable_text": unverifiable_text(q) if q.verdict is Verdict.UNVERIFIABLE else "",
        "score": None if q.score is None else f"{q.score:.2f}",
        "speaker": speaker_of(q),
        "mention": q.quote.speaker_mention.text if q.quote.speaker_mention else None,
        "kind": q.quote.kind.value,
        "line": q.line,
        "column": q.column,
        "quote_side": quote_side,
        "source_side": source_side,
        "changed": has_differences(q.diff),
        "source": source,
        "attribution": q.attribution,
        "source_changed": _change_view(q),
        "candidates": [
            {
                "url": c.candidate.url,
                "why": c.candidate.reason.value,
                "detail": c.candidate.detail,
                "verdict": VERDICT_LABEL[c.verdict],
                "reason": c.reason or "",
            }
            for c in q.candidates
        ],
    }


def format_html(
    report: Report,
    *,
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON,
    stale: Sequence[str] = (),
) -> str:
    """The report as one HTML page with no external resources."""
    counts = report.summary()
    documents = []
    # Findings first: the articles with findings lead, each in its usual order.
    ordered = sorted(
        sorted_documents(report),
        key=lambda d: not d.error and not any(q.verdict in fail_on for q in d.quotes),
    )
    for d in ordered:
        quotes = [_quote_view(q, fail_on) for q in sorted_quotes(d)]
        documents.append(
            {
                "path": d.path,
                "url": d.url,
                "title": d.title,
                "error": d.error,
                "notes": list(d.notes),
                "quotes": quotes,
                "findings": sum(1 for q in quotes if q["finding"]),
            }
        )
    findings = len(report.findings(fail_on))
    template = _environment().get_template("report.html.j2")
    return template.render(
        version=__version__,
        documents=documents,
        verdicts=[
            {
                "value": v.value,
                "label": VERDICT_LABEL[v],
                "meaning": VERDICT_MEANING[v],
                "count": counts[v.value],
                "fails": v in fail_on,
            }
            for v in VERDICT_ORDER
        ],
        total=sum(counts.values()),
        findings=findings,
        errors=len(report.errors),
        fail_on=sorted(v.value for v in fail_on),
        stale=sorted(stale),
    )
