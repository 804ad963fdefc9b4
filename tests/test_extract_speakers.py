"""Speaker resolution: pronouns, role nouns, short names, documents and organisations."""

from __future__ import annotations

import pytest

from tests._docs import make_doc
from verifier.extract import extract

HEAD = "Ecuador Prepares for Troops\n\n"


def speakers(body: str) -> list[tuple[str | None, str | None]]:
    """(resolved speaker, speaker mention) of each quote."""
    out = []
    for q in extract(make_doc(HEAD + body)):
        out.append((q.speaker, q.speaker_mention.text if q.speaker_mention else None))
    return out


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a short name maps to the full one given earlier, title kept
        (
            "Lasso met State Department officials, according to Rep. Dan Crenshaw (R-TX), who "
            "was at the meeting.\n\n“They were signing an agreement with the United States,” "
            "said Crenshaw.",
            [("Rep. Dan Crenshaw", "Crenshaw")],
        ),
        # words before the title are dropped: "Ecuadorian President …"
        (
            "Ecuadorian President Guillermo Lasso was in Washington on Wednesday.\n\n"
            "Ecuadorian President Lasso stated, “The gangs have the capacity to co-opt young "
            "people.”",
            [("President Guillermo Lasso", "Ecuadorian President Lasso")],
        ),
        # a pronoun goes to the speaker before it in the paragraph
        (
            "“At the moment we are totally invaded,” said Noboa, from one of Guayaquil’s "
            "wealthiest families. “We should treat it as a war,” he said.",
            [("Noboa", "Noboa"), ("Noboa", "he")],
        ),
        # ... or to the person named before it when no quote precedes
        (
            "President Lasso has asked for US help with a plan. The plan, he said, would be "
            "modelled on one that “burnt through billions of dollars in two decades.”",
            [("President Lasso", "he")],
        ),
        # a role noun goes to the person introduced with a role before it
        (
            "The foreign minister of Peru, Javier González-Olaechea, announced on Sunday that "
            "he had asked Secretary of State Anthony Blinken for help.\n\n“We are concerned "
            "about the production of cocaine,” the chancellor said in an interview.",
            [("Javier González-Olaechea", "the chancellor")],
        ),
        # an unnamed official stays the phrase that introduced them
        (
            "A high-level Ecuadorian official familiar with the planning revealed that a pier "
            "is part of it. The official, speaking anonymously, stated, “The expectation is "
            "that these will be occupied by U.S. troops.”",
            [
                (
                    "A high-level Ecuadorian official familiar with the planning",
                    "The official",
                )
            ],
        ),
        # a relative pronoun is the mention, its antecedent the speaker
        (
            "Glenn Beck, who has described Trump as “a pathological narcissistic sociopath,” "
            "spoke in Indiana on Monday.",
            [("Glenn Beck", "who")],
        ),
        # an organisation
        (
            "“We will not comment on operations,” the State Department said.",
            [("State Department", "the State Department")],
        ),
    ],
)
def test_resolution(body: str, expected: list[tuple[str, str]]) -> None:
    assert speakers(body) == expected


def test_document_speaker_resolves_to_its_authors() -> None:
    body = (
        "Five US congressmen wrote a letter urging the administration to reconsider its "
        "ties. A couple of paragraphs (though the letter itself is worth a full read):\n\n"
        "Ecuador is now in the midst of a political and social crisis driven by credible "
        "allegations of corruption…\n\n"
        "Corruption appears to have deeply penetrated the security apparatus.\n\n"
        "Predictably, the administration took no notice."
    )
    quotes = extract(make_doc(HEAD + body))
    assert len(quotes) == 1
    assert quotes[0].speaker == "Five US congressmen"
    assert quotes[0].text.endswith("the security apparatus.")


def test_article_published_by_an_organisation() -> None:
    body = (
        "It served as a beachhead, as explained an article published by the North American "
        "Congress on Latin America in May 2022:\n\n"
        "This came amid the government’s fight against guerrilla groups that controlled vast "
        "areas of the country."
    )
    (q,) = extract(make_doc(HEAD + body))
    assert q.speaker == "North American Congress on Latin America"


def test_first_person_mentions_stay_as_written() -> None:
    body = "“Okay,” I said, attempting to regroup. “I was seventeen when I came here.”"
    got = speakers(body)
    assert [s for s, _ in got] == ["I", "I"]


