"""Reporting cues as data: the verbs and phrases that attribute words to a speaker.

Verbs are listed by lemma and expanded to every inflection, so `says`, `said`, `saying`
and `has said` are all found. The list follows the most frequent cues of PARC 3.0 and
PolNeAR, minus the verbs of thinking that never introduce a verbatim quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from verifier.extract import lexicon

# Lemmas whose inflections are regular (spelling rules applied by `inflect`).
_REGULAR = lexicon.words("cue_verbs")

_IRREGULAR: dict[str, tuple[str, ...]] = {
    lemma.strip(): tuple(f.strip() for f in forms.split(","))
    for lemma, forms in (row.split("=") for row in sorted(lexicon.words("irregular_cue_verbs")))
}

_AFTER_ONLY = {"put"}  # "as she put it" only


_STRESS_FINAL = lexicon.words("stress_final")


def inflect(lemma: str) -> tuple[str, ...]:
    if lemma.endswith("ee"):
        return (lemma, lemma + "s", lemma + "d", lemma + "ing")
    if lemma.endswith("e"):
        return (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith(("sh", "ch", "ss", "x", "o")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    vowels = "aeiou"
    cvc = (
        len(lemma) >= 3
        and lemma[-1] not in vowels + "wxy"
        and lemma[-2] in vowels
        and lemma[-3] not in vowels
    )
    if lemma.startswith("qu") and len(lemma) == 4:
        cvc = lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels  # quip -> quipped
    if cvc and (len(lemma) <= 4 or lemma in _STRESS_FINAL):
        # beg -> begged, admit -> admitted
        return (lemma, lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


def _all_verbs() -> frozenset[str]:
    words: set[str] = set()
    for lemma in sorted(_REGULAR):
        words.update(inflect(lemma))
    for lemma, forms in _IRREGULAR.items():
        if lemma not in _AFTER_ONLY:
            words.update(forms)
    return frozenset(words)


CUE_VERBS: frozenset[str] = _all_verbs()

# Forms that also work as nouns or adjectives and mislead when far from a quote.
WEAK_VERBS: frozenset[str] = lexicon.words("weak_verbs")

# Verbs that attribute words only when the quote follows closely ("offered “thoughts”").
NOISY_VERBS: frozenset[str] = frozenset(
    w
    for lemma in sorted(lexicon.words("noisy_verbs"))
    for w in (inflect(lemma) if lemma not in _IRREGULAR else _IRREGULAR[lemma])
)

# Verbs whose complement reports what the subject said, so that a short quoted fragment
# anywhere in it is the subject's words: `said the NFL has gone “soft”`. Verbs of asking,
# praising or feeling are not among them (`begged the army not to join “incursions”`).
SAY_VERBS: frozenset[str] = frozenset(
    w
    for lemma in sorted(lexicon.words("say_verbs"))
    for w in (_IRREGULAR[lemma] if lemma in _IRREGULAR else inflect(lemma))
)

# Multiword cues, longest first. `{X}` is never in these: they follow or precede a speaker.
PHRASE_CUES: tuple[str, ...] = tuple(
    sorted(lexicon.words("phrase_cues") | lexicon.words("say_phrases"), key=lambda p: (-len(p), p))
)

_SAY_PHRASES = lexicon.words("say_phrases")

# Nouns of communication: "in a statement", "a spokesman's statement", "the report".
SPEECH_NOUNS: frozenset[str] = lexicon.words("speech_nouns")

_VERB_ALT = "|".join(sorted((re.escape(v) for v in CUE_VERBS), key=len, reverse=True))
_PHRASE_ALT = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in PHRASE_CUES)

CUE_RE = re.compile(rf"(?<![-‐])\b(?:{_PHRASE_ALT}|{_VERB_ALT})\b(?![-‐])", re.IGNORECASE)
"""Any cue, verb or phrase, as a whole word."""


def is_cue_word(word: str) -> bool:
    return word.lower() in CUE_VERBS


SPEAKER_FOLLOWS: tuple[str, ...] = (
    "according to",
    "attributed to",
    "in the words of",
    "quoted by",
    "as quoted by",
)


def speaker_follows(cue: str) -> bool:
    """Cues whose speaker comes after them: `according to X`, `attributed to X`."""
    return " ".join(cue.lower().split()).startswith(SPEAKER_FOLLOWS)


def is_noisy(cue: str) -> bool:
    return " ".join(cue.lower().split()) in NOISY_VERBS


def reports_speech(cue: str) -> bool:
    """A verb whose whole complement is what its subject said (see SAY_VERBS), or a phrase
    (`made it clear`)."""
    low = " ".join(cue.lower().split())
    return low in SAY_VERBS or low in _SAY_PHRASES


def is_strong(cue: str) -> bool:
    """A cue that attributes speech even when it stands a little way from the quote."""
    low = " ".join(cue.lower().split())
    return low not in WEAK_VERBS


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in the text (the same accessors as a regex match)."""

    text: str
    begin: int
    finish: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


