"""Noun phrases at the edge of a cue: the speaker mention, found by walking over words.

No parser: a speaker in news English is a pronoun, a run of capitalised words (with titles,
initials, particles like `de` or `bin`, and a parenthesis such as `(R-TX)`), or a short
determiner phrase (`the chancellor`, `a State spokesperson`). Appositions between commas
are stepped over (`Hugh Hill, a doctor at the clinic, said`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.extract import lexicon
from verifier.extract.cues import is_cue_word

WORD_RE = re.compile(r"[^\W_](?:[\w’'.\-&]*[\w.])?|[^\w\s]")

PRONOUNS = lexicon.words("pronouns")
# Quantifiers that stand for people on their own: "Some chanted …", "“…,” tweeted another".
QUANTIFIERS = lexicon.words("quantifiers")
DETERMINERS = lexicon.words("determiners")
PARTICLES = lexicon.words("particles")
TITLES = lexicon.words("titles")
# Lowercase words that may sit inside a nominal speaker ("the top official", "a spokesman").
_STOP_BACK = lexicon.words("stop_back")
SKIP_BEFORE_CUE = lexicon.words("skip_before_cue")


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    start: int
    end: int
    category: str  # "pronoun" | "name" | "nominal"


TEMPORAL = lexicon.words("temporal")


def _phrase(text: str, start: int, end: int, category: str) -> Phrase | None:
    """A phrase without a sentence-final full stop ("according to State."), never a date."""
    if text[end - 1 : end] == ".":
        word = text[start:end].split()[-1].rstrip(".")
        if len(word) > 2 and "." not in word and word.lower() + "." not in TITLES:
            end -= 1
    last = re.sub(r"[^\w]", "", text[start:end].split()[-1].lower()) if end > start else ""
    if last in TEMPORAL:
        return None  # "said Wednesday", "Donald Trump on Saturday", "this week"
    return Phrase(text[start:end], start, end, category)


def _cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() is False and tok.isupper() and len(tok) > 1)


def skip_space(text: str, pos: int, limit: int) -> int:
    """The first non-space position at or after `pos`, or `limit`."""
    while pos < limit and text[pos].isspace():
        pos += 1
    return pos


def tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]


_OPENERS = lexicon.words("openers")


# abbreviations that may stand inside a name, beside the titles (`Pres. Obama`)
_NAME_ABBREVIATIONS = lexicon.words("name_abbreviations")


def _name_back(text: str, toks: list[tuple[str, int, int]], i: int) -> int:
    """Index of the first token of the capitalised run that ends at token `i`.

    A run never crosses a line break (a heading above is not part of the name)."""
    j = i
    while j - 1 >= 0:
        if "\n" in text[toks[j - 1][2] : toks[j][1]]:
            break
        tok = toks[j - 1][0]
        if (
            tok.endswith(".")
            and len(tok) > 2
            and "." not in tok[:-1]
            and tok.lower() not in TITLES | _NAME_ABBREVIATIONS
        ):
            break  # `on Monday. Gail Harmon said`: a sentence ends before the name
        if _cap(tok):
            j -= 1
            continue
        if tok.lower() in PARTICLES and j - 2 >= 0 and _cap(toks[j - 2][0]) and tok != "and":
            j -= 1
            continue
        break
    return j


# roles held towards a country or a person: `ambassador to Britain`, `adviser to Trump`
_ROLES_TO = lexicon.words("roles_to")
_PERSON_ROLES = lexicon.words("role_nouns") | lexicon.words("role_words")


Tok = tuple[str, int, int]
_NO = Phrase("", -1, -1, "none")  # "no speaker, stop looking" (a sentinel, never returned)


# Words whose `’s` is `is` or `has`, never a possessive.
_CONTRACTED = frozenset(
    {"he", "she", "it", "that", "this", "there", "here", "what", "who", "where"}
)
# Prepositions whose object is never the subject of the cue after it (`sources inside the
# camp said`); not `from`, whose object speaks (`a reply from Obama, who called it`).
_STEP_BACK_PREPS = (lexicon.words("place_preps") - {"from"}) | {"during", "inside", "within"}
_PP_BEFORE_RE = re.compile(r"\b(?:" + "|".join(sorted(_STEP_BACK_PREPS)) + r")\s+$", re.IGNORECASE)


def phrase_before(text: str, end: int, floor: int) -> Phrase | None:
    """The speaker phrase that ends at `end` (the words right before a cue).

    The object of a preposition is not the subject of the cue: `Beck, who has in the past
    described`, `when Trump in his announcement speech called` step back over it (unless
    nothing stands before it: `voters in each state say` keeps what it has).
    """
    found = _phrase_before(text, end, floor)
    if found is None or found.start <= floor:
        return found
    pp = _PP_BEFORE_RE.search(text, max(floor, found.start - 8), found.start)
    return (phrase_before(text, pp.start(), floor) if pp else None) or found


def _phrase_before(text: str, end: int, floor: int) -> Phrase | None:
    contraction = re.search(r"[’']s\s+$", text[max(floor, end - 8) : end])
    if contraction is not None:
        end = max(floor, end - 8) + contraction.start()  # "He’s predicting": he is
    toks = tokens(text, floor, end)
    i = len(toks) - 1
    while i >= 0 and toks[i][0].lower() in SKIP_BEFORE_CUE and not _titled(toks, i):
        i -= 1
    if i < 0 or (toks[i][0].lower().rstrip(".") in TEMPORAL and not _titled(toks, i)):
        return None  # "tweets early Friday saying": a time, not who speaks
    share = _SHARE_RE.search(text, floor, toks[i][2])
    if share is not None:
        # "37 percent of Americans say", "63 percent said": a share of a group
        return Phrase(share.group(), share.start(), share.end(), "nominal")
    relative = _relative_subject(text, toks, i, floor)
    if relative is not None:
        return None if relative is _NO else relative
    i = _before_parenthesis(toks, i)
    if i < 0:
        return None
    found, i = _past_asides(text, toks, i, floor)
    if found is not None:
        return None if found is _NO else found
    return _head_phrase(text, toks, i, floor)


def _relative_subject(text: str, toks: list[Tok], i: int, floor: int) -> Phrase | None:
    """The speaker when the cue's subject is a relative pronoun (`_NO` for none, None when
    it is not one).

    `Lasso, who said in LA:` — the mention is "who", if it has an antecedent (resolution goes
    back to it, see `antecedent`). `a retired general who suggested` — a restrictive `who`
    after a person by role: the role speaks; but `Garin, a Democratic pollster who advised`
    stays Garin's apposition.
    """
    word = toks[i][0].lower()
    if word in ("who", "which") and i >= 1 and toks[i - 1][0] == ",":
        if antecedent(text, toks[i][1], floor) is None:
            return _NO
        return Phrase(toks[i][0], toks[i][1], toks[i][2], "pronoun")
    if word == "who" and i >= 1 and toks[i - 1][0].lower() in _PERSON_ROLES:
        role = _phrase_before(text, toks[i][1], floor)
        if role is not None and not text[floor : role.start].rstrip().endswith(","):
            ofs = list(re.finditer(r"\sof\s+", role.text))  # `the support of a general who`
            cut = role.start + ofs[-1].end() if ofs else role.start
            return Phrase(text[cut : role.end], cut, role.end, role.category)
    return None


def _titled(toks: list[Tok], i: int) -> bool:
    """A capitalised word after a title is a name: `Ms. May said`, not the verb `may`."""
    return i > 0 and toks[i][0][:1].isupper() and toks[i - 1][0].lower() in TITLES


def _before_parenthesis(toks: list[Tok], i: int) -> int:
    """The token before a parenthesis that ends at `i`: "Dan Crenshaw (R-TX) said"; -1 if none."""
    if toks[i][0] != ")":
        return i
    depth = 0
    k = i
    while k >= 0:
        if toks[k][0] == ")":
            depth += 1
        elif toks[k][0] == "(":
            depth -= 1
            if depth == 0:
                break
        k -= 1
    return -1 if k <= 0 else k - 1


def _past_asides(text: str, toks: list[Tok], i: int, floor: int) -> tuple[Phrase | None, int]:
    """Step back over a company suffix and an apposition between commas before the cue.

    Returns (a phrase, or `_NO` to stop with no speaker, or None to go on; the new `i`).
    """
    suffix, i = _corporate_suffix(toks, i)
    if toks[i][0] != ",":
        return None, i
    # an apposition between commas: "Hugh Hill, a doctor at the clinic, said"
    k = i - 1
    while k >= 0 and toks[k][0] != "," and i - k <= 40:
        if toks[k][0] in '.;:!?“”"':
            return _NO, i
        k -= 1
    if k < 0 or toks[k][0] != ",":
        return _company(text, toks, i - 1, suffix) or _NO, i
    inner = phrase_after(text, toks[k][2], toks[i][1])
    if (
        inner is not None
        and inner.category == "name"
        and not text[inner.end : toks[i][1]].strip()
        and len(inner.text.split()) >= 2
        and not any(w.lower().strip(",.") in _ROLE_IN_APPOSITION for w in inner.text.split())
    ):
        return inner, i  # "The foreign minister of Peru, Javier González-Olaechea, said"
    i = _before_asides(text, toks, k) - 1
    if i < 0:
        return _NO, i
    if toks[i][0] == ")":
        return phrase_before(text, toks[i][2], floor) or _NO, i
    return None, i


def _corporate_suffix(toks: list[Tok], i: int) -> tuple[Tok | None, int]:
    """A company's suffix is part of its name: "Sales for Dräger, Inc., says"."""
    if (
        toks[i][0] == ","
        and i >= 2
        and toks[i - 1][0].rstrip(".").lower() in _CORPORATE
        and toks[i - 2][0] == ","
    ):
        return toks[i - 1], i - 2
    return None, i


