"""Each verdict rule of the matcher, on sentences from the sample corpus.

The sources are paragraphs of the seed articles (US agreements with Ecuador and Peru); the
quotes are those articles' own quotations, as printed and as a careless writer might have
changed them.
"""

from __future__ import annotations

import pytest

from verifier.match import (
    DEFAULT_CONFIG,
    DiffOpKind,
    MatchConfig,
    SourceIndex,
    Verdict,
    match_quote,
)

CRENSHAW_000 = (
    "Status of forces agreements outline the terms by which members of a foreign military, in "
    "this case the Defense Department, can operate or are expected to conduct themselves while "
    "in another country.\n\n“That doesn’t mean we’re doing it, but it means we can and it means "
    "that they’re making a very clear signal to us that they want us more involved,” Crenshaw "
    "said.\n\nHistory Repeating\n"
)
# The Borderland Beat republication: straight quotes, and two words in another order.
CRENSHAW_002 = (
    "\"That doesn't mean we're doing it, but it means we can and it means that they're making "
    'a very clear signal to us that they want more us involved," Crenshaw said.'
)
CRENSHAW_QUOTE = (
    "That doesn’t mean we’re doing it, but it means we can and it means that they’re making a "
    "very clear signal to us that they want us more involved,"
)
HISTORY = (
    "Presumably, the reason why this story is getting such little attention, not even affording "
    "a press release by the State Department, has a lot to do with recent Ecuadorian history. "
    "You see, Ecuador is one of the few countries in the world to actually successfully close "
    "down all US military bases on its territory and force all US soldiers to withdraw. In 2009, "
    "when the US Air Force’s 10-year lease on the Manta base on Ecuador’s Pacific coast came up "
    "for renewal, Rafael Correa’s government held a referendum on the issue. The people "
    "overwhelmingly voted for the base to be closed."
)
PLAN = (
    "The plan, he said, would be modelled on Plan Colombia, the disastrous drug-eradication "
    "program that burnt through $15 billion of US “aid” funds during more than two decades, "
    "worsened the violence in Colombia, bathed more than a million hectares of farmland in a "
    "rich brew of toxic chemicals.\n\nThe background is the same. We could probably call it "
    "something else, but in effect, Ecuador wants to present a Plan Ecuador to the United "
    "States.\n"
)
SANTOS = (
    "In the Ministry of Defense I had to spray the largest number of hectares in history and it "
    "didn’t work. I came to that conclusion after many years in government, watching the "
    "numbers every month and every year. This personal experience has allowed me to conclude "
    "that I was wrong in believing that a strong hand was the solution to drug trafficking."
)
HERITAGE = (
    "If the US can effectively partner with Ecuador to overcome its daunting security "
    "challenges, it could create a political framework to curb its substantial influence and "
    "show the region that an alliance with the United States is preferable to dependency on "
    "China’s communist regime."
)
URIBE = (
    "Uribe’s government welcomed U.S. military bases, advisers, troops, and tutelage into its "
    "strategic position to safeguard what Washington has long considered its backyard."
)

CASES = [
    # (source, quote, verdict, reason)
    (
        PLAN,
        "The background is the same. We could probably call it something else, but in "
        "effect, Ecuador wants to present a Plan Ecuador to the United States.",
        Verdict.VERIFIED,
        None,
    ),
    (CRENSHAW_000, CRENSHAW_QUOTE, Verdict.VERIFIED, None),
    # two words swapped is not on the closed list of harmless edits
    (CRENSHAW_002, CRENSHAW_QUOTE, Verdict.MISQUOTED, "word order"),
    # typography only: straight for curly marks, a dash for a hyphen, case, no-break spaces
    (
        HISTORY,
        "ecuador is one of the few countries in the world to actually successfully close "
        "down all US\u00a0military bases on its territory",
        Verdict.VERIFIED,
        "typography",
    ),
    (
        HISTORY,
        "In 2009, when the US Air Force's 10–year lease on the Manta base on Ecuador's "
        "Pacific coast came up for renewal",
        Verdict.VERIFIED,
        "typography",
    ),
    (
        PLAN,
        'the disastrous drug eradication program that burnt through $15 billion of US "aid" funds',
        Verdict.VERIFIED,
        "typography",
    ),
    # small changes that keep the meaning
    (
        HISTORY,
        "In 2009 when the US Air Force’s 10-year lease on the Manta base on Ecuador’s "
        "Pacific coast came up for renewal",
        Verdict.MINOR_DIFFERENCE,
        "punctuation",
    ),
    (
        HISTORY,
        "The people overwhelmingly voted for base to be closed.",
        Verdict.MINOR_DIFFERENCE,
        "article",
    ),
    (
        HISTORY,
        "Ecuador is one of the few countries in the world to actually sucessfully close "
        "down all US military bases",
        Verdict.MINOR_DIFFERENCE,
        "spelling",
    ),
    (
        PLAN,
        "The plan, he said, would be modeled on Plan Colombia, the disastrous "
        "drug-eradication program",
        Verdict.MINOR_DIFFERENCE,
        "spelling variant",
    ),
    (
        SANTOS,
        "In the Ministry of Defense I had to spray the largest number of hectares in "
        "history and it did not work.",
        Verdict.MINOR_DIFFERENCE,
        "contraction",
    ),
    # changes of meaning
    (
        PLAN,
        "the disastrous drug-eradication program that burnt through $50 billion of US “aid” funds",
        Verdict.MISQUOTED,
        "number changed",
    ),
    (
        PLAN,
        "worsened the violence in Colombia, bathed more than two million hectares of farmland",
        Verdict.MISQUOTED,
        "number changed",
    ),
    (
        SANTOS,
        "In the Ministry of Defense I had to spray the largest number of hectares in "
        "history and it worked.",
        Verdict.MISQUOTED,
        "negation dropped",
    ),
    (
        HISTORY,
        "The people overwhelmingly voted for the base not to be closed.",
        Verdict.MISQUOTED,
        "negation added",
    ),
    (
        HISTORY,
        "Rafael Correa’s government held a referendum on the treaty. The people "
        "overwhelmingly voted for the base to be closed.",
        Verdict.MISQUOTED,
        "content word replaced",
    ),
    (
        HISTORY,
        "Presumably, the reason why this story is getting such little attention has a lot "
        "to do with recent Ecuadorian history.",
        Verdict.MISQUOTED,
        "words dropped",
    ),
    (
        HISTORY,
        "The people overwhelmingly and enthusiastically voted for the base to be closed forever.",
        Verdict.MISQUOTED,
        "words added",
    ),
    (
        SANTOS,
        "In the Ministry of Defense I was forced to spray the biggest number of hectares "
        "ever and it didn’t work.",
        Verdict.MISQUOTED,
        "paraphrase",
    ),
    # nothing close enough
    (
        HISTORY,
        "We will never allow a foreign army to set foot on Ecuadorian soil again, whatever "
        "the price.",
        Verdict.NOT_FOUND,
        None,
    ),
    (
        PLAN,
        "Nobody in Quito believes that the Americans are coming to help with the coca harvest.",
        Verdict.NOT_FOUND,
        None,
    ),
]


