"""The whole pipeline at archive scale: time, CPU, memory, and the floor, per corpus size.

Generates corpora of N Markdown articles from real news text: each article is a PolNeAR
article (`../shared/data/polnear`) with 5–15 quotes added, each a sentence of a real page of
`../shared/data/article-extraction-benchmark` (60 % exact, the rest with one word changed),
linked to that page under one of `--urls-per-page` URLs. The pages are replayed offline:
each URL's response is put in the run's response cache (`--cache-dir`), so no request
leaves the machine. Every run is `verify CORPUS --format jsonl -o FILE` in a subprocess
with a fresh cache (nothing read in an earlier run is reused), measured from outside:

- wall time, CPU time (the run and every process it started), peak RSS (the largest single
  process), quotes per CPU-second;
- the floor, in this process, on one core: each distinct page read once by trafilatura
  alone, every article loaded and its quotes extracted, each distinct page indexed once,
  every quote matched against its page.

    python bench/corpus.py --sizes 1000 --jobs 2 --dask     # 1k: 1 process, 2, Dask
    python bench/corpus.py --sizes 10000                    # 10k: 1 process
    python bench/corpus.py --sizes 1000 --semantic          # with the semantic tier
    python bench/corpus.py --sizes 100 --replay 10000       # + a replay of 10,000 sources
    python bench/corpus.py --quick                          # 100 articles, 500 sources

`--replay N` adds a whole offline run over a corpus citing N distinct sources recorded in
an evidence store (built as bench/evidence.py builds its stores), for its peak memory.

The runs measure the lexical pipeline (`--no-semantic`) unless `--semantic` is given: the
floor has no semantic tier, and 40 % of these quotes are changed on purpose, each of which
the tier explains (about 0.16 s apiece), far more than a real corpus holds.

Prints Markdown tables (docs/benchmarks.md, "Archive scale (issue 14)"). The `load` column
is the machine's load average (1 minute) as the run started: wall times on a machine
running other work mean little, CPU seconds more. `--repeat N` runs every configuration in
N rounds and prints the median wall ratio against the same round's 1-process run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verifier.fetch.cache import ResponseCache  # noqa: E402
from verifier.models import FetchResult  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
PAGES = DATA / "article-extraction-benchmark"
POLNEAR = DATA / "polnear" / "data"
NAMES = ("Maria Alvarez", "John Okafor", "Li Wei", "Sarah Thompson", "Ahmed Karimi",
         "Elena Petrova", "David Cohen", "Grace Mensah", "Tomás Ruiz", "Hannah Becker")  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    sentences: tuple[str, ...]


def load_pages() -> list[Page]:
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        body = truth[page_id]["articleBody"]
        sentences = tuple(
            s.strip()
            for s in _SENTENCE.split(body)
            if 8 <= len(s.split()) <= 40 and not re.search(r"[\"“”«»]", s) and s.strip()[-1] == "."
        )
        if sentences:
            html = gzip.decompress((PAGES / "html" / f"{page_id}.html.gz").read_bytes())
            pages.append(Page(page_id, html, sentences))
    return pages


def url_of(page: Page, k: int) -> str:
    return f"https://news{k}.bench.example/{page.id}/story.html"


def articles(n: int, pages: list[Page], urls_per_page: int, seed: int) -> Iterator[str]:
    """N Markdown articles: a PolNeAR text with linked quotes of real pages woven in."""
    rng = random.Random(seed)
    texts = sorted(POLNEAR.glob("*/text/*.txt"))
    for i in range(n):
        paragraphs = texts[i % len(texts)].read_text(encoding="utf-8").split("\n\n")
        for _ in range(rng.randint(5, 15)):
            page = rng.choice(pages)
            words = rng.choice(page.sentences).rstrip(".")
            if rng.random() >= 0.6:  # one word changed: a misquote the matcher must catch
                long = _LONG_WORD.findall(words)
                if long:
                    words = words.replace(rng.choice(long), "differently", 1)
            url = url_of(page, rng.randrange(urls_per_page))
            name = rng.choice(NAMES)
            quote = f"“{words},” {name} said, according to [the report]({url})."
            paragraphs.insert(rng.randint(1, len(paragraphs)), quote)
        yield f"---\ntitle: Bench article {i}\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, n: int, pages: list[Page], urls_per_page: int) -> None:
    folder.mkdir(parents=True)
    for i, text in enumerate(articles(n, pages, urls_per_page, seed=14)):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:05d}.md").write_text(text, encoding="utf-8")


def fill_cache(folder: Path, pages: list[Page], urls_per_page: int) -> None:
    """Every URL's response, as a fetch would have stored it (replayed: no network)."""
    cache = ResponseCache(folder, max_age=10**9)
    headers = {"content-type": "text/html"}
    for page in pages:
        for k in range(urls_per_page):
            url = url_of(page, k)
            cache.put(FetchResult(url, url, 200, headers, page.html))


