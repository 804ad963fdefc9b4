"""Sentence edges inside a paragraph, good enough for news prose (abbreviations kept)."""

from __future__ import annotations

import re

from verifier.extract import lexicon

_ABBREV = lexicon.words("abbrev")


def _title_stop() -> str:
    """A full stop that ends a title or an initial, not a clause: `portrayed Mrs. Clinton as`,
    `the U.S.` (lookbehinds of one width each, as `re` wants them)."""
    by_width: dict[int, list[str]] = {}
    for title in lexicon.words("titles"):
        if title.endswith("."):
            by_width.setdefault(len(title) - 1, []).append(re.escape(title[:-1]))
    initial = r"(?<=\b(?-i:[A-Z]))"
    behind = [initial] + [
        r"(?<=\b(?i:" + "|".join(sorted(ws)) + "))" for _, ws in sorted(by_width.items())
    ]
    return "(?:" + "|".join(behind) + r")\."


# a full stop inside a clause: `Mrs. Clinton`, `the U.S.`
TITLE_STOP = _title_stop()
_END_RE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[A-Z0-9¿¡])")


def is_abbreviation(text: str, dot: int) -> bool:
    """The full stop at `dot` ends an abbreviation (`Mrs.`, `Inc.`) or an initial, no sentence."""
    return _is_abbrev(text, dot)


def _is_abbrev(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    return word in _ABBREV or len(word) == 1


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence-final punctuation run in text[start:end].

    The same paragraph is asked for again for each of its pronouns: the last answers for
    the same text are remembered, so a paragraph of thousands of quotes stays linear. The
    list returned is shared: read it, never change it.
    """
    key = (id(text), start, end)
    kept = _memo.get(key)
    if kept is not None and kept[0] is text:
        return kept[1]
    found = _sentence_ends(text, start, end)
    _memo[key] = (text, found)
    if len(_memo) > _MEMO_SIZE:
        _memo.pop(next(iter(_memo)), None)
    return found


# (id of the text, start, end) -> (the text, its answer); the text is kept so that an id
# reused by another string never returns a stale answer.
_memo: dict[tuple[int, int, int], tuple[str, list[int]]] = {}
_MEMO_SIZE = 64


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    out = []
    for m in _END_RE.finditer(text, start, end):
        if _is_abbrev(text, m.start()):
            continue
        out.append(m.end())
    return out
