"""Find where a quote's words are in a source: seed with the index, verify with edlib.

A quote is first read for its editorial marks: an ellipsis splits it into segments that must
appear in order, `[I]f` is the word "if", `[sic]` is dropped, and a stand-alone bracket such
as `[in the country]` is the writer's insertion, which may stand where the source has a few
words of its own (or none). The longest segment is the anchor: the word 3-grams it shares
with the source vote for a position, the best few positions are verified with edlib's
semi-global alignment on a window (quote words coded 2.., unknown words 1, other source words
0), and the other segments are chained within a bounded distance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import edlib
from rapidfuzz.distance import Indel, Levenshtein

from verifier.match.index import SourceIndex, trigram_key
from verifier.match.normalize import Token, normalize, tokenize

ELLIPSIS_RE = re.compile(
    r"\[\s*(?:…|\.(?:\s?\.){2,})\s*\]|\(\s*(?:…|\.(?:\s?\.){2,})\s*\)|…|\.(?: ?\.){2,}"
)
BRACKET_RE = re.compile(r"\[([^\[\]]{1,120})\]")
# Brackets that carry no words of the speaker.
EDITORIAL_NOTES = frozenset(
    {"sic", "sic!", "emphasis added", "emphasis mine", "emphasis in original", "citation omitted"}
)
_ZW = "\u200b"  # dropped by normalisation; keeps offsets while erasing a character

Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class QuoteWord:
    key: str
    start: int  # span in the quote text as written
    end: int
    gap: str | None  # normalised characters up to the next word, None across a bracket


@dataclass(frozen=True, slots=True)
class Bracket:
    """A stand-alone editorial insertion, standing before word `at` of its segment."""

    at: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteSegment:
    text: str
    start: int
    end: int
    words: tuple[QuoteWord, ...]
    brackets: tuple[Bracket, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedQuote:
    text: str
    segments: tuple[QuoteSegment, ...]
    ellipses: tuple[str, ...]  # the marks that separated the segments, as written

    @property
    def word_count(self) -> int:
        return sum(len(s.words) for s in self.segments)


def parse_quote(text: str) -> ParsedQuote:
    """Split a quote at ellipses and resolve its square brackets."""
    masked, cuts, inserts = _mask(text)
    norm = normalize(masked)
    tokens = tokenize(norm.text)
    spans = [norm.to_original(t.start, t.end) for t in tokens]
    bounds = [0, *(x for cut in cuts for x in cut), len(text)]
    segments: list[QuoteSegment] = []
    ellipses: list[str] = []
    for r in range(len(cuts) + 1):
        lo, hi = bounds[2 * r], bounds[2 * r + 1]
        words: list[QuoteWord] = []
        brackets: list[Bracket] = []
        previous: Token | None = None
        for tok, (start, end) in zip(tokens, spans, strict=True):
            if not lo <= start < hi:
                continue
            box = next(((a, b) for a, b in inserts if a <= start < b), None)
            if box is not None:
                if not brackets or brackets[-1].start != box[0]:
                    brackets.append(Bracket(len(words), text[box[0] : box[1]], box[0], box[1]))
                previous = None  # no punctuation to compare across a bracket
                continue
            if words:
                gap = norm.text[previous.end : tok.start] if previous else None
                last = words[-1]
                words[-1] = QuoteWord(last.key, last.start, last.end, gap)
            words.append(QuoteWord(tok.key, start, end, None))
            previous = tok
        if words:
            if segments:
                ellipses.append(text[cuts[r - 1][0] : cuts[r - 1][1]])
            segments.append(
                QuoteSegment(text[lo:hi].strip(), lo, hi, tuple(words), tuple(brackets))
            )
    return ParsedQuote(text, tuple(segments), tuple(ellipses))


def _mask(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The quote with its editorial marks blanked out (same length), the ellipses' spans,
    and the spans of stand-alone bracketed insertions."""
    if "[" not in text and "…" not in text and ".." not in text and ". ." not in text:
        return text, [], []
    chars = list(text)
    cuts: list[tuple[int, int]] = []
    for m in ELLIPSIS_RE.finditer(text):
        cuts.append((m.start(), m.end()))
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    inserts: list[tuple[int, int]] = []
    for m in BRACKET_RE.finditer(text):
        if any(a <= m.start() < b for a, b in cuts):
            continue
        inner = m.group(1).strip().lower()
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if inner in EDITORIAL_NOTES:
            chars[m.start() : m.end()] = _ZW * (m.end() - m.start())
        elif before.isalnum() or after.isalnum():
            chars[m.start()] = chars[m.end() - 1] = _ZW  # [I]f, Uribe[’s]
        else:
            chars[m.start()] = chars[m.end() - 1] = " "
            inserts.append((m.start(), m.end()))
    return "".join(chars), cuts, inserts


