"""Source discovery benchmark: quotes without a link, looked up in a source archive.

The archive holds real text: the article bodies of ../shared/data/article-extraction-benchmark
and the PolNeAR texts (about 1,100 documents), topped up with distractor documents to a given
number of passages. A distractor is made of real sentences of the pool with about a third of
their content words replaced, so it shares vocabulary and near-copies of true sentences
without holding any sentence word for word. Quotes are sentences of the real documents,
exact, typography-changed, or altered (a content word, a number, a negation), with no link.

For each quote: is the true source document the top candidate, which verdict does the
matcher give against the candidates (as `verify --sources-index` would), and is an altered
quote ever passed as verified (false assurance). Also: index build rate on one core (text
already read, as `verify index add` after reading files), index size, retrieval time per
quote at each archive size. The machine may be shared: wall-clock times then include
waiting for a core, and the CPU time of this process is the cost on one core.

    python bench/discovery.py [--quotes N] [--sizes 10000,100000] [--seed S]

Prints Markdown tables (pasted into docs/benchmarks.md, section "Source discovery").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching import (  # noqa: E402
    FUNCTION,
    Context,
    content_replaced,
    negation,
    number_changed,
    sentences,
    typography,
)

from verifier.archive import Archive  # noqa: E402
from verifier.archive.lookup import lookup  # noqa: E402
from verifier.match import DEFAULT_CONFIG, Verdict  # noqa: E402
from verifier.match.normalize import fold  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
BENCH = DATA / "article-extraction-benchmark" / "ground-truth.json"
POLNEAR = DATA / "polnear" / "data"
STRENGTH = {
    Verdict.VERIFIED: 4,
    Verdict.MINOR_DIFFERENCE: 3,
    Verdict.MISQUOTED: 2,
    Verdict.NOT_FOUND: 1,
    Verdict.UNVERIFIABLE: 0,
}
KINDS = [
    ("exact", "exact", Verdict.VERIFIED),
    ("typography changed", "exact", Verdict.VERIFIED),
    ("content word replaced", "altered", Verdict.MISQUOTED),
    ("number changed", "altered", Verdict.MISQUOTED),
    ("negation added or removed", "altered", Verdict.MISQUOTED),
]
MAKERS = {
    "exact": lambda s, rng, ctx: s,
    "typography changed": typography,
    "content word replaced": content_replaced,
    "number changed": number_changed,
    "negation added or removed": negation,
}


@dataclass(frozen=True)
class Case:
    kind: str
    group: str  # exact | altered
    expected: Verdict
    quote: str
    source: str  # origin of the true document
    sentence: str  # the source's own sentence


def load_documents() -> dict[str, str]:
    """Origin -> text of every real document (skipping what is missing, with a message)."""
    docs: dict[str, str] = {}
    if BENCH.is_file():
        truth = json.loads(BENCH.read_text(encoding="utf-8"))
        docs.update({f"aeb/{k}": v["articleBody"] for k, v in truth.items() if v["articleBody"]})
    for path in sorted(POLNEAR.glob("*/text/*.txt")):
        docs[f"polnear/{path.parent.parent.name}/{path.stem}"] = path.read_text(encoding="utf-8")
    if not docs:
        sys.exit(f"no data under {DATA}: see ../shared/data/README.md")
    return docs


def distractor(pool: list[str], vocabulary: list[str], rng: random.Random) -> str:
    """Paragraphs of real sentences, each with a third of its content words (at least two)
    replaced: near-copies of true sentences, never one word for word."""
    paragraphs = []
    for _ in range(rng.randint(4, 12)):
        out = []
        for sentence in rng.sample(pool, 3):
            words = sentence.split(" ")
            content = [i for i, w in enumerate(words) if w.isalpha() and w.lower() not in FUNCTION]
            for i in rng.sample(content, min(len(content), max(2, len(content) // 3))):
                words[i] = rng.choice(vocabulary)
            out.append(" ".join(words))
        paragraphs.append(" ".join(out))
    return "\n\n".join(paragraphs)


def build_cases(docs: dict[str, str], count: int, rng: random.Random) -> list[Case]:
    vocabulary = sorted(
        {
            w
            for text in rng.sample(list(docs.values()), 50)
            for w in re.findall(r"\b[a-z]{4,10}\b", text)
        }
        - FUNCTION
    )
    cases: list[Case] = []
    origins = list(docs)
    rng.shuffle(origins)
    for origin in origins:
        if len(cases) >= count * len(KINDS):
            break
        usable = [s for s in sentences(docs[origin]) if 10 <= len(s.split()) <= 45]
        if not usable:
            continue
        sentence = rng.choice(usable)
        ctx = Context(vocabulary, [], [], [], usable, docs[origin])
        for kind, group, expected in KINDS:
            quote = MAKERS[kind](sentence, rng, ctx)
            if quote is not None and (kind == "exact" or quote != sentence):
                cases.append(Case(kind, group, expected, quote, origin, sentence))
    return cases


def build_rate(docs: dict[str, str]) -> tuple[float, float, float]:
    """Documents per second indexing every real document on one core (wall clock, and per
    CPU second of this process), and MB of index."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "a.sqlite", create=True)
        start, cpu = time.perf_counter(), time.process_time()
        for i, (origin, text) in enumerate(docs.items()):
            archive.add_text(origin, text)
            if i % 200 == 199:
                archive.commit()
        archive.commit()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        size = archive.stats().size_bytes / 1e6
        archive.close()
    return len(docs) / seconds, len(docs) / cpu, size


