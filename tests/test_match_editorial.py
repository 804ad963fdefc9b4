"""Editorial conventions: ellipses split a quote into segments, square brackets are the writer's."""

from __future__ import annotations

import pytest

from verifier.match import DiffOpKind, Verdict, match_quote
from verifier.match.align import parse_quote

SANTOS = (
    "All to achieve exactly nothing, as former President Juan Manuel Santos admitted in a "
    "commendable mea culpa:\n\nIn the Ministry of Defense I had to spray the largest number of "
    "hectares in history and it didn’t work. I came to that conclusion after many years in "
    "government, watching the numbers every month and every year. This personal experience has "
    "allowed me to conclude that I was wrong in believing that a strong hand was the solution "
    "to drug trafficking."
)
HERITAGE = (
    "“If the US can effectively partner with Ecuador to overcome its daunting security "
    "challenges, it could create a political framework to curb Beijing’s substantial influence "
    "and show the region that an alliance with the United States is preferable to dependency on "
    "China’s communist regime.”"
)
URIBE = (
    "This came amid the Colombian government’s fight against guerrilla groups. Alvaro Uribe’s "
    "government welcomed U.S. military bases, advisers, troops, and tutelage into its strategic "
    "position to safeguard what Washington has long considered its backyard."
)
FIRST = "In the Ministry of Defense I had to spray the largest number of hectares in history"
LAST = "This personal experience has allowed me to conclude that I was wrong"


@pytest.mark.parametrize("mark", ["...", "…", "[…]", "[...]", ". . .", " … "])
def test_ellipsis_forms_split_the_quote(mark: str) -> None:
    parsed = parse_quote(f"{FIRST}{mark}{LAST}")
    assert [s.keys[0] for s in parsed.segments] == ["in", "this"]
    assert len(parsed.ellipses) == 1 and parsed.ellipses[0].strip() == mark.strip()


@pytest.mark.parametrize("mark", ["...", "…", "[…]", "[...]"])
def test_ellipsis_over_a_dropped_middle_is_verified(mark: str) -> None:
    result = match_quote(f"{FIRST} {mark} {LAST}", SANTOS)
    assert result.verdict is Verdict.VERIFIED, result.reason
    assert [s.found for s in result.segments] == [True, True]
    first, last = result.segments
    assert first.start is not None and first.end is not None and last.start is not None
    assert SANTOS[first.start : first.end] == FIRST
    assert first.end < last.start
    assert result.passage is not None and result.passage.startswith(FIRST)
    assert result.passage.endswith(LAST)


def test_segments_must_be_in_order() -> None:
    result = match_quote(f"{LAST} … {FIRST}", SANTOS)
    assert result.verdict is not Verdict.VERIFIED
    assert not all(s.found for s in result.segments)


def test_segments_must_be_near_each_other() -> None:
    filler = " ".join(f"Paragraph {i} says nothing about coca or glyphosate." for i in range(80))
    source = SANTOS.replace("I came to that", filler + " I came to that")
    result = match_quote(f"{FIRST} … {LAST}", source)
    assert result.verdict is Verdict.MISQUOTED
    assert result.reason == "segment not found"
    assert [s.found for s in result.segments] == [True, False]


def test_a_changed_segment_is_still_a_misquote() -> None:
    quote = f"{FIRST} … This personal experience has allowed me to conclude that I was right"
    result = match_quote(quote, SANTOS)
    assert result.verdict is Verdict.MISQUOTED
    assert result.changes[0] == "content word replaced"


def test_ellipsis_is_shown_in_the_diff() -> None:
    result = match_quote(f"{FIRST} […] {LAST}", SANTOS)
    ops = [(op.op, op.quote, op.source) for op in result.diff]
    assert (DiffOpKind.EQUAL, "[…]", "") in ops


