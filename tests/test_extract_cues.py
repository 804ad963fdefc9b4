"""Cue words as data: every inflection, multiword cues, and the look-alikes that are not cues."""

from __future__ import annotations

import pytest

from verifier.extract.cues import CUE_VERBS, find_cues, is_strong, speaker_follows

ISSUE_CUES = [
    "said",
    "says",
    "saying",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "stated",
    "warned",
    "noted",
    "argued",
    "explained",
    "insisted",
    "claimed",
    "confirmed",
    "commented",
    "emphasized",
    "vowed",
    "announced",
    "tweeted",
    "posted",
    "begged",
    "admitted",
    "quipped",
    "apologized",
    "lamented",
    "bemoaned",
    "groused",
    "gloated",
    "riffed",
    "jeered",
]


@pytest.mark.parametrize("word", ISSUE_CUES)
def test_every_inflection_is_a_cue(word: str) -> None:
    assert word in CUE_VERBS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the figures, according to the ministry", ["according to"]),
        ("as she later went on to say", ["went on to say"]),
        ("a dictum that may be falsely attributed to Einstein", ["attributed to"]),
        ("Minister Falconí made the following statement", ["made the following statement"]),
        ("Says Trump, who never stops.", ["Says"]),
    ],
)
def test_multiword_and_sentence_initial_cues(text: str, expected: list[str]) -> None:
    assert [c.group() for c in find_cues(text, 0, len(text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Secretary of State Antony Blinken arrived",  # a name, not the verb "state"
        "Ecuador's post-1979 regime",  # part of a compound
        "the New York Post reported",  # capitalised mid-sentence: a name
    ],
)
def test_look_alikes_are_not_cues(text: str) -> None:
    found = [c.group() for c in find_cues(text, 0, len(text))]
    assert "State" not in found and "post" not in found and "Post" not in found


def test_noun_like_cues_are_weak_and_verbs_strong() -> None:
    assert is_strong("said") and is_strong("emphasized")
    assert not is_strong("report") and not is_strong("vows")


def test_speaker_follows_the_cue() -> None:
    assert speaker_follows("according to") and speaker_follows("Attributed  to")
    assert not speaker_follows("said")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("“Go back to Univision,” Trump barked at the reporter.", "Trump"),
        ("“Your reputation is amazing,” Trump assured Jones after the interview.", "Trump"),
        ("“Okay, it was a mistake,” the senator confessed on Monday.", "the senator"),
        ("“We still have the votes,” Pelosi reminded reporters on Friday.", "Pelosi"),
        ("“We will build the wall,” Trump repeated to the crowd.", "Trump"),
    ],
)
def test_less_common_speech_verbs_attribute(body: str, expected: str) -> None:
    from tests._docs import make_doc
    from verifier.extract import extract

    quotes = extract(make_doc("Officials Meet in Quito\n\n" + body))
    assert [q.speaker_mention.text if q.speaker_mention else None for q in quotes] == [expected]
