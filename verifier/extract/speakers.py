"""Speaker resolution: from the words at the attribution to the name a reader would give.

- a short name (`Crenshaw`) becomes the fullest earlier form (`Rep. Dan Crenshaw`), title
  kept, words before the title dropped (`Texas Representative Dan Crenshaw` ->
  `Representative Dan Crenshaw`);
- a pronoun (`he`) goes to the last fitting speaker of its paragraph, else to the subject
  of the nearest sentence naming a fitting person; `he` and `she` want a person whose
  gender, when known (`gender.py`), agrees;
- a role noun (`the chancellor`, `the official`) goes to an earlier mention with the same
  head, else to the last speaker nearby;
- a document (`the letter`, `an article published by NACLA`) goes to its author when the
  text names one (`five congressmen wrote a letter`, `published by X`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from verifier.extract import lexicon
from verifier.extract.cues import SPEECH_NOUNS, find_cues
from verifier.extract.gender import (
    Gender,
    GenderVotes,
    is_first_name,
    pronoun_gender,
    words_gender,
)
from verifier.extract.phrases import (
    TEMPORAL,
    TITLES,
    Phrase,
    antecedent,
    phrase_after,
    phrase_before,
)
from verifier.extract.sentences import sentence_ends

# an abbreviation inside a name is an initial, a title or a suffix; any other capitalised
# word with a full stop ends a sentence ("… the Grand Ole Opry. Buckley said")
_ABBREVIATIONS = "|".join(
    sorted({t[:-1].capitalize() for t in TITLES if t.endswith(".")} | {"Jr", "Sr", "St", "Ft"})
)
_NAME_TOKEN = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]\.|(?:{_ABBREVIATIONS})\.|[A-Z][\w’'\-]*)"
_NAME_RE = re.compile(
    rf"{_NAME_TOKEN}(?:\s+(?:(?:de|del|la|da|dos|van|von|bin|al|y|of)\s+)?{_NAME_TOKEN})*"
)
_ORG_WORDS = lexicon.words("org_words")
ROLE_NOUNS = lexicon.words("role_nouns") | lexicon.words("role_words")
_LEADING = lexicon.words("leading")
_DOC_DETERMINERS = lexicon.words("doc_determiners")
_NAME_PARTICLES = lexicon.words("name_particles")
_POSTMOD = lexicon.words("postmod")
# How many earlier names (and speakers) a pronoun or role noun may look at: also what keeps
# a paragraph of thousands of quotes linear.
_NAMES_BACK = 60
_PERSON_PRONOUNS = frozenset({"he", "she"})


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    person: bool


def _clean(words: Sequence[str]) -> list[str]:
    return [re.sub(r"(?:’s|'s|’|')$", "", w) for w in words]


def _trim_title(words: list[str]) -> list[str]:
    """Drop words before the first title (`Texas Representative Dan Crenshaw`)."""
    if any(w.lower().strip(".") in _ORG_WORDS for w in words):
        return words  # "US House of Representatives Foreign Affairs Committee"
    for i, w in enumerate(words):
        if w.lower() in TITLES:
            if i + 1 < len(words) and words[-1].lower() not in TITLES:
                return words[i:]
            break
    return words


_LOCATIVE = re.compile(
    r"\b(?:in|at|near|across|outside|inside|throughout|into|towards?)\s+$", re.IGNORECASE
)


def _after_locative(text: str, start: int) -> bool:
    """`a golf club in Boca Raton`: a name after a preposition of place is a place."""
    return bool(_LOCATIVE.search(text[max(0, start - 12) : start]))


def _is_person(words: Sequence[str]) -> bool:
    low = [w.lower().strip(".") for w in words]
    if any(w in _ORG_WORDS for w in low) or (low and low[-1] in _THING_HEADS):
        return False  # "Election Day", "the Patriot Act": no one to say "he"
    core = [w for w in words if w.lower() not in TITLES]
    has_title = len(core) < len(words)
    return len(core) >= 2 or (has_title and len(core) == 1)


@dataclass(frozen=True, slots=True)
class SpeakerEvent:
    """A speaker mention somewhere in the text (a quote's, or an indirect report's)."""

    pos: int
    paragraph: int
    resolved: str
    person: bool
    head: str  # the last word of a nominal mention, lowercased; "" for names


def _name_words(mention: str) -> list[str]:
    """The words of a mention that may be a name: no title, article, age or role before it."""
    words = _trim_title(_clean(mention.split()))
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    lower = [
        i
        for i, w in enumerate(words)
        if (w[:1].islower() or w[:1].isdigit()) and w not in _NAME_PARTICLES
    ]  # "43-year-old Martin Taylor" -> "Martin Taylor"
    if lower and lower[-1] + 1 < len(words):
        words = words[lower[-1] + 1 :]  # "Texas delegate Bill Eastland" -> "Bill Eastland"
    return words


class Resolver:
    """Resolves speaker mentions against the names and speakers of one document."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        masked: Sequence[tuple[int, int]],
    ) -> None:
        self.text = text
        self.para_starts = [p[0] for p in paragraphs]
        self.paragraphs = list(paragraphs)
        self.names: list[_Name] = []
        self._introduced: set[str] = set()  # names given after `named`: people
        masks = sorted(masked)
        mask_starts = [m[0] for m in masks]
        for p_start, p_end in paragraphs:
            for m in _NAME_RE.finditer(text, p_start, p_end):
                k = bisect.bisect_right(mask_starts, m.start()) - 1
                if k >= 0 and masks[k][0] <= m.start() < masks[k][1]:
                    continue  # a name inside a quotation is not a speaker candidate
                words = _clean(m.group().split())
                # a sentence-initial function word is not part of the name
                while words and words[0].lower() in _LEADING:
                    words = words[1:]
                if not words:
                    continue
                person = _is_person(words) and not _after_locative(text, m.start())
                if _NAMED_RE.search(text, max(0, m.start() - 24), m.start()):
                    person = True  # `a Salem resident named Caroline`: a person, by first name
                    self._introduced.add(" ".join(words))
                self.names.append(_Name(m.start(), m.end(), " ".join(words), tuple(words), person))
        self.name_starts = [n.start for n in self.names]
        self.by_last: dict[str, list[int]] = {}
        for k, n in enumerate(self.names):
            if len(n.words) > 1:  # only a longer form can complete a name
                self.by_last.setdefault(_surname(n.words), []).append(k)
        self.by_last_starts = {
            w: [self.names[k].start for k in ks] for w, ks in self.by_last.items()
        }
        self._votes: GenderVotes | None = None
        self._masks = masks
        self._lower_words: set[str] | None = None
        self._told: list[tuple[str, int, str]] = []  # (name, offset, pronoun) after a cue
        self.events: list[SpeakerEvent] = []
        self._event_pos: list[int] = []
        self._indirect = sorted(self._indirect_speakers(paragraphs, masks), key=lambda e: e.pos)
        self._indirect_pos = [e.pos for e in self._indirect]

    def paragraph_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.para_starts, pos) - 1, 0)

    def _indirect_speakers(
        self, paragraphs: Sequence[tuple[int, int]], masks: Sequence[tuple[int, int]]
    ) -> list[SpeakerEvent]:
        """Subjects of every cue verb in the text: who speaks, quoted or not."""
        out: list[SpeakerEvent] = []
        mask_starts = [m[0] for m in masks]
        for idx, (p_start, p_end) in enumerate(paragraphs):
            for cue in find_cues(self.text, p_start, p_end):
                k = bisect.bisect_right(mask_starts, cue.start()) - 1
                if k >= 0 and masks[k][0] <= cue.start() < masks[k][1]:
                    continue
                floor = max(p_start, cue.start() - 200)
                sp = phrase_before(self.text, cue.start(), floor)
                if sp is None or sp.category == "pronoun":
                    continue
                if sp.category == "nominal":
                    named = _named_before(self.text, sp.start, floor)
                    if named is not None:  # "Robby Mook, Clinton’s campaign manager, was asked"
                        sp = named
                    else:
                        head = head_of(sp)
                        # "an official said …" can be a "he" later; "the interactions of …" not
                        out.append(SpeakerEvent(sp.start, idx, sp.text, head in ROLE_NOUNS, head))
                        continue
                words = _trim_title(_clean(sp.text.split()))
                out.append(
                    SpeakerEvent(
                        sp.start, idx, " ".join(words), _is_person(words) or len(words) == 1, ""
                    )
                )
                told = _REPORTED_SUBJECT.match(self.text, cue.end(), p_end)
                if told is not None:  # `Clinton said she would …`
                    self._told.append((" ".join(words), sp.start, told.group(1)))
        return out

    # -- names ---------------------------------------------------------------------------

    def full_name(self, mention: str, pos: int, gender: Gender | None = None) -> str:
        """The fullest form of a name: nearest earlier longer name ending like it."""
        words = _name_words(mention)
        core = [w for w in words if w.lower() not in TITLES]
        if not core:
            return " ".join(words)
        if words != (words := self._from_first_name(words)):
            core = [w for w in words if w.lower() not in TITLES]
        told = words_gender(words) or gender  # `Mrs. Clinton`, `she`: not `Bill Clinton`
        longer = self._longer_form(words, core, told, pos)
        if longer is None:
            return " ".join(words)
        # the nearest fitting form: with a pronoun's gender, `she` and `Fiorina` is Carly
        return " ".join(self._from_first_name(_trim_title(longer)))

    def _longer_form(
        self, words: list[str], core: list[str], told: Gender | None, pos: int
    ) -> list[str] | None:
        """The nearest earlier (else later) longer name with the same surname that holds
        every word of `core` and no other gender."""
        last = core[-1]
        same_last = self.by_last.get(last, [])
        cut = bisect.bisect_left(self.by_last_starts.get(last, []), pos)
        for k in same_last[:cut][::-1][:200] + same_last[cut:][:50]:
            longer = list(self.names[k].words)
            while self._glued(longer):
                longer = longer[1:]  # `Does Rubio`, `Hosting Cook`: a sentence's first word
            if len(longer) <= len(words) or _surname(longer) != last:
                continue
            if all(w in longer for w in core) and (
                told is None or words_gender(longer) in (None, told)
            ):
                return longer
        return None

    def _glued(self, words: Sequence[str]) -> bool:
        """A common word capitalised at a sentence's start, glued to the name after it."""
        first = words[0].lower()
        return (
            len(words) >= 2
            and first in self._lower()
            and first not in TITLES
            and not is_first_name(words[0])
            and not any(w.lower() in _ORG_WORDS for w in words)  # `New York Times`
        )

    def _from_first_name(self, words: list[str]) -> list[str]:
        """`Neither Donald J. Trump`, `Now Donald Trump`: a common word glued to a name.

        A first word the article also writes in lower case, before a first name, is dropped.
        """
        if (
            len(words) >= 3
            and words[0].lower() in self._lower()
            and words[0].lower() not in TITLES
            and is_first_name(words[1])
            and words[-1].lower() not in _ORG_WORDS
        ):
            return words[1:]
        return words

    # -- mentions ------------------------------------------------------------------------

    def resolve(self, phrase: Phrase | None, pos: int) -> str | None:
        if phrase is None:
            return None
        low = phrase.text.lower()
        para = self.paragraph_of(pos)
        if phrase.category == "pronoun":
            if low in {"i", "we", "you"}:
                return phrase.text
            if low in {"who", "which"}:
                ante = antecedent(self.text, phrase.start, max(0, phrase.start - 300))
                return self.resolve(ante, pos) if ante is not None else phrase.text
            person = low in _PERSON_PRONOUNS
            found = self._pronoun(pos, para, person, pronoun_gender(low) if person else None)
            return found or phrase.text
        if phrase.category == "name":
            return self.full_name(phrase.text, phrase.start)
        words = phrase.text.split()
        if (
            len(words) > 1
            and words[0].lower() in ("the", "a", "an")
            and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words[1:])
        ):
            return self.full_name(" ".join(words[1:]), phrase.start)  # "the State Department"
        named = _name_after_role(words)
        if named:
            return self.full_name(named, phrase.start)  # "the opposition leader Carlos Vega"
        return self._nominal(phrase, pos, para)

    def named_in_sentence(self, pronoun: Phrase, speaker: str) -> tuple[int, int] | None:
        """The span of the name that `what he called` stands for, when its own sentence
        names that person before it: `Cruz has railed against what he calls the “…”` is
        said of Cruz by the sentence, and the pronoun only repeats him.

        Only `what he/she` (a naming clause inside someone's sentence): a `he` that is the
        subject of its own cue (`Trump arrived and he said`) stays the mention. A possessive
        (`Trump’s aides`) is not the sentence's subject and does not count.
        """
        low = pronoun.text.lower()
        before = self.text[max(0, pronoun.start - 8) : pronoun.start]
        if low not in _PERSON_PRONOUNS or speaker == pronoun.text:
            return None
        if not re.search(r"\bwhat\s+$", before, re.IGNORECASE):
            return None
        p_start, p_end = self.paragraphs[self.paragraph_of(pronoun.start)]
        ends = sentence_ends(self.text, p_start, p_end)
        k = bisect.bisect_right(ends, pronoun.start)
        lo = bisect.bisect_left(self.name_starts, ends[k - 1] if k > 0 else p_start)
        for n in self.names[lo : bisect.bisect_left(self.name_starts, pronoun.start)]:
            seg = self.text[n.start : n.end]
            if not seg.endswith(_POSSESSIVE) and self.full_name(n.text, n.start) == speaker:
                return n.start + seg.find(n.words[0]), n.end
        return None

    def who_before(self, pronoun: Phrase, quote_start: int) -> tuple[int, int] | None:
        """The antecedent of a `who` whose sentence ends before the quote: in `“A,” said
        O'Donnell, who wrote about it in the book. “B.”` the relative clause is over, and
        `B` goes on with O'Donnell's words."""
        if pronoun.text.lower() != "who" or not sentence_ends(self.text, pronoun.end, quote_start):
            return None
        ante = antecedent(self.text, pronoun.start, max(0, pronoun.start - 300))
        return (ante.start, ante.end) if ante is not None else None

    def remember(self, event: SpeakerEvent) -> None:
        k = bisect.bisect_right(self._event_pos, event.pos)
        self._event_pos.insert(k, event.pos)
        self.events.insert(k, event)

    def _candidates(self, pos: int) -> list[SpeakerEvent]:
        """Speakers seen in the three paragraphs before `pos`: quote and indirect speakers."""
        para = self.paragraph_of(pos)
        lo = self.para_starts[max(para - 3, 0)] if self.para_starts else 0
        hi = bisect.bisect_left(self._event_pos, pos)
        evs = self.events[max(bisect.bisect_left(self._event_pos, lo), hi - _NAMES_BACK) : hi]
        hi = bisect.bisect_left(self._indirect_pos, pos)
        evs += self._indirect[
            max(bisect.bisect_left(self._indirect_pos, lo), hi - _NAMES_BACK) : hi
        ]
        evs.sort(key=lambda e: e.pos)
        return evs

    def _pronoun(self, pos: int, para: int, person: bool, gender: Gender | None) -> str | None:
        """Whom a pronoun stands for: an earlier speaker of its paragraph, else a subject.

        Failing a speaker, the search goes back sentence by sentence over its paragraph and
        the two before, and further while those keep saying `she` (see `_subject_of`). `he`
        and `she` want a person (`_person_name`) whose gender, when known, agrees
        (`gender_of`).
        """

        def event_fits(e: SpeakerEvent) -> bool:
            if e.resolved.lower() in _PERSON_PRONOUNS:
                return False  # an earlier `he` nobody was found for names nobody
            if not person:
                return True
            if e.head and not _person_nominal(e.resolved, e.head):
                return False  # `the former secretary of`, `candidate herself took`
            if not e.person or not (e.head or self._person_name(e.resolved, spoke=True)):
                return False
            named = self._event_name(e)  # `the former president` may be a named man
            head = e.head if named == self.full_name(e.resolved, e.pos) else ""
            return self._fits(named, e.pos, gender, head)

        def name_fits(n: _Name) -> bool:
            if not person:  # `it`, `they`: any name but a capitalised common word (`Now`)
                return len(n.words) > 1 or n.text.lower() not in self._lower()
            return (
                (n.person or len(n.words) == 1)  # `Biden`, when the article names him in full
                and self._person_name(n.text)
                and self._fits(n.text, n.start, gender)
            )

        cands = self._candidates(pos)
        for e in reversed(cands):  # the last fitting speaker of its own paragraph
            if e.paragraph != para:
                break
            if event_fits(e):
                return self._event_name(e, gender)
        p, reach = para, 3
        while p >= 0 and para - p < reach:
            before = pos if p == para else self.paragraphs[p][1]
            events = [e for e in cands if e.paragraph == p and event_fits(e)]
            found = self._subject_of(before, p, events, name_fits, gender)
            if found is not None:
                return found
            if gender is not None and self._pronoun_subject(self.paragraphs[p][0], before, gender):
                reach = min(reach + 1, 8)  # `She has faced … She said …`: the chain goes on
            p -= 1
        return None

    def _event_name(self, e: SpeakerEvent, gender: Gender | None = None) -> str:
        """The name behind a speaker event: `the Republican presidential candidate` is Trump."""
        if e.head and not e.resolved[:1].isupper():
            phrase = Phrase(e.resolved, e.pos, e.pos + len(e.resolved), "nominal")
            named = self._nominal(phrase, e.pos, e.paragraph, guess=False)
            if named != e.resolved:
                return named
        return self.full_name(e.resolved, e.pos, gender)

    def _subject_of(
        self,
        pos: int,
        para: int,
        events: Sequence[SpeakerEvent],
        fits: Callable[[_Name], bool],
        gender: Gender | None = None,
    ) -> str | None:
        """The speaker or name a pronoun at `pos` most likely stands for, in paragraph `para`.

        Sentences are searched from the last before `pos` back to the paragraph's first; in
        each, the leftmost fitting speaker or name wins, since a sentence's subject comes
        first (`Biden rubbished Trump’s claim. “…,” he said.` is Biden), unless a `he` of the
        same gender stands before it: that sentence is about someone named earlier.
        """
        p_start, p_end = self.paragraphs[para]
        lo = bisect.bisect_left(self.name_starts, p_start)
        hi = bisect.bisect_left(self.name_starts, pos)
        found = [(e.pos, self._event_name(e, gender)) for e in events if e.pos < pos]
        names = [n for n in self.names[max(lo, hi - _NAMES_BACK) : hi] if fits(n)]
        # an owner (`endorsements than Clinton’s`) stands for a later `he` only when nobody else
        # in the paragraph can
        owners = [n for n in names if self.text[n.start : n.end].endswith(_POSSESSIVE)]
        found += [(n.start, n.text) for n in names if n not in owners] or [
            (n.start, n.text) for n in owners
        ]
        ends = sentence_ends(self.text, p_start, p_end)
        while found:
            last = max(bisect.bisect_right(ends, at) for at, _ in found)
            start, name = min((at, nm) for at, nm in found if bisect.bisect_right(ends, at) == last)
            opens = ends[last - 1] if last > 0 else p_start
            if gender is None or not self._pronoun_subject(opens, start, gender):
                return self.full_name(name, start, gender)
            # `When he took the stage after Mr. Vander Plaats’s introduction, he said`: the
            # sentence is about an earlier `he`, so the search goes on before it
            found = [(at, nm) for at, nm in found if bisect.bisect_right(ends, at) < last]
        return None

    def _pronoun_subject(self, start: int, end: int, gender: Gender) -> bool:
        """Whether a `he` or `she` of this gender stands in [start, end), outside quotes."""
        word = "he" if gender == "male" else "she"
        return re.search(rf"\b{word}\b", self._unquoted[start:end], re.IGNORECASE) is not None

    def _person_name(self, name: str, spoke: bool = False) -> bool:
        """Whether a name can be `he` or `she`, not a place, a day or a show (`Dirty Dancing`).

        A titled name is a person's (`Mr. Lew`), and so is a first name and a surname; a name
        that speaks (`Suu Kyi said`) needs no known first name. A single word is a person
        when it is the surname of someone named in full, or when it speaks (`said Noboa`).
        """
        words = name.split()
        if not words or not words[0][:1].isupper():
            return False  # `of`, `candidate herself took`: not a name at all
        low = [w.lower().strip(",") for w in words]
        if any(w in _ORG_WORDS for w in low) or low[-1] in _THING_HEADS:
            return False
        core = [w for w in words if w.lower() not in TITLES]
        if core and len(core) < len(words):
            return True
        if low[0] in _QUANTITIES:
            return False  # `Thousands of Germans`, `Many Republicans`
        if len(core) >= 2:
            return spoke or self._first_name(core[0])
        if not core or core[0].lower() in TEMPORAL:
            return False
        if core[0] in self.by_last or core[0] in self._introduced:
            return True
        if _GROUP_NAME_RE.fullmatch(core[0]):
            return False  # `Germans`, `Republicans`: many people, never `he`
        return spoke and core[0].lower() not in self._lower()

    def _first_name(self, word: str) -> bool:
        """A first name, unless the article also writes it in lower case (`Some`, `Green`)."""
        return is_first_name(word) and word.lower() not in self._lower()

    def _lower(self) -> set[str]:
        """The words the article writes in lower case: common words, not names."""
        if self._lower_words is None:
            self._lower_words = set(re.findall(r"\b[a-z]+\b", self.text))
        return self._lower_words

    # -- gender --------------------------------------------------------------------------

    def _fits(self, mention: str, pos: int, gender: Gender | None, head: str = "") -> bool:
        """Whether a mention may be the person a gendered pronoun refers to."""
        if gender is None:
            return True
        known = self.gender_of(mention, pos, head)
        if known is None or known == gender:
            return True
        # `Fiorina` for `she` where the article names both Carly and Frank Fiorina (but
        # `Mrs. Clinton` is never `he`)
        core = _core(mention).split()
        return (
            not head
            and len(core) == 1
            and words_gender(mention.split()) is None
            and gender in self._genders_of_surname(core[0])
        )

    def _genders_of_surname(self, surname: str) -> set[Gender]:
        """The genders of the people the article names in full with this surname."""
        return {
            gender
            for k in self.by_last.get(surname, [])
            if (gender := words_gender(self.names[k].words)) is not None
        }

    def gender_of(self, mention: str, pos: int, head: str = "") -> Gender | None:
        """The gender of whoever a mention names, when the words or the article tell it."""
        if head:
            return words_gender([head])  # a nominal speaker: `the spokeswoman`
        told = words_gender(mention.split())
        if told is not None:
            return told
        full = self.full_name(mention, pos)
        return words_gender(full.split()) or self._gender_votes().gender(_core(full))

    def _gender_votes(self) -> GenderVotes:
        """Counted once per document: see GenderVotes.

        Strong votes come from `X said she …`; weak ones from a sentence whose first name
        is followed by a `he`/`his`/`she`/`her` with no other name between (`Clinton
        promised her supporters …`). Pronouns inside quotations do not vote.
        """
        if self._votes is None:
            self._votes = GenderVotes()
            for name, pos, pronoun in self._told:
                gender = pronoun_gender(pronoun)
                if gender is not None:
                    self._votes.add(_core(self.full_name(name, pos)), gender)
            plain = self._unquoted
            k = 0
            for p_start, p_end in self.paragraphs:
                lo = p_start
                for hi in [*sentence_ends(self.text, p_start, p_end), p_end]:
                    while k < len(self.names) and self.names[k].start < lo:
                        k += 1
                    inside = []
                    j = k
                    while j < len(self.names) and self.names[j].start < hi:
                        inside.append(self.names[j])
                        j += 1
                    people = [n for n in inside if self._person_name(n.text)]
                    if people and people[0] is inside[0]:
                        first = people[0]
                        stop = people[1].start if len(people) > 1 else hi
                        m = _THIRD_PERSON_RE.search(plain, first.end, stop)
                        gender = pronoun_gender(m.group()) if m else None
                        if gender is not None:
                            name = _core(self.full_name(first.text, first.start))
                            self._votes.add(name, gender, weak=True)
                    lo = hi
        return self._votes

    @cached_property
    def _unquoted(self) -> str:
        """The text with its quotations blanked, so that their pronouns do not vote."""
        pieces, last = [], 0
        for a, b in self._masks:
            if a >= last:
                pieces += [self.text[last:a], " " * (b - a)]
                last = b
        pieces.append(self.text[last:])
        return "".join(pieces)

    def _nominal(self, phrase: Phrase, pos: int, para: int, guess: bool = True) -> str:
        """A role noun (`the chancellor`) or a document (`the letter`) to the name behind it.

        A role goes to an earlier speaker with the same head, else to a person named with
        that role nearby, else (a `guess`) to the last named speaker nearby.
        """
        words = phrase.text.split()
        head = head_of(phrase)
        nouns = [w for w in (re.sub(r"[^\w-]", "", x.lower()) for x in words) if w in SPEECH_NOUNS]
        if nouns and words[0].lower() in _DOC_DETERMINERS:
            head = nouns[0]  # "an article published …": the document is the head
        if head in SPEECH_NOUNS:
            author = self._document_author(phrase, head) or self._owner(words, pos, para)
            return author or phrase.text
        first = words[0].lower() if words else ""
        if first in {"the", "this", "that"} and head in ROLE_NOUNS:
            return self._role(head, pos, para, guess) or phrase.text
        return phrase.text

    def _role(self, head: str, pos: int, para: int, guess: bool) -> str | None:
        """`the chancellor`: an earlier speaker with that role, a person named with it
        nearby, or (a `guess`) the last named speaker nearby."""
        for e in reversed(self._candidates(pos)):
            if e.head == head and e.paragraph >= para - 3:
                return e.resolved
        named = self._named_with_role(head, pos, para)
        if named is not None:
            return named
        near = [e for e in self._candidates(pos) if para - 2 <= e.paragraph <= para]
        if guess and near and near[-1].person and not near[-1].head:
            return self.full_name(near[-1].resolved, near[-1].pos)
        return None

    def _named_with_role(self, head: str, pos: int, para: int) -> str | None:
        """A name introduced with this role ("the foreign minister …, Javier G.")."""
        k = bisect.bisect_left(self.name_starts, pos) - 1
        start_k = k
        while (
            k >= 0
            and k > start_k - _NAMES_BACK
            and self.paragraph_of(self.names[k].start) >= para - 3
        ):
            n = self.names[k]
            p_start, p_end = self.paragraphs[self.paragraph_of(n.start)]
            window = (
                self.text[max(p_start, n.start - 40) : n.start]
                + " "
                + self.text[n.end : min(n.end + 40, pos, p_end)]
            ).lower()
            if n.person and re.search(rf"\b{re.escape(head)}\b", window):
                return self.full_name(n.text, n.start)
            k -= 1
        return None

    def _owner(self, words: list[str], pos: int, para: int) -> str | None:
        """`her statement`, `his letter`: the person the possessive stands for.

        Only the two words alone: in longer phrases (`his announcement speech called`,
        `His office put out a statement`) the mention itself is often not the speaker's.
        """
        pronoun = {"his": "he", "her": "she"}.get(words[0].lower()) if len(words) == 2 else None
        if pronoun is None:
            return None
        return self._pronoun(pos, para, True, pronoun_gender(pronoun))

    def _document_author(self, phrase: Phrase, head: str) -> str | None:
        text = self.text
        # "an article published by the North American Congress on Latin America"
        m = re.match(
            r"\s+(?:\w+\s+){0,2}?(?:(?:published|issued|released|written|signed|sent|produced)"
            r"\s+(?:by|from)|by)\s+",
            text[phrase.end : phrase.end + 60],
        )
        if m:
            sp = phrase_after(text, phrase.end + m.end(), phrase.end + 200)
            if sp is not None:
                return re.sub(r"^(?:the|a|an)\s+", "", sp.text, flags=re.IGNORECASE)
        # "five US congressmen wrote a letter …" earlier on
        window_start = max(0, phrase.start - 1500)
        pat = re.compile(
            rf"\b(\w+)\s+(?:a|an|the|their|his|her|its)\s+(?:\w+\s+){{0,2}}{re.escape(head)}\b"
        )
        for m2 in reversed(list(pat.finditer(text, window_start, phrase.start))):
            sp = phrase_before(text, m2.start(1), max(window_start, m2.start(1) - 200))
            if (
                sp is not None
                and sp.category in ("name", "nominal")
                and m2.group(1).islower()
                and m2.group(1) not in _PREPOSITIONS  # `the allegations in a statement`
            ):
                return sp.text
        return None


