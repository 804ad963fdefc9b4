"""Who said it: the cue and the speaker mention for one quotation, from the words around it.

Shapes, in the order they are tried (the most specific first):

- after the quote: `“…,” said Crenshaw`, `“…,” the chancellor said`, `“…,” according to
  State`, `“…” — Jane Doe`;
- a label before it: `Hugh Hill, a doctor: “…”`;
- a person naming something: `he called Rubio “Little Marco”`, `what he called “…”`;
- a cue before it in the same sentence: `Lasso stated, “…”`, `Salvador said the proposal
  “betrayed …”`, `says Adam Isacson, lead investigator …: “…”`; a short fragment anywhere
  in a say-verb's complement (`Goodell said critics who claim the league has gone “soft”`);
  a participle cue takes its clause's subject (`Trump mocked her, saying …`), and a verb
  of hoping or naming inside a say-verb's complement the say-verb's subject;
- an introducing paragraph that ends with a colon (`… as Petro lamented in his speech:`),
  or a sentence that does (`Perez lobbies for a higher wage: “…”`: its subject).

Quotes that none of these reach are left to `extract` (continuations inherit a speaker;
the rest are scare quotes, titles and names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.extract import lexicon
from verifier.extract.cues import (
    CUE_RE,
    SPEECH_NOUNS,
    CueMatch,
    find_cues,
    is_noisy,
    is_strong,
    match_cue,
    reports_speech,
    speaker_follows,
)
from verifier.extract.phrases import (
    DETERMINERS,
    PRONOUNS,
    SKIP_BEFORE_CUE,
    Phrase,
    phrase_after,
    phrase_before,
    skip_space,
    tokens,
)
from verifier.extract.sentences import TITLE_STOP, is_abbreviation


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: Phrase | None
    cue_text: str
    cue_start: int
    cue_end: int
    shape: str  # "after" | "before" | "label" | "dash" | "intro"


# Nouns for bodies and people that speak: "X’s government vows", "the campaign says".
BODIES = lexicon.words("bodies")
_NOT_IN_NP = lexicon.words("not_in_np")
_LEAD_RE = re.compile(r"[\s,;'’”\"]*")
_SENTENCE_TAIL_RE = re.compile(
    r"\s*(?:[.!?,;]|$|(?:on|in|at|during|last|this|late|early|earlier|later|after|before|"
    r"while|when|as|to|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|"
    r"today|tonight|recently|(?:[\w-]+\s+){1,2}ago)\b)"  # `…, the Post reported ten days ago.`
)
_AS_PUT_RE = re.compile(
    r"[\s,'’”\"]*as\s+(?P<who>[^.,;:!?“”\"]{1,80}?)\s+"
    r"(?P<cue>put it|puts it|said|says|noted|notes|wrote|writes|explained|explains|described it)\b"
)
_DASH_RE = re.compile(r"\s*[—–―]\s*|\s+-{1,2}\s+")
_FIRST_PERSON = frozenset({"i", "we", "you"})


_INVERTING = lexicon.words("inverting")
_AFTER_ONLY = re.compile(r"(?:read|reads|was another|asked|put it)\b", re.IGNORECASE)


def _cue_at(text: str, pos: int, limit: int) -> CueMatch | None:
    """A cue at `pos`; after a quote, `read` counts too (`“…,” the sign read`)."""
    m = match_cue(text, pos, limit)
    if m is None:
        r = _AFTER_ONLY.match(text, pos, limit)
        if r is not None:
            return CueMatch(r.group(), r.start(), r.end())
    return m


def _skip_apposition(text: str, pos: int, limit: int) -> int:
    """After a speaker: step over `of the Sierra Club`, `and his team` and `, who leads the
    task force,` (up to three such asides: `Scott Pruitt, the attorney general of Oklahoma,
    one of the states suing, said`) to the cue that follows."""
    of = _OF_ORG_RE.match(text, pos, limit)
    if of is not None:
        pos = of.end()
    team = _AND_TEAM_RE.match(text, pos, limit)
    if team is not None:
        return team.end()  # "Paganini and his team wrote"
    m = re.match(r"\s*(?:\([^()]{0,60}\))?\s*,", text[pos:limit])
    if not m:
        return pos
    start = pos
    first = None
    pos += m.end()
    for _ in range(3):
        close = text.find(",", pos, limit)
        if close < 0 or close - start > 220:
            break
        pos = close + 1
        first = pos if first is None else first
        if match_cue(text, skip_space(text, pos, limit), limit) is not None:
            return pos
    return first if first is not None and first - start <= 160 else start


_PP_RE = re.compile(r"\s+(?:of|on|at|for|from|in|with)(?:\s+(?:the|a|an|his|her|their|its))?\b")
_CLAUSE_JOINERS = frozenset({"and", "or", "but", "that", "which", "who", "while"})
_WORD_RE = re.compile(r"\s+[\w'’.-]+")
_AND_TEAM_RE = re.compile(
    r"\s+and\s+(?:his|her|their|the)\s+(?:team|colleagues|co-authors|coauthors|wife|husband)\b"
)
_OF_ORG_RE = re.compile(
    r"\s+of\s+(?:the\s+)?[A-Z][\w.&'’-]*"
    r"(?:\s+(?:(?:for|of|and|on|in|the)\s+){0,2}[A-Z][\w.&'’-]*){0,5}"
)


def _skip_adverbs(text: str, pos: int, limit: int) -> int:
    """Past `also`, `later`, `tearfully` … between a speaker and the cue."""
    while True:
        m = re.match(r"\s*([A-Za-z]+)\b", text[pos:limit])
        if not m:
            return pos
        word = m.group(1).lower()
        if word not in SKIP_BEFORE_CUE and not (len(word) > 4 and word.endswith("ly")):
            return pos
        pos += m.end()


def after_quote(text: str, close_end: int, limit: int, closed: bool = False) -> Attribution | None:
    """`“…,” X said` / `“…,” said X` / `“…,” according to X` / `“…” — X`.

    `closed`: the quote ends with a full stop, so a following capitalised word starts a new
    sentence (`“… forces.” He has stated that …`) and is no attribution.
    """
    seg = text[close_end:limit]
    if not seg.strip():
        return None
    found = _dash_after(text, close_end, limit, seg) or _as_put_after(text, close_end, limit)
    if found is not None:
        return found
    p = close_end + _LEAD_RE.match(seg).end()  # type: ignore[union-attr]
    if closed and text[p : p + 1].isupper() and not match_cue(text, p, limit):
        return None
    cue = _cue_at(text, p, limit)
    if cue is not None:
        return _cue_then_speaker(text, cue, limit)
    found = _speaker_then_cue(text, p, limit)
    if found is not None:
        return found
    # "“…,” Texas delegate Bill Eastland, wearing a hat, said": the first cue nearby, and
    # the phrase before it reaching back to the quote
    cues = find_cues(text, p, limit)[:1]
    return _cue_nearby(text, p, limit, cues[0]) if cues else None


def _att(sp: Phrase | None, cue: CueMatch | re.Match[str], shape: str = "after") -> Attribution:
    return Attribution(sp, cue.group(), cue.start(), cue.end(), shape)


def _dash_after(text: str, close_end: int, limit: int, seg: str) -> Attribution | None:
    """`“…” ― Veronica Cruz`, ending the paragraph or its line."""
    dash = _DASH_RE.match(seg)
    if not dash:
        return None
    p = close_end + dash.end()
    sp = phrase_after(text, p, limit)
    rest_of_line = text[sp.end : limit].split("\n", 1)[0] if sp is not None else ""
    if sp is not None and sp.category == "name" and not rest_of_line.strip(" .,\xa0"):
        return Attribution(sp, dash.group().strip(), close_end + dash.start(), p, "dash")
    return None


def _as_put_after(text: str, close_end: int, limit: int) -> Attribution | None:
    """`“…,” as a Homeland Security memo put it`."""
    as_put = _AS_PUT_RE.match(text, close_end, limit)
    if as_put is None:
        return None
    a, b = as_put.span("who")
    sp = phrase_after(text, a, b) or Phrase(text[a:b], a, b, "nominal")
    return Attribution(sp, as_put.group("cue"), as_put.start("cue"), as_put.end("cue"), "after")


def _cue_then_speaker(text: str, cue: CueMatch, limit: int) -> Attribution | None:
    """`“…,” said Crenshaw`: the cue right after the quote, its speaker after it."""
    if cue.group().lower().endswith("ing"):
        return None  # `“…,” adding that …`: the speaker is the sentence's, before it
    if re.match(r"\s+that\b", text[cue.end() : limit]):
        return None  # `the advertisement “…” suggests that …`: the quote is a subject
    sp = phrase_after(text, skip_space(text, cue.end(), limit), limit)
    if sp is not None and sp.category == "nominal":
        sp = _role_then_name(text, sp, limit)
    return _att(sp, cue) if sp is not None else None


def _role_then_name(text: str, sp: Phrase, limit: int) -> Phrase:
    """`said the union's president, Lena Marsh.` (or `, Andrew J. Pincus of Mayer Brown,`):
    the role and the name it gives, when the name ends the sentence or its aside."""
    name = _name_after_comma(text, sp, limit)
    if name is None:
        return sp
    of = _OF_ORG_RE.match(text, name.end, limit)
    if not re.match(r"\s*(?:[,.;]|$)", text[of.end() if of else name.end : limit]):
        return sp
    return _role_and_name(text, sp, name)


def _speaker_then_cue(text: str, p: int, limit: int) -> Attribution | None:
    """`“…,” the chancellor said`: a speaker right after the quote, then its cue."""
    sp = phrase_after(text, p, limit)
    if sp is None:
        return None
    if sp.category == "name":
        both = re.match(r"\s+and\s+(?=[A-Z])", text[sp.end : limit])
        other = phrase_after(text, sp.end + both.end(), limit) if both else None
        if other is not None and other.category == "name":
            # "Dale and Martha said", "David Albright and Serena Kelleher-Vergantini wrote"
            sp = Phrase(text[sp.start : other.end], sp.start, other.end, "name")
    q = _skip_apposition(text, sp.end, limit)
    if sp.category == "nominal":
        sp = _named_in_apposition(text, sp, q)  # `the spokesman, Josh Earnest, said`
    q = skip_space(text, _skip_adverbs(text, q, limit), limit)
    cue = _cue_at(text, q, limit)
    if cue is not None:
        return _att(sp, cue)
    return _longer_nominal_then_cue(text, sp, limit) if sp.category == "nominal" else None


def _longer_nominal_then_cue(text: str, sp: Phrase, limit: int) -> Attribution | None:
    """A nominal speaker whose complement comes before its cue: `“…” a welcome message on
    the website reads`, `a spokesman for committee Democrats said` (up to four words)."""
    lead = _PP_RE.match(text, sp.end, limit)
    end = lead.end() if lead is not None else limit
    for _ in range(4 if lead is not None else 0):
        word = _WORD_RE.match(text, end, limit)
        if word is None or word.group().strip().lower() in _CLAUSE_JOINERS:
            return None  # `“…” the legal footing for a peace deal and said`: another clause
        end = word.end()
        q = skip_space(text, _skip_adverbs(text, end, limit), limit)
        cue = _cue_at(text, q, limit)
        if cue is not None:
            return _att(Phrase(text[sp.start : end], sp.start, end, "nominal"), cue)
    return None


def _cue_nearby(text: str, p: int, limit: int, cue: CueMatch) -> Attribution | None:
    """The first cue after the quote, a few words on, and the phrase reaching back to it."""
    if len(tokens(text, p, cue.start())) > 16 or not is_strong(cue.group()):
        return None
    if speaker_follows(cue.group()):
        sp3 = phrase_after(text, skip_space(text, cue.end(), limit), limit)
        return _att(sp3, cue) if sp3 is not None else None
    if text[p : cue.start()].rstrip().endswith(",") and cue.group().lower() in _INVERTING:
        # "“…” that Sanders can catch Clinton, said Steve Elmendorf"
        sp3 = phrase_after(text, skip_space(text, cue.end(), limit), limit)
        if sp3 is not None and sp3.category != "pronoun":
            return _att(sp3, cue)
    sp2 = phrase_before(text, cue.start(), p)
    if sp2 is None:
        listed = _ADJECTIVE_LIST_RE.fullmatch(text, p, cue.start())
        if listed is None:
            return None
        # "the bespectacled, 71-year-old diplomat said": adjectives in a list
        end = p + len(listed.group().rstrip())
        return _att(Phrase(text[p:end], p, end, "nominal"), cue)
    return _reaching_back(text, p, limit, cue, sp2)


# a bare plural or quantified group (`critics say`, `some analysts say`) sums up an opinion:
# it says no words of its own
_GENERIC_RE = re.compile(r"(?:(?:some|many|most|other|several)\s+)?[a-z]+s$")


_PREMODIFIERS = lexicon.words("role_nouns") | lexicon.words("role_words")


def _ends_at_comma(lead: str) -> bool:
    """`…, she said`, or `…, Republican candidate Ben Carson said`: after the comma only
    the name's premodifiers (capitalised words and role nouns)."""
    _, comma, tail = lead.rpartition(",")
    return bool(comma) and all(w[:1].isupper() or w.lower() in _PREMODIFIERS for w in tail.split())


