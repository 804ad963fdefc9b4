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
import functools
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass

# Characters folded to one ASCII form, or dropped (""). Hyphens stay "-", dashes become "—"
# (a dash between clauses is punctuation; a hyphen inside a compound is typography).
_FOLD: dict[str, str] = {}
for _ch in "‘’‚‛′‵ʼʻ`´＇‹›":
    _FOLD[_ch] = "'"
for _ch in "“”„‟″‶«»〝〞〟＂":
    _FOLD[_ch] = '"'
for _ch in "‐‑‒−﹣－":
    _FOLD[_ch] = "-"
for _ch in "–—―⁃﹘":
    _FOLD[_ch] = "—"
for _ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
    _FOLD[_ch] = ""
_FOLD["…"] = "..."

# Length-changing patterns: entities, a word hyphenated across a line break, soft hyphens.
_ENTITY_OR_BREAK = (
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|[-\u00ad](?<=[^\W\d_][-\u00ad])[ \t]*\r?\n[ \t]*(?=[^\W\d_])"
    r"|\u00ad[ \t]*(?:\r?\n[ \t]*)?"
    r"|\[(?<![^\W_]\[)[^\W\d_]\](?=[^\W\d_])"  # [I]f, an editor's capital: the word "if"
    r"|(?<=[^\W\d_])\[[^\W\d_]{1,3}\](?![^\W_])"  # give[s], an editor's ending: "gives"
)
_SPECIAL_RE = re.compile(_ENTITY_OR_BREAK + r"|[^\x00-\x7f]")

# A word: a number with separators, an abbreviation with dots (u.s.), or letters and digits
# with inner apostrophes (don't). Hyphens separate words: "well-known" is two words.
WORD_RE = re.compile(r"\d+(?:[.,]\d+)+|[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])|[^\W_]+(?:'[^\W_]+)*")


@functools.lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character's normalised form (maybe empty or longer)."""
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

    @property
    def is_identity(self) -> bool:
        """Offsets are unchanged: nothing was folded to another length."""
        return len(self.linear) == 1 and self.linear[0] and self.norm_starts[0] == 0

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the normalised span `[start, end)` (end > start)."""
        if len(self.linear) == 1 and self.linear[0]:
            return start, end  # nothing changed length
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
    """Fold typography away; see the module docstring for what counts as typography.

    ASCII text is only lower-cased (whitespace is kept: words never include it); other
    characters go through `fold_char`. Only foldings that change the length (entities, a
    hyphenated line break, "…", a soft hyphen) break the text into runs for the offset map.
    """
    changes: list[tuple[int, int, int]] = []  # (start, end, new length) where length changes

    def replace(m: re.Match[str]) -> str:
        old = m.group()
        if old[0] == "&":
            new = "".join(fold_char(c) for c in html.unescape(old))
        elif old[0] == "[":  # an editor's letters in a word: the word as it reads
            new = "".join(c.lower() if c.isascii() else fold_char(c) for c in old[1:-1])
        elif len(old) > 1 and old[0] in "-\u00ad":
            new = ""  # a word hyphenated across a line break, or a soft hyphen
        else:
            new = fold_char(old)
        if len(new) != len(old):
            changes.append((m.start(), m.end(), len(new)))
        return new

    if text.isascii() and "&" not in text and "\n" not in text and "[" not in text:
        return Normalized(text.lower(), len(text), (0,), (0,), (len(text),), (True,))
    folded = _SPECIAL_RE.sub(replace, text).lower()
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    orig_ends: list[int] = []
    linear: list[bool] = []
    pos = shift = 0  # original position reached; normalised minus original offset
    for start, end, new_length in changes:
        if start > pos:
            norm_starts.append(pos + shift)
            orig_starts.append(pos)
            orig_ends.append(start)
            linear.append(True)
        if new_length:
            norm_starts.append(start + shift)
            orig_starts.append(start)
            orig_ends.append(end)
            linear.append(False)
        shift += new_length - (end - start)
        pos = end
    if pos < len(text) or not norm_starts:
        norm_starts.append(pos + shift)
        orig_starts.append(pos)
        orig_ends.append(len(text))
        linear.append(True)
    return Normalized(
        folded, len(text), tuple(norm_starts), tuple(orig_starts), tuple(orig_ends), tuple(linear)
    )


def fold(text: str) -> str:
    """The normalised text alone, for comparisons that need no offsets."""
    return normalize(text).text


Token = tuple[str, int, int]  # a word's comparison key, and its span in the normalised text


def word_key(word: str) -> str:
    """What two words must share to count as the same word.

    "U.S." and "US" are one word, and so are "1,000" and "1000".
    """
    if word[0].isdigit():
        return word.replace(",", "")
    if "." in word:
        return word.replace(".", "")
    return word


_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")

# "No." before a figure ("the No. 1 priority"): the key "no." is no negation. Without its
# dot it stays "no": "no 1 has offered" may be "no one".
NUMBER_SIGN = "no."
_NUMBER_SIGN_RE = re.compile(r"(?<![^\W_])no\.[ \t]?(?=\d+(?:[.,]\d+)*(?![^\W_]))")


def split_words(text: str) -> tuple[list[str], list[str], list[int]]:
    """Keys, gaps and boundaries of the words of a normalised text (the index's fast path).

    Word i spans `text[bounds[2i]:bounds[2i+1]]`; `gaps[i]` is what precedes it, so the
    characters between word i and word i+1 are `gaps[i+1]`.
    """
    parts = _SPLIT_RE.split(text)
    bounds = list(itertools.accumulate(map(len, parts)))
    keys = parts[1::2]
    for i, key in enumerate(keys):
        if "." in key or "," in key:
            keys[i] = word_key(key)
    for m in _NUMBER_SIGN_RE.finditer(text):  # rare: a scan in C, then a few lookups
        part = bisect.bisect_right(bounds, m.start())
        if part % 2:
            keys[part // 2] = NUMBER_SIGN
    return keys, parts[0::2], bounds


def tokenize(text: str) -> list[Token]:
    """The words of an already normalised text, as (key, start, end)."""
    signs = {m.start() for m in _NUMBER_SIGN_RE.finditer(text)}
    return [
        (NUMBER_SIGN if m.start() in signs else w if w.isalpha() else word_key(w), *m.span())
        for m in WORD_RE.finditer(text)
        for w in (m.group(),)
    ]


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, for readable word lists."""
    return frozenset(words.split())
