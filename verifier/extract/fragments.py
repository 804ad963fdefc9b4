"""Short quoted fragments that someone explicitly owns, told apart from scare quotes.

`The “joke,” as he called it`, `the subject line, “It worked!”`, `Abedin’s reply: “JEB
BUSH.”`, `an email titled “From time to time I get the questions in advance,”`: a few
quoted words are somebody's when the sentence says whose they are: a speaker's naming
(`as he called it`), a message's subject line or title, a reply. They are reported as
`kind: fragment` and checked like any quote. Length alone cannot tell them from scare
quotes (`the so-called “war on drugs”`), which no such owner frames; titles of works
(`a book titled “…”`) are not messages and stay out.
"""

from __future__ import annotations

import re

from verifier.extract import lexicon
from verifier.extract.attribution import Attribution, participle_subject, subject_of_sentence
from verifier.extract.cues import CueMatch
from verifier.extract.phrases import phrase_after, phrase_before

# `, as he called it` / `as Trump dubbed it` right after the closing mark
_AS_CALLED_RE = re.compile(
    r"[\s,'’”\"]*as\s+(?P<who>[^.,;:!?“”\"]{1,60}?)\s+"
    r"(?P<cue>(?:called|calls|dubbed|dubs|termed|terms|labeled|labelled) it)\b"
)
# a message's subject line or title before the opening mark
_MESSAGE_RE = re.compile(
    r"\b(?:e-?mails?|memos?|messages?|letters?|notes?|posts?|tweets?|texts?)\s+"
    r"(?P<cue>titled|entitled|headlined|with the subject(?: line)?)\s*,?\s*$"
    r"|\b(?P<line>subject line)\s*[,:]\s*$",
    re.IGNORECASE,
)
# `Abedin’s reply: “…”`: the possessor's answer
_REPLY_RE = re.compile(r"[’']s\s+(?P<cue>reply|response|answer|retort)\s*:\s*$")


def as_called(text: str, after: int, limit: int) -> Attribution | None:
    """`The “joke,” as he called it`: the one who named it."""
    m = _AS_CALLED_RE.match(text, after, limit)
    if m is None:
        return None
    a, b = m.span("who")
    sp = phrase_after(text, a, b)
    if sp is None:
        return None
    return Attribution(sp, m.group("cue"), m.start("cue"), m.end("cue"), "fragment")


def message_title(text: str, floor: int, open_at: int, sent_floor: int) -> Attribution | None:
    """`an email titled “…”`, `the subject line, “It worked!”`: the sentence's subject."""
    m = _MESSAGE_RE.search(text, max(floor, open_at - 80), open_at)
    if m is None:
        return None
    cue = "line" if m.group("line") else "cue"
    subject = subject_of_sentence(text, sent_floor, m.start())
    return Attribution(subject, m.group(cue), m.start(cue), m.end(cue), "fragment")


def reply(text: str, floor: int, open_at: int) -> Attribution | None:
    """`Abedin’s reply: “JEB BUSH.”`: the one who replied."""
    m = _REPLY_RE.search(text, max(floor, open_at - 40), open_at)
    if m is None:
        return None
    owner = phrase_before(text, m.start(), floor)
    if owner is None or owner.category == "nominal":
        return None
    return Attribution(owner, m.group("cue"), m.start("cue"), m.end("cue"), "fragment")


_NOT_SPEAKERS = (
    lexicon.words("openers") | lexicon.words("prepositions") | lexicon.words("place_preps")
)
# `chants of “Ted! Ted!”`, `a thunderous chant of “Feel the Bern!”`, `chanting “Dump Trump.”`
CHANT_RE = re.compile(r"\b(?:chant(?:s|ed)?(?:\s+of)?|chanting)\s*,?\s*$", re.IGNORECASE)


def chant(text: str, floor: int, open_at: int) -> Attribution | None:
    """What a crowd chants is its words, even a slogan or a name: `…, chanting “Dump Trump.”`
    goes to the participle's subject; `chants of “…”` names no one."""
    m = CHANT_RE.search(text, max(floor, open_at - 30), open_at)
    if m is None:
        return None
    cue = CueMatch(m.group().strip(" ,"), m.start(), m.start() + len(m.group().strip(" ,")))
    sp = phrase_before(text, m.start(), floor)
    if m.group().lower().startswith("chanting"):
        sp = participle_subject(text, cue, floor) if sp is None else sp
    elif not m.group().lower().startswith("chanted"):
        sp = None  # a noun: `their chants of`, `was met with chants of`
    if sp is not None and sp.text.lower() in _NOT_SPEAKERS:
        sp = None  # `About 200 protesters …, chanting`: a preposition opening the sentence
    return Attribution(sp, cue.group(), cue.start(), cue.end(), "chant")
