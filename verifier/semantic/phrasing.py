"""One thing said two ways: a comparison ("the hardest" / "the most difficult") and a modal
("wants to" / "would like to"). Closed lists as data; pure functions.

A comparison keeps its meaning only when its degree (as, -er, -est) and direction (more,
less) stay: "a bigger crowd" for "the largest crowd" is another claim, whatever the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from verifier.match.normalize import wordset

# Modals said two ways: each set is one meaning. A phrase counts only whole ("has to", never
# "has" alone), so "has approved" for "must approve" is no match.
MODAL_PHRASES: tuple[frozenset[str], ...] = (
    frozenset({"would like", "want", "wants"}),
    frozenset({"has to", "have to", "must"}),
    frozenset({"is able to", "are able to", "am able to", "can"}),
    frozenset({"is going to", "are going to", "am going to", "will"}),
    frozenset({"ought to", "should"}),
)

# Comparatives and superlatives WordNet's rules do not derive.
_IRREGULAR = {
    "better": ("good", "more"),
    "best": ("good", "most"),
    "worse": ("bad", "more"),
    "worst": ("bad", "most"),
    "further": ("far", "more"),
    "furthest": ("far", "most"),
    "farther": ("far", "more"),
    "farthest": ("far", "most"),
    "top": ("high", "most"),  # "the top priority" is "the highest priority"
}
_MARKERS = {"more": "more", "most": "most", "less": "less", "least": "least"}


def same_modal(q: list[str], s: list[str]) -> bool:
    """Two sides that are one modal said two ways ("wants" / "would like")."""
    a, b = " ".join(q), " ".join(s)
    return a != b and any(a in group and b in group for group in MODAL_PHRASES)


@dataclass(frozen=True, slots=True)
class Comparison:
    """An adjective or adverb with its degree: "hardest" is ("hard", "most")."""

    base: str
    degree: str  # "" (plain), "more", "most", "less", "least"


def comparison(words: list[str], bases: Callable[[str], list[str]]) -> Comparison | None:
    """Read one side as a comparison, or None when it is not one word (with its marker).

    `bases`: the adjective or adverb base forms of a word, as WordNet's rules find them
    ("hardest" -> ["hard"]); a word is plain when it is its own base.
    """
    if len(words) == 2 and words[0] in _MARKERS:
        return Comparison(words[1], _MARKERS[words[0]])
    if len(words) != 1:
        return None
    word = words[0]
    if word in _IRREGULAR:
        return Comparison(*_IRREGULAR[word])
    found = [b for b in bases(word) if b != word]
    if word.endswith(("er", "est")) and found:
        return Comparison(found[0], "most" if word.endswith("est") else "more")
    return Comparison(word, "") if word in bases(word) else None


# Verbs that report speech. Within a group they say the same about the speaker; across
# groups, or with any other reporting verb, they do not ("admitted" is not "claimed", "said"
# is not "claimed": one concedes, the other doubts). Lemmas; forms are read by `_verb_form`.
REPORTING_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"say", "state", "tell", "note", "remark", "comment", "report", "observe"}),
    frozenset({"claim", "argue", "contend", "assert", "maintain"}),
    frozenset({"think", "believe"}),
    frozenset({"admit", "acknowledge", "concede"}),
    frozenset({"reply", "respond", "answer"}),
    frozenset({"reveal", "disclose"}),
    frozenset({"promise", "pledge", "vow"}),
)
REPORTING_VERBS = frozenset().union(*REPORTING_GROUPS) | wordset(
    "admit concede confess deny confirm announce hint suggest imply promise warn predict "
    "insist allege boast complain doubt suspect fear guess believe think explain reveal "
    "acknowledge declare disclose estimate speculate vow pledge threaten urge demand "
    "question ask reply respond answer recall reckon add mention write agree"
)
_SAID = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "thought": "think"}

# Verbs of a decision on a plan, a bill, an event: one step of its course each. Dropped is
# not delayed, delayed is not suspended, proposed is not approved ("scrapped" / "abandoned"
# are one step, "shelved" / "postponed" one; "shelved" / "cancelled" are two). "pass",
# "cut", "end" are left out: they mean too many other things ("passed the ball").
DECISION_GROUPS: tuple[frozenset[str], ...] = (
    wordset("scrap abandon drop ditch axe cancel withdraw"),
    wordset("approve adopt"),
    wordset("delay postpone defer shelve"),
    wordset("suspend halt pause"),
)
DECISION_VERBS = frozenset().union(*DECISION_GROUPS) | wordset(
    "propose reject veto block review debate revise endorse"
)
# A family of verbs: its name, its groups, all its verbs.
VERB_FAMILIES = (
    ("reporting verb", REPORTING_GROUPS, REPORTING_VERBS),
    ("decision", DECISION_GROUPS, DECISION_VERBS),
)

# Adjectives on one scale, weakest level first: within a level the same degree ("major" /
# "big", "crucial" / "vital"), across levels another ("huge" for "big", "important" for
# "crucial"), which WordNet's "similar to" calls synonyms all the same.
DEGREE_SCALES: tuple[tuple[frozenset[str], ...], ...] = tuple(
    tuple(wordset(level) for level in scale)
    for scale in (
        ("considerable sizeable sizable substantial significant", "big large major",
         "huge enormous massive vast immense tremendous gigantic giant colossal"),
        ("small little minor", "tiny minuscule negligible"),
        ("important significant", "crucial vital essential critical key"),
        ("good fine decent", "great excellent superb brilliant outstanding terrific fantastic "
         "wonderful exceptional"),
        ("bad poor", "terrible awful horrible dreadful appalling atrocious"),
        ("willing ready prepared", "keen eager", "desperate"),
        ("happy glad pleased", "delighted thrilled overjoyed elated ecstatic"),
        ("annoyed irritated", "angry mad cross", "furious enraged livid"),
        ("concerned worried uneasy", "afraid scared frightened fearful", "terrified petrified"),
        ("surprised", "amazed astonished astounded stunned"),
        ("worrying troubling concerning", "upsetting distressing disturbing",
         "devastating harrowing traumatic heartbreaking"),
    )
)  # fmt: skip


def reporting(q: str, s: str, lemmas: Callable[[str], list[str]]) -> str | None:
    """Two verbs of one family: "same reporting verb" ("argued" / "claimed"), "another
    reporting verb" ("admitted" / "claimed"), "same decision" ("scrapped" / "abandoned"),
    "another decision" ("shelved" / "cancelled"); None when they are of no family together.
    `lemmas`: a verb's bases.
    """
    for name, groups, verbs in VERB_FAMILIES:
        qb, sb = _verb_base(q, lemmas, verbs), _verb_base(s, lemmas, verbs)
        if qb is None or sb is None or qb == sb:
            continue
        same = _verb_form(q, lemmas) == _verb_form(s, lemmas) and any(
            qb in g and sb in g for g in groups
        )
        return f"same {name}" if same else f"another {name}"
    return None


def _verb_base(word: str, lemmas: Callable[[str], list[str]], verbs: frozenset[str]) -> str | None:
    found = [_SAID[word]] if word in _SAID else [word, *lemmas(word)]
    return next((b for b in found if b in verbs), None)


def _verb_form(word: str, lemmas: Callable[[str], list[str]]) -> str:
    """past, -ing, -s or base: "argued" and "withdrew" are past; "says" is not "said"."""
    bases = lemmas(word)
    if word.endswith("ing"):
        return "ing"
    if word in ("said", "told", "thought") or word.endswith("ed"):
        return "past"
    if word.endswith("s") and word not in bases:
        return "s"
    return "past" if bases and word not in bases else "base"  # withdrew, wrote


def degree(q: str, s: str) -> str | None:
    """Two adjectives of one scale: "same degree" on one level, "another degree" across.

    Across levels the claim is stronger or weaker ("huge" for "big"); whether that matters
    ("furious" for "angry") is left to the similarity, never proven the same.
    """
    levels = [
        (_level(scale, q), _level(scale, s))
        for scale in DEGREE_SCALES
        if _level(scale, q) is not None and _level(scale, s) is not None
    ]
    if not levels or q == s:
        return None
    return "another degree" if any(a != b for a, b in levels) else "same degree"


def _level(scale: tuple[frozenset[str], ...], word: str) -> int | None:
    return next((i for i, level in enumerate(scale) if word in level), None)
