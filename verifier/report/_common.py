"""Wording and ordering shared by the human-readable formats, so they never disagree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath

from verifier.models import DiffOp, DiffOpKind, QuoteResult, Report, Verdict

# Display order: worst first, the way an editor reads a report.
VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.MISQUOTED,
    Verdict.NOT_FOUND,
    Verdict.UNVERIFIABLE,
    Verdict.MINOR_DIFFERENCE,
    Verdict.VERIFIED,
    Verdict.IGNORED,
)

VERDICT_LABEL: dict[Verdict, str] = {
    Verdict.VERIFIED: "verified",
    Verdict.MINOR_DIFFERENCE: "minor difference",
    Verdict.MISQUOTED: "misquoted",
    Verdict.NOT_FOUND: "not found",
    Verdict.UNVERIFIABLE: "unverifiable",
    Verdict.IGNORED: "ignored",
}

VERDICT_MEANING: dict[Verdict, str] = {
    Verdict.VERIFIED: "the words are in the source; only typography differs",
    Verdict.MINOR_DIFFERENCE: "found, with small differences that do not change the meaning",
    Verdict.MISQUOTED: "the closest passage differs in substance",
    Verdict.NOT_FOUND: "the source was read and nothing close enough is in it",
    Verdict.UNVERIFIABLE: "no source to check, or it could not be read",
    Verdict.IGNORED: "suppressed by a comment, the configuration or the baseline",
}


def speaker_of(q: QuoteResult) -> str:
    """The resolved speaker, else the words of the attribution, else a dash."""
    if q.quote.speaker:
        return q.quote.speaker
    if q.quote.speaker_mention is not None:
        return q.quote.speaker_mention.text
    return "—"


def source_url(q: QuoteResult) -> str | None:
    """The URL the verdict rests on: the evidence's, else the first candidate tried."""
    if q.source is not None:
        return q.source.final_url or q.source.url
    if q.candidates:
        return q.candidates[0].candidate.url
    return None


def reason_text(q: QuoteResult) -> str:
    """A reason for every verdict that needs one (an unverifiable never goes unexplained)."""
    if q.reason:
        return q.reason
    if q.verdict is Verdict.UNVERIFIABLE:
        return "no reason given"
    return ""


def message(q: QuoteResult) -> str:
    """One line for annotations: verdict, reason, speaker, quote and source."""
    parts = [VERDICT_LABEL[q.verdict]]
    reason = reason_text(q)
    if reason:
        parts[0] += f" ({reason})"
    text = f"{parts[0]}: “{shorten(q.quote.text, 160)}”"
    speaker = speaker_of(q)
    if speaker != "—":
        text += f" — {speaker}"
    url = source_url(q)
    if url:
        text += f"; source {url}"
    return text


def plain_diff(diff: Iterable[DiffOp]) -> str:
    """A word diff as plain text: `[-quote words-] {+source words+}` (git's word-diff style)."""
    parts: list[str] = []
    for op in diff:
        if op.op is DiffOpKind.EQUAL:
            parts.append(op.quote)
            continue
        if op.quote:
            parts.append("[-" + op.quote + "-]")
        if op.source:
            parts.append("{+" + op.source + "+}")
    return " ".join(parts)


def evidence_lines(q: QuoteResult) -> list[str]:
    """What a reviewer needs besides the verdict: the source's own words and the diff."""
    lines: list[str] = []
    if q.source is not None and q.verdict is not Verdict.VERIFIED:
        lines.append(f"Source says: “{shorten(q.source.passage, 300)}”")
    if has_differences(q.diff):
        lines.append("Diff (quote → source): " + plain_diff(q.diff))
    return lines


def shorten(text: str, width: int) -> str:
    """Collapse whitespace and cut at `width` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def has_differences(diff: Iterable[DiffOp]) -> bool:
    return any(op.op is not DiffOpKind.EQUAL for op in diff)


def unverifiable_reasons(report: Report) -> list[tuple[str, int]]:
    """Unverifiable quotes grouped by reason, most frequent first (ties by name)."""
    counts = Counter(
        reason_text(q) for q in report.all_quotes() if q.verdict is Verdict.UNVERIFIABLE
    )
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def repo_path(path: str) -> str:
    """A document path as code-review tools want it: relative, with forward slashes.

    An absolute path under the working directory becomes relative to it; any other absolute
    path is kept (tools then cannot annotate it, but the location is still exact).
    """
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = pure.relative_to(Path.cwd())
        except ValueError:
            return pure.as_posix()
    return pure.as_posix().removeprefix("./")
