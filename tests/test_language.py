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
