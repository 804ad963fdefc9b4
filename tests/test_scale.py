"""Archive runs: shards, their merge, --jobs, --dask, --resume and the JSON Lines stream.

The contract under test: however a corpus is cut and wherever its shards run, the merged
report is the single-process report, and the run-wide rules (baseline, exit code) apply once.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import planning, reading, scale
from verifier.baseline import apply_baseline
from verifier.cli import main
from verifier.errors import InputError
from verifier.judge import Sources
from verifier.load import load_document, may_have_url
from verifier.match import MatchConfig
from verifier.models import FetchResult, Report, SourceText, Verdict
from verifier.outcome import ExitCode, RunMerger, ShardResult, exit_code, merge_shards
from verifier.pipeline import check_shard, plan_run, survey_shard, verify_paths
from verifier.report.json import format_json
from verifier.report.jsonl import document_lines
from verifier.text import read_source
from verifier.text_cache import STALE_CLAIM, TextCache

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def single() -> Report:
    return verify_paths([CORPUS], offline=True)


@pytest.fixture(scope="module")
def shards() -> list[ShardResult]:
    """The sample corpus in shards of three articles, each checked on its own."""
    plan = plan_run([CORPUS], offline=True, shard_size=3)
    assert len(plan.shards) > 2
    corpus = tuple(a for shard in plan.shards for a in survey_shard(shard))
    return [check_shard(shard, plan.options, corpus) for shard in plan.shards]


def test_the_survey_parses_only_articles_that_may_have_a_url() -> None:
    files = [f for f in ROOT.joinpath("fixtures").rglob("*") if f.is_file()
             and f.suffix.lower() in (".md", ".markdown", ".html", ".htm", ".txt")]  # fmt: skip
    assert len(files) > 20
    with_url = [f for f in files if _loads_with_url(f)]
    assert with_url and all(may_have_url(f) for f in with_url)
    assert sum(map(may_have_url, files)) < len(files)  # the probe spares some parsing


_FRONT = ["title: T", "url: https://x.example/a", "URL: y", "sources: [https://a.example]"]


@settings(max_examples=40, deadline=None)
@given(
    front=st.lists(st.sampled_from(_FRONT), max_size=3),
    fenced=st.booleans(),
    suffix=st.sampled_from([".md", ".html", ".txt"]),
    crlf=st.booleans(),
)
def test_may_have_url_never_misses_an_article_url(
    tmp_path_factory: pytest.TempPathFactory,
    front: list[str],
    fenced: bool,
    suffix: str,
    crlf: bool,
) -> None:
    if suffix == ".html":
        links = "".join(f'<link rel="canonical" href="{f[5:]}">' for f in front if "url:" in f)
        text = f"<html><head>{links}</head><body><p>“Hi,” he said.</p></body></html>"
    else:
        head = "---\n" + "\n".join(front) + "\n---\n\n" if fenced else ""
        text = head + "“Hi,” he said, [per](https://b.example/x).\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    file = tmp_path_factory.mktemp("probe") / f"article{suffix}"
    file.write_bytes(text.encode("utf-8"))
    assert may_have_url(file) or not _loads_with_url(file)


def _loads_with_url(file: Path) -> bool:
    try:
        return load_document(file).url is not None
    except InputError:
        return False


def _json(report: Report) -> str:
    return format_json(report)


def test_shards_merge_into_the_single_process_report(single: Report, shards: list[ShardResult]):
    # The sample articles carry their own URLs: the cross-article lookup must see them all.
    assert any(c.candidate.reason.name == "CORPUS_ARTICLE" for q in single.all_quotes()
               for c in q.candidates)  # fmt: skip
    assert merge_shards(shards) == single


@settings(max_examples=20, deadline=None)
@given(order=st.permutations(range(4)))
def test_merge_is_independent_of_the_order_shards_finish(
    shards: list[ShardResult], order: list[int]
) -> None:
    results = [shards[i] for i in order if i < len(shards)] + shards[4:]
    assert merge_shards(results) == merge_shards(shards)


def test_the_baseline_applies_once_over_all_shards(
    tmp_path: Path, single: Report, shards: list[ShardResult]
) -> None:
    findings = [(d.path, q) for d in single.documents for q in d.quotes
                if q.verdict is Verdict.MISQUOTED]  # fmt: skip
    assert len({path for path, _ in findings}) >= 2  # in different shards
    entries = [
        {"path": path, "id": q.id, "verdict": "misquoted", "quote": q.quote.text, "line": q.line}
        for path, q in findings
    ]
    entries.append(
        {"path": "gone.md", "id": "x", "verdict": "misquoted", "quote": "gone", "line": 1}
    )
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"schema_version": 1, "entries": entries}), "utf-8")
    merged = merge_shards(reversed(shards), baseline=baseline)
    whole, stale = apply_baseline(single, baseline)
    assert merged == replace(whole, stale_baseline=tuple(stale))
    assert len(merged.stale_baseline) == 1 and "gone.md" in merged.stale_baseline[0]
    assert not [q for q in merged.all_quotes() if q.verdict is Verdict.MISQUOTED]


def test_the_merger_counts_without_keeping_documents(
    single: Report, shards: list[ShardResult]
) -> None:
    merger = RunMerger(keep=False)
    for result in shards:
        merger.add(result)
    assert merger.report().documents == ()
    assert {v.value: n for v, n in merger.verdicts.items()} == {
        k: n for k, n in single.summary().items() if n
    }
    assert merger.exit_code() == exit_code(single) == ExitCode.FINDINGS


def test_a_rendered_shard_counts_and_writes_what_its_documents_would(
    shards: list[ShardResult],
) -> None:
    as_objects, as_text = RunMerger(keep=False), RunMerger(keep=False)
    written = []
    for result in shards:
        as_objects.add(result)
        rendered = scale.render_shard(result)
        assert rendered.documents == () and rendered.rendered is not None
        assert as_text.add(rendered) == ()
        written.append(rendered.rendered.lines)
    assert as_text.verdicts == as_objects.verdicts
    assert (as_text.documents, as_text.errors) == (as_objects.documents, as_objects.errors)
    assert as_text.not_recorded == as_objects.not_recorded
    expected = (line for r in shards for d in r.documents for line in document_lines(d))
    assert "".join(written) == "".join(expected)
    with pytest.raises(ValueError, match="rendered"):  # a whole report needs the objects
        RunMerger().add(scale.render_shard(shards[0]))


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The index of every shard `scale` checks from now on, in order."""
    checked: list[int] = []
    real = scale.check_shard

    def counting(shard, *args):  # type: ignore[no-untyped-def]
        checked.append(shard.index)
        return real(shard, *args)

    monkeypatch.setattr(scale, "check_shard", counting)
    return checked


