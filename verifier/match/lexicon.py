"""Word lists and word tests the matcher's rules are written in.

Which words carry meaning by themselves (negations, numbers, prepositions, pronouns,
auxiliaries, quantifiers), which spellings are the same word (US/UK variants, contractions,
numerals), and whether a string is a real English word: `wordfreq` says how common a word is
on the web, and a dictionary (`english-words`: Webster's and GCIDE) keeps a rare real word
from being taken for a slip. Both load lazily, on the first near-miss of two words, into
compact sorted tables (`wordlists`: the same words, a tenth of the memory).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal

from verifier import wordlists
from verifier.match.normalize import NUMBER_SIGN, wordset

ARTICLES = wordset("a an the")
# Direction, agency and time: "lost to Canada" is not "lost from Canada".
PREPOSITIONS = wordset(
    "of in on at to for with by from into onto upon about over under through across along "
    "among amongst around toward towards via per against without within before after since "
    "until till during between behind beyond beside besides near off out up down inside "
    "outside above below despite except like unlike past than"
)
PRONOUNS = wordset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him "
    "his himself she her hers herself it its itself they them their theirs themselves one "
    "this that these those who whom whose which what someone somebody anyone anybody "
    "everyone everybody"
)
AUXILIARIES = wordset(
    "am is are was were be been being do does did have has had having will would shall "
    "should can could may might must ought"
)
QUANTIFIERS = wordset(
    "all any both each either every few fewer least less little lot lots many more most much "
    "several some enough only just even also again always often sometimes usually rarely "
    "seldom ever still already very too almost nearly"
)
# Fillers of speech a transcript keeps and a quote may leave out (set off by a comma).
FILLERS = frozenset({("i", "mean"), ("you", "know"), ("uh",), ("um",), ("er",), ("erm",)})
FILLERS_ALONE = frozenset({("uh",), ("um",), ("er",), ("erm",)})  # fillers wherever they are
CONJUNCTIONS = wordset("and")  # the one conjunction that may stand for a full stop or comma
NEGATIONS = wordset(
    "not no never none nobody nothing neither nor nowhere cannot without dont doesnt didnt "
    "cant wont isnt wasnt arent werent havent hasnt hadnt shouldnt wouldnt couldnt"
)
MONTHS = wordset(
    "january february march april may june july august september october november december"
)
DATE_WORDS = MONTHS | wordset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow"
)
_UNITS_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_UNITS = _UNITS_TEXT.split()
_TENS_TEXT = "twenty thirty forty fifty sixty seventy eighty ninety"
_TENS = _TENS_TEXT.split()
_ORDINALS_TEXT = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
_ORDINALS = _ORDINALS_TEXT.split()
NUMBER_VALUES: dict[str, str] = {w: str(i) for i, w in enumerate(_UNITS)}
NUMBER_VALUES |= {w: str(20 + 10 * i) for i, w in enumerate(_TENS)}
NUMBER_VALUES |= {w: f"{i + 1}th" for i, w in enumerate(_ORDINALS)}
NUMBER_VALUES |= {"first": "1st", "second": "2nd", "third": "3rd"}
NUMBER_WORDS = frozenset(NUMBER_VALUES) | wordset(
    "hundred thousand million billion trillion dozen half quarter once twice double triple"
)  # the scale words are `_SCALE_NAMES` below

# Contractions and the words they stand for.
_EXPANSIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "let's": ("let", "us"),
    "ain't": ("is", "not"),
    "gonna": ("going", "to"),  # spoken forms a transcript keeps and a quote tidies
    "wanna": ("want", "to"),
    "gotta": ("got", "to"),
}
_SUFFIXES = {"n't": "not", "'re": "are", "'m": "am", "'ll": "will", "'ve": "have", "'d": "would"}
_IS_BASES = wordset("it he she that there what who here where how")

# Spellings of one word: US/UK pairs the patterns below miss, and common variants.
_VARIANTS_TEXT = (
    "judgement judgment acknowledgement acknowledgment ageing aging programme program "
    "cheque check tyre tire kerb curb plough plow grey gray mould mold smoulder smolder "
    "sceptic skeptic sceptical skeptical aluminium aluminum storey story manoeuvre maneuver "
    "pyjamas pajamas defence defense offence offense licence license pretence pretense "
    "towards toward afterwards afterward amongst among whilst while learnt learned "
    "spelt spelled burnt burned dreamt dreamed leapt leaped spilt spilled "
    "fulfil fulfill enrol enroll instalment installment jewellery jewelry okay ok "
    # abbreviations
    "min minute mins minutes hr hour hrs hours govt government dept department "
    "approx approximately yr year yrs years"
)
_VARIANT_PAIRS = _VARIANTS_TEXT.split()
VARIANTS: dict[str, str] = dict(zip(_VARIANT_PAIRS[0::2], _VARIANT_PAIRS[1::2], strict=True))
# UK -> US spelling patterns, each with the shortest word it applies to: short words are
# where two real words differ the same way ("four"/"for", "filled"/"filed", "acre"/"acer").
_PATTERNS = (
    (6, re.compile(r"(?<=[^aeou])our(s|ed|ing|ite|ites|able|ably|ful)?$"), r"or\1"),
    (6, re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (6, re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (6, re.compile(r"(?<=[^aeiou])re(s|d)?$"), r"er\1"),
    (8, re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (6, re.compile(r"ogue(s)?$"), r"og\1"),
    (7, re.compile(r"(?<=[^aeiou])ae"), "e"),
)


FUNCTION_WORDS = (
    ARTICLES | PREPOSITIONS | PRONOUNS | AUXILIARIES | QUANTIFIERS | CONJUNCTIONS | NEGATIONS
) | wordset("or but so if as then there here not")


def is_content_word(word: str) -> bool:
    """A word that names something: not a function word, not a lone number."""
    return word not in FUNCTION_WORDS and not word.isdigit()


def is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


# A decade: "1980s", "80s" (the apostrophe of "'80s" is gone by now), "eighties".
_DECADE_RE = re.compile(r"(1[0-9]|20)?([1-9])0s")
_DECADE_WORDS = {tens[:-1] + "ies": str(2 + i) for i, tens in enumerate(_TENS)}


def same_numbers(quote: list[str], source: list[str]) -> bool:
    """The same numbers written another way: in figures or words ("ten" / "10", "3.5
    million" / "3,500,000"), or a decade ("the '80s", "the 1980s", "the eighties"; a century
    counts only where both words give one)."""
    if numerals(quote) == numerals(source):
        return True
    if len(quote) != len(source) or quote == source:
        return False
    return all(q == s or _same_decade(q, s) for q, s in zip(quote, source, strict=True))


def with_signs(words: Sequence[str], gaps_after: Sequence[str | None]) -> list[str]:
    """The words, with a "%" written right after a number read as the word "percent"."""
    out: list[str] = []
    for word, gap in zip(words, gaps_after, strict=False):
        out.append(word)
        if gap and gap.lstrip().startswith("%") and is_number(word):
            out.append("percent")
    return out


def _same_decade(a: str, b: str) -> bool:
    first, second = _decade(a), _decade(b)
    if first is None or second is None or first[1] != second[1]:
        return False
    return not (first[0] and second[0]) or first[0] == second[0]


def _decade(word: str) -> tuple[str, str] | None:
    """(century, tens digit) of a decade ("" for no century), or None."""
    if word in _DECADE_WORDS:
        return ("", _DECADE_WORDS[word])
    m = _DECADE_RE.fullmatch(word)
    return (m.group(1) or "", m.group(2)) if m else None


def is_number(word: str) -> bool:
    return word in NUMBER_WORDS or any(c.isdigit() for c in word)


def expand(words: list[str]) -> list[str]:
    """Contractions spelt out: "didn't" is "did not", "it's" is "it is"."""
    if not any("'" in w or w in _EXPANSIONS for w in words):
        return words  # nothing to spell out (the common case)
    out: list[str] = []
    for w in words:
        if w in _EXPANSIONS:
            out += _EXPANSIONS[w]
        elif "'" not in w:
            out.append(w)
        elif w.endswith("'s") and w[:-2] in _IS_BASES:
            out += [w[:-2], "is"]
        else:
            suffix = next((s for s in _SUFFIXES if w.endswith(s) and len(w) > len(s)), None)
            out += [w[: -len(suffix)], _SUFFIXES[suffix]] if suffix else [w]
    return out


def numerals(words: list[str]) -> list[str]:
    """Numbers as one value each, so that "ten" and "10", "twenty-five" and "25", "3.5
    million", "3.5m" and "3,500,000", "5m" and "5 million" are one (normalising already
    wrote 3,500,000 as 3500000)."""
    out: list[str] = []
    for w in words:
        value = NUMBER_VALUES.get(w)
        scale = SCALES.get(w)
        if scale is not None and out and out[-1] == "a":
            out[-1] = _plain(scale)  # a hundred -> 100
        elif scale is not None and out and _FIGURE_RE.fullmatch(out[-1]):
            out[-1] = _plain(Decimal(out[-1]) * scale)  # 3.5 million -> 3500000
        elif scale is not None and w in _SCALE_WORDS:
            out.append(_SCALE_WORDS[w])  # `m` after a number outside this run: `million`
        elif w == "cent" and out and out[-1] == "per":
            out[-1] = "percent"  # "per cent" and "pct" are one word: "percent"
        elif w == "pct" or (w == "pc" and out and _FIGURE_RE.fullmatch(out[-1])):
            out.append("percent")  # "pc" only after a figure: "PC Smith" is a constable
        elif (percent := _JOINED_PERCENT_RE.fullmatch(w)) is not None:
            out += [percent[1], "percent"]  # 40pc -> 40 percent
        elif w == NUMBER_SIGN:
            out.append("number")  # "No. 1" is "number one"
        elif (joined := _JOINED_SCALE_RE.fullmatch(w)) is not None:
            out.append(_plain(Decimal(joined[1]) * SCALES[joined[2]]))  # 5m -> 5000000
        elif value is None:
            out.append(w)
        elif out and out[-1] in _TENS_VALUES and _UNIT_RE.fullmatch(value):
            out[-1] = str(int(out[-1]) + int(value[0])) + value[1:]  # twenty-first -> 21st
        else:
            out.append(value)
    return out


# Words of scale after a number, and the short forms newsrooms write for them ($3.5m, 2bn).
_SCALE_NAMES = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_SCALE_WORDS = {"k": "thousand", "m": "million", "mn": "million", "mln": "million",
                "bn": "billion", "tn": "trillion", "trn": "trillion"}  # fmt: skip
SCALES: dict[str, Decimal] = {name: Decimal(10**power) for name, power in _SCALE_NAMES.items()}
SCALES |= {short: SCALES[name] for short, name in _SCALE_WORDS.items()}
_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?")
# A whole number with its short scale written on ("5m", "2bn", "100k": one word, where
# "3.5m" is two, the figure and its scale).
_JOINED_SCALE_RE = re.compile(r"(\d+)(" + "|".join(_SCALE_WORDS) + ")")
_JOINED_PERCENT_RE = re.compile(r"(\d+)(?:pc|pct)")  # "40pc", a British paper's "40 per cent"


_UNIT_RE = re.compile(r"[1-9](?:st|nd|rd|th)?")  # a unit, cardinal or ordinal


def _plain(value: Decimal) -> str:
    """A value as digits without exponent or trailing zeros: 3500000, 2.5."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_TENS_VALUES = frozenset(str(20 + 10 * i) for i in range(len(_TENS)))


