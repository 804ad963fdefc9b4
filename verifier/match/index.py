"""A source text prepared once for all the quotes checked against it.

Normalising and tokenising a 2 MB transcript takes a fraction of a second; doing it per quote
would dominate the run. The index keeps the words as integer ids and the sorted keys of every
word 3-gram, so a quote is located by a few binary searches whatever the source's size.
"""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt

from verifier.language import detect_language
from verifier.match.normalize import Normalized, normalize, split_words

_ID_BITS = 21  # three ids below 2**21 (2 million distinct words) fit one 63-bit key
_ID_MASK = (1 << _ID_BITS) - 1

IntArray = npt.NDArray[np.int64]


def trigram_key(a: int, b: int, c: int) -> int:
    return ((a & _ID_MASK) << (2 * _ID_BITS)) | ((b & _ID_MASK) << _ID_BITS) | (c & _ID_MASK)


class SourceIndex:
    """Words, ids and 3-gram positions of one source text; built once, read-only after."""

    text: str
    language: str | None

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm: Normalized = normalize(text)
        self.keys, self._gaps, self._bounds = split_words(self.norm.text)
        vocabulary: dict[str, int] = {}
        self.ids: list[int] = [vocabulary.setdefault(k, len(vocabulary) + 1) for k in self.keys]
        self.vocabulary = vocabulary
        ids = np.array(self.ids, dtype=np.int64) & _ID_MASK
        keys = (ids[:-2] << (2 * _ID_BITS)) | (ids[1:-1] << _ID_BITS) | ids[2:]
        order = np.argsort(keys, kind="stable")
        self._trigram_keys: IntArray = keys[order]
        self._trigram_starts: IntArray = order
        self.language = detect_language(text)

    def __len__(self) -> int:
        return len(self.ids)

    def trigram_positions(self, keys: list[int], cap: int) -> list[list[int]]:
        """Start positions of each 3-gram; [] for one that is absent or more than `cap` times."""
        if not keys:
            return []
        wanted = np.array(keys, dtype=np.int64)
        lows = np.searchsorted(self._trigram_keys, wanted, side="left").tolist()
        highs = np.searchsorted(self._trigram_keys, wanted, side="right").tolist()
        starts = self._trigram_starts
        return [
            starts[lo:hi].tolist() if 0 < hi - lo <= cap else []
            for lo, hi in zip(lows, highs, strict=True)
        ]

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

    def word_start(self, i: int) -> int:
        """Offset of word i in the normalised text."""
        return self._bounds[2 * i]

    def word_end(self, i: int) -> int:
        return self._bounds[2 * i + 1]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original-text span from the start of word `first` to the end of word `last`."""
        return self.norm.to_original(self.word_start(first), self.word_end(last))

    def gap(self, i: int) -> str:
        """Normalised characters between word i and word i+1 (punctuation, spaces)."""
        return self._gaps[i + 1]


@functools.lru_cache(maxsize=8)
def index_for(text: str) -> SourceIndex:
    """Index of a plain-text source, remembered for the next quotes against the same text."""
    return SourceIndex(text)
