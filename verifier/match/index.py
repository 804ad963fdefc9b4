"""A source text prepared once for all the quotes checked against it.

Normalising and tokenising a 2 MB transcript takes a fraction of a second; doing it per quote
would dominate the run. The index keeps the words as integer ids and the sorted keys of every
word 3-gram, so a quote is located by a few binary searches whatever the source's size.
"""

from __future__ import annotations

import functools

import numpy as np

from verifier.language import detect_language
from verifier.match.normalize import Normalized, normalize, split_words

# A 3-gram's key is (a << 42) | (b << 21) | c: word ids stay below 2**21 (two million
# distinct words; a rarer word shares the last id, which only makes its 3-grams vote less).
_ID_BITS = 21
_ID_MAX = (1 << _ID_BITS) - 1


class SourceIndex:
    """Words, ids and 3-gram positions of one source text; built once, read-only after."""

    text: str

    def __init__(self, text: str, *, language: str | bool | None = True) -> None:
        """`language`: the text's language when the caller knows it (None: unknown), or
        True to identify it on first need (only a quote not found asks)."""
        self.text = text
        if language is not True:
            self.__dict__["language"] = language if isinstance(language, str) else None
        self.norm: Normalized = normalize(text)
        self.keys, self._gaps, self._bounds = split_words(self.norm.text)
        vocabulary: dict[str, int] = {}
        ids_: list[int] = [vocabulary.setdefault(k, len(vocabulary) + 1) for k in self.keys]
        if len(vocabulary) > _ID_MAX:
            vocabulary = {k: min(i, _ID_MAX) for k, i in vocabulary.items()}
            ids_ = [min(i, _ID_MAX) for i in ids_]
        self.ids: list[int] = ids_
        self.vocabulary = vocabulary
        ids = np.array(self.ids, dtype=np.int64)
        keys = (ids[:-2] << (2 * _ID_BITS)) | (ids[1:-1] << _ID_BITS) | ids[2:]
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        # Group g of equal 3-grams holds positions self._starts[bounds[g]:bounds[g + 1]].
        firsts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]][: len(ordered)])
        self._trigram_group: dict[int, int] = dict(
            zip(ordered[firsts].tolist(), range(len(firsts)), strict=True)
        )
        self._group_bounds: list[int] = [*firsts.tolist(), len(ordered)]
        self._trigram_starts: list[int] = order.tolist()

    @functools.cached_property
    def language(self) -> str | None:
        """The text's language, identified on first need (it costs a few ms a page)."""
        return detect_language(self.text)

    def __len__(self) -> int:
        return len(self.ids)

    def trigram_positions(self, keys: list[int], cap: int) -> list[list[int]]:
        """Start positions of each 3-gram; [] for one that is absent or more than `cap` times."""
        out: list[list[int]] = []
        group = self._trigram_group
        bounds = self._group_bounds
        for key in keys:
            g = group.get(key)
            if g is None:
                out.append([])
                continue
            lo, hi = bounds[g], bounds[g + 1]
            out.append(self._trigram_starts[lo:hi] if hi - lo <= cap else [])
        return out

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

    def gaps(self, first: int, last: int) -> list[str]:
        """The gaps after words first..last-1 (what `gap` gives for each)."""
        return self._gaps[first + 1 : last + 1]

    def gap(self, i: int) -> str:
        """Normalised characters between word i and word i+1 (punctuation, spaces)."""
        return self._gaps[i + 1]


@functools.lru_cache(maxsize=4)
def index_for(text: str) -> SourceIndex:
    """Index of a plain-text source, remembered for the next quotes against the same text."""
    return SourceIndex(text)
