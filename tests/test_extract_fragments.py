"""Short quoted fragments inside reported speech, and the asides and terms that are not quotes."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract

HEAD = "Officials Meet in Quito\n\n"  # plain-text articles open with a headline


def found(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(make_doc(HEAD + body))]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a one-to-three-word fragment deep in the complement of `X said …`
        (
            "Goodell said on Tuesday that critics who claim the league has gone “soft” "
            "misunderstand the rules.",
            [("soft", "Goodell")],
        ),
        (
            "Sen. Lindsey Graham told reporters that the deal negotiated by the administration "
            "with Tehran was “a disaster” for the region.",
            [("a disaster", "Sen. Lindsey Graham")],
        ),
        (
            "The State Department wrote that the armed forces of both countries had acted in "
            "a manner it considered “fully lawful.”",
            [("fully lawful.", "State Department")],
        ),
        # `the <name> said`: a verb, though a determiner stands before its subject
        (
            "In a statement early Saturday morning, the DNC said the campaign staffers’ "
            "actions were “completely unacceptable” and that the committee would act.",
            [("completely unacceptable", "DNC")],
        ),
        # `X did something and said that …`: the subject of the first verb
        (
            "Mr. Trump was forced into a rare moment of damage control and said that his "
            "words had been ''misconstrued.''",
            [("misconstrued.", "Mr. Trump")],
        ),
        # an aside cue whose clause holds the fragment
        (
            "In both cases, Eric Trump said, those donations paid for “sponsorships” at the "
            "foundation’s golf invitational.",
            [("sponsorships", "Eric Trump")],
        ),
        # the second quote of a sentence: the cue stands before the first one
        (
            "Sanders said on ABC’s “This Week With George Stephanopoulos” that he would "
            "“take a look” at such legislation.",
            [("take a look", "Sanders")],
        ),
        (
            "Gorka said it was “absolutely clear” that the server was vulnerable, and that "
            "Clinton faced a “slam-dunk” indictment.",
            [("absolutely clear", "Gorka"), ("slam-dunk", "Gorka")],
        ),
    ],
)
def test_fragment_in_reported_speech(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # the cue is an aside, the fragment sits in the writer's own relative clause
        "The plan, he said, would be modelled on Plan Colombia, the program that burnt "
        "through $15 billion of US “aid” funds during two decades.",
        # the fragment stands in brackets the speaker did not say
        "The committee admitted that the plan was a resounding failure from a "
        "counter-narcotics perspective (albeit not from a “counter-insurgency” one).",
        # a verb of asking or praising does not report the fragment
        "Rivadeneira begged the army of Ecuador not to join any of the “incursions” abroad.",
        # a term in the possessive, owning the noun after it, is a label
        "Would Adam Schiff have pleaded to keep the “whistleblower’s” identity secret?",
    ],
)
def test_fragment_outside_reported_speech_is_not_a_quote(body: str) -> None:
    assert found(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Donald Trump took the stage in Houston. Within minutes, he called Rubio “Little "
            "Marco” multiple times.",
            [("Little Marco", "Donald Trump")],
        ),
        (
            "Christie refers to the candidate, who is supposedly his longtime friend, as "
            "“Mr. Trump,” while aides look on.",
            [("Mr. Trump,", "Christie")],
        ),
        (
            "In April, Trump called Ford’s plans to open a $1.6 billion assembly plant in "
            "Mexico “an absolute disgrace,” and threatened to tax its cars.",
            [("an absolute disgrace,", "Trump")],
        ),
    ],
)
def test_a_person_naming_something_is_quoted(
    body: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(body) == expected


def test_a_list_of_names_a_person_gave_is_quoted_whole() -> None:
    body = "Trump has called his rivals “Little Marco” and “Lyin’ Ted” at his rallies."
    assert found(body) == [("Little Marco", "Trump"), ("Lyin’ Ted", "Trump")]


@pytest.mark.parametrize(
    "body",
    [
        "His campaign shelled out to broadcast a short film called “Tenemos Familias” on TV.",
        "Duterte has been called the “Trump of the East” for his statements.",
        "Renderings of a floating dock, labeled “Southcom Floating Dock,” were shown.",
        "Workers and peasants were dubbed “terrorists” for protesting.",
    ],
)
def test_a_thing_named_is_not_quoted(body: str) -> None:
    assert found(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "“I cannot imagine how exhausted you must be after this week,” former State "
            "policy planning director Anne-Marie Slaughter wrote to Clinton in an email.",
            "Anne-Marie Slaughter",
        ),
        (
            "“The committee will hear from both sides,” Senate Finance Committee ranking "
            "member Ron Wyden said.",
            "Ron Wyden",
        ),
    ],
)
def test_role_words_before_a_name_after_the_quote(body: str, expected: str) -> None:
    quotes = extract(make_doc(HEAD + body))
    assert [q.speaker for q in quotes] == [expected]


def test_a_one_line_quote_with_tex_marks_is_not_a_heading() -> None:
    body = (
        "Lesley Deutch runs a golf club in Boca Raton.\n\n"
        "''I don't think the industry is over,'' she said. ''I think it's just changing.''\n\n"
        "In South Florida, where building boomed, clubs are merging."
    )
    quotes = extract(make_doc(HEAD + body))
    assert [(q.text, q.speaker_mention.text if q.speaker_mention else None) for q in quotes] == [
        ("I don't think the industry is over,", "she"),
        ("I think it's just changing.", "she"),
    ]


def test_a_quoted_title_line_stays_a_heading() -> None:
    body = "“Plan Ecuador”\n\nEcuador’s prior eviction of the base was a setback for the plan."
    assert found(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Campaign chair Paul Manafort dismissed the whole kerfuffle as “absurd.” The "
            "delegates moved on.",
            [("absurd.", "Paul Manafort")],
        ),
        (
            "Trump later defended his comments as being “sarcastic” and moved on to trade.",
            [("sarcastic", "Trump")],
        ),
        (
            "Twenty-two years ago, a Times article hailed Trump as “The Comeback Kid” for "
            "his business success.",
            [("The Comeback Kid", "a Times article")],
        ),
        (
            "A third-party run was an option seen by organizers as a “lifeboat” for conservatives.",
            [("lifeboat", "organizers")],
        ),
        (
            "Another critic, Laurence H. Tribe, likened the rules to “burning the "
            "Constitution,” a charge that stung.",
            [("burning the Constitution,", "Laurence H. Tribe")],
        ),
        (
            "Cruz exhorted Republicans to “vote your conscience” and left the stage.",
            [("vote your conscience", "Cruz")],
        ),
        (
            "Trump openly admires Russian President Vladimir Putin as a “strong leader,” "
            "comparing him favorably to Obama.",
            [("strong leader,", "Trump")],
        ),
        (
            "First, Trump identified the judge as “Spanish,” then he attacked him again.",
            [("Spanish,", "Trump")],
        ),
        (
            "She blamed the violence on a “disturbed person,” not on his religion.",
            [("disturbed person,", "She")],
        ),
        (
            "But the Sanders campaign rejected the idea as “ludicrous” on Monday.",
            [("ludicrous", "the Sanders campaign")],
        ),
        (
            "For years, Twitter has positioned itself as a “global town square” for news.",
            [("global town square", "Twitter")],
        ),
        (
            "He shared the stage with Trump, who has postured himself as the “law and order "
            "candidate” for months.",
            [("law and order candidate", "Trump")],
        ),
    ],
)
def test_a_description_is_its_describers_words(body: str, expected: list[tuple[str, str]]) -> None:
    """`<subject> <verb of describing> <object> as “…”`: the subject's words."""
    assert found(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "The region has long been described as “the forgotten frontier” of the country.",
        "It was a third-party option portrayed as a “lifeboat” in the weeks before.",
        "The plan has been compared to a “Trojan horse” in the weeks before.",
    ],
)
def test_a_description_by_nobody_named_is_not_a_quote(body: str) -> None:
    assert found(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Fact-checkers seized on Trump’s claim that there have been “thousands of "
            "shootings” in Chicago this year.",
            [("thousands of shootings", "Trump")],
        ),
        (
            "Sanders has consistently pushed his promise of “free college” on the trail.",
            [("free college", "Sanders")],
        ),
        # a conjunction glued before the owner is not part of the name
        (
            "While Sanders’s call for a “revolution” draws crowds, his rival draws donors.",
            [("revolution", "Sanders")],
        ),
        # what is said of the remark, right after it, is not the remark's words
        (
            "Jessica Mackler issued a statement saying his comment “has absolutely no place in "
            "American democracy,” and called for an apology.",
            [("has absolutely no place in American democracy,", "Jessica Mackler")],
        ),
        # a contraction is a verb's subject, not a possessor: he is predicting
        (
            "He’s predicting he will do “very, very well” in the next contest, Smith wrote.",
            [("very, very well", "He")],
        ),
    ],
)
def test_a_possessed_claim_is_its_owners_words(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(body) == expected


def test_a_possessed_policy_is_not_a_claim() -> None:
    assert found("The administration’s policy of “strategic patience” failed, critics say.") == []


@pytest.mark.parametrize(
    "body",
    [
        "“It is a shame,” Pence said on CNN’s “State of the Union.”",
        "“It is too early,” Sanders said in an interview aired Monday on “New Day.”",
        "“It is too early to tell,” said Cuban, a host on the TV show “Shark Tank.”",
        "“We need more,” Flynn, a top Trump surrogate, said on Fox News’s “Fox and Friends.”",
    ],
)
def test_a_programme_title_after_a_quote_is_not_a_second_quote(body: str) -> None:
    assert [text for text, _ in found(body)] == [body[1 : body.index("”")]]


def test_a_stage_direction_in_a_quoted_transcript_is_not_a_quote() -> None:
    body = "Pence said: “We will stand by our Constitution.”\n\n“(CROSSTALK.)”"
    assert found(body) == [("We will stand by our Constitution.", "Pence")]


def test_according_to_at_the_head_of_a_sentence_reports_all_of_it() -> None:
    body = (
        "According to the talk radio host Rush Limbaugh, the move reeks of “fear” and desperation."
    )
    assert found(body) == [("fear", "Rush Limbaugh")]


def test_a_complaint_reports_its_fragment() -> None:
    body = "On Monday, Trump groused to a crowd in Georgia that CNN “doesn’t treat me properly.”"
    assert found(body) == [("doesn’t treat me properly.", "Trump")]
