"""Two signals tried for the semantic tier's word changes, and why neither is used.

For every single change the close-wording band could see (content words on both sides, no
WordNet relation or only a weak one) in the tune half of bench/semantic_pairs.tsv and in
every attack list, it prints:
- gloss groups: how often bilingual dictionaries give the two words together, for one sense
  of a Japanese word (JMdict) or as synonyms in one German-English entry (Ding); Debian's
  dict-freedict-jpn-eng and dict-freedict-eng-deu, read from /usr/share/dictd;
- the change's contribution in context: the embedding of its 3-word window minus that of
  the window without it, quote against source (cosine), beside the band's own similarity.

    apt-get install dict-freedict-jpn-eng dict-freedict-eng-deu   # 43 MB, for this bench only
    python bench/semantic_signals.py
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from semantic import _BAND_SENTENCES, _rows, auc, load_bodies, load_pairs  # noqa: E402

from verifier.match import SourceIndex, match_quote  # noqa: E402
from verifier.semantic import SemanticTier, load_tier  # noqa: E402
from verifier.semantic.words import Change, changes  # noqa: E402

DICTD = Path("/usr/share/dictd")
LISTS = ("band", "thesaurus", "band2", "gloss")


def _norm(gloss: str) -> str:
    gloss = re.sub(r"\([^)]*\)|\{[^}]*\}|\[[^\]]*\]", " ", gloss).strip().lower()
    gloss = re.sub(r"^(to|a|an|the) ", "", gloss)
    return " ".join(gloss.split())


def gloss_groups() -> list[tuple[str, tuple[str, ...]]]:
    """JMdict senses' English glosses and Ding's synonym lists, as groups of words."""
    groups: list[tuple[str, tuple[str, ...]]] = []
    with gzip.open(DICTD / "freedict-jpn-eng.dict.dz", "rt", encoding="utf-8") as f:
        for line in f:
            text = re.sub(r"^\d+\.\s*", "", line.strip())
            if "/" in text or not re.match(r"^[A-Za-z]", text) or text.startswith("Note:"):
                continue
            words = [_norm(g) for g in text.split(",")]
            words = [w for w in words if len(w.split()) <= 3 and re.match(r"^[a-z][a-z' -]*$", w)]
            if len(words) >= 2:
                groups.append(("JMdict", tuple(words)))
    with gzip.open(DICTD / "freedict-eng-deu.dict.dz", "rt", encoding="utf-8") as f:
        for entry in f.read().split("\n\n"):
            lines = entry.strip("\n").split("\n")
            head = _norm(lines[0].split(" /")[0])
            for line in lines:
                found = re.match(r"\s*Synonyms?:\s*(.*)", line)
                if head and found:
                    others = [_norm(x) for x in re.findall(r"\{([^}]*)\}", found.group(1))]
                    groups.append(("Ding", (head, *[o for o in others if o])))
    return groups


class Glosses:
    def __init__(self, tier: SemanticTier) -> None:
        self.tier = tier
        self.groups = gloss_groups()
        self.index: dict[str, set[int]] = defaultdict(set)
        for i, (_, words) in enumerate(self.groups):
            for word in words:
                for base in self.bases(word):
                    self.index[base].add(i)

    def bases(self, text: str) -> set[str]:
        text = _norm(text)
        wn = self.tier.wordnet
        if " " in text or wn is None:
            return {text}
        return {text, *(b for pos in "nvar" for b in wn.lemmas(text, pos))}

    def shared(self, a: str, b: str) -> tuple[int, int]:
        """Groups listing both words: (JMdict senses, Ding groups)."""
        ids = set().union(*(self.index.get(x, set()) for x in self.bases(a))) & set().union(
            *(self.index.get(x, set()) for x in self.bases(b))
        )
        return tuple(sum(self.groups[i][0] == name for i in ids) for name in ("JMdict", "Ding"))  # type: ignore[return-value]


def contribution(tier: SemanticTier, change: Change) -> float:
    """Cosine of what the changed words add to their window, quote against source."""
    rows = []
    for window, words in (
        (change.quote_window, change.quote),
        (change.source_window, change.source),
    ):
        without = " ".join(window.replace(" ".join(words), "", 1).split())
        pair = tier.encoder.embed([window, without])
        rows.append(pair[0] - pair[1])
    return float(rows[0] @ rows[1] / (np.linalg.norm(rows[0]) * np.linalg.norm(rows[1]) + 1e-9))


def candidates(tier: SemanticTier) -> list[tuple[str, str, Change]]:
    """(where, label, change): single changes the band could see, tune half and lists."""
    out = []

    def add(where: str, label: str, quote: str, source: SourceIndex | str) -> None:
        diff = match_quote(quote, source).diff
        found = [c for c in changes(diff, tier.wordnet, tier.tones) if c.quote and c.source]
        weak = len(found) == 1 and found[0].relation in (None, "hypernym", "shared sense")
        if weak and found[0].quote_window and all(found[0].sides()):
            out.append((where, label, found[0]))

    bodies = load_bodies()
    indexes = {a: SourceIndex(b) for a, b in bodies.items()}
    for pair in load_pairs(bodies):
        if pair.split == "tune" and pair.label != "faithful":
            add("tune", pair.label, pair.quote, indexes[pair.article])
    for name in LISTS:
        for label, pos, quote_word, source_word in _rows(f"semantic_{name}_pairs.tsv"):
            sentence = _BAND_SENTENCES[pos]
            add(name, label, sentence.format(quote_word), sentence.format(source_word))
    return out


def main() -> None:
    if not (DICTD / "freedict-jpn-eng.dict.dz").is_file():
        raise SystemExit("apt-get install dict-freedict-jpn-eng dict-freedict-eng-deu first")
    tier = load_tier()
    if tier is None or tier.wordnet is None:
        raise SystemExit("needs the semantic extra and Debian's wordnet-base")
    glosses = Glosses(tier)
    rows = []
    for where, label, change in candidates(tier):
        q, s = " ".join(change.quote), " ".join(change.source)
        jm, ding = glosses.shared(q, s)
        band = tier.similarity(change.quote_window, change.source_window)
        rows.append(
            (where, label, q, s, change.relation, jm, ding, band, contribution(tier, change))
        )
    print(f"{len(glosses.groups)} gloss groups; {len(rows)} single changes the band could see\n")
    print("| signal | AUC (preserving above changing) | highest meaning-changing |")
    print("| --- | --- | --- |")
    signals = {
        "band (3-word window)": lambda r: r[7],
        "contribution in context": lambda r: r[8],
        "gloss groups (JMdict + Ding)": lambda r: r[5] + r[6],
    }
    for name, key in signals.items():
        pos = [key(r) for r in rows if r[1] == "preserving"]
        neg = [r for r in rows if r[1] == "changing"]
        top = max(neg, key=key)
        score = auc(pos, [key(r) for r in neg])
        print(f"| {name} | {score:.3f} | {key(top):.3f} ({top[2]} / {top[3]}) |")
    for label in ("preserving", "changing"):
        mine = [r for r in rows if r[1] == label]
        linked = sum(1 for r in mine if r[5] + r[6])
        print(f"\n{label}: {linked} of {len(mine)} given together by a dictionary", end="")
    print("\n\n| where | label | quote | source | WordNet | JMdict | Ding | band | contribution |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in sorted(rows, key=lambda r: (r[1], -(r[5] + r[6]), -r[7])):
        if r[5] + r[6]:
            cells = [*map(str, r[:7]), f"{r[7]:.3f}", f"{r[8]:.3f}"]
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