def test_a_role_noun_followed_by_a_name_is_that_name_not_an_anaphor() -> None:
    text = (
        "“We are not going to ask for more money for the harbour,” Ana Ruiz said.\n\n"
        "“The harbour will never open in the spring,” the opposition leader Carlos Vega said."
    )
    first, second = extract(make_doc(text))
    assert first.speaker == "Ana Ruiz"
    assert second.speaker == "Carlos Vega"


def test_a_pronoun_does_not_resolve_to_a_place_name() -> None:
    text = (
        "Lesley Deutch runs a golf club in Boca Raton.\n\n"
        "“Our members have never been this worried about the election,” she said."
    )
    (quote,) = extract(make_doc(text))
    assert quote.speaker == "Lesley Deutch"


def test_a_full_stop_ends_a_name_unless_it_marks_an_initial_or_a_title() -> None:
    body = (
        "She had sung at the Nashville Grand Ole Opry. Buckley recalled the first demo.\n\n"
        "“It grabbed me by the heart,” Buckley said. Robert F. Kennedy Jr. was in the room.\n\n"
        "“It just connected,” Kennedy said."
    )
    assert speakers(body) == [("Buckley", "Buckley"), ("Robert F. Kennedy Jr.", "Kennedy")]


def test_a_verb_taking_an_ing_form_is_not_a_plural_speaker() -> None:
    """`… and begins yelling “…”`: `begins` is no bare plural like `officials`; the subject
    of the sentence, past its leading `Even`, yells, and its phrase stops at its verb."""
    body = "Even the hostile crowd gets repelled and begins yelling “Mercy! Mercy now!” at them."
    assert speakers(body) == [("the hostile crowd", "the hostile crowd")]


def test_a_statement_is_not_authored_by_the_object_before_in() -> None:
    body = (
        "The label responded to the allegations in a statement on Friday.\n\n"
        "“We have worked diligently to have a conversation with her,” the statement continued."
    )
    assert speakers(body) == [("the statement", "the statement")]


def test_he_never_resolves_to_a_thing() -> None:
    body = (
        "Dr. Jakob von Moltke studies the gut. Focusing on the interactions of the tuft cell "
        "could offer a glimpse of how organ systems work together, he said.\n\n"
        "He describes the prospects: “It could change how we treat disease.”"
    )
    assert speakers(body) == [("Dr. Jakob von Moltke", "He")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Steve Menet, Senior Vice President of Sales for Dräger, Inc., says: “Effective "
            "clinical alarm management matters.”",
            [("Steve Menet", "Steve Menet")],
        ),
        (
            "Jeff Weaver, Campaign Manager, said: “We are staying in this race to the end.”",
            [("Jeff Weaver", "Jeff Weaver")],
        ),
    ],
)
def test_a_capitalised_job_title_in_commas_is_not_the_speaker(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert speakers(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a fronted "Over …," is no subject
        (
            "Over the course of that interview, Dale Ford disputed the account, saying "
            "instead his brother was “introverted by nature.”",
            [("Dale Ford", "Dale Ford")],
        ),
        # "he" never resolves to a day
        (
            "The closer he gets to Election Day, the more voters will see “a circus in "
            "Washington that never ends,” he said.",
            [("he", "he")],
        ),
    ],
)
def test_no_speaker_from_adverbials_or_dates(body: str, expected: list[tuple[str, str]]) -> None:
    assert speakers(body) == expected


def test_a_sentence_initial_preposition_is_not_part_of_a_name() -> None:
    body = (
        "To LeBron James, the numbers did not matter.\n\n"
        "“Coach came in here and told us to keep going,” James said.\n\n"
        "Photo courtesy of Andrew Vaughan.\n\n"
        "“We were seeing a cell type nobody had studied,” Vaughan said."
    )
    assert speakers(body) == [("LeBron James", "James"), ("Andrew Vaughan", "Vaughan")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "“Two months after the onset of the symptoms, I was struggling,” wrote 43-year-old "
            "Martin Taylor.",
            [("Martin Taylor", "43-year-old Martin Taylor")],
        ),
        (
            "“Can I give it to James?” Brooke tearfully asked before apologizing.",
            [("Brooke", "Brooke")],
        ),
        (
            "“We suggest that the outgassing of water vapour is real,” Paganini and his team "
            "wrote in the paper.",
            [("Paganini", "Paganini")],
        ),
    ],
)
def test_speakers_after_the_quote_with_ages_adverbs_and_teams(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert speakers(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Asked whether the campaign should take responsibility, Mr. Smith shot back: “That "
            "would be good.”",
            [("Mr. Smith", "Mr. Smith")],
        ),
        (
            "And Mr. Christie gloated: “I told you he wouldn’t be ready.”",
            [("Mr. Christie", "Mr. Christie")],
        ),
    ],
)
def test_retorts_and_gloats_are_cues(body: str, expected: list[tuple[str, str]]) -> None:
    assert speakers(body) == expected


