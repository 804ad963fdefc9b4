"""Turn an alignment into what an editor needs: a verdict, the kind of change, a diff.

Each run of differing words is judged as a unit: if its letters are the same (a hyphen or a
split word) it is typography; two words swapped, a contraction, a spelling slip, an article
or a preposition, a comma, keep the meaning (`minor_difference`); a number, a negation, a
content word, a dropped or added clause change it (`misquoted`). Short quotes are weak
evidence: a loose match of five words is as likely chance as a misquote, so it is reported
as not found rather than as a misquote.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import Match, SequenceMatcher

from rapidfuzz import fuzz

from verifier.match.align import (
    AlignParams,
    Opcode,
    ParsedQuote,
    SegmentAlignment,
    fit_edges,
    keep_to_sentences,
)
from verifier.match.index import SourceIndex
from verifier.match.lexicon import (
    date_word,
    expand,
    is_content_word,
    is_negation,
    is_number,
    numerals,
    same_numbers,
)
from verifier.match.normalize import normalize, split_words
from verifier.match.rules import (
    AROUND,
    HARMLESS,
    PUNCTUATION,
    Edit,
    harmless_kind,
    in_context_kind,
    is_date_order,
    is_slip,
    long_forms,
    replacement_kind,
    substantive_kind,
)
from verifier.models import DiffOp, DiffOpKind, MatchResult, SegmentMatch, Verdict, WordEdit


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Thresholds of the matcher, calibrated with bench/matching.py (docs/benchmarks.md)."""

    # A passage is "found" when this share of the quote's words is in it, in order...
    min_coverage: float = 0.6
    # ...and it shares a run of this many consecutive words with the quote (or all of it).
    min_run: int = 3
    # Below this many words `not_found` is weak evidence (chance, or a quote too short to
    # locate); from `short_misquote_words` words, a passage with all words but one is a
    # misquote ("lost to Canada" for "lost from Canada").
    short_quote_words: int = 6
    short_misquote_words: int = 3
    # A misquote keeping less than this share of the words is also called a paraphrase.
    paraphrase_below: float = 0.7
    # ...and so is one with this many separate changes of meaning.
    paraphrase_changes: int = 3
    # Ellipsis segments must follow each other within this many source words.
    max_ellipsis_gap_words: int = 400
    # An ellipsis over this many source words or fewer must not hide a negation.
    ellipsis_negation_words: int = 6
    # A stand-alone [bracket] may stand for up to this many words of the source.
    bracket_gap_words: int = 8
    # Search knobs: 3-grams more frequent than this do not vote; words likewise.
    trigram_cap: int = 32
    unigram_cap: int = 200
    candidates: int = 3
    # When the best 3-gram candidate keeps less than this share, try single-word seeds.
    reseed_below: float = 0.8
    # Quote words found this many source words away from the rest mean a dropped clause.
    max_dropped_words: int = 60

    def align_params(self) -> AlignParams:
        return AlignParams(
            trigram_cap=self.trigram_cap,
            unigram_cap=self.unigram_cap,
            candidates=self.candidates,
            max_gap_words=self.max_ellipsis_gap_words,
            bracket_gap_words=self.bracket_gap_words,
            reseed_below=self.reseed_below,
            max_dropped_words=self.max_dropped_words,
        )


DEFAULT_CONFIG = MatchConfig()

# Change kinds, most serious first. Those in SEVERE make a misquote, those in MINOR (the
# closed list of `rules.HARMLESS`, and punctuation) a minor difference; the rest
# ("typography", "editorial brackets") leave a quote verified.
SEVERE = (
    "negation added",
    "negation dropped",
    "number changed",
    "date changed",
    "joined from several places",
    "segment not found",
    "paraphrase",
    "preposition changed",
    "pronoun changed",
    "auxiliary changed",
    "quantifier changed",
    "real word changed",
    "word order",
    "content word replaced",
    "words dropped",
    "words added",
)
MINOR = (*(rule.kind for rule in HARMLESS), PUNCTUATION.kind)
BENIGN = ("typography", "editorial brackets")
_RANK = {kind: i for i, kind in enumerate(SEVERE + MINOR + BENIGN)}
_PUNCT_IGNORED = str.maketrans("", "", " \t\n\r\"'-—")
_SPACES = str.maketrans("", "", " \t\n\r")