def _reaching_back(text: str, p: int, limit: int, cue: CueMatch, sp2: Phrase) -> Attribution | None:
    """The speaker before a cue a few words after the quote, if the words between allow."""
    lead = text[p : sp2.start]
    if not lead.strip(" ,"):
        return _att(sp2, cue)
    if (
        (sp2.category != "nominal" or not _GENERIC_RE.match(sp2.text))
        and _ends_at_comma(lead)
        and not re.search(r"[.;:!?“”\"]", lead)
        and len(tokens(text, p, sp2.start)) <= 16
        and _SENTENCE_TAIL_RE.match(text, cue.end(), limit)
    ):
        # `“…” for criminal behavior, she said.`, `…, the lawsuit says.`: the sentence's
        # closing attribution, unless a cue before the quote claims it (see `extract`)
        return _att(sp2, cue, "closing")
    lead_words = [t[0].lower() for t in tokens(text, p, sp2.start)]
    # an -ing or -ed word followed by another word of the phrase modifies it
    # ("policy planning director", "ranking member"); a last one is a verb
    verbish = [
        (w in _NOT_IN_NP and not _joins_roles(lead_words, k))
        or (w.endswith(("ing", "ed")) and k == len(lead_words) - 1)
        for k, w in enumerate(lead_words)
    ]
    if re.search(r"[.;:!?“”\",]", lead) or len(lead_words) > 8 or any(verbish):
        return None
    # "Sanders campaign manager Jeff Weaver said": the whole phrase is the mention
    if "," not in lead:
        sp2 = Phrase(text[p : sp2.end], p, sp2.end, sp2.category)
    return _att(sp2, cue)


