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

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from verifier.match.align import AlignParams, Opcode, ParsedQuote, SegmentAlignment
from verifier.match.index import SourceIndex
from verifier.match.normalize import wordset
from verifier.models import DiffOp, DiffOpKind, MatchResult, SegmentMatch, Verdict


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Thresholds of the matcher, calibrated with bench/matching.py (docs/benchmarks.md)."""

    # A passage is "found" when this share of the quote's words is in it, in order...
    min_coverage: float = 0.6
    # ...and it shares a run of this many consecutive words with the quote (or all of it).
    min_run: int = 3
    # Below this many words a quote is weak evidence: never `misquoted`, only found or not.
    short_quote_words: int = 6
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

# Change kinds, most serious first. Those in SEVERE make a misquote, those in MINOR a
# minor difference; the rest ("typography", "editorial brackets") leave a quote verified.
SEVERE = (
    "negation added",
    "negation dropped",
    "number changed",
    "date changed",
    "segment not found",
    "paraphrase",
    "content word replaced",
    "words dropped",
    "words added",
)
MINOR = (
    "word order",
    "spelling",
    "contraction",
    "article",
    "preposition",
    "article or preposition",
    "punctuation",
)
BENIGN = ("typography", "editorial brackets")
_RANK = {kind: i for i, kind in enumerate(SEVERE + MINOR + BENIGN)}

ARTICLES = frozenset({"a", "an", "the"})
# Prepositions whose loss or swap rarely changes meaning; not against/without/before/after.
PREPOSITIONS = wordset(
    "of in on at to for with by from into onto upon about over through across along among "
    "amongst around toward towards via per"
)
NEGATIONS = wordset(
    "not no never none nobody nothing neither nor nowhere cannot without dont doesnt didnt "
    "cant wont isnt wasnt arent werent havent hasnt hadnt shouldnt wouldnt couldnt"
)
NUMBER_WORDS = wordset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion dozen half quarter first second "
    "third fourth fifth sixth seventh eighth ninth tenth once twice double triple"
)
DATE_WORDS = wordset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow"
)
_EXPANSIONS = {"can't": ["can", "not"], "won't": ["will", "not"], "cannot": ["can", "not"]}
_SUFFIXES = {"n't": "not", "'re": "are", "'m": "am", "'ll": "will", "'ve": "have", "'d": "would"}
_IS_BASES = wordset("it he she that there what who here where how")
_PUNCT_IGNORED = str.maketrans("", "", " \t\n\r\"'-—")
_SPACES = str.maketrans("", "", " \t\n\r")


def is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def _is_number(word: str) -> bool:
    return word in NUMBER_WORDS or any(c.isdigit() for c in word)


def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w in _EXPANSIONS:
            out += _EXPANSIONS[w]
        elif w == "let's":
            out += ["let", "us"]
        elif w.endswith("'s") and w[:-2] in _IS_BASES:
            out += [w[:-2], "is"]
        else:
            suffix = next((s for s in _SUFFIXES if w.endswith(s) and len(w) > len(s)), None)
            out += [w[: -len(suffix)], _SUFFIXES[suffix]] if suffix else [w]
    return out


def _one_swap(a: list[str], b: list[str]) -> bool:
    """b is a with exactly one pair of adjacent words swapped."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]


def _is_spelling(q: str, s: str) -> bool:
    """A slip of one or two letters, or a US/UK variant, in a word long enough to tell."""
    if _is_number(q) or is_negation(q) or is_negation(s):
        return False  # the writer's word is a number or a negation: not a slip
    shortest = min(len(q), len(s))
    distance = OSA.distance(q, s)
    return (distance == 1 and shortest >= 5) or (distance == 2 and shortest >= 6)


def _function_kind(words: list[str]) -> str | None:
    """'article', 'preposition' or both, when every word is one of those."""
    if not words:
        return None
    if all(w in ARTICLES for w in words):
        return "article"
    if all(w in PREPOSITIONS for w in words):
        return "preposition"
    if all(w in ARTICLES or w in PREPOSITIONS for w in words):
        return "article or preposition"
    return None