def test_a_nominal_speaker_with_a_list_of_adjectives() -> None:
    body = (
        "“From Day One, I made climate change the top priority,” the bespectacled, "
        "71-year-old diplomat said in an interview."
    )
    assert speakers(body) == [
        ("the bespectacled, 71-year-old diplomat", "the bespectacled, 71-year-old diplomat")
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Cory James, 22, of Flint, Mich., said he had not given up: “The party doesn’t "
            "listen to people like me.”",
            [("Cory James", "Cory James")],
        ),
        (
            "Sara Walker, 44, a home-care worker, said: “All she went through and to make her "
            "a victim, it’s not fair.”",
            [("Sara Walker", "Sara Walker")],
        ),
    ],
)
def test_a_speaker_before_an_age_a_home_town_and_a_role(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert speakers(body) == expected


def test_a_name_after_a_dash_before_the_colon_speaks() -> None:
    body = (
        "INDIANA’S DEMOGRAPHICS FAVOR CRUZ, BUT ECONOMY FAVORS TRUMP - David Wasserman: "
        "“Indiana, which bills itself as the Crossroads of America, is less diverse.”"
    )
    assert speakers(body) == [("David Wasserman", "David Wasserman")]


def test_a_fact_check_sign_off_with_date_and_place() -> None:
    body = (
        "“$53 million a week is coming across the border in drugs.”\n\n"
        "— David McKinley on Sunday, October 13th, 2019 in an article in a local newspaper"
    )
    assert speakers(body) == [("David McKinley", "David McKinley")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "“We will fight this to the end,” Dale and Martha said.",
            [("Dale and Martha", "Dale and Martha")],
        ),
        (
            "“It would seem to be a stretch,” nuclear experts David Albright and Serena "
            "Kelleher-Vergantini of the Institute for Science and International Security wrote.",
            [
                (
                    "David Albright and Serena Kelleher-Vergantini",
                    "nuclear experts David Albright and Serena Kelleher-Vergantini",
                )
            ],
        ),
    ],
)
def test_two_people_after_the_quote(body: str, expected: list[tuple[str, str]]) -> None:
    assert speakers(body) == expected


# -- whom `he` and `she` stand for ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # `she` skips a man the first-name table knows, even as the sentence's first name
        (
            "Asked about Donald Trump on Tuesday, Sarah Palin laughed.\n\n"
            "“We are going to win Alaska,” she said.",
            "Sarah Palin",
        ),
        # an honorific tells: `Mrs. Clinton` is not the `Bill Clinton` named just before
        (
            "Hillary Rodham Clinton and President Bill Clinton arrived in Iowa on Sunday.\n\n"
            "“I am ready to lead,” Mrs. Clinton said.",
            "Hillary Rodham Clinton",
        ),
        # so does a gendered role word
        (
            "A Justice Department spokeswoman said the review would continue. Attorney General "
            "Eric Holder declined to comment.\n\n“We have nothing to add,” she said.",
            "Justice Department spokeswoman",
        ),
        # the article tells what the table cannot: `Jordan Blake said she …`
        (
            "Jordan Blake said she would not run again. Alex Moss, who chairs the party, "
            "disagreed with Jordan Blake.\n\nAlex Moss said he would not endorse anyone.\n\n"
            "Later, Jordan Blake and Alex Moss met.\n\n“It was a good talk,” she said.",
            "Jordan Blake",
        ),
        # a pronoun is a person: not a film, a band or a day named nearer to it
        (
            "Christyn Gionfriddo, a Neptune native, owes $92,000. At 29, she lives in her "
            "childhood bedroom, its walls plastered with Dirty Dancing and Justin Timberlake "
            "posters.\n\n“Who wants to live at home at 29?” she said.",
            "Christyn Gionfriddo",
        ),
        # the sentence's subject, not the owner of the claim it rubbishes
        (
            "Vice President Joe Biden campaigned in Scranton on Monday for Hillary Clinton "
            "against Donald Trump.\n\n"
            "Repeating his convention speech, Biden rubbished Trump’s claim to understand "
            "the middle class.\n\n“It’s a bunch of malarkey,” he said.",
            "Vice President Joe Biden",
        ),
        # an owner stands for `he` only when no one else in the paragraph can
        (
            "Bernie Sanders endorsed Hillary Clinton this month.\n\n"
            "I met with Sanders two days after his endorsement of Clinton. He is looking "
            "ahead to many more endorsements than Clinton’s.\n\n"
            "“What is imperative is that we keep the movement alive,” he told me.",
            "Bernie Sanders",
        ),
    ],
)
def test_pronoun_resolves_to_the_person_it_stands_for(body: str, expected: str) -> None:
    assert speakers(body)[-1][0] == expected


