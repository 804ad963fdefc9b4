"""The gender a name or a role word tells, so that `she said` does not resolve to a man.

Evidence comes from the words themselves, strongest first:

- an honorific (`Mr.`, `Mrs.`, `Ms.`, `Sir`, `Dame` …) or a gendered role word
  (`spokeswoman`, `chairman`, `actress`, `wife` …);
- the first name, looked up in `first_names.txt` (built from nomquamgender by
  `tools/build_first_names.py`), which gives a gender only for names borne by one gender at
  least 95 % of the time: `Lindsey` or `Kelly` tell nothing.

What the article itself says (`Clinton said she …`) is counted by `GenderVotes`. Anything
not known stays unknown: a pronoun may still resolve to a person whose gender is unknown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal

from verifier.extract import lexicon
from verifier.extract.phrases import TITLES

Gender = Literal["female", "male"]

_HONORIFICS: dict[str, Gender] = {
    **dict.fromkeys(sorted(lexicon.words("honorifics_men")), "male"),
    **dict.fromkeys(sorted(lexicon.words("honorifics_women")), "female"),
}
_WOMEN_WORDS = sorted(lexicon.words("women_words"))
_MEN_WORDS = sorted(lexicon.words("men_words"))
_ROLE_WORDS: dict[str, Gender] = {
    **dict.fromkeys(_WOMEN_WORDS, "female"),
    **dict.fromkeys(_MEN_WORDS, "male"),
}
_PRONOUNS: dict[str, Gender] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}


_MARKS: dict[str, Gender] = {"f": "female", "m": "male"}  # `u`: borne by both


@cache
def _first_names() -> dict[str, Gender | None]:
    table: dict[str, Gender | None] = {}
    text = files("verifier.extract").joinpath("first_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, mark = line.partition("\t")
            table[name] = _MARKS.get(mark)
    return table


def is_first_name(word: str) -> bool:
    """Whether people are called this (`Carly`, `Lindsey`), whatever their gender."""
    return word.lower() in _first_names()


def pronoun_gender(word: str) -> Gender | None:
    """`she` -> female; `they`, `it` or any other word -> None."""
    return _PRONOUNS.get(word.lower())


def words_gender(words: Sequence[str]) -> Gender | None:
    """The gender the words of a mention tell (see `_words_gender`)."""
    return _words_gender(tuple(words))


@lru_cache(maxsize=4096)
def _words_gender(words: tuple[str, ...]) -> Gender | None:
    """The gender the words of a mention tell: `Mrs. Clinton`, `the spokeswoman`, `Donald Trump`.

    An honorific or a gendered role word decides; otherwise the first name, the first word
    after any title that the table knows: `Virginia Gov. Terry McAuliffe` is Terry's
    (Virginia is a place there), `Ruth Bader Ginsburg` is Ruth's. A single word is a
    surname, and tells nothing (`Graham` may be anyone's).
    """
    low = [re.sub(r"[^\w.-]", "", w.lower()) for w in words]
    for w in low:
        if w in _HONORIFICS:
            return _HONORIFICS[w]
    for w in low:
        if w.rstrip(".") in _ROLE_WORDS:
            return _ROLE_WORDS[w.rstrip(".")]
    names = [w for w, raw in zip(low, words, strict=True) if raw[:1].isupper()]
    titled = [k for k, w in enumerate(names) if w in TITLES]
    given = names[titled[-1] + 1 : -1] if titled else names[:-1]
    table = _first_names()
    for w in given:
        if not w.endswith(".") and w in table:  # (an initial is no first name)
            return table[w]
    return None


class GenderVotes:
    """What an article says about each person's gender: `Clinton said she would …`.

    A strong vote is a `he` or `she` right after `<name> said (that)`: the subject of
    reported speech is the one speaking. A weak vote is a pronoun later in a sentence that
    opens with the name (`Clinton promised her supporters …`). Strong votes decide when
    there are any, at least three to one; weak ones only when there are two or more, three
    to one as well.
    """

    def __init__(self) -> None:
        self._votes: dict[str, Counter[Gender]] = {}
        self._weak: dict[str, Counter[Gender]] = {}

    def add(self, name: str, gender: Gender, weak: bool = False) -> None:
        (self._weak if weak else self._votes).setdefault(name, Counter())[gender] += 1

    def gender(self, name: str) -> Gender | None:
        strong = self._votes.get(name)
        if strong:
            return _decided(strong, 1)
        weak = self._weak.get(name)
        return _decided(weak, 2) if weak else None


def _decided(votes: Counter[Gender], at_least: int) -> Gender | None:
    (top, n), *rest = votes.most_common()
    other = rest[0][1] if rest else 0
    return top if n >= at_least and n >= 3 * other else None
