"""Sentence edges inside a paragraph, good enough for news prose (abbreviations kept)."""

from __future__ import annotations

import re

from verifier.extract import lexicon

_ABBREV = lexicon.words("abbrev")
_END_RE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[A-Z0-9¿¡])")


def _is_abbrev(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    return word in _ABBREV or len(word) == 1


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence-final punctuation run in text[start:end]."""
    out = []
    for m in _END_RE.finditer(text, start, end):
        if _is_abbrev(text, m.start()):
            continue
        out.append(m.end())
    return out