_QUANTITIES = lexicon.words("quantities")
_GROUP_NAME_RE = re.compile(r"[A-Z][a-z]+(?:ans|ese|ists|ites|ats|ives|erals)")
# `a 52-year-old resident named Caroline`: someone introduced by a first name alone
_NAMED_RE = re.compile(
    r"\b(?:woman|man|girl|boy|resident|student|worker|mother|father|son|daughter|wife"
    r"|husband|friend|neighbou?r|voter|supporter|nurse|teacher|officer|soldier|veteran"
    r"|person|someone|attendee|protester|fan)\s+named\s+$"
)
# not `him`: an object in the subject's own sentence is someone else (`X answered him`)
_THIRD_PERSON_RE = re.compile(r"\b(?:he|his|she|her|hers)\b", re.IGNORECASE)
# `said she`, `told reporters that he`: the subject of reported speech is its speaker
_REPORTED_SUBJECT = re.compile(
    r"(?:\s+(?:\w+\s+){0,2}?)?(?:,\s*)?\s*(?:that\s+)?(he|she)\b(?!\s*[’']s\b)", re.IGNORECASE
)


_POSSESSIVE = ("’s", "'s", "’", "'")


def _named_before(text: str, start: int, floor: int) -> Phrase | None:
    """The name a nominal stands in apposition to: `Robby Mook, Clinton’s campaign manager`.

    The name must open its clause (`When Robby Mook, …`), or it may be an object elsewhere.
    """
    comma = re.search(r",\s*$", text[max(floor, start - 4) : start])
    if comma is None:
        return None
    at = max(floor, start - 4) + comma.start()
    name = phrase_before(text, at, floor)
    if name is None or name.category != "name" or len(name.text.split()) < 2:
        return None
    lead = re.split(r"[.;:!?“”\"]", text[floor : name.start])[-1].split()
    if len(lead) > 1:
        return None  # `In an interview with hosts X and Mika Brzezinski, the candidate said`
    return name