def test_a_pronoun_with_no_fitting_person_stays_a_pronoun() -> None:
    """Better `she` than a wrong name: the only people around are men."""
    body = (
        "Donald Trump and Ted Cruz debated in Houston on Thursday.\n\n"
        "“Nobody asked about the economy,” she said."
    )
    assert speakers(body) == [("she", "she")]


def test_a_role_in_apposition_speaks_for_the_name_before_it() -> None:
    body = (
        "When Robby Mook, Clinton’s campaign manager, was asked whether Clinton would hold a "
        "press conference before Election Day, he laughed and said, “We’ll see.”"
    )
    assert speakers(body) == [("Robby Mook", "he")]


def test_a_common_word_glued_to_a_name_is_not_part_of_it() -> None:
    body = (
        "Now Donald Trump is the nominee, and now the party must unite behind him.\n\n"
        "“We are going to win big,” Trump said."
    )
    assert speakers(body) == [("Donald Trump", "Trump")]


def test_a_short_name_is_not_completed_by_a_word_opening_a_question() -> None:
    """`Does` is a common word: the article also writes it in lower case."""
    body = (
        "Marco Rubio spoke in Iowa on Monday. Does Rubio think he can still win? Whatever "
        "he does next, many doubt it.\n\n“I do,” Rubio said."
    )
    assert speakers(body) == [("Marco Rubio", "Rubio")]


def test_a_shared_surname_goes_to_the_namesake_of_the_pronouns_gender() -> None:
    body = (
        "Carly Fiorina met her husband, Frank Fiorina, at AT&T.\n\n"
        "Years later, Fiorina ran Hewlett-Packard.\n\n“It was incredibly ugly,” she said of "
        "the merger."
    )
    assert speakers(body)[-1] == ("Carly Fiorina", "she")


def test_what_the_article_says_of_a_name_tells_its_gender() -> None:
    """`Hillary` is borne by men too; the article's `her` says which Hillary this is."""
    body = (
        "Hillary Clinton told her supporters in Iowa that the race was close. Hillary "
        "Clinton then thanked her staff.\n\n"
        "Bernie Sanders spoke in Des Moines on Monday.\n\n"
        "Hillary Clinton answered him on Tuesday.\n\n"
        "“We have momentum,” he said."
    )
    assert speakers(body)[-1] == ("Bernie Sanders", "he")


def test_a_sentence_about_an_earlier_he_passes_the_pronoun_on() -> None:
    body = (
        "Senator Ted Cruz has pursued a national strategy of uniting evangelicals.\n\n"
        "When he took the stage after Mr. Vander Plaats’s introduction, he said the key was "
        "simple. “We have to awaken the body of Christ,” he said."
    )
    assert speakers(body)[-1] == ("Senator Ted Cruz", "he")


def test_a_chain_of_she_reaches_back_past_three_paragraphs() -> None:
    body = (
        "Attorney General Loretta E. Lynch spoke to the Post on Tuesday.\n\n"
        "She has faced a number of controversies since taking the helm.\n\n"
        "She has called the police shootings a moment like the civil rights movement.\n\n"
        "She said she wasn't aware of a stronger backlash against her.\n\n"
        "“People tend not to say those things to the attorney general,” she said."
    )
    assert speakers(body)[-1] == ("Attorney General Loretta E. Lynch", "she")


