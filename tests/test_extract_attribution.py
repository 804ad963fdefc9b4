"""Attribution: each shape of news quotation, with its speaker; and the hard negatives."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract
from verifier.load import load_string
from verifier.models import ParagraphKind, QuoteKind

HEAD = "Officials Meet in Quito\n\n"  # plain-text articles open with a headline


def found(body: str) -> list[tuple[str, str | None]]:
    text = HEAD + body
    return [(q.text, q.speaker) for q in extract(make_doc(text))]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # speaker after the quote, both orders
        (
            "“They were announcing and signing an agreement,” said Crenshaw.",
            [("They were announcing and signing an agreement,", "Crenshaw")],
        ),
        (
            "“That doesn’t mean we’re doing it,” Crenshaw said on Thursday.",
            [("That doesn’t mean we’re doing it,", "Crenshaw")],
        ),
        # a role phrase and a name, an apposition, a relative clause
        (
            "“We’ve had more successful conventions,” Texas delegate Bill Eastland said.",
            [("We’ve had more successful conventions,", "Bill Eastland")],
        ),
        (
            "“The United States will continue to support the people of Ecuador,” Secretary of "
            "State Antony Blinken, who announced the reward, said on Thursday.",
            [
                (
                    "The United States will continue to support the people of Ecuador,",
                    "Secretary of State Antony Blinken",
                )
            ],
        ),
        # according to, an organisation as speaker
        (
            "The ability to move vessels will “strengthen cooperative law enforcement "
            "activities,” according to State.",
            [("strengthen cooperative law enforcement activities,", "State")],
        ),
        # speaker and cue before the quote, with a colon or a comma
        (
            "Ecuadorian President Guillermo Lasso stated, “When we came to government, the "
            "gangs were already powerful.”",
            [
                (
                    "When we came to government, the gangs were already powerful.",
                    "President Guillermo Lasso",
                )
            ],
        ),
        (
            "Meanwhile, a relieved Defense Minister Javier Ponce commented: “I am glad that "
            "the president kept his pledge.”",
            [("I am glad that the president kept his pledge.", "Defense Minister Javier Ponce")],
        ),
        # apposition between the speaker and the cue
        (
            "Hugh Hill, a doctor at the clinic, said: “We saw forty patients in one night.”",
            [("We saw forty patients in one night.", "Hugh Hill")],
        ),
        # a partial quote inside the writer's sentence
        (
            "Ecuador’s former Foreign Minister María Isabel Salvador said the proposal "
            "“betrayed a lack of understanding of what Plan Colombia meant.”",
            [
                (
                    "betrayed a lack of understanding of what Plan Colombia meant.",
                    "Foreign Minister María Isabel Salvador",
                )
            ],
        ),
        # inverted cue: says X, role: “…”
        (
            "Plan Colombia was a costly debacle, says Adam Isacson, lead investigator of the "
            "Washington Office on Latin America: “The US hoped it had found something it "
            "could apply elsewhere.”",
            [("The US hoped it had found something it could apply elsewhere.", "Adam Isacson")],
        ),
        # a label: Name, Role: “…”
        (
            "Maria Lopez, union organiser: “Nobody asked the workers what they wanted.”",
            [("Nobody asked the workers what they wanted.", "Maria Lopez")],
        ),
        # a dash sign-off
        (
            "“The only thing we have to fear is fear itself.” — Franklin Roosevelt",
            [("The only thing we have to fear is fear itself.", "Franklin Roosevelt")],
        ),
        # passive: accused of “…” by X
        (
            "Boluarte has been accused of “crimes against international law” by Amnesty "
            "International.",
            [("crimes against international law", "Amnesty International")],
        ),
        # a coordinated second cue keeps the speaker
        (
            "Florida Gov. Ron DeSantis said cartels should be treated like “foreign terrorist "
            "organizations” and vowed, “I’m going to use the U.S. military against them.”",
            [
                ("foreign terrorist organizations", "Gov. Ron DeSantis"),
                ("I’m going to use the U.S. military against them.", "Gov. Ron DeSantis"),
            ],
        ),
    ],
)
def test_attributed_quotes(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(body) == expected


def test_quote_split_by_its_attribution_gives_two_quotes_same_speaker() -> None:
    body = (
        "“At the moment we are totally invaded by narco-terrorism,” said Noboa, from one of "
        "Guayaquil’s wealthiest families. “The violence we are facing is like a warzone,” he "
        "said. “We should treat it as a war.”"
    )
    got = found(body)
    assert [t for t, _ in got] == [
        "At the moment we are totally invaded by narco-terrorism,",
        "The violence we are facing is like a warzone,",
        "We should treat it as a war.",
    ]
    assert {s for _, s in got} == {"Noboa"}


@pytest.mark.parametrize(
    "body",
    [
        # scare quotes and terms
        "Southern Command escalates its “War on Drugs” in South America.",
        "It sprayed Monsanto’s “probably” carcinogenic weedkiller on the farms.",
        "The program burnt through $15 billion of US “aid” funds in two decades.",
        "Ecuador's troops killed workers and peasants dubbed “terrorists” for protesting.",
        "It is this so-called “war against drug trafficking” that failed.",
        # titles of works and names
        "I reported in my post, “Back to Business As Usual: The US Stirs the Pot”, that "
        "troops are coming.",
        "The gang and its leader, José “Fito” Adolfo Macías Villamar, were named.",
        "A narco-corrido was released about the gang's leader “Fito” last week.",
        "The army built a new 15,000-capacity “Encuentro” prison near the coast.",
        "Cartel boss Nemesio Oseguera, alias “Mencho,” was killed in February.",
        "Renderings of a floating dock, labeled “Southcom Floating Dock,” were shown.",
        # a short phrase with a cue but nobody named
        "Since declaring a “state of war” in January, the army has patrolled the coast.",
    ],
)
def test_not_quotes(body: str) -> None:
    assert found(body) == []


def test_continuation_paragraph_inherits_the_speaker() -> None:
    body = (
        "“We are concerned about the production of cocaine,” the minister said.\n\n"
        "“That is why I raised the possibility of a plan tailored to our reality.”"
    )
    got = found(body)
    assert len(got) == 2
    assert got[0][1] == got[1][1] == "the minister"


def test_quote_only_paragraph_after_a_named_person() -> None:
    body = (
        "However, Pablo Lucio Paredes, head of the drug commission, begged to differ.\n\n"
        "“Our country has received no benefits from the American operations at the base.”"
    )
    assert found(body) == [
        (
            "Our country has received no benefits from the American operations at the base.",
            "Pablo Lucio Paredes",
        )
    ]


def test_colon_block_quote_in_plain_text() -> None:
    body = (
        "But nobody seems to have told this to Lasso, who said in LA last summer:\n\n"
        "The background is the same. We could call it something else, but Ecuador wants "
        "to present a plan to the United States.\n\n"
        "Even Voice of America reported that the comments stoked controversy."
    )
    quotes = extract(make_doc(HEAD + body))
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == QuoteKind.BLOCK
    assert q.text.startswith("The background is the same.")
    assert q.text.endswith("to the United States.")
    assert q.speaker == "Lasso"


def test_block_quote_from_a_publication() -> None:
    body = (
        "In September Petro recruited Mexico’s president in this quest. Per El País:\n\n"
        "The presidents of the two countries most affected by the violence of the cartels "
        "are eager to “redesign and rethink drug policy” across the region."
    )
    quotes = extract(make_doc(HEAD + body))
    assert [(q.kind, q.speaker) for q in quotes] == [(QuoteKind.BLOCK, "El País")]


def test_markdown_blockquote_paragraph_is_one_block_with_the_intro_speaker() -> None:
    text = (
        HEAD + "The Heritage Foundation wrote in a recent report:\n\n"
        "If the US can partner with Ecuador, “it could create a framework” for the region.\n\n"
        "It could also show the way to others."
    )
    doc = make_doc(text, {2: ParagraphKind.BLOCKQUOTE, 3: ParagraphKind.BLOCKQUOTE})
    quotes = extract(doc)
    assert len(quotes) == 1
    assert quotes[0].kind == QuoteKind.BLOCK
    assert quotes[0].text.endswith("show the way to others.")
    assert quotes[0].speaker == "Heritage Foundation"


@pytest.mark.parametrize(
    ("intro", "block", "expected"),
    [
        # narrative set off as a block, introduced by nobody: each quotation is found with
        # its own speaker (a page of the real-pages set, shortened)
        (
            "",
            "“No form of immunity applies to him,” said one legal expert.\n\n"
            "“He is vulnerable to extradition,” the expert warned.",
            [
                (QuoteKind.FULL, "No form of immunity applies to him,", "one legal expert"),
                (QuoteKind.FULL, "He is vulnerable to extradition,", "one legal expert"),
            ],
        ),
        (
            "Lena Marsh left the studio early.\n\n",
            "She later told the interviewer: “I had to go and see him and talk to him.”",
            [(QuoteKind.FULL, "I had to go and see him and talk to him.", "Lena Marsh")],
        ),
        # introduced as someone's words: the block is theirs, quotations inside included
        (
            "Lena Marsh, a spokeswoman, said in a statement:\n\n",
            "“We are ready,” the union wrote. We will strike on Monday.",
            [
                (
                    QuoteKind.BLOCK,
                    "“We are ready,” the union wrote. We will strike on Monday.",
                    "Lena Marsh",
                )
            ],
        ),
        # one paragraph of the run attributes nothing: the run stays one block
        (
            "",
            "“We are ready,” the union wrote.\n\nWe will strike on Monday if nothing changes.",
            [
                (
                    QuoteKind.BLOCK,
                    "“We are ready,” the union wrote.\n\nWe will strike on Monday if nothing "
                    "changes.",
                    None,
                )
            ],
        ),
    ],
)
def test_a_block_quote_that_attributes_its_own_quotations_is_narrative(
    intro: str, block: str, expected: list[tuple[QuoteKind, str, str | None]]
) -> None:
    first = 1 + intro.count("\n\n")  # paragraph 0 is the headline
    kinds = {first + k: ParagraphKind.BLOCKQUOTE for k in range(block.count("\n\n") + 1)}
    quotes = extract(make_doc(HEAD + intro + block, kinds))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == expected


def test_intro_by_first_person_is_not_a_block_quote() -> None:
    body = (
        "The plan was hugely controversial, as I reported in May:\n\n"
        "Plan Colombia was a costly debacle, says Adam Isacson: “The US hoped it could "
        "apply it elsewhere, and found out that it didn’t work there.”"
    )
    got = found(body)
    assert got == [
        (
            "The US hoped it could apply it elsewhere, and found out that it didn’t work there.",
            "Adam Isacson",
        )
    ]


def test_offsets_point_at_the_quoted_words_and_mentions() -> None:
    text = HEAD + "“We will win,” Rep. Dan Crenshaw said."
    (q,) = extract(make_doc(text))
    assert text[q.start : q.end] == q.text == "We will win,"
    assert q.kind == QuoteKind.FULL
    assert q.speaker_mention is not None and q.cue is not None
    assert text[q.speaker_mention.start : q.speaker_mention.end] == "Rep. Dan Crenshaw"
    assert text[q.cue.start : q.cue.end] == "said"


def test_reader_comments_are_never_extracted() -> None:
    text = (
        HEAD + "“We will win,” Noboa said.\n\nPrint Friendly, PDF & Email\n\n"
        "  1. timbers\n\n    “This is the real reason,” my neighbour said.\n\nComments are closed."
    )
    assert [q.text for q in extract(make_doc(text))] == ["We will win,"]
    doc = make_doc(text, {3: ParagraphKind.COMMENTS, 4: ParagraphKind.COMMENTS})
    assert [q.text for q in extract(doc)] == ["We will win,"]


def test_said_with_a_colon_wins_over_according_to_after_the_quote() -> None:
    text = (
        "Defense Minister Javier Ponce said: “I am glad that President Correa has fulfilled "
        "his election pledge and preserved the constitution,” according to the same report."
    )
    (quote,) = extract(make_doc(text))
    assert quote.speaker is not None and quote.speaker.endswith("Javier Ponce")
    assert quote.cue is not None and quote.cue.text == "said"


def test_the_first_paragraph_after_a_headline_is_prose() -> None:
    """The loader already took the headline; the paragraph under it is the story's first."""
    body = "Smith said he will do “very well” in the next contest.\n\nThe vote is on Tuesday."
    quotes = extract(make_doc(HEAD + body))
    assert [(q.text, q.speaker) for q in quotes] == [("very well", "Smith")]


