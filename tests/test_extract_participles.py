"""Speakers a cue does not sit next to: participle cues (`…, saying “…”`), a sentence that
introduces its quote with a colon, and a sign-off line under a quote."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract

HEAD = "Officials Meet in Quito\n\n"  # plain-text articles open with a headline


def mentions(body: str) -> list[tuple[str, str | None]]:
    out = []
    for q in extract(make_doc(HEAD + body)):
        out.append((q.text, q.speaker_mention.text if q.speaker_mention else None))
    return out


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the object right before the cue is not the speaker
        (
            "Trump mocked the qualifications of the Democratic front-runner, saying she "
            "would be a bad president who lacks “strength.”",
            [("strength.", "Trump")],
        ),
        (
            "Ryan’s campaign shrugged off Trump’s comments, telling reporters, “Neither "
            "Speaker Ryan nor anyone on his team has ever asked for an endorsement.”",
            [
                (
                    "Neither Speaker Ryan nor anyone on his team has ever asked for an "
                    "endorsement.",
                    "Ryan’s campaign",
                )
            ],
        ),
        # fronted adverbials, commas inside a place name, a dateline
        (
            "At a rally in Portsmouth, N.H., on Tuesday, Senator Bernie Sanders endorsed "
            "Mrs. Clinton, saying that she would “make an outstanding president.”",
            [("make an outstanding president.", "Senator Bernie Sanders")],
        ),
        (
            "WASHINGTON, Dec. 8 (UPI) — Clinton’s closest aide rallied supporters, saying: "
            "“We have to be ready to stop him.”",
            [("We have to be ready to stop him.", "Clinton’s closest aide")],
        ),
        # the subject of the nearest subordinate clause, and `X said, adding`
        (
            "The first incident came during a speech at the university, when Sen. Ted Cruz "
            "interrupted her speech, shouting “she wins, we lose!”",
            [("she wins, we lose!", "Sen. Ted Cruz")],
        ),
        (
            "Mr. Trump will deliver a foreign policy address this month, Mr. Manafort said, "
            "adding that he would also hold events to address his “gender gap.”",
            [("gender gap.", "Mr. Manafort")],
        ),
        # a participle right after the first quote: the say-verb's subject for both
        (
            "In South Carolina, Cruz said that there is “only one strong conservative in a "
            "position to win,” adding that it’s why Donald Trump “relentlessly attacks us.”",
            [
                ("only one strong conservative in a position to win,", "Cruz"),
                ("relentlessly attacks us.", "Cruz"),
            ],
        ),
        # hard negative: `points` is a noun here, not the cue `X points, calling …`
        (
            "Christie, New Jersey’s sitting governor, repeated accusations that Rubio recites "
            "the same campaign points, calling him a “talented guy” in the debate.",
            [("talented guy", "Christie")],
        ),
    ],
)
def test_participle_cue_speaker(body: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "In city after city, Perez lobbies for a higher minimum wage: “No one who works "
            "a full-time job in this country should have to live in poverty.”",
            [
                (
                    "No one who works a full-time job in this country should have to live in "
                    "poverty.",
                    "Perez",
                )
            ],
        ),
        # hard negatives: no subject to credit (the quote stays, with no speaker)
        (
            "It comes down to one rule: “Nobody leaves the room before the vote.”",
            [("Nobody leaves the room before the vote.", None)],
        ),
        (
            "I have one question for the minister: “Who pays for the new base?”",
            [("Who pays for the new base?", None)],
        ),
    ],
)
def test_colon_intro_takes_the_sentence_subject(body: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "“Almost all new income and wealth is going to the top 1 percent.”\n\n"
            "- Bernie Sanders.\n\nThe senator is repeating a claim.",
            [("Almost all new income and wealth is going to the top 1 percent.", "Bernie Sanders")],
        ),
        (
            "“The whole idea of it is something we hear about all the time.”\n\n"
            "—Michelle Marks, Philadelphia.",
            [("The whole idea of it is something we hear about all the time.", "Michelle Marks")],
        ),
        # a dash that opens a sentence is no sign-off
        (
            "“The whole idea of it is something we hear about all the time.”\n\n"
            "— Critics say the plan is too vague.",
            [("The whole idea of it is something we hear about all the time.", None)],
        ),
    ],
)
def test_signoff_line_under_a_quote(body: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a pronoun naming something inside what a named person said: the person
        (
            "Rubio said that over the last five days he has begun to unmask Trump, whom he "
            "called a “con artist.”",
            [("con artist.", "Rubio")],
        ),
        # a verb of hoping or offering inside what someone said: the one who said it
        (
            "At the rally, Sen. Ted Cruz said that he would offer “a prayer” for the eventual "
            "nominee.",
            [("a prayer", "Sen. Ted Cruz")],
        ),
        (
            "Kasich told reporters, however, that his aides hope “somebody else takes up the "
            "cause” against Cruz.",
            [("somebody else takes up the cause", "Kasich")],
        ),
        # a say-verb inside a say-verb keeps its own speaker
        (
            "Reid said the secretary told him that “a pause” in deportations is coming.",
            [("a pause", "the secretary")],
        ),
        # no say-verb around it: the pronoun stays the mention
        (
            "Trump met Rubio in Miami, whom he called “Little Marco” for months.",
            [("Little Marco", "he")],
        ),
    ],
)
def test_naming_inside_reported_speech(body: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # crowds and quantifiers speak
        (
            "“Yet another state we would have won if everyone could vote,” tweeted another.",
            [("Yet another state we would have won if everyone could vote,", "another")],
        ),
        ("Many said the plan was “a disaster” for the town.", [("a disaster", "Many")]),
        ("The crowd chanted “Lock her up!” as he spoke.", [("Lock her up!", "The crowd")]),
        # a quantifier inside a noun phrase is no speaker of its own
        (
            "The mayor of the town, like some, said the count was “a mess” by noon.",
            [("a mess", "The mayor of the town")],
        ),
    ],
)
def test_crowds_and_quantifiers_speak(body: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a document speaks, though its noun is also a cue verb
        (
            "“Current immigrants and their descendants are integrating into society,” the "
            "report concluded.",
            [
                (
                    "Current immigrants and their descendants are integrating into society,",
                    "the report",
                )
            ],
        ),
        (
            "“The nation’s demographic changes add to the urgency,” said the report.",
            [("The nation’s demographic changes add to the urgency,", "the report")],
        ),
        # the cue verb after a document noun is still the cue, not part of the phrase
        (
            "“We will appeal the ruling,” the post said on Monday.",
            [("We will appeal the ruling,", "the post")],
        ),
    ],
)
def test_documents_speak(body: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(body) == expected
