"""Which words of the text are reported as the speaker mention (issue 17, second pass).

The resolved speaker is what a reader checks; the mention is where the article says it.
Each class of mention error fixed on PolNeAR train has a positive and a negative example.
"""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract


def _mentions(text: str) -> list[tuple[str | None, str | None]]:
    quotes = extract(make_doc(text))
    return [(q.speaker, q.speaker_mention.text if q.speaker_mention else None) for q in quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence names Cruz; `what he calls` only repeats him
        (
            "Ted Cruz spoke in Iowa.\n\nCruz has railed against what he calls the "
            "“Washington cartel” for years.",
            ("Ted Cruz", "Cruz"),
        ),
        # no name in the sentence: the pronoun stays the mention
        (
            "Ted Cruz spoke in Iowa.\n\nHe has railed against what he calls the "
            "“Washington cartel” for years.",
            ("Ted Cruz", "he"),
        ),
        # an owner is not the sentence's subject
        (
            "Ted Cruz spoke in Iowa.\n\nCruz’s aides mocked what he calls the "
            "“Washington cartel” for years.",
            ("Ted Cruz", "he"),
        ),
        # a `he` that is the subject of its own cue stays the mention
        (
            "Ted Cruz spoke in Iowa.\n\nCruz arrived late, and he said the “Washington "
            "cartel is finished for good.”",
            ("Ted Cruz", "he"),
        ),
    ],
)
def test_what_he_called_is_said_of_the_sentences_subject(
    text: str, expected: tuple[str, str]
) -> None:
    assert _mentions(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phrase after `in` is an adverbial between the subject and its verb
        (
            "Donald Trump ran for president.\n\nTrump in his announcement speech called the "
            "plan “a total disaster for the country.”",
            ("Donald Trump", "Trump"),
        ),
        (
            "Glenn Beck, who has in the past described Trump as “a pathological narcissistic "
            "sociopath,” spoke on Monday.",
            ("Glenn Beck", "who"),
        ),
        (
            "Zachary Fadem spoke.\n\nFadem in a research report wrote that “comps would have "
            "been closer to five percent.”",
            ("Zachary Fadem", "Fadem"),
        ),
        # nothing before the preposition: what was found stays
        (
            "At least half of voters in each state say the positions are “about right for "
            "the country.”",
            ("each state", "each state"),
        ),
        # `by` names an author, not an adverbial: kept
        (
            "A report by the Brookings Institution said the plan was “a giveaway to the very "
            "rich.”",
            ("Brookings Institution", "the Brookings Institution"),
        ),
    ],
)
def test_the_object_of_a_preposition_is_not_the_subject(
    text: str, expected: tuple[str, str]
) -> None:
    assert _mentions(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who is told is never who speaks
        (
            "Hours later, Trump returned the compliment to Adelson, telling Reuters, “Sheldon "
            "and I have been friends for a long time.”",
            ("Trump", "Trump"),
        ),
        (
            "As one employee told Palo Alto Weekly, “She wants to put fear in people.”",
            ("one employee", "one employee"),
        ),
        # a name after `said` and a comma still speaks (`said Trump, “…”`)
        (
            "Later that night, said Donald Trump, “we will win big in November.”",
            ("Donald Trump", "Donald Trump"),
        ),
    ],
)
def test_the_one_told_is_not_the_speaker(text: str, expected: tuple[str, str]) -> None:
    assert _mentions(text) == [expected]


def test_a_who_whose_sentence_is_over_gives_way_to_its_antecedent() -> None:
    """`“A,” said O'Donnell, who wrote … . “B.”`: B goes on with O'Donnell's words."""
    text = (
        "“He did try to intimidate me,” said John O'Donnell, who wrote about the visit in "
        "the book. “Thank goodness, both of those things weren't true.”"
    )
    assert _mentions(text)[1] == ("John O'Donnell", "John O'Donnell")


