"""Word relations from the WordNet 3.0 database files (Debian's `wordnet-base`).

Read straight from the files: the index gives a word's senses, most frequent first, and a
sense's byte offset in the data file, so each lookup is a seek. No NLTK, no download. The
files are looked for in `$WORDNET_DIR`, then `/usr/share/wordnet`; without them every
relation is "unknown" and the embeddings decide alone.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

POS = ("n", "v", "a", "r")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Suffix rules of WordNet's own "morphy": (ending, replacement) per part of speech.
_DETACH = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}  # fmt: skip
# A synonym counts only through a word's usual senses: "kill" and "defeat" share "vote down",
# which is neither word's first sense; "predict" and "promise" share "foretell", the first
# sense of one but only the third of the other. Hypernyms: the first three.
USUAL_SENSES = 2
TOP_SENSES = 3


@dataclass(frozen=True, slots=True)
class Synset:
    offset: int
    pos: str
    lemmas: tuple[str, ...]
    pointers: tuple[tuple[str, int, str], ...]  # (symbol, offset, pos)
    gloss: str = ""  # the definition, without its examples


class WordNet:
    """Lazy reader: an index per part of speech on first use, synsets by seek."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index: dict[str, dict[str, tuple[int, ...]]] = {}
        self._exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
        self._lock = threading.Lock()

    def senses(self, lemma: str, pos: str) -> tuple[int, ...]:
        with self._lock:
            if pos not in self._index:
                self._index[pos] = _read_index(self.folder / f"index.{_FILES[pos]}")
                self._exceptions[pos] = _read_exceptions(self.folder / f"{_FILES[pos]}.exc")
        return self._index[pos].get(lemma, ())

    def lemmas(self, word: str, pos: str) -> list[str]:
        """Base forms of a word form ("thrilled" -> "thrill", "thrilled"), as morphy finds them."""
        word = word.lower().replace(" ", "_")
        if "_" in word:  # a phrasal verb: the first word inflects ("building up")
            head, rest = word.split("_", 1)
            heads = [head] + [h for h in self.lemmas(head, pos) if h != head]
            return [f"{h}_{rest}" for h in heads if self.senses(f"{h}_{rest}", pos)]
        self.senses(word, pos)  # loads the index and exceptions
        found = [word] if self.senses(word, pos) else []
        found += [b for b in self._exceptions[pos].get(word, ()) if self.senses(b, pos)]
        for ending, repl in _DETACH[pos]:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                base = word[: -len(ending)] + repl
                if self.senses(base, pos):
                    found.append(base)
        return list(dict.fromkeys(found))

    @lru_cache(maxsize=65536)  # noqa: B019 - one reader per process, cached for its life
    def synset(self, offset: int, pos: str) -> Synset:
        with (self.folder / f"data.{_FILES[pos]}").open("rb") as f:
            f.seek(offset)
            line = f.readline().decode("utf-8")
        return _parse_synset(line)