_WORD_RE = re.compile(r"(?<![-‐\w])[A-Za-z]+(?![-‐\w])")
_PHRASES_BY_FIRST: dict[str, list[re.Pattern[str]]] = {}
for _p in sorted(PHRASE_CUES, key=len, reverse=True):
    _PHRASES_BY_FIRST.setdefault(_p.split()[0], []).append(
        re.compile(r"\s+".join(map(re.escape, _p.split())) + r"\b", re.IGNORECASE)
    )


def _sentence_initial(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in '.!?\n"“”‘’:;(—–-'


def _cue_at_word(text: str, m: re.Match[str], end: int) -> CueMatch | None:
    word = m.group()
    low = word.lower()
    if word[:1].isupper() and not _sentence_initial(text, m.start()):
        return None  # `State` in `Secretary of State` is a name, not the verb
    for pat in _PHRASES_BY_FIRST.get(low, ()):
        pm = pat.match(text, m.start(), end)
        if pm:
            return CueMatch(pm.group(), pm.start(), pm.end())
    if low in CUE_VERBS:
        return CueMatch(word, m.start(), m.end())
    return None


def find_cues(text: str, start: int, end: int) -> list[CueMatch]:
    """Every cue in text[start:end], in order.

    Callers ask again and again for the cues from a sentence's start to each of its quotes;
    a long window is served from `_CueIndex` (each word looked at once per text) so that a
    sentence of n quotes costs linear time, not quadratic.
    """
    if end - start <= 2 * _TAIL:
        return _no_overlaps(_scan(text, start, end))
    index = _CueIndex.of(text)
    split = end - _TAIL  # the last words are read again: a cue there may end at `end`
    head = index.between(start, split)
    if head and max(c.finish for c in head) > end - _TAIL // 2:
        return _no_overlaps(_scan(text, start, end))  # a giant word or phrase: be exact
    return _no_overlaps([*head, *_scan(text, split, end)])


# The index answers for the words of a window that start this far before its end: their
# cues read the same whether the text stops at the window's end or runs on.
_TAIL = 200


def _scan(text: str, start: int, end: int) -> list[CueMatch]:
    found = (_cue_at_word(text, m, end) for m in _WORD_RE.finditer(text, start, end))
    return [c for c in found if c is not None]


def _no_overlaps(cues: list[CueMatch]) -> list[CueMatch]:
    out: list[CueMatch] = []
    for c in cues:
        if not out or c.begin >= out[-1].finish:
            out.append(c)
    return out


class _CueIndex:
    """The cue of every word of one text, found lazily from the front as windows ask."""

    _last: _CueIndex | None = None

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.cues: list[CueMatch] = []
        self.words = _WORD_RE.finditer(text)
        self.scanned = 0  # every word starting before this is indexed

    @classmethod
    def of(cls, text: str) -> _CueIndex:
        """The index of `text`; one text at a time (extraction works on one document)."""
        if cls._last is None or cls._last.text is not text:
            cls._last = cls(text)
        return cls._last

    def between(self, start: int, end: int) -> list[CueMatch]:
        """The cues of the words that start in [start, end), as a full-text scan finds them."""
        while self.scanned < end:
            m = next(self.words, None)
            if m is None:
                self.scanned = len(self.text) + 1
                break
            self.scanned = m.start() + 1
            c = _cue_at_word(self.text, m, len(self.text))
            if c is not None:
                self.starts.append(m.start())
                self.cues.append(c)
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.cues[lo:hi]


def match_cue(text: str, pos: int, end: int) -> CueMatch | None:
    """The cue that starts exactly at `pos`, if any."""
    m = _WORD_RE.match(text, pos, end)
    return _cue_at_word(text, m, end) if m else None
