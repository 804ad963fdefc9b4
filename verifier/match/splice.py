"""Quotes joined from several places of the source, without an ellipsis.

A writer may run the first half of one sentence into the second half of another, or two
sentences far apart into one. Each part is verbatim in the source, so the alignment of the
whole finds neither a passage nor a clean misquote. Here the quote is covered, left to right,
by the longest runs of its words that occur verbatim in the source; when two runs or more
cover it and they stand apart (out of order, across a sentence end, or far away), the quote
is `misquoted` with the reason "joined from N places", and every part has its own passage.
A few words dropped inside one sentence are not a splice: the matcher calls them
"words dropped".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from verifier.match.align import ParsedQuote
from verifier.match.index import SourceIndex
from verifier.models import DiffOp, DiffOpKind, MatchResult, SegmentMatch, Verdict

MIN_PART_WORDS = 3  # a shorter run is as likely chance as a part
MAX_PARTS = 4
SEED_CAP = 16  # a 3-gram more frequent than this seeds no part (and costs time)
_SENTENCE_END = re.compile(r"[.!?]")


@dataclass(frozen=True, slots=True)
class Part:
    """Quote words [start, stop) found verbatim at source words [first, first + length)."""

    start: int
    stop: int
    first: int

    @property
    def last(self) -> int:
        return self.first + self.stop - self.start - 1


def find_parts(ids: list[int], index: SourceIndex) -> list[Part] | None:
    """The longest verbatim runs covering the quote's words, left to right (None if none do)."""
    parts: list[Part] = []
    i = 0
    while i < len(ids):
        part = _longest_run(ids, i, index, parts[-1].last + 1 if parts else 0)
        if part is None or len(parts) == MAX_PARTS:
            return None
        parts.append(part)
        i = part.stop
    return parts


def _longest_run(ids: list[int], i: int, index: SourceIndex, near: int) -> Part | None:
    if i + MIN_PART_WORDS > len(ids) or 0 in ids[i : i + MIN_PART_WORDS]:
        return None
    key = (ids[i] << 42) | (ids[i + 1] << 21) | ids[i + 2]
    best: Part | None = None
    source = index.ids
    for p in index.trigram_positions([key], SEED_CAP)[0]:
        lo, hi = 3, len(ids) - i  # longest common run, by halving (slices compare in C)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if source[p : p + mid] == ids[i : i + mid]:
                lo = mid
            else:
                hi = mid - 1
        n = lo
        better = best is None or n > best.stop - best.start
        tie = best is not None and n == best.stop - best.start
        if better or (tie and best is not None and abs(p - near) < abs(best.first - near)):
            best = Part(i, i + n, p)
    return best


def apart(parts: list[Part], index: SourceIndex, max_gap_words: int) -> bool:
    """The parts stand in different places: out of order, across a sentence end, or far."""
    for a, b in itertools.pairwise(parts):
        if b.first <= a.last or b.first - a.last - 1 > max_gap_words:
            return True
        start, _ = index.span(a.last, a.last)
        end, _ = index.span(b.first, b.first)
        if _SENTENCE_END.search(index.text[start:end]):
            return True
    return False


def splice_result(
    parsed: ParsedQuote, index: SourceIndex, max_gap_words: int
) -> MatchResult | None:
    """`misquoted`, "joined from N places", when the quote is a splice of verbatim parts."""
    if len(parsed.segments) != 1:
        return None
    segment = parsed.segments[0]
    vocabulary = index.vocabulary
    ids = [vocabulary.get(k, 0) for k in segment.keys]
    if 0 in ids:
        return None  # a word the source never uses: not made of the source's words
    parts = find_parts(ids, index)
    if parts is None or len(parts) < 2 or not apart(parts, index, max_gap_words):
        return None
    segments: list[SegmentMatch] = []
    diff: list[DiffOp] = []
    for part in parts:
        text = parsed.text[segment.spans[part.start][0] : segment.spans[part.stop - 1][1]]
        start, end = index.span(part.first, part.last)
        passage = index.text[start:end]
        segments.append(SegmentMatch(text, True, start, end, 1.0, passage))
        if diff:
            diff.append(DiffOp(DiffOpKind.EQUAL, " ", " … "))
        diff.append(DiffOp(DiffOpKind.EQUAL, text, passage))
    first, last = segments[0], segments[-1]
    assert first.start is not None and first.end is not None and last.end is not None
    # The evidence passage runs from the first part to the last when they are close and in
    # order; otherwise it is the first part (each part's passage is in `segments`).
    close = 0 <= last.end - first.start <= 1500
    start, end = first.start, last.end if close else first.end
    return MatchResult(
        Verdict.MISQUOTED,
        round(sum(p.stop - p.start for p in parts) / len(ids), 3),
        f"joined from {len(parts)} places",
        start,
        end,
        index.text[start:end],
        tuple(diff),
        tuple(segments),
        ("joined from several places",),
    )
