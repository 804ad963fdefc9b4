"""The compact word lists hold exactly the packages' own words and frequencies."""

from __future__ import annotations

import random

import pytest
import wordfreq
from english_words import get_english_words_set
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import wordlists
from verifier.wordlists import FrequencyTable, SortedWords

_WORD = st.text(
    st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12
)


@given(st.lists(_WORD, max_size=60), st.lists(_WORD, max_size=20))
def test_sorted_words_answer_as_a_set(words: list[str], others: list[str]) -> None:
    held = SortedWords.of(words)
    assert list(held.words()) == sorted(words)
    for word in words + others:
        assert (word in held) == (word in set(words))


@given(st.lists(st.lists(_WORD, max_size=8), max_size=300))
def test_a_frequency_table_keeps_each_words_last_bucket_as_wordfreqs_dict(
    buckets: list[list[str]],
) -> None:
    expected = {w: i for i, bucket in enumerate(buckets) for w in bucket}
    table = FrequencyTable([[w.encode() for w in bucket] for bucket in buckets])
    assert dict(table.items()) == expected
    for word in expected:
        assert table.bucket(word) == expected[word]
        assert table.bucket(word + "\x01") == expected.get(word + "\x01")


def test_a_word_with_a_nul_is_refused() -> None:
    with pytest.raises(ValueError, match="NUL"):
        FrequencyTable([[b"a\0b", b"c"]])
    with pytest.raises(ValueError, match="NUL"):
        SortedWords.of(["a\0b"])


@pytest.fixture(scope="module")
def english() -> list[list[str]]:
    return wordfreq.get_frequency_list("en")


def test_the_english_table_holds_wordfreqs_whole_list(english: list[list[str]]) -> None:
    expected = {w: i for i, bucket in enumerate(english) for w in bucket}
    assert dict(wordlists.english_frequencies().items()) == expected


_ODD = [
    "", "   ", "teh", "thier", "Hello", "don't", "can’t", "it's", "1984", "3.5", "co-op",
    "U.S.", "naïve", "ab12cd", "ééé", "new york", "x", "qwzx", "l'état", "2nd", "#1",
]  # fmt: skip


def test_zipf_is_wordfreqs_on_its_words_and_odd_strings(english: list[list[str]]) -> None:
    words = [w for bucket in english for w in bucket]
    for word in random.Random(12).sample(words, 1500) + _ODD:
        assert wordlists.zipf_en(word) == wordfreq.zipf_frequency(word, "en"), word


@settings(max_examples=150)
@given(st.text(max_size=15))
def test_zipf_is_wordfreqs_on_any_string(text: str) -> None:
    assert wordlists.zipf_en(text) == wordfreq.zipf_frequency(text, "en")


def test_the_dictionary_is_english_words_union_of_both_lists() -> None:
    expected = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    held = wordlists.dictionary()
    assert {w for words in held for w in words.words()} == expected
    sample = random.Random(12).sample(sorted(expected), 500)
    assert all(wordlists.in_dictionary_list(w) for w in sample)
    assert not any(wordlists.in_dictionary_list(w + "qz") for w in sample)
