"""Quotes joined from several places, short quotes, and the language of a passage."""

from __future__ import annotations

import json

from verifier.language import detect_language, is_placeholder
from verifier.match import Verdict, match_quote
from verifier.models import SegmentMatch
from verifier.report.json import _segment

SOURCE = (
    "The minister arrived in Quito on Monday for two days of talks. She said the agreement "
    "would bring new investment to the coast and create jobs for young people. Critics say "
    "the deal gives foreign troops too much freedom and ignores the constitution. The "
    "government denied that any base would be built on Ecuadorian soil."
)


def _parts(quote: str) -> list[str | None]:
    result = match_quote(quote, SOURCE)
    assert result.verdict is Verdict.MISQUOTED, result.reason
    assert result.reason == f"joined from {len(result.segments)} places"
    for seg in result.segments:
        assert seg.start is not None and SOURCE[seg.start : seg.end] == seg.passage
    return [seg.passage for seg in result.segments]


def test_halves_of_two_sentences_are_joined_from_two_places() -> None:
    assert _parts(
        "She said the agreement would bring new investment and ignores the constitution."
    ) == [
        "She said the agreement would bring new investment",
        "and ignores the constitution",
    ]


def test_sentences_run_together_out_of_order() -> None:
    quote = "the deal gives foreign troops too much freedom. She said the agreement would bring"
    assert len(_parts(quote)) == 2


def test_non_adjacent_sentences_without_an_ellipsis() -> None:
    quote = (
        "The minister arrived in Quito on Monday for two days of talks. The government denied "
        "that any base would be built"
    )
    assert len(_parts(quote)) == 2


def test_words_dropped_inside_one_sentence_are_not_a_splice() -> None:
    quote = "She said the agreement would bring new investment to the coast for young people."
    result = match_quote(quote, SOURCE)
    assert result.verdict is Verdict.MISQUOTED
    assert result.changes[0] == "words dropped"


def test_each_part_is_in_the_json_with_its_passage() -> None:
    segment = SegmentMatch(
        "and ignores the constitution", True, 10, 38, 1.0, "and ignores the constitution"
    )
    assert json.loads(json.dumps(_segment(segment)))["passage"] == "and ignores the constitution"


def test_a_short_quote_with_one_word_changed_is_misquoted() -> None:
    source = "In the final on Sunday, the United States lost to Canada, 3-2, after extra time."
    result = match_quote("lost from Canada", source)
    assert result.verdict is Verdict.MISQUOTED
    assert result.reason == "preposition changed: “from” in the quote, “to” in the source"


SPANISH = (
    "El presidente publicó el lunes un mensaje en inglés en sus redes sociales, que "
    "reproducimos a continuación sin cambios, junto con la reacción de la oposición. "
) * 4
POST = (
    "We will never negotiate with criminals, and we will defend every family in this country "
    "with everything we have."
)


def test_an_english_passage_on_a_spanish_page_is_matched() -> None:
    source = SPANISH + POST + " " + SPANISH
    assert detect_language(source) == "es"
    assert match_quote(POST, source).verdict is Verdict.VERIFIED
    near = match_quote(POST.replace("every family", "every citizen"), source)
    assert near.verdict is Verdict.MISQUOTED, near.reason
    other = match_quote(
        "The minister will resign next week after the scandal, the party said.", source
    )
    assert other.verdict is Verdict.UNVERIFIABLE and other.reason == "source in Spanish"


LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation "
    "ullamco laboris nisi ut aliquip ex ea commodo consequat. "
) * 3


def test_lorem_ipsum_is_not_a_language() -> None:
    assert is_placeholder(LOREM) and not is_placeholder(POST)
    assert detect_language(LOREM) is None
    assert detect_language(LOREM + POST + " " + POST) == "en"
    result = match_quote(POST, LOREM)
    assert result.verdict is Verdict.NOT_FOUND
    assert match_quote(POST, LOREM + POST).verdict is Verdict.VERIFIED