@dataclass(frozen=True, slots=True)
class SegmentAlignment:
    """Where one segment was found: source tokens [first, stop) and the word opcodes."""

    segment: QuoteSegment
    first: int
    stop: int
    opcodes: tuple[Opcode, ...]
    equal: int  # quote words aligned to an identical source word

    @property
    def coverage(self) -> float:
        return self.equal / len(self.segment.words)


@dataclass(frozen=True, slots=True)
class AlignParams:
    """The search knobs (a subset of MatchConfig, kept here to avoid an import cycle)."""

    trigram_cap: int
    unigram_cap: int
    candidates: int
    max_gap_words: int
    bracket_gap_words: int
    reseed_below: float
    max_dropped_words: int


def align_quote(
    parsed: ParsedQuote, index: SourceIndex, params: AlignParams
) -> tuple[SegmentAlignment | None, ...]:
    """Best alignment of every segment, anchored on the longest one."""
    if not parsed.segments or not index.ids:
        return tuple(None for _ in parsed.segments)
    ids = [[index.word_id(w.key) for w in s.words] for s in parsed.segments]
    anchor = max(range(len(ids)), key=lambda i: len(ids[i]))
    found: list[SegmentAlignment | None] = [None] * len(ids)
    anchored = _locate(parsed.segments[anchor], ids[anchor], index, params)
    if anchored is not None:
        anchored = _extend(anchored, ids[anchor], index, params.max_dropped_words)
    found[anchor] = anchored
    if anchored is None:
        return tuple(found)
    reach = params.max_gap_words
    after = anchored
    for i in range(anchor + 1, len(ids)):
        lo = after.stop
        hi = min(len(index.ids), lo + reach + 2 * len(ids[i]))
        found[i] = _verify(parsed.segments[i], ids[i], index, lo, hi)
        after = found[i] or after
    before = anchored
    for i in range(anchor - 1, -1, -1):
        hi = before.first
        lo = max(0, hi - reach - 2 * len(ids[i]))
        found[i] = _verify(parsed.segments[i], ids[i], index, lo, hi)
        before = found[i] or before
    return tuple(found)