def _person_nominal(text: str, head: str) -> bool:
    """`the Clinton spokeswoman`: a whole noun phrase whose head names a person's role."""
    last = re.sub(r"[^\w-]", "", text.split()[-1].lower()) if text.split() else ""
    return last == head and (head in ROLE_NOUNS or words_gender([head]) is not None)


def _core(name: str) -> str:
    """A name without its titles, so `Sen. Bernie Sanders` and `Bernie Sanders` count together."""
    return " ".join(w for w in name.split() if w.lower() not in TITLES)


def _name_after_role(words: Sequence[str]) -> str | None:
    """The name a role noun introduces: "the opposition leader Carlos Vega" -> "Carlos Vega"."""
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1] in _NAME_PARTICLES):
        k -= 1
    if 0 < k < len(words) and words[k][:1].isupper():
        role = re.sub(r"[^\w-]", "", words[k - 1].lower())
        if role in ROLE_NOUNS:
            return " ".join(words[k:])
        if len(words) - k >= 2 and role.isalpha() and role not in _NOT_A_ROLE:
            return " ".join(words[k:])  # "the talk radio host Rush Limbaugh"
    return None


_THING_HEADS = TEMPORAL | {"eve", "act", "bill", "law", "plan", "street", "avenue", "center"}
_PREPOSITIONS = lexicon.words("prepositions")
# words before a capitalised name that are no role ("the talk radio host Rush Limbaugh" has one)
_NOT_A_ROLE = _PREPOSITIONS | frozenset(
    ["the", "a", "an", "and", "or", "as", "than", "his", "her", "their", "its", "our"]
)
_SUFFIXES = lexicon.words("suffixes")


