"""Real sentences quoted word for word: does the matcher call them verified?

Every sentence (six words or more) of the gold article bodies of the 181 real news pages in
`../shared/data/article-extraction-benchmark` that the page's text holds word for word (after
typography is normalised, as `bench/reading.py` counts them) is matched, as a quote, against
the text `read_source` makes of its own page. Each should come out `verified`: anything else
is a false alarm an editor would see on a faithful quote. Prints the verdict counts and every
sentence that is not verified, with the matcher's reason.

    python bench/verbatim.py    # docs/benchmarks.md, "Matching: real sentences quoted verbatim"
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reading import fetched_page, load_truth, normalise, raw_sentences  # noqa: E402

from verifier.match import SourceIndex, Verdict, match_quote  # noqa: E402
from verifier.text import read_source  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"


def verbatim_sentences(body: str, page_text: str) -> list[str]:
    """The body's sentences of six words or more that the page's text holds word for word."""
    normalised = normalise(page_text)
    return [s for s in raw_sentences(body) if normalise(s) in normalised]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    truth = load_truth(args.data)
    if truth is None:
        return 0
    verdicts: Counter[str] = Counter()
    others: list[tuple[str, str, str]] = []
    start = time.perf_counter()
    for page_id in sorted(truth):
        source = read_source(fetched_page(args.data, page_id, truth[page_id]["url"]))
        if source.failure is not None:
            continue
        index = SourceIndex(source.full_text)
        for sentence in verbatim_sentences(truth[page_id]["articleBody"], source.full_text):
            result = match_quote(sentence, index)
            verdicts[result.verdict.value] += 1
            if result.verdict is not Verdict.VERIFIED:
                others.append((result.verdict.value, result.reason or "", sentence))
    total = sum(verdicts.values())
    print("| sentences | verified | minor difference | misquoted | not found | unverifiable |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    counts = [verdicts[v.value] for v in (Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE,
                                          Verdict.MISQUOTED, Verdict.NOT_FOUND,
                                          Verdict.UNVERIFIABLE)]  # fmt: skip
    print("| " + " | ".join(str(n) for n in (total, *counts)) + " |")
    print()
    for verdict, reason, sentence in others:
        print(f"- {verdict} ({reason}): {' '.join(sentence.split())[:140]}")
    print(f"\nRun time: {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