def _before_asides(text: str, toks: list[Tok], k: int) -> int:
    """More asides before an apposition: "Cory James, 22, of Flint, Mich., said"."""
    for _ in range(3):
        j = k - 1
        while j >= 0 and toks[j][0] not in ',.;:!?“”"' and k - j <= 12:
            j -= 1
        aside = text[toks[j][2] : toks[k][1]].strip() if j >= 1 else ""
        if j < 1 or toks[j][0] != "," or not _ASIDE_RE.fullmatch(aside):
            break
        k = j
    return k


def _head_phrase(text: str, toks: list[Tok], i: int, floor: int) -> Phrase | None:
    """The phrase whose last word is `toks[i]`: a pronoun, a name or a nominal."""
    word = toks[i][0]
    low = word.lower()
    if low in PRONOUNS:
        return Phrase(word, toks[i][1], toks[i][2], "pronoun")
    if low in QUANTIFIERS and (i == 0 or toks[i - 1][0] in ".,;:!?“”\"'’"):
        return Phrase(word, toks[i][1], toks[i][2], "nominal")  # "Some chanted “USA!”"
    if _cap(word) and low not in _OPENERS:
        return _name_before(text, toks, i, floor)
    if not word[:1].isalpha():
        return None
    return _nominal_before(text, toks, i, floor)