def _named_in_apposition(text: str, sp: Phrase, end: int) -> Phrase:
    """`the White House spokesman, Josh Earnest,`: the role and the name it gives."""
    name = _name_after_comma(text, sp, end)
    if name is None or text[name.end : end].strip() not in ("", ","):
        return sp
    return _role_and_name(text, sp, name)


def _name_after_comma(text: str, sp: Phrase, limit: int) -> Phrase | None:
    """The name right after a comma that follows a role (`the spokesman, Josh Earnest`)."""
    comma = re.match(r"\s*,\s*", text[sp.end : limit])
    name = phrase_after(text, sp.end + comma.end(), limit) if comma else None
    return name if name is not None and name.category == "name" else None


def _role_and_name(text: str, role: Phrase, name: Phrase) -> Phrase:
    return Phrase(text[role.start : name.end], role.start, name.end, "name")


def _joins_roles(words: list[str], k: int) -> bool:
    """`lead researcher and NASA planetary scientist Lucas Paganini`: an `and` between roles."""
    return (
        words[k] == "and"
        and 0 < k < len(words) - 1
        and words[k - 1] not in _NOT_IN_NP
        and words[k + 1] not in _NOT_IN_NP | DETERMINERS | PRONOUNS
    )


_ADJECTIVE_LIST_RE = re.compile(
    r"(?:the|a|an)\s+(?:[a-z][\w-]*,\s+){1,3}(?:[\w-]+\s+){0,2}[a-z][\w-]*\s*", re.IGNORECASE
)