def test_an_unmarked_first_line_is_still_the_headline() -> None:
    text = "Smith says he will do “very well” in contest\n\nThe vote is on Tuesday, officials said."
    assert extract(make_doc(text)) == []


def test_sign_offs_at_the_end_of_each_line_name_each_speaker() -> None:
    """Readers' answers listed one per line, each signed after its closing mark."""
    body = (
        "We asked readers what they made of the debate.\n\n"
        "“Maybe we can build a wall around the whole campaign.” ―\xa0Steve Quinlan\n"
        "“The most unqualified candidate to ever run for president.” ― Francisco Herrero\n"
        "“Not a worthy representative of the nation.” — Oscar P. Quintero."
    )
    quotes = extract(make_doc(HEAD + body))
    assert [(q.speaker, q.cue.text if q.cue else None) for q in quotes] == [
        ("Steve Quinlan", "―"),
        ("Francisco Herrero", "―"),
        ("Oscar P. Quintero", "—"),
    ]


def test_a_quoted_transcript_is_cut_into_speaker_turns() -> None:
    body = (
        "The exchange went as follows:\n\n"
        "“WALLACE: Do you really see those two as equivalent, the owner and the guest?\n\n"
        "“PENCE: Well, look, the owner has been out there saying some pretty tough stuff.\n\n"
        "“(CROSSTALK.)\n\n"
        "“WALLACE: Will she be there tomorrow night?”"
    )
    quotes = extract(make_doc(HEAD + body))
    assert [(q.speaker_mention.text if q.speaker_mention else None, q.text) for q in quotes] == [
        ("WALLACE", "Do you really see those two as equivalent, the owner and the guest?"),
        ("PENCE", "Well, look, the owner has been out there saying some pretty tough stuff."),
        ("WALLACE", "Will she be there tomorrow night?"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The rule requires a “lawful source of investment income,” as a Homeland "
            "Security memo put it.",
            [("lawful source of investment income,", "a Homeland Security memo")],
        ),
        (
            "“It was the least bad outcome,” Mr. Morgan of the Sierra Club said.",
            [("It was the least bad outcome,", "Mr. Morgan")],
        ),
        (
            "“It’s an invasion of the state regulatory domain,” Scott Pruitt, the Republican "
            "attorney general of Oklahoma, one of the states suing the agency, said on Monday.",
            [("It’s an invasion of the state regulatory domain,", "Scott Pruitt")],
        ),
        (
            "“The law is clear and the state has not met it,” said the ruling.",
            [("The law is clear and the state has not met it,", "the ruling")],
        ),
        # the quote is the subject of a verb, not the object of a saying
        (
            "The city’s attorney, Brad Holm, said in the letter that the advertisement "
            "“unmistakably and wrongfully” suggests that Phoenix supports the campaign.",
            [("unmistakably and wrongfully", "Brad Holm")],
        ),
        # `<subject> <verb> <object>, saying`: the subject speaks, not the object
        (
            "Meanwhile, the newspaper attacked Trump, saying he “has offended Hispanics, women "
            "and former prisoners of war.”",
            [("has offended Hispanics, women and former prisoners of war.", "the newspaper")],
        ),
    ],
)
def test_speaker_after_asides_and_clauses(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the sentence's closing `, she said.` reaches back over words after the quote
        (
            "“The only way Wall Street will change is if executives face jail time” for "
            "criminal behavior, she said.",
            [("The only way Wall Street will change is if executives face jail time", "she")],
        ),
        (
            "A cashier who “steals a handful of $20s” is held accountable, Warren said. Bank "
            "executives are not.",
            [("steals a handful of $20s", "Warren")],
        ),
        # a cue inside the first quote never attributes the second
        (
            "“Every time you say that,” Tester said, referring to the excuse, “you give "
            "ammunition to the people who want to break up the big banks.”",
            [
                ("Every time you say that,", "Tester"),
                ("you give ammunition to the people who want to break up the big banks.", "Tester"),
            ],
        ),
    ],
)
def test_attribution_reaching_over_words_and_quotes(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert found(body) == expected


def test_a_closing_attribution_yields_to_a_cue_before_the_quote() -> None:
    body = "He’s predicting he will do “very, very well” in the next contest, Smith wrote."
    assert found(body) == [("very, very well", "He")]


@pytest.mark.parametrize(
    "body",
    ["The “Encuentro” prison is full, he said.", "The “War on Drugs” has failed, he said."],
)
def test_a_closing_attribution_does_not_make_a_name_a_quote(body: str) -> None:
    assert found(body) == []


def test_a_time_before_a_participle_is_not_its_subject() -> None:
    body = (
        "Trump unleashed a series of tweets early Friday saying that his rival had shown "
        "bad judgment in using the pageant winner “as a paragon of virtue.”"
    )
    assert found(body) == [("as a paragon of virtue.", "Trump")]


def test_an_inverted_speaker_ending_a_sentence_speaks_the_next_quote() -> None:
    body = (
        "They went with the former in the spring.\n"
        "“Since then, we have also argued that his policies expose him as a fraud,” said "
        "Fallon. “Both arguments are important and they speak to different voters.”"
    )
    assert [speaker for _, speaker in found(body)] == ["Fallon", "Fallon"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "When Clinton noted that Trump had not paid federal income taxes ― as was true "
            "for a few years ― Trump boasted, “That makes me smart.”",
            [("That makes me smart.", "Trump", "Trump")],
        ),
        (
            "“Your success depends on how you deliver it,” Stevens says, but she cautions that "
            "she sees “two different flip sides to it.”",
            [
                ("Your success depends on how you deliver it,", "Stevens", "Stevens"),
                ("two different flip sides to it.", "Stevens", "she"),
            ],
        ),
    ],
)
def test_a_say_verb_does_not_report_a_new_clause(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    quotes = extract(make_doc(HEAD + body))
    assert [
        (q.text, q.speaker, q.speaker_mention.text if q.speaker_mention else None) for q in quotes
    ] == expected


def test_a_list_of_quotes_shares_its_attribution() -> None:
    body = (
        "PolitiFact rated 32% of Republican claims as “false” or “pants on fire,” compared "
        "to 11% of Democratic claims."
    )
    assert found(body) == [("false", "PolitiFact"), ("pants on fire,", "PolitiFact")]


def test_a_cue_word_after_of_is_a_noun() -> None:
    body = (
        "Hillary Clinton says Donald Trump’s flurry of late-night tweets targeting a former "
        "Miss Universe was “unhinged, even for him.”"
    )
    assert found(body) == [("unhinged, even for him.", "Hillary Clinton")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "“We are not a burden on America, or an object of pity,” the president added. "
            "“We’re America.”",
            [
                ("We are not a burden on America, or an object of pity,", "the president"),
                ("We’re America.", "the president"),
            ],
        ),
        (
            "“Here comes Big Daddy,” she said, clapping. “The Donald. Big Daddy.”",
            [("Here comes Big Daddy,", "she"), ("The Donald. Big Daddy.", "she")],
        ),
    ],
)
def test_a_short_capitalised_sentence_after_a_full_stop_is_an_utterance(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert found(body) == expected


def test_a_capitalised_name_inside_a_sentence_is_still_no_quote() -> None:
    assert found("She sings Bruce Springsteen’s “American Skin” to the candidate.") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "However, 63 percent said Clinton was “justified” in keeping the diagnosis private.",
            [("justified", "63 percent")],
        ),
        (
            "The poll also finds that 37 percent of Americans say Trump is “very responsible.”",
            [("very responsible.", "37 percent of Americans")],
        ),
    ],
)
def test_a_share_of_a_group_speaks(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "“It was awful,” said one of two witnesses who relayed the same story.",
            [("It was awful,", "one of two witnesses")],
        ),
        (
            "“Hi Americans!” a welcome message on the website reads.",
            [("Hi Americans!", "a welcome message on the website")],
        ),
        (
            "“I guess Christmas Eve was booked,” a spokesman for Bernie Sanders could only quip.",
            [("I guess Christmas Eve was booked,", "a spokesman for Bernie Sanders")],
        ),
    ],
)
def test_nominal_speakers_after_the_quote(body: str, expected: list[tuple[str, str]]) -> None:
    assert found(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a paragraph ending in TeX-style closing marks is prose, not a heading
        (
            "In other words, he said, ''the era of Silicon Valley exceptionalism is over.''",
            [("the era of Silicon Valley exceptionalism is over.", "he")],
        ),
        # `the <noun> says`: a present-tense cue after a determiner and a noun is a verb
        (
            "As boos and curses erupt from the crowd, the executive says, “Please quiet down.”",
            [("Please quiet down.", "the executive")],
        ),
    ],
)
def test_short_paragraphs_and_present_tense_cues(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert found(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "“Nusra is Al Qaeda,” Mr. Kerry said. No name change would alter that.",
            [("Nusra is Al Qaeda,", "Mr. Kerry")],
        ),
        ("“Happy Cinco de Mayo!,” he tweeted.", [("Happy Cinco de Mayo!,", "he")]),
        (
            "She declared “What a Super Tuesday!” and thanked her volunteers.",
            [("What a Super Tuesday!", "She")],
        ),
        ("He appeared on “Jeopardy!” last week.", []),
        # a title set off by commas inside a sentence stays a title
        ("In his 2002 book, “Make Your Kid a Millionaire,” he suggested saving early.", []),
    ],
)
def test_capitalised_words_closed_by_a_comma_and_a_speaker(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert found(body) == expected


def test_a_headline_and_its_subhead_open_a_plain_text_article() -> None:
    text = (
        "Ryan calls Trump line 'racist,' but backs him\n"
        "Criticism within party drives candidate to say remarks 'misconstrued.'\n\n"
        "Speaker Paul D. Ryan said the remarks were “the textbook definition of a racist "
        "comment.”"
    )
    assert [(q.text, q.speaker) for q in extract(make_doc(text))] == [
        ("the textbook definition of a racist comment.", "Speaker Paul D. Ryan")
    ]


def test_a_paragraph_quoting_someone_after_a_colon_is_not_a_block_quote() -> None:
    text = (
        "Debate Night on Twitter\n\n"
        "After the candidates opposed a higher minimum wage, O’Malley reminded viewers that "
        "he doesn’t:\n\n"
        "And after two hours of the debate, Clinton said that she was “proud to be a "
        "Democrat.”\n\n"
        "The next debate is in March."
    )
    quotes = extract(make_doc(text))
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("proud to be a Democrat.", "Clinton", QuoteKind.PARTIAL)
    ]