def _name_before(text: str, toks: list[Tok], i: int, floor: int) -> Phrase | None:
    """A capitalised phrase ending at `i`, or the person or role it belongs to."""
    j = _name_back(text, toks, i)
    while j < i and toks[j][0].lower() in _OPENERS:
        j += 1
    # "China’s ambassador to Britain accused": the envoy, not the country
    if j - 2 >= 0 and toks[j - 1][0].lower() == "to" and toks[j - 2][0].lower() in _ROLES_TO:
        role = phrase_before(text, toks[j - 1][1], floor)
        if role is not None and role.category == "nominal":
            return _phrase(text, role.start, toks[i][2], "nominal")
    person = _person_before_role(text, toks, j, floor) or _person_of(text, toks, j, floor)
    if person is not None:
        return person
    # "the State Department", "a State spokesperson": keep the determiner
    if j - 1 >= 0 and toks[j - 1][0].lower() in _ATTACH_DETERMINERS:
        return _phrase(text, toks[j - 1][1], toks[i][2], "nominal")
    s = toks[j][1]
    return Phrase(text[s : toks[i][2]], s, toks[i][2], "name")


def _person_before_role(text: str, toks: list[Tok], j: int, floor: int) -> Phrase | None:
    """ "Pablo Paredes, head of CONADE (…) begged": the person before the role."""
    if j - 2 < 0 or toks[j - 1][0].lower() not in ("of", "for", "at"):
        return None
    k = j - 2
    while k >= 0 and j - k <= 6 and toks[k][0] != "," and not _cap(toks[k][0]):
        k -= 1
    if k >= 1 and toks[k][0] == ",":
        person = phrase_before(text, toks[k][1], floor)
        if person is not None and person.category == "name":
            return person
    return None


