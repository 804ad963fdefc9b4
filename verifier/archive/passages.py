"""A source text cut into passages, and a quote turned into a full-text query (pure).

A passage is what full-text search ranks: a paragraph or a few short ones, never more than
one speaker's turn of a transcript. Retrieval only has to put the right passage among a few
candidates; the matcher then decides against that passage and its neighbours, so a quote
that spans a passage boundary is still found.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from verifier.match.normalize import wordset

# A speaker's turn in a transcript: "MR. SMITH:", "SECRETARY BLINKEN:", "Q:", "Q.", "A."
_LABEL = re.compile(
    r"^[ \t]*(?P<label>(?:[A-Z][A-Z'’\-]*\.?[ \t]){0,4}[A-Z][A-Z'’\-]+:|[QA][.:])[ \t]+",
    re.MULTILINE,
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_PLAIN_WORD = re.compile(r"[^\W_]+")
TARGET_WORDS = 80  # short paragraphs are joined up to about this many words
MAX_WORDS = 160  # a longer paragraph is cut at sentence ends

# Words too common to select a passage (they stay in the index: phrases need them).
STOPWORDS = wordset(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those there here he she they we i you him her them his their our "
    "my your me us not no so do does did have has had will would can could should may might "
    "must shall than then also just about into over out up down all any some what which who "
    "whom whose when where why how said says say"
)
MAX_LOOKUP = 12  # words of a quote whose rarity is looked up (the longest)
MAX_TERMS = 5  # rarest words of a quote that go into its query
COMMON_SHARE = 0.01  # a word in more than this share of the passages is too common to ask for
COMMON_FLOOR = 50  # ...but a word in this many passages or fewer is always rare enough


@dataclass(frozen=True, slots=True)
class Passage:
    """A span [start, end) of a source text, and the transcript speaker it belongs to."""

    seq: int
    start: int
    end: int
    speaker: str = ""


def split_passages(text: str) -> list[Passage]:
    """Passages of `text` in order; a speaker label starts a new passage and a new turn."""
    out: list[Passage] = []
    for start, end, speaker in _turns(text):
        for p_start, p_end in _chunks(text, start, end):
            out.append(Passage(len(out), p_start, p_end, speaker))
    return out


def _turns(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, speaker) of each speaker's turn; text before any label has no speaker."""
    labels = list(_LABEL.finditer(text))
    if not labels or labels[0].start() > 0:
        yield 0, labels[0].start() if labels else len(text), ""
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        yield m.start(), end, m.group("label").rstrip(":.").strip()


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraph-sized spans of text[start:end]: short ones joined, long ones cut."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))
    group_start, words = -1, 0
    group_end = start
    for p_start, p_end in _cut_long(text, pieces):
        n = len(text[p_start:p_end].split())
        if n == 0:
            continue
        if group_start >= 0 and words + n > TARGET_WORDS:
            yield group_start, group_end
            group_start, words = -1, 0
        if group_start < 0:
            group_start = p_start
        group_end, words = p_end, words + n
    if group_start >= 0:
        yield group_start, group_end


def _cut_long(text: str, pieces: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Paragraphs longer than MAX_WORDS, cut at sentence ends into parts of about that size."""
    for start, end in pieces:
        if len(text[start:end].split()) <= MAX_WORDS:
            yield start, end
            continue
        part_start, words = start, 0
        last = start
        for m in _SENTENCE_END.finditer(text, start, end):
            words += len(text[last : m.start()].split())
            last = m.end()
            if words >= TARGET_WORDS:
                yield part_start, m.start()
                part_start, words = m.end(), 0
        if part_start < end:
            yield part_start, end


def quote_terms(quote: str) -> list[str]:
    """The distinct content words of a quote, longest first (a long word is usually rare).

    No stopwords, no one-letter words; between words of one length, the quote's order.
    """
    seen: dict[str, None] = {}
    for word in _PLAIN_WORD.findall(quote.lower()):
        key = _undiacritic(word)
        if len(key) > 1 and key not in STOPWORDS:
            seen.setdefault(key, None)
    return sorted(seen, key=len, reverse=True)


def _undiacritic(word: str) -> str:
    """A word as FTS5's tokenizer keys it: accents dropped, other scripts whole (a Korean
    syllable decomposes into letters and is composed again)."""
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def rarest(
    terms: list[str], frequency: Mapping[str, int], passages: int = 0, limit: int = MAX_TERMS
) -> list[str]:
    """The rarest terms of the quote the archive holds; a word it never saw selects nothing.

    A word in more than `COMMON_SHARE` of the `passages` is left out (it would cost a long
    list and select little) unless the quote has fewer than two rarer ones. A changed word of
    an altered quote is usually absent or rare elsewhere; the unchanged rare words still
    select the true passage, which is why the query is an OR, ranked by BM25.
    """
    present = [t for t in terms if frequency.get(t, 0) > 0]
    present.sort(key=lambda t: (frequency[t], terms.index(t)))
    cap = max(COMMON_FLOOR, int(passages * COMMON_SHARE))
    rare = [t for t in present if frequency[t] <= cap]
    return (rare if len(rare) >= 2 else present[:2])[:limit]


def fts_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: passages holding any of the terms (BM25 ranks by how many)."""
    return " OR ".join(f'"{t}"' for t in terms)


def word_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Adjacent word pairs, lower-cased: what a true source shares with a quote in order."""
    words = _PLAIN_WORD.findall(text.lower())
    return frozenset(itertools.pairwise(words))


def shared_pairs(pairs: frozenset[tuple[str, str]], passage: str) -> float:
    """The share of a quote's word pairs that a passage has (0..1).

    BM25 counts words wherever they are; a passage of the same words in another order (a
    near-copy, a rewrite) ranks as high. The true source keeps the quote's word order.
    """
    if not pairs:
        return 0.0
    return len(pairs & word_pairs(passage)) / len(pairs)
