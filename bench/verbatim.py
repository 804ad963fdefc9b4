"""Real sentences quoted word for word: does the matcher call them verified?

Every sentence (six words or more) of the gold article bodies of the 181 real news pages in
`../shared/data/article-extraction-benchmark` that the page's text holds word for word (after
typography is normalised, as `bench/reading.py` counts them) is matched, as a quote, against
the text `read_source` makes of its own page. Each should come out `verified`: anything else
is a false alarm an editor would see on a faithful quote. Prints the verdict counts and every
sentence that is not verified, with the matcher's reason.

    python bench/verbatim.py    # docs/benchmarks.md, "Matching: real sentences quoted verbatim"

With `--restyled`, the sentences that hold a time of day, a contraction, an amount or a
number sign are quoted in another house style instead (`10:30 a.m.` as `10.30am` and back,
`we're` as `we are`, `5 million` as `5m`, `May 5` as `5 May` and as `the 5th of May`,
`30 degrees` as
`30°`, `No. 10` as `No 10` and back), which should not be
`misquoted`, and with the hour or figure changed (a `not` added after a contraction) too,
which should.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
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


_SPELT = {"re": "are", "ve": "have", "ll": "will", "m": "am"}


_MONTHS = "January February March April May June July August September October November December"
_MONTHS = _MONTHS.split()


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _next_hour(hour: str) -> str:
    return str(int(hour) % 12 + 1)


# (house style, pattern, the other style, the other style with its figure changed)
_RESTYLES: list[
    tuple[str, re.Pattern[str], Callable[[re.Match[str]], str], Callable[[re.Match[str]], str]]
] = [
    (
        "clock time, US to UK",
        re.compile(r"\b(1[0-2]|[1-9]):([0-5][0-9]) ?([ap])\.m\."),
        lambda m: f"{m[1]}.{m[2]}{m[3]}m",
        lambda m: f"{_next_hour(m[1])}.{m[2]}{m[3]}m",
    ),
    (
        "clock time, UK to US",
        re.compile(r"\b(1[0-2]|[1-9])[.:]([0-5][0-9]) ?([ap])m\b"),
        lambda m: f"{m[1]}:{m[2]} {m[3]}.m.",
        lambda m: f"{_next_hour(m[1])}:{m[2]} {m[3]}.m.",
    ),
    (
        "contraction spelt out",
        re.compile(r"\b([A-Za-z]+)[’']([Rr]e|[Vv]e|ll|m)\b"),
        lambda m: f"{m[1]} {_SPELT[m[2].lower()]}",
        lambda m: f"{m[1]} {_SPELT[m[2].lower()]} not",
    ),
    (
        "scale written on a whole number",
        re.compile(r"\b([1-9][0-9]{0,2}) (million|billion)\b"),
        lambda m: f"{m[1]}{'m' if m[2] == 'million' else 'bn'}",
        lambda m: f"{int(m[1]) + 1}{'m' if m[2] == 'million' else 'bn'}",
    ),
    (
        "date order, US to UK",
        re.compile(r"\b(" + "|".join(_MONTHS) + r") ([1-9]|[12][0-9]|3[01])\b(?!,? \d)"),
        lambda m: f"{m[2]} {m[1]}",
        lambda m: f"{int(m[2]) % 28 + 1} {m[1]}",
    ),
    (
        "date as the day of the month",
        re.compile(r"\b(" + "|".join(_MONTHS) + r") ([1-9]|[12][0-9]|3[01])\b(?!,? \d)"),
        lambda m: f"the {_ordinal(int(m[2]))} of {m[1]}",
        lambda m: f"the {_ordinal(int(m[2]) % 28 + 1)} of {m[1]}",
    ),
    (
        "degrees as a sign",
        re.compile(r"\b([0-9]+) degrees\b"),
        lambda m: f"{m[1]}°",
        lambda m: f"{int(m[1]) + 1}°",
    ),
    (
        "number sign",
        re.compile(r"\bNo\.? ?([0-9]+)\b"),
        lambda m: f"No {m[1]}" if "." in m[0] else f"No. {m[1]}",
        lambda m: f"No {int(m[1]) + 1}",
    ),
]


def restyled(sentences: list[str], index: SourceIndex, counts: dict[str, Counter[str]]) -> None:
    """Count the verdicts of each sentence restyled, and restyled with its figure changed."""
    for sentence in sentences:
        for style, pattern, other, changed in _RESTYLES:
            if pattern.search(sentence) is None:
                continue
            for way, rewrite in (("restyled", other), ("figure changed", changed)):
                result = match_quote(pattern.sub(rewrite, sentence), index)
                counts[style][f"{way}: {result.verdict.value}"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--restyled", action="store_true", help="quote in the other house style")
    args = parser.parse_args()
    truth = load_truth(args.data)
    if truth is None:
        return 0
    verdicts: Counter[str] = Counter()
    styles: dict[str, Counter[str]] = defaultdict(Counter)
    others: list[tuple[str, str, str]] = []
    start = time.perf_counter()
    for page_id in sorted(truth):
        source = read_source(fetched_page(args.data, page_id, truth[page_id]["url"]))
        if source.failure is not None:
            continue
        index = SourceIndex(source.full_text)
        sentences = verbatim_sentences(truth[page_id]["articleBody"], source.full_text)
        if args.restyled:
            restyled(sentences, index, styles)
            continue
        for sentence in sentences:
            result = match_quote(sentence, index)
            verdicts[result.verdict.value] += 1
            if result.verdict is not Verdict.VERIFIED:
                others.append((result.verdict.value, result.reason or "", sentence))
    if args.restyled:
        _print_styles(styles)
        print(f"\nRun time: {time.perf_counter() - start:.0f} s")
        return 0
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


def _print_styles(styles: dict[str, Counter[str]]) -> None:
    print("| house style | sentences | restyled: verified or minor | figure changed: misquoted |")
    print("| --- | ---: | ---: | ---: |")
    for style, _, _, _ in _RESTYLES:
        counts = styles[style]
        n = sum(v for k, v in counts.items() if k.startswith("restyled"))
        kept = counts["restyled: verified"] + counts["restyled: minor_difference"]
        caught = counts["figure changed: misquoted"]
        print(f"| {style} | {n} | {kept} | {caught} |")


if __name__ == "__main__":
    raise SystemExit(main())