def test_lines_ending_in_colons_each_introduce_an_embed_not_a_block() -> None:
    """Colon lines in a row introduce embedded tweets or videos the text has lost."""
    text = (
        "Debate Night on Twitter\n\n"
        "Sanders noted that veterans’ issues were largely ignored:\n\n"
        "As Trump lamented illegal immigration, Clinton reached out to Spanish-speaking "
        "voters:\n\n"
        "And after two hours of the debate, Clinton said that she was “proud to be a "
        "Democrat.”"
    )
    quotes = extract(make_doc(text))
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("proud to be a Democrat.", "Clinton", QuoteKind.PARTIAL)
    ]


def test_a_block_quote_ends_before_a_line_that_introduces_the_next_one() -> None:
    body = (
        "Local politicians were not so sure. Libby Schaaf, the mayor of Oakland, said:\n\n"
        "We have seen crime go down, and we want to keep it that way …\n\n"
        "Jean Quan, her predecessor, also spoke out against the plan:\n\n"
        "It was never going to work in a city like ours."
    )
    quotes = extract(make_doc(HEAD + body))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We have seen crime go down, and we want to keep it that way …", "Libby Schaaf"),
        ("It was never going to work in a city like ours.", "Jean Quan"),
    ]


def test_a_quote_missing_its_closing_mark_keeps_its_speaker() -> None:
    body = (
        "Gov. Phil Bryant of Mississippi has since called on Republicans to back Trump. "
        "“Realistically, and I think Republicans are realists, this is an opportunity.\n\n"
        "The convention opens in July."
    )
    assert found(body) == [
        (
            "Realistically, and I think Republicans are realists, this is an opportunity.",
            "Gov. Phil Bryant of Mississippi",
        )
    ]