def _nominal_before(text: str, toks: list[Tok], i: int, floor: int) -> Phrase | None:
    """A nominal ending at `i`: walk back to a determiner over a few words."""
    k = i
    while k >= 0 and i - k < 12:
        w = toks[k][0]
        wl = w.lower()
        if _postmodifier_object(toks, i, k):
            k -= 2  # "an official familiar with the planning": the head is before "with"
            continue
        if (wl in DETERMINERS and wl != "that") or wl.endswith(("’s", "'s")):
            return _determined(text, toks, i, k, floor)
        if wl in _STOP_BACK or not w[:1].isalnum() or (k < i and is_cue_word(wl)):
            break
        k -= 1
    return _bare_plural(text, toks, i, k)


def _postmodifier_object(toks: list[Tok], i: int, k: int) -> bool:
    """A determiner at `k` that opens the object of a post-modifier's preposition."""
    return (
        toks[k][0].lower() in DETERMINERS
        and k >= 2
        and toks[k - 1][0].lower() in _POSTMOD_PREPS
        and i - k < 5
        and any(t[0].lower() in DETERMINERS for t in toks[max(0, k - 8) : k - 1])
    )


def _bare_plural(text: str, toks: list[Tok], i: int, k: int) -> Phrase | None:
    """A bare plural or a mass noun at the start of its clause ("officials said")."""
    if k >= i or not (k < 0 or toks[k][0].lower() in _STOP_BACK or not toks[k][0][:1].isalnum()):
        return None
    s = toks[k + 1][1]
    if (
        i - k <= 3
        and toks[i][0].lower().endswith("s")
        and toks[i][0].lower() not in _VERBS_BEFORE_ING  # "and begins yelling"
    ):
        return Phrase(text[s : toks[i][2]], s, toks[i][2], "nominal")
    return None


def _determined(text: str, toks: list[Tok], i: int, k: int, floor: int) -> Phrase | None:
    """The nominal from the determiner (or possessive) at `k` to `i`."""
    if toks[k][0].lower().endswith(("’s", "'s")):
        # "Ecuador’s president": extend over the possessor's name
        k = _name_back(text, toks, k)
        if k - 1 >= 0 and toks[k - 1][0].lower() in DETERMINERS:
            k -= 1
    if k == i:
        return None  # a bare determiner ("my") is no speaker
    if (
        k >= 3
        and toks[k - 1][0].lower() in _PLACE_PREPS
        and toks[k - 2][0].lower().endswith("ing")
        and toks[k - 2][0].isalpha()
    ):
        # "Protesters marching through the streets chanted": the marchers
        doer = phrase_before(text, toks[k - 2][1], floor)
        if doer is not None and doer.category in ("name", "nominal"):
            return Phrase(text[doer.start : toks[i][2]], doer.start, toks[i][2], "nominal")
    s = toks[k][1]
    return Phrase(text[s : toks[i][2]], s, toks[i][2], "nominal")


def _person_of(text: str, toks: list[tuple[str, int, int]], j: int, floor: int) -> Phrase | None:
    """`Anna Kowalski of the Coastal Trust said`: the person, not the body she belongs to.

    Only when the words before `of the` are a full name that opens with a first name.
    """
    from verifier.extract.gender import is_first_name

    if j < 4 or toks[j - 1][0] != "the" or toks[j - 2][0] != "of":
        return None
    person = phrase_before(text, toks[j - 2][1], floor)
    if person is None or person.category != "name":
        return None
    words = person.text.split()
    return person if len(words) >= 2 and is_first_name(words[0]) else None


