"""Frames that make a short quoted fragment someone's words without a verb of saying.

`Manafort dismissed the kerfuffle as “absurd”` (a description), `Tribe likened the rules to
“burning the Constitution”` (a comparison), `She blamed the violence on a “disturbed person”`
(a blame), `Cruz exhorted Republicans to “vote your conscience”` (an urging) and `Trump’s
claim that there have been “thousands of shootings”` (a possessed noun of saying): the
fragment belongs to the subject, the agent or the owner.
`extract` asks these frames only when no cue attributes the quotation.
"""

from __future__ import annotations

import re

from verifier.extract import lexicon
from verifier.extract.attribution import (
    BODIES,
    SPEECH_NOUN_RE,
    Attribution,
    participle_subject,
)
from verifier.extract.cues import CueMatch, find_cues, inflect, reports_speech
from verifier.extract.phrases import Phrase, phrase_after, phrase_before, tokens
from verifier.extract.sentences import TITLE_STOP

_LEADING = lexicon.words("leading")

_DESCRIBING_LEMMAS = """
describe characterize characterise portray cast hail dismiss denounce brand deride mock label
view regard tout praise blast slam criticize criticise paint depict define defend introduce
rate deem condemn decry reject ridicule lambaste assail tar trumpet frame pitch bill peg herald
welcome celebrate applaud embrace attack position posture identify admire pound hammer
"""

_CLAUSE_CHAR = rf"(?:[^.;:!?“”\"()\[\]—–]|{TITLE_STOP})"


def _complement_frame(verbs: str, object_span: str, tail: str) -> re.Pattern[str]:
    """`<verb> <object> [by <agent>] <tail>` ending right where the quotation opens."""
    return re.compile(
        rf"\b(?:{verbs})\b"
        rf"(?P<object>{_CLAUSE_CHAR}{{{object_span}}}?)"
        rf"\s(?:by\s+(?P<agent>{_CLAUSE_CHAR}{{1,60}}?)\s+)?"
        rf"{tail}$",
        re.IGNORECASE,
    )


_DESCRIBING_RE = _complement_frame(
    "|".join(sorted({f for lemma in _DESCRIBING_LEMMAS.split() for f in inflect(lemma)}, key=len))
    + r"|sees|seeing|saw|seen|sum(?:s|med|ming)? up|referr?(?:s|ed|ing)? to"
    r"|br(?:ings|inging|ought) up",
    "0,90",
    r"as\s+(?:an?\s+|the\s+|being\s+|)",
)
# `likened the rules to “burning the Constitution”`: a comparison is a description too
_LIKENING_RE = _complement_frame(
    r"(?:liken|compar)(?:e|es|ed|ing|s)?", "1,90", r"to\s+(?:an?\s+|the\s+|)"
)
# `Cruz blamed the anti-fracking law on “knuckleheaded Democratic politicians”`
_BLAMING_RE = _complement_frame(r"blam(?:e|es|ed|ing)", "1,90", r"on\s+(?:an?\s+|the\s+|)")
# `exhorted Republicans to “vote your conscience”`: the urging is the subject's words
_URGING_RE = _complement_frame(
    r"(?:urg|exhort|implor|encourag|challeng)(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|upon)",
    "1,60",
    r"to\s+(?-i:(?:[a-z]+\s+){0,3}?)",  # `to “vote your conscience”`, `to conduct an “…”`
)

# `slammed the president for not using the term “…”`, `accuses Sanders of running a “…”`,
# `credited Merkel with holding “…”`: the grounds of a judgement are the judge's words
_JUDGING_LEMMAS = """
accuse applaud assail attack bash berate blast castigate chastise commend credit criticize
criticise fault hammer knock laud mock praise ridicule scold slam thank
"""
_JUDGING_RE = _complement_frame(
    "|".join(sorted({f for lemma in _JUDGING_LEMMAS.split() for f in inflect(lemma)}, key=len)),
    "1,60",
    r"(?:for|of|with)\s+(?-i:(?:[a-z]+\s+){0,4}?)",
)