_LABEL_RE = re.compile(r"^\s*([^:“”\"]{2,160}):\s*$")


def label_before(text: str, floor: int, open_at: int) -> Attribution | None:
    """`Name, Role: “…”` at the start of a sentence."""
    seg = text[floor:open_at]
    m = _LABEL_RE.match(seg)
    if not m or CUE_RE.search(seg) or SPEECH_NOUN_RE.search(seg):
        return None
    sp = phrase_after(text, skip_space(text, floor, open_at), open_at)
    if sp is None or sp.category != "name":
        return None
    rest = text[sp.end : floor + m.end(1)]
    if rest.strip() and not rest.lstrip().startswith(","):
        return None
    colon = floor + m.end(1)
    return Attribution(sp, ":", colon, colon + 1, "label")


def _words_between(text: str, a: int, b: int) -> int:
    return len(tokens(text, a, b))


GAP_LIMIT = 60
WEAK_GAP = 8


def _past_paren(text: str, pos: int, limit: int) -> int:
    """Past the spaces and an opening parenthesis that start a sentence: `(Grayson's aide
    challenged the claim, and said …` is still a sentence with a subject."""
    while pos < limit and (text[pos].isspace() or text[pos] == "("):
        pos += 1
    return pos


def subject_of_sentence(text: str, floor: int, limit: int) -> Phrase | None:
    """The first noun phrase of a sentence, past a leading adverbial (`In a statement, X`)
    and an opening bracket (a sentence set in parentheses is still a sentence)."""
    pos = _past_paren(text, floor, limit)
    m = re.match(r"\s*(?:[A-Z][^,.;:“”\"]{0,60},\s+)", text[pos:limit])
    sp = None
    if m:
        sp = phrase_after(text, skip_space(text, pos + m.end(), limit), limit)
    if sp is None:
        sp = phrase_after(text, skip_space(text, pos, limit), limit)
    if sp is None:
        lead = re.match(
            r"\s*(Even|Still|Yet|Also|Then|Now|And|But|So|Instead|Indeed)\s+", text[pos:limit]
        )
        if lead is not None:  # "Even the hostile crowd …"
            sp = phrase_after(text, pos + lead.end(), limit)
    if sp is None or (sp.category == "pronoun" and sp.text.lower() == "it"):
        return None
    return before_its_verb(text, sp)


# A past-tense cue after `the <word>` is the verb of that subject ("the DNC said"), not a
# noun ("the report:").
_PAST_RE = re.compile(r"said|told|wrote|spoke|swore|[a-z]+ed", re.IGNORECASE)


def before_quote(
    text: str, floor: int, open_at: int, quote_words: int, sent_floor: int | None = None
) -> Attribution | None:
    """A cue earlier in the quote's sentence, with its speaker before or after it.

    When the cue is found but no speaker next to it (`…, promising that “…”`), the subject
    of the sentence is taken, or none.
    """
    sent = floor if sent_floor is None else sent_floor
    fallback: Attribution | None = None
    for cue in reversed(find_cues(text, floor, open_at)):
        gap = _words_between(text, cue.end(), open_at)
        if not _usable_cue(text, cue, floor, open_at, quote_words, sent, gap):
            continue
        att, skip = _speaker_at_cue(text, cue, floor, open_at, gap, sent)
        if att is not None:
            return att
        if not skip and fallback is None:
            fallback = _subject_fallback(text, cue, floor, sent)
    return fallback