def fill(
    archive: Archive,
    docs: dict[str, str],
    cases: list[Case],
    size: int,
    make: Callable[[], str],
) -> None:
    """The true sources first, then other real documents, then distractors, to `size`."""
    first = list(dict.fromkeys(c.source for c in cases))
    order = first + [o for o in docs if o not in set(first)]
    passages = 0
    for i, origin in enumerate(order):
        if i >= len(first) and passages >= size:
            break
        passages += archive.add_text(origin, docs[origin])
    n = 0
    while passages < size:
        passages += archive.add_text(f"distractor/{n}", make())
        n += 1
        if n % 200 == 0:
            archive.commit()
    archive.commit()


def run(archive: Archive, cases: list[Case], docs: dict[str, str]) -> list[dict[str, object]]:
    rows = []
    for case in cases:
        start, cpu = time.perf_counter(), time.process_time()
        hits = archive.search(case.quote)
        retrieval, cpu = time.perf_counter() - start, time.process_time() - cpu
        found = lookup(archive, case.quote, None, DEFAULT_CONFIG)
        total = time.perf_counter() - start
        best = max(found, key=lambda m: STRENGTH[m.result.verdict], default=None)
        verdict = best.result.verdict if best else Verdict.NOT_FOUND
        top = hits[0].origin if hits else ""
        right = top == case.source or (
            top in docs and fold(case.sentence) in fold(docs[top])
        )  # the same sentence in another real document (a wire story run twice) counts
        rows.append(
            {
                "case": case,
                "right": right,
                "verdict": verdict,
                "ms": retrieval * 1000,
                "cpu_ms": cpu * 1000,
                "total_ms": total * 1000,
            }
        )
    return rows


def table(results: dict[int, list[dict[str, object]]]) -> str:
    lines = [
        "| passages | quotes | kind | right source is the top candidate | verdict as intended "
        "| false assurance |",
        "| ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for size, rows in results.items():
        for group in ("exact", "altered"):
            chosen = [r for r in rows if r["case"].group == group]  # type: ignore[attr-defined]
            n = len(chosen)
            right = sum(1 for r in chosen if r["right"])
            agree = sum(1 for r in chosen if r["verdict"] is r["case"].expected)  # type: ignore[attr-defined]
            false = sum(
                1
                for r in chosen
                if group == "altered"
                and r["verdict"] in (Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE)
            )
            lines.append(
                f"| {size:,} | {n} | {group} | {100 * right / n:.1f} % | "
                f"{100 * agree / n:.1f} % | {false} |"
            )
    return "\n".join(lines)


def by_kind(rows: list[dict[str, object]]) -> str:
    lines = ["| kind | quotes | top candidate right | verdicts |", "| --- | ---: | ---: | --- |"]
    for kind, _, _ in KINDS:
        chosen = [r for r in rows if r["case"].kind == kind]  # type: ignore[attr-defined]
        if not chosen:
            continue
        right = sum(1 for r in chosen if r["right"])
        verdicts = Counter(str(r["verdict"].value) for r in chosen)  # type: ignore[attr-defined]
        shown = ", ".join(f"{v} {n}" for v, n in verdicts.most_common())
        lines.append(f"| {kind} | {len(chosen)} | {100 * right / len(chosen):.1f} % | {shown} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=200, help="source sentences (x5 kinds)")
    parser.add_argument("--sizes", default="10000,100000", help="archive sizes in passages")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    docs = load_documents()
    cases = build_cases(docs, args.quotes, rng)
    pool = [s for text in docs.values() for s in sentences(text)]
    vocabulary = sorted(
        {w for s in rng.sample(pool, 5000) for w in re.findall(r"\b[a-z]{4,10}\b", s)} - FUNCTION
    )
    results: dict[int, list[dict[str, object]]] = {}
    speed = [
        "| passages | documents | index size | retrieval per quote, median (wall) | p95 (wall) "
        "| retrieval, mean CPU time | retrieval + matcher, median (wall) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            archive = Archive(Path(tmp) / "a.sqlite", create=True)
            fill(archive, docs, cases, size, lambda: distractor(pool, vocabulary, rng))
            stats = archive.stats()
            rows = run(archive, cases, docs)
            archive.close()
        results[stats.passages] = rows
        times = sorted(float(r["ms"]) for r in rows)  # type: ignore[arg-type]
        total = statistics.median(float(r["total_ms"]) for r in rows)  # type: ignore[arg-type]
        cpu = statistics.mean(float(r["cpu_ms"]) for r in rows)  # type: ignore[arg-type]
        p95 = times[int(0.95 * (len(times) - 1))]
        speed.append(
            f"| {stats.passages:,} | {stats.documents:,} | {stats.size_bytes / 1e6:.0f} MB | "
            f"{statistics.median(times):.2f} ms | {p95:.2f} ms | {cpu:.2f} ms | {total:.1f} ms |"
        )
    rate, cpu_rate, megabytes = build_rate(docs)
    print(f"{len(docs)} real documents, {len(cases)} quotes (seed {args.seed})\n")
    print(table(results))
    print()
    print(by_kind(results[max(results)]))
    print()
    print("\n".join(speed))
    print()
    print(
        f"index build, {len(docs)} real documents on one core: {rate:,.0f} docs/s wall clock, "
        f"{cpu_rate:,.0f} docs per CPU second ({megabytes:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