def _locate(
    segment: QuoteSegment, ids: list[int], index: SourceIndex, params: AlignParams
) -> SegmentAlignment | None:
    k = len(ids)
    tried: list[int] = []
    best: SegmentAlignment | None = None
    for seeds in (_trigram_seeds, _unigram_seeds):
        for diagonal in seeds(ids, index, params):
            if any(abs(diagonal - t) <= k // 2 + 2 for t in tried):
                continue
            tried.append(diagonal)
            if diagonal >= 0 and index.ids[diagonal : diagonal + k] == ids:
                opcodes: tuple[Opcode, ...] = (("equal", 0, k, 0, k),)
                return SegmentAlignment(segment, diagonal, diagonal + k, opcodes, k)
            slack = k // 2 + params.bracket_gap_words * len(segment.brackets) + 4
            lo, hi = max(0, diagonal - slack), min(len(index.ids), diagonal + k + slack)
            found = _verify(segment, ids, index, lo, hi)
            if found is not None and (best is None or _better(found, best)):
                best = found
            if len(tried) >= params.candidates * 2:
                break
        if best is not None and best.coverage >= params.reseed_below:
            break
    return best


def _better(a: SegmentAlignment, b: SegmentAlignment) -> bool:
    """More words in common; then a passage as long as the quote (a slip, not a drop)."""
    return _rank(a) > _rank(b)


def _rank(a: SegmentAlignment) -> tuple[int, int]:
    skipped = 0  # source words of the passage that no quote word stands for
    for tag, i1, i2, j1, j2 in a.opcodes:
        if tag == "insert" or tag == "replace":
            skipped += max(0, (j2 - j1) - (i2 - i1))
    return 2 * a.equal - skipped, -abs(a.stop - a.first - len(a.segment.words))


def _trigram_seeds(ids: list[int], index: SourceIndex, params: AlignParams) -> list[int]:
    """Diagonals (source position minus quote position) where quote 3-grams agree."""
    keys = [trigram_key(ids[i], ids[i + 1], ids[i + 2]) for i in range(len(ids) - 2)]
    votes: dict[int, int] = {}
    for i, positions in enumerate(index.trigram_positions(keys, params.trigram_cap)):
        if not (ids[i] and ids[i + 1] and ids[i + 2]):
            continue
        for p in positions:
            votes[p - i] = votes.get(p - i, 0) + 1
    return sorted(votes, key=lambda d: (-votes[d], d))[: params.candidates]


def _unigram_seeds(ids: list[int], index: SourceIndex, params: AlignParams) -> list[int]:
    """Diagonals where rare quote words agree, in buckets of 4 to tolerate small shifts."""
    votes: dict[int, float] = {}
    positions = index.positions
    for i, word in enumerate(ids):
        where = positions.get(word) if word else None
        if not where or len(where) > params.unigram_cap:
            continue
        weight = 1.0 / len(where)
        for p in where:
            bucket = (p - i) >> 2
            votes[bucket] = votes.get(bucket, 0.0) + weight
    if not votes:
        # Only common words: try where the rarest of them occurs.
        known = [(len(positions[w]), i, w) for i, w in enumerate(ids) if w in positions]
        if not known:
            return []
        _, i, word = min(known)
        return [p - i for p in positions[word][: params.candidates]]
    ranked = sorted(votes, key=lambda d: (-votes[d], d))[: params.candidates]
    return [bucket << 2 for bucket in ranked]


def _verify(
    segment: QuoteSegment,
    ids: list[int],
    index: SourceIndex,
    lo: int,
    hi: int,
) -> SegmentAlignment | None:
    """Best passage for the segment in source words [lo, hi).

    edlib's semi-global edit distance finds the passage fast, but it prefers substituting four
    words to skipping a five-word clause the writer dropped. So the longest common subsequence
    around it is tried too, and the passage that keeps more words (less what it skips) wins.
    """
    if hi <= lo:
        return None
    codes: dict[int, int] = {}
    query = []
    for word in ids:
        if word == 0:
            query.append(1)
        else:
            query.append(codes.setdefault(word, 2 + len(codes) % 254))
    window = index.ids[lo:hi]
    target = [codes.get(word, 0) for word in window]
    result = edlib.align(query, target, mode="HW", task="locations")
    spans = {
        (start, end + 1) for start, end in result.get("locations", [])[:4] if start is not None
    }
    if not spans:
        return None
    if result["editDistance"] > 0:
        left = max(0, min(a for a, _ in spans) - len(ids))
        right = min(len(window), max(b for _, b in spans) + len(ids))
        common = Indel.opcodes(ids, window[left:right])
        matched = [(op.dest_start, op.dest_end) for op in common if op.tag == "equal"]
        if matched:
            spans.add((left + matched[0][0], left + matched[-1][1]))
    best: SegmentAlignment | None = None
    for start, stop in spans:
        ops = Levenshtein.opcodes(ids, window[start:stop])
        opcodes = tuple(
            (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in ops
        )
        equal = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
        found = SegmentAlignment(segment, lo + start, lo + stop, opcodes, equal)
        if best is None or _better(found, best):
            best = found
    if best is None or best.equal == 0:
        return None
    return _trim(best)


def _extend(
    found: SegmentAlignment, ids: list[int], index: SourceIndex, reach: int
) -> SegmentAlignment:
    """Find unmatched words at the quote's ends a little further away, across a dropped clause.

    The window of `_verify` is about as long as the quote; when a writer dropped half a
    sentence, the quote's first (or last) words lie beyond it. If they occur verbatim (two
    words or more) within `reach` source words, the passage spans the drop, so the verdict
    can say "words dropped" instead of "content word replaced".
    """
    ops = found.opcodes
    head = ops[0][2] if ops[0][0] != "equal" else 0
    tail = len(ids) - ops[-1][1] if ops[-1][0] != "equal" else 0
    first, stop = found.first, found.stop
    if head >= 2:
        prefix = ids[:head]
        for p in range(first - head, max(-1, first - head - reach), -1):
            if index.ids[p : p + head] == prefix:
                first = p
                break
    if tail >= 2:
        suffix = ids[-tail:]
        for p in range(stop, min(len(index.ids) - tail, stop + reach) + 1):
            if index.ids[p : p + tail] == suffix:
                stop = p + tail
                break
    if (first, stop) == (found.first, found.stop):
        return found
    levenshtein = Levenshtein.opcodes(ids, index.ids[first:stop])
    opcodes = tuple((o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in levenshtein)
    equal = sum(o.src_end - o.src_start for o in levenshtein if o.tag == "equal")
    return SegmentAlignment(found.segment, first, stop, opcodes, equal)


def _trim(found: SegmentAlignment) -> SegmentAlignment:
    """Drop source words the alignment kept only at the passage's ends."""
    ops = list(found.opcodes)
    first, stop = found.first, found.stop
    while ops and ops[0][0] == "insert":
        first += ops[0][4] - ops[0][3]
        ops.pop(0)
    while ops and ops[-1][0] == "insert":
        stop -= ops[-1][4] - ops[-1][3]
        ops.pop()
    if not ops:
        return found
    shift = ops[0][3]
    shifted = tuple((t, i1, i2, j1 - shift, j2 - shift) for t, i1, i2, j1, j2 in ops)
    return SegmentAlignment(found.segment, first, stop, shifted, found.equal)