def _usable_cue(
    text: str, cue: CueMatch, floor: int, open_at: int, quote_words: int, sent: int, gap: int
) -> bool:
    """A cue that may attribute a quote `gap` words after it."""
    strong = is_strong(cue.group())
    if not strong and gap > 2 and not _weak_cue_ok(text, cue, floor, gap):
        return False
    if _noun_use(text, floor, cue, strong):
        return False  # "in a recent report:", "a snappy retort:" — the noun, not the verb
    if is_noisy(cue.group()) and gap > 8:
        return False
    short_far = (quote_words == 1 and gap > 3) or (quote_words < 4 and gap > 24)
    if short_far and not _reported_fragment(text, cue, open_at, sent):
        return False
    return gap <= GAP_LIMIT


def _weak_cue_ok(text: str, cue: CueMatch, floor: int, gap: int) -> bool:
    """A noun-like cue ("vows", "claims") is a verb right after its subject."""
    subject = phrase_before(text, cue.start(), floor)
    if gap > WEAK_GAP or subject is None:
        return False
    return bool(re.search(r"[\w’'.)]\s+$", text[max(floor, cue.start() - 3) : cue.start()]))


_NOUN_USE_RE = re.compile(
    r"(?:\b(?:a|an|the|his|her|its|their|this|(?P<of>of))|(?<!\b[Hh]e)(?<!\b[Ss]he)"
    r"(?<!\b[Ii]t)['’]s)\s+(?:([\w-]+)\s+)?$",
    re.IGNORECASE,
)


def _noun_use(text: str, floor: int, cue: CueMatch, strong: bool) -> bool:
    """The cue word used as a noun after a determiner (but "Noboa’s government vows", "the
    campaign says": a body speaks)."""
    noun_use = _NOUN_USE_RE.search(text[max(floor, cue.start() - 30) : cue.start()])
    if noun_use is None:
        return False
    if noun_use.group("of") and strong:
        return False  # `37 percent of Americans say`; but `a flurry of late-night tweets`
    if strong and re.fullmatch(r"[a-z]+[^s]s", cue.group().lower()):
        return False  # `the executive says`: a present-tense verb, never a noun
    return (noun_use.group(2) or "").lower() not in BODIES and not (
        noun_use.group(2) and _PAST_RE.fullmatch(cue.group())
    )


_TELL = frozenset({"tell", "tells", "told", "telling"})


def _speaker_at_cue(
    text: str, cue: CueMatch, floor: int, open_at: int, gap: int, sent: int
) -> tuple[Attribution | None, bool]:
    """The speaker of a usable cue: (its attribution, or None and whether to skip the cue)."""
    participle = participle_subject(text, cue, sent)
    if participle is not None:
        return _att(participle, cue, "before"), False
    sp = phrase_before(text, cue.start(), floor)
    after = phrase_after(text, skip_space(text, cue.end(), open_at), open_at)
    if after is not None and cue.group().lower() in _TELL:
        after = None  # `telling Reuters, “…”`: who is told is never who speaks
    if speaker_follows(cue.group().lower()) or _inverted_speaker(text, sp, after, open_at):
        return (_att(after, cue, "before"), False) if after is not None else (None, True)
    if sp is not None:
        return _att(sp, cue, "before"), False
    if (
        after is not None
        and (gap <= 12 or SPEECH_NOUN_RE.search(after.text))
        and (after.category == "name" or SPEECH_NOUN_RE.search(after.text))
        and re.match(r"[^.;]{0,120}[,:]\s*$", text[after.end : open_at])
    ):
        # "Said Trump: …", "as explained an article published by …:"
        return _att(after, cue, "before"), False
    return None, False


def _inverted_speaker(text: str, sp: Phrase | None, after: Phrase | None, open_at: int) -> bool:
    """A name right after the cue that is its speaker: `said Trump, “…”`."""
    if after is None or after.category != "name":
        return False
    rest = text[after.end : open_at]
    return bool(
        (re.match(r"\s*(?:\([^()]*\))?\s*[,:]", rest) and (sp is None or sp.category == "nominal"))
        # `“A,” said Fallon. “B.”`: the inverted speaker ends the sentence
        or (sp is None and re.match(r"\s*\.\s*$", rest))
    )


def _subject_fallback(text: str, cue: CueMatch, floor: int, sent: int) -> Attribution:
    """A cue with no speaker next to it: the subject of its sentence, or none."""
    subject = subject_of_sentence(text, sent, cue.start())
    if re.search(r"\b(?:and|but|then)\s*$", text[max(floor, cue.start() - 6) : cue.start()]):
        # "… and vowed, “…”": the speaker is the subject of an earlier clause, past any
        # fronted clause (`Asked whether …, Bush thought for a moment and said …`)
        subject = subject or main_subject(text, sent, cue.start())
        return _att(subject, cue, "coordinated")
    return _att(subject, cue, "before")