def test_a_who_inside_the_quotes_sentence_stays_the_mention() -> None:
    """`Beck, who said there were “…”`: the relative clause holds the quote."""
    text = (
        "“He is a dictator in the making,” said Glenn Beck, who said there were “too many "
        "disturbing things for me to dismiss.”"
    )
    assert _mentions(text)[1] == ("Glenn Beck", "who")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first clause's subject stands after a fronted participle clause
        (
            "Asked on Monday whether her husband would hold a cabinet position, Mrs. Clinton "
            "shook her head and said, “No, that is not going to happen.”",
            [("Mrs. Clinton", "Mrs. Clinton")],
        ),
        # no subject anywhere: the coordinated cue still names nobody, and the quote goes
        ("In the end, and then vowed, “we will fight on.”", []),
    ],
)
def test_a_coordinated_cue_speaks_for_the_subject_past_a_fronted_clause(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _mentions(text) == expected


def test_a_sentence_in_parentheses_keeps_its_subject() -> None:
    """`(X challenged …, and said he “…”`: the coordinated cue finds X past the parenthesis."""
    text = (
        "(Grayson's spokeswoman challenged the assertion, and said he “maintains that she "
        "will be a very competent president.”)"
    )
    assert _mentions(text) == [("Grayson's spokeswoman", "Grayson's spokeswoman")]


def test_a_bracketed_source_label_is_no_subject() -> None:
    """`[Quartz]` ends the item before: the next sentence's orphan quote is not Quartz's."""
    text = (
        "Crows are the detectives of the bird world. [Quartz]\n"
        "THE OTHER SIDE OF THE PARTY “Mr. Barna’s bash at a large home featured copious "
        "champagne showers and more than 500 revelers.”"
    )
    assert all(speaker != "Quartz" for speaker, _ in _mentions(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nominal speaker's complement before its cue, with or without a determiner
        (
            "The hearing went on.\n\n“The simple truth is that the facts have not changed "
            "at all,” a spokesman for committee Democrats said.",
            "a spokesman for committee Democrats",
        ),
        (
            "The sign was up.\n\n“Welcome to the town of the future,” a welcome message on "
            "the website reads.",
            "a welcome message on the website",
        ),
    ],
)
def test_a_nominal_speaker_runs_to_its_cue(text: str, expected: str) -> None:
    assert [m for _, m in _mentions(text)] == [expected]


def test_a_second_clause_is_not_part_of_the_speaker() -> None:
    """`“…” the legal footing for a peace deal and said`: `and` opens another clause."""
    text = (
        "Russia's foreign ministry said it viewed the move as “another measure "
        "contradicting” the legal footing for a peace deal and said it would raise tensions."
    )
    assert [m for _, m in _mentions(text)] == ["Russia's foreign ministry"]


def test_a_show_after_told_is_a_title() -> None:
    text = (
        "“China is equally concerned about what North Korea is doing,” Bernie Sanders told "
        "ABC's “Good Morning America.” “When you have a hydrogen bomb, you are a threat.”"
    )
    quotes = [q.text for q in extract(make_doc(text))]
    assert "Good Morning America." not in quotes and len(quotes) == 2


def test_remembered_is_a_verb_of_saying_that_may_invert() -> None:
    text = (
        "The deal went through.\n\n“An awful lot of analysts said no to this deal, and she "
        "did it anyway,” remembered Roy Verley, the former spokesman."
    )
    assert _mentions(text) == [("Roy Verley", "Roy Verley")]


def test_a_title_remembered_is_still_no_quote() -> None:
    assert _mentions("The crowd remembered the “Miracle on Ice” of 1980 fondly.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adverb or a gerund opening the sentence is no one
        (
            "The vote was close.\n\nMoreover, as part of the exchange, “less than one percent "
            "of the emails were captured.”",
            None,
        ),
        (
            "The vote was close.\n\nDoing so “appeared to be an attempt at poisoning the "
            "election in the state.”",
            None,
        ),
        # a name before its comma is the subject
        (
            "Stephanie Grisham spoke.\n\nGrisham, by her own accounting, has given “plenty of "
            "on-the-record statements that were truthful.”",
            "Stephanie Grisham",
        ),
        # a common word opening the sentence is no one: frequent English, or a word the text
        # writes in lower case (any language)
        (
            "The vote was close.\n\nGood information can still win, but only when “the truth "
            "is sexier than the lie it has to replace.”",
            None,
        ),
        (
            "Il pubblico aspetta gli attori.\n\nGli spettatori ricordano il primo film de “La "
            "leggenda del Grande Tempio e dei suoi cavalieri”, datato 2014.",
            None,
        ),
        # a rare word the text also capitalises inside a sentence is a name
        (
            "Voters met Ted Cross on Monday.\n\nCross called the election “a citizenship "
            "election for every one of us.”",
            "Ted Cross",
        ),
        # a surname that is also a word (`young`) is not common enough to be taken for one
        (
            "The vote was close.\n\nYoung wants “better schools in every town of the state” "
            "by next year.",
            "Young",
        ),
        # an acronym is a body, however common its letters are as a word
        (
            "The vote was close.\n\nIT warned that “the servers will be down all weekend "
            "for the upgrade.”",
            "IT",
        ),
    ],
)
def test_an_orphans_subject_is_not_a_sentence_opener(text: str, expected: str | None) -> None:
    assert [s for s, _ in _mentions(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what someone supports or opposes, in their own words
        (
            "Clinton supports “appropriate pay raises,” opposes “across-the-board arbitrary "
            "pay freezes” and recalled the freeze.",
            [("Clinton", "Clinton"), ("Clinton", "Clinton")],
        ),
        # `support` as a noun and `opposing` as an adjective frame nobody's words
        (
            "His strengths include strong support from self-described “very conservative” voters.",
            [],
        ),
        ("Weaver dismissed that as a sign of an opposing campaign in “disarray.”", None),
    ],
)
def test_supports_and_opposes_frame_the_subjects_words(
    text: str, expected: list[tuple[str, str]] | None
) -> None:
    found = _mentions(text)
    if expected is None:
        assert all(speaker == "Weaver" for speaker, _ in found)
    else:
        assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reporting sentence's main clause, not a report inside it
        (
            "Carter said that for decades some critics had been predicting a withdrawal from "
            "the region.\n\n“That’s because this region is home to our partners and friends.”",
            "Carter",
        ),
        # the last sentence that reports, not an earlier one
        (
            "Smith said the plan was late. Jones told reporters the money was gone.\n\n“We "
            "cannot go on like this for another year.”",
            "Jones",
        ),
    ],
)
def test_a_quote_only_paragraph_takes_the_report_before_it(text: str, expected: str) -> None:
    assert _mentions(text) == [(expected, expected)]
