"""The evidence store at scale: lookup time, replay memory, and a single cassette beside it.

Builds stores of N recorded pages (real HTML from ../shared/data/article-extraction-benchmark,
each page under many URLs) and measures, each in a fresh process so peak memory is its own:

- lookup: `EvidenceStore.get` on the first and the last 10 % of the URLs (the same pages in
  both samples, so only the store's size differs), and the process's peak memory;
- replay: `fetch_all` of every URL offline from the store, keeping no bodies (as the
  pipeline does: each page is read as it arrives), wall time and peak memory;
- cassette: the same pages in one vcrpy YAML cassette, as before the store: load time,
  lookups (vcrpy's matcher) on the first and last 10 %, and peak memory;
- run share: `verify_paths` offline on a corpus of articles citing those pages, and the
  share of its time spent looking recordings up (sampled lookup cost x lookups / wall time).

    python bench/evidence.py [--sizes 100,1000,10000] [--cassette-sizes 100,1000] [--run 200]

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


def build_store(root: Path, n: int, templates: list[str], *, distinct: bool = False) -> float:
    """N recordings, written as `EvidenceStore.put` writes them (same bytes, same paths).

    With `distinct`, URL i gets page i (mod the pages): a run reads as many different pages
    as it can, instead of the same few (the pipeline reads one body once).
    """
    from verifier.fetch.store import EvidenceStore

    store = EvidenceStore.open(root, create=True)
    started = time.perf_counter()
    for i in range(n):
        url = url_of(i)
        path = store.path_for(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        page = i % len(templates) if distinct else page_of(i, n, len(templates))
        temporary.write_text(templates[page].replace(PLACEHOLDER, url))
        os.replace(temporary, path)
    return time.perf_counter() - started


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
    """An offline `verify_paths` over n articles, each citing one recorded page."""
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
    started = time.perf_counter()
    report = verify_paths([corpus], offline=True, store=Path(root), archive=False)
    wall = time.perf_counter() - started
    assert report.evidence is not None and report.evidence.replayed == n, report.evidence
    store = EvidenceStore.open(Path(root))
    sample = list(range(0, n, max(1, n // 50)))
    started = time.perf_counter()
    for i in sample:
        store.get(url_of(i))
    per_lookup = (time.perf_counter() - started) / len(sample)
    return {
        "wall_s": wall,
        "lookup_s": per_lookup * n,
        "share_pct": per_lookup * n / wall * 100,
        "peak_mb": _peak_mb(),
    }


MEASURES = {
    "lookup": measure_lookup,
    "replay": measure_replay,
    "cassette": measure_cassette,
    "run": measure_run,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--cassette-sizes", default="100,1000")
    parser.add_argument("--run", type=int, default=200, help="articles in the run-share test")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
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
        root = work / "run" / "store"
        build_store(root, args.run, templates, distinct=True)
        run = _child("run", root, args.run)
        print(f"\n#### An offline run of {args.run} articles, one recorded source each\n")
        print("| wall s | evidence lookup s | lookup share | peak MB |")
        print("| ---: | ---: | ---: | ---: |")
        print(
            f"| {run['wall_s']:.1f} | {run['lookup_s']:.2f} | {run['share_pct']:.1f} % | "
            f"{run['peak_mb']:.0f} |"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