@pytest.mark.parametrize(("source", "quote", "verdict", "reason"), CASES)
def test_verdict_and_reason(source: str, quote: str, verdict: Verdict, reason: str | None) -> None:
    result = match_quote(quote, source)
    assert result.verdict is verdict, (result.reason, result.diff)
    if verdict is Verdict.NOT_FOUND:
        assert result.reason is not None and result.reason.startswith("no passage close")
        assert result.start is None and result.passage is None
    else:
        kind = result.reason.split(":")[0] if result.reason else None
        assert kind == reason, result.changes
        assert result.start is not None and result.end is not None
        assert source[result.start : result.end] == result.passage


def test_a_changed_quote_is_never_verified() -> None:
    for source, quote, verdict, _ in CASES:
        if verdict is not Verdict.VERIFIED:
            assert match_quote(quote, source).verdict is not Verdict.VERIFIED, quote


def test_passage_is_the_sources_own_characters() -> None:
    result = match_quote('that they want us more involved," Crenshaw said', CRENSHAW_000)
    assert result.verdict is Verdict.VERIFIED
    assert result.reason == "typography"
    assert result.passage == "that they want us more involved,” Crenshaw said"


def test_word_order_diff_shows_both_sides() -> None:
    result = match_quote(CRENSHAW_QUOTE, CRENSHAW_002)
    changed = [op for op in result.diff if op.op is not DiffOpKind.EQUAL]
    assert changed, result.diff
    quote_side = " ".join(op.quote for op in result.diff if op.quote)
    source_side = " ".join(op.source for op in result.diff if op.source)
    assert quote_side.endswith("they want us more involved")
    assert source_side.endswith("they want more us involved")
    assert "they’re making" in quote_side and "they're making" in source_side


def test_number_change_diff_names_both_numbers() -> None:
    result = match_quote(
        "program that burnt through $50 billion of US “aid” funds during more than two decades",
        PLAN,
    )
    assert [
        (op.op, op.quote, op.source) for op in result.diff if op.op is not DiffOpKind.EQUAL
    ] == [(DiffOpKind.REPLACE, "50", "15")]


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        ("Plan Ecuador", Verdict.VERIFIED),
        ("“aid”", Verdict.VERIFIED),
        ("a very clear signal", Verdict.VERIFIED),
        # from three words, a passage with every word but one, a content word among them
        ("a very strong signal", Verdict.MISQUOTED),
        ("they want us involved", Verdict.MISQUOTED),
        # two words are too few to tell a misquote from chance
        ("Plan Peru", Verdict.NOT_FOUND),
    ],
)
def test_short_quotes(quote: str, verdict: Verdict) -> None:
    source = CRENSHAW_000 + PLAN
    assert match_quote(quote, source).verdict is verdict


def test_short_quote_reason_says_why() -> None:
    result = match_quote("Plan Peru", CRENSHAW_000 + PLAN)
    assert result.reason is not None and "short quote" in result.reason
    assert "trusted from 6 words" in result.reason


def test_config_thresholds_are_used() -> None:
    quote = "Rafael Correa’s government held a referendum on the treaty."
    assert match_quote(quote, HISTORY).verdict is Verdict.MISQUOTED
    strict = MatchConfig(min_coverage=0.95)
    assert match_quote(quote, HISTORY, config=strict).verdict is Verdict.NOT_FOUND
    lenient = MatchConfig(short_quote_words=12, short_misquote_words=12)
    assert match_quote(quote, HISTORY, config=lenient).verdict is Verdict.NOT_FOUND
    assert DEFAULT_CONFIG.short_quote_words < 12


def test_one_index_serves_many_quotes() -> None:
    index = SourceIndex(HISTORY + "\n\n" + PLAN)
    assert index.text.startswith("Presumably")
    assert index.language == "en"
    first = match_quote("The people overwhelmingly voted for the base to be closed.", index)
    second = match_quote("Ecuador wants to present a Plan Ecuador to the United States.", index)
    assert first.verdict is second.verdict is Verdict.VERIFIED
    assert first.start is not None and second.start is not None and first.start < second.start
    assert index.text[second.start : second.end].startswith("Ecuador wants")
