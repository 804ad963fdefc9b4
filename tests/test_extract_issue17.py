"""Regression tests for the examples of issue 17 that the extractor now gets right."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    quotes = extract(make_doc(text))
    return [(q.speaker, q.speaker_mention.text if q.speaker_mention else None) for q in quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a corporate suffix is part of the company's name, not a speaker of its own
        ("Acme, Inc., said in a statement: “We will win this case in court.”", "Acme, Inc."),
        ("Acme Widgets, Inc., said: “We will win this case in court.”", "Acme Widgets, Inc."),
        # `X of the Y said`: the person, not the body she belongs to
        ("Anna Kowalski of the Coastal Trust said: “The river is dying fast.”", "Anna Kowalski"),
        # a capitalised sentence opener is not part of the name
        (
            "Donald Trump spoke in Ohio.\n\nAlthough Trump denied it, “the deal is done,” "
            "he said later.",
            "Donald Trump",
        ),
        # a possessive mention of a statement is the person's
        (
            "Hillary Clinton wrote to aides on Monday.\n\nHer statement read: “We will win this.”",
            "Hillary Clinton",
        ),
        # an honorific is not a speaker alone: `May` after `Ms.` is a name, not a verb
        (
            "Prime Minister Theresa May spoke on Monday.\n\nMs. May said: “We will leave the "
            "union.”",
            "Prime Minister Theresa May",
        ),
        # an honorific with a surname resolves to the full name given earlier
        (
            "Prime Minister Theresa May spoke on Monday.\n\n“We will leave the union,” Ms. "
            "May said.",
            "Prime Minister Theresa May",
        ),
    ],
)
def test_speakers_are_people_or_whole_names(text: str, speaker: str) -> None:
    assert [s for s, _ in _speakers(text)] == [speaker]


def test_a_body_after_of_the_stays_the_speaker_without_a_persons_name() -> None:
    """`Officials of the Coastal Trust` name no person: the body speaks."""
    text = "Officials of the Coastal Trust said: “The river is dying fast.”"
    assert [m for _, m in _speakers(text)] == ["the Coastal Trust"]


def test_as_he_related_is_a_cue_but_relating_to_is_not() -> None:
    told = "Dr. Ann Lee saw him.\n\nAs he related, “the course of steroids went on for months.”"
    assert [m for _, m in _speakers(told)] == ["he"]
    law = "He broke provisions relating “gross negligence” to the act."
    assert _speakers(law) == []


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        ("The “joke,” as he called it, fell flat with the crowd.", "joke,", "he"),
        ("He wrote in the subject line, “It worked!”", "It worked!", "He"),
        ("Abedin’s reply: “JEB BUSH.”", "JEB BUSH.", "Abedin"),
        (
            "Huma Abedin sent an email titled “From time to time I get the questions in "
            "advance,” to John Podesta.",
            "From time to time I get the questions in advance,",
            "Huma Abedin",
        ),
    ],
)
def test_a_fragment_with_an_owner_is_reported_as_a_fragment(
    text: str, quoted: str, speaker: str
) -> None:
    (quote,) = extract(make_doc(text))
    assert (quote.text, quote.kind.value, quote.found_by) == (quoted, "fragment", "owned-fragment")
    assert quote.speaker_mention is not None and quote.speaker_mention.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “war on drugs” went on for decades.",
        "US “aid” went to the army, as the report called it a loan.",
        "Her new book titled “Hard Choices” sold well.",
    ],
)
def test_scare_quotes_and_titles_of_works_are_not_fragments(text: str) -> None:
    assert extract(make_doc(text)) == []


def test_a_plain_text_block_quote_after_a_colon_has_its_speaker() -> None:
    """Seed article 000 once its HTML indentation is gone: no quote marks at all."""
    text = (
        "The Washington Examiner reported:\n\n"
        "The State Department has not publicized the agreements. A spokesperson confirmed "
        "it on Friday.\n\nThe vote was close."
    )
    (quote,) = extract(make_doc(text))
    assert (quote.kind.value, quote.found_by) == ("block", "colon-block")
    assert quote.speaker == "Washington Examiner"
