"""The evidence store at scale: lookup time, replay memory, and a single cassette beside it.

Builds stores of N recorded pages (real HTML from ../shared/data/article-extraction-benchmark,
each page under many URLs) and measures, each in a fresh process so peak memory is its own:

- lookup: `EvidenceStore.get` on the first and the last 10 % of the URLs (the same pages in
  both samples, so only the store's size differs), and the process's peak memory;
- replay: `fetch_all` of every URL offline from the store, keeping no bodies (as the
  pipeline does: each page is read as it arrives), wall time and peak memory;
- cassette: the same pages in one vcrpy YAML cassette, as before the store: load time,
  lookups (vcrpy's matcher) on the first and last 10 %, and peak memory;
- one lookup by turns: the same pages through the reader at BEFORE (from git) and the
  current one, alternating in one process, and the current one on the pages as the store
  wrote them before literal blocks; then the check of each body (SHA-256, CRC-32);
- run share: `verify_paths` offline (lexical pipeline unless --semantic) on n articles
  citing n different recorded bodies (each real page plus its own comment, as in a real
  corpus), then on the real pages under n URLs (identical bodies are read once), with the
  time spent in `EvidenceStore.get` clocked inside the run, every lookup it made (and its
  median by place: the first of a run of reads ahead, or another);
  `--run-before` adds the first run through the reader at BEFORE, `--run-alternate` one run
  whose lookups alternate between the two readers (a fair comparison on a busy machine:
  both read cold pages under the same load, in the same process), `--run-one-by-one` the
  first run with each recording read only when its request comes (no read-ahead).

    python bench/evidence.py [--sizes 100,1000,10000] [--cassette-sizes 100,1000] [--run 200]
                             [--semantic] [--run-before] [--run-alternate] [--run-one-by-one]

Prints Markdown tables (pasted into docs/benchmarks.md, "Evidence store (issue 12)"). The
stores are built in a temporary folder and removed afterwards; files are in the OS page
cache when read (a warm store, as in a second CI step).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "html"
PLACEHOLDER = "https://placeholder.invalid/url"
WHEN = datetime(2026, 12, 1, tzinfo=UTC)


def _pages() -> list[bytes]:
    files = sorted(DATA.glob("*.html.gz"))
    if not files:
        sys.exit(f"no pages under {DATA}: see ../shared/data/README.md")
    return [gzip.decompress(f.read_bytes()) for f in files]


def url_of(i: int) -> str:
    return f"https://site{i % 97}.example/news/{i}/article.html"


def page_of(i: int, n: int, pages: int) -> int:
    """The page behind URL i: URL k of the first decile and URL k of the last share it."""
    return (i % max(1, n // 10)) % pages


def _templates(pages: list[bytes]) -> list[str]:
    """Each page's store file text with a placeholder URL: one YAML dump per page."""
    from verifier.fetch.store import Recording, dump_cassette

    headers = {"content-type": "text/html; charset=utf-8"}
    return [
        dump_cassette([Recording.build(PLACEHOLDER, 200, headers, body, recorded_at=WHEN)
                       .to_interaction()])
        for body in pages
    ]  # fmt: skip