# `decried the issue of “systemic racism”`, `called for “appropriate assistance”`: what a
# person advocates or condemns, named in their own words
_ADVOCATING_RE = re.compile(
    r"\b(?:(?:call|push|press|argu)(?:s|es|ed|ing|e)?\s+for|decr(?:y|ies|ied|ying)"
    r"|denounc(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|tout(?:s|ed|ing)?|champion(?:s|ed|ing)?"
    r"|propos(?:e|es|ed|ing)|proclaim(?:s|ed|ing)?|referenc(?:e|es|ed|ing)"
    r"|lament(?:s|ed|ing)?|deplor(?:e|es|ed|ing)|support(?:s|ed)|oppos(?:es|ed)"
    r"|talk(?:s|ed|ing)?\s+(?:about|of|up))\b"
    r"(?P<object>(?:\s+(?:an?|the|his|her|their|its|of|[a-z][\w-]*)){0,4}?)\s+$",
)


# a verb whose subject is also the subject of the infinitive after it
_CATENATIVE_RE = re.compile(
    r"\b(?:start|began|begun|begin|tr(?:y|ie|ied)|sought|seek|want|continu|refus|attempt"
    r"|decid|agree|vow|promis|threaten)\w*\s+to\s+$",
    re.IGNORECASE,
)


def describing_speaker(text: str, floor: int, open_at: int) -> Attribution | None:
    """`Manafort dismissed the kerfuffle as “absurd”`: the subject of a verb of describing.

    The quoted words are the complement of `<verb> <object> as` (or `likened <object> to`,
    `blamed <object> on`, `urged <object> to`), and so the subject's description of the
    object; a passive verb needs its agent (`seen by organizers as a “lifeboat”`), and a bare
    passive (`has been described as “…”`) names nobody.
    """
    m = next(
        (
            found
            for pattern in (_DESCRIBING_RE, _LIKENING_RE, _BLAMING_RE, _URGING_RE, _JUDGING_RE)
            if (found := pattern.search(text, floor, open_at)) is not None
        ),
        None,
    )
    if m is None or len(tokens(text, m.end("object"), open_at)) > 14:
        return None
    verb_end = m.start("object")
    cue = CueMatch(text[m.start() : verb_end], m.start(), verb_end)
    if m.group("agent"):
        a, b = m.start("agent"), m.end("agent")
        agent = phrase_after(text, a, b) or Phrase(text[a:b], a, b, "nominal")
        return Attribution(agent, cue.group(), cue.start(), cue.end(), "passive")
    if not cue.group().lower().endswith("ing") and re.search(
        r"\b(?:been|was|were|is|are|be|being|get|got)\s+(?:\w+ly\s+)?$",
        text[max(floor, m.start() - 20) : m.start()],
        re.IGNORECASE,
    ):
        return None  # a bare passive; but `has been steadily pounding Trump as` is active
    verb_at = m.start()
    lead = _CATENATIVE_RE.search(text, max(floor, verb_at - 30), verb_at)
    if lead is not None:  # `officials started to portray the shooting as a “workplace” issue`
        verb_at = lead.start()
    sp = phrase_before(text, verb_at, floor)
    clause = sp is None and cue.group().lower().endswith("ing")
    if clause:  # `…, portraying Mexican immigrants as “rapists”`: the clause's subject
        sp = participle_subject(text, cue, floor)
    if sp is None or sp.text.lower() == "it":
        return None  # ("who" comes back only with an antecedent: `Trump, who has postured …`)
    if sp.category == "nominal" and not clause and not _speaks(text, floor, sp):
        return None  # `an option hailed as a “lifeboat”`: a participle, not a verb
    return Attribution(sp, cue.group(), cue.start(), cue.end(), "describing")


_SPEAKING_HEADS = lexicon.words("role_nouns") | lexicon.words("role_words")


def _speaks(text: str, floor: int, sp: Phrase) -> bool:
    """A nominal that can describe something: a speech noun, a body, or a person by role
    (`The candidate has … referred to them as “…”`), unless it is the subject of a say-verb's
    complement (`Cuban complained …, suggesting the senator sees issues as “…”`)."""
    head = re.sub(r"[^\w-]", "", sp.text.split()[-1].lower())
    if SPEECH_NOUN_RE.search(sp.text) or head in BODIES:
        return True
    reported = any(
        reports_speech(c.group()) and re.fullmatch(r"\s+(?:that\s+)?", text[c.end() : sp.start])
        for c in find_cues(text, max(floor, sp.start - 40), sp.start)
    )
    return head in _SPEAKING_HEADS and not reported