def _company(
    text: str, toks: list[tuple[str, int, int]], i: int, suffix: tuple[str, int, int] | None
) -> Phrase | None:
    """`Acme, Inc., said`: the company's name with its suffix, not `Inc`."""
    if suffix is None or i < 0 or not _cap(toks[i][0]):
        return None
    j = _name_back(text, toks, i)
    return Phrase(text[toks[j][1] : suffix[2]], toks[j][1], suffix[2], "name")


_SHARE_RE = re.compile(
    r"\b\d[\d.,]*\s*(?:percent|per cent|%)(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2})?$"
)


# what stands between commas after a name: an age, a home town, a state, a role
_ASIDE_RE = re.compile(
    r"\d{1,3}|of\s+[^,]+|(?:a|an|the)\s+[^,]+|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z]{2}"
)
_CORPORATE = lexicon.words("corporate")
_VERBS_BEFORE_ING = lexicon.words("verbs_before_ing")


ROLE_WORDS = lexicon.words("role_words")
# words that make a capitalised apposition a job title, not the person's name
_ROLE_IN_APPOSITION = ROLE_WORDS | lexicon.words("apposition_roles")
_ATTACH_DETERMINERS = DETERMINERS - {"that", "this", "these", "those", "no", "any", "each"}


def antecedent(text: str, pos: int, floor: int) -> Phrase | None:
    """What a relative pronoun at `pos` refers to: the phrase before its comma."""
    j = pos
    while j > floor and text[j - 1].isspace():
        j -= 1
    if j <= floor or text[j - 1] != ",":
        return None
    found = phrase_before(text, j - 1, floor)
    return found if found is not None and found.category != "pronoun" else None


_POSTMOD_PREPS = lexicon.words("postmod_preps")

_AFTER_STOP = lexicon.words("after_stop")


# people spoken of as a group after a name: `said Trump campaign aides`
_GROUP_NOUNS = lexicon.words("group_nouns")


_OBJECTS = DETERMINERS | PRONOUNS | {"him", "her", "them", "us", "me"}


_PLACE_PREPS = lexicon.words("place_preps")


def _in_date_slash(toks: list[tuple[str, int, int]], j: int) -> bool:
    """A piece of `9/11` (tokens `9`, `/`, `11`) in a role: `said 9/11 widow Terry Strada`."""
    tok = toks[j][0]
    if tok == "/":
        return 0 < j < len(toks) - 1 and toks[j - 1][0].isdigit() and toks[j + 1][0].isdigit()
    return tok.isdigit() and (
        (j + 1 < len(toks) and toks[j + 1][0] == "/") or (j > 0 and toks[j - 1][0] == "/")
    )


def _role_words_end(toks: list[tuple[str, int, int]], k: int) -> int | None:
    """Index past up to three lowercase words from `k` that may name a role, or None.

    The first must not read as a verb (-ed, -ing, or an -s that is not -ss like `press`):
    then the capitalised words before it are a subject (`Mrs. Schlafly endorsed …`).
    """
    first = toks[k][0].rstrip(".")
    verb = first.endswith(("ed", "ing")) or (first.endswith("s") and not first.endswith("ss"))
    if verb and first not in _GROUP_NOUNS:
        return None
    m = k
    while m < len(toks) and m - k < 3:
        wl = toks[m][0]
        last = wl.endswith(".")  # `said Obama administration officials.`
        wl = wl.rstrip(".") if last else wl
        if not (wl.isalpha() and wl.islower()) or wl.endswith("ly") or is_cue_word(wl):
            break
        if wl in _AFTER_STOP or wl in PARTICLES or wl in _OPENERS or wl in DETERMINERS:
            break
        m += 1
        if last:
            break
    return m if m > k else None


