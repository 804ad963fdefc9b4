"""Quotes the third pass of issue 17 finds that were missed (tuned on PolNeAR train).

Each class has a positive example (the quote is found, with its speaker) and a negative one
(a scare quote, a term or a title of the same shape stays out).
"""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract
from verifier.extract.attribution import speech_noun_speaker


def _found(text: str) -> list[tuple[str, str | None, str]]:
    """(quoted text, speaker mention, rule that found it) for every quote of `text`."""
    return [
        (q.text, q.speaker_mention.text if q.speaker_mention else None, q.found_by)
        for q in extract(make_doc(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence reported by its closing cue: one lower-case word in it is the speaker's
        (
            "The FBI made a “mistake” in the background check, Comey has said.",
            [("mistake", "Comey", "closing-cue")],
        ),
        (
            "Trump’s “excesses” are sickening, Hollande said Tuesday in Paris.",
            [("excesses", "Hollande", "closing-cue")],
        ),
        # a capitalised word is a name or a title, whoever speaks
        ("The “Encuentro” prison is full, he said.", []),
        ("The show aired on “Nightline” last week, Comey said.", []),
        # no cue closes the sentence: a lone word is a term
        ("The FBI made a “mistake” in the background check.", []),
    ],
)
def test_a_closing_cue_owns_a_single_lower_case_word(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nominal speaker closes the sentence as a name or a pronoun does
        (
            "It wants to stop state policies that have a “dramatic and disparate impact” on "
            "minorities, the lawsuit says.",
            [("dramatic and disparate impact", "the lawsuit", "closing-cue")],
        ),
        # a relative clause or a second clause is not the sentence's closing attribution
        (
            "The rules had a “dramatic and disparate impact” on towns, which the lawsuit "
            "says is plain.",
            [],
        ),
        ("The rules had a “dramatic and disparate impact” on towns, and most people said so.", []),
        # a generic group sums up an opinion; the words are not theirs
        ("The rules had a “dramatic and disparate impact” on towns, critics say.", []),
        ("The rules had a “dramatic and disparate impact” on towns, some analysts say.", []),
    ],
)
def test_a_closing_cue_may_have_a_nominal_speaker(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker's role words may stand between the comma and the name
        (
            "“Boots on the ground” would be appropriate, Republican candidate Ben Carson said.",
            [("Boots on the ground", "Ben Carson", "closing-cue")],
        ),
        (
            "It will bring candidates the “grass-roots firepower” they need to win, DFA "
            "spokesman Neil Sroka said.",
            [("grass-roots firepower", "Neil Sroka", "closing-cue")],
        ),
        # other words there make it another clause, not the sentence's attribution
        (
            "“Boots on the ground” would be appropriate, and then Ben Carson said no.",
            [],
        ),
    ],
)
def test_a_closing_cue_may_name_its_speaker_after_a_role(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


def test_a_paragraph_that_attributes_its_own_quote_is_no_block_quote() -> None:
    text = (
        "Devine said areas where Sanders wants to see changes include:\n\n"
        "Voter participation: Sanders said closed primaries deny independents the right to "
        "vote. His wife, Jane, called for an open process. “Shutting people out of the "
        "process is not smart,” she said.\n\nThe vote is in May."
    )
    quote = "Shutting people out of the process is not smart,"
    assert _found(text) == [(quote, "she", "cue-after")]


def test_a_block_quote_without_quote_marks_stays_one() -> None:
    text = (
        "Lasso made the following statement on Monday:\n\n"
        "We will defend our sovereignty, as I said. The base will not be built.\n\n"
        "The vote is in May."
    )
    assert [(q, by) for q, _, by in _found(text)] == [
        ("We will defend our sovereignty, as I said. The base will not be built.", "colon-block")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an inverted cue closing the sentence owns a single lower-case word in it too
        (
            "The two men knew each other “casually” from the same mosque, said the director.",
            [("casually", "the director", "cue-after")],
        ),
        # a cue right after a single word is no sentence's closing attribution
        ("The two men were “casual” said to be friends.", []),
    ],
)
def test_an_inverted_closing_cue_owns_a_single_lower_case_word(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `what <someone> called/dubbed “…”`: the naming is theirs, a nominal speaker too
        (
            "They fight in what one Latino conservative has dubbed “the yuca primary,” "
            "referring to the Cuban staple.",
            [("the yuca primary,", "one Latino conservative", "naming")],
        ),
        # without `what`, a nominal subject of a naming verb names a term
        ("The new group called “the yuca primary” was formed.", []),
    ],
)
def test_what_someone_dubbed_is_their_naming(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a crowd's chant is its words, a slogan or a name too
        (
            "Supporters roared. But their chants of “Ted! Ted! Ted!” were cut short.",
            [("Ted! Ted! Ted!", None, "chant")],
        ),
        (
            "About 200 protesters gathered, holding signs and chanting “Dump Trump.”",
            [("Dump Trump.", None, "chant")],
        ),
        # a slogan on a sign is no chant
        ("About 200 protesters gathered, holding “Dump Trump” signs.", []),
    ],
)
def test_a_chant_is_the_crowds_words(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words a say-verb's subject reports, named as a term or a phrase
        (
            "Manafort acknowledged that the work could be termed “influence peddling,” the Post "
            "reported in 1991.",
            [("influence peddling,", "Manafort", "cue-before")],
        ),
        (
            "Hillary Clinton promised to refrain from using the phrase “illegal immigrant” again.",
            [("illegal immigrant", "Hillary Clinton", "cue-before")],
        ),
        # a so-called term, or a designation, stays the writer's
        ("Kasich said he won the so-called “governor’s bracket” on Tuesday.", []),
        (
            "The Command announced joint operations against cartels designated as “terrorist "
            "organizations.”",
            [],
        ),
    ],
)
def test_a_term_a_say_verbs_subject_used_is_theirs(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # someone's offer, request, plea or message frames their words
        (
            "The mayor rejected Donald Trump's offer to make an “exception” for him.",
            [("exception", "Donald Trump", "possessive")],
        ),
        # an offer nobody owns frames nobody's words
        ("The mayor rejected the offer to make an “exception” for him.", []),
    ],
)
def test_an_owned_offer_or_message_frames_the_owners_words(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person by role describes (`referred to … as`), past the verbs before it
        (
            "The candidate has mocked a reporter, referred to immigrants from Mexico as "
            '"rapists" and pointed to a man.',
            [("rapists", "The candidate", "describing")],
        ),
        # an -ing clause after a comma: its sentence's subject describes
        (
            "The GOP nominee has staked his campaign on immigration, portraying Mexican "
            'immigrants, in particular, as "rapists" and criminals.',
            [("rapists", "The GOP nominee", "describing")],
        ),
        # the subject of `started to portray` is the subject of `portray`
        (
            "That was long before White House officials started to portray the shooting as "
            "a “workplace” issue.",
            [("workplace", "White House officials", "describing")],
        ),
        # a thing is no one who describes, nor is a noun its participle follows
        ("The ads started to portray him as a “loser” all week.", []),
        ("The tallest tower, seen as a “beacon” of the city, opened.", []),
        # the subject of a say-verb's complement reports nothing: the say-verb's subject does
        (
            "Cuban complained that Cruz is too principled, suggesting the first-term senator "
            "sees issues as “absolutely black and white.”",
            [("absolutely black and white.", "Cuban", "cue-before")],
        ),
    ],
)
def test_a_describing_verbs_subject_by_role_or_by_clause(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what someone talks about in quoted words is theirs
        (
            "He talks about “spoiling the party,” and voters cheer.",
            [("spoiling the party,", "He", "advocating")],
        ),
        (
            'He heard Mateen talk of "immorality" in the United States.',
            [("immorality", "Mateen", "advocating")],
        ),
        (
            "Clinton talked up her “50-state strategy,” promising to campaign everywhere.",
            [("50-state strategy,", "Clinton", "advocating")],
        ),
        # talk that no one is said to have is no one's words
        ("There was talk of “impeachment” in the halls.", []),
        ("The talk up north was of a “hard winter” ahead.", []),
    ],
)
def test_what_someone_talks_about_is_theirs(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue `call` alone names no one; the possessive before it does
        (
            "Perhaps young voters prefer Sanders' call for \"revolution\" over Clinton's "
            "incrementalism.",
            [("revolution", "Sanders", "possessive")],
        ),
        # a call nobody owns stays nobody's
        ("Voters heard the call for “revolution” at the rally.", []),
    ],
)
def test_an_owner_names_the_speaker_a_bare_cue_does_not(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the full stop of a title ends no sentence: the naming verb still reaches the quote
        (
            "Ms. Friedan called Mrs. Schlafly an “Aunt Tom.”",
            [("Aunt Tom.", "Ms. Friedan", "naming")],
        ),
        ("Trump called Sen. Ted Cruz “Lyin’ Ted” again.", [("Lyin’ Ted", "Trump", "naming")]),
        # a sentence that ends before the quote leaves it a term
        ("Ms. Friedan called her out. Mrs. Schlafly was an “Aunt Tom” to some.", []),
    ],
)
def test_a_title_before_a_name_ends_no_naming_sentence(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title's full stop stays inside the frame's clause
        (
            "Trump portrayed Mrs. Clinton as a “liar” at the rally.",
            [("liar", "Trump", "describing")],
        ),
        (
            "Cruz likened Mr. Trump to “a used car salesman” again.",
            [("a used car salesman", "Cruz", "describing")],
        ),
        (
            "Trump's claim that Mrs. Clinton was “a crook” was repeated.",
            [("a crook", "Trump", "possessive")],
        ),
        # a sentence's full stop does not
        ("Trump's claim was odd. Mrs. Clinton was “a crook” to him.", []),
    ],
)
def test_a_title_before_a_name_ends_no_framed_clause(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `According to Mr. Trump,` reports its sentence as `According to Trump,` does
        (
            "According to Mr. Trump, Mrs. Clinton was “furious” about the leak.",
            [("furious", "Mr. Trump", "cue-before")],
        ),
        # a sentence that ends after `According to …` reports nothing further
        ("According to Mr. Trump. Mrs. Clinton was “furious” about the leak.", []),
    ],
)
def test_a_title_in_according_to_ends_no_aside(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what someone calls on others to do, in quoted words, a verb or two after `to`
        (
            "The campaign called on the agency to conduct an “expedited review” of the water.",
            [("expedited review", "The campaign", "describing")],
        ),
        (
            "The mayor urged residents to avoid the “danger zone” downtown.",
            [("danger zone", "The mayor", "describing")],
        ),
        # a bare passive names no one who urges
        ("The agency was called on to conduct an “expedited review” of the water.", []),
        ("Residents were urged to avoid the “danger zone” downtown.", []),
    ],
)
def test_what_someone_calls_on_others_to_do_is_theirs(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `made it clear that …` reports its complement as `said that …` does
        (
            "Clinton endorsed the deal, although she made it clear that she has “serious "
            "concerns” about it.",
            [("serious concerns", "she", "cue-before")],
        ),
        (
            "Obama made clear his aim to “fundamentally transform” the country.",
            [("fundamentally transform", "Obama", "cue-before")],
        ),
        # what someone should make clear has not been said
        ("He agreed that a president should make clear that such “swaps” set no precedent.", []),
    ],
)
def test_made_it_clear_reports_its_complement(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun of saying after the quote makes it its owner's remark
        (
            "Mitt Romney’s “47 percent” comment was nearly as dismissive.",
            [("47 percent", "Mitt Romney", "remark")],
        ),
        (
            "The panel discussed Donald Trump's \"woman's card\" remark at length.",
            [("woman's card", "Donald Trump", "remark")],
        ),
        # a heading's label, or a title followed by the noun, is no remark
        ("Comment: “47 percent” of the vote.", []),
        ("They sang the “Born in the USA” line again.", []),
    ],
)
def test_a_quote_named_a_remark_is_its_owners(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the one who said it, not the document that reports it
        (
            "Jones said the deal was “dead and buried,” according to the report.",
            [("dead and buried,", "Jones", "said-before-according-to")],
        ),
        (
            "Trump told the crowd that Clinton “should be in jail,” according to CNN.",
            [("should be in jail,", "Trump", "said-before-according-to")],
        ),
        # a hope is not a saying: the report is the source
        (
            "Jones hoped the deal was “dead and buried,” according to the report.",
            [("dead and buried,", "the report", "cue-after")],
        ),
    ],
)
def test_said_before_according_to_is_the_sayers(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("intro", "speaker"),
    [
        # `with` a statement: the sentence's subject made it, not the noun phrase before it
        ("The mayor opened the session with a statement:", "The mayor"),
        ("Acme responded to the lawsuit with a short statement:", "Acme"),
        # a fronted clause after a degree adverb ("Ever since …,") is no subject
        (
            "Ever since the vote, Ms. Warren has urged her staff on with a simple message:",
            "Ms. Warren",
        ),
    ],
)
def test_a_statement_made_with_a_noun_is_the_subjects(intro: str, speaker: str) -> None:
    text = f"{intro}\n\nWe will rebuild the bridge before winter, whatever it costs.\n\nThe end."
    assert [(q, s) for q, s, _ in _found(text)] == [
        ("We will rebuild the bridge before winter, whatever it costs.", speaker)
    ]