@pytest.mark.parametrize(
    ("body", "speaker", "mention"),
    [
        # an organisation, role words, then the person: the person speaks
        (
            "“We found water on Europa,” said NASA planetary scientist Lucas Paganini.",
            "Lucas Paganini",
            "NASA planetary scientist Lucas Paganini",
        ),
        (
            "“It was never meant to be,” said Monmouth University pollster Patrick Murray.",
            "Patrick Murray",
            "Monmouth University pollster Patrick Murray",
        ),
        (
            "“We will win this state,” said Clinton campaign chairman John Podesta.",
            "John Podesta",
            "Clinton campaign chairman John Podesta",
        ),
        # a date in the role
        (
            "“The president’s rationales don’t hold weight,” said 9/11 widow Terry Strada.",
            "Terry Strada",
            "9/11 widow Terry Strada",
        ),
        # an envoy to a country, an adviser to a person: not the country, not the person
        (
            "China’s ambassador to Britain warned that China “will not sit on our hands.”",
            "China’s ambassador to Britain",
            "China’s ambassador to Britain",
        ),
        (
            "A senior adviser to Trump said the plan was “dead on arrival.”",
            "A senior adviser to Trump",
            "A senior adviser to Trump",
        ),
        # people spoken of as a group: not the name they are named after
        (
            "“We will win this state,” said Obama administration officials.",
            "Obama administration officials",
            "Obama administration officials",
        ),
        (
            "“We will win this state,” said Clinton supporters.",
            "Clinton supporters",
            "Clinton supporters",
        ),
        # two roles joined by `and`, in both orders
        (
            "“We found water on Europa,” said lead researcher and NASA planetary scientist "
            "Lucas Paganini.",
            "Lucas Paganini",
            "lead researcher and NASA planetary scientist Lucas Paganini",
        ),
        (
            "“We found water on Europa,” the lead researcher and NASA planetary scientist "
            "Lucas Paganini said.",
            "Lucas Paganini",
            "the lead researcher and NASA planetary scientist Lucas Paganini",
        ),
        # but a verb after a name ends it: the subject speaks, not the verb's object
        (
            "Mrs. Schlafly endorsed Donald J. Trump, saying he had “the courage and the energy.”",
            "Mrs. Schlafly",
            "Mrs. Schlafly",
        ),
        (
            "On Tuesday, Senator Bernie Sanders of Vermont endorsed Mrs. Clinton, saying that "
            "his former rival would “make an outstanding president.”",
            "Senator Bernie Sanders of Vermont",
            "Senator Bernie Sanders of Vermont",
        ),
    ],
)
def test_the_person_after_an_organisation_and_a_role(body: str, speaker: str, mention: str) -> None:
    quotes = extract(make_doc(HEAD + body))
    assert [(q.speaker, q.speaker_mention.text if q.speaker_mention else None) for q in quotes] == [
        (speaker, mention)
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a nominal subject ends before its verb and object, and before an adverb
        (
            "The town released a statement Wednesday saying Trump’s comments “are based on "
            "his opinion, not actual facts,” and welcomed him to visit.",
            [("are based on his opinion, not actual facts,", "The town")],
        ),
        (
            "The Republican nominee also outlined his cybersecurity plan, promising to punish "
            "“those who violate classification rules.”",
            [("those who violate classification rules.", "The Republican nominee")],
        ),
        # what someone calls for, decries or touts is named in their words
        (
            "Sanders decried the issue of “systemic racism” in his speech.",
            [("systemic racism", "Sanders")],
        ),
        (
            "Clinton called for a “new bargain” with American workers.",
            [("new bargain", "Clinton")],
        ),
        # the doers of a participle, not the place it happens in
        (
            "Protesters marching through the streets chanted “What curfew?” and kept going.",
            [("What curfew?", "Protesters marching through the streets")],
        ),
        # a participle opening its sentence has the main clause's subject
        (
            "After saying her right foot was “so swollen I could barely get my shoe on,” she "
            "was whisked off to the hospital.",
            [("so swollen I could barely get my shoe on,", "she")],
        ),
        # a document reads its own words
        (
            "“We see charter schools offering parents hope,” the letter reads. “Our support "
            "is not abstract.”",
            [
                ("We see charter schools offering parents hope,", "the letter"),
                ("Our support is not abstract.", "the letter"),
            ],
        ),
        # `was shout` is no passive: the shouter speaks
        (
            "When she saw him on the news, all she could do was shout “Yessss!” at the TV.",
            [("Yessss!", "she")],
        ),
        # a passive names nobody, even when the sentence's full stop is inside the marks
        ("The report was decried as “shoddy.”", []),
    ],
)
def test_subjects_frames_and_passives(body: str, expected: list[tuple[str, str]]) -> None:
    quotes = extract(make_doc(HEAD + body))
    assert [(q.text, q.speaker_mention.text if q.speaker_mention else None) for q in quotes] == (
        expected
    )


