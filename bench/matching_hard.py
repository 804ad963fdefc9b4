"""The hard perturbation set and the real pairs of bench/matching.py (issue 11).

Hard set: edits that look small but change the meaning (a preposition swapped, one letter
that makes another real word, two sentences spliced or merged without an ellipsis, a short
quote with one word changed) next to edits that look as large but keep it (a contraction, a
full stop joined with "and", a number in words, a US/UK spelling, a doubled word).

Real pairs: the same quote as two outlets printed it, found in the PolNeAR texts and the
article-extraction-benchmark bodies and labelled by hand (bench/real_pairs.tsv holds only
the documents and offsets; the words are read from ../shared/data).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from verifier.match import Verdict

V, M, X, N = (
    Verdict.VERIFIED,
    Verdict.MINOR_DIFFERENCE,
    Verdict.MISQUOTED,
    Verdict.NOT_FOUND,
)
HERE = Path(__file__).resolve().parent

PREPOSITION_SWAPS = {
    "to": ["from"],
    "from": ["to"],
    "in": ["on", "out of"],
    "on": ["in", "off"],
    "for": ["against"],
    "against": ["for"],
    "with": ["without"],
    "without": ["with"],
    "before": ["after"],
    "after": ["before"],
    "into": ["out of"],
    "above": ["below"],
    "below": ["above"],
    "over": ["under"],
    "under": ["over"],
    "by": ["for"],
    "at": ["from"],
}
# Pairs of real words one letter apart (both common), either way round.
REAL_WORD_PAIRS = [
    ("now", "not"),
    ("form", "from"),
    ("affect", "effect"),
    ("causal", "casual"),
    ("mother", "father"),
    ("won", "own"),
    ("lose", "lost"),
    ("quite", "quiet"),
    ("than", "then"),
    ("were", "where"),
    ("hear", "here"),
    ("week", "weak"),
    ("right", "light"),
    ("later", "latter"),
    ("trail", "trial"),
    ("public", "pubic"),
    ("united", "untied"),
    ("since", "fence"),
]
Gen = Callable[[str, random.Random, Any], str | None]


def _words(s: str) -> list[re.Match[str]]:
    return list(re.finditer(r"[A-Za-z][A-Za-z']*", s))


def preposition_swapped(s: str, rng: random.Random, ctx: Any) -> str | None:
    hits = [m for m in _words(s) if m.group() in PREPOSITION_SWAPS]
    if not hits:
        return None
    m = rng.choice(hits)
    return s[: m.start()] + rng.choice(PREPOSITION_SWAPS[m.group()]) + s[m.end() :]


def _one_letter_real_words(word: str) -> list[str]:
    from wordfreq import zipf_frequency

    from verifier.match.lexicon import us_spelling

    letters = "abcdefghijklmnopqrstuvwxyz"
    lower = word.lower()
    edits = {lower[:i] + c + lower[i + 1 :] for i in range(len(lower)) for c in letters}
    edits |= {lower[:i] + lower[i + 1 :] for i in range(len(lower))}
    edits |= {lower[:i] + c + lower[i:] for i in range(len(lower) + 1) for c in letters}
    edits.discard(lower)
    # "towards"/"toward" is one word spelt two ways, not another word
    return sorted(
        w
        for w in edits
        if len(w) >= 3 and zipf_frequency(w, "en") >= 4.0 and us_spelling(w) != us_spelling(lower)
    )


def real_word_changed(s: str, rng: random.Random, ctx: Any) -> str | None:
    """One word made another common word by one letter (now/not, form/from, …)."""
    pairs = {a: b for a, b in REAL_WORD_PAIRS} | {b: a for a, b in REAL_WORD_PAIRS}
    hits = [m for m in _words(s) if m.group().lower() in pairs]
    if hits and rng.random() < 0.5:
        m = rng.choice(hits)
        return s[: m.start()] + pairs[m.group().lower()] + s[m.end() :]
    words = [m for m in _words(s) if len(m.group()) >= 4 and m.group().islower()]
    rng.shuffle(words)
    for m in words[:4]:
        options = _one_letter_real_words(m.group())
        if options:
            return s[: m.start()] + rng.choice(options) + s[m.end() :]
    return None


def _halves(s: str) -> tuple[str, str] | None:
    words = list(re.finditer(r"\S+", s))
    if len(words) < 10:
        return None
    cut = len(words) // 2
    return s[: words[cut - 1].end()].rstrip(",;:"), s[words[cut].start() :]


def _following(s: str, ctx: Any, skip: int) -> str | None:
    own: list[str] = ctx.own
    if s not in own:
        return None
    i = own.index(s) + skip
    return own[i] if i < len(own) else None


def spliced(s: str, rng: random.Random, ctx: Any) -> str | None:
    """The first half of one sentence run into the second half of the next."""
    other = _following(s, ctx, 1)
    if other is None:
        return None
    a, b = _halves(s), _halves(other)
    if a is None or b is None:
        return None
    return f"{a[0]} {b[1]}"


def merged(s: str, rng: random.Random, ctx: Any) -> str | None:
    """Two sentences with others between them, run together without an ellipsis."""
    other = _following(s, ctx, rng.randint(2, 4))
    if other is None or len(other.split()) < 6:
        return None
    return f"{s} {other}"


def short_changed(s: str, rng: random.Random, ctx: Any) -> str | None:
    """A 4- or 5-word fragment with one content word replaced."""
    words = list(re.finditer(r"\S+", s))
    if len(words) < 8:
        return None
    n = rng.randint(4, 5)
    i = rng.randrange(0, len(words) - n)
    frag = [w.group().strip(',.;:!?"“”‘’()') for w in words[i : i + n]]
    spots = [k for k, w in enumerate(frag) if len(w) >= 4 and w.isalpha() and w.islower()]
    if not spots or not all(frag):
        return None
    k = rng.choice(spots)
    for _ in range(20):
        new = rng.choice(ctx.vocabulary)
        if new != frag[k] and new[0] != frag[k][0]:
            frag[k] = new
            return " ".join(frag)
    return None


CONTRACTIONS = [
    ("do not", "don't"),
    ("does not", "doesn't"),
    ("did not", "didn't"),
    ("is not", "isn't"),
    ("are not", "aren't"),
    ("was not", "wasn't"),
    ("cannot", "can't"),
    ("will not", "won't"),
    ("it is", "it's"),
    ("we are", "we're"),
    ("they are", "they're"),
    ("I am", "I'm"),
    ("we will", "we'll"),
    ("I have", "I've"),
    ("that is", "that's"),
]


def contraction(s: str, rng: random.Random, ctx: Any) -> str | None:
    options = []
    for long, short in CONTRACTIONS:
        for a, b in ((long, short), (short, long), (short.replace("'", "’"), long)):
            for m in re.finditer(rf"\b{re.escape(a)}\b", s):
                options.append((m, b))
    if not options:
        return None
    m, new = rng.choice(options)
    return s[: m.start()] + new + s[m.end() :]


def conjunction(s: str, rng: random.Random, ctx: Any) -> str | None:
    """Two adjacent sentences joined with "and" where the source has a full stop."""
    other = _following(s, ctx, 1)
    if other is None or not s.endswith(".") or len(other.split()) < 4:
        return None
    if f"{s} {other}" not in ctx.body:
        return None  # not the next sentence of the text (one in between was left out)
    first = other.split()[0]
    keep = first in ("I", "I'm") or (len(first) > 1 and first[1:].lower() != first[1:])
    other = other if keep else other[0].lower() + other[1:]
    return f"{s[:-1]} and {other}"


NUMBERS = "zero one two three four five six seven eight nine ten"


def numeral(s: str, rng: random.Random, ctx: Any) -> str | None:
    words = NUMBERS.split()
    hits = [m for m in re.finditer(r"(?<![\w.,$])(?:[0-9]|10)(?![\w.,%])", s)]
    hits += [m for m in re.finditer(r"\b[a-z]+\b", s) if m.group() in words]
    if not hits:
        return None
    m = rng.choice(hits)
    new = words[int(m.group())] if m.group().isdigit() else str(words.index(m.group()))
    return s[: m.start()] + new + s[m.end() :]


UK_US = [
    ("our", "or"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("tre", "ter"),
    ("lled", "led"),
]


def spelling_variant(s: str, rng: random.Random, ctx: Any) -> str | None:
    """A UK spelling of the source written the US way, or the reverse (real words only)."""
    from wordfreq import zipf_frequency

    for m in rng.sample(_words(s), len(_words(s))):
        w = m.group()
        for uk, us in UK_US:
            for a, b in ((uk, us), (us, uk)):
                if not (w.endswith(a) and len(w) >= 7):
                    continue
                other = w[: -len(a)] + b
                if zipf_frequency(other.lower(), "en") >= 2.5:  # the other spelling is in use
                    return s[: m.start()] + other + s[m.end() :]
    return None


def doubled(s: str, rng: random.Random, ctx: Any) -> str | None:
    words = [m for m in _words(s) if m.group().lower() in ("the", "a", "to", "of", "we", "is")]
    if not words:
        return None
    m = rng.choice(words)
    return s[: m.end()] + " " + m.group() + s[m.end() :]


HARD: list[tuple[str, Verdict, Gen]] = [
    ("preposition swapped", X, preposition_swapped),
    ("one letter, another real word", X, real_word_changed),
    ("halves of two sentences spliced", X, spliced),
    ("non-adjacent sentences merged", X, merged),
    ("short quote, one word changed", X, short_changed),
    ("contraction", M, contraction),
    ("full stop joined with 'and'", M, conjunction),
    ("number in words or figures", M, numeral),
    ("US/UK spelling", M, spelling_variant),
    ("word doubled in the quote", M, doubled),
]
SPLICES = {"halves of two sentences spliced", "non-adjacent sentences merged"}
HARD_REASONS: dict[str, tuple[str, ...]] = {
    "preposition swapped": ("preposition changed",),
    "one letter, another real word": ("real word changed", "negation added", "negation dropped"),
    "halves of two sentences spliced": ("joined from several places",),
    "non-adjacent sentences merged": ("joined from several places",),
    "contraction": ("contraction",),
    "full stop joined with 'and'": ("conjunction",),
    "number in words or figures": ("numeral",),
    "US/UK spelling": ("spelling variant",),
    "word doubled in the quote": ("doubled word",),
}


# ---------------------------------------------------------------------------
# real pairs


def load_texts(data: Path) -> dict[str, str]:
    """Every PolNeAR text and benchmark body, by document id (`aeb-` + benchmark key)."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in data.glob("polnear/data/*/text/*.txt")}
    truth = data / "article-extraction-benchmark" / "ground-truth.json"
    for key, value in json.loads(truth.read_text(encoding="utf-8")).items():
        texts["aeb-" + key] = value["articleBody"]
    return texts


def real_pairs(data: Path) -> list[tuple[str, str, str, str]]:
    """(label, quote, source paragraph, what differs) for each hand-labelled pair: the
    source is the paragraph where the other outlet printed the quote (the whole article may
    print the same quote a second time, in the first outlet's words)."""
    texts = load_texts(data)
    out = []
    for line in (HERE / "real_pairs.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        label, quote_doc, start, end, source_doc, s_start, s_end, note = line.split("\t")
        quote = texts[quote_doc][int(start) : int(end)].strip().rstrip(",")
        out.append((label, quote, texts[source_doc][int(s_start) : int(s_end)], note))
    return out