def test_a_subject_greeted_with_a_message_did_not_send_it() -> None:
    """Passive: the message was addressed to the subject, so the `with` rule does not name it."""
    text = "He was greeted with the following message:"
    att = speech_noun_speaker(text, 0, len(text) - 1)
    assert att is None or att.speaker is None or att.speaker.text != "He"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted words in the first person are somebody's, however short
        (
            "President Obama met families in Orlando on Thursday. “I held and hugged” grieving "
            "family members before laying flowers at a memorial.",
            [("I held and hugged", "President Obama", "orphan")],
        ),
        (
            "The candidate sent out an email to supporters, inviting them to enter the "
            "contest, to “win my engraved shotgun!”",
            [("win my engraved shotgun!", "The candidate", "orphan")],
        ),
        (
            "The promise to “take our country back” appeals to many.",
            [("take our country back", "The promise", "orphan")],
        ),
        # a term, a country in capitals, an Italian article, a lone pronoun: no one's words
        ("The “held and hugged” pose is a cliché.", []),
        ("The “US military” base is closed.", []),
        ("He watched “I Cavalieri dello Zodiaco” as a child.", []),
        ("The “we” of the movement is large.", []),
    ],
)
def test_words_in_the_first_person_are_somebodys(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what someone implied is reported like what they said
        (
            "Trump implied the judge was biased and “hostile” to him.",
            [("hostile", "Trump", "cue-before")],
        ),
        # no verb of saying, or `implied` as an adjective: a term
        ("The judge was biased and “hostile” to him.", []),
        ("The implied threat was “hostile” to him.", []),
    ],
)
def test_what_someone_implied_is_theirs(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a translation glosses a term: nobody says the gloss
        ("His friends jeered, “Do svidaniya!” - Russian for “goodbye.”", ["Do svidaniya!"]),
        ("The gun bears the motto “Si Vis Pacem,” Latin for “if you wish peace, prepare.”", []),
        # speaking in a language for a while is no gloss
        (
            "He spoke in Russian for “a long time, a very long time,” he said.",
            ["a long time, a very long time,"],
        ),
    ],
)
def test_a_gloss_is_nobodys_words(text: str, expected: list[str]) -> None:
    assert [q for q, _, _ in _found(text)] == expected


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a role after the cue, then the name it gives: the name is the speaker
        ("“We are ready,” said the union’s president, Lena Marsh.", "Lena Marsh"),
        ("“We are ready,” said another Twitter user, Johanna Bayer, on Monday.", "Johanna Bayer"),
        # no name after the comma: the role stays the speaker
        ("“We are ready,” said the union’s president, adding that talks went on.", "president"),
        # a name the sentence goes on about is no apposition of the role
        ("“We are ready,” said the union’s president, Lena Marsh told her members.", "president"),
    ],
)
def test_a_role_after_the_cue_gives_way_to_the_name_after_it(sentence: str, speaker: str) -> None:
    ((_, mention, _),) = _found(f"The talks ended late.\n\n{sentence}")
    assert mention is not None and mention.endswith(speaker)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted term that a copula follows opens its own sentence: the report before it
        # does not reach it
        (
            'The department has said it classified 22 emails as "top secret" and will not '
            'release them. "Top secret" is the highest level of classification.',
            [("top secret", "The department", "cue-before")],
        ),
        (
            "John Schlafly would not repudiate politicians, like Pat Robertson, who had "
            'condemned it. "Family values people" are "not out to bash gays," he said.',
            [
                ("Family values people", "he", "continuation"),
                ("not out to bash gays,", "he", "cue-after"),
            ],
        ),
        # a quote standing for a sentence, or words in the first person, stay in reach
        ("Smith took the stage. “We will win.”", [("We will win.", "Smith", "orphan")]),
        (
            "Smith said the deal was off. “We walked away” was all he said.",
            [("We walked away", "Smith", "cue-before")],
        ),
    ],
)
def test_a_term_opening_a_sentence_is_out_of_reach(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `, called the “…”` names a thing: a term, nobody's words
        ('A blog, called the "Feed," anchored by five writers, pumps out articles.', []),
        # someone calling something names it in their words
        ("Trump called the plan “a disaster.”", [("a disaster.", "Trump", "naming")]),
        (
            "He spoke for an hour, called the plan “a disaster” and left.",
            [("a disaster", "He", "cue-before")],
        ),
    ],
)
def test_a_thing_called_by_a_participle_is_a_term(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the grounds of a judgement are the judge's words
        (
            'Trump slammed the president for not using the term "radical Islamic terrorism."',
            [("radical Islamic terrorism.", "Trump", "describing")],
        ),
        (
            "Jacobs credited Merkel with holding “the entire continent together” in the crisis.",
            [("the entire continent together", "Jacobs", "describing")],
        ),
        (
            'Donald Trump attacked Mitt Romney for being a "failed candidate." He left.',
            [("failed candidate.", "Donald Trump", "describing")],
        ),
        # a noun, or a passive with no agent, judges nothing in anyone's words
        ("The tax credit for a “qualified” buyer is large.", []),
        ("He was praised for his “grit” and heart.", []),
    ],
)
def test_the_grounds_of_a_judgement_are_the_judges_words(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pronouncing, declaring or deeming someone something names them in one's words
        (
            'He voiced a wish for a strong Mexico, and he pronounced Pena Nieto "a friend."',
            [("a friend.", "he", "naming")],
        ),
        (
            'Trump declared himself the "law and order candidate" on Monday.',
            [("law and order candidate", "Trump", "naming")],
        ),
        # a passive with no agent names nobody
        ("He was pronounced “a friend” of the court.", []),
        ("The group, deemed a “terror outfit” by many, met.", []),
    ],
)
def test_pronouncing_someone_something_is_naming(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a closing cue may end with when it was said (`ten days ago`, `yesterday`); then the
        # paragraph attributes its own quote and is no block quote of the colon line before
        (
            "According to Jack Kelly:\n\nThe Foundation “received as much as $26 million in "
            "payments” from corporations, the Washington Post reported ten days ago.",
            [("received as much as $26 million in payments", "the Washington Post", "closing-cue")],
        ),
        # other words after the cue: not the sentence's closing attribution
        ("The Foundation “received payments” from donors, the Post reported about ten donors.", []),
    ],
)
def test_a_closing_cue_may_say_when(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a restrictive `who` after a person by role: that person speaks
        (
            "They asked her to repudiate a general who suggested that the country should "
            "“segregate” radicals.",
            [("segregate", "a general", "cue-before")],
        ),
        # the role, not the noun it is the complement of
        (
            "They asked her to repudiate the support of a retired general who suggested that "
            "the country should “segregate” radicals.",
            [("segregate", "a retired general", "cue-before")],
        ),
        # not after a noun that is no role
        (
            "They asked her to repudiate a website who suggested that the country should "
            "“segregate” radicals.",
            [],
        ),
    ],
)
def test_a_role_before_a_restrictive_who_speaks(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # an irregular past tense ends the subject's phrase, as "-ed" does
        (
            "The GOP presidential candidate sent out an email to supporters on Tuesday "
            "inviting them to enter the contest, to “win my engraved shotgun!”",
            "The GOP presidential candidate",
        ),
        (
            "The billionaire businessman began his speech by saying a wall is “cheaper than "
            "getting candy.”",
            "The billionaire businessman",
        ),
        ("The party sent word: “We will not back down from this fight.”", "The party"),
        # a past tense inside a compound is no verb: the phrase keeps it
        (
            "The hand-built coalition wrote: “We will not back down from this fight.”",
            "The hand-built coalition",
        ),
    ],
)
def test_a_subjects_phrase_ends_before_its_verb(text: str, mention: str) -> None:
    ((_, found, _),) = _found(f"The talks ended late.\n\n{text}")
    assert found == mention
