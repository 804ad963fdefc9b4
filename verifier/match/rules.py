"""The closed list of harmless differences, and the names of every other kind of change.

A difference between a quote and its source is `minor_difference` only when one of the
rules in `HARMLESS` names it; anything no rule names is substantive (`misquoted`). Each rule
is data (its kind, what it allows, an example from real text) plus a test over one edit: the
quote's words, the source's words, and what stands around them. README and docs/matching.md
print this list; tests/test_match_rules.py pins every rule with real sentences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from verifier.match.lexicon import (
    ARTICLES,
    AUXILIARIES,
    CONJUNCTIONS,
    FILLERS,
    FILLERS_ALONE,
    MONTHS,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    SCALES,
    date_word,
    expand,
    is_negation,
    is_number,
    is_slip_of,
    numerals,
    same_numbers,
    spelling_variants,
    with_signs,
)
from verifier.match.normalize import NUMBER_SIGN


@dataclass(frozen=True, slots=True)
class Edit:
    """One run of differing words, and what stands on either side of it.

    `quote` stands where the source has `source` (either may be empty). The gaps are the
    normalised characters just before and after the words on each side (for an empty side,
    the characters where the other side's words would be); the neighbours are the words
    right before and after (up to `AROUND` on each side).
    """

    quote: tuple[str, ...]
    source: tuple[str, ...]
    quote_before: str = " "
    quote_after: str = " "
    source_before: str = " "
    source_after: str = " "
    quote_around: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    source_around: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    # The gap before each word of `quote_around[0]` / `source_around[0]` (a "$" before a
    # number the edit follows, say).
    quote_gaps_before: tuple[str, ...] = ()
    source_gaps_before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """A named harmless difference: what it allows, and an example (quote, source)."""

    kind: str
    allows: str
    example: tuple[str, str]
    test: Callable[[Edit], bool]
    both_sides: bool = False  # applies only where each side has words (a replacement)
    replaces: bool = False  # may also explain a whole block read as one replacement
    # Reads words alike only with what stands around them ("10.30" and "10", "30" before
    # "pm"): tried on any block before its words alone are judged a changed number, date or
    # negation (`in_context_kind`), whichever sides have words.
    in_context: bool = False


AROUND = 8  # words of context kept on each side of an edit
_BREAK = ".;:!?—,"  # a mark that can stand where "and" joins two clauses


def _is_spelling(edit: Edit) -> bool:
    """Every word pair a slip of one or two letters, one of them not a real word."""
    if len(edit.quote) != len(edit.source) or not edit.quote:
        return False
    return all(q == s or is_slip(q, s) for q, s in zip(edit.quote, edit.source, strict=True))


@functools.lru_cache(maxsize=8192)
def is_slip(q: str, s: str) -> bool:
    """One word a misspelling of the other: close in letters, and one of them no word."""
    if "'" in q and "'" in s and q[q.index("'") :] == s[s.index("'") :]:
        q, s = q[: q.index("'")], s[: s.index("'")]  # "near's"/"year's": the words themselves
    if is_number(q) or is_number(s) or is_negation(q) or is_negation(s):
        return False
    shortest = min(len(q), len(s))
    distance = OSA.distance(q, s)
    if not ((distance == 1 and shortest >= 4) or (distance == 2 and shortest >= 6)):
        return False
    return is_slip_of(q, s) or is_slip_of(s, q)


# A word some write as two ("alright" for "all right"; where the letters are the same,
# "any more" and "anymore", it is typography).
JOINED_VARIANTS: dict[tuple[str, ...], tuple[str, ...]] = {("alright",): ("all", "right")}


def _is_variant(edit: Edit) -> bool:
    if JOINED_VARIANTS.get(edit.quote) == edit.source or (
        JOINED_VARIANTS.get(edit.source) == edit.quote
    ):
        return True
    if len(edit.quote) != len(edit.source) or not edit.quote:
        return False
    pairs = zip(edit.quote, edit.source, strict=True)
    return all(q == s or spelling_variants(q, s) for q, s in pairs)


def _is_contraction(edit: Edit) -> bool:
    return expand(list(edit.quote)) == expand(list(edit.source))


def _is_numeral(edit: Edit) -> bool:
    """The same numbers, in figures or words; a percentage as a sign or a word in either
    ("90%" for "ninety percent", "90 per cent" for "ninety percent")."""
    if same_numbers(list(edit.quote), list(edit.source)):
        return True
    return _amounts(edit.quote, edit.quote_after) == _amounts(edit.source, edit.source_after)


def _amounts(words: tuple[str, ...], after: str) -> list[str]:
    """Numbers as values, and "percent" for a "%" sign right after the last one."""
    return numerals(with_signs(words, [*([None] * (len(words) - 1)), after]))


def _is_article(edit: Edit) -> bool:
    words = edit.quote + edit.source
    return bool(words) and all(w in ARTICLES for w in words)


def _is_conjunction(edit: Edit) -> bool:
    """ "and" in one text where the other has a full stop, a comma or a dash."""
    if edit.quote and not edit.source and set(edit.quote) <= CONJUNCTIONS:
        return any(c in edit.source_before for c in _BREAK)
    if edit.source and not edit.quote and set(edit.source) <= CONJUNCTIONS:
        return any(c in edit.quote_before for c in _BREAK)
    return False


def _is_doubled(edit: Edit) -> bool:
    """Words said (or typed) twice on one side, the repeat left out: "the the", "if she gets
    to pick, if she gets to pick her judges"."""
    if edit.quote and edit.source:
        return False
    words, (before, after) = (
        (edit.quote, edit.quote_around) if edit.quote else (edit.source, edit.source_around)
    )
    n = len(words)
    return 0 < n <= AROUND and (after[:n] == words or before[-n:] == words)


def _is_filler(edit: Edit) -> bool:
    """A filler of speech in the source's transcript ("I mean", "you know", "uh"), left out;
    or a sound of hesitation ("uh", "um") the quote keeps and a tidied source left out."""
    if edit.quote and not edit.source:
        return edit.quote in FILLERS_ALONE
    if edit.quote or edit.source not in FILLERS:
        return False
    return edit.source_after.strip()[:1] in (",", "—", ".") or edit.source in FILLERS_ALONE


# Short forms a newsroom writes for a name, and the name (the keys drop the dots: "U.S." is
# "us", like the pronoun; so "us" counts only after "the", where no pronoun stands).
ABBREVIATIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("us",): ("united", "states"),
    ("usa",): ("united", "states", "of", "america"),
    ("uk",): ("united", "kingdom"),
    ("un",): ("united", "nations"),
    ("eu",): ("european", "union"),
}