def participle_subject(text: str, cue: CueMatch, sent_floor: int) -> Phrase | None:
    """`Trump mocked her, saying …`: an -ing cue after a comma has its clause's subject.

    That is the speaker of an earlier cue (`X said, adding …`), else the subject of the
    nearest subordinate clause (`…, when protesters interrupted her, shouting …`), else the
    subject of the sentence past its fronted adverbials (`At a rally in Portsmouth, N.H.,
    on Tuesday, Sanders endorsed her, saying …`).
    """
    word = cue.group()
    if not word.lower().endswith("ing") or " " in word:
        return None
    if not _PARTICIPLE_LEAD.search(text[max(sent_floor, cue.start() - 8) : cue.start()]):
        return None
    earlier = [c for c in find_cues(text, sent_floor, cue.start()) if c.end() < cue.start()]
    if (
        earlier
        and is_strong(earlier[-1].group())
        and re.fullmatch(r"[\s,]*", text[earlier[-1].end() : cue.start()])
    ):
        prev = earlier[-1]
        sp = phrase_before(text, prev.start(), sent_floor)
        if sp is None:
            sp = phrase_after(text, skip_space(text, prev.end(), cue.start()), cue.start())
        return sp
    head = text[sent_floor : cue.start()]
    mark = re.search(r"[“”\"]|''", head)
    if mark is not None:
        # `Cruz said that there is “…,” adding that …`: the subject of the say-verb that
        # opens the sentence; any other quote before the cue decides for itself
        subject = main_subject(text, sent_floor, sent_floor + mark.start())
        if subject is None or subject.category == "pronoun":
            return None
        verb = find_cues(text, subject.end, sent_floor + mark.start())
        if not verb or not reports_speech(verb[0].group()):
            return None
        if tokens(text, subject.end, verb[0].start()):
            return None
        return subject
    subs = list(_SUBORDINATE_RE.finditer(text, sent_floor, cue.start()))
    if subs:
        sub = subs[-1]
        sp = phrase_after(text, sub.end(), cue.start())
        if sp is not None and re.match(r"\s+[a-z]", text[sp.end : cue.start()]):
            return sp
    return main_subject(text, sent_floor, cue.start())


_PARTICIPLE_LEAD = re.compile(r"(?:,[”\"'’]*|\b(?:and|while|before|after|upon|by|when))\s*$")
_SUBORDINATE_RE = re.compile(r"(?:,|\beven)\s+(?:when|as|while|because|after|before|since)\s+")
_DATELINE_RE = re.compile(r"[^\n]{0,50}?\s(?:[—–]|--)\s")


# A verb in the past tense inside a phrase: "-ed", or a listed irregular form ("sent").
_PAST_VERB_RE = re.compile(
    r"\s(?:[a-z]+ed|" + "|".join(sorted(lexicon.words("irregular_past"))) + r")\b"
)


def before_its_verb(text: str, sp: Phrase | None) -> Phrase | None:
    """A nominal phrase ends before its verb: "Ryan’s campaign shrugged off …", "The
    candidate sent out an email …" (two words at least stay)."""
    if sp is None or sp.category != "nominal":
        return sp
    verb = _PAST_VERB_RE.search(text[sp.start : sp.end])
    if verb is None or len(tokens(text, sp.start, sp.start + verb.start())) < 2:
        return sp
    end = sp.start + verb.start()
    return Phrase(text[sp.start : end], sp.start, end, "nominal")


def main_subject(text: str, floor: int, limit: int) -> Phrase | None:
    """The subject of a sentence, past a dateline and any fronted adverbial phrases.

    None for `I`/`we`/`you`, `it` and `there`: no speaker to credit.
    """
    floor = _past_paren(text, floor, limit)
    dateline = _DATELINE_RE.match(text, floor, limit)
    if dateline and not re.search(r"[a-z]{4,}", dateline.group()):
        floor = dateline.end()
    first = tokens(text, floor, min(limit, floor + 40))
    if len(first) > 1 and first[0][0].lower() in _FRONTING_DEGREE:
        first = first[1:]  # "Ever since the vote, …", "Shortly after …"
    if first and (first[0][0].lower() in _FRONTING or first[0][0].endswith("ing")):
        for comma in list(re.finditer(",", text[floor:limit]))[:5]:
            pos = skip_space(text, floor + comma.end(), limit)
            sp = phrase_after(text, pos, limit)
            if sp is not None and (
                sp.category == "pronoun" or re.match(r"\s+[a-z]", text[sp.end : limit])
            ):
                return sp
        return None
    sp = before_its_verb(text, phrase_after(text, skip_space(text, floor, limit), limit))
    if sp is not None and sp.text.lower() in _FIRST_PERSON | {"it", "there", "this"}:
        return None
    return sp


_FRONTING = lexicon.words("fronting")
_FRONTING_DEGREE = lexicon.words("fronting_degree")


_ASIDE_RE = re.compile(rf"(?:[^,.;:!?“”\"]|{TITLE_STOP}){{1,80}},")


