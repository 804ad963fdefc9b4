"""How much of a real news page's article the HTML loader keeps, and how much else.

    python bench/html_articles.py [--data ../shared/data] [--worst N]

Loads each of the article-extraction benchmark's 181 real news pages with `load_html` and
compares the words of the document's text with the gold article body: recall (gold words
kept) and precision (kept words that are the article's), as bags of lowercase words, mean
over pages; also pages that lose most of their article (recall < 0.5), and the slowest page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.load import load_string  # noqa: E402

_WORD = re.compile(r"\w+")


def _bag(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages of lowest precision")
    args = ap.parse_args()
    base = args.data / "article-extraction-benchmark"
    gold = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    rows: list[tuple[str, float, float, float]] = []
    for path in sorted((base / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        began = time.perf_counter()
        doc = load_string(html, "html", path.name)
        seconds = time.perf_counter() - began
        want, got = _bag(gold[key]["articleBody"]), _bag(doc.text)
        both = sum((want & got).values())
        rows.append((key, both / max(1, want.total()), both / max(1, got.total()), seconds))
    print(f"{'pages':>6} {'recall':>7} {'precision':>9} {'lost (<0.5)':>11} {'slowest s':>9}")
    print(
        f"{len(rows):6} {statistics.mean(r[1] for r in rows):7.3f}"
        f" {statistics.mean(r[2] for r in rows):9.3f} {sum(r[1] < 0.5 for r in rows):11}"
        f" {max(r[3] for r in rows):9.2f}"
    )
    for key, recall, precision, _ in sorted(rows, key=lambda r: r[2])[: args.worst]:
        print(f"  {key[:12]}  recall {recall:.2f}  precision {precision:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
