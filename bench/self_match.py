"""Every quotation the extractor finds, matched against the article it was found in.

A quote is words of its own article, so against that article's text it must come out
`verified`: anything else is a disagreement between extraction (where the quote starts and
ends, which marks it keeps) and matching (how it reads brackets, ellipses, punctuation), the
kind of false alarm an editor would see on a quote copied from its source. Runs over the sets
`bench/extraction_snapshot.py` reads: the PolNeAR articles (train and dev, plain text), the
seed articles, and the 181 real news pages (read as HTML articles). Prints the verdict counts
per set and every quote that is not verified, with the matcher's reason.

    python bench/self_match.py    # docs/benchmarks.md, "Matching: quotes against their own article"
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

from extraction_snapshot import documents  # noqa: E402

from verifier.extract import extract  # noqa: E402
from verifier.load import load_string  # noqa: E402
from verifier.match import SourceIndex, Verdict, match_quote  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    if not (args.data / "polnear").is_dir():
        print(f"skipped: {args.data} is missing (see ../shared/data/README.md)")
        return 0
    started = time.perf_counter()
    counts: dict[str, Counter[str]] = {}
    misses: list[str] = []
    for name, file, text, fmt in documents(args.data, args.seeds):
        doc = load_string(text, fmt, file)
        index = SourceIndex(doc.text)
        for quote in extract(doc):
            result = match_quote(quote.text, index)
            counts.setdefault(name, Counter())[result.verdict.value] += 1
            if result.verdict is not Verdict.VERIFIED:
                misses.append(f"- {name}, {file}: {result.verdict.value} ({result.reason}): "
                              f"{quote.text[:100]!r}")  # fmt: skip
    verdicts = [v.value for v in Verdict]
    print("| set | quotes | " + " | ".join(verdicts) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in verdicts) + " |")
    for name, count in counts.items():
        cells = " | ".join(str(count[v]) for v in verdicts)
        print(f"| {name} | {sum(count.values())} | {cells} |")
    print()
    print("\n".join(misses) or "Every quote verified against its own article.")
    print(f"\nRun time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