def write_replay(folder: Path, sources: int, pages: list[Page]) -> tuple[Path, Path]:
    """An evidence store of `sources` recorded URLs, built as bench/evidence.py builds its
    run's store (real pages, each URL a different body), and a corpus citing each URL once:
    PolNeAR articles with 5 linked quotes, each a sentence of the page behind its URL."""
    import evidence  # bench/evidence.py, beside this file

    store, corpus = folder / "store", folder / "corpus"
    if corpus.exists():
        return corpus, store
    evidence.build_run_store(store, sources, evidence._pages(), distinct=True)
    by_id = {page.id: page for page in pages}
    files = sorted(evidence.DATA.glob("*.html.gz"))
    texts = sorted(POLNEAR.glob("*/text/*.txt"))
    rng = random.Random(12)
    for a in range(-(-sources // 5)):
        paragraphs = texts[a % len(texts)].read_text(encoding="utf-8").split("\n\n")
        for i in range(a * 5, min(sources, a * 5 + 5)):
            page = by_id.get(files[i % len(files)].name.removesuffix(".html.gz"))
            words = rng.choice(page.sentences).rstrip(".") if page else "We checked it all"
            link = f"[the report]({evidence.url_of(i)})"
            quote = f"“{words},” {rng.choice(NAMES)} said, according to {link}."
            paragraphs.insert(rng.randint(1, len(paragraphs)), quote)
        sub = corpus / f"{a // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = f"---\ntitle: Replay article {a}\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        (sub / f"r{a:05d}.md").write_text(text, encoding="utf-8")
    return corpus, store


def replay_row(sources: int, pages: list[Page], workdir: Path) -> str:
    """A whole offline run replaying `sources` recorded sources from the store."""
    corpus, store = write_replay(workdir / f"replay-{sources}", sources, pages)
    result = measure("replay", corpus, ["--offline", "--store", str(store), "--jobs", "1"])
    return (f"| {sources:,} | {result.quotes:,} | {result.wall:.1f} | {result.cpu:.1f} "
            f"| {result.rss_mb:,.0f} MB |")  # fmt: skip


@dataclass(frozen=True)
class Run:
    label: str
    wall: float
    cpu: float
    rss_mb: float
    quotes: int
    verdicts: dict[str, str]  # quote id -> "verdict: reason"


def run(
    label: str, corpus: Path, pages: list[Page], urls: int, extra: list[str], semantic: bool
) -> Run:
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        cache = Path(tmp) / "cache"
        fill_cache(cache, pages, urls)
        return measure(label, corpus, ["--cache-dir", str(cache), *extra], semantic)


def measure(label: str, corpus: Path, extra: list[str], semantic: bool = False) -> Run:
    """`verify CORPUS --format jsonl` in a process of its own: time, CPU, peak RSS, verdicts."""
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        out = Path(tmp) / "out.jsonl"
        command = [sys.executable, "-c", "from verifier.cli import main; main()", str(corpus),
                   "--format", "jsonl", "-o", str(out), "--no-archive",
                   *([] if semantic else ["--no-semantic"]), *extra]  # fmt: skip
        # Measured by a wrapper process of its own: its children's peak RSS is this run's.
        measure = [sys.executable, "-c", _MEASURE, *command]
        start = time.perf_counter()
        env = {**os.environ, "CI": "1"}
        done = subprocess.run(measure, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        code, cpu, rss_kb = done.stdout.split()[-3:]
        if int(code) not in (0, 1):
            raise SystemExit(f"{label}: exit {code}\n{done.stderr[-2000:]}")
        lines = out.read_text(encoding="utf-8").splitlines()
        verdicts = {}
        for line in lines[:-1]:
            record = json.loads(line)
            if record["record"] == "quote":
                verdicts[record["id"]] = f"{record['verdict']}: {record['reason']}"
    quotes = json.loads(lines[-1])["totals"]["quotes"]
    return Run(label, wall, float(cpu), int(rss_kb) / 1024, quotes, verdicts)


_MEASURE = """import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)"""


def floor(corpus: Path, pages: list[Page], urls: int) -> float:
    """CPU seconds of the irreducible work, on one core (see the module docstring)."""
    import trafilatura

    from verifier.extract import extract
    from verifier.load import collect_paths, load_document
    from verifier.match import SourceIndex, match_quote

    start = time.process_time()
    texts = {}
    for page in pages:
        texts[page.id] = (
            trafilatura.extract(
                page.html,
                favor_recall=True,
                include_tables=True,
                include_comments=False,
                deduplicate=False,
            )
            or ""
        )
    indexes = {pid: SourceIndex(text) for pid, text in texts.items()}
    link = re.compile(r"https://news\d+\.bench\.example/([^/]+)/")
    for file, shown in collect_paths([corpus], include=("**/*.md",), exclude=()):
        document = load_document(file, shown)
        for quote in extract(document):
            para = document.paragraphs[document.paragraph_index(quote.start)]
            for lk in document.links:
                found = quote.end <= lk.start < para.end and link.match(lk.url)
                if found and found.group(1) in indexes:
                    match_quote(quote.text, indexes[found.group(1)])
                    break
    return time.process_time() - start


def _row(size: int, label: str, result: Run, first: Run, base: float, load: float) -> str:
    """A table row; verdicts that differ from the 1-process run's are counted and shown."""
    differ = [k for k, v in result.verdicts.items() if first.verdicts.get(k) != v]
    same = f" ({len(differ)} verdicts differ!)" if differ else ""
    shown = [f"<!-- {k}: {first.verdicts.get(k)} / {result.verdicts[k]} -->" for k in differ[:3]]
    return "".join(line + "\n" for line in shown) + (
        f"| {size:,} | {label}{same} | {result.quotes:,} | {result.wall:.1f} "
        f"| {result.cpu:.1f} | {result.rss_mb:,.0f} MB "
        f"| {result.quotes / result.cpu:.0f} | {_cell(base, '.1f')} "
        f"| {_cell(result.cpu / base, '.2f', '×')} "
        f"| {result.wall / first.wall:.2f}× | {load:.1f} |"
    )  # fmt: skip


def _cell(value: float, spec: str, unit: str = "") -> str:
    """A number for the table; "–" for one not measured (the floor under --no-floor)."""
    return "–" if math.isnan(value) else format(value, spec) + unit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated article counts")
    parser.add_argument("--urls-per-page", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=0, help="also run with --jobs N")
    parser.add_argument("--dask", action="store_true", help="also run --dask local (--jobs)")
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor (slow at 10k)")
    parser.add_argument("--semantic", action="store_true", help="run the semantic tier too")
    parser.add_argument("--replay", type=int, default=0,
                        help="also a replay run citing this many recorded sources")  # fmt: skip
    parser.add_argument("--shard-size", type=int, default=0,
                        help="the --jobs and --dask runs in shards of N articles")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="100 articles, 500 sources")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every run (take the median ratio)")  # fmt: skip
    args = parser.parse_args()
    if not (PAGES / "ground-truth.json").exists() or not POLNEAR.exists():
        print(f"skipped: {PAGES} or {POLNEAR} not found (the benchmark reads ../shared/data)")
        return 0
    if args.quick:
        args.sizes, args.replay = "100", 500
    pages = load_pages()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-corpora-"))
    print(f"{len(pages)} real pages × {args.urls_per_page} URLs; corpora in {workdir}\n")
    print("| articles | run | quotes | wall s | CPU s | peak RSS | quotes / CPU-s "
          "| floor CPU s (1 core) | run / floor (CPU) | wall vs 1 process | load |")  # fmt: skip
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    try:
        for size in (int(s) for s in args.sizes.split(",") if s):
            corpus = workdir / f"corpus-{size}"
            if not corpus.exists():
                write_corpus(corpus, size, pages, args.urls_per_page)
            base = float("nan") if args.no_floor else floor(corpus, pages, args.urls_per_page)
            configs = [("1 process", ["--jobs", "1"])]
            if args.jobs > 1:
                cut = ["--shard-size", str(args.shard_size)] if args.shard_size else []
                shards = f", shards of {args.shard_size}" if args.shard_size else ""
                jobs = ["--jobs", str(args.jobs), *cut]
                configs.append((f"--jobs {args.jobs}{shards}", jobs))
                if args.dask:
                    dask = ["--dask", "local", *jobs]
                    configs.append((f"--dask local, {args.jobs} workers{shards}", dask))
            ratios: dict[str, list[float]] = {}
            for _ in range(args.repeat):  # rounds: a load change hits every config alike
                first: Run | None = None
                for label, extra in configs:
                    load = os.getloadavg()[0]
                    result = run(label, corpus, pages, args.urls_per_page, extra, args.semantic)
                    first = first or result
                    ratios.setdefault(label, []).append(result.wall / first.wall)
                    print(_row(size, label, result, first, base, load), flush=True)
            if args.repeat > 1:
                print("\nWall time vs the 1-process run of the same round, median of "
                      f"{args.repeat} rounds: " + "; ".join(
                          f"{label} {statistics.median(r):.2f}× ({min(r):.2f}–{max(r):.2f})"
                          for label, r in ratios.items() if label != "1 process"))  # fmt: skip
        if args.replay:
            print(
                "\nA replay run: `verify CORPUS --offline --store STORE --jobs 1`, one process, "
                "every source a recording of its own in the evidence store.\n"
            )
            print("| recorded sources | quotes | wall s | CPU s | peak RSS |")
            print("| ---: | ---: | ---: | ---: | ---: |")
            print(replay_row(args.replay, pages, workdir), flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