@functools.lru_cache(maxsize=8192)
def us_spelling(word: str) -> str:
    """The US form of a UK spelling (or of a listed variant); other words unchanged."""
    if word in VARIANTS:
        return VARIANTS[word]
    for shortest, pattern, replacement in _PATTERNS:
        if len(word) >= shortest:
            word = pattern.sub(replacement, word)
    return word


def date_word(word: str) -> str | None:
    """The month or day a word names, its short form read as the word (`jan` is january),
    or None for any other word."""
    if word in DATE_WORDS:
        return word
    longs = SHORT_FORMS.get(word, frozenset()) & DATE_WORDS
    return min(longs) if longs else None


def spelling_variants(a: str, b: str) -> bool:
    """Two spellings of one word ("favour"/"favor", "judgement"/"judgment"), or a style
    guide's short form and the word ("Sen."/"Senator", "Jan."/"January", "St."/"Street")."""
    return a != b and (
        us_spelling(a) == us_spelling(b)
        or b in SHORT_FORMS.get(a, ())
        or a in SHORT_FORMS.get(b, ())
    )


# Short forms newsrooms write for words (AP style: months, titles before a name, addresses,
# company names), each with every word it stands for; the dot is gone by now ("no." is
# "No." before a number, which normalising keeps apart from the word "no"). No short form
# that is itself a word another word could stand for (`mar`/March, `wed`/Wednesday, `sat`).
_SHORT_FORMS_TEXT = """
jan january; feb february; aug august; sep september; sept september; oct october;
nov november; dec december; tue tuesday; tues tuesday; thu thursday; thur thursday;
thurs thursday; fri friday;
sen senator; rep representative; gov governor; lt lieutenant; gen general; col colonel;
sgt sergeant; capt captain; cmdr commander; adm admiral; maj major; cpl corporal;
pvt private; prof professor; supt superintendent; atty attorney; pres president;
amb ambassador; rev reverend; fr father; jr junior; dr doctor drive; sr senior sister;
st street saint; ave avenue; blvd boulevard; rd road; mt mount mountain; ft fort feet foot;
hwy highway; corp corporation; inc incorporated; co company county; bros brothers;
assn association; univ university; intl international; natl national; mr mister;
no. number;
km kilometer kilometers kilometre kilometres; kg kilogram kilograms kilogramme kilogrammes;
lb pound pounds; lbs pounds; oz ounce ounces
"""
SHORT_FORMS: dict[str, frozenset[str]] = {
    short: frozenset(longs)
    for entry in _SHORT_FORMS_TEXT.replace("\n", " ").split(";")
    for short, *longs in [entry.split()]
}