def _role_then_person(
    text: str, toks: list[tuple[str, int, int]], k: int, ceil: int
) -> Phrase | None:
    """`NASA [planetary scientist] Lucas Paganini`: up to three role words, then a full name."""
    m = _role_words_end(toks, k)
    if m is None or m >= len(toks) or not _cap(toks[m][0]):
        return None
    if toks[m][0].lower().rstrip(".") in TEMPORAL:
        return None
    person = phrase_after(text, toks[m][1], ceil)
    if person is None or person.category != "name" or len(person.text.split()) < 2:
        return None
    return person


def phrase_after(text: str, start: int, ceil: int) -> Phrase | None:
    """The speaker phrase that begins at `start` (the words right after a cue)."""
    toks = tokens(text, start, min(ceil, start + 200))
    if not toks:
        return None
    while len(toks) > 2 and toks[0][0].lower() in _OPENERS - DETERMINERS and toks[1][0] == ",":
        toks = toks[2:]
    word, s, e = toks[0]
    low = word.lower()
    if low in PRONOUNS:
        return Phrase(word, s, e, "pronoun")
    quantity = _quantity_after(text, toks)
    if quantity is not None:
        return quantity
    if low in _OPENERS and low not in DETERMINERS:
        return None
    if low[:-2] in _CONTRACTED and low.endswith(("’s", "'s")):
        # `That’s produced a strategy`, `He’s`: "that is / has", not a possessive
        return Phrase(word[:-2], s, e - 2, "pronoun") if low[:-2] in PRONOUNS else None
    if low in DETERMINERS or low.endswith(("’s", "'s")):
        return _words_after(text, toks, 1, "nominal", ceil)
    if not _cap(word):
        return _role_then_name_after(text, toks, ceil)
    return _words_after(text, toks, 0, "name", ceil)


def _quantity_after(text: str, toks: list[Tok]) -> Phrase | None:
    """`“…,” tweeted another.`, `said one of two witnesses who …`: a share of people."""
    word, s, _ = toks[0]
    low = word.lower()
    if low.rstrip(".") in QUANTIFIERS and (
        len(toks) == 1 or low.endswith(".") or toks[1][0] in ".,;:!?"
    ):
        word = word.rstrip(".")
        return Phrase(word, s, s + len(word), "nominal")
    if low in QUANTIFIERS and len(toks) > 2 and toks[1][0].lower() == "of":
        # the share, up to its relative clause
        k = 2
        while (
            k < min(len(toks), 9)
            and toks[k][0][:1].isalnum()
            and toks[k][0].lower() not in ("who", "which", "that")
        ):
            k += 1
        if k > 2:
            return _phrase(text, s, toks[k - 1][2], "nominal")
    return None


def _role_then_name_after(text: str, toks: list[Tok], ceil: int) -> Phrase | None:
    """ "said pollster Frank Luntz", "said campaign manager Robby Mook": role words, a name."""
    j = 0
    while (
        j < min(4, len(toks))
        and (
            (toks[j][0][:1].islower() and toks[j][0].isalpha())
            or re.fullmatch(r"\d+-[a-z-]+", toks[j][0])  # "43-year-old"
            or _in_date_slash(toks, j)  # "9/11 widow"
        )
        and (toks[j][0] not in _AFTER_STOP or (toks[j][0] == "and" and j > 0))
        and not is_cue_word(toks[j][0])
    ):
        j += 1  # "said lead researcher and NASA planetary scientist Lucas Paganini"
    if j == 0 or j >= len(toks) or not _cap(toks[j][0]):
        return None
    rest = phrase_after(text, toks[j][1], ceil)
    if rest is None or rest.category != "name":
        return None
    return _phrase(text, toks[0][1], rest.end, "name")


