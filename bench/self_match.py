"""Every quotation the extractor finds, matched against the article it was found in.

A quote is words of its own article, so against that article's text it must come out
`verified`: anything else is a disagreement between extraction (where the quote starts and
ends, which marks it keeps) and matching (how it reads brackets, ellipses, punctuation), the
kind of false alarm an editor would see on a quote copied from its source. Runs over the 181
real news pages of `../shared/data/article-extraction-benchmark` (read as HTML articles) and
the PolNeAR articles (train and dev, as plain text). Prints the verdict counts per set and
every quote that is not verified, with the matcher's reason.

    python bench/self_match.py    # docs/benchmarks.md, "Matching: quotes against their own article"
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verifier.extract import extract  # noqa: E402
from verifier.load import load_string  # noqa: E402
from verifier.match import SourceIndex, Verdict, match_quote  # noqa: E402
from verifier.models import Document  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"


def documents(data: Path) -> Iterator[tuple[str, str, Document]]:
    """(set, file name, document) for every real page and every PolNeAR article."""
    for path in sorted((data / "article-extraction-benchmark" / "html").glob("*.html.gz")):
        with gzip.open(path) as fh:
            html = fh.read().decode("utf-8", "replace")
        yield "real pages", path.name, load_string(html, "html")
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / "data" / split / "text").glob("*.txt")):
            yield f"PolNeAR {split}", path.name, load_string(path.read_text("utf-8"), "text")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    args = parser.parse_args()
    if not (args.data / "polnear").is_dir():
        print(f"skipped: {args.data} is missing (see ../shared/data/README.md)")
        return 0
    started = time.perf_counter()
    counts: dict[str, Counter[str]] = {}
    misses: list[str] = []
    for name, file, doc in documents(args.data):
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