# --------------------------------------------------------------------------------------
# is it a word?

# A word this common on the web is a word (the commonest misspellings, "teh", "thier",
# "untill", stay below 3.1)...
COMMON_ZIPF = 3.2
# ...and a rarer one that is this much rarer than a word one letter away is a misspelling
# of it, unless the dictionary knows it ("ingenuous", "untied", "lien").
SLIP_GAP = 1.5
# An inflected form counts as a dictionary word only when it is seen in use at all.
SEEN_ZIPF = 1.0


@functools.lru_cache(maxsize=8192)
def zipf(word: str) -> float:
    """How common a word is in English, on wordfreq's Zipf scale (0: never seen, 7: "the")."""
    return wordlists.zipf_en(word)


def _stems(word: str) -> list[str]:
    """The word and what it may be inflected from (generous: it only ever keeps a word real)."""
    out = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("er", ""),
        ("est", ""),
        ("'s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if stem[-1:] == stem[-2:-1] and not repl:
                out.append(stem[:-1])  # marred -> mar, stopping -> stop
    return out


@functools.lru_cache(maxsize=8192)
def in_dictionary(word: str) -> bool:
    """The dictionary has the word, or (for a word seen on the web at all) its stem."""
    if wordlists.in_dictionary_list(word):
        return True
    # "perpetuated" from "perpetuate"; but not "findding" from "find" (never written)
    return zipf(word) >= SEEN_ZIPF and any(
        wordlists.in_dictionary_list(stem) for stem in _stems(word)[1:]
    )


def is_slip_of(word: str, other: str) -> bool:
    """`word` is not a real word but a misspelling of `other` (both near each other)."""
    if not word.isalpha() and "'" not in word:
        return False
    frequency = zipf(word)
    if frequency >= COMMON_ZIPF:
        return False
    if frequency > 0 and zipf(other) - frequency < SLIP_GAP:
        return False
    return not in_dictionary(word)
