"""How well and how fast `read_source` reads real news pages.

Reads the 181 pages of the article-extraction-benchmark (real pages as served, with the gold
article body of each), runs each through `verifier.text.read_source` as a fetched
`text/html` response without a charset (so charset detection is exercised too), and prints
Markdown tables:

- token recall of the gold body in `main_text` and in `full_text` (bag of lower-cased word
  tokens: the share of the gold body's words found in our text);
- token precision of `main_text` (the share of our main text's words that are gold: page
  furniture taken for article lowers it);
- the share of the gold body's sentences (six words or more) found verbatim in `main_text`
  and in `full_text` once typography and spacing are normalised: the quotes a matcher can
  find exactly;
- content-level failures detected (on these real articles: only true paywall teasers);
- time per page, and CPU time per page against trafilatura alone on the same pages in the
  same run (`trafilatura.extract` with our settings, bytes in, text out): the reader's
  own work on top of it (charset, full text, container, signals, language) is the ratio.

    python bench/reading.py [--data ../shared/data/article-extraction-benchmark]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from verifier.language import detect_language  # noqa: E402
from verifier.models import FetchResult  # noqa: E402
from verifier.text import read_source  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“«(]?[^\W\d_])")
_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'",
                             "’": "'", "–": "-", "—": "-", "\u200b": "", "\xad": ""})  # fmt: skip


def normalise(text: str) -> str:
    """Typography and spacing forgiven, as any matcher does, words and their order kept."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split()).lower()


def raw_sentences(body: str) -> list[str]:
    """The body's sentences of six words or more, as written."""
    parts = (part.strip() for part in _SENTENCE_END.split(body))
    return [part for part in parts if len(part.split()) >= 6]


def sentences(body: str) -> list[str]:
    return [normalise(part) for part in raw_sentences(body)]


def load_truth(data: Path) -> dict[str, Any] | None:
    """The benchmark's gold file (None, said on stdout, when ../shared/data is missing)."""
    truth_file = data / "ground-truth.json"
    if not truth_file.exists():
        print(f"skipped: {truth_file} not found (the benchmark reads ../shared/data)")
        return None
    return dict(json.loads(truth_file.read_text(encoding="utf-8")))


def fetched_page(data: Path, page_id: str, url: str) -> FetchResult:
    """A page as served, passed in as a fetched `text/html` response without a charset."""
    content = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
    return FetchResult(url=url, final_url=url, status=200,
                       headers={"content-type": "text/html"}, content=content)  # fmt: skip


def tokens(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def recall(gold: Counter[str], text: Counter[str]) -> float:
    total = sum(gold.values())
    return sum((gold & text).values()) / total if total else 1.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="read only the first N pages")
    args = parser.parse_args()
    truth = load_truth(args.data)
    if truth is None:
        return 0
    ids = sorted(truth)[: args.limit or None]

    main_recall: list[float] = []
    full_recall: list[float] = []
    main_precision: list[float] = []
    seconds: list[float] = []
    cpu = traf_cpu = 0.0
    sentence_total = sentence_main = sentence_full = 0
    failures: Counter[str] = Counter()
    detect_language("Models load once, before the clock starts: " * 4)  # py3langid: ~1 s
    for page_id in ids:
        url = truth[page_id]["url"]
        fetched = fetched_page(args.data, page_id, url)
        content = fetched.content
        start, start_cpu = time.perf_counter(), time.process_time()
        source = read_source(fetched)
        seconds.append(time.perf_counter() - start)
        cpu += time.process_time() - start_cpu
        start_cpu = time.process_time()
        trafilatura.extract(content, url=url, include_comments=False, favor_recall=True,
                            include_tables=True, deduplicate=False)  # fmt: skip
        traf_cpu += time.process_time() - start_cpu
        gold = tokens(truth[page_id]["articleBody"])
        main = tokens(source.main_text)
        main_recall.append(recall(gold, main))
        full_recall.append(recall(gold, tokens(source.full_text)))
        main_precision.append(recall(main, gold) if main else 0.0)
        if source.failure is not None:
            failures[source.failure.reason] += 1
        gold_sentences = sentences(truth[page_id]["articleBody"])
        main_norm, full_norm = normalise(source.main_text), normalise(source.full_text)
        sentence_total += len(gold_sentences)
        sentence_main += sum(sentence in main_norm for sentence in gold_sentences)
        sentence_full += sum(sentence in full_norm for sentence in gold_sentences)

    n = len(ids)
    found = ", ".join(f"{reason}: {count}" for reason, count in sorted(failures.items()))
    print("| pages | main text: median recall | mean recall | pages ≥ 0.9 recall "
          "| median precision | full text: median recall | min recall "
          "| failures detected |")  # fmt: skip
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    print(
        f"| {n} | {statistics.median(main_recall):.3f} | {statistics.mean(main_recall):.3f} "
        f"| {sum(r >= 0.9 for r in main_recall)} ({sum(r >= 0.9 for r in main_recall) / n:.1%}) "
        f"| {statistics.median(main_precision):.3f} "
        f"| {statistics.median(full_recall):.3f} | {min(full_recall):.3f} "
        f"| {sum(failures.values())} ({found or 'none'}) |"
    )
    print()
    print("| gold sentences | verbatim in main text | verbatim in full text |")
    print("| ---: | ---: | ---: |")
    print(f"| {sentence_total} | {sentence_main / sentence_total:.1%} "
          f"| {sentence_full / sentence_total:.1%} |")  # fmt: skip
    print()
    print("| time per page | median | p95 | max | total |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(
        f"| read_source | {statistics.median(seconds) * 1000:.0f} ms "
        f"| {percentile(seconds, 0.95) * 1000:.0f} ms | {max(seconds) * 1000:.0f} ms "
        f"| {sum(seconds):.1f} s |"
    )
    print()
    print("| CPU per page | read_source | trafilatura alone | ratio |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| mean | {cpu / n * 1000:.1f} ms | {traf_cpu / n * 1000:.1f} ms "
          f"| {cpu / traf_cpu:.2f}× |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
