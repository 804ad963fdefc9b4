"""Benchmark of the semantic tier: word-change meaning, paraphrase retrieval, translations.

Labelled data, written by hand (never by the rules that classify it):
- bench/semantic_pairs.tsv: meaning-preserving and meaning-changing edits of real sentences
  of ../shared/data/article-extraction-benchmark; the same sentences unedited are the
  faithful quotes.
- bench/semantic_paraphrases.tsv: heavy paraphrases of real sentences.
- bench/semantic_translations.tsv: Spanish sentences written for this benchmark, each with a
  faithful and an altered English translation.
- bench/semantic_band_pairs.tsv: word pairs written to attack the "close wording" band, in
  neutral sentences (not split: no threshold is chosen on them).
- bench/semantic_thesaurus_pairs.tsv: more such pairs, written to attack a proof by a second
  word resource (a thesaurus), in the same sentences; they attack WordNet's proofs as well.
- bench/semantic_band2_pairs.tsv: more such pairs, written after a list found the band passing a
  meaning-changing pair at 0.996.
- bench/semantic_gloss_pairs.tsv: more such pairs, written to attack a proof by bilingual
  dictionaries' gloss groups (words one foreign word covers, false friends).
- bench/semantic_rule_pairs.tsv: sentence pairs for the comparison and modal rules.
- bench/semantic_list_pairs.tsv: sentence pairs for the reporting-verb and degree lists.
- bench/real_pairs.tsv (the matching benchmark's): real quotes against another outlet's print.

Thresholds are tuned on the articles whose id is even and measured on the others
(`--split tune|test|all`). Prints Markdown tables for docs/benchmarks.md.

    python bench/semantic.py [--split test] [--calibrate]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verifier.match import SourceIndex, match_quote  # noqa: E402
from verifier.models import MeaningKind  # noqa: E402
from verifier.semantic import SemanticTier, load_tier  # noqa: E402
from verifier.semantic.tier import sentence_spans  # noqa: E402
from verifier.semantic.words import changes  # noqa: E402

BENCH = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Pair:
    article: str
    label: str  # faithful | preserving | changing
    quote: str
    kind: str

    @property
    def split(self) -> str:
        return "test" if int(self.article, 16) % 2 else "tune"


def _rows(name: str) -> list[list[str]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]


def load_bodies() -> dict[str, str]:
    data = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    return {key[:8]: value["articleBody"] for key, value in data.items()}


def sentence_with(body: str, words: str) -> str:
    """The sentence of `body` that holds `words`."""
    at = body.find(words)
    if at < 0:
        raise SystemExit(f"bench/semantic_pairs.tsv: {words!r} is not in its article")
    for start, end in sentence_spans(body):
        if start <= at < end:
            return body[start : max(end, at + len(words))]
    raise SystemExit(f"no sentence around {words!r}")


def load_pairs(bodies: dict[str, str]) -> list[Pair]:
    pairs, seen = [], set()
    for article, label, find, replace, kind in _rows("semantic_pairs.tsv"):
        sentence = sentence_with(bodies[article], find)
        if sentence not in seen:
            seen.add(sentence)
            pairs.append(Pair(article, "faithful", sentence, "unchanged"))
        pairs.append(Pair(article, label, sentence.replace(find, replace, 1), kind))
    return pairs


def judge(tier: SemanticTier, pair: Pair, body: SourceIndex) -> tuple[str, str, float | None]:
    """(lexical verdict, meaning kind or '-', similarity score)."""
    result = match_quote(pair.quote, body)
    meaning = tier.word_meaning(result, pair.quote, body.text)
    if meaning is None:
        return result.verdict.value, "-", None
    return result.verdict.value, meaning.kind.value, meaning.score


def auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def word_table(tier: SemanticTier, pairs: list[Pair], bodies: dict[str, str], split: str) -> None:
    indexes = {a: SourceIndex(b) for a, b in bodies.items()}
    rows: dict[str, Counter[str]] = {}
    scores: dict[str, list[float]] = {"preserving": [], "changing": []}
    mistakes = []
    started = time.perf_counter()
    chosen = [p for p in pairs if split == "all" or p.split == split]
    for pair in chosen:
        verdict, kind, score = judge(tier, pair, indexes[pair.article])
        rows.setdefault(pair.label, Counter())[kind] += 1
        rows[pair.label]["verdict " + verdict] += 1
        if score is not None and pair.label in scores:
            scores[pair.label].append(score)
        if (pair.label == "changing" and kind == MeaningKind.SAME.value) or (
            pair.label == "preserving" and kind != MeaningKind.SAME.value
        ):
            mistakes.append(f"{pair.label:10} {kind:18} {score} {pair.kind:10} {pair.quote[:90]}")
    elapsed = time.perf_counter() - started
    print(f"\n### Word changes ({split} split, {len(chosen)} quotes)\n")
    kinds = [k.value for k in (MeaningKind.SAME, MeaningKind.CHANGED, MeaningKind.UNCERTAIN)]
    print("| label | quotes | lexical misquoted | " + " | ".join(kinds) + " | not asked |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in kinds) + " | --- |")
    for label in ("faithful", "preserving", "changing"):
        c = rows.get(label, Counter())
        n = sum(v for k, v in c.items() if k.startswith("verdict "))
        cells = " | ".join(f"{c[k]} ({100 * c[k] / max(n, 1):.0f} %)" for k in kinds)
        print(f"| {label} | {n} | {c['verdict misquoted']} | {cells} | {c['-']} |")
    print(
        f"\nAUC of the similarity (preserving above changing, where it was computed): "
        f"{auc(scores['preserving'], scores['changing']):.3f}; "
        f"{1000 * elapsed / max(len(chosen), 1):.0f} ms per quote (match + meaning)."
    )
    print("\n<details><summary>errors</summary>\n\n```")
    print("\n".join(mistakes))
    print("```\n</details>")


def paraphrase_table(tier: SemanticTier, bodies: dict[str, str], split: str) -> None:
    """Top-1 retrieval of a heavy paraphrase's sentence, and the paraphrase band."""
    rows = [r for r in _rows("semantic_paraphrases.tsv") if _in(split, int(r[0], 16) % 2)]
    articles = sorted({r[0] for r in rows})
    hits = {"all sentences": 0, "shortlist": 0}
    reported = wrong = 0
    scores, negatives = [], []
    started = time.perf_counter()
    for article, find, paraphrase in rows:
        body = bodies[article]
        target = sentence_with(body, find)
        full = tier.closest(paraphrase, body)
        short = tier.closest(paraphrase, body, shortlist=tier.config.shortlist)
        hits["all sentences"] += bool(full) and full[0].text == target
        hits["shortlist"] += bool(short) and short[0].text == target
        found = tier.paraphrase(paraphrase, body)
        if found is not None:
            reported += found[1].text == target
            wrong += found[1].text != target
        scores.append(short[0].score if short else 0.0)
        other = bodies[articles[(articles.index(article) + 1) % len(articles)]]
        unrelated = tier.paraphrase(paraphrase, other)
        best = tier.closest(paraphrase, other, shortlist=tier.config.shortlist)
        negatives.append(best[0].score if best else 0.0)
        wrong += unrelated is not None
    elapsed = time.perf_counter() - started
    total = max(len(rows), 1)
    print(f"\n### Paraphrases ({split} split, {len(rows)} heavy paraphrases)\n")
    print("| measure | value |\n| --- | --- |")
    for name, value in hits.items():
        print(f"| top-1 retrieval, {name} | {value}/{len(rows)} ({100 * value / total:.0f} %) |")
    print(
        f"| reported as a paraphrase with the right passage "
        f"(similarity ≥ {tier.config.paraphrase_above}) | {reported}/{len(rows)} "
        f"({100 * reported / total:.0f} %) |"
    )
    print(f"| passages wrongly offered (wrong sentence, or an unrelated article) | {wrong} |")
    print(f"| best score of a paraphrase, lowest | {min(scores):.3f} |")
    print(f"| best score in an unrelated article, highest | {max(negatives):.3f} |")
    print(
        f"| time per paraphrase (4 look-ups, cached embeddings) | {1000 * elapsed / total:.0f} ms |"
    )