def block_kind(quote: list[str], source: list[str]) -> str | None:
    """A kind that explains the whole run of differing words at once, if one does."""
    if "".join(quote) == "".join(source):
        return "typography"
    if _expand(quote) == _expand(source):
        return "contraction"
    if len(quote) == len(source) and _one_swap(quote, source):
        return "word order"
    if not (quote and source) and max(len(quote), len(source)) > 2:
        return None  # a whole clause dropped or added, "not" or number included: a clause
    negations = sum(map(is_negation, _expand(quote))) - sum(map(is_negation, _expand(source)))
    if negations:
        return "negation added" if negations > 0 else "negation dropped"
    slips = len(quote) == len(source) and all(
        q == s or _is_spelling(q, s) for q, s in zip(quote, source, strict=True)
    )
    if not slips and _numbers(quote) != _numbers(source):
        return "number changed"
    if not slips and _dates(quote) != _dates(source):
        return "date changed"
    return None


def _numbers(words: list[str]) -> list[str]:
    return sorted(w for w in words if _is_number(w))


def _dates(words: list[str]) -> list[str]:
    return sorted(w for w in words if w in DATE_WORDS)


def op_kind(quote: list[str], source: list[str]) -> str:
    """The kind of one edit operation (quote words standing for source words)."""
    function = _function_kind(quote + source)
    if function is not None:
        return function
    if not source:
        return "words added"
    if not quote:
        return "words dropped"
    if len(quote) == len(source) and all(
        q == s or _is_spelling(q, s) for q, s in zip(quote, source, strict=True)
    ):
        return "spelling"
    if max(len(quote), len(source)) >= 4:
        return "paraphrase"
    return "content word replaced"


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


_KIND = {"replace": DiffOpKind.REPLACE, "delete": DiffOpKind.INSERT, "insert": DiffOpKind.DELETE}


