"""One thing said two ways: a comparison ("the hardest" / "the most difficult") and a modal
("wants to" / "would like to"). Closed lists as data; pure functions.

A comparison keeps its meaning only when its degree (as, -er, -est) and direction (more,
less) stay: "a bigger crowd" for "the largest crowd" is another claim, whatever the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
