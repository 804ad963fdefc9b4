"""Speed of this tree's matcher against another commit's, in one process, on the same quotes.

On a shared machine two separate runs of bench/matching.py differ by more than the change
being measured. Here the other commit's `verifier` is unpacked under another name
(`verifier_base`), both index the same 2 MB text, and every quote is timed with both
engines in turn (best of 5, the order alternating from quote to quote).

    python bench/matching_ab.py [--base COMMIT] [--quotes N]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bench.matching as bm  # noqa: E402
from verifier.match import SourceIndex, match_quote  # noqa: E402

_IMPORT = re.compile(r"\b(from|import) verifier\b")


def unpack_base(commit: str, into: Path) -> None:
    """The commit's `verifier` package as `verifier_base` under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "verifier"],
        check=True,
        capture_output=True,
    ).stdout
    tar_path = into / "base.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into / "src", filter="data")
    (into / "src" / "verifier").rename(into / "verifier_base")
    for path in (into / "verifier_base").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_IMPORT.sub(r"\1 verifier_base", text), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="main", help="commit to compare with")
    parser.add_argument("--quotes", type=int, default=1000)
    args = parser.parse_args()
    if not (bm.BENCH / "ground-truth.json").exists():
        print(f"skipped: {bm.BENCH} is missing (see ../shared/data/README.md)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        unpack_base(args.base, Path(tmp))
        sys.path.insert(0, tmp)
        from verifier_base.match import SourceIndex as BaseIndex  # type: ignore[import-not-found]
        from verifier_base.match import match_quote as base_match

        rng = random.Random(7)
        articles = {k: v for k, v in bm.load_articles().items() if bm.detect_language(v) == "en"}
        cases = bm.build_cases(articles, 3200, rng)
        rng.shuffle(cases)
        sample = cases[: args.quotes]
        filler = [p.read_text(encoding="utf-8") for p in sorted(bm.POLNEAR.glob("*.txt"))]
        big = bm.haystack("\n\n".join(articles.values()), filler, 2_000_000)
        mine, base = SourceIndex(big), BaseIndex(big)
        for case in sample[:20]:  # warm the word lists and caches of both
            match_quote(case.quote, mine)
            base_match(case.quote, base)
        times: dict[str, list[float]] = {"this tree": [], args.base: []}
        for n, case in enumerate(sample):
            runs = [("this tree", match_quote, mine), (args.base, base_match, base)]
            for name, match, index in runs if n % 2 else runs[::-1]:
                times[name].append(bm._best_of(partial(match, case.quote, index), 5))
    ours, theirs = times["this tree"], times[args.base]
    print("| engine | quotes | median ms | mean ms |\n| --- | ---: | ---: | ---: |")
    for name, values in times.items():
        print(
            f"| {name} | {len(values)} | {statistics.median(values) * 1000:.3f} "
            f"| {statistics.mean(values) * 1000:.3f} |"
        )
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"\nmedian ratio (this tree / {args.base}): {ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
