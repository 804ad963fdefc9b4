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

import heapq
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import edlib
from rapidfuzz.distance import Indel, Levenshtein

from verifier.match.index import SourceIndex
from verifier.match.lexicon import SHORT_FORMS, with_signs
from verifier.match.normalize import Token, normalize, split_words, tokenize

ELLIPSIS_RE = re.compile(
    r"\[\s*(?:…|\.(?:\s?\.){2,})\s*\]|\(\s*(?:…|\.(?:\s?\.){2,})\s*\)|…|\.(?: ?\.){2,}"
)
BRACKET_RE = re.compile(r"\[([^\[\]]{1,120})\]")
# Brackets that carry no words of the speaker.
EDITORIAL_NOTES = frozenset(
    {"sic", "sic!", "emphasis added", "emphasis mine", "emphasis in original", "citation omitted"}
)
# The same notes set in parentheses, as many newsrooms write them: "(sic)".
PAREN_NOTE_RE = re.compile(
    r"\(\s*(?:" + "|".join(sorted(map(re.escape, EDITORIAL_NOTES))) + r")\s*\)", re.IGNORECASE
)
_ZW = "\u200b"  # dropped by normalisation; keeps offsets while erasing a character

Opcode = tuple[str, int, int, int, int]
ExpandFn = Callable[[list[str]], list[str]]
TRIGRAM_VOTERS = 16


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
    keys: tuple[str, ...]  # the words' comparison keys
    spans: tuple[tuple[int, int], ...]  # each word's span in the quote as written
    gaps: tuple[str | None, ...]  # normalised characters after each word; None: not compared
    brackets: tuple[Bracket, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedQuote:
    text: str
    segments: tuple[QuoteSegment, ...]
    ellipses: tuple[str, ...]  # the marks that separated the segments, as written
    notes: tuple[str, ...] = ()  # editorial notes left out, such as "[sic]"

    @property
    def word_count(self) -> int:
        return sum(len(s.keys) for s in self.segments)


def parse_quote(text: str, *, as_printed: bool = False) -> ParsedQuote:
    """Split a quote at ellipses and resolve its square brackets (or, `as_printed`, read
    both as the text's own characters: a quote that copies its source's "[…]" or "…")."""
    masked, cuts, inserts, notes = _mask(text, as_printed)
    norm = normalize(masked)
    if not cuts and not inserts:  # the common case: one segment, no brackets
        keys, between, bounds = split_words(norm.text)
        if not keys:
            return ParsedQuote(text, (), ())
        starts, ends = bounds[0::2], bounds[1::2]
        if norm.is_identity:
            word_spans = tuple(zip(starts, ends, strict=False))
        else:
            word_spans = tuple(map(norm.to_original, starts, ends))
        gaps = (*between[1:-1], None)
        segment = QuoteSegment(text.strip(), 0, len(text), tuple(keys), word_spans, gaps)
        return ParsedQuote(text, (segment,), (), tuple(notes))
    tokens = tokenize(norm.text)
    spans = [norm.to_original(start, end) for _, start, end in tokens]
    bounds = [0, *(x for cut in cuts for x in cut), len(text)]
    segments: list[QuoteSegment] = []
    ellipses: list[str] = []
    for r in range(len(cuts) + 1):
        lo, hi = bounds[2 * r], bounds[2 * r + 1]
        kept: list[tuple[Token, int, int, bool]] = []  # token, span, after a bracket
        brackets: list[Bracket] = []
        after_bracket = False
        for tok, (start, end) in zip(tokens, spans, strict=True):
            if not lo <= start < hi:
                continue
            box = next(((a, b) for a, b in inserts if a <= start < b), None) if inserts else None
            if box is None:
                kept.append((tok, start, end, after_bracket))
                after_bracket = False
            else:
                if not brackets or brackets[-1].start != box[0]:
                    brackets.append(Bracket(len(kept), text[box[0] : box[1]], box[0], box[1]))
                after_bracket = True
        if not kept:
            continue
        gaps = tuple(
            None if n + 1 == len(kept) or kept[n + 1][3] else norm.text[tok[2] : kept[n + 1][0][1]]
            for n, (tok, _, _, _) in enumerate(kept)
        )
        if segments:
            ellipses.append(text[cuts[r - 1][0] : cuts[r - 1][1]])
        segments.append(
            QuoteSegment(
                text[lo:hi].strip(),
                lo,
                hi,
                tuple(k[0][0] for k in kept),
                tuple((k[1], k[2]) for k in kept),
                gaps,
                tuple(brackets),
            )
        )
    return ParsedQuote(text, tuple(segments), tuple(ellipses), tuple(notes))


def _mask(
    text: str, as_printed: bool = False
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]], list[str]]:
    """The quote with its editorial marks blanked out (same length), the ellipses' spans,
    the spans of stand-alone bracketed insertions, and the notes ([sic]) left out."""
    marked = "[" in text or "…" in text or ".." in text or ". ." in text
    if not marked and ("(" not in text or not PAREN_NOTE_RE.search(text)):
        return text, [], [], []
    chars = list(text)
    cuts: list[tuple[int, int]] = []
    for m in () if as_printed else ELLIPSIS_RE.finditer(text):
        cuts.append((m.start(), m.end()))
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    inserts: list[tuple[int, int]] = []
    notes: list[str] = []
    for m in PAREN_NOTE_RE.finditer(text):
        chars[m.start() : m.end()] = _ZW * (m.end() - m.start())
        notes.append(m.group())
    for m in BRACKET_RE.finditer(text):
        if any(a <= m.start() < b for a, b in cuts):
            continue
        inner = m.group(1).strip().lower()
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if inner in EDITORIAL_NOTES:
            chars[m.start() : m.end()] = _ZW * (m.end() - m.start())
            notes.append(m.group())
        elif as_printed:
            continue
        elif before.isalnum() or after.isalnum():
            chars[m.start()] = chars[m.end() - 1] = _ZW  # [I]f, Uribe[’s]
        else:
            chars[m.start()] = chars[m.end() - 1] = " "
            inserts.append((m.start(), m.end()))
    return "".join(chars), cuts, inserts, notes


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
        return self.equal / len(self.segment.keys)


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
    vocabulary = index.vocabulary
    ids = [list(map(vocabulary.get, s.keys, itertools.repeat(0))) for s in parsed.segments]
    anchor = max(range(len(ids)), key=lambda i: len(ids[i]))
    several = len(ids) > 1  # a segment may occur twice: keep the chain that holds together
    best: tuple[SegmentAlignment | None, ...] = tuple(None for _ in ids)
    best_rank = (-1, -1, 0)
    for anchored in _locate(parsed.segments[anchor], ids[anchor], index, params, several):
        anchored = _extend(anchored, ids[anchor], index, params.max_dropped_words)
        chain = _chain(parsed, ids, anchor, anchored, index, params)
        found = [a for a in chain if a is not None]
        rank = (len(found), sum(a.equal for a in found), found[0].first - found[-1].stop)
        if rank > best_rank:
            best, best_rank = chain, rank
    return best


