"""The semantic tier: word-change meaning, paraphrase retrieval, translation checks.

Every conclusion is evidence added to the lexical verdict. Thresholds were calibrated on one
half of bench/semantic.py's labelled pairs and measured on the other (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from verifier.extract.sentences import sentence_ends
from verifier.match.classify import MINOR
from verifier.models import DiffOp, MatchResult, Meaning, MeaningKind, Verdict
from verifier.semantic.embed import CachedEncoder, Encoder, cosine, load_encoder
from verifier.semantic.tone import load_tones
from verifier.semantic.wordnet import WordNet, load_wordnet
from verifier.semantic.words import (
    NUMBER_WORDS,
    QUANTIFIERS,
    Change,
    actors,
    changes,
    crossed_words,
    moved_actors,
    moved_words,
)

# Relations that refuse "same meaning" outright, whatever the similarity says.
_REFUSE = (
    "antonym",
    "number changed",
    "negation changed",
    "another name",
    "another actor",
    "quantifier changed",
    "tone reversed",
    "degree changed",
)
# Relations that prove a word change keeps the meaning: the quote's word is the same word,
# or says the same thing another way. A more general word (hypernym) or a rarer sense in
# common is not enough alone: "asked" for "ordered", "theft" for "robbery", "warning" for
# "threat" are more general and change the claim (bench/semantic_thesaurus_pairs.tsv), and
# the band does not speak for them either (`Change.unexplained`).
_PROVE = (
    "synonym",
    "acronym",
    "other form",
    "definition",
    "same number",
    "contraction",
    "same modal",
    "same reporting verb",
    "same decision",
    "same degree",
)
_NEUTRAL = ("function words",)
_HARD_CHANGES = ("negation added", "negation dropped", "number changed", "date changed")


@dataclass(frozen=True, slots=True)
class SemanticConfig:
    """Calibrated bands of cosine similarity (multilingual-e5-small, "query: " prefix)."""

    # Similarity never proves "same meaning" by itself: antonyms score as high as synonyms
    # (bench/semantic.py). It refuses a proof below the floor, and says "changed" below...
    synonym_floor: float = 0.95
    changed_below: float = 0.93
    paraphrase_above: float = 0.88  # closest source sentence of a not-found quote
    shortlist: int = 12  # source sentences embedded for a paraphrase (by shared word stems)
    translation_match_above: float = 0.85  # the passage is the quote's original...
    # ...and says the same: above every altered translation of the tuning half. Across
    # languages a faithful translation scores above its altered twin, but not above every
    # other altered one: most translations stay "not confirmed".
    translation_same_above: float = 0.96
    # An altered translation never scored below every faithful one: "differs" is off.
    translation_differs_below: float = 0.0
    # The similarity band: one change no rule explains, compared within a few words of its
    # context ("is keen to get" / "is eager to get"), is "close wording" at or above this
    # (and with the sentences above the synonym floor). Above every meaning-changing edit of
    # the tune half (0.988) and of both attack lists ("hoped" / "expected", "request" /
    # "demand": 0.990; docs/benchmarks.md).
    close_wording_above: float = 0.991


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    start: int
    end: int
    score: float


class SemanticTier:
    """One per run: the model and WordNet loaded once, embeddings cached per text."""

    def __init__(
        self,
        encoder: Encoder,
        wordnet: WordNet | None,
        config: SemanticConfig | None = None,
        tones: dict[str, float] | None = None,
    ) -> None:
        self.encoder = CachedEncoder(encoder)
        self.wordnet = wordnet
        self.tones = tones  # VADER's word ratings (semantic/tone.py); None: no tone rule
        self.config = config or SemanticConfig()

    def similarity(self, a: str, b: str) -> float:
        rows = self.encoder.embed([a, b])
        return float(rows[0] @ rows[1])

    def word_meaning(
        self, result: MatchResult, quote_text: str, source: str | None = None
    ) -> Meaning | None:
        """Does a misquote's changed wording keep the source's meaning? None: not asked.

        `source`, the text the passage is from: a word the quote moved can fall just outside
        the passage ("the expected gain" for "the gain that was expected").
        """
        if result.verdict not in (Verdict.MISQUOTED, Verdict.MINOR_DIFFERENCE):
            return None
        if result.passage is None or not result.diff:
            return None
        found = changes(result.diff, self.wordnet, self.tones)
        harmless = _harmless_edits(result)
        if found and all(_key(c.quote, c.source) in harmless for c in found):
            # every change is one the matcher's closed list explains (Jan./January, 10%/10
            # percent): the same meaning by that rule, not for the tier to second-guess
            return Meaning(MeaningKind.SAME, harmless[_key(found[0].quote, found[0].source)])
        found = [c for c in found if _key(c.quote, c.source) not in harmless]
        hard = [c for c in result.changes if c in _HARD_CHANGES]
        if hard and not _number_word_rephrased(hard, found):
            return Meaning(MeaningKind.CHANGED, hard[0])
        if "segment not found" in result.changes:
            return None
        outside = _outside(result, source)
        later = [c for c in found if c.quote and not c.source and _lower(c.quote) <= outside]
        rest = [c for c in found if c not in later]
        if (moved_words(result.diff) or later) and all(
            c.relation == "function words" for c in rest
        ):
            return self._reordered(result, quote_text, later, outside if later else set())
        if found and all(_article_only(c) for c in found):
            return self._article(found, quote_text, result.passage)
        if not any(c.quote and c.source for c in found):
            return None  # no word replaced: the lexical reason says all there is
        return self._decide(found, quote_text, result.passage)

    def _reordered(
        self, result: MatchResult, quote: str, later: list[Change], outside: set[str]
    ) -> Meaning:
        """Only the order of words changed (function words aside).

        The same meaning unless two actors moved: "Garrett provoked Rudolph" for "Rudolph
        provoked Garrett" swaps who did it ("Rudolph and Garrett" for "Garrett and Rudolph"
        does not, which is why the similarity decides that case, never a proof).
        """
        cfg = self.config
        late = [w for c in later for w in c.quote]
        moved = tuple(sorted(moved_words(result.diff) | {w.lower() for w in late}))
        score = round(self.similarity(quote, result.passage or ""), 3)
        # What moved and what it passed over: a swap reads as either word moving.
        crossed = crossed_words(result.diff) + _after(result.diff, later)
        swapped = moved_actors(result.diff, self.wordnet) | actors(late + crossed, self.wordnet)
        both = {*moved, *(w.lower() for w in crossed)}
        numbers = [w for w in both if w in NUMBER_WORDS or any(c.isdigit() for c in w)]
        # "only", "not", "all" moved change what they bear on ("only Smith voted" / "Smith
        # only voted"); two numbers moved may have swapped ("3 men and 2 women").
        # A word brought in from outside the passage may leave its "not" or "only" there.
        scoped = [w for w in both | outside if w in QUANTIFIERS and w not in NUMBER_WORDS]
        if len(swapped) < 2 and len(numbers) < 2 and not scoped and score >= cfg.synonym_floor:
            return Meaning(MeaningKind.SAME, "reordered", score, moved)
        basis, words = next(
            (b, tuple(sorted(w))) for b, w in _why_not_reordered(swapped, numbers, scoped, moved)
        )
        kind = MeaningKind.CHANGED if score < cfg.changed_below else MeaningKind.UNCERTAIN
        return Meaning(kind, basis, score, words)

    def _article(self, found: list[Change], quote: str, passage: str) -> Meaning | None:
        """ "in a federal prison" for "in federal prison": an article added or dropped."""
        score = round(self.similarity(quote, passage), 3)
        if score < self.config.synonym_floor:
            return None
        return Meaning(MeaningKind.SAME, "article", score, tuple(c.label() for c in found))

    def _decide(self, found: list[Change], quote: str, passage: str) -> Meaning:
        cfg = self.config
        words = tuple(c.label() for c in found if c.relation)
        refused = [c for c in found if c.relation in _REFUSE]
        if refused:
            basis = str(refused[0].relation)
            return Meaning(MeaningKind.CHANGED, basis, None, tuple(c.label() for c in refused))
        score = round(self.similarity(quote, passage), 3)
        proven = [c for c in found if c.relation in _PROVE]
        rest = [c for c in found if c.relation not in _PROVE + _NEUTRAL]
        if proven and not rest and score >= cfg.synonym_floor:
            basis = str(proven[0].relation)
            return Meaning(MeaningKind.SAME, basis, score, words)
        close = self._close_wording(rest, score)
        if close is not None:
            return Meaning(MeaningKind.SAME, "close wording", close, (rest[0].label(), *words))
        if score < cfg.changed_below:
            return Meaning(MeaningKind.CHANGED, "similarity", score, words)
        return Meaning(MeaningKind.UNCERTAIN, "similarity", score, words)

    def _close_wording(self, rest: list[Change], score: float) -> float | None:
        """The band: the similarity of the one unexplained change in its context, when high.

        Only for a change no rule relates (never a pronoun, quantifier, person, number, a
        more specific word, or a function word alone), and only one: two such changes are
        two chances to be wrong.
        """
        if len(rest) != 1 or not rest[0].unexplained() or score < self.config.synonym_floor:
            return None
        close = round(self.similarity(rest[0].quote_window, rest[0].source_window), 3)
        return close if close >= self.config.close_wording_above else None

    def closest(
        self, query: str, source: str, *, top: int = 1, shortlist: int | None = None
    ) -> list[Passage]:
        """The source's sentences most similar to `query`, best first.

        With `shortlist`, only that many sentences sharing the most word stems with the query
        are embedded: a paraphrase keeps some of its source's words, and a long source then
        costs a few embeddings instead of hundreds.
        """
        spans = sentence_spans(source)
        if not spans or not query.strip():
            return []
        if shortlist is not None and len(spans) > shortlist:
            spans = _shortlist(query, source, spans, shortlist)
        texts = [source[a:b] for a, b in spans]
        scores = cosine(self.encoder.embed([query]), self.encoder.embed(texts))[0]
        order = np.argsort(-scores)[:top]
        return [
            Passage(texts[i], spans[i][0], spans[i][1], round(float(scores[i]), 3)) for i in order
        ]

    def paraphrase(self, query: str, source: str) -> tuple[Meaning, Passage] | None:
        """The closest passage of a quote the matcher did not find, when it is close."""
        best = self.closest(query, source, shortlist=self.config.shortlist)
        if not best or best[0].score < self.config.paraphrase_above:
            return None
        return Meaning(MeaningKind.PARAPHRASE, "", best[0].score), best[0]

    def translation(self, quote: str, source: str) -> tuple[Meaning, Passage] | None:
        """A quote against a source in another language: its original, and whether it agrees."""
        cfg = self.config
        best = self.closest(quote, source)
        if not best or best[0].score < cfg.translation_match_above:
            return None
        passage = best[0]
        if passage.score >= cfg.translation_same_above:
            kind = MeaningKind.TRANSLATION_CONSISTENT
        elif passage.score < cfg.translation_differs_below:
            kind = MeaningKind.TRANSLATION_DIFFERS
        else:
            kind = MeaningKind.TRANSLATION_UNCERTAIN
        return Meaning(kind, "", passage.score), passage


_ARTICLES = frozenset({"a", "an", "the"})


_HARMLESS_KINDS = frozenset(MINOR)
_WORD_RE = re.compile(r"\w+")


def _key(quote: Sequence[str], source: Sequence[str]) -> tuple[str, str]:
    """A change's words as both sides' lower-case word runs, to compare with the edits."""
    return _words_of(quote), _words_of(source)


def _words_of(side: Sequence[str]) -> str:
    return " ".join(_WORD_RE.findall(" ".join(side).lower()))


def _harmless_edits(result: MatchResult) -> dict[tuple[str, str], str]:
    """The matcher's edits that a harmless rule explains, by their words, with its kind."""
    return {
        _key((edit.quote,), (edit.source,)): edit.kind
        for edit in result.edits
        if edit.kind in _HARMLESS_KINDS
    }