def long_forms(words: list[str]) -> list[str]:
    """Each listed short form replaced by the name it stands for ("us" too: the caller
    compares both sides this way, so the pronoun meets only itself or the name)."""
    if not any((w,) in ABBREVIATIONS for w in words):
        return words
    return [long for w in words for long in ABBREVIATIONS.get((w,), (w,))]


def is_abbreviation(edit: Edit) -> bool:
    """A listed short form on one side where the other spells the name out."""
    for short, before, long in (
        (edit.quote, edit.quote_around[0], edit.source),
        (edit.source, edit.source_around[0], edit.quote),
    ):
        if ABBREVIATIONS.get(short) == long:
            return short != ("us",) or before[-1:] == ("the",)
    return False


_DAY_RE = re.compile(r"([1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?")


def is_date_order(quote: tuple[str, ...], source: tuple[str, ...]) -> bool:
    """A day and its month in the other order, or with "the … of": "5 January", "5th Jan."
    or "the 5th of January" for "January 5", "the 5th of January" for "5 January"."""
    spoken = len(quote) != len(source)  # "the 5th of May" on one side only
    quote, source = _day_of_month(quote), _day_of_month(source)
    if len(quote) != 2 or len(source) != 2:
        return False
    first, second = _date_part(quote[0]), _date_part(quote[1])
    if first is None or second is None or first[0] == second[0]:
        return False  # not one day and one month
    written = [_date_part(w) for w in source]
    return written == [second, first] or (spoken and written == [first, second])


def _is_date_order(edit: Edit) -> bool:
    """`is_date_order` of the edit's words, or of them with the month after them on both
    sides ("the 5th of" and "5" before "May": "the 5th of May" for "5 May"), or a day on one
    side only that the other writes on the month's other side ("31" before "October" where
    the passage ends, the source going on "October 31")."""
    if not (edit.quote and edit.source):
        return _is_moved_day(edit)
    if is_date_order(edit.quote, edit.source):
        return True
    month = edit.quote_around[1][:1]
    return (
        bool(month)
        and month == edit.source_around[1][:1]
        and date_word(month[0]) in MONTHS
        and is_date_order(edit.quote + month, edit.source + month)
    )