def build_store(root: Path, n: int, templates: list[str]) -> float:
    """N recordings, written as `EvidenceStore.put` writes them (same bytes, same paths)."""
    from verifier.fetch.store import EvidenceStore

    store = EvidenceStore.open(root, create=True)
    started = time.perf_counter()
    for i in range(n):
        url = url_of(i)
        path = store.path_for(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(templates[page_of(i, n, len(templates))].replace(PLACEHOLDER, url))
        os.replace(temporary, path)
    return time.perf_counter() - started


def build_run_store(root: Path, n: int, pages: list[bytes], *, distinct: bool) -> None:
    """URL i records real page i (mod the pages) through `EvidenceStore.put`. With
    `distinct`, each copy ends with its own comment, so n URLs are n different bodies, as
    in a real corpus (the pipeline reads identical bodies once); beside each file, the same
    recording as the store wrote it before literal blocks (one double-quoted body)."""
    import yaml

    from verifier.fetch.store import EvidenceStore, Recording, _Dumper

    store = EvidenceStore.open(root, create=True)
    headers = {"content-type": "text/html; charset=utf-8"}
    for i in range(n):
        body = pages[i % len(pages)] + (f"\n<!-- copy {i} -->\n".encode() if distinct else b"")
        recording = Recording.build(url_of(i), 200, headers, body, recorded_at=WHEN)
        path = store.put(recording)
        if i < len(pages):
            data = {"interactions": [recording.to_interaction()], "version": 1}
            old = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
            path.with_suffix(".quoted").write_text(old, encoding="utf-8")


def build_cassette(path: Path, n: int, templates: list[str]) -> None:
    """The same N recordings in one vcrpy cassette (interactions concatenated)."""
    with path.open("w", encoding="utf-8") as out:
        out.write("interactions:\n")
        for i in range(n):
            text = templates[page_of(i, n, len(templates))]
            item = text[len("interactions:\n") : text.rindex("version: 1")]
            out.write(item.replace(PLACEHOLDER, url_of(i)))
        out.write("version: 1\n")


# ---------------------------------------------------------------------------
# measurements, each run in its own process


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _deciles(n: int) -> tuple[list[int], list[int]]:
    tenth = max(1, n // 10)
    sample = min(tenth, 300)
    return list(range(sample)), list(range(n - tenth, n - tenth + sample))


def measure_lookup(root: str, n: int) -> dict[str, float]:
    from verifier.fetch.store import EvidenceStore

    started = time.perf_counter()
    store = EvidenceStore.open(Path(root))
    opened = time.perf_counter() - started
    out: dict[str, float] = {"load_s": opened}
    for label, indices in zip(("first_ms", "last_ms"), _deciles(n), strict=True):
        started = time.perf_counter()
        for i in indices:
            assert store.get(url_of(i)) is not None
        out[label] = (time.perf_counter() - started) / len(indices) * 1000
    out["peak_mb"] = _peak_mb()
    return out


def measure_replay(root: str, n: int) -> dict[str, float]:
    from dataclasses import replace

    from verifier.fetch import fetch_all_sync
    from verifier.models import FetchResult
    from verifier.options import FetchOptions

    options = FetchOptions(offline=True, store=Path(root), archive=False)
    ok = 0

    def drop_body(result: FetchResult) -> FetchResult:
        nonlocal ok
        ok += result.ok and len(result.content) > 0
        return replace(result, content=b"")

    started = time.perf_counter()
    fetch_all_sync([url_of(i) for i in range(n)], options, on_result=drop_body)
    wall = time.perf_counter() - started
    assert ok == n, f"only {ok} of {n} replayed"
    return {"wall_s": wall, "per_url_ms": wall / n * 1000, "peak_mb": _peak_mb()}


def measure_cassette(path: str, n: int) -> dict[str, float]:
    from vcr.request import Request

    from verifier.fetch.cassette import can_play, use_cassette

    started = time.perf_counter()
    with use_cassette(Path(path), "none", max_bytes=20 * 1024 * 1024) as cassette:
        out: dict[str, float] = {"load_s": time.perf_counter() - started}
        for label, indices in zip(("first_ms", "last_ms"), _deciles(n), strict=True):
            started = time.perf_counter()
            for i in indices:
                assert can_play(cassette, "GET", url_of(i))
                cassette.play_response(Request("GET", url_of(i), None, {}))
            out[label] = (time.perf_counter() - started) / len(indices) * 1000
    out["peak_mb"] = _peak_mb()
    return out


def measure_run(root: str, n: int) -> dict[str, float]:
    """An offline `verify_paths` over n articles, each citing one recorded page, with the
    time spent in `EvidenceStore.get` clocked inside the run (every lookup it made)."""
    from verifier import verify_paths
    from verifier.fetch.store import EvidenceStore

    corpus = Path(root).parent / "corpus"
    corpus.mkdir(exist_ok=True)
    for i in range(n):
        (corpus / f"{i:05d}.md").write_text(
            f"# Article {i}\n\n“We checked every word of it,” the editor said "
            f"([source]({url_of(i)})).\n",
            encoding="utf-8",
        )
    readers: dict[str, Any] = {"now": EvidenceStore.get}
    mode = os.environ.get("BENCH_READER", "now")
    if mode in ("before", "alternate"):  # the reader at BEFORE, same run
        before = _before_store(os.environ.get("BENCH_BEFORE", BEFORE)).EvidenceStore
        readers["before"] = lambda self, url: before(self.root).get(url)
    # "alternate": lookup k through the current reader when k is even, else at BEFORE, so
    # both read cold pages in the same run while the machine's load comes and goes.
    turns = ["now", "before"] if mode == "alternate" else [mode]
    clocks = {way: [0.0, 0.0, 0] for way in turns}  # wall s, CPU s, lookups
    # Each lookup's wall time, by whether it opened a run of reads ahead (the session's
    # `_read_ahead`, whose first lookup comes right after a page's reading) or not.
    by_place: dict[str, list[float]] = {"first": [], "rest": []}
    opens = [False]

    def timed(self: EvidenceStore, url: str) -> Any:
        way = turns[sum(c[2] for c in clocks.values()) % len(turns)]
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            return readers[way](self, url)
        finally:
            clock = clocks[way]
            clock[0] += time.perf_counter() - started
            clock[1] += time.process_time() - started_cpu
            clock[2] += 1
            by_place["first" if opens[0] else "rest"].append(time.perf_counter() - started)
            opens[0] = False

    EvidenceStore.get = timed  # type: ignore[method-assign]
    from verifier.fetch import recording

    read_ahead = recording.RecordingSession._read_ahead

    def reads_ahead(self: Any, url: str) -> None:
        opens[0] = True
        read_ahead(self, url)

    recording.RecordingSession._read_ahead = reads_ahead  # type: ignore[method-assign]
    if os.environ.get("BENCH_READ_AHEAD"):
        recording.READ_AHEAD = int(os.environ["BENCH_READ_AHEAD"])
    semantic = os.environ.get("BENCH_SEMANTIC") == "1"
    started, started_cpu = time.perf_counter(), time.process_time()
    report = verify_paths(
        [corpus], offline=True, store=Path(root), archive=False, semantic=semantic
    )
    wall, run_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert report.evidence is not None and report.evidence.replayed == n, report.evidence
    spent, cpu, lookups = (sum(c[i] for c in clocks.values()) for i in range(3))
    out = {
        "wall_s": wall,
        "lookups": lookups,
        "lookup_s": spent,
        "lookup_ms": spent / max(1, lookups) * 1000,
        "share_pct": spent / wall * 100,
        # The same in CPU time: on a shared machine, waiting for a core is not counted.
        "cpu_s": run_cpu,
        "cpu_share_pct": cpu / run_cpu * 100,
        "peak_mb": _peak_mb(),
    }
    for place, spent_each in by_place.items():
        spent_each.sort()
        out[f"{place}_median_ms"] = spent_each[len(spent_each) // 2] * 1000 if spent_each else -1
    for way, (way_s, way_cpu, count) in clocks.items():
        out[f"{way}_lookups"] = count
        out[f"{way}_ms"] = way_s / max(1, count) * 1000
        out[f"{way}_cpu_ms"] = way_cpu / max(1, count) * 1000
    return out


BEFORE = "9afcaae"  # the store's reader before lookups skipped libyaml and regex scans


def _before_store(rev: str) -> Any:
    """`verifier/fetch/store.py` and `literal.py` as they were at `rev` (from git), as a
    module, so the old reader and the current one are timed by turns in one process."""
    import types

    def source(path: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout

    modules = []
    for name in ("literal", "store"):
        module = types.ModuleType(f"before_{name}")
        sys.modules[module.__name__] = module  # dataclasses look their module up
        if modules:
            module.__dict__["literal"] = modules[0]
        text = source(f"verifier/fetch/{name}.py").replace("from verifier.fetch import literal", "")
        exec(compile(text, f"{rev}:{name}.py", "exec"), module.__dict__)
        modules.append(module)
    return modules[1]


def measure_turns(root: str, n: int) -> dict[str, float]:
    """`EvidenceStore.get` on the same n pages, by turns in one process (so a busy machine
    slows all alike): the reader at BEFORE, the current one, and the current one on the same
    recordings as the store wrote them before literal blocks (one double-quoted body)."""
    from verifier.fetch.store import EvidenceStore, crc32_hex, sha256_hex

    before = _before_store(os.environ.get("BENCH_BEFORE", BEFORE))
    old, new = before.EvidenceStore.open(Path(root)), EvidenceStore.open(Path(root))
    urls = [url_of(i) for i in range(n)]
    quoted = _QuotedStore(Path(root))
    ways = {"before": old.get, "now": new.get, "quoted": quoted.get}
    times: dict[str, list[float]] = {way: [] for way in ways}
    for turn in range(9):
        order = list(ways) if turn % 2 else list(reversed(ways))
        for way in order:
            started = time.perf_counter()
            for url in urls:
                assert ways[way](url) is not None
            times[way].append((time.perf_counter() - started) / n * 1000)
    bodies = [recording.body for recording in map(new.get, urls) if recording is not None]
    for name, digest in (("sha256", sha256_hex), ("crc32", crc32_hex)):
        times[name] = []
        for _ in range(9):
            started = time.perf_counter()
            for body in bodies:
                digest(body)
            times[name].append((time.perf_counter() - started) / len(bodies) * 1000)
    out: dict[str, float] = {}
    for way, spent in times.items():
        spent.sort()
        out[f"{way}_best"], out[f"{way}_median"] = spent[0], spent[len(spent) // 2]
    return out


class _QuotedStore:
    """The store read now, over the `.quoted` copies (the format recorded before)."""

    def __init__(self, root: Path) -> None:
        from verifier.fetch.store import EvidenceStore

        self.store = EvidenceStore.open(root)

    def get(self, url: str) -> Any:
        from verifier.fetch.store import load_cassette, parse_interaction

        path = self.store.path_for(url).with_suffix(".quoted")
        return parse_interaction(load_cassette(path)[0], path)


MEASURES = {
    "lookup": measure_lookup,
    "replay": measure_replay,
    "cassette": measure_cassette,
    "run": measure_run,
    "turns": measure_turns,
}


def _child(kind: str, target: Path, n: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, str(target), str(n)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{kind} {n} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------


def _store_table(sizes: list[int], templates: list[str], work: Path) -> list[str]:
    rows = [
        "| recordings | build s | on disk MB | open s | lookup ms, first 10 % | lookup ms, "
        "last 10 % | last/first | lookup peak MB | replay s | replay ms/URL | replay peak MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        root = work / f"store-{n}"
        built = build_store(root, n, templates)
        size = sum(f.stat().st_size for f in root.rglob("*.yaml")) / 1e6
        look = _child("lookup", root, n)
        replay = _child("replay", root, n)
        rows.append(
            f"| {n:,} | {built:.1f} | {size:,.0f} | {look['load_s']:.4f} | "
            f"{look['first_ms']:.2f} | {look['last_ms']:.2f} | "
            f"{look['last_ms'] / look['first_ms']:.2f} | {look['peak_mb']:.0f} | "
            f"{replay['wall_s']:.1f} | {replay['per_url_ms']:.2f} | {replay['peak_mb']:.0f} |"
        )
        print(rows[-1], file=sys.stderr)
        shutil.rmtree(root)
    return rows


def _cassette_table(sizes: list[int], templates: list[str], work: Path) -> list[str]:
    rows = [
        "| recordings | file MB | load s | lookup ms, first 10 % | lookup ms, last 10 % | "
        "last/first | peak MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        path = work / f"cassette-{n}.yaml"
        build_cassette(path, n, templates)
        c = _child("cassette", path, n)
        rows.append(
            f"| {n:,} | {path.stat().st_size / 1e6:,.0f} | {c['load_s']:.2f} | "
            f"{c['first_ms']:.2f} | {c['last_ms']:.2f} | {c['last_ms'] / c['first_ms']:.2f} | "
            f"{c['peak_mb']:.0f} |"
        )
        print(rows[-1], file=sys.stderr)
        path.unlink()
    return rows


def _run_tables(
    n: int, pages: list[bytes], work: Path, *, before: bool, alternate: bool, one_by_one: bool
) -> None:
    root = work / "run" / "store"
    build_run_store(root, n, pages, distinct=True)
    pages_read = min(n, len(pages))
    ways = _child("turns", root, pages_read)
    print(f"\n#### One lookup of {pages_read} real pages, by turns in one process (9 turns)\n")
    print("| reader | best ms | median ms | median / before |")
    print("| --- | ---: | ---: | ---: |")
    for way, label in (
        ("before", f"before ({os.environ.get('BENCH_BEFORE', BEFORE)}), literal block"),
        ("now", "now, literal block"),
        ("quoted", "now, a store recorded before literal blocks"),
    ):
        ratio = ways[f"{way}_median"] / ways["before_median"]
        print(f"| {label} | {ways[f'{way}_best']:.2f} | {ways[f'{way}_median']:.2f} | "
              f"{ratio:.2f} |")  # fmt: skip
    print("\nThe check of a body on every read, on the same bodies (9 turns):\n")
    print("| hash | best ms | median ms |")
    print("| --- | ---: | ---: |")
    for name in ("sha256", "crc32"):
        print(f"| {name} | {ways[f'{name}_best']:.3f} | {ways[f'{name}_median']:.3f} |")
    rows, places = [], []
    runs = [
        (f"{n:,} different", True, "now", ""),
        (f"{min(n, len(pages))} real pages", False, "now", ""),
    ]
    if one_by_one:  # the same run, each recording read when its request comes (READ_AHEAD 1)
        runs.insert(1, (f"{n:,} different, read one by one", True, "now", "1"))
    if before:  # the reader at BEFORE in the same conditions, between the two
        runs.insert(1, (f"{n:,} different, reader before", True, "before", ""))
    for label, distinct, reader, read_ahead in runs:
        if not distinct:
            shutil.rmtree(root.parent)
            build_run_store(root, n, pages, distinct=False)
        os.environ["BENCH_READER"] = reader
        os.environ["BENCH_READ_AHEAD"] = read_ahead
        run = _child("run", root, n)
        if alternate and distinct and reader == "now":
            _alternate_table(n, root)
        rest = f"{run['rest_median_ms']:.2f}" if run["rest_median_ms"] >= 0 else "–"
        places.append(f"| {label} | {run['first_median_ms']:.2f} | {rest} |")
        rows.append(
            f"| {n:,} | {label} | {run['lookups']:,.0f} | {run['wall_s']:.1f} | "
            f"{run['lookup_s']:.2f} | {run['lookup_ms']:.2f} | {run['share_pct']:.1f} % | "
            f"{run['cpu_s']:.1f} | {run['cpu_share_pct']:.1f} % | "
            f"{run['peak_mb']:.0f} |"
        )
        print(rows[-1], file=sys.stderr)
    print(f"\n#### An offline run of {n:,} articles, one recorded source each\n")
    print("| articles | recorded pages | lookups | wall s | evidence lookup s | ms per lookup | "
          "lookup share | run CPU s | lookup share of CPU | peak MB |")  # fmt: skip
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    print("\nMedian lookup, by its place: the first of a run of reads ahead (right after a")
    print("page's reading; every lookup, read one by one) and the others.\n")
    print("| recorded pages | first ms | others ms |")
    print("| --- | ---: | ---: |")
    print("\n".join(places))


def _alternate_table(n: int, root: Path) -> None:
    """One run whose lookups go by turns through the current reader and the one at BEFORE."""
    os.environ["BENCH_READER"] = "alternate"
    run = _child("run", root, n)
    rev = os.environ.get("BENCH_BEFORE", BEFORE)
    print(f"\n#### One run of {n:,} articles, its lookups by turns through the reader now "
          f"and at {rev}\n")  # fmt: skip
    print(f"Run: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU.\n")
    print("| reader | lookups | ms per lookup | CPU ms per lookup | CPU / before |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for way, label in (("before", f"before ({rev})"), ("now", "now")):
        print(f"| {label} | {run[f'{way}_lookups']:,.0f} | {run[f'{way}_ms']:.2f} | "
              f"{run[f'{way}_cpu_ms']:.2f} | "
              f"{run[f'{way}_cpu_ms'] / run['before_cpu_ms']:.2f} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--cassette-sizes", default="100,1000")
    parser.add_argument("--run", type=int, default=200, help="articles in the run-share test")
    parser.add_argument("--semantic", action="store_true", help="the run with the semantic tier")
    parser.add_argument(
        "--run-before", action="store_true", help="also the run through the reader at BEFORE"
    )
    parser.add_argument(
        "--run-alternate",
        action="store_true",
        help="also one run whose lookups alternate between the reader now and at BEFORE",
    )
    parser.add_argument(
        "--run-one-by-one",
        action="store_true",
        help="also the run with each recording read when its request comes (no read-ahead)",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.semantic:
        os.environ["BENCH_SEMANTIC"] = "1"  # read by the run's child process
    if args.child:
        kind, target, n = args.child
        print(json.dumps(MEASURES[kind](target, int(n))))
        return

    pages = _pages()
    templates = _templates(pages)
    work = Path(tempfile.mkdtemp(prefix="bench-evidence-"))
    try:
        print(f"{len(pages)} real pages, {sum(map(len, pages)) / len(pages) / 1e3:.0f} kB each")
        sizes = [int(s) for s in args.sizes.split(",") if s]
        if sizes:
            print("\n#### The store (one file per URL)\n")
            print("\n".join(_store_table(sizes, templates, work)))
        sizes = [int(s) for s in args.cassette_sizes.split(",") if s]
        if sizes:
            print("\n#### One vcrpy cassette of the same pages\n")
            print("\n".join(_cassette_table(sizes, templates, work)))
        _run_tables(
            args.run,
            pages,
            work,
            before=args.run_before,
            alternate=args.run_alternate,
            one_by_one=args.run_one_by_one,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