# What `block_kind` may say of words judged alone, that the words around may explain.
_WORDS_ALONE = (None, "number changed", "date changed", "negation added", "negation dropped")


def _one_swap(a: list[str], b: list[str]) -> bool:
    """b is a with exactly one pair of adjacent words swapped."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]


def block_kind(quote: list[str], source: list[str]) -> str | None:
    """A kind that explains the whole run of differing words at once, if one does."""
    if "".join(quote) == "".join(source):
        return "typography"
    if expand(quote) == expand(source):
        return "contraction"
    if same_numbers(quote, source):
        return "numeral"
    if is_date_order(tuple(quote), tuple(source)):
        return "date order"  # "5 January" for "January 5": a style, not a swap of words
    if len(quote) == len(source) and _one_swap(quote, source):
        return "word order"
    if not (quote and source) and max(len(quote), len(source)) > 2:
        return None  # a whole clause dropped or added, "not" or number included: a clause
    negations = sum(map(is_negation, expand(quote))) - sum(map(is_negation, expand(source)))
    if negations:
        return "negation added" if negations > 0 else "negation dropped"
    if _numbers(quote) != _numbers(source):
        return "number changed"
    if _dates(quote) != _dates(source):
        slips = len(quote) == len(source) and all(
            q == s or is_slip(q, s) for q, s in zip(quote, source, strict=True)
        )
        return None if slips else "date changed"  # "Tuesady" for "Tuesday" is a slip
    return None


def _numbers(words: list[str]) -> list[str]:
    return sorted(w for w in numerals(words) if is_number(w))


def _dates(words: list[str]) -> list[str]:
    """The date words, short forms read as the word (`Jan.` is January: no date changed)."""
    return sorted(d for d in map(date_word, words) if d is not None)


def edit_kind(edit: Edit) -> str:
    """The kind of one edit: a harmless rule's, or else the substantive kind."""
    return harmless_kind(edit) or substantive_kind(edit)


def punctuation_differs(quote_gap: str, source_gap: str) -> bool:
    """Punctuation between two words differs beyond quote marks, spaces and hyphens.

    A hyphen, a dash written any way, or a space between two words are typography, except
    that a dash where the other text has nothing at all is punctuation ("and — then").
    """
    if quote_gap.translate(_PUNCT_IGNORED) != source_gap.translate(_PUNCT_IGNORED):
        return True
    return {_dash(quote_gap), _dash(source_gap)} == {0, 2}


def _dash(gap: str) -> int:
    """0: no dash, 1: a hyphen joining two words, 2: a dash between clauses."""
    if "—" in gap or "--" in gap:
        return 2
    if "-" in gap:
        return 2 if " -" in gap or "- " in gap else 1  # "and - then" is a dash
    return 0


@dataclass(frozen=True, slots=True)
class Judged:
    """What one aligned segment shows: kinds of change, diff, longest equal run."""

    changes: tuple[str, ...]
    diff: tuple[DiffOp, ...]
    run: int
    edits: tuple[WordEdit, ...] = ()


_KIND = {"replace": DiffOpKind.REPLACE, "delete": DiffOpKind.INSERT, "insert": DiffOpKind.DELETE}


def judge_segment(
    found: SegmentAlignment, quote: str, index: SourceIndex, config: MatchConfig
) -> Judged:
    """Change kinds and diff operations of one aligned segment."""
    return _SegmentJudge(found, quote, index, config).judge()