@pytest.mark.parametrize(
    ("quote", "source", "reason"),
    [
        # [I]f: the writer's capital
        (
            "[I]f the US can effectively partner with Ecuador to overcome its daunting security "
            "challenges",
            HERITAGE,
            "typography",
        ),
        # [in the country]: an insertion the source need not contain
        (
            "it could create a political framework to curb Beijing’s substantial influence [in "
            "the country] and show the region",
            HERITAGE,
            "editorial brackets",
        ),
        # [sic]: a note, not words of the speaker
        (
            "it could create a political framework to curb Beijing’s substantial influence [sic] "
            "and show the region",
            HERITAGE,
            "editorial brackets",
        ),
        # [Alvaro] Uribe’s: a clarification of words the source has or lacks
        (
            "[Alvaro] Uribe’s government welcomed U.S. military bases, advisers, troops, and "
            "tutelage",
            URIBE,
            "editorial brackets",
        ),
        (
            "[Alvaro] Uribe’s government welcomed U.S. military bases, advisers, troops, and "
            "tutelage",
            URIBE.replace("Alvaro ", ""),
            "editorial brackets",
        ),
        # a bracket standing for the source's own words ("its" for "Beijing’s")
        (
            "it could create a political framework to curb [Beijing’s] substantial influence and "
            "show the region",
            HERITAGE.replace("Beijing’s substantial", "its substantial"),
            "editorial brackets",
        ),
    ],
)
def test_brackets_are_editorial(quote: str, source: str, reason: str | None) -> None:
    result = match_quote(quote, source)
    assert result.verdict is Verdict.VERIFIED, (result.reason, result.diff)
    assert result.reason == reason


def test_bracket_keys() -> None:
    parsed = parse_quote("[I]f the US [sic] curb [Beijing’s] influence [in the country]")
    (segment,) = parsed.segments
    assert segment.keys == ("if", "the", "us", "curb", "influence")
    assert [(b.at, b.text) for b in segment.brackets] == [
        (4, "[Beijing’s]"),
        (5, "[in the country]"),
    ]


def test_brackets_do_not_excuse_other_changes() -> None:
    quote = (
        "it could create a political framework to curb [Beijing’s] substantial influence and "
        "show the world"
    )
    result = match_quote(quote, HERITAGE)
    assert result.verdict is Verdict.MISQUOTED
    assert result.changes[0] == "content word replaced"


def test_source_with_the_writers_capital() -> None:
    # A republished quote keeps "[I]f" in the source text itself.
    result = match_quote(
        "If the US can effectively partner with Ecuador to overcome its daunting security "
        "challenges",
        HERITAGE.replace("“If", "“[I]f"),
    )
    assert result.verdict is Verdict.VERIFIED
    assert result.passage is not None and result.passage.startswith("[I]f the US")


def test_an_ellipsis_that_hides_a_negation_is_a_misquote() -> None:
    quote = "In the Ministry of Defense I had to spray the largest number of hectares in history "
    result = match_quote(quote + "and it … work.", SANTOS)
    assert result.verdict is Verdict.MISQUOTED
    assert result.changes[0] == "negation dropped"


def test_words_the_source_itself_had_in_brackets_may_be_left_out() -> None:
    source = SANTOS.replace("Defense I had", "Defense [under Uribe’s presidency] I had")
    result = match_quote(FIRST + " and it didn’t work.", source)
    assert result.verdict is Verdict.VERIFIED
    assert result.reason == "editorial brackets"
    assert (DiffOpKind.DELETE, "", "under Uribe’s presidency") in [
        (op.op, op.quote, op.source) for op in result.diff
    ]


# A transcript quoted with the source's own long bracketed insertion (a real page of the
# article-extraction benchmark: nine words, more than a bracket may stand for otherwise).
PATRON = (
    "I was the patron of the [National Society for the Prevention of Cruelty to Children’s] "
    "‘Full Stop’ campaign, so I was close-up with what was going on."
)


@pytest.mark.parametrize(
    "source", [f"He said: “{PATRON}”", PATRON.replace("[", "").replace("]", "")]
)
def test_a_long_bracket_holding_the_source_words_is_editorial(source: str) -> None:
    result = match_quote(PATRON, source)
    assert result.verdict is Verdict.VERIFIED, (result.reason, result.diff)


def test_a_long_bracket_with_other_words_still_drops_the_source_words() -> None:
    quote = PATRON.replace("National Society for the Prevention of Cruelty to Children’s",
                           "Royal Society for the Protection of Birds and their Young")  # fmt: skip
    result = match_quote(quote, PATRON.replace("[", "").replace("]", ""))
    assert result.verdict is Verdict.MISQUOTED
    assert result.changes[0] == "words dropped"


@pytest.mark.parametrize("note", ["(sic)", "(Sic)", "( sic! )", "(emphasis added)"])
def test_a_note_in_parentheses_is_editorial(note: str) -> None:
    quote = f"This is what they wrote {note} in the letter to the mayor last week."
    result = match_quote(quote, "This is what they wrote in the letter to the mayor last week.")
    assert result.verdict is Verdict.VERIFIED, (result.reason, result.diff)


def test_other_words_in_parentheses_are_the_quotes_own() -> None:
    quote = "This is what they wrote (and said) in the letter to the mayor last week."
    result = match_quote(quote, "This is what they wrote in the letter to the mayor last week.")
    assert result.verdict is Verdict.MISQUOTED