def _chain(
    parsed: ParsedQuote,
    ids: list[list[int]],
    anchor: int,
    anchored: SegmentAlignment,
    index: SourceIndex,
    params: AlignParams,
) -> tuple[SegmentAlignment | None, ...]:
    """The other segments, each found in order within a bounded distance of its neighbour."""
    found: list[SegmentAlignment | None] = [None] * len(ids)
    found[anchor] = anchored
    after = anchored
    for i in range(anchor + 1, len(ids)):
        found[i] = _near(parsed.segments[i], ids[i], index, params, after.stop, forward=True)
        after = found[i] or after
    before = anchored
    for i in range(anchor - 1, -1, -1):
        found[i] = _near(parsed.segments[i], ids[i], index, params, before.first, forward=False)
        before = found[i] or before
    return tuple(found)


def _near(
    segment: QuoteSegment,
    ids: list[int],
    index: SourceIndex,
    params: AlignParams,
    at: int,
    forward: bool,
) -> SegmentAlignment | None:
    """The segment just after (or before) source position `at`: a short look first, since
    most ellipses leave out a few words, then as far as `max_gap_words`."""
    found = None
    for reach in (2 * len(ids) + 20, params.max_gap_words + 2 * len(ids)):
        lo, hi = (at, at + reach) if forward else (at - reach, at)
        lo, hi = max(0, lo), min(len(index.ids), hi)
        found = _verify(segment, ids, index, lo, hi, nearest=at)
        if found is not None and found.coverage >= params.reseed_below:
            return found
    return found