class _SegmentJudge:
    """Walks one segment's opcodes, writing the diff, the change kinds and the word edits.

    A run of non-equal opcodes is judged as one block first (`block_kind`: a reordering, a
    changed number …); only a block no such kind explains is judged edit by edit.
    """

    def __init__(
        self, found: SegmentAlignment, quote: str, index: SourceIndex, config: MatchConfig
    ) -> None:
        self.found, self.quote, self.index = found, quote, index
        self.ops = list(found.opcodes)
        self.brackets = _brackets(found)
        self.excused = _excused(self.ops, self.brackets, found, index, config)
        self.notes = _source_notes(self.ops, self.excused, found, index, config)
        self.pending = set(self.brackets) - {self.ops[n][1] for n in self.excused}
        self.seen: dict[tuple[int, int], str] = {}  # the diff and the edits ask for the same
        self.changes: list[str] = []
        self.edits: list[WordEdit] = []
        self.diff: list[DiffOp] = []

    def judge(self) -> Judged:
        run = 0
        n = 0
        while n < len(self.ops):
            tag, i1, i2, j1, j2 = self.ops[n]
            if n in self.excused or n in self.notes:
                self._editorial(n)
                n += 1
            elif tag == "equal":
                run = max(run, i2 - i1)
                self._emit(tag, i1, i2, j1, j2)
                self.changes += _gap_changes(self.found, self.index, i1, i2, j1)
                n += 1
            else:
                n = self._block(n)
        for at in sorted(self.pending):
            self.diff.append(DiffOp(DiffOpKind.INSERT, self.brackets[at], ""))
            self.changes.append("editorial brackets")
        return Judged(tuple(self.changes), tuple(self.diff), run, tuple(self.edits))

    def _editorial(self, n: int) -> None:
        """A [bracketed] insertion by the writer, or the source's own, stands for its words."""
        _, i1, _, j1, j2 = self.ops[n]
        if n in self.excused:
            self.diff.append(DiffOp(DiffOpKind.REPLACE, self.brackets[i1], self._source(j1, j2)))
        else:
            self.diff.append(DiffOp(DiffOpKind.DELETE, "", self._source(j1, j2)))
        self.changes.append("editorial brackets")

    def _block(self, n: int) -> int:
        """Judge the block of changes that starts at opcode `n`; the opcode after it. A block
        joined across a single equal word that no kind explains as a whole is judged by its
        parts ("It is 5 per cent" for "It's 5%": a contraction, then a sign)."""
        ops = self.ops
        last = _block_end(ops, n, self.excused | self.notes, self.brackets)
        kind = self._block_kind(n, last)
        parts = [(n, last)] if kind is not None else _parts(ops, n, last)
        for first, end in parts:
            part = kind if kind is not None or first == end else self._block_kind(first, end)
            if part is not None:
                bi1, bi2, bj1, bj2 = ops[first][1], ops[end][2], ops[first][3], ops[end][4]
                self.changes.append(part)
                self.edits.append(WordEdit(part, self._quote(bi1, bi2), self._source(bj1, bj2)))
            for op in ops[first : end + 1]:
                if part is None and op[0] != "equal":
                    self.changes.append(edit_kind(_edit(self.found, self.index, op)))
                    words = self._quote(*op[1:3]), self._source(*op[3:5])
                    self.edits.append(WordEdit(self.changes[-1], *words))
                self._emit(*op)
        return last + 1

    def _block_kind(self, n: int, last: int) -> str | None:
        """The kind that explains opcodes `n`..`last` as one block, if one does."""
        ops = self.ops
        bi1, bi2, bj1, bj2 = ops[n][1], ops[last][2], ops[n][3], ops[last][4]
        skeys = self.index.keys[self.found.first : self.found.stop]
        whole = _edit(self.found, self.index, ("replace", bi1, bi2, bj1, bj2))
        kind = block_kind(list(self.found.segment.keys[bi1:bi2]), skeys[bj1:bj2])
        if kind in _WORDS_ALONE:  # "10.30" and "10", "30" before "pm"; "31" before "October"
            kind = in_context_kind(whole) or kind
        if kind is None and bi2 > bi1 and bj2 > bj1:
            # the block as one replacement: "U.S." aligned with "States", "United" left
            # over; "90%" with "percent", "Ninety" left over
            kind = replacement_kind(whole)
        return kind

    def _emit(self, tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 in self.pending:
            self.pending.discard(i1)
            self.diff.append(DiffOp(DiffOpKind.INSERT, self.brackets[i1], ""))
            self.changes.append("editorial brackets")
        kind = DiffOpKind.EQUAL if tag == "equal" else _KIND[tag]
        self.diff.append(DiffOp(kind, self._quote(i1, i2), self._source(j1, j2)))

    def _quote(self, i1: int, i2: int) -> str:
        spans = self.found.segment.spans
        return self.quote[spans[i1][0] : spans[i2 - 1][1]] if i1 < i2 else ""

    def _source(self, j1: int, j2: int) -> str:
        if j1 >= j2:
            return ""
        if (j1, j2) not in self.seen:
            start, end = self.index.span(self.found.first + j1, self.found.first + j2 - 1)
            self.seen[j1, j2] = self.index.text[start:end]
        return self.seen[j1, j2]


def _brackets(found: SegmentAlignment) -> dict[int, str]:
    """The writer's [bracketed] words, by the quote word they stand before."""
    brackets: dict[int, str] = {}
    for b in found.segment.brackets:
        brackets[b.at] = f"{brackets[b.at]} {b.text}" if b.at in brackets else b.text
    return brackets


def _excused(
    ops: list[Opcode],
    brackets: dict[int, str],
    found: SegmentAlignment,
    index: SourceIndex,
    config: MatchConfig,
) -> set[int]:
    """Source words standing where the writer put a [bracket] are the writer's right: a few
    of them (a name the bracket stands for), or any number when the bracket holds those very
    words (a transcript quoted with the source's own bracketed insertion)."""
    return {
        n
        for n, (tag, i1, _i2, j1, j2) in enumerate(ops)
        if tag == "insert"
        and i1 in brackets
        and (
            j2 - j1 <= config.bracket_gap_words
            or split_words(normalize(brackets[i1]).text)[0]
            == index.keys[found.first + j1 : found.first + j2]
        )
    }


def _source_notes(
    ops: list[Opcode],
    excused: set[int],
    found: SegmentAlignment,
    index: SourceIndex,
    config: MatchConfig,
) -> set[int]:
    """Source words the quote leaves out that the source itself had in [brackets] (a
    republished quote's own insertion): not the speaker's words either."""
    return {
        n
        for n, (tag, _i1, _i2, j1, j2) in enumerate(ops)
        if tag == "insert"
        and n not in excused
        and j2 - j1 <= config.bracket_gap_words
        and found.first + j1 > 0
        and "[" in index.gap(found.first + j1 - 1)
        and "]" in index.gap(found.first + j2 - 1)
    }


def _edit(found: SegmentAlignment, index: SourceIndex, op: Opcode) -> Edit:
    """One edit operation with what stands around it on both sides."""
    _tag, i1, i2, j1, j2 = op
    keys, gaps = found.segment.keys, found.segment.gaps
    at, stop = found.first + j1, found.first + j2  # source positions

    def quote_gap(k: int) -> str:
        return (gaps[k] or " ") if 0 <= k < len(gaps) else " "

    return Edit(
        tuple(keys[i1:i2]),
        tuple(index.keys[at:stop]),
        quote_gap(i1 - 1),
        quote_gap(i2 - 1 if i2 > i1 else i1 - 1),
        index.gap(at - 1),
        index.gap(stop - 1 if stop > at else at - 1),
        (tuple(keys[max(0, i1 - AROUND) : i1]), tuple(keys[i2 : i2 + AROUND])),
        (tuple(index.keys[max(0, at - AROUND) : at]), tuple(index.keys[stop : stop + AROUND])),
        tuple(quote_gap(k - 1) for k in range(max(0, i1 - AROUND), i1)),
        tuple(index.gap(k - 1) for k in range(max(0, at - AROUND), at)),
    )


def _parts(ops: list[Opcode], n: int, last: int) -> list[tuple[int, int]]:
    """Opcodes `n`..`last` as (first, last) parts: each run of changes, each equal word."""
    parts: list[tuple[int, int]] = []
    for k in range(n, last + 1):
        joins = parts and ops[k][0] != "equal" and ops[parts[-1][1]][0] != "equal"
        parts[-1:] = [(parts[-1][0], k)] if joins else [*parts[-1:], (k, k)]
    return parts


def _block_end(ops: list[Opcode], n: int, excused: set[int], brackets: dict[int, str]) -> int:
    """Index of the last op of the run of changes starting at `n`.

    Adjacent changes, and changes separated by a single equal word, are one run, so that
    "us more" against "more us" is one swap rather than a word added and a word dropped,
    and "did not" against "didn't" one contraction.
    """
    last = n
    while True:
        if (
            last + 1 < len(ops)
            and ops[last + 1][0] != "equal"
            and last + 1 not in excused
            and ops[last + 1][1] not in brackets
        ):
            last += 1
        elif (
            last + 2 < len(ops)
            and ops[last + 1][0] == "equal"
            and ops[last + 1][2] - ops[last + 1][1] == 1
            and ops[last + 2][0] != "equal"
            and last + 2 not in excused
            and ops[last + 1][1] not in brackets
            and ops[last + 2][1] not in brackets
        ):
            last += 2
        else:
            return last


def _gap_changes(
    found: SegmentAlignment, index: SourceIndex, i1: int, i2: int, j1: int
) -> list[str]:
    """Punctuation or typography between the words of an equal run."""
    out: list[str] = []
    gaps = found.segment.gaps
    first = found.first + j1
    if index.gaps(first, first + i2 - i1 - 1) == list(gaps[i1 : i2 - 1]):
        return out  # the same characters between every pair of words
    for k in range(i1, i2 - 1):
        quote_gap = gaps[k]
        source_gap = index.gap(first + k - i1)
        if quote_gap is None or quote_gap == source_gap:
            continue
        if punctuation_differs(quote_gap, source_gap):
            out.append("punctuation")
        elif quote_gap.translate(_SPACES) != source_gap.translate(_SPACES):
            out.append("typography")
    return out


def segment_score(found: SegmentAlignment, index: SourceIndex) -> float:
    """Character similarity of the segment's words and the passage's words (0..1)."""
    if found.equal == len(found.segment.keys) == found.stop - found.first:
        return 1.0
    quote = " ".join(found.segment.keys)
    passage = " ".join(index.keys[found.first : found.stop])
    return fuzz.ratio(quote, passage) / 100.0


def classify(
    parsed: ParsedQuote,
    alignments: tuple[SegmentAlignment | None, ...],
    index: SourceIndex,
    config: MatchConfig = DEFAULT_CONFIG,
) -> MatchResult:
    """Verdict, reason, changes, diff and segments for a quote's alignment."""
    total = parsed.word_count
    if total == 0:
        return MatchResult(Verdict.NOT_FOUND, 0.0, "no words to look for")
    alignments = _found_segments(alignments, index, config)
    scores = [segment_score(a, index) if a else 0.0 for a in alignments]
    score = sum(s * len(seg.keys) for s, seg in zip(scores, parsed.segments, strict=True))
    score /= total
    judged = [judge_segment(a, parsed.text, index, config) if a else None for a in alignments]
    # Whether a short quote is close enough to be a misquote (from 3 words).
    short = total < config.short_quote_words
    close_short = short and _close_short(alignments, total, index, config)
    if _loose_match(alignments, judged, total, index, config) and not close_short:
        return MatchResult(Verdict.NOT_FOUND, round(score, 3), _not_found(total, score, config))
    changes, edits, diff, segments = _assemble(parsed, alignments, judged, scores, index, config)
    kinds = _change_kinds(changes, alignments, diff, total, config)
    verdict, reason = _verdict(kinds, total, score, config, close_short)
    if verdict is Verdict.NOT_FOUND:
        return MatchResult(verdict, round(score, 3), reason)
    found_spans = [s for s in segments if s.found]
    passage_start, passage_end = found_spans[0].start, found_spans[-1].end
    assert passage_start is not None and passage_end is not None
    return MatchResult(
        verdict,
        round(score, 3),
        explain(reason, edits),
        passage_start,
        passage_end,
        index.text[passage_start:passage_end],
        tuple(diff),
        tuple(segments),
        kinds,
        tuple(edits),
    )


def _spelt_out(words: list[str]) -> list[str]:
    """Words as the passage's edges compare them: contractions and listed short forms spelt
    out, numbers as values, so that a quote ending "in the U.S." takes in the source's whole
    "United States" and one opening "Twenty-five people" starts at the source's "25"."""
    return numerals(long_forms(expand(words)))


def _found_segments(
    alignments: tuple[SegmentAlignment | None, ...], index: SourceIndex, config: MatchConfig
) -> tuple[SegmentAlignment | None, ...]:
    """The segments found: most of their words there, in order (edges fitted first)."""
    if any(a is not None and len(a.opcodes) > 1 for a in alignments):
        alignments = tuple(
            keep_to_sentences(fit_edges(a, index, _spelt_out), index) if a else None
            for a in alignments
        )
    return tuple(
        a if a and _coverage(a, index, config) >= config.min_coverage else None for a in alignments
    )


def _coverage(a: SegmentAlignment, index: SourceIndex, config: MatchConfig) -> float:
    """The share of the segment's words in its passage. Below `min_coverage`, counted again
    with contractions, short forms and numbers spelt out on both sides: "we are going to win"
    is all there in "we're gonna win", though two of its five words are not."""
    if a.coverage >= config.min_coverage:
        return a.coverage
    quote, blocks = _spelt_blocks(a, index)
    return max(a.coverage, sum(block.size for block in blocks) / len(quote))


def _spelt_run(a: SegmentAlignment, index: SourceIndex) -> int:
    """The longest run of the segment's words in its passage, spelt out as in `_coverage`:
    "they are all things I have done" is one run in "they're all things I've done"."""
    return max((block.size for block in _spelt_blocks(a, index)[1]), default=0)


def _spelt_blocks(a: SegmentAlignment, index: SourceIndex) -> tuple[list[str], list[Match]]:
    """The segment's words spelt out, and the runs of them its passage spelt out holds."""
    quote = _spelt_out(list(a.segment.keys))
    passage = _spelt_out(list(index.keys[a.first : a.stop]))
    return quote, SequenceMatcher(None, quote, passage, autojunk=False).get_matching_blocks()


def _change_kinds(
    changes: list[str],
    alignments: tuple[SegmentAlignment | None, ...],
    diff: list[DiffOp],
    total: int,
    config: MatchConfig,
) -> tuple[str, ...]:
    """The kinds of change, most serious first; many severe ones, or few words left in
    place, make a paraphrase; the same words in other characters are typography."""
    coverage = sum(a.equal for a in alignments if a) / total
    severe = sum(c in SEVERE for c in changes)
    loose = coverage < config.paraphrase_below and total >= config.short_quote_words
    if severe and (loose or severe >= config.paraphrase_changes):
        changes = [*changes, "paraphrase"]
    kinds = tuple(sorted(set(changes), key=_RANK.__getitem__))
    if not kinds and any(op.source and op.quote != op.source for op in diff):
        kinds = ("typography",)  # same words, other characters: quote marks, case, spaces
    return kinds


def _loose_match(
    alignments: tuple[SegmentAlignment | None, ...],
    judged: list[Judged | None],
    total: int,
    index: SourceIndex,
    config: MatchConfig,
) -> bool:
    """Too little of the quote found, or found too scattered, to be this passage's words."""
    found_words = sum(len(a.segment.keys) for a in alignments if a)
    equal = sum(_coverage(a, index, config) * len(a.segment.keys) for a in alignments if a)
    run = max((j.run for j in judged if j), default=0)
    if run < min(config.min_run, total):
        run = max([run, *(_spelt_run(a, index) for a in alignments if a)])
    return (
        found_words * 2 < total
        or equal < config.min_coverage * found_words
        or run < min(config.min_run, total)
    )


def _assemble(
    parsed: ParsedQuote,
    alignments: tuple[SegmentAlignment | None, ...],
    judged: list[Judged | None],
    scores: list[float],
    index: SourceIndex,
    config: MatchConfig,
) -> tuple[list[str], list[WordEdit], list[DiffOp], list[SegmentMatch]]:
    """The changes, word edits, diff and located segments of every segment, in order."""
    changes: list[str] = ["editorial brackets"] if parsed.notes else []
    edits: list[WordEdit] = []
    diff: list[DiffOp] = []
    segments: list[SegmentMatch] = []
    previous: SegmentAlignment | None = None
    for n, (seg, found, judge) in enumerate(zip(parsed.segments, alignments, judged, strict=True)):
        if n > 0:
            diff.append(DiffOp(DiffOpKind.EQUAL, parsed.ellipses[n - 1], ""))
        if found is None or judge is None:
            changes.append("segment not found")
            diff.append(DiffOp(DiffOpKind.INSERT, seg.text, ""))
            segments.append(SegmentMatch(seg.text, False))
            continue
        changes += judge.changes
        edits += judge.edits
        diff += judge.diff
        if previous is not None and _drops_negation(index, previous.stop, found.first, config):
            changes.append("negation dropped")  # "I did … say that": the ellipsis hid a "not"
        previous = found
        start, end = index.span(found.first, found.stop - 1)
        passage = index.text[start:end]
        segments.append(SegmentMatch(seg.text, True, start, end, round(scores[n], 3), passage))
    return changes, edits, diff, segments


def _drops_negation(index: SourceIndex, stop: int, first: int, config: MatchConfig) -> bool:
    """An ellipsis over a few source words that hold a negation."""
    skipped = index.keys[stop:first]
    return 0 < len(skipped) <= config.ellipsis_negation_words and any(map(is_negation, skipped))


def _verdict(
    kinds: tuple[str, ...], words: int, score: float, config: MatchConfig, close_short: bool
) -> tuple[Verdict, str | None]:
    if any(k in SEVERE for k in kinds):
        if words < config.short_quote_words and not close_short:
            return Verdict.NOT_FOUND, _not_found(words, score, config)
        return Verdict.MISQUOTED, kinds[0]
    if any(k in MINOR for k in kinds):
        return Verdict.MINOR_DIFFERENCE, kinds[0]
    return Verdict.VERIFIED, kinds[0] if kinds else None


def _not_found(words: int, score: float, config: MatchConfig) -> str:
    if words < config.short_quote_words:
        return (
            f"only a loose match for a short quote (best {score:.2f}; "
            f"not found is trusted from {config.short_quote_words} words)"
        )
    return f"no passage close enough (best {score:.2f})"


def _close_short(
    alignments: tuple[SegmentAlignment | None, ...],
    total: int,
    index: SourceIndex,
    config: MatchConfig,
) -> bool:
    """A short quote whose passage has all its words but one, a content word among them."""
    if not config.short_misquote_words <= total < config.short_quote_words:
        return False
    if len(alignments) != 1 or alignments[0] is None:
        return False
    found = alignments[0]
    if found.equal < total - 1 or abs(found.stop - found.first - total) > 1:
        return False
    equal = [
        index.keys[found.first + j]
        for tag, _i1, _i2, j1, j2 in found.opcodes
        if tag == "equal"
        for j in range(j1, j2)
    ]
    return any(is_content_word(w) for w in equal)


def explain(kind: str | None, edits: list[WordEdit]) -> str | None:
    """The reason: the kind of change, and which side has which words."""
    edit = next((e for e in edits if e.kind == kind), None)
    if kind is None or edit is None:
        return kind
    quote, source = _short(edit.quote), _short(edit.source)
    if quote and source:
        return f"{kind}: “{quote}” in the quote, “{source}” in the source"
    if quote:
        return f"{kind}: “{quote}” in the quote, not in the source"
    return f"{kind}: the source's “{source}” is not in the quote"


def _short(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
