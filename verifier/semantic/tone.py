"""Tone of a word from VADER's lexicon: "delighted" for "frightened" reverses the claim.

Sentence embeddings score a swap of tone ("reassuring" / "distressing") as high as a
synonym, and WordNet lists few such pairs as antonyms. VADER's lexicon (about 7,500 words
rated from -4 to +4 by ten people each, MIT) ships inside the `vaderSentiment` package: it
is read as a file, nothing is imported from it and nothing is downloaded. Without it the
rule is off.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

# Both words at least this far from neutral (mean rating), on opposite sides: chosen on the
# tune half of bench/semantic.py's pairs (docs/benchmarks.md), well clear of mild words
# ("growing" +0.7, "adversely" -0.8) whose tone depends on what they qualify.
MIN_TONE = 1.0

_LEXICON: dict[str, dict[str, float] | None] = {}
_LOCK = threading.Lock()


def lexicon_file() -> Path | None:
    """vader_lexicon.txt inside the installed `vaderSentiment` package, or None."""
    spec = importlib.util.find_spec("vaderSentiment")
    folders = list(spec.submodule_search_locations or []) if spec else []
    found = [Path(f) / "vader_lexicon.txt" for f in folders]
    return next((f for f in found if f.is_file()), None)


def load_tones() -> dict[str, float] | None:
    """Word -> mean rating, read once per process; None when the package is missing."""
    with _LOCK:
        if "vader" not in _LEXICON:
            path = lexicon_file()
            _LEXICON["vader"] = read_lexicon(path.read_text(encoding="utf-8")) if path else None
        return _LEXICON["vader"]


def read_lexicon(text: str) -> dict[str, float]:
    """VADER's format: word, mean rating, standard deviation, the ten ratings (tabs)."""
    tones = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():  # skip emoticons such as ":-)"
            try:
                tones[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return tones


def tone(
    tones: dict[str, float], words: Iterable[str], lemmas: Callable[[str], list[str]]
) -> float:
    """The strongest rating among the words (a word's base forms when it is not listed)."""
    best = 0.0
    for word in words:
        rated = [tones[w] for w in [word, *lemmas(word)] if w in tones]
        if rated and abs(rated[0]) > abs(best):
            best = rated[0]
    return best


def reversed_tone(quote: float, source: float) -> bool:
    """Clearly positive on one side, clearly negative on the other."""
    return min(abs(quote), abs(source)) >= MIN_TONE and (quote > 0) != (source > 0)