def judge_segment(
    found: SegmentAlignment, quote: str, index: SourceIndex, config: MatchConfig
) -> Judged:
    """Change kinds and diff operations of one aligned segment."""
    segment = found.segment
    qkeys = list(segment.keys)
    skeys = index.keys[found.first : found.stop]
    brackets: dict[int, str] = {}
    for b in found.segment.brackets:
        brackets[b.at] = f"{brackets[b.at]} {b.text}" if b.at in brackets else b.text
    ops = list(found.opcodes)
    # Source words standing where the writer put a [bracket] are the writer's right.
    excused = {
        n
        for n, (tag, i1, _i2, j1, j2) in enumerate(ops)
        if tag == "insert" and i1 in brackets and j2 - j1 <= config.bracket_gap_words
    }
    pending = set(brackets) - {ops[n][1] for n in excused}
    # Source words the quote leaves out that the source itself had in [brackets] (a
    # republished quote's own insertion) are not the speaker's words either.
    notes = {
        n
        for n, (tag, _i1, _i2, j1, j2) in enumerate(ops)
        if tag == "insert"
        and n not in excused
        and j2 - j1 <= config.bracket_gap_words
        and found.first + j1 > 0
        and "[" in index.gap(found.first + j1 - 1)
        and "]" in index.gap(found.first + j2 - 1)
    }

    def quote_text(i1: int, i2: int) -> str:
        return quote[segment.spans[i1][0] : segment.spans[i2 - 1][1]] if i1 < i2 else ""

    def source_text(j1: int, j2: int) -> str:
        if j1 >= j2:
            return ""
        start, end = index.span(found.first + j1, found.first + j2 - 1)
        return index.text[start:end]

    def emit(tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 in pending:
            pending.discard(i1)
            diff.append(DiffOp(DiffOpKind.INSERT, brackets[i1], ""))
            changes.append("editorial brackets")
        kind = DiffOpKind.EQUAL if tag == "equal" else _KIND[tag]
        diff.append(DiffOp(kind, quote_text(i1, i2), source_text(j1, j2)))

    changes: list[str] = []
    diff: list[DiffOp] = []
    run = 0
    n = 0
    while n < len(ops):
        tag, i1, i2, j1, j2 = ops[n]
        if n in excused or n in notes:
            if n in excused:
                diff.append(DiffOp(DiffOpKind.REPLACE, brackets[i1], source_text(j1, j2)))
            else:
                diff.append(DiffOp(DiffOpKind.DELETE, "", source_text(j1, j2)))
            changes.append("editorial brackets")
            n += 1
            continue
        if tag == "equal":
            run = max(run, i2 - i1)
            emit(tag, i1, i2, j1, j2)
            changes += _gap_changes(found, index, i1, i2, j1)
            n += 1
            continue
        last = _block_end(ops, n, excused | notes, brackets)
        bi1, bi2, bj1, bj2 = ops[n][1], ops[last][2], ops[n][3], ops[last][4]
        kind = block_kind(qkeys[bi1:bi2], skeys[bj1:bj2])
        if kind is not None:
            changes.append(kind)
        for op in ops[n : last + 1]:
            if kind is None and op[0] != "equal":
                changes.append(op_kind(qkeys[op[1] : op[2]], skeys[op[3] : op[4]]))
            emit(*op)
        n = last + 1
    for at in sorted(pending):
        diff.append(DiffOp(DiffOpKind.INSERT, brackets[at], ""))
        changes.append("editorial brackets")
    return Judged(tuple(changes), tuple(diff), run)


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
    # A segment is found when most of its words are there in order; the quote, when its
    # found segments hold most of its words.
    alignments = tuple(a if a and a.coverage >= config.min_coverage else None for a in alignments)
    scores = [segment_score(a, index) if a else 0.0 for a in alignments]
    score = sum(s * len(seg.keys) for s, seg in zip(scores, parsed.segments, strict=True))
    score /= total
    judged = [judge_segment(a, parsed.text, index, config) if a else None for a in alignments]
    found_words = sum(len(a.segment.keys) for a in alignments if a)
    equal = sum(a.equal for a in alignments if a)
    coverage = equal / total
    run = max((j.run for j in judged if j), default=0)
    if (
        found_words * 2 < total
        or equal < config.min_coverage * found_words
        or run < min(config.min_run, total)
    ):
        weak = total < config.short_quote_words and coverage >= config.min_coverage
        why = "only a loose match for a short quote" if weak else "no passage close enough"
        return MatchResult(Verdict.NOT_FOUND, round(score, 3), f"{why} (best {score:.2f})")
    changes: list[str] = ["editorial brackets"] if parsed.notes else []
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
        diff += judge.diff
        if previous is not None and _drops_negation(index, previous.stop, found.first, config):
            changes.append("negation dropped")  # "I did … say that": the ellipsis hid a "not"
        previous = found
        start, end = index.span(found.first, found.stop - 1)
        segments.append(SegmentMatch(seg.text, True, start, end, round(scores[n], 3)))
    severe = sum(c in SEVERE for c in changes)
    if severe and (coverage < config.paraphrase_below or severe >= config.paraphrase_changes):
        changes.append("paraphrase")
    kinds = tuple(sorted(set(changes), key=_RANK.__getitem__))
    if not kinds and any(op.source and op.quote != op.source for op in diff):
        kinds = ("typography",)  # same words, other characters: quote marks, case, spaces
    found_spans = [s for s in segments if s.found]
    passage_start, passage_end = found_spans[0].start, found_spans[-1].end
    assert passage_start is not None and passage_end is not None
    verdict, reason = _verdict(kinds, total, score, config)
    if verdict is Verdict.NOT_FOUND:
        return MatchResult(verdict, round(score, 3), reason)
    return MatchResult(
        verdict,
        round(score, 3),
        reason,
        passage_start,
        passage_end,
        index.text[passage_start:passage_end],
        tuple(diff),
        tuple(segments),
        kinds,
    )


def _drops_negation(index: SourceIndex, stop: int, first: int, config: MatchConfig) -> bool:
    """An ellipsis over a few source words that hold a negation."""
    skipped = index.keys[stop:first]
    return 0 < len(skipped) <= config.ellipsis_negation_words and any(map(is_negation, skipped))


def _verdict(
    kinds: tuple[str, ...], words: int, score: float, config: MatchConfig
) -> tuple[Verdict, str | None]:
    if any(k in SEVERE for k in kinds):
        if words < config.short_quote_words:
            return Verdict.NOT_FOUND, f"only a loose match for a short quote (best {score:.2f})"
        return Verdict.MISQUOTED, kinds[0]
    if any(k in MINOR for k in kinds):
        return Verdict.MINOR_DIFFERENCE, kinds[0]
    return Verdict.VERIFIED, kinds[0] if kinds else None