def test_an_organisation_is_never_he() -> None:
    body = (
        "Scientific Research said in a statement that voters were split.\n\n“It is close,” he said."
    )
    assert speakers(body) == [("he", "he")]


def test_the_between_two_capitalised_words_does_not_make_one_name() -> None:
    body = (
        "Donald Trump held a rally in San Jose on Thursday.\n\n"
        "After his rally in California the GOP candidate said the protesters were thugs.\n\n"
        "“Many of the thugs were illegals,” he tweeted."
    )
    speaker = speakers(body)[-1][0] or ""
    assert "California" not in speaker  # (not `California the GOP`: the candidate is meant)
    assert speaker.endswith(("GOP candidate", "Donald Trump"))


def test_someone_introduced_by_a_first_name_alone_is_a_person() -> None:
    body = (
        "The woman who started it all identified herself to CNN as a 52-year-old Salem, "
        "N.H., resident named Caroline.\n\n"
        "“He truly cares about the American people,” she said of Trump."
    )
    assert speakers(body) == [("Caroline", "she")]


def test_a_people_or_a_party_is_never_he() -> None:
    body = (
        "President Obama leaves for Germany today.\n\n"
        "Thousands of Germans said they would protest against the trade deal.\n\n"
        "“It is not going to happen any time soon,” he warned."
    )
    assert speakers(body)[-1] == ("President Obama", "he")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The senators met on Monday. Gail Harmon said", "Gail Harmon"),
        ("Pres. Obama said", "Pres. Obama"),
        ("U.S. Rep. Dan Crenshaw said", "U.S. Rep. Dan Crenshaw"),
        ("Gen. John F. Kelly said", "Gen. John F. Kelly"),
    ],
)
def test_a_name_starts_after_the_full_stop_before_it(text: str, expected: str) -> None:
    """The subject of a cue found anywhere (it feeds pronouns and gender votes)."""
    from verifier.extract.phrases import phrase_before

    found = phrase_before(text, text.index(" said"), 0)
    assert found is not None and found.text == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an earlier `He` that names nobody is not whom a later `She` stands for
        (
            "He said: “We will rebuild the harbour before the storms.”\n\n"
            "She said: “The budget is the biggest in a decade.”",
            [("He", "He"), ("She", "She")],
        ),
        (
            "Maria Lopez spoke first.\n\nHe said: “We will rebuild the harbour.”\n\n"
            "She said: “The budget is the biggest in a decade.”",
            [("He", "He"), ("Maria Lopez", "She")],
        ),
        # a named speaker still carries over to the pronoun that follows
        (
            "Maria Lopez said: “We will rebuild the harbour.”\n\n"
            "She said: “The budget is the biggest in a decade.”",
            [("Maria Lopez", "Maria Lopez"), ("Maria Lopez", "She")],
        ),
    ],
)
def test_a_pronoun_never_stands_for_an_earlier_unresolved_pronoun(
    body: str, expected: list[tuple[str | None, str | None]]
) -> None:
    assert speakers(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a sentence adverb opening the sentence is nobody
        (
            "Perhaps there are grounds for hope, since the deal will give the company "
            "“national-scale heft in every market it serves,” analysts say.",
            [("analysts", "analysts")],
        ),
        # `That’s` is "that has", not a possessive: the fragment goes on with the analyst
        (
            "“Since 2008 there has not been a single year of revenue gain,” says analyst "
            "Ken Doctor. That’s produced a strategy of “continuous cost-cutting for more "
            "than a decade in local news.”",
            [("Ken Doctor", "Ken Doctor"), ("Ken Doctor", None)],
        ),
        # the object of `inside` is not the subject of the cue
        (
            "Ahmado's source inside the camp said that the claim is “absolutely not true.”",
            [("Ahmado's source", "Ahmado's source")],
        ),
    ],
)
def test_openers_contractions_and_places_are_not_speakers(
    body: str, expected: list[tuple[str | None, str | None]]
) -> None:
    got = speakers(body)
    assert [s for s, _ in got] == [s for s, _ in expected]
