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