def test_a_streamed_runs_journal_is_not_taken_for_a_whole_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "constructed", corpus)
    plan = plan_run([corpus], offline=True, shard_size=3)
    checked = _count_checks(monkeypatch)
    streamed = list(scale.run_corpus(plan, resume=True, render=True))
    assert all(r.rendered is not None for r in streamed)
    whole = list(scale.run_corpus(plan, resume=True))  # needs the documents: checks again
    assert all(r.rendered is None and r.documents for r in whole)
    again = list(scale.run_corpus(plan, resume=True, render=True))  # takes either
    assert len(checked) == 2 * len(plan.shards) and len(again) == len(plan.shards)


def test_check_shard_runs_inside_an_event_loop(shards: list[ShardResult]) -> None:
    plan = plan_run([CORPUS / "constructed"], offline=True)

    async def inside() -> ShardResult:
        return check_shard(plan.shards[0], plan.options)

    result = asyncio.run(inside())
    assert result.sources > 0
    assert {d.path for d in result.documents} <= {d.path for s in shards for d in s.documents}


def test_fetch_limits_are_shared_among_workers() -> None:
    options = plan_run([CORPUS], offline=True).options
    shared = scale.share_limits(options, 4).fetch
    assert shared.per_host_concurrency == 1 and shared.concurrency == 32
    assert shared.host_interval == pytest.approx(options.fetch.host_interval * 4)
    assert scale.share_limits(options, 1) is options


def test_resume_skips_the_shards_already_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, single: Report
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    plan = plan_run([corpus], offline=True, shard_size=4)
    first = list(scale.run_corpus(plan, resume=True))
    assert len(list((corpus / scale.JOURNAL_DIR).glob("*.pickle"))) == len(plan.shards)

    # Touch one article: only its shard is checked again.
    changed = corpus / "constructed" / "wire-copy.txt"
    changed.write_text(changed.read_text("utf-8") + "\n", "utf-8")
    again = plan_run([corpus], offline=True, shard_size=4)
    checked = _count_checks(monkeypatch)
    second = list(scale.run_corpus(again, resume=True))
    assert len(checked) == 1 and any(p.name == "wire-copy.txt" for p, _ in
                                     again.shards[checked[0]].files)  # fmt: skip
    assert merge_shards(second) == merge_shards(first)
    assert len(list((corpus / scale.JOURNAL_DIR).glob("*.pickle"))) == len(plan.shards)


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(CORPUS), "--offline", *args], env={"CI": "true"})
    return result.exit_code, result.stdout


