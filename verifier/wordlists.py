"""Large word lists held compactly: wordfreq's English frequencies and the dictionary.

The matcher asks whether a word is real (`lexicon.is_slip_of`). wordfreq keeps its English
list as a dict of 321,000 `str` keys beside the lists it was read from, and `english_words`
returns a set of 263,000 more: together about 60 MB held for a run's lifetime (and more
while they load), for a few thousand look-ups. Here each list is one sorted UTF-8 blob with
an offsets array, searched by bisection: about 18 bytes a word, and only a list of bytes
(no dict, no `str`) while it is built. The words and frequencies are
exactly the packages' own (read from their own files, tested word by word against them).
"""

from __future__ import annotations

import bisect
import functools
import gzip
import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import msgpack
import numpy as np


class SortedWords(Sequence[bytes]):
    """Records `word NUL value` in the words' sorted order, in one blob with one offsets
    array: no Python object per word. A word is found by bisection on `word NUL`."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: bytes, ends: np.ndarray[Any, np.dtype[np.uint64]]) -> None:
        self._blob = blob
        self._offsets = array("Q", [0])
        self._offsets.frombytes(ends.astype(np.uint64).tobytes())

    @classmethod
    def from_records(cls, records: list[bytes]) -> SortedWords:
        """From records (the list is sorted in place; words hold no NUL). A word given
        twice keeps both records, next to each other; `value` answers the last."""
        records.sort()  # by word (NUL sorts first), then by value
        lengths = np.fromiter(map(len, records), dtype=np.uint64, count=len(records))
        return cls(b"".join(records), np.cumsum(lengths, dtype=np.uint64))

    @classmethod
    def of(cls, words: Iterable[str]) -> SortedWords:
        """A set of words (no values): one join and one encode, no object per word."""
        ordered = sorted(words)  # code point order is the UTF-8 bytes' order
        if any("\0" in w for w in ordered):
            raise ValueError("a word holds a NUL character")
        blob = "\0".join(ordered).encode("utf-8", "surrogatepass") + b"\0" if ordered else b""
        ends = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == 0) + 1
        return cls(blob, ends.astype(np.uint64))

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

    def value(self, word: str | bytes) -> bytes | None:
        """The word's value (b"" in a set of words), or None when it is not held."""
        key = _key(word) if isinstance(word, str) else word + b"\0"
        i = bisect.bisect_left(self, key)
        if i == len(self) or not self[i].startswith(key):
            return None
        while i + 1 < len(self) and self[i + 1].startswith(key):
            i += 1  # the word listed again: its last record
        return self[i][len(key) :]

    def words(self) -> Iterator[str]:
        for record in self:
            yield _word_of(record).decode("utf-8", "surrogatepass")

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str | bytes) and self.value(word) is not None


def _key(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass") + b"\0"


def _word_of(record: bytes) -> bytes:
    return record[: record.find(0)]


class FrequencyTable:
    """wordfreq's frequency list: each word with its bucket (minus its centibels)."""

    __slots__ = ("_words",)

    def __init__(self, buckets: Iterable[list[bytes]]) -> None:
        """From the buckets' words as UTF-8 bytes, one bucket at a time."""
        records: list[bytes] = []
        for index, bucket in enumerate(buckets):
            if b"\0" in b"".join(bucket):
                raise ValueError("a word holds a NUL byte")
            # buckets in file order: a word listed twice keeps its last (as wordfreq's dict)
            value = b"\0" + index.to_bytes(2, "big")
            records.extend(word + value for word in bucket)
        self._words = SortedWords.from_records(records)

    def bucket(self, word: str) -> int | None:
        """The word's bucket, or None when the list does not have it."""
        value = self._words.value(word)
        return None if value is None else int.from_bytes(value, "big")

    def items(self) -> Iterator[tuple[str, int]]:
        """Every (word, bucket), in the words' sorted order."""
        for record in self._words:
            word = _word_of(record)
            yield word.decode("utf-8", "surrogatepass"), int.from_bytes(record[-2:], "big")


def read_cbpack(path: str) -> Iterator[list[bytes]]:
    """A wordfreq cBpack file's buckets, words as UTF-8 bytes, read one bucket at a time
    (no copy of the whole file, no `str` per word)."""
    with gzip.open(path, "rb") as infile:
        unpacker = msgpack.Unpacker(infile, raw=True)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get(b"format") != b"cB":
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
    return any(words.value(word) is not None for words in dictionary())