def translation_table(tier: SemanticTier, split: str) -> None:
    """English translations against the Spanish sources they translate."""
    rows = _rows("semantic_translations.tsv")
    chosen = [(i, r) for i, r in enumerate(rows) if _in(split, i % 2)]
    groups: dict[str, list[str]] = {}
    for group, spanish, _, _ in rows:
        groups.setdefault(group, []).append(spanish)
    sources = {g: " ".join(sentences) for g, sentences in groups.items()}
    matched = {"faithful": 0, "altered": 0}
    kinds: dict[str, Counter[str]] = {"faithful": Counter(), "altered": Counter()}
    scores: dict[str, list[float]] = {"faithful": [], "altered": []}
    for _, (group, spanish, faithful, altered) in chosen:
        for label, english in (("faithful", faithful), ("altered", altered)):
            best = tier.closest(english, sources[group])
            matched[label] += best[0].text == spanish
            scores[label].append(tier.similarity(english, spanish))
            found = tier.translation(english, sources[group])
            kinds[label][found[0].kind.value if found else "no passage"] += 1
    n = max(len(chosen), 1)
    print(f"\n### Translations ({split} split, {len(chosen)} Spanish sentences)\n")
    print("| English quote | matched to its original (top-1) | " + " | ".join(_TRANSLATION) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in _TRANSLATION) + " |")
    for label in ("faithful", "altered"):
        cells = " | ".join(str(kinds[label][k]) for k in _TRANSLATION)
        print(f"| {label} | {matched[label]}/{n} ({100 * matched[label] / n:.0f} %) | {cells} |")
    print(
        f"\nAUC (a faithful translation scores above an altered one): "
        f"{auc(scores['faithful'], scores['altered']):.3f}"
    )