# Dask's own servers leave sockets for the garbage collector and warn while starting; the
# suite turns warnings into errors, so they are let through for the Dask tests only.
_DASK_WARNINGS = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::UserWarning"),
]


@pytest.fixture
def _collect_dask_garbage() -> Iterator[None]:
    """Collect Dask's leftover sockets inside the test, where their warnings are let through,
    not in whichever test the garbage collector would next run in."""
    yield
    gc.collect()


def _dask_test(test):  # type: ignore[no-untyped-def]
    test = pytest.mark.usefixtures("_collect_dask_garbage")(test)
    for mark in _DASK_WARNINGS:
        test = mark(test)
    return test


@_dask_test
def test_cli_jobs_and_dask_local_give_the_single_process_report(single: Report) -> None:
    # The paths as the CLI shows them (it was given an absolute folder).
    expected = (ExitCode.FINDINGS, format_json(single))
    assert _cli("--format", "json", "--jobs", "2", "--shard-size", "3") == expected
    dask = _cli("--format", "json", "--dask", "local", "--jobs", "2", "--shard-size", "3")
    assert dask == expected


@pytest.mark.parametrize("jobs", ["1", "2"])  # 2: rendered in the worker processes
def test_cli_streams_json_lines(single: Report, jobs: str) -> None:
    code, out = _cli("--format", "jsonl", "--jobs", jobs, "--shard-size", "3")
    assert code == ExitCode.FINDINGS
    records = [json.loads(line) for line in out.splitlines()]
    quotes = [r for r in records if r["record"] == "quote"]
    documents = [r for r in records if r["record"] == "document"]
    assert records[-1]["record"] == "summary"
    assert records[-1]["summary"] == single.summary()
    assert len(quotes) == len(single.all_quotes()) == sum(d["quotes"] for d in documents)
    as_json = json.loads(format_json(single))
    by_id = {q["id"]: q for d in as_json["documents"] for q in d["quotes"]}
    assert all({k: v for k, v in q.items() if k not in ("record", "path")} == by_id[q["id"]]
               for q in quotes)  # fmt: skip