def _reported_fragment(text: str, cue: CueMatch, open_at: int, floor: int) -> bool:
    """A short quote in the complement of `X said …`, not set off by brackets or dashes.

    `According to X, …` opening the sentence reports all of it the same way.
    """
    if speaker_follows(cue.group()) and not text[floor : cue.start()].strip(" \t\n,"):
        comma = _ASIDE_RE.match(text, cue.end(), open_at)  # `According to Mr. Trump,`
        return comma is not None and not re.search(r"[;:()\[\]—–]", text[cue.end() : open_at])
    if not reports_speech(cue.group()):
        return False
    between = text[cue.end() : open_at]
    if between.lstrip().startswith(",") and "," in between.lstrip()[1:]:
        # `The plan, he said, would be modelled on Plan Colombia, the program that burnt
        # through US “aid” funds`: past the aside's clause, the writer's own apposition
        return False
    if re.search(r"[;:()\[\]—–]", between) or _words_between(text, cue.end(), open_at) > GAP_LIMIT:
        return False
    sp = phrase_before(text, cue.start(), floor) or participle_subject(text, cue, floor)
    if sp is None and re.search(r"\band\s+$", text[max(floor, cue.start() - 6) : cue.start()]):
        # "Mr. Trump was forced into damage control and said that …": the first verb's subject
        sp = main_subject(text, floor, cue.start())
    return sp is not None


_CAPWORD = r"[A-Z][\w’'.&-]*"
_PUBLICATION_RE = re.compile(
    r"(?:^\s*(?:[Ff]rom|[Pp]er|[Vv]ia|[Aa]nd from|[Aa]s per)|"
    rf"(?:{'|'.join(sorted(SPEECH_NOUNS))})s?"
    rf"\s+(?:in|from|by|of))\s+((?:the\s+)?{_CAPWORD}"
    rf"(?:\s+(?:of|on|for|and|the|de|del|la|{_CAPWORD}))*(?::\s+{_CAPWORD}(?:\s+{_CAPWORD})*)?)"
    r"(?:\s*\([^)]*\))?\s*:\s*$"
)
SPEECH_NOUN_RE = re.compile(
    r"\b(" + "|".join(sorted(SPEECH_NOUNS, key=len, reverse=True)) + r")s?\b", re.IGNORECASE
)
_NOUN_VERB_RE = re.compile(
    r"\b([a-z]+)\s+(?:(?:a|an|the|this|that|his|her|its|their|following|these)\s+)?"
    r"(?:[\w-]+\s+){0,2}$"
)

# `with` before the speech noun: "X closed the meeting with a short statement:".
_WITH_NOUN_RE = re.compile(r"\bwith\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w-]+\s+)?$")
# A passive verb between the subject and `with`: "X was greeted with a message:".
_AUX = r"(?:been|was|were|is|are|be|being|get|got)"
_PASSIVE_RE = re.compile(rf"\b{_AUX}\s+(?:\w+ly\s+)?\w+(?:ed|en)\b")


def speech_noun_speaker(text: str, floor: int, colon_at: int) -> Attribution | None:
    """`X made the following statement:` / `X issued a statement:` -> X, before a colon."""
    for m in reversed(list(SPEECH_NOUN_RE.finditer(text, floor, colon_at))):
        rels = list(re.finditer(r",\s+(?:which|who)\b", text[floor : m.start()]))
        rel = rels[-1] if rels else None
        if rel is not None and len(tokens(text, floor + rel.end(), m.start())) <= 5:
            # "the Heritage Foundation, which in a recent article provided …:"
            sp = phrase_before(text, floor + rel.start(), floor)
            if sp is not None:
                return Attribution(sp, m.group(), m.start(), m.end(), "intro")
        det = re.search(r"\b(the|this|that|its|their|his|her)\s+$", text[floor : m.start()])
        if det is not None and len(tokens(text, m.end(), colon_at)) <= 12:
            # "(though the letter itself is worth a read):" — the document speaks
            d0 = floor + det.start(1)
            sp = Phrase(text[d0 : m.end()], d0, m.end(), "nominal")
            return Attribution(sp, ":", colon_at, colon_at + 1, "intro")
        if len(tokens(text, m.end(), colon_at)) > 6:
            continue
        with_ = _WITH_NOUN_RE.search(text, floor, m.start())
        if with_ is not None:
            # "The mayor opened the session with a statement:" — the sentence's subject
            sp = main_subject(text, floor, with_.start())
            if (
                sp is not None
                and sp.category in ("name", "nominal", "pronoun")
                and not _PASSIVE_RE.search(text, sp.end, with_.start())  # "was greeted with"
            ):
                return Attribution(sp, m.group(), m.start(), m.end(), "intro")
        verb = _NOUN_VERB_RE.search(text, floor, m.start())
        if verb is not None and verb.group(1) not in ("of", "in", "to", "for", "with"):
            sp = phrase_before(text, verb.start(1), floor)
            if sp is not None and not (sp.category == "nominal" and SPEECH_NOUN_RE.search(sp.text)):
                return Attribution(sp, m.group(), m.start(), m.end(), "intro")
        sp = phrase_before(text, m.end(), floor)
        if sp is not None:
            return Attribution(sp, ":", colon_at, colon_at + 1, "intro")
    return None