def _is_moved_day(edit: Edit) -> bool:
    """One side's lone day (or month) next to a month (or day) both sides have, the other
    side's same word on that neighbour's other side: "on 31 October" for "on October 31"
    where the passage ends before the source's "31"."""
    words, own, other = (
        (edit.quote, edit.quote_around, edit.source_around)
        if edit.quote
        else (edit.source, edit.source_around, edit.quote_around)
    )
    part = _date_part(words[0]) if len(words) == 1 else None
    if part is None:
        return False
    after = _date_part(own[1][0]) if own[1] else None
    if after is not None and after[0] != part[0]:  # this side: the word, then its neighbour
        return [_date_part(w) for w in other[1][:2]] == [after, part]
    before = _date_part(own[0][-1]) if own[0] else None
    if before is not None and before[0] != part[0]:  # this side: the neighbour, then the word
        return [_date_part(w) for w in other[0][-2:]] == [part, before]
    return False


def _day_of_month(words: tuple[str, ...]) -> tuple[str, ...]:
    """ "the 5th of May" as "5th May" (a day, then its month); other words as they are."""
    if len(words) == 4 and words[0] == "the" and words[2] == "of":
        return (words[1], words[3])
    if len(words) == 3 and words[1] == "of":
        return (words[0], words[2])
    return words


def _date_part(word: str) -> tuple[str, str] | None:
    """("month", its name) or ("day", its number), or None for any other word."""
    name = date_word(word)
    if name in MONTHS:
        return ("month", name)
    day = _DAY_RE.fullmatch(word)
    return ("day", day.group(1)) if day else None


# Signs a text writes for words, and the words each stands for.
SIGNS: dict[str, frozenset[tuple[str, ...]]] = {
    "%": frozenset({("percent",), ("per", "cent"), ("pct",)}),
    "&": frozenset({("and",)}),
    "°": frozenset({("degrees",), ("degree",)}),
    "-": frozenset({("to",)}),  # between two numbers only: "52-48" for "52 to 48"
    "—": frozenset({("to",)}),  # (an en dash, folded to a dash)
}
_BETWEEN_NUMBERS = frozenset({"-", "—"})


def _is_sign(edit: Edit) -> bool:
    """Words on one side where the other writes their sign in the same place: "10%" for
    "10 percent", "research & development" for "research and development"."""
    if edit.quote and edit.source:
        return False
    words, other_gap, other = (
        (edit.source, edit.quote_before, edit.quote_around)
        if edit.source
        else (edit.quote, edit.source_before, edit.source_around)
    )
    between = all(w and is_number(w[0]) for w in (other[0][-1:], other[1][:1]))
    return any(
        sign in other_gap and words in SIGNS[sign] and (sign not in _BETWEEN_NUMBERS or between)
        for sign in SIGNS
    )


# Currency signs, and the words that name each after an amount.
CURRENCIES: dict[str, frozenset[str]] = {
    "$": frozenset({"dollar", "dollars"}),
    "£": frozenset({"pound", "pounds"}),
    "€": frozenset({"euro", "euros"}),
    "¥": frozenset({"yen"}),
}


def _is_currency(edit: Edit) -> bool:
    """The currency's name after an amount on one side, its sign before the same amount on
    the other: "$3.5 million" for "3.5 million dollars", "€5bn" for "5 billion euros".
    Another currency is no match."""
    if edit.quote and edit.source:  # the amount written another way too: both in the edit
        quote = _money(edit.quote, edit.quote_before)
        return quote is not None and quote == _money(edit.source, edit.source_before)
    if not (edit.quote or edit.source):
        return False
    words, before, gaps, other_gaps = (
        (edit.quote, edit.quote_around[0], edit.quote_gaps_before, edit.source_gaps_before)
        if edit.quote
        else (edit.source, edit.source_around[0], edit.source_gaps_before, edit.quote_gaps_before)
    )
    sign = next((s for s, names in CURRENCIES.items() if words[0] in names), None)
    size = _amount_size(before)
    if len(words) != 1 or sign is None or not size:
        return False
    if edit.quote_around[0][-size:] != edit.source_around[0][-size:]:
        return False  # not the same amount on both sides
    return sign in other_gaps[-size] and sign not in gaps[-size]


def _money(words: tuple[str, ...], before: str) -> tuple[str, list[str]] | None:
    """(currency sign, amount) of words that are an amount of money: its figures and scale
    words, with the currency's sign in the gap before them or its name after them."""
    sign = next((s for s, names in CURRENCIES.items() if words[-1] in names), None)
    if sign is not None:
        words = words[:-1]
    else:
        sign = next((s for s in CURRENCIES if s in before), None)
    if sign is None or not words or not all(is_number(w) or w in SCALES for w in words):
        return None
    return sign, numerals(list(words))