def _read_index(path: Path) -> dict[str, tuple[int, ...]]:
    index: dict[str, tuple[int, ...]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue  # the licence header
            parts = line.split()
            pointers = int(parts[3])
            senses = int(parts[4 + pointers])
            index[parts[0]] = tuple(int(p) for p in parts[6 + pointers : 6 + pointers + senses])
    return index


def _read_exceptions(path: Path) -> dict[str, tuple[str, ...]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {p[0]: tuple(p[1:]) for p in (line.split() for line in f) if len(p) > 1}


def _parse_synset(line: str) -> Synset:
    parts = line.split()
    offset, pos = int(parts[0]), parts[2].replace("s", "a")
    count = int(parts[3], 16)
    lemmas = tuple(parts[4 + 2 * i].lower().split("(")[0] for i in range(count))
    at = 4 + 2 * count
    n = int(parts[at])
    pointers = tuple(
        (parts[at + 1 + 4 * i], int(parts[at + 2 + 4 * i]), parts[at + 3 + 4 * i].replace("s", "a"))
        for i in range(n)
    )
    gloss = line.split("|", 1)[1].split(";")[0].strip() if "|" in line else ""
    return Synset(offset, pos, lemmas, pointers, gloss)


_READER: dict[str, WordNet | None] = {}


def load_wordnet() -> WordNet | None:
    """The reader, or None when no WordNet database is installed."""
    if "wn" not in _READER:
        folders = [os.environ.get("WORDNET_DIR", ""), "/usr/share/wordnet"]
        found = [Path(f) for f in folders if f and (Path(f) / "index.noun").is_file()]
        _READER["wn"] = WordNet(found[0]) if found else None
    return _READER["wn"]


def relation(wn: WordNet, quote_word: str, source_word: str) -> str | None:
    """How the quote's word relates to the source's: synonym, antonym, hypernym, hyponym.

    `synonym`: the first sense of one word is one of the first two of the other; `shared
    sense`: a rarer sense in common ("kill" and "defeat": "vote down"). Two adjectives
    "similar to" each other (a head and its satellite) in their usual senses are synonyms.
    `hypernym`: the quote's word is more general than the source's ("vehicle" for "car"),
    `hyponym` more specific. None when WordNet does not say.
    """
    found: list[str] = []
    for pos in POS:
        q_senses = _senses(wn, quote_word, pos)
        s_senses = _senses(wn, source_word, pos)
        if not q_senses or not s_senses:
            continue
        if _antonyms(wn, q_senses, s_senses, pos):
            return "antonym"  # any sense opposed is enough to refuse "same meaning"
        found += _kinship(wn, q_senses, s_senses, pos)
    if not found:  # adverbs through their adjectives: "adversely" / "negatively"
        q_adj, s_adj = _pertainyms(wn, quote_word), _pertainyms(wn, source_word)
        if q_adj and s_adj:
            if _antonyms(wn, q_adj, s_adj, "a"):
                return "antonym"
            found += _kinship(wn, q_adj, s_adj, "a")
    if "similar" in found:
        found = [k for k in found if k != "similar"] + [_similar_kin(wn, quote_word, source_word)]
    return min(found, key=_RELATIONS.index) if found else None


def _similar_kin(wn: WordNet, quote_word: str, source_word: str) -> str:
    """Adjectives "similar to" each other are synonyms ("thrilled" / "excited")...

    ...unless the two words are also nouns one of which is a kind of the other: "pandemic"
    is an epidemic spread everywhere, and as adjectives they keep the nouns' order.
    """
    q_nouns, s_nouns = _senses(wn, quote_word, "n"), _senses(wn, source_word, "n")
    if q_nouns and s_nouns:
        nouns = _kinship(wn, q_nouns, s_nouns, "n")
        if nouns and nouns[0] in ("hypernym", "hyponym"):
            return nouns[0]
    return "synonym"


_GLOSS_NEGATIONS = frozenset(["not", "no", "never", "without", "lacking", "lack", "un-", "non"])


def defines(wn: WordNet, word: str, words: list[str]) -> bool:
    """Does a usual sense of `word` define it with `words` ("convict": "find guilty")?

    A definition with a negation ("acquit": "pronounce not guilty") proves nothing.
    """
    wanted = [{w, *(b for pos in POS for b in wn.lemmas(w, pos))} for w in words]
    for pos in POS:
        for off in _senses(wn, word, pos)[:TOP_SENSES]:
            said = set(re.findall(r"[a-z]+", wn.synset(off, pos).gloss.lower()))
            if said & _GLOSS_NEGATIONS:
                continue
            if all(forms & said for forms in wanted):
                return True
    return False


def _pertainyms(wn: WordNet, word: str) -> list[int]:
    """The adjective senses an adverb is derived from ("usually" -> "usual")."""
    return [
        o
        for off in _senses(wn, word, "r")[:TOP_SENSES]
        for sym, o, pos in wn.synset(off, "r").pointers
        if sym == "\\" and pos == "a"
    ]


_RELATIONS = ("synonym", "shared sense", "hypernym", "hyponym")


def _kinship(wn: WordNet, q: list[int], s: list[int], pos: str) -> list[str]:
    """The closest of the non-opposing relations between two words' senses, if any."""
    shared = {q[0], s[0]} & set(q) & set(s)
    if any(q.index(o) < USUAL_SENSES and s.index(o) < USUAL_SENSES for o in shared):
        return ["synonym"]
    if pos == "a" and _similar(wn, q[:TOP_SENSES], s[:TOP_SENSES]):
        return ["similar"]  # "thrilled" / "excited"; `relation` checks the nouns
    if set(q) & set(s) or (pos == "a" and _similar(wn, q, s)):
        return ["shared sense"]
    if _above(wn, s, set(q), pos, 1) or _above(wn, s[:TOP_SENSES], set(q), pos):
        return ["hypernym"]
    if _above(wn, q, set(s), pos, 1) or _above(wn, q[:TOP_SENSES], set(s), pos):
        return ["hyponym"]
    return []


def _similar(wn: WordNet, a: list[int], b: list[int]) -> bool:
    """Adjectives one "similar to" the other (a head and its satellite: "big" / "large").

    Two satellites of one head are not enough: "annual" and "monthly" are both "periodic".
    """
    near_a = {o for off in a for sym, o, _ in wn.synset(off, "a").pointers if sym == "&"}
    near_b = {o for off in b for sym, o, _ in wn.synset(off, "a").pointers if sym == "&"}
    return bool(near_a & set(b) or near_b & set(a))


def _senses(wn: WordNet, word: str, pos: str) -> list[int]:
    out: list[int] = []
    for lemma in wn.lemmas(word, pos):
        out += [s for s in wn.senses(lemma, pos) if s not in out]
    return out


def _antonyms(wn: WordNet, a: list[int], b: list[int], pos: str) -> bool:
    """An antonym pointer between the two words' senses (for adjectives, via "similar to")."""
    targets = set(b)
    if pos == "a":
        for off in b:
            targets |= {o for sym, o, _ in wn.synset(off, pos).pointers if sym == "&"}
    for off in a:
        near = {off}
        if pos == "a":
            near |= {o for sym, o, _ in wn.synset(off, pos).pointers if sym == "&"}
        for n in near:
            if any(sym == "!" and o in targets for sym, o, _ in wn.synset(n, pos).pointers):
                return True
    return False


def _above(wn: WordNet, start: list[int], goal: set[int], pos: str, depth: int = 2) -> bool:
    """Is one of `goal` a hypernym of one of `start`, within `depth` steps?"""
    frontier = set(start)
    for _ in range(depth):
        frontier = {
            o
            for off in frontier
            for sym, o, _ in wn.synset(off, pos).pointers
            if sym in ("@", "@i")
        }
        if frontier & goal:
            return True
    return False


# Who can act or be acted on: a person ("victim", "attacker"), a group ("police",
# "protesters"), an organisation. Swapping one for another changes who did what.
_ACTORS = (("person", 0), ("social_group", 0), ("organization", 0))


def noun_senses(wn: WordNet, word: str) -> list[int]:
    """The noun senses of a word form, its usual sense first."""
    return _senses(wn, word, "n")


def is_actor(wn: WordNet, word: str) -> bool:
    """Is a usual noun sense of `word` a kind of person, group or organisation?"""
    goal = {wn.senses(lemma, "n")[i] for lemma, i in _ACTORS if wn.senses(lemma, "n")}
    start = [  # common nouns only: "more" is not Thomas More
        off
        for off in _senses(wn, word, "n")[:TOP_SENSES]
        if not any(sym == "@i" for sym, _, _ in wn.synset(off, "n").pointers)
    ]
    return bool(set(start) & goal) or _above(wn, start, goal, "n", depth=12)