def _words_after(text: str, toks: list[Tok], i: int, category: str, ceil: int) -> Phrase | None:
    """A name or a nominal from `toks[i]` on: capitalised words, particles, a head noun."""
    end_i = i - 1
    k = i
    while k < len(toks) and k - i < 12:
        w = toks[k][0]
        wl = w.lower().rstrip(".")
        if k > i and _ends_sentence(w):
            # a sentence ends here: the word is the phrase's last, if it belongs at all
            last = _last_word(text, toks, i, k, end_i, category)
            if not isinstance(last, int):
                return last
            end_i = last
            break
        if _cap(w):
            end_i = k
        elif _joins_name(toks, k, wl, category):
            pass  # "Secretary of State", "US Southern Command chief Gen. Donovan"
        elif w == "(":
            close = _closing_paren(toks, k)
            if close is None or (category == "name" and end_i >= i):
                break
            k = close
        elif category == "nominal" and k > i and _verb_and_object(toks, k, wl):
            break  # `His operatives replaced it`: a verb and its object end the phrase
        elif category == "nominal" and _may_head(w, wl, k == i):
            end_i = k  # the head noun may be a cue's noun form: "the report stated", "the ruling"
        elif category == "name" and end_i >= i:
            found = _name_then_role(text, toks, k, ceil)
            if found is not None:
                return found
            break
        else:
            break
        k += 1
    return _end_phrase(text, toks, i, end_i, category)


def _ends_sentence(w: str) -> bool:
    """A word with a full stop that is no title's (`Gov.`): the sentence ends with it."""
    return w.endswith(".") and len(w) > 4 and w.lower().rstrip(".") + "." not in TITLES


def _closing_paren(toks: list[Tok], k: int) -> int | None:
    return next((m for m in range(k, min(k + 8, len(toks))) if toks[m][0] == ")"), None)


def _end_phrase(text: str, toks: list[Tok], i: int, end_i: int, category: str) -> Phrase | None:
    """The phrase up to `end_i`, without the adverbs a nominal may end with."""
    while category == "nominal" and end_i > i and _adverb(toks[end_i][0]):
        end_i -= 1  # `the court unanimously`, `The Republican nominee also`
    if end_i < 0 or (category == "nominal" and end_i < i):
        return None
    return _phrase(text, toks[0][1], toks[end_i][2], category)


def _last_word(
    text: str, toks: list[Tok], i: int, k: int, end_i: int, category: str
) -> int | Phrase | None:
    """The phrase's end at a word that ends a sentence (or the group it names)."""
    w = toks[k][0]
    wl = w.lower().rstrip(".")
    head = not is_cue_word(wl) or k == i  # `said the ruling.`: a noun
    if _cap(w) or (category == "nominal" and head and wl not in _AFTER_STOP):
        return k
    if category == "name" and end_i >= i and wl in _GROUP_NOUNS:
        return _phrase(text, toks[0][1], toks[k][2] - 1, "nominal")  # `said Clinton supporters.`
    return end_i


def _joins_name(toks: list[Tok], k: int, wl: str, category: str) -> bool:
    """A particle or a role word between capitalised words of one name."""
    return (
        ((wl in PARTICLES and wl != "and") or (wl in ROLE_WORDS and category == "name"))
        and k + 1 < len(toks)
        and _cap(toks[k + 1][0])
        and toks[k + 1][0].lower().rstrip(".") not in TEMPORAL
    )


def _verb_and_object(toks: list[Tok], k: int, wl: str) -> bool:
    return wl.endswith("ed") and k + 1 < len(toks) and toks[k + 1][0].lower() in _OBJECTS


def _may_head(w: str, wl: str, first: bool) -> bool:
    """A word that may be a nominal's head: `the report stated`, `the ruling`."""
    return w[:1].isalnum() and wl not in _AFTER_STOP and (not is_cue_word(wl) or first)


def _name_then_role(text: str, toks: list[Tok], k: int, ceil: int) -> Phrase | None:
    """After a name, lower-case words: a role and then the person, or a group of people."""
    s = toks[0][1]
    person = _role_then_person(text, toks, k, ceil)
    if person is not None:
        return _phrase(text, s, person.end, "name")  # "NASA planetary scientist Lucas …"
    group = _role_words_end(toks, k)
    if group is not None and toks[group - 1][0].rstrip(".") in _GROUP_NOUNS:
        return _phrase(text, s, toks[group - 1][2], "nominal")  # "Trump campaign aides"
    return None


_ADVERBS = lexicon.words("adverbs")


def _adverb(word: str) -> bool:
    low = word.lower().rstrip(".,")
    return low in _ADVERBS or (low.endswith("ly") and len(low) > 4)
