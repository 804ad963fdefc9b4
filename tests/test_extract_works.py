"""Titles of works are not quotes (issue 17, second pass): a book's or a film's title after
the word for it, and a headline opening its line with its byline after it."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract


def _texts(text: str) -> list[str]:
    return [q.text for q in extract(make_doc(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Mexican newspapers have been inspecting Trump's new book, “Crippled America: How "
        "to Make America Great Again,” for clues about his plans.",
        "Timothy O'Brien, whose 2005 book “TrumpNation: The Art of Being the Donald,” "
        "prompted a lawsuit, spoke on Monday.",
        "The movie, “13 Hours: The Secret Soldiers of Benghazi,” is based on a book.",
        "SHORT READS:\n\n—“An NYPD sketch artist gets a gallery show,” by Hyperallergic's "
        "Carey Dunne: http://bit.ly/1NSbMIk.",
        "BROADWAY BEAT—“Matthew Morrison is leaving the musical,” by Times' Michael Paulson.",
    ],
)
def test_titles_of_works_are_left_out(text: str) -> None:
    assert _texts(text) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a memoir quoted, not named: its words are the author's
        (
            "She recounted telling them in her memoir. “We will have to convince them that "
            "we've done the right thing.”",
            "We will have to convince them that we've done the right thing.",
        ),
        # words someone said, then `by` and who said them, inside a sentence
        (
            "Salceda said the “ugliness of utterances, largely unprompted and undeserved,” "
            "by Trump last week stood in contrast.",
            "ugliness of utterances, largely unprompted and undeserved,",
        ),
    ],
)
def test_quotes_near_works_and_bylines_stay(text: str, quote: str) -> None:
    assert _texts(text) == [quote]


def test_an_elision_is_no_quote_mark() -> None:
    """`how ‘bout` would pair with the apostrophe of `residents’` and swallow the quote."""
    text = (
        "And how ‘bout this new headline from the Post, which hits where they live: "
        "“Surge in robberies alters residents’ routines and lifestyles.”"
    )
    assert _texts(text) == ["Surge in robberies alters residents’ routines and lifestyles."]


def test_a_single_quote_after_its_opening_space_still_opens() -> None:
    text = "Lopez: Well, no one is like, ‘My 401(k) is speculation, and that is that.’"
    assert _texts(text) == ["My 401(k) is speculation, and that is that."]


def test_so_called_with_a_broken_hyphen_is_still_so_called() -> None:
    text = "Britain and the so- called ‘special relationship’ with Washington held firm."
    assert _texts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a programme after a broadcaster's possessive (`CBS'`) or a medium's
        ("He backed her up in an interview on CBS' “60 Minutes.” Then he left.", []),
        ("Washington, star of television’s “Scandal,” thanked Obama.", []),
        # a broadcaster's possessive elsewhere leaves a spoken sentence alone
        ("“We Will Win,” Smith told CBS' reporters.", ["We Will Win,"]),
    ],
)
def test_a_programme_after_a_broadcasters_possessive_is_a_title(
    text: str, expected: list[str]
) -> None:
    assert [q.text for q in extract(make_doc(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles listed after a title are titles too
        (
            "Howard had roles in “How the Grinch Stole Christmas,” “Apollo 13,” and “Austin "
            "Powers: The Spy Who Shagged Me,” and more.",
            [],
        ),
        # words in lower case after a title are no title
        (
            "Hanks had a role in “Apollo 13,” and “a very good heart for it,” she said.",
            ["a very good heart for it,"],
        ),
    ],
)
def test_a_title_listed_after_a_title_is_a_title(text: str, expected: list[str]) -> None:
    assert [q.text for q in extract(make_doc(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a work named after its author
        (
            "“It is fair,” said James Miller, a co-author of “Those Guys Have All the Fun: "
            "Inside the World of ESPN.”",
            ["It is fair,"],
        ),
        # words of the author after the name stay his
        (
            "Miller, the author, said: “Those Guys Have All the Fun Is My Best Book.”",
            ["Those Guys Have All the Fun Is My Best Book."],
        ),
    ],
)
def test_a_title_after_author_of_is_a_work(text: str, expected: list[str]) -> None:
    assert [q.text for q in extract(make_doc(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a work titled so, whatever its length, and a work with its byline
        (
            "Readers can find solace in a CounterPunch article titled “Clinton Does Best Where "
            "Voting Machines Flunk Hacking Tests.”",
            [],
        ),
        (
            "According to “The Trumps: Three Generations That Built an Empire,” by Gwenda "
            "Blair, he told his roommate so.",
            [],
        ),
        # a message titled so is its sender's (an owned fragment)
        (
            "Clinton sent an email titled “From Time To Time I Get The Questions,” to Podesta.",
            ["From Time To Time I Get The Questions,"],
        ),
    ],
)
def test_a_title_after_titled_or_before_a_byline_is_a_work(text: str, expected: list[str]) -> None:
    assert [q.text for q in extract(make_doc(text))] == expected