def _article_only(change: Change) -> bool:
    """One article added or dropped; a swap ("a" / "the") is another claim, not this."""
    said = change.quote or change.source
    return not (change.quote and change.source) and len(said) == 1 and said[0].lower() in _ARTICLES


def _number_word_rephrased(hard: list[str], found: list[Change]) -> bool:
    """The lexical "number changed" is a number word WordNet says another way.

    "first" for "initial": the same, by a WordNet synonym in the words' usual senses. Never
    with a digit, and never when any number word is left unproven ("first" / "second", "two
    goals" / "twice"; "at first" / "initially", which WordNet does not join in their usual
    senses).
    """
    if set(hard) != {"number changed"}:
        return False
    numeric = [
        c
        for c in found
        if any(w.lower() in NUMBER_WORDS or w[:1].isdigit() for w in c.quote + c.source)
    ]
    return (
        bool(numeric)
        and all(c.relation == "synonym" for c in numeric)
        and not any(ch.isdigit() for c in numeric for w in c.quote + c.source for ch in w)
    )


def _why_not_reordered(
    swapped: set[str], numbers: list[str], scoped: list[str], moved: tuple[str, ...]
) -> list[tuple[str, Sequence[str]]]:
    """Why a change of order is not proven the same, the first reason that holds."""
    table: list[tuple[bool, str, Sequence[str]]] = [
        (len(swapped) >= 2, "actors swapped", list(swapped)),
        (len(numbers) >= 2, "numbers moved", numbers),
        (bool(scoped), "a quantifier moved", scoped),
        (True, "similarity", moved),
    ]
    return [(basis, words) for holds, basis, words in table if holds]


