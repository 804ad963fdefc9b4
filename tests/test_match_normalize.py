"""Normalisation forgives typography only, and maps back to the source's own characters."""

from __future__ import annotations

import pytest

from verifier.match.normalize import fold, normalize, split_words, tokenize


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        # quote marks and apostrophes
        ("“That doesn’t mean we’re doing it”", "\"that doesn't mean we're doing it\""),
        (
            "‘Destroy the plant that kills,’ they shout",
            "'destroy the plant that kills,' they shout",
        ),
        ("«Plan Ecuador»", '"plan ecuador"'),
        # dashes: every dash is one dash, every hyphen one hyphen
        ("Ecuador – and Peru — too", "ecuador — and peru — too"),
        ("drug‐eradication program", "drug-eradication program"),
        # spaces: no-break and thin spaces are spaces; zero-width ones vanish
        ("US\u00a0forces\u2009in\u202fEcuador", "us forces in ecuador"),
        ("Man\u200bta base", "manta base"),
        # soft hyphens and a word hyphenated across a line break
        ("glypho\u00adsate", "glyphosate"),
        ("the govern-\nment of Ecuador", "the government of ecuador"),
        # HTML entities
        ("Print Friendly, PDF &amp; Email", "print friendly, pdf & email"),
        ("Ecuador&#8217;s prior eviction", "ecuador's prior eviction"),
        ("Lasso&rsquo;s &ldquo;Plan Ecuador&rdquo;", 'lasso\'s "plan ecuador"'),
        # ellipsis forms, case, accents, compatibility forms
        ("drug trafficking…", "drug trafficking..."),
        ("Daniel Noboa AZÍN", "daniel noboa azin"),
        ("González", "gonzalez"),
        ("Gonza\u0301lez", "gonzalez"),
        ("the ﬁrst ofﬁcial", "the first official"),
        ("Ｐｅｒｕ", "peru"),
    ],
)
def test_fold(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_punctuation_is_not_typography() -> None:
    assert fold("it means we can, and") != fold("it means we can and")


@pytest.mark.parametrize(
    ("source", "word", "original"),
    [
        ("Ecuador&#8217;s prior eviction of US forces", "eviction", "eviction"),
        ("Ecuador&#8217;s prior eviction of US forces", "ecuador's", "Ecuador&#8217;s"),
        ("“Plan Ecuador” … to combat lawlessness", "combat", "combat"),
        ("the govern-\nment of Ecuador", "government", "govern-\nment"),
        ("ﬁne ofﬁcials", "officials", "ofﬁcials"),
        ("Gonza\u0301lez said", "said", "said"),
        ("Gonza\u0301lez said", "gonzalez", "Gonza\u0301lez"),
        ("AT&amp;T and [I]f", "if", "[I]f"),
        ("the release “give[s] us hope”", "gives", "give[s]"),
    ],
)
def test_offsets_map_back_to_the_original_characters(source: str, word: str, original: str) -> None:
    norm = normalize(source)
    start = norm.text.index(word)
    a, b = norm.to_original(start, start + len(word))
    assert source[a:b] == original


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("U.S. military bases", ["us", "military", "bases"]),
        ("US military bases", ["us", "military", "bases"]),
        ("$15 billion, or 15,000 million", ["15", "billion", "or", "15000", "million"]),
        ("didn’t work", ["didn't", "work"]),
        ("drug-eradication program", ["drug", "eradication", "program"]),
        ("Pacific coast came up", ["pacific", "coast", "came", "up"]),
    ],
)
def test_words_and_their_keys(text: str, keys: list[str]) -> None:
    assert [key for key, _, _ in tokenize(fold(text))] == keys


def test_split_words_agrees_with_tokenize() -> None:
    text = fold("In 2009, when the US Air Force’s 10-year lease on the Manta base came up…")
    keys, gaps, bounds = split_words(text)
    tokens = tokenize(text)
    assert keys == [key for key, _, _ in tokens]
    assert [(bounds[2 * i], bounds[2 * i + 1]) for i in range(len(keys))] == [
        (start, end) for _, start, end in tokens
    ]
    assert gaps[2] == ", "  # gaps[i] precedes word i: this one follows "2009"