def test_a_long_apposition_between_split_quotes_keeps_one_speaker() -> None:
    body = (
        "“Numerical experiments are successful when you get out more than you put in,” Dylan "
        "Nelson, a postdoctoral fellow at the Max Planck Institute in Munich, Germany, and "
        "co-author of the study, said in a statement. “In our simulation, we see phenomena "
        "that had not been programmed.”"
    )
    assert [s for _, s in found(body)] == ["Dylan Nelson", "Dylan Nelson"]


def test_a_role_named_in_apposition_after_the_quote_is_the_name() -> None:
    body = "“We are not going to comment,” the White House spokesman, Josh Earnest, said."
    quotes = extract(make_doc(HEAD + body))
    assert [(q.speaker, q.speaker_mention.text if q.speaker_mention else None) for q in quotes] == [
        ("Josh Earnest", "the White House spokesman, Josh Earnest")
    ]


@pytest.mark.parametrize(
    ("body", "kinds", "expected"),
    [
        # a caption's label before a colon names nobody
        ("Video: “We got her, and she is safe now!”", {}, [None]),
        ("Harris: “We got her, and she is safe now!”", {}, ["Harris"]),
        # a block of one to three words that ends no sentence is a layout box
        ("Categorias", {1: ParagraphKind.BLOCKQUOTE}, []),
        ("We will win.", {1: ParagraphKind.BLOCKQUOTE}, [None]),
    ],
)
def test_labels_are_not_speakers_and_label_boxes_are_not_quotes(
    body: str, kinds: dict[int, ParagraphKind], expected: list[str | None]
) -> None:
    quotes = extract(make_doc(HEAD + body, kinds))
    assert [q.speaker for q in quotes] == expected


