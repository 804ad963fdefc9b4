"""Language detection: a confident ISO 639-1 code, or None."""

from __future__ import annotations

import pytest

from verifier.language import detect_language, language_name

ENGLISH = (
    "Ecuador’s prior eviction of US forces is now being quietly undone. President Lasso has been "
    "requesting US help in creating a plan to combat the rising lawlessness in the country."
)
SPANISH = (
    "El gobierno de Ecuador firmó un acuerdo con Estados Unidos que permite la presencia de "
    "tropas estadounidenses en su territorio para combatir el narcotráfico."
)
GERMAN = (
    "Die Regierung von Ecuador hat ein Abkommen mit den Vereinigten Staaten unterzeichnet, das "
    "die Anwesenheit amerikanischer Truppen im Land erlaubt."
)
FRENCH = (
    "Le gouvernement de l’Équateur a signé un accord avec les États-Unis qui autorise la "
    "présence de troupes américaines sur son territoire."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [(ENGLISH, "en"), (SPANISH, "es"), (GERMAN, "de"), (FRENCH, "fr")],
)
def test_detects_the_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Crenshaw said.",  # too short to tell
        "12 34 56 — 2023-08-20 / 14:05",  # no letters to speak of
    ],
)
def test_none_when_unsure(text: str) -> None:
    assert detect_language(text) is None


def test_long_text_is_judged_on_samples() -> None:
    text = (ENGLISH + " ") * 2000
    assert len(text) > 100_000
    assert detect_language(text) == "en"


def test_a_mixed_text_goes_by_its_majority() -> None:
    text = " ".join([SPANISH] * 40 + [ENGLISH] * 2)
    assert detect_language(text) == "es"


def test_language_names() -> None:
    assert language_name("es") == "Spanish"
    assert language_name("xx") == "xx"


ENGLISH_NEWS = (
    "The council said on Monday that the harbour would be rebuilt before the winter storms, "
    "and that the work could start in March. Officials from the port, who asked not to be "
    "named, told reporters that the budget was the biggest in a decade. The mayor has said "
    "that she would not wait for the national government to act."
)
ITALIAN_WITH_ENGLISH = (
    "Il governo ha presentato il nuovo piano per il porto, che secondo il ministro sarà "
    "pronto entro l'estate. Il progetto, chiamato “Harbour of the Future”, prevede nuovi "
    "moli e una stazione per i traghetti, con un investimento di oltre cento milioni."
)


def test_plain_english_is_told_without_loading_the_model() -> None:
    from verifier import language

    language._identifier.cache_clear()
    assert language.plainly_english(ENGLISH_NEWS)
    assert detect_language(ENGLISH_NEWS) == "en"
    assert language._identifier.cache_info().currsize == 0


@pytest.mark.parametrize("text", [SPANISH * 3, GERMAN * 3, FRENCH * 3, ITALIAN_WITH_ENGLISH])
def test_other_languages_are_never_taken_for_plain_english(text: str) -> None:
    from verifier import language

    assert not language.plainly_english(text)
    assert detect_language(text) != "en"