def _amount_size(words: tuple[str, ...]) -> int:
    """How many of the last words are an amount: a number, then scale words ("3.5 million")."""
    size = 0
    while size < len(words) and words[-1 - size] in SCALES:
        size += 1
    return size + 1 if size < len(words) and is_number(words[-1 - size]) else 0


_MERIDIEM = frozenset({"am", "pm"})  # "a.m." and "p.m." are keyed without their dots
# A time of day as its words join: "10.30", "10:30" (two words, "10" and "30"), "10:30am"
# ("10" and "30am"), "10am" or "10" (hours 1-12: it comes with "am" or "pm").
_NAMED_TIMES = {"noon": (12, 0, "pm"), "midday": (12, 0, "pm"), "midnight": (12, 0, "am")}
_CLOCK_RE = re.compile(r"(1[0-2]|0?[1-9])(?:[.:]([0-5][0-9]))?(am|pm)?")


def _clock(words: tuple[str, ...], after: tuple[str, ...]) -> tuple[int, int, str] | None:
    """(hour, minutes, "am" or "pm") of words that write a time of day, with the word after
    them when "am" or "pm" is not among them; None for any other words."""
    if len(words) == 1 and words[0] in _NAMED_TIMES and not (after[:1] and after[0] in _MERIDIEM):
        return _NAMED_TIMES[words[0]]
    meridiem = None
    if words[-1:] and words[-1] in _MERIDIEM:
        meridiem, words = words[-1], words[:-1]
    elif after[:1] and after[0] in _MERIDIEM:
        meridiem = after[0]
    clock = _CLOCK_RE.fullmatch(":".join(words)) if 0 < len(words) <= 2 else None
    if clock is None or (meridiem is None) == (clock.group(3) is None):
        return None  # not a time, or "am"/"pm" missing (a plain number) or written twice
    return int(clock.group(1)), int(clock.group(2) or 0), meridiem or clock.group(3)


def _is_clock_time(edit: Edit) -> bool:
    """The same time of day written another way: "10.30am" for "10:30 a.m.", "10am" for
    "10:00 a.m." (a British full stop, an American colon; "am" and "pm" with or without
    dots, joined to the figure or not), "noon" for "12 p.m."."""
    quote = _clock(edit.quote, edit.quote_around[1])
    return quote is not None and quote == _clock(edit.source, edit.source_around[1])


_NUMBER_SIGNS = frozenset({"no", NUMBER_SIGN, "number"})


def _is_number_sign(edit: Edit) -> bool:
    """`No 10` for `No. 10` or `Number 10`: a number sign written another way before the
    same figure on both sides ("no" before a figure is a number sign only here, where the
    other side writes one)."""
    if len(edit.quote) != 1 or len(edit.source) != 1:
        return False
    if {edit.quote[0], edit.source[0]} - _NUMBER_SIGNS or edit.quote == edit.source:
        return False
    figure = edit.quote_around[1][:1]
    return bool(figure) and figure == edit.source_around[1][:1] and figure[0].isdigit()


def _is_insertion(edit: Edit) -> bool:
    """Words the source has in (parentheses) or [brackets] that the quote leaves out:
    an editor's note such as "(Putin)", not the speaker's words. Never a negation or number.
    """
    if edit.quote or not edit.source or len(edit.source) > 8:
        return False
    if any(is_negation(w) or is_number(w) for w in edit.source):
        return False
    opened = edit.source_before.rstrip()[-1:] in ("(", "[")
    closed = edit.source_after.lstrip()[:1] in (")", "]")
    return opened and closed