_INTRO = "# Council\n\nHer opponent answered later that evening:\n\n"
_TWO_BLOCKS = {
    "markdown": _INTRO + "> The bridge can wait. The schools cannot.\n\n"
    "> This council has failed every family in the east district.\n\nThe vote is in May.\n",
    "html": "<h1>Council</h1><p>Her opponent answered later that evening:</p>"
    "<blockquote><p>The bridge can wait. The schools cannot.</p></blockquote>"
    "<blockquote><p>This council has failed every family in the east district.</p>"
    "</blockquote><p>The vote is in May.</p>",
}
_ONE_BLOCK = {
    "markdown": _INTRO + "> The bridge can wait. The schools cannot.\n>\n"
    "> This council has failed every family in the east district.\n\nThe vote is in May.\n",
    "html": "<h1>Council</h1><p>Her opponent answered later that evening:</p>"
    "<blockquote><p>The bridge can wait. The schools cannot.</p>"
    "<p>This council has failed every family in the east district.</p></blockquote>"
    "<p>The vote is in May.</p>",
}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_two_block_quotes_in_a_row_are_two_quotes_of_the_intros_speaker(fmt: str) -> None:
    quotes = extract(load_string(_TWO_BLOCKS[fmt], fmt))
    assert [(q.text, q.speaker, q.speaker_by) for q in quotes] == [
        ("The bridge can wait. The schools cannot.", "Her opponent", "blockquote-intro"),
        (
            "This council has failed every family in the east district.",
            "Her opponent",
            "blockquote-intro",
        ),
    ]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_paragraphs_of_one_block_quote_are_one_quote(fmt: str) -> None:
    quotes = extract(load_string(_ONE_BLOCK[fmt], fmt))
    assert [(q.kind, q.speaker) for q in quotes] == [(QuoteKind.BLOCK, "Her opponent")]
    assert quotes[0].text.startswith("The bridge") and quotes[0].text.endswith("district.")