def intro_speaker(text: str, floor: int, colon_at: int) -> Attribution | None:
    """The speaker named by a paragraph (or sentence) that introduces a quote with a colon."""
    att = before_quote(text, floor, colon_at + 1, 50)
    if att is not None and att.speaker is not None:
        if att.speaker.text.lower() in _FIRST_PERSON:
            return None
        return att
    seg = text[floor : colon_at + 1]
    m = _PUBLICATION_RE.search(seg)
    if m:
        start = floor + m.start(1)
        sp = phrase_after(text, start, colon_at)
        if sp is not None:
            return Attribution(sp, ":", colon_at, colon_at + 1, "intro")
    # "… made the following statement:" / "… the letter itself …:" — a document
    return speech_noun_speaker(text, floor, colon_at)


_NAMING_CUE_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|referr?(?:s|ed|ing)?\s+to|describ(?:e|es|ed|ing)|"
    r"dub(?:s|bed|bing)?|label(?:s|l?ed|l?ing)?|brand(?:s|ed|ing)?|nicknamed|"
    r"deem(?:s|ed|ing)?|pronounc(?:e|es|ed|ing)|declar(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)
_AUX_RE = re.compile(rf"\b{_AUX}\b", re.IGNORECASE)


_WHAT_RE = re.compile(r"\bwhat\s+$", re.IGNORECASE)


_NAMING_STOP_RE = re.compile(r"[.;:!?](?:\s|$)|[()\[\]—–“”\"]")


def naming_speaker(text: str, floor: int, open_at: int) -> Attribution | None:
    """`he called Rubio “Little Marco”`, `what he called “sophisticated adversaries”`.

    A quoted name or label is someone's words when a person (a name or a pronoun) is the
    subject of the naming verb; `a group called “…”` and `was dubbed “…”` stay terms.
    """
    found = list(_NAMING_CUE_RE.finditer(text, floor, open_at))
    if not found:
        return None
    m = found[-1]
    stops = [
        p
        for p in _NAMING_STOP_RE.finditer(text, m.end(), open_at)
        if not is_abbreviation(text, p.start())  # `called Mrs. Schlafly an “Aunt Tom”`
    ]
    if len(tokens(text, m.end(), open_at)) > 16 or stops:
        return None
    cue = CueMatch(m.group(), m.start(), m.end())
    sp = phrase_before(text, m.start(), floor)
    if m.group().lower().endswith("ing"):
        sp = participle_subject(text, cue, floor) if sp is None else None
    if sp is not None and sp.category == "nominal" and _WHAT_RE.search(text, floor, sp.start):
        pass  # `in what one Latino conservative has dubbed “the yuca primary”`: their naming
    elif sp is None or sp.category not in ("name", "pronoun") or sp.text.lower() in ("it", "who"):
        return None
    if _AUX_RE.search(text[sp.end : m.start()]):
        return None  # "Duterte has been called the “Trump of the East”": by whom?
    return Attribution(sp, m.group(), m.start(), m.end(), "naming")


def outer_speaker(text: str, sent_floor: int, att: Attribution) -> Attribution | None:
    """`Rubio said he has begun to unmask Trump, whom he called a “con artist”`: Rubio.

    A pronoun that names something inside the complement of an earlier say-verb of the same sentence
    refers to that verb's named subject, and the words are reported by the outer clause.
    """
    sp = att.speaker
    if sp is None or sp.text.lower() in _FIRST_PERSON:
        return None
    naming = bool(_NAMING_CUE_RE.fullmatch(att.cue_text))
    if naming and sp.category != "pronoun":
        return None
    if not naming and (reports_speech(att.cue_text) or not CUE_RE.fullmatch(att.cue_text)):
        return None  # `X said that he had spoken to Y` keeps its own speaker
    # `He said that he would offer “a prayer”`: a verb of thinking or offering inside a
    # say-verb's complement is reported by the say-verb
    for outer in reversed(find_cues(text, sent_floor, sp.start)):
        if reports_speech(outer.group()):
            if re.search(
                r"[―—–;]|,\s*(?:but|and|while|although|though|yet)\b", text[outer.end() : sp.start]
            ):
                # `When Clinton noted that … ― Trump boasted, “…”`, `Stevens says, but she
                # cautions that …`: a new clause, not the say-verb's complement
                return None
            named = phrase_before(text, outer.start(), sent_floor)
            if named is not None and (named.category == "name" or not naming):
                return Attribution(named, outer.group(), outer.start(), outer.end(), "outer")
            return None
    return None


def is_first_person(phrase: Phrase | None) -> bool:
    return phrase is not None and phrase.text.lower() in _FIRST_PERSON
