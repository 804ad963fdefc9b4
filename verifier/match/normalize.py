"""Typography-forgiving normalisation, with a map back to the original characters.

Quotes and sources differ in ways no editor cares about: curly or straight quote marks,
dashes, non-breaking spaces, soft hyphens, a word hyphenated across a line break, HTML
entities, case, accents dropped by a keyboard. `normalize` folds all of these away so that
matching compares words, and keeps an offset map so a report can quote the source's own
characters. Punctuation other than quote marks and dashes is kept: a changed comma is a
(minor) difference, not typography.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass

# Characters folded to one ASCII form, or dropped ("").
_FOLD: dict[str, str] = {}
for _ch in "‘’‚‛′‵ʼʻ`´＇‹›":
    _FOLD[_ch] = "'"
for _ch in "“”„‟″‶«»〝〞〟＂":
    _FOLD[_ch] = '"'
for _ch in "‐‑‒–—―−⁃﹘﹣－":
    _FOLD[_ch] = "-"
for _ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
    _FOLD[_ch] = ""
_FOLD["…"] = "..."

# What needs more than ASCII lower-casing: entities, line-break hyphenation, soft hyphens,
# whitespace other than a single space, and any non-ASCII character.
_SPECIAL = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|(?<=[^\W\d_])[-\u00ad][ \t]*\r?\n[ \t]*(?=[^\W\d_])"
    r"|\u00ad[ \t]*(?:\r?\n[ \t]*)?"
    r"| \s+|[^\S ]\s*"
    r"|[^\x00-\x7f]"
)

# A word: a number with separators, an abbreviation with dots (u.s.), or letters and digits
# with inner apostrophes (don't). Hyphens separate words: "well-known" is two words.
WORD_RE = re.compile(r"\d+(?:[.,]\d+)+|(?:[^\W\d_]\.){2,}|[^\W_]+(?:'[^\W_]+)*")


def _fold_char(ch: str) -> str:
    folded = _FOLD.get(ch)
    if folded is not None:
        return folded
    if ch.isspace():
        return " "
    out = unicodedata.normalize("NFKC", ch)
    out = "".join(c for c in unicodedata.normalize("NFKD", out) if not _is_diacritic(c))
    out = out.casefold()
    return "".join(_FOLD.get(c, c) for c in out)


def _is_diacritic(ch: str) -> bool:
    """Combining accents on Latin, Greek and Cyrillic letters (not Indic vowel signs)."""
    return "\u0300" <= ch <= "\u036f"


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text and, for each run of it, where it came from in the original.

    Run `i` covers `text[norm_starts[i]:norm_starts[i+1]]` and came from
    `original[orig_starts[i]:orig_ends[i]]`; `linear[i]` says the run maps one to one.
    """

    text: str
    original_length: int
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]
    orig_ends: tuple[int, ...]
    linear: tuple[bool, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the normalised span `[start, end)` (end > start)."""
        return self._orig_start(start), self._orig_end(end)

    def _orig_start(self, pos: int) -> int:
        if pos >= len(self.text):
            return self.original_length
        i = bisect.bisect_right(self.norm_starts, pos) - 1
        if self.linear[i]:
            return self.orig_starts[i] + pos - self.norm_starts[i]
        return self.orig_starts[i]

    def _orig_end(self, pos: int) -> int:
        if pos <= 0:
            return 0
        i = bisect.bisect_right(self.norm_starts, pos - 1) - 1
        if self.linear[i]:
            return self.orig_starts[i] + pos - self.norm_starts[i]
        return self.orig_ends[i]


def normalize(text: str) -> Normalized:
    """Fold typography away; see the module docstring for what counts as typography."""
    parts: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    orig_ends: list[int] = []
    linear: list[bool] = []
    length = 0

    def emit(piece: str, start: int, end: int, is_linear: bool) -> None:
        nonlocal length
        if not piece:
            return
        parts.append(piece)
        norm_starts.append(length)
        orig_starts.append(start)
        orig_ends.append(end)
        linear.append(is_linear)
        length += len(piece)

    pos = 0
    for m in _SPECIAL.finditer(text):
        if m.start() > pos:
            emit(text[pos : m.start()].lower(), pos, m.start(), True)
        emit(_replacement(m.group()), m.start(), m.end(), False)
        pos = m.end()
    if pos < len(text):
        emit(text[pos:].lower(), pos, len(text), True)
    return Normalized(
        "".join(parts),
        len(text),
        tuple(norm_starts),
        tuple(orig_starts),
        tuple(orig_ends),
        tuple(linear),
    )


def _replacement(special: str) -> str:
    first = special[0]
    if first == "&":
        return "".join(_fold_char(c) for c in html.unescape(special))
    if (first in "-\u00ad" and len(special) > 1) or first == "\u00ad":
        return ""  # a word hyphenated across a line, or a soft hyphen
    if special.isspace():
        return " "
    return _fold_char(special)


def fold(text: str) -> str:
    """The normalised text alone, for comparisons that need no offsets."""
    return normalize(text).text


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a normalised text: its comparison key and its span in that text."""

    key: str
    start: int
    end: int


def word_key(word: str) -> str:
    """What two words must share to count as the same word.

    "U.S." and "US" are one word, and so are "1,000" and "1000".
    """
    if word[0].isdigit():
        return word.replace(",", "")
    if "." in word:
        return word.replace(".", "")
    return word


def tokenize(text: str) -> list[Token]:
    """The words of an already normalised text."""
    return [Token(word_key(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, for readable word lists."""
    return frozenset(words.split())