def _locate(
    segment: QuoteSegment,
    ids: list[int],
    index: SourceIndex,
    params: AlignParams,
    several: bool = False,
) -> list[SegmentAlignment]:
    """Verify the best-voted positions: 3-gram votes first, rare single words if weak.

    Gives the best alignment, or with `several` every exact one among the candidates.
    """
    k = len(ids)
    tried: list[int] = []
    best: SegmentAlignment | None = None
    exact: list[SegmentAlignment] = []
    for seeds in (_trigram_seeds, _unigram_seeds):
        ranked = seeds(ids, index, params)
        for n, (diagonal, votes) in enumerate(ranked):
            if any(abs(diagonal - t) <= k // 2 + 2 for t in tried):
                continue
            tried.append(diagonal)
            if diagonal >= 0 and index.ids[diagonal : diagonal + k] == ids:
                opcodes: tuple[Opcode, ...] = (("equal", 0, k, 0, k),)
                exact.append(SegmentAlignment(segment, diagonal, diagonal + k, opcodes, k))
                if not several:
                    return exact
                continue
            slack = k // 2 + params.bracket_gap_words * len(segment.brackets) + 4
            lo, hi = max(0, diagonal - slack), min(len(index.ids), diagonal + k + slack)
            found = _verify_window(segment, ids, index, lo, hi, diagonal)
            if found is None or _ragged(found):
                careful = _verify(segment, ids, index, lo, hi)
                if careful is not None and (found is None or _better(careful, found)):
                    found = careful
            if found is not None and (best is None or _better(found, best)):
                best = found
            runner_up = ranked[n + 1][1] if n + 1 < len(ranked) else 0.0
            good = best is not None and best.coverage >= params.reseed_below
            if good and runner_up < votes / 2 and not exact:
                return [best] if best else []  # a clear winner: the other positions are chance
        if exact or (best is not None and best.coverage >= params.reseed_below):
            break
    return exact or ([best] if best else [])


def _better(a: SegmentAlignment, b: SegmentAlignment) -> bool:
    """More words in common; then a passage as long as the quote (a slip, not a drop)."""
    return _rank(a) > _rank(b)


def _rank(a: SegmentAlignment) -> tuple[int, int]:
    """Words kept, less source words skipped; then fewer quote words standing for nothing."""
    skipped = unpaired = 0
    for tag, i1, i2, j1, j2 in a.opcodes:
        if tag != "equal":
            skipped += max(0, (j2 - j1) - (i2 - i1))
            unpaired += max(0, (i2 - i1) - (j2 - j1))
    return 2 * a.equal - skipped, -unpaired


def _trigram_seeds(
    ids: list[int], index: SourceIndex, params: AlignParams
) -> list[tuple[int, float]]:
    """Diagonals (source position minus quote position) where quote 3-grams agree.

    A long quote votes with at most `TRIGRAM_VOTERS` of its 3-grams, spread along it: enough
    to outvote chance, and the cost stays flat in the quote's length. (A word the source
    never uses has id 0, so its 3-grams find nothing.)
    """
    step = max(1, (len(ids) - 2) // TRIGRAM_VOTERS)
    starts = range(0, len(ids) - 2, step)
    keys = [(ids[i] << 42) | (ids[i + 1] << 21) | ids[i + 2] for i in starts]
    votes: dict[int, float] = {}
    for i, positions in zip(starts, index.trigram_positions(keys, params.trigram_cap), strict=True):
        for p in positions:
            votes[p - i] = votes.get(p - i, 0.0) + 1.0
    top = heapq.nlargest(params.candidates, votes.items(), key=_votes)
    return [(d, v) for d, v in top]


def _votes(item: tuple[int, float]) -> float:
    return item[1]


def _unigram_seeds(
    ids: list[int], index: SourceIndex, params: AlignParams
) -> list[tuple[int, float]]:
    """Diagonals where the quote's rarest words agree, in buckets of 4 (small shifts); each
    bucket's diagonal is its rarest word's own, so an exact passage is tried exactly."""
    positions = index.positions
    known = sorted((len(positions[w]), i, w) for i, w in enumerate(ids) if w in positions)
    if not known:
        return []
    rare = [(i, w) for count, i, w in known[:12] if count <= params.unigram_cap]
    if not rare:  # only common words: try where the rarest of them occurs
        _, i, word = known[0]
        return [(p - i, 0.0) for p in positions[word][: params.candidates]]
    votes: dict[int, float] = {}
    diagonals: dict[int, int] = {}
    for i, word in rare:  # rarest first
        where = positions[word]
        weight = 1.0 / len(where)
        for p in where:
            bucket = (p - i) >> 2
            votes[bucket] = votes.get(bucket, 0.0) + weight
            diagonals.setdefault(bucket, p - i)
    top = heapq.nlargest(params.candidates, votes.items(), key=_votes)
    return [(diagonals[bucket], v) for bucket, v in top]


def _verify(
    segment: QuoteSegment,
    ids: list[int],
    index: SourceIndex,
    lo: int,
    hi: int,
    nearest: int | None = None,
) -> SegmentAlignment | None:
    """Best passage for the segment in source words [lo, hi); of equals, the nearest one.

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
    target = list(map(codes.get, window, itertools.repeat(0, len(window))))
    result = edlib.align(query, target, mode="HW", task="locations")
    locations = [(a, b + 1) for a, b in result.get("locations", []) if a is not None]
    if nearest is not None:
        locations.sort(key=lambda loc: abs(lo + loc[0] - nearest))
    spans = set(locations[:4])
    if not spans:
        return None
    if result["editDistance"] > 1:  # one edit cannot hide a dropped clause
        left = max(0, min(a for a, _ in spans) - len(ids))
        right = min(len(window), max(b for _, b in spans) + len(ids))
        common = Indel.opcodes(ids, window[left:right])
        matched = [(op.dest_start, op.dest_end) for op in common if op.tag == "equal"]
        if matched:
            spans.add((left + matched[0][0], left + matched[-1][1]))
    order = sorted(spans, key=lambda sp: abs(lo + sp[0] - nearest) if nearest is not None else 0)
    return _best_span(segment, ids, window, lo, order)


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
    opcodes = _opcodes(ids, index.ids[first:stop])
    equal = sum(op[2] - op[1] for op in opcodes if op[0] == "equal")
    return SegmentAlignment(found.segment, first, stop, opcodes, equal)


def _opcodes(quote: list[int], passage: list[int]) -> tuple[Opcode, ...]:
    """Word-level edit operations turning the quote into the passage."""
    # as_list() gives plain (tag, i1, i2, j1, j2) tuples, whatever rapidfuzz's stubs say.
    return tuple(cast(list[Opcode], Levenshtein.opcodes(quote, passage).as_list()))


def _verify_window(
    segment: QuoteSegment, ids: list[int], index: SourceIndex, lo: int, hi: int, diagonal: int
) -> SegmentAlignment | None:
    """Best passage in a window around a voted diagonal, without edlib (it is the hot path).

    Two candidates: the words on the diagonal, aligned as they stand (substitutions), and
    the global alignment of the quote with the whole window, whose surplus source words at
    either end are trimmed (it keeps every word it can, so it spans a dropped clause).
    """
    window = index.ids[lo:hi]
    k = len(ids)
    spans = {(max(0, diagonal - lo), min(len(window), diagonal - lo + k))}
    ops = _opcodes(ids, window)
    first = 0
    while first < len(ops) and ops[first][0] == "insert":
        first += 1
    last = len(ops) - 1
    while last > first and ops[last][0] == "insert":
        last -= 1
    if first <= last:
        spans.add((ops[first][3], ops[last][4]))
    # The global alignment may match the quote's first or last word to a stray copy a few
    # words away ("a" … "a doctor"): also try the span of its long equal runs, widened by as
    # many words as the quote has outside them.
    runs = [op for op in ops if op[0] == "equal" and op[2] - op[1] >= 3]
    if runs:
        start = max(0, runs[0][3] - runs[0][1])
        stop = min(len(window), runs[-1][4] + (k - runs[-1][2]))
        spans.add((start, stop))
    return _best_span(segment, ids, window, lo, spans)


def _best_span(
    segment: QuoteSegment,
    ids: list[int],
    window: list[int],
    lo: int,
    spans: Iterable[tuple[int, int]],
) -> SegmentAlignment | None:
    """Align the quote with each candidate span of the window; the best one, trimmed."""
    best: SegmentAlignment | None = None
    for start, stop in spans:
        if stop <= start:
            continue
        opcodes = _opcodes(ids, window[start:stop])
        equal = sum(op[2] - op[1] for op in opcodes if op[0] == "equal")
        found = SegmentAlignment(segment, lo + start, lo + stop, opcodes, equal)
        if best is None or _better(found, best):
            best = found
    if best is None or best.equal == 0:
        return None
    return _trim(best)


def _ragged(found: SegmentAlignment) -> bool:
    """The quick alignment left a quote word unmatched at an end: ask edlib too."""
    return found.opcodes[0][0] != "equal" or found.opcodes[-1][0] != "equal"


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


# At most this many quote words before (after) its first (last) run of equal words are
# fitted: "we are going to" spelt out is 4, for the source's "we're gonna".
_EDGE_WORDS = 4


def fit_edges(found: SegmentAlignment, index: SourceIndex, expand: ExpandFn) -> SegmentAlignment:
    """Move the passage's ends so that a contraction at either end covers its whole expansion.

    The alignment keeps the most words equal, so "We're going" against "We are going" starts
    at "are" (one word replaced) rather than at "We" (one replaced, one skipped), "We have
    got" against "who we are. We've got" starts at the wrong "we", and "I am 74" against
    "I am very hurt … I'm 74" reaches back to an earlier "I am". Here the quote's words
    before its first run of 3 equal words (after its last, at the end), contractions spelt
    out, are looked for right before (after) that run; words the quote doubles at its start
    stand for nothing in the source.
    """
    keys, ops = found.segment.keys, found.opcodes
    if len(ops) == 1:
        return found  # one run of equal words: nothing to fit
    runs = [op for op in ops if op[0] == "equal" and op[2] - op[1] >= 3]
    if not runs:
        return found

    def source(a: int, b: int) -> list[str]:
        return expand(with_signs(index.keys[a:b], index.gaps(a, b)))

    first, stop = found.first, found.stop
    head, anchor = runs[0][1], found.first + runs[0][3]
    quote = expand(with_signs(keys[:head], found.segment.gaps[:head]))
    if 0 < head <= _EDGE_WORDS and source(first, anchor) != quote:
        for p in range(max(0, anchor - head - 2), anchor):
            if source(p, anchor) == quote:
                first = p
                break
        else:
            if keys[:head] == keys[head : 2 * head]:
                first = anchor  # "The The opening": the quote doubled its first words
    tail, anchor = len(keys) - runs[-1][2], found.first + runs[-1][4]
    quote = expand(with_signs(keys[len(keys) - tail :], found.segment.gaps[len(keys) - tail :]))
    if 0 < tail <= _EDGE_WORDS and source(anchor, stop) != quote:
        for q in range(min(len(index.keys), anchor + tail + 2), anchor, -1):
            if source(anchor, q) == quote:
                stop = q
                break
    return _refit(found, index, first, stop)


def _refit(found: SegmentAlignment, index: SourceIndex, first: int, stop: int) -> SegmentAlignment:
    """The segment aligned again with the passage `first:stop`, unless that loses more than
    the words of a contraction."""
    if (first, stop) == (found.first, found.stop):
        return found
    ids = [index.word_id(k) for k in found.segment.keys]
    opcodes = _opcodes(ids, index.ids[first:stop])
    equal = sum(op[2] - op[1] for op in opcodes if op[0] == "equal")
    if equal < found.equal - 3:  # the words of a contraction at most
        return found
    return SegmentAlignment(found.segment, first, stop, opcodes, equal)


# A sentence's end in a gap: its mark, closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")


def keep_to_sentences(found: SegmentAlignment, index: SourceIndex) -> SegmentAlignment:
    """Leave out the source words an end replacement takes across a sentence end the quote
    does not have: "… winter comes, um." against "… winter comes. Another …" is "um" added,
    not "um" for "Another"; "Twenty-five people" against "… here. 25 people" starts at "25"."""
    ops, gaps = found.opcodes, found.segment.gaps
    if len(ops) < 2:
        return found
    first, stop = found.first, found.stop
    tag, i1, i2, j1, j2 = ops[-1]
    if tag == "replace" and not _ends_sentence_in(gaps[max(0, i1 - 1) : i2 - 1]):
        ends = [k for k in range(first + j1 - 1, first + j2 - 1) if _source_ends(index, k)]
        stop = ends[0] + 1 if ends else stop
    tag, i1, i2, j1, j2 = ops[0]
    if tag == "replace" and not _ends_sentence_in(gaps[i1:i2]):
        ends = [k for k in range(first + j1, first + j2) if _source_ends(index, k)]
        first = ends[-1] + 1 if ends else first
    return _refit(found, index, first, stop)


def _ends_sentence_in(gaps: Sequence[str | None]) -> bool:
    return any(gap and _SENTENCE_END.search(gap + " ") for gap in gaps)


def _source_ends(index: SourceIndex, k: int) -> bool:
    """A sentence ends after source word k (not the dot of "Mr." or of an initial)."""
    if k < 0 or not _SENTENCE_END.match(index.gap(k)):
        return False
    return len(index.keys[k]) > 1 and index.keys[k] not in SHORT_FORMS
