"""The source side: other languages, the speaker near the passage, long sources."""

from __future__ import annotations

import pytest

from verifier.match import SourceIndex, Verdict, attribution_near, match_quote
from verifier.match.engine import speaker_keys

SPANISH = (
    "El presidente Daniel Noboa dijo que el acuerdo con Estados Unidos permitirá combatir el "
    "crimen organizado. «No vamos a permitir que el narcotráfico siga controlando nuestras "
    "cárceles», afirmó el mandatario ante la Asamblea Nacional en Quito."
)
CRENSHAW = (
    "Status of forces agreements outline the terms by which members of a foreign military can "
    "operate in another country. “That doesn’t mean we’re doing it, but it means we can,” "
    "Crenshaw said. The Texas Republican sits on the House Intelligence Committee."
)
QUOTE = "That doesn’t mean we’re doing it, but it means we can"


def test_a_source_in_another_language_is_unverifiable() -> None:
    result = match_quote(
        "We will not allow drug trafficking to keep controlling our prisons", SPANISH
    )
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.reason == "source in Spanish"


def test_same_language_is_matched() -> None:
    quote = "No vamos a permitir que el narcotráfico siga controlando nuestras cárceles"
    result = match_quote(quote, SPANISH, quote_language="es")
    assert result.verdict is Verdict.VERIFIED


def test_a_quote_found_verbatim_is_verified_whatever_the_page_language() -> None:
    page = SPANISH + " El senador republicano dijo en inglés: “" + QUOTE + ".” " + SPANISH
    assert match_quote(QUOTE, page).verdict is Verdict.VERIFIED


def test_unknown_quote_language_skips_the_check() -> None:
    result = match_quote("We will not allow drug trafficking", SPANISH, quote_language=None)
    assert result.verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize(
    ("speaker", "named"),
    [
        ("Rep. Dan Crenshaw", True),
        ("Dan Crenshaw", True),
        ("Crenshaw", True),
        ("House Intelligence Committee", True),
        ("Rep. Mark Green", False),
        ("the Pentagon", False),
        ("he", False),
    ],
)
def test_attribution_near(speaker: str, named: bool) -> None:
    result = match_quote(QUOTE, CRENSHAW)
    assert result.start is not None and result.end is not None
    assert attribution_near(speaker, CRENSHAW, result.start, result.end) is named


def test_attribution_window_is_bounded() -> None:
    filler = " The agreement was signed in Quito." * 30
    source = CRENSHAW.replace(" Crenshaw said.", filler + " Crenshaw said.")
    index = SourceIndex(source)
    result = match_quote(QUOTE, index)
    assert result.start is not None and result.end is not None
    assert not attribution_near("Dan Crenshaw", index, result.start, result.end, window=200)
    assert attribution_near("Dan Crenshaw", index, result.start, result.end, window=2000)


@pytest.mark.parametrize(
    ("speaker", "ways"),
    [
        ("Rep. Dan Crenshaw", [{"crenshaw"}]),
        ("Andrés Manuel López Obrador", [{"obrador"}, {"lopez"}]),
        ("Ecuador’s Ministry of Defense", [{"ecuador"}, {"defense"}]),
        ("U.S. Department of State", [{"us", "department", "state"}]),
        ("they", []),
        ("the opposition leader Carlos Vega", [{"vega"}]),  # role words do not identify
    ],
)
def test_speaker_keys(speaker: str, ways: list[set[str]]) -> None:
    assert [set(way) for way in speaker_keys(speaker)] == ways


def _long_source(size: int) -> str:
    """Distinct English sentences, like a long hearing transcript."""
    topics = ["coca", "bases", "glyphosate", "Manta", "Quito", "Lima", "Galápagos", "cartels"]
    lines = []
    i = 0
    while sum(map(len, lines)) < size:
        lines.append(
            f"Witness {i} said the {topics[i % 8]} question came up {i % 97} times in "
            f"session {i // 8}, and the committee noted it for the record number {i}.\n"
        )
        i += 1
    return "".join(lines)


def test_verbatim_quote_in_a_two_megabyte_source() -> None:
    text = _long_source(2_000_000)
    middle = len(text) // 2
    source = text[:middle] + "\n" + CRENSHAW + "\n" + text[middle:]
    index = SourceIndex(source)
    result = match_quote(QUOTE, index)
    assert result.verdict is Verdict.VERIFIED
    assert result.start is not None and source[result.start : result.end] == QUOTE
    changed = match_quote(QUOTE.replace("we can", "we cannot"), index)
    assert changed.verdict is Verdict.MISQUOTED
    assert changed.changes[0] == "negation added"
    ellipsis = match_quote(
        "Status of forces agreements outline the terms … in another country", index
    )
    assert ellipsis.verdict is Verdict.VERIFIED
    # Near-identical lines: the right one is found, and the change named.
    twisted = match_quote("Witness 11 said the Manta question never came up in session 1.", index)
    assert twisted.verdict is Verdict.MISQUOTED
    assert twisted.changes[0] == "negation added"
    assert twisted.passage is not None and twisted.passage.startswith("Witness 11 said the Manta")


@pytest.mark.parametrize("source", ["", "Quito", "In Quito", "“ ” … —"])
def test_tiny_sources(source: str) -> None:
    assert match_quote("We are in Quito today", source).verdict is Verdict.NOT_FOUND
    assert match_quote("Quito", source).verdict is (
        Verdict.VERIFIED if "Quito" in source else Verdict.NOT_FOUND
    )


@pytest.mark.parametrize("quote", ["", "…", "[sic]", "“”"])
def test_quotes_without_words(quote: str) -> None:
    result = match_quote(quote, CRENSHAW)
    assert result.verdict is Verdict.NOT_FOUND
    assert result.reason == "no words to look for"
