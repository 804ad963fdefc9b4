"""A source text prepared once for all the quotes checked against it.

Normalising and tokenising a 2 MB transcript takes a fraction of a second; doing it per quote
would dominate the run. The index keeps the words as integer ids and the positions of every
word 3-gram, so a quote is located by a few dictionary look-ups whatever the source's size.
"""

from __future__ import annotations

import functools

from verifier.language import detect_language
from verifier.match.normalize import Normalized, Token, normalize, tokenize

_ID_BITS = 21  # three ids of up to 2**21 (2 million distinct words) fit one int key


def trigram_key(a: int, b: int, c: int) -> int:
    return (a << (2 * _ID_BITS)) | (b << _ID_BITS) | c


class SourceIndex:
    """Words, ids and 3-gram positions of one source text; built once, read-only after."""

    text: str
    language: str | None

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm: Normalized = normalize(text)
        self.tokens: list[Token] = tokenize(self.norm.text)
        vocabulary: dict[str, int] = {}
        self.ids: list[int] = [
            vocabulary.setdefault(t.key, len(vocabulary) + 1) for t in self.tokens
        ]
        self.vocabulary = vocabulary
        ids = self.ids
        trigrams: dict[int, list[int]] = {}
        for i in range(len(ids) - 2):
            trigrams.setdefault(trigram_key(ids[i], ids[i + 1], ids[i + 2]), []).append(i)
        self.trigrams = trigrams
        self.language = detect_language(text)

    def __len__(self) -> int:
        return len(self.tokens)

    @functools.cached_property
    def positions(self) -> dict[int, list[int]]:
        """Where each word occurs; built on first need (short quotes, weak 3-gram votes)."""
        positions: dict[int, list[int]] = {}
        for i, word_id in enumerate(self.ids):
            positions.setdefault(word_id, []).append(i)
        return positions

    def word_id(self, key: str) -> int:
        """The id of a word key, 0 if the source never uses it."""
        return self.vocabulary.get(key, 0)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original-text span from the start of token `first` to the end of token `last`."""
        return self.norm.to_original(self.tokens[first].start, self.tokens[last].end)

    def gap(self, i: int) -> str:
        """Normalised characters between token i and token i+1 (punctuation, spaces)."""
        return self.norm.text[self.tokens[i].end : self.tokens[i + 1].start]


@functools.lru_cache(maxsize=8)
def index_for(text: str) -> SourceIndex:
    """Index of a plain-text source, remembered for the next quotes against the same text."""
    return SourceIndex(text)