# Neutral sentences for bench/semantic_band_pairs.tsv, by part of speech.
_BAND_SENTENCES = {
    "n": "Officials said the {} had asked for more time.",
    "v": "Officials said they {} the plan last week.",
    "a": "Officials said the plan was {} for the region.",
    "r": "Officials said they moved {} on the plan.",
}


def band_table(tier: SemanticTier, name: str = "semantic_band_pairs.tsv") -> None:
    """Pairs written to attack the tier's proofs, through the whole word-change check."""
    kinds: dict[str, Counter[str]] = {"changing": Counter(), "preserving": Counter()}
    closest: dict[str, list[float]] = {"changing": [], "preserving": []}
    for label, pos, quote_word, source_word in _rows(name):
        source = _BAND_SENTENCES[pos].format(source_word)
        quote = _BAND_SENTENCES[pos].format(quote_word)
        meaning = tier.word_meaning(match_quote(quote, SourceIndex(source)), quote)
        kind = meaning.kind.value if meaning else "-"
        kinds[label][kind if meaning is None or meaning.basis != "close wording" else "band"] += 1
        found = changes(match_quote(quote, source).diff, tier.wordnet, tier.tones)
        if len(found) == 1 and found[0].unexplained():
            closest[label].append(tier.similarity(found[0].quote_window, found[0].source_window))
    print(f"\n### Pairs written to attack the tier's proofs (bench/{name})\n")
    print(
        "| label | pairs | same meaning (of which close wording) | changed | uncertain | "
        "highest similarity in context, where the band was asked |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for label, c in kinds.items():
        same = c[MeaningKind.SAME.value] + c["band"]
        top = f"{max(closest[label]):.3f}" if closest[label] else "-"
        print(
            f"| {label} | {sum(c.values())} | {same} ({c['band']}) | "
            f"{c[MeaningKind.CHANGED.value]} | {c[MeaningKind.UNCERTAIN.value]} | {top} |"
        )


def rule_table(tier: SemanticTier, name: str = "semantic_rule_pairs.tsv") -> None:
    """Sentence pairs for the closed lists of rules and their refusal twins."""
    kinds: dict[str, Counter[str]] = {"changing": Counter(), "preserving": Counter()}
    for label, _, quote, source in _rows(name):
        meaning = tier.word_meaning(match_quote(quote, SourceIndex(source)), quote)
        kinds[label][meaning.kind.value if meaning else "not asked"] += 1
        if (label == "changing") == (meaning is not None and meaning.kind is MeaningKind.SAME):
            print(f"<!-- {label}: {meaning and meaning.describe()}: {quote} -->")
    _print_meanings(f"Words said two ways, closed lists (bench/{name})", kinds)


def real_table(tier: SemanticTier) -> None:
    """Real quotes and the outlets that printed them (bench/real_pairs.tsv, hand-labelled)."""
    from bench.matching_hard import real_pairs

    kinds: dict[str, Counter[str]] = {"harmless": Counter(), "changed": Counter()}
    for label, quote, source, _ in real_pairs(ROOT.parent / "shared" / "data"):
        meaning = tier.word_meaning(match_quote(quote, source), quote, source)
        kinds[label][meaning.kind.value if meaning else "not asked"] += 1
    _print_meanings("Real quotes against another outlet's print (bench/real_pairs.tsv)", kinds)


def _print_meanings(title: str, kinds: dict[str, Counter[str]]) -> None:
    """A table of what the tier said, per label: same, changed, uncertain, not asked."""
    columns = [MeaningKind.SAME.value, MeaningKind.CHANGED.value, MeaningKind.UNCERTAIN.value]
    print(f"\n### {title}\n")
    print("| label | pairs | " + " | ".join(columns) + " | not asked |")
    print("| --- | --- | " + " | ".join("---" for _ in columns) + " | --- |")
    for label, c in kinds.items():
        cells = " | ".join(str(c[k]) for k in [*columns, "not asked"])
        print(f"| {label} | {sum(c.values())} | {cells} |")


_TRANSLATION = [
    MeaningKind.TRANSLATION_CONSISTENT.value,
    MeaningKind.TRANSLATION_UNCERTAIN.value,
    MeaningKind.TRANSLATION_DIFFERS.value,
    "no passage",
]


def cost_table(tier: SemanticTier, bodies: dict[str, str], load_seconds: float) -> None:
    """What the tier costs: the model's load, one embedding, embeddings per kind of quote."""
    sentences = [s for b in list(bodies.values())[:5] for s in _sentences(b)][:40]
    fresh = [f"{s} ({i})" for i, s in enumerate(sentences)]  # not in the cache
    started = time.perf_counter()
    for text in fresh[:20]:
        tier.encoder.embed([text])
    single = (time.perf_counter() - started) / 20
    started = time.perf_counter()
    tier.encoder.embed(fresh[20:33])
    batch = (time.perf_counter() - started) / 13
    print("\n### Cost\n")
    print("| measure | value |\n| --- | --- |")
    print(f"| model load (once per process, on the first embedding) | {load_seconds:.1f} s |")
    print(f"| one sentence embedded alone | {1000 * single:.0f} ms |")
    print(f"| one sentence in a batch of 13 (a paraphrase's shortlist) | {1000 * batch:.0f} ms |")
    print("| embeddings for a verbatim or verified quote | 0 |")
    print("| ... for a word change (quote and passage, cached per text) | 2 |")
    print(f"| ... for a paraphrase (quote and the shortlist) | ≤ {tier.config.shortlist + 1} |")
    print("| ... for a translation (quote and every sentence of the source) | 1 + sentences |")


def _sentences(body: str) -> list[str]:
    return [body[a:b] for a, b in sentence_spans(body)]


def _in(split: str, odd: int) -> bool:
    return split == "all" or (split == "test") == bool(odd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("tune", "test", "all"), default="test")
    args = parser.parse_args()
    if not (BENCH / "ground-truth.json").is_file():
        raise SystemExit(f"{BENCH} is missing: the benchmark reads real article bodies")
    started = time.perf_counter()
    tier = load_tier()
    if tier is None:
        raise SystemExit("the semantic extra is not installed: pip install -e '.[semantic]'")
    tier.similarity("warm", "up")
    load_seconds = time.perf_counter() - started
    bodies = load_bodies()
    cost_table(tier, bodies, load_seconds)
    word_table(tier, load_pairs(bodies), bodies, args.split)
    band_table(tier)
    band_table(tier, "semantic_thesaurus_pairs.tsv")
    band_table(tier, "semantic_band2_pairs.tsv")
    band_table(tier, "semantic_gloss_pairs.tsv")
    rule_table(tier)
    rule_table(tier, "semantic_list_pairs.tsv")
    real_table(tier)
    paraphrase_table(tier, bodies, args.split)
    translation_table(tier, args.split)


if __name__ == "__main__":
    main()