_CLAIM_NOUNS = """
claim claims statement statements promise promises pledge pledges vow vows call calls comment
comments remark remarks warning warnings assertion assertions insistence description prediction
predictions boast boasts charge charges accusation accusations argument suggestion demand
demands words phrase line lines slogan declaration admission threat threats offer offers request
requests plea pleas tweet tweets message messages speech
"""
_POSSESSIVE_CLAIM_RE = re.compile(
    r"(?P<owner>\b(?:his|her|their)|\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}[’']s?)"
    r"\s+(?:[a-z-]+\s+){0,2}?(?P<noun>" + "|".join(_CLAIM_NOUNS.split()) + r")\b"
    rf"(?P<rest>{_CLAUSE_CHAR}{{0,100}})$"
)


def possessive_speaker(text: str, floor: int, open_at: int) -> Attribution | None:
    """`Trump’s claim that there have been “thousands of shootings”`: the claim's owner.

    A short fragment in the complement of a possessed noun of saying (claim, pledge,
    promise, warning, remarks …) is the owner's words; `his promise of “free college”`
    belongs to whoever `his` is.
    """
    m = _POSSESSIVE_CLAIM_RE.search(text, floor, open_at)
    if m is None or len(tokens(text, m.end("noun"), open_at)) > 14:
        return None
    if not m.group("rest").strip() and text[open_at + 1 : open_at + 2].islower():
        return None  # `saying his comment “has no place …”`: said of the remark, not in it
    a, b = m.span("owner")
    while " " in text[a:b] and text[a:b].split(" ", 1)[0].lower() in _LEADING:
        a = text.index(" ", a, b) + 1  # `While Sanders’s call for a “revolution”`
    owner = text[a:b]
    if owner.lower() in ("his", "her", "their"):
        sp = Phrase(owner, a, b, "pronoun")
    else:
        b = a + len(re.sub(r"[’']s?$", "", owner))
        sp = Phrase(text[a:b], a, b, "name")
    return Attribution(sp, m.group("noun"), m.start("noun"), m.end("noun"), "possessive")


def advocating_speaker(text: str, floor: int, open_at: int) -> Attribution | None:
    """`Sanders decried the issue of “systemic racism”`: the subject of a verb of advocacy.

    What someone calls for, touts, decries or proposes, set in marks a few words after the
    verb, is named in their words. The verb needs its subject right before it (not `it`,
    not a bare passive); a fragment further from the verb is the writer's.
    """
    m = _ADVOCATING_RE.search(text, max(floor, open_at - 80), open_at)
    if m is None:
        return None
    verb_end = m.start("object")
    cue = CueMatch(text[m.start() : verb_end], m.start(), verb_end)
    if re.search(
        r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+ly\s+)?$",
        text[max(floor, m.start() - 20) : m.start()],
        re.IGNORECASE,
    ):
        return None
    sp = phrase_before(text, m.start(), floor)  # no participles: `language calling for “…”`
    if sp is None or sp.text.lower() in ("it", "this", "that"):
        return None
    return Attribution(sp, cue.group(), cue.start(), cue.end(), "describing")


# `Romney’s “47 percent” comment`, `the “not there yet” comment`: a noun of saying after the
# quote makes it someone's remark
_REMARK_AFTER_RE = re.compile(r"\s*(?P<noun>comments?|remarks?|quip|line|moniker|tweet)\b")
_REMARK_OWNER_RE = re.compile(
    r"(?:(?P<owner>\b(?:his|her|their)|\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}[’']s?)"
    r"|\b(?:the|a|an|that|this))\s+$"
)


def remark_speaker(text: str, floor: int, open_at: int, after: int) -> Attribution | None:
    """`Mitt Romney’s “47 percent” comment`: the remark's owner, or no one named (`the
    “not there yet” comment`); a bare `“…” comment` with no determiner is a heading."""
    m = _REMARK_AFTER_RE.match(text, after)
    own = _REMARK_OWNER_RE.search(text, max(floor, open_at - 60), open_at)
    if m is None or own is None:
        return None
    sp: Phrase | None = None
    if own.group("owner"):
        a, b = own.span("owner")
        owner = re.sub(r"[’']s?$", "", text[a:b])
        sp = Phrase(owner, a, a + len(owner), "pronoun" if owner.islower() else "name")
    return Attribution(sp, m.group("noun"), m.start("noun"), m.end("noun"), "possessive")