def _after(diff: tuple[DiffOp, ...], later: list[Change]) -> list[str]:
    """The passage's words after each insertion that the source has further on."""
    out: list[str] = []
    for change in later:
        at = [k for k, op in enumerate(diff) if not op.source and op.quote.split()]
        at = [k for k in at if set(change.quote) <= set(re.findall(r"\w[\w'’-]*", diff[k].quote))]
        if at:
            out += [w for op in diff[at[0] + 1 :] for w in op.quote.split()]
    return out


def _outside(result: MatchResult, source: str | None) -> set[str]:
    """The words of the passage's sentence that are outside the passage (lower case)."""
    if source is None or result.start is None or result.end is None:
        return set()
    lo, hi = max(0, result.start - 400), min(len(source), result.end + 400)
    ends = [lo, *sentence_ends(source, lo, hi), hi]
    start = max(e for e in ends if e <= result.start)
    end = min((e for e in ends if e >= result.end), default=hi)
    return _lower(
        re.findall(r"\w[\w'’-]*", source[start : result.start] + " " + source[result.end : end])
    )


def _lower(words: Sequence[str]) -> set[str]:
    return {w.lower() for w in words}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


def _shortlist(
    query: str, source: str, spans: list[tuple[int, int]], keep: int
) -> list[tuple[int, int]]:
    wanted = _stems(query)
    ranked = sorted(spans, key=lambda span: -len(wanted & _stems(source[span[0] : span[1]])))
    return ranked[:keep]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a source text (paragraph by paragraph), trimmed, as (start, end)."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for end in [*sentence_ends(text, para.start(), para.end()), para.end()]:
            chunk = text[start:end]
            if len(chunk.split()) >= 3:
                lead = len(chunk) - len(chunk.lstrip())
                spans.append((start + lead, start + len(chunk.rstrip())))
            start = end
    return spans


_SHARED: dict[str, SemanticTier] = {}


def load_tier(config: SemanticConfig | None = None) -> SemanticTier | None:
    """The tier, or None when the `semantic` extra (the model package) is not installed.

    With the default configuration one tier serves the whole process, so a text embedded
    for one run (a source's sentences) is not embedded again for the next.
    """
    if config is None and "default" in _SHARED:
        return _SHARED["default"]
    encoder = load_encoder()
    if encoder is None:
        return None
    tier = SemanticTier(encoder, load_wordnet(), config, load_tones())
    if config is None:
        _SHARED["default"] = tier
    return tier


def top_index(scores: Sequence[float]) -> int:
    return int(np.argmax(np.asarray(scores)))