def _surname(words: Sequence[str]) -> str:
    """The last word of a name, past a suffix: `Kennedy` in `Robert F. Kennedy Jr.`."""
    if len(words) > 1 and words[-1].lower().rstrip(",") in _SUFFIXES:
        return words[-2].rstrip(",")
    return words[-1]


def surname_key(speaker: str | None) -> str | None:
    """A named speaker's surname, casefolded: `Rep. Dan Crenshaw` and `Crenshaw` are one
    (the key the resolver groups a document's names by).

    Only a speaker whose mention ends in a name has one: `an official familiar with the
    plan` or `the report` could be anyone.
    """
    words = _clean(_core(speaker or "").split())
    last = _surname(words).strip(".,;:") if words else ""
    if len(last) < 2 or not last[:1].isupper():
        return None
    return last.casefold()


def head_of(phrase: Phrase) -> str:
    """The head noun of a nominal mention: `official` in `an official familiar with …`."""
    if phrase.category != "nominal":
        return ""
    words = [re.sub(r"[^\w-]", "", w.lower()) for w in phrase.text.split()]
    for k, w in enumerate(words):
        if k > 0 and w in _POSTMOD:
            words = words[:k]
            break
    roles = [w for w in words if w in ROLE_NOUNS]
    if roles:
        return roles[-1]
    return words[-1] if words else ""
