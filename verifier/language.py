"""Language of a text, when it can be told with confidence.

A source in another language than the quote cannot confirm or refute it: the verdict is
`unverifiable`, never `not_found`. A wrong guess is worse than no guess, so short texts and
low-confidence guesses give None.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from verifier.language_model import mapped_identifier

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
    """py3langid's model, with normalised probabilities; loading takes about a second.
    Mapped from disk, not held in memory (see `language_model`)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return mapped_identifier(Path(MODEL_DIR) / MODEL_FILE)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    if len(_LETTER.findall(text[: SAMPLE_CHARS * 4])) < MIN_LETTERS:
        return None
    samples = [without_placeholder(sample) for sample in _samples(text)]
    guesses = [
        ("en", 1.0) if plainly_english(sample) else _identifier().classify(sample)
        for sample in samples
        if len(_LETTER.findall(sample)) >= MIN_LETTERS
    ]
    confident = [str(code) for code, confidence in guesses if confidence >= MIN_CONFIDENCE]
    if not confident:
        return None
    best = max(set(confident), key=confident.count)
    return best if confident.count(best) * 2 > len(guesses) else None


# English words no other language writes often (not `a`, `in`, `is`, `was`, `will`, `an`,
# `die`, `or`: Spanish, Dutch, German and French use those too). In English prose they are a
# fifth of the words; in other languages almost none (a name, a quoted title).
_ENGLISH_MARKER_WORDS = """
    the of and to that for with this from they said which their would been who has have
    are were its his she her our you not but there what when about after could into than
    them these those because only also just more most some such very"""
_ENGLISH_MARKERS = frozenset(_ENGLISH_MARKER_WORDS.split())
ENGLISH_SHARE = 0.12
MIN_WORDS = 30


def plainly_english(sample: str) -> bool:
    """Prose that is English beyond doubt, told without the statistical model (which costs
    a second to load and 67 MB to hold, for the language of nearly every English page)."""
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return False
    return sum(w in _ENGLISH_MARKERS for w in words) >= ENGLISH_SHARE * len(words)


# Lorem ipsum and the words its generators draw from: placeholder text is not Latin, and
# not a language a quote could be checked against.
_PLACEHOLDER_WORDS = """
    lorem ipsum dolor sit amet consectetur consectetuer adipiscing adipisicing elit sed do
    eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis
    nostrud exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute
    irure in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur excepteur
    sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id
    est laborum vestibulum curabitur pellentesque nullam donec aenean mauris vivamus
    integer etiam phasellus maecenas nunc praesent proin fusce morbi quisque suspendisse
    nam cras vel vitae nec ac at a turpis tellus massa mi sapien eget ligula lectus lacus
    justo odio neque risus purus arcu diam felis nibh leo erat augue orci dui urna quam
    metus libero ante semper porttitor viverra pretium tristique tincidunt faucibus mattis
    lobortis ultrices ultricies sagittis gravida accumsan dictum hendrerit fermentum
    scelerisque pharetra venenatis blandit vehicula dapibus interdum rutrum rhoncus
    sollicitudin efficitur eros posuere iaculis elementum condimentum placerat convallis
    congue auctor malesuada euismod feugiat imperdiet molestie aliquam lacinia luctus
    varius bibendum vulputate facilisis pulvinar tempus cursus suscipit ornare mollis
    egestas fringilla"""
_PLACEHOLDER = frozenset(_PLACEHOLDER_WORDS.split())
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"[^\W\d_]+")


def is_placeholder(text: str) -> bool:
    """Lorem ipsum: most of its words (four or more) are the generators' pseudo-Latin."""
    words = _WORD.findall(text.lower())
    return len(words) >= 4 and sum(w in _PLACEHOLDER for w in words) >= 0.6 * len(words)


def without_placeholder(text: str) -> str:
    """The text less its lorem-ipsum sentences (unchanged when it has none)."""
    lowered = text.lower()
    if "lorem" not in lowered and "ipsum" not in lowered and "consectetur" not in lowered:
        return text
    return " ".join(s for s in _SENTENCE.findall(text) if not is_placeholder(s))


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
