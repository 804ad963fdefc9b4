"""CPU time of loading and extracting adversarial articles at 1x, 2x, 4x and 8x their size.

Each doubling of the input must cost at most 2.5x (linear code measures about 2.1-2.3x at
these sizes; quadratic code 4x). Run: `python bench/scaling.py [--base N] [--repeat R]`.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from itertools import pairwise

from verifier.extract import extract
from verifier.load import load_string

# name -> (format, builder of an article of about n units)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "quote marks": ("markdown", lambda n: "“a” " * n),
    "unbalanced marks": ("markdown", lambda n: "“a " * n),
    "nested tags": ("html", lambda n: "<div>" * n + "“Words here,” he said." + "</div>" * n),
    "unclosed tags": ("html", lambda n: "<p><b><i>“Said it,” she said. " * n),
    "long paragraph": (
        "text",
        lambda n: "“We will build it,” the mayor said, and the council agreed. " * n,
    ),
    "many links": (
        "markdown",
        lambda n: "".join(f"“Quote {i},” he [said](https://e.org/{i}). " for i in range(n)),
    ),
}
BASE = {"quote marks": 1000, "unbalanced marks": 1000, "nested tags": 1000}


def cost(fmt: str, source: str, repeat: int) -> float:
    """The least CPU time of `repeat` runs of load + extract (least = least noise)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # the garbage of the last run is not this run's cost
        start = time.process_time()
        extract(load_string(source, fmt))
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=int, default=500, help="units at 1x [500]")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size, least kept [3]")
    parser.add_argument("--big", action="store_true", help="the issue's two huge inputs only")
    args = parser.parse_args()
    if args.big:
        big()
        return
    for fmt, build in SHAPES.values():  # compile every pattern before the clock starts
        cost(fmt, build(10), 1)
    print("| shape | chars at 1x | 1x s | 2x s | 4x s | 8x s | 2x/1x | 4x/2x | 8x/4x | ok |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, (fmt, build) in SHAPES.items():
        base = BASE.get(name, args.base) * args.base // 500
        times = [cost(fmt, build(base * k), args.repeat) for k in (1, 2, 4, 8)]
        ratios = [b / a if a else float("inf") for a, b in pairwise(times)]
        ok = "yes" if max(ratios) <= 2.5 else "NO"
        cells = " | ".join(f"{t:.3f}" for t in times)
        shown = " | ".join(f"{r:.2f}" for r in ratios)
        print(f"| {name} | {len(build(base))} | {cells} | {shown} | {ok} |", flush=True)


def big() -> None:
    """The inputs of issue 13 that never finished before (over 5 minutes)."""
    print("| input | size | CPU | quotes found |")
    print("| --- | ---: | ---: | ---: |")
    for name, fmt, source in (
        ("200,000 quote marks", "markdown", "“a” " * 100_000),
        ("1.5 MB of unclosed tags", "html", "<p><b><i>“Said it,” she said. " * 50_000),
    ):
        start = time.process_time()
        quotes = extract(load_string(source, fmt))
        took = time.process_time() - start
        print(f"| {name} | {len(source):,} chars | {took:.1f} s | {len(quotes):,} |", flush=True)


if __name__ == "__main__":
    main()
