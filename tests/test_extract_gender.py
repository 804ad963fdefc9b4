"""What names, honorifics and role words tell of a person's gender, and what they do not."""

from __future__ import annotations

import pytest

from verifier.extract.gender import GenderVotes, is_first_name, pronoun_gender, words_gender


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Mrs. Clinton", "female"),
        ("Mr. Clinton", "male"),
        ("Ms. Gil", "female"),
        ("the White House spokeswoman", "female"),
        ("Sen. Ted Cruz", "male"),  # a title, then the first name
        ("Virginia Gov. Terry McAuliffe", None),  # Virginia is a place before the title
        ("Supreme Court Justice Ruth Bader Ginsburg", "female"),
        ("Sen. Elizabeth Warren", "female"),
        ("Donald J. Trump", "male"),
        ("her husband", "male"),
        # names borne by both (Lindsey Graham, Kelly Ayotte) tell nothing
        ("Sen. Lindsey Graham", None),
        ("Kelly Ayotte", None),
        # a surname alone tells nothing
        ("Graham", None),
        ("Crenshaw", None),
        # nor does an organisation or a role without gender
        ("the State Department", None),
        ("the official", None),
    ],
)
def test_words_gender(mention: str, expected: str | None) -> None:
    assert words_gender(mention.split()) == expected


def test_first_names_are_known_whatever_their_gender() -> None:
    assert is_first_name("Lindsey") and is_first_name("carly")
    assert not is_first_name("Dancing")


def test_pronoun_gender() -> None:
    assert [pronoun_gender(w) for w in ("he", "She", "they", "it")] == [
        "male",
        "female",
        None,
        None,
    ]


def test_votes_decide_three_to_one() -> None:
    votes = GenderVotes()
    votes.add("Jordan Blake", "female")
    assert votes.gender("Jordan Blake") == "female"
    votes.add("Jordan Blake", "male")
    assert votes.gender("Jordan Blake") is None  # one each: unknown
    votes.add("Jordan Blake", "female")
    votes.add("Jordan Blake", "female")
    assert votes.gender("Jordan Blake") == "female"
    assert votes.gender("Alex Moss") is None


def test_weak_votes_need_two_and_give_way_to_strong_ones() -> None:
    votes = GenderVotes()
    votes.add("Hillary Clinton", "female", weak=True)
    assert votes.gender("Hillary Clinton") is None  # one sentence is not enough
    votes.add("Hillary Clinton", "female", weak=True)
    assert votes.gender("Hillary Clinton") == "female"
    votes.add("Hillary Clinton", "male")  # `Clinton said he …`: reported speech decides
    assert votes.gender("Hillary Clinton") == "male"