@_dask_test
def test_a_running_dask_scheduler_gives_the_same_report(monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.chdir(ROOT)
    plan = plan_run([Path("fixtures/corpus/constructed")], offline=True, shard_size=2)
    expected = merge_shards(check_shard(s, plan.options) for s in plan.shards)
    with distributed.LocalCluster(
        n_workers=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        results = list(scale.run_corpus(plan, dask=cluster.scheduler_address))
    # The paths as shown: only the files the workers open are made absolute.
    assert sorted(d.path for r in results for d in r.documents) == sorted(
        d.path for d in expected.documents
    )
    assert merge_shards(results) == expected


# ---------------------------------------------------------------------------
# each page read once across the shards of a run


_PAGE = b"<html><body><article><p>" + b"The council voted to close the pool. " * 40 + b"</p>"
_PAGE += b"</article></body></html>"


def _page(url: str) -> FetchResult:
    return FetchResult(url, url, 200, {"content-type": "text/html"}, _PAGE)


def test_a_shared_text_cache_lets_one_worker_read_a_page(tmp_path: Path) -> None:
    one, other = TextCache(tmp_path, shared=True), TextCache(tmp_path, shared=True)
    first, mirror = _page("https://a.example/story"), _page("https://b.example/copy")
    assert one.claim(first) and not other.claim(mirror)  # the same bytes, another URL
    key = other.key(mirror)
    assert other.claimed(key) and not other.ready(key)
    one.put(first, read_source(first))
    assert other.ready(key) and not other.claimed(key)
    text = other.get(mirror)
    assert text is not None and (text.url, text.final_url) == (mirror.url, mirror.url)
    assert text.main_text == read_source(mirror).main_text


def test_a_dead_workers_claim_is_taken_over(tmp_path: Path) -> None:
    page = _page("https://a.example/story")
    assert TextCache(tmp_path, shared=True).claim(page)
    claim = next(tmp_path.rglob("*.claim"))
    old = time.time() - STALE_CLAIM - 1
    os.utime(claim, (old, old))
    other = TextCache(tmp_path, shared=True)
    assert not other.claimed(other.key(page)) and other.claim(page)


def test_a_page_another_worker_is_reading_is_taken_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page("https://a.example/story")
    elsewhere = TextCache(tmp_path, shared=True)
    assert elsewhere.claim(page)  # another worker is reading it
    here = TextCache(tmp_path, shared=True)
    read: dict[str, SourceText] = {}
    waiting = reading._Waiting(here, {}, read)
    assert reading._read_once(page, here, {}) is None
    waiting.wait_for(page)
    done = threading.Timer(0.2, lambda: elsewhere.put(page, read_source(page)))
    done.start()
    monkeypatch.setattr(reading, "read_source", _refuse)
    waiting.finish()
    done.join()
    assert read[page.url].main_text.startswith("The council voted")


def _refuse(fetched: FetchResult) -> SourceText:
    raise AssertionError(f"{fetched.url} read twice")


def test_shards_of_one_run_read_each_page_once(
    monkeypatch: pytest.MonkeyPatch, single: Report
) -> None:
    plan = plan_run([CORPUS], offline=True, shard_size=2)
    bodies: Counter[bytes] = Counter()
    real = reading.read_source

    def counting(fetched: FetchResult) -> SourceText:
        bodies[hashlib.sha256(fetched.content).digest()] += 1
        return real(fetched)

    monkeypatch.setattr(reading, "read_source", counting)
    results = list(scale.run_corpus(plan))
    assert len(results) == len(plan.shards) > 4 and bodies
    assert bodies.most_common(1)[0][1] == 1
    assert merge_shards(results) == single


def test_a_shard_indexes_a_page_once_and_drops_it_after_its_last_quote() -> None:
    copy, first = _page("https://b.example/copy"), _page("https://a.example/story")
    texts = {page.url: read_source(page) for page in (first, copy)}
    sources = Sources(texts, MatchConfig())
    sources.expect(Counter({first.url: 2, copy.url: 1}))
    shared = sources.index(first.url, "main")
    assert sources.index(copy.url, "main") is shared  # the same text under two URLs
    assert sources.match("The council voted to close the pool", copy.url, "main").verdict is (
        Verdict.VERIFIED
    )
    sources.done_with([first.url, copy.url])
    assert sources.index(first.url, "main") is shared  # one quote still cites it
    sources.done_with([first.url])
    assert not sources._indexes and not sources.pending


def test_one_process_cuts_an_archive_in_bounded_shards() -> None:
    assert planning.default_shard_size(30, 1) == 30
    assert planning.default_shard_size(1_000, 1) == 1_000 == planning.MAX_SHARD
    assert planning.default_shard_size(1_001, 1) == 501  # two even shards
    assert planning.default_shard_size(10_000, 1) == planning.MAX_SHARD
    assert planning.default_shard_size(1_000, 2) == 500
    assert planning.default_shard_size(10_000, 2) == planning.MAX_SHARD


def _articles_citing(folder: Path, cited: list[list[int]]) -> list[tuple[Path, str]]:
    """One Markdown article per entry, linking https://src.example/<n> for each n in it."""
    files = []
    for i, pages in enumerate(cited):
        path = folder / f"a{i:03d}.md"
        links = " ".join(f"[s](https://src.example/{n})" for n in pages)
        path.write_text(f"“Words of {i},” the mayor said. {links}\n")
        files.append((path, path.name))
    return files


def test_shards_are_cut_by_the_pages_their_articles_cite(tmp_path: Path) -> None:
    files = _articles_citing(tmp_path, [[1, 2], [3, 4], [5, 6], [1, 2, 3]])
    pieces = planning.split_by_sources(files, 4)
    assert [[name for _, name in piece] for piece in pieces] == [
        ["a000.md", "a001.md"],
        ["a002.md"],
        ["a003.md"],  # with a002: 5 6 1 2 3, five pages
    ]
    shared = _articles_citing(tmp_path, [[1, 2, 3]] * 5)
    assert len(planning.split_by_sources(shared, 4)) == 1  # a page cited again costs nothing


@settings(max_examples=40, deadline=None)
@given(
    cited=st.lists(st.lists(st.integers(0, 30), max_size=6), max_size=12),
    limit=st.integers(1, 10),
)
def test_split_by_sources_keeps_every_article_in_order_within_the_limit(
    cited: list[list[int]], limit: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = _articles_citing(Path(tmp), cited)
        pieces = planning.split_by_sources(files, limit)
        assert [f for piece in pieces for f in piece] == files
        for piece in pieces:
            pages = {n for path, _ in piece for n in cited[int(path.stem[1:])]}
            assert len(pages) <= limit or len(piece) == 1


def test_a_corpus_citing_many_pages_runs_in_more_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _articles_citing(tmp_path, [[n, n + 100] for n in range(40)])
    monkeypatch.setattr(planning, "MAX_SHARD_SOURCES", 20)
    assert [len(s.files) for s in plan_run([tmp_path], offline=True).shards] == [10] * 4
    assert len(plan_run([tmp_path], offline=True, shard_size=40).shards) == 1  # as asked
