"""Large word lists held compactly: wordfreq's English frequencies and the dictionary.

The matcher asks whether a word is real (`lexicon.is_slip_of`). wordfreq keeps its English
list as a dict of 321,000 `str` keys beside the lists it was read from, and `english_words`
returns a set of 263,000 more: together about 60 MB held for a run's lifetime (and more
while they load), for a few thousand look-ups. Here each list is one sorted UTF-8 blob with
an offsets array, searched by bisection: about 9 bytes a word. The words and frequencies are
exactly the packages' own (read from their own files, tested word by word against them).
"""

from __future__ import annotations

import bisect
import functools
import gzip
import math
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import overload

import msgpack
import numpy as np
from numpy.typing import NDArray


class SortedWords(Sequence[bytes]):
    """Distinct byte strings in sorted order: one blob and one offsets array, no objects."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: bytes, offsets: array[int]) -> None:
        self._blob = blob
        self._offsets = offsets

    @classmethod
    def of(cls, words: Collection[str]) -> SortedWords:
        """The words (none holding a line break or NUL), sorted and deduplicated."""
        lines = "\n".join(words).encode("utf-8", "surrogatepass")
        return cls(*_pack(lines, len(words))[:2])

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | Sequence[bytes]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._blob[self._offsets[index] : self._offsets[index + 1]]

    def position(self, word: str | bytes) -> int | None:
        """Index of the word in sorted order, or None when it is not held."""
        key = word.encode("utf-8", "surrogatepass") if isinstance(word, str) else word
        i = bisect.bisect_left(self, key)
        return i if i < len(self) and self[i] == key else None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str | bytes) and self.position(word) is not None


def _pack(lines: bytes, count: int) -> tuple[bytes, array[int], NDArray[np.intp]]:
    """`count` words given one a line (in any order): the blob and offsets of their sorted
    distinct set, and for each kept word the line it came from (the last of equal lines).
    Sorted in numpy over a padded byte grid, so no Python object is made per word."""
    if b"\0" in lines:
        raise ValueError("a word holds a NUL byte")
    data = np.frombuffer(lines, dtype=np.uint8)
    breaks = np.flatnonzero(data == ord("\n"))
    if len(breaks) + 1 != count:
        if count:
            raise ValueError("a word holds a line break")
        return b"", array("Q", [0]), np.zeros(0, dtype=np.intp)
    starts = np.concatenate(([0], breaks + 1))
    lengths = np.concatenate((breaks, [len(data)])) - starts
    grid = np.zeros((len(starts), max(1, int(lengths.max()))), dtype=np.uint8)
    mask = np.arange(grid.shape[1]) < lengths[:, None]
    grid[mask] = np.delete(data, breaks)
    keys = grid.view(f"S{grid.shape[1]}").ravel()  # bytes order (no NULs inside a word)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    last = np.append(ordered[1:] != ordered[:-1], True)  # the last of each run of equals
    order = order[last]
    blob = grid[order][mask[order]].tobytes()
    offsets = array("Q", np.concatenate(([0], np.cumsum(lengths[order]))).tolist())
    return blob, offsets, order


class FrequencyTable:
    """wordfreq's frequency list: each word with its bucket (minus its centibels)."""

    __slots__ = ("_buckets", "_words")

    def __init__(self, buckets: Iterable[list[str]]) -> None:
        lines: list[str] = []
        index = array("H")
        for i, bucket in enumerate(buckets):
            if bucket:
                lines.append("\n".join(bucket))
                index.extend([i] * len(bucket))
        joined = "\n".join(lines).encode("utf-8", "surrogatepass")
        blob, offsets, order = _pack(joined, len(index))
        self._words = SortedWords(blob, offsets)
        # as wordfreq's dict: a word listed twice keeps its last (rarest) bucket
        self._buckets = array("H", np.frombuffer(index, dtype=np.uint16)[order].tobytes())

    def bucket(self, word: str) -> int | None:
        """The word's bucket, or None when the list does not have it."""
        position = self._words.position(word)
        return None if position is None else self._buckets[position]

    def items(self) -> Iterable[tuple[str, int]]:
        """Every (word, bucket), in the words' sorted order."""
        for position, word in enumerate(self._words):
            yield word.decode("utf-8", "surrogatepass"), self._buckets[position]


def read_cbpack(path: str) -> Iterator[list[str]]:
    """A wordfreq cBpack file's buckets, read one at a time (no copy of the whole file)."""
    with gzip.open(path, "rb") as infile:
        unpacker = msgpack.Unpacker(infile, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            raise ValueError(f"{path}: not a wordfreq cBpack file")
        for _ in range(count - 1):
            yield unpacker.unpack()


@functools.cache
def english_frequencies() -> FrequencyTable:
    """wordfreq's best English list (the one `zipf_frequency(word, "en")` reads)."""
    from wordfreq import available_languages

    return FrequencyTable(read_cbpack(available_languages("best")["en"]))


def zipf_en(word: str) -> float:
    """`wordfreq.zipf_frequency(word, "en")`, step for step, over the compact table."""
    from wordfreq import cB_to_freq, freq_to_zipf, zipf_to_freq
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    minimum = zipf_to_freq(0.0)  # zipf_frequency's default floor: once in a billion words
    tokens = lossy_tokenize(word, "en")
    table = english_frequencies()
    one_over_result = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        bucket = table.bucket(smashed)
        if bucket is None:
            return round(freq_to_zipf(minimum), 2)
        freq = cB_to_freq(-bucket)
        if smashed != token:
            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    if not tokens:
        return round(freq_to_zipf(minimum), 2)
    unrounded = max(1.0 / one_over_result, minimum)
    freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(freq_to_zipf(freq), 2)


@functools.cache
def dictionary() -> tuple[SortedWords, ...]:
    """english_words' Webster's and GCIDE lists (lower-case, letters only), one at a time."""
    from english_words import get_english_words_set

    return tuple(
        SortedWords.of(get_english_words_set([source], lower=True, alpha=True))
        for source in ("web2", "gcide")
    )


def in_dictionary_list(word: str) -> bool:
    """The word is in either list (what `word in set.union(web2, gcide)` says)."""
    return any(words.position(word) is not None for words in dictionary())