# The closed list, in the order the rules are tried.
HARMLESS: tuple[Rule, ...] = (
    Rule(
        "contraction",
        "a contraction and its expansion",
        ("We can't allow this", "We cannot allow this"),
        _is_contraction,
        both_sides=True,
    ),
    Rule(
        "numeral",
        "a number in figures or in words",
        ("ten days", "10 days"),
        _is_numeral,
        both_sides=True,
    ),
    Rule(
        "spelling variant",
        "US and UK spellings, and listed variants of one word",
        ("We will favor the candidates", "We will favour the candidates"),
        _is_variant,
        both_sides=True,
    ),
    Rule(
        "spelling",
        "a misspelling that is not a dictionary word, one or two letters from the word",
        ("The goverment will act", "The government will act"),
        _is_spelling,
        both_sides=True,
    ),
    Rule(
        "abbreviation",
        "a listed short form of a name and the name (U.S., UK, U.N., EU)",
        ("The U.S. will send two ships", "The United States will send two ships"),
        is_abbreviation,
        both_sides=True,
    ),
    Rule(
        "date order",
        "a day and its month in the other order, or with “the … of”",
        ("the vote on 5 January", "the vote on January 5"),
        _is_date_order,
        both_sides=True,
        in_context=True,  # "the 5th of" and "5" before "May"; a lone "31" before "October"
    ),
    Rule(
        "sign",
        "a sign in one text where the other has its word: “%” for “percent”, “&” for “and”, "
        "“°” for “degrees”, “52-48” for “52 to 48”",
        ("revenue rose 10% last year", "revenue rose 10 percent last year"),
        _is_sign,
    ),
    Rule(
        "clock time",
        "a time of day written another way: “10.30am” for “10:30 a.m.”",
        ("the polls close at 10.30pm tonight", "the polls close at 10:30 p.m. tonight"),
        _is_clock_time,
        both_sides=True,
        in_context=True,
    ),
    Rule(
        "number sign",
        "“No 10” for “No. 10” or “Number 10”, before the same figure",
        ("talks at No 10 went on late", "talks at No. 10 went on late"),
        _is_number_sign,
        both_sides=True,
        in_context=True,
    ),
    Rule(
        "currency",
        "a currency sign before an amount, its name after it in the other: “$5” for “5 dollars”",
        ("the firm paid $3.5 million in fines", "the firm paid 3.5 million dollars in fines"),
        _is_currency,
        replaces=True,  # "€5bn" for "5 billion euros": the amount written another way too
    ),
    Rule(
        "doubled word",
        "a word or words repeated by mistake on one side, the repeat left out",
        ("if she gets to pick her judges", "if she gets to pick, if she gets to pick her judges"),
        _is_doubled,
    ),
    Rule(
        "filler",
        "a filler of speech (“I mean”, “you know”, “uh”) left out, or an “uh” or “um” kept",
        ("this is just unbearable", "I mean, this is just unbearable"),
        _is_filler,
    ),
    Rule(
        "article",
        "an article added, dropped or changed",
        ("voted for base", "voted for the base"),
        _is_article,
    ),
    Rule(
        "conjunction",
        "“and” where the other text has a full stop, a comma or a dash",
        ("their home and it is their home", "their home. It is their home"),
        _is_conjunction,
    ),
    Rule(
        "insertion in the source",
        "words the source has in parentheses or brackets (an editor's note), left out",
        ("he would meet the leader", "he (Putin) would meet the leader"),
        _is_insertion,
    ),
)
# Differences found between the words rather than in them; harmless too.
PUNCTUATION = Rule(
    "punctuation",
    "commas, full stops, colons, semicolons, dashes between clauses",
    ("In 2009 when the lease", "In 2009, when the lease"),
    lambda edit: False,
)


def in_context_kind(edit: Edit) -> str | None:
    """The kind of an edit that one of the `in_context` rules explains, if one does."""
    return next((r.kind for r in HARMLESS if r.in_context and r.test(edit)), None)


def harmless_kind(edit: Edit) -> str | None:
    """The harmless rule that explains the edit, if one does."""
    one_sided = not (edit.quote and edit.source)
    for rule in HARMLESS:
        if one_sided and rule.both_sides:
            continue
        if rule.test(edit):
            return rule.kind
    return None


def replacement_kind(edit: Edit) -> str | None:
    """The harmless rule that explains a whole block of changes read as one replacement:
    only the rules that compare both sides' words (a numeral, an abbreviation, …)."""
    rules = (rule for rule in HARMLESS if rule.both_sides or rule.replaces)
    return next((rule.kind for rule in rules if rule.test(edit)), None)


def substantive_kind(edit: Edit) -> str:
    """What kind of change of meaning an edit no harmless rule explains is."""
    quote, source = edit.quote, edit.source
    words = quote + source
    for kind, lexicon in (
        ("preposition changed", PREPOSITIONS),
        ("pronoun changed", PRONOUNS),
        ("auxiliary changed", AUXILIARIES),
        ("quantifier changed", QUANTIFIERS),
    ):
        if all(w in lexicon or w in ARTICLES for w in words) and any(w in lexicon for w in words):
            return kind
    if not source:
        return "words added"
    if not quote:
        return "words dropped"
    if len(quote) == len(source) == 1 and OSA.distance(quote[0], source[0]) <= 2:
        return "real word changed"  # "perpetuated" for "perpetrated", "form" for "from"
    if max(len(quote), len(source)) >= 4:
        return "paraphrase"
    return "content word replaced"
