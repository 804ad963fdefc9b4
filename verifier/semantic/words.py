"""Which words a misquote changed, and what WordNet and simple rules say about each change.

Pure functions over the matcher's diff. The rules here can only refuse "same meaning" or
prove it for a word pair; a sentence-level similarity decides what they leave open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.match.lexicon import numerals
from verifier.match.normalize import wordset
from verifier.models import DiffOp, DiffOpKind
from verifier.semantic.phrasing import comparison, degree, reporting, same_modal
from verifier.semantic.tone import reversed_tone, tone
from verifier.semantic.wordnet import POS, WordNet, defines, is_actor, noun_senses, relation

_WORD = re.compile(r"\w[\w’'.-]*")
# Who does or says something: swapping one for another changes the claim.
PRONOUNS = wordset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them "
    "their theirs"
)
# Numbers in words: "six" for "sixteen" is a changed number, however similar the sentences.
NUMBER_WORDS = wordset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion dozen dozens half quarter "
    "third thirds first second fourth fifth last once twice double triple single"
)
BE = wordset("be is are was were been being")
# Words whose presence or absence never carries the claim.
FUNCTION = wordset(
    "a an the of in on at to for with by from into onto about over under through that this "
    "these those which who whom and or but so as than then there here also just very "
    "really quite is are was were be been being has have had do does did will would shall "
    "should can could may might must"
)
# Words that quantify or qualify: "some" for "all", "may" for "will" change the claim.
QUANTIFIERS = wordset(
    "all some any every each none most many few several more less fewer only always never "
    "sometimes often rarely may might must will would could should can cannot not "
    "no nor"
)


@dataclass(frozen=True, slots=True)
class Change:
    """One run of changed words: the quote's and the source's, and how they relate."""

    quote: tuple[str, ...]
    source: tuple[str, ...]
    relation: str | None  # synonym, antonym, hypernym, hyponym, acronym, another name, ...
    # The change with a few words of shared context on each side, quote's and source's:
    # "is keen to get their" / "is eager to get their" (compared by the similarity band).
    quote_window: str = ""
    source_window: str = ""

    def unexplained(self) -> bool:
        """Content words on both sides that WordNet does not relate: only the band may speak.

        A WordNet relation weaker than synonymy proves nothing, and keeps the band away too:
        "requested" for "demanded" (a more general word) scored 0.997 in context, "watched"
        for "saw" (a rarer sense in common) 0.991 (bench/semantic_gloss_pairs.tsv).
        """
        content = [[w for w in side if w.lower() not in FUNCTION] for side in self.sides()]
        return self.relation is None and all(content) and bool(self.quote_window)

    def sides(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.quote, self.source

    def label(self) -> str:
        sign = {
            "synonym": "=",
            "acronym": "=",
            "same number": "=",
            "contraction": "=",
            "same reporting verb": "=",
            "same decision": "=",
            "same degree": "=",
            "antonym": "≠",
            "tone reversed": "≠",
        }.get(self.relation or "", "→")
        return f"{' '.join(self.quote) or '∅'} {sign} {' '.join(self.source) or '∅'}"


def changes(
    diff: tuple[DiffOp, ...], wn: WordNet | None, tones: dict[str, float] | None = None
) -> list[Change]:
    """The diff's runs of changed words, each with the relation the rules can prove.

    A word the quote adds in one place and the source has in another moved: it is no
    change of words ("want more us" / "want us more"). `tones`: VADER's ratings, for
    "tone reversed" (semantic/tone.py); None leaves that rule off.
    """
    spans = _runs(diff)
    runs = [(_words(_text(diff[a:b], 0)), _words(_text(diff[a:b], 1))) for a, b in spans]
    moved = moved_words(diff)
    out = []
    for (q, s), (a, b) in zip(runs, spans, strict=True):
        q = tuple(w for w in q if w.lower() not in moved)
        s = tuple(w for w in s if w.lower() not in moved)
        if q or s:
            windows = (_window(diff, a, b, side) for side in (0, 1))
            out.append(Change(q, s, _relation(q, s, wn, tones), *windows))
    return out


def moved_words(diff: tuple[DiffOp, ...]) -> set[str]:
    """Words the quote has in one place and the source in another (lower case)."""
    runs = [(_words(_text(diff[a:b], 0)), _words(_text(diff[a:b], 1))) for a, b in _runs(diff)]
    added = {w.lower() for q, _ in runs for w in q}
    dropped = {w.lower() for _, s in runs for w in s}
    return added & dropped


def crossed_words(diff: tuple[DiffOp, ...]) -> list[str]:
    """The words a moved word passed over ("us" in "want more us" / "want us more").

    A swap reads as either word moving; the words in between belong to it all the same.
    """
    out: list[str] = []
    for word in moved_words(diff):
        at = [
            k
            for k, op in enumerate(diff)
            if op.op is not DiffOpKind.EQUAL
            and word in {w.lower() for w in (*_words(op.quote), *_words(op.source))}
        ]
        between = diff[min(at) + 1 : max(at)] if at else ()
        out += [w for op in between for w in _words(op.quote)]
    return out


def moved_actors(diff: tuple[DiffOp, ...], wn: WordNet | None) -> set[str]:
    """The names, pronouns and people among the moved words: who does what to whom."""
    moved = moved_words(diff)
    said = [w for op in diff if op.op is not DiffOpKind.EQUAL for w in _words(op.quote)]
    return actors([w for w in said if w.lower() in moved], wn)


def actors(words: list[str], wn: WordNet | None) -> set[str]:
    """The names, pronouns and people among words."""
    return {
        w
        for w in words
        if _is_name(w)
        or w.lower() in PRONOUNS
        or (wn is not None and w.lower() not in FUNCTION | QUANTIFIERS and is_actor(wn, w.lower()))
    }


def _runs(diff: tuple[DiffOp, ...]) -> list[tuple[int, int]]:
    """Adjacent changed operations as one change ("U.S." for "United States" is one)."""
    runs: list[tuple[int, int]] = []
    for i, op in enumerate(diff):
        if op.op is DiffOpKind.EQUAL:
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _text(ops: tuple[DiffOp, ...], side: int) -> str:
    return " ".join(op.quote if side == 0 else op.source for op in ops)


# Words of shared context kept on each side of a change for the similarity band: enough to
# fix the words' sense ("keen to get"), few enough that the change weighs in the comparison.
WINDOW_WORDS = 3


def _window(diff: tuple[DiffOp, ...], start: int, end: int, side: int) -> str:
    before = _text(diff[:start], side).split()[-WINDOW_WORDS:] if start else []
    after = _text(diff[end:], side).split()[:WINDOW_WORDS]
    return " ".join([*before, *_text(diff[start:end], side).split(), *after])


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip(".'’-") for w in _WORD.findall(text) if w.strip(".'’-"))


def _relation(
    q: tuple[str, ...], s: tuple[str, ...], wn: WordNet | None, tones: dict[str, float] | None
) -> str | None:
    ql, sl = [w.lower() for w in q], [w.lower() for w in s]
    if _expand(ql) == _expand(sl):
        return "contraction"  # "we're" for "we are", "we've" for "we have"
    if same_modal(ql, sl):
        return "same modal"  # "wants to" for "would like to", "has to" for "must"
    if _same_number(ql, sl):
        return "same number"  # "2" for "two", "twenty-five" for "25"
    if any(any(c.isdigit() for c in w) for w in ql + sl):
        return "number changed"
    if NUMBER_WORDS & {*ql, *sl}:
        if wn is not None and _phrase_synonyms(wn, ql, sl):
            return "synonym"  # "at last" for "finally": a phrase of WordNet's own
        return "number word"  # "first" for "initial" may be fine, "first" for "last" is not
    if {"not", "no", "never", "nor"} & {*ql, *sl} or any(w.endswith("n't") for w in ql + sl):
        return "negation changed"
    if _is_acronym(q, s) or _is_acronym(s, q):
        return "acronym"
    if [w for w in q if _is_name(w)] or [w for w in s if _is_name(w)]:
        return "another name"
    degree = _compared(ql, sl, wn)
    if degree is not None:
        return degree  # "the hardest" / "the most difficult"; "a bigger" / "the largest"
    q_who, s_who = PRONOUNS & set(ql), PRONOUNS & set(sl)
    if (q_who and s_who) or _passive(ql) != _passive(sl):  # "we" / "they"; "was beaten by"
        return "another actor"
    q_how, s_how = QUANTIFIERS & set(ql), QUANTIFIERS & set(sl)
    if q_how and s_how:
        return "quantifier changed"  # "some" / "all", "will" / "may"
    if q_who or s_who or q_how or s_how:
        # On one side only ("it looked" / "looking", "most difficult" / "hardest"): never
        # proven the same, but not proven changed either; the similarity decides.
        return "pronoun" if q_who or s_who else "quantifier"
    content_q = [w for w in ql if w not in FUNCTION]
    content_s = [w for w in sl if w not in FUNCTION]
    if not content_q and not content_s:
        return "function words"
    if _tense_changed(content_q, content_s, wn):
        return "tense changed"  # "what we've done" / "what we're doing": when, not who
    roots = {r for w in content_q for r in _roots(w)} & {r for w in content_s for r in _roots(w)}
    content_q = [w for w in content_q if not _roots(w) & roots]
    content_s = [w for w in content_s if not _roots(w) & roots]
    if roots and not content_q and not content_s:
        return "other form"  # "under investigation" for "being investigated"
    if not content_q or not content_s:
        return None
    listed = _listed(content_q, content_s, wn)
    if listed is not None:
        return listed  # "argued" / "claimed", "major" / "big"; "admitted" / "claimed"
    found = _wordnet_relation(content_q, content_s, wn)
    if found != "antonym" and tones and _tone_reversed(content_q, content_s, wn, tones):
        return "tone reversed"  # "reassuring" for "distressing", which WordNet does not oppose
    if found in (None, "synonym") and wn is not None and _two_people(wn, content_q, content_s):
        # "victim" / "attacker", "police" / "protesters": WordNet rarely opposes two people,
        # but who did it is the claim. Never proven the same; the similarity decides.
        return "another person"
    return found


def _compared(q: list[str], s: list[str], wn: WordNet | None) -> str | None:
    """A comparison on either side: its degree must stay, then its words decide.

    None when neither side is a marked comparison, or when a plain word faces one whose
    base WordNet does not relate to it ("top" / "highest": the usual rules decide).
    """
    if wn is None:
        return None

    def bases(word: str) -> list[str]:
        return [*wn.lemmas(word, "a"), *wn.lemmas(word, "r")]

    cq = comparison([w for w in q if w not in FUNCTION], bases)
    cs = comparison([w for w in s if w not in FUNCTION], bases)
    if cq is None or cs is None or not (cq.degree or cs.degree):
        return None
    kin = "other form" if cq.base == cs.base else relation(wn, cq.base, cs.base)
    if cq.degree != cs.degree:
        marked = cq.degree and cs.degree
        return "degree changed" if marked or kin in ("other form", "synonym") else None
    return kin


def _listed(q: list[str], s: list[str], wn: WordNet | None) -> str | None:
    """One word each side that a closed list of semantic/phrasing.py speaks for."""
    if len(q) != 1 or len(s) != 1:
        return None

    def verbs(word: str) -> list[str]:
        return wn.lemmas(word, "v") if wn else []

    return reporting(q[0], s[0], verbs) or degree(q[0], s[0])


def _actor(wn: WordNet, words: list[str]) -> bool:
    return is_actor(wn, "_".join(words)) or is_actor(wn, words[-1])


def _two_people(wn: WordNet, q: list[str], s: list[str]) -> bool:
    """Two people, groups or organisations that are not one in both words' first senses.

    A role hides in a rarer sense: "suspect" is WordNet's synonym of "defendant" only in
    its second sense, yet a suspect has not been charged ("kids" / "children" share
    their first senses).
    """
    if not (_actor(wn, q) and _actor(wn, s)):
        return False
    q_senses, s_senses = noun_senses(wn, "_".join(q)), noun_senses(wn, "_".join(s))
    return not (q_senses and s_senses and q_senses[0] == s_senses[0])


def _wordnet_relation(q: list[str], s: list[str], wn: WordNet | None) -> str | None:
    if wn is None:
        return None
    found = relation(wn, "_".join(q), "_".join(s))
    if found is None and (len(q) == 1) != (len(s) == 1):
        word, phrase = (q, s) if len(q) == 1 else (s, q)
        if defines(wn, word[0], phrase):
            return "definition"  # "found guilty" for "convicted"
    return found


def _tone_reversed(q: list[str], s: list[str], wn: WordNet | None, tones: dict[str, float]) -> bool:
    def lemmas(word: str) -> list[str]:
        return [b for pos in POS for b in wn.lemmas(word, pos)] if wn else []

    return reversed_tone(tone(tones, q, lemmas), tone(tones, s, lemmas))


# Endings that make another form of one word: "investigated", "investigation".
_SUFFIXES = ("ation", "ion", "ment", "ing", "ed", "es", "s", "e", "al", "ly")


def _roots(word: str) -> set[str]:
    """The word and what is left of it without each ending it has (at least 5 letters).

    Every ending counts, not just the longest: "investigation" and "investigated" meet at
    "investigat" ("-ion", "-ed"), which the longest ending alone ("-ation") misses.
    """
    return {word} | {
        word[: -len(suffix)]
        for suffix in _SUFFIXES
        if word.endswith(suffix) and len(word) - len(suffix) >= 5
    }


def _phrase_synonyms(wn: WordNet, q: list[str], s: list[str]) -> bool:
    """Two sides that are each one WordNet entry, synonyms in their usual senses."""
    a, b = "_".join(q), "_".join(s)
    if not any(wn.lemmas(a, pos) for pos in "nvar") or not any(wn.lemmas(b, pos) for pos in "nvar"):
        return False
    return relation(wn, a, b) == "synonym"


# Clitics a contraction stands for; "'d" and "'s" are read one way only when the other side
# says which ("we'd" / "we had" and "we'd" / "we would" both are the same words).
_CLITICS = {"re": "are", "ve": "have", "ll": "will", "m": "am", "t": "not"}


def _expand(words: list[str]) -> list[str]:
    """Contractions written out: "we're" -> "we are", "don't" -> "do not"."""
    out: list[str] = []
    for word in words:
        head, _, tail = word.replace("’", "'").partition("'")
        if head.endswith("n") and tail == "t":  # don't, wouldn't; "can't" is "ca" + "n't"
            head = {"ca": "can", "wo": "will"}.get(head[:-1], head[:-1])
        out += [head, _CLITICS.get(tail, tail)] if tail else [head]
    return out


def _tense_changed(q: list[str], s: list[str], wn: WordNet | None) -> bool:
    """One verb in a past form on one side only ("done" / "doing", "decided" / "decides")."""
    if wn is None or len(q) != 1 or len(s) != 1 or q == s:
        return False
    if not set(wn.lemmas(q[0], "v")) & set(wn.lemmas(s[0], "v")):
        return False
    return _past(q[0], wn) != _past(s[0], wn)


def _past(word: str, wn: WordNet) -> bool:
    irregular = word not in wn.lemmas(word, "v") and not word.endswith(("ing", "s"))
    return word.endswith("ed") or irregular


def _same_number(q: list[str], s: list[str]) -> bool:
    """One number written two ways: the same words once number words are read as digits."""
    q_parts = [p for w in q for p in w.split("-") if p]
    s_parts = [p for w in s for p in w.split("-") if p]
    q_read, s_read = numerals(q_parts), numerals(s_parts)
    written = q_read != q_parts or s_read != s_parts  # a number word on one side at least
    return written and q_read == s_read


def _passive(words: list[str]) -> bool:
    return "by" in words and bool(BE & set(words))


def _is_name(word: str) -> bool:
    if word.lower() in FUNCTION or word.lower() in PRONOUNS:
        return False  # "There", "The" opening a sentence
    return (word[:1].isupper() and not word.isupper()) or (word.isupper() and len(word) > 1)


def _is_acronym(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """ "UN" for "United Nations", "U.S." for "United States"."""
    if len(short) != 1 or len(long) < 2:
        return False
    letters = short[0].replace(".", "").lower()
    initials = "".join(w[0] for w in long if w.lower() not in ("of", "the", "and", "for"))
    return len(letters) >= 2 and letters == initials.lower()
