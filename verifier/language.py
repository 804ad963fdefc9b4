"""Language of a text, when it can be told with confidence.

A source in another language than the quote cannot confirm or refute it: the verdict is
`unverifiable`, never `not_found`. A wrong guess is worse than no guess, so short texts and
low-confidence guesses give None.
"""

from __future__ import annotations

import functools
import re
from typing import Any

MIN_LETTERS = 40  # below this, py3langid guesses ("Crenshaw said." is 25 % English)
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 2000  # per sample; long texts are judged on three samples (3 ms a page)

LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}

_LETTER = re.compile(r"[^\W\d_]")


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code, or the code itself when unknown."""
    return LANGUAGE_NAMES.get(code, code)


@functools.cache
def _identifier() -> Any:
    """py3langid's model, with normalised probabilities; loading takes about a second."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    if len(_LETTER.findall(text[: SAMPLE_CHARS * 4])) < MIN_LETTERS:
        return None
    guesses = [
        _identifier().classify(sample)
        for sample in _samples(text)
        if len(_LETTER.findall(sample)) >= MIN_LETTERS
    ]
    confident = [str(code) for code, confidence in guesses if confidence >= MIN_CONFIDENCE]
    if not confident:
        return None
    best = max(set(confident), key=confident.count)
    return best if confident.count(best) * 2 > len(guesses) else None


def _samples(text: str) -> list[str]:
    """The whole text if short, else its beginning, middle and end."""
    if len(text) <= SAMPLE_CHARS * 3:
        return [text]
    middle = len(text) // 2
    return [
        text[:SAMPLE_CHARS],
        text[middle - SAMPLE_CHARS // 2 : middle + SAMPLE_CHARS // 2],
        text[-SAMPLE_CHARS:],
    ]