def test_a_block_quote_after_a_signed_one_is_not_given_its_speaker() -> None:
    text = (
        "# Council\n\n> The bridge can wait.\n>\n> — Maria Lopez, mayor\n\n"
        "> This council has failed every family in the east district.\n\nThe vote is in May.\n"
    )
    speakers = [q.speaker for q in extract(load_string(text, "markdown"))]
    assert speakers[0] == "Maria Lopez" and "Maria Lopez" not in speakers[1:]


@pytest.mark.parametrize(
    "links",
    [
        '<a href="https://t.co/abc">pic.twitter.com/abc123</a>',
        '<a href="https://t.co/x1">https://t.co/x1</a> <a href="https://t.co/y2">pic.x.com/y2</a>',
    ],
)
def test_an_embedded_tweets_media_links_are_not_the_speakers_words(links: str) -> None:
    html = (
        "<p>The senator responded on Twitter.</p>"
        '<blockquote class="twitter-tweet"><p>We will not back down on this bill, and we will '
        f"pass it before the recess. {links}</p>&mdash; Jane Roe (@janeroe) "
        '<a href="https://twitter.com/janeroe/status/1">March 3, 2017</a></blockquote>'
        "<p>Her office did not respond.</p>"
    )
    (quote,) = extract(load_string(html, "html"))
    assert quote.text.endswith("we will pass it before the recess.")
    assert quote.speaker == "Jane Roe"


def test_a_link_inside_a_block_quotes_words_stays() -> None:
    html = (
        "<blockquote><p>Read the report at https://t.co/abc and then tell me the plan works."
        "</p>&mdash; Jane Roe</blockquote>"
    )
    (quote,) = extract(load_string(html, "html"))
    assert "https://t.co/abc and then tell me" in quote.text
