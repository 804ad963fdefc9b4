"""Archive runs: the shards of a plan over every core (`--jobs`) or a Dask cluster (`--dask`).

The stages are the pipeline's own (`check_shard`); this module only decides where each shard
runs, and yields the results as they finish, for `RunMerger` to apply the run-wide rules
once. Three things hold across shards (docs/scale.md says why):

- the cross-article lookup sees the whole corpus: a first, cheap pass (`survey_shard`)
  collects the articles that have their own URL, and every shard gets them;
- each page is read once in the run: the shards share a text cache on disk (the cache
  folder's, or one of the run's own), and a page one shard is reading is taken from it by
  the others when it is done (`TextCache.claim`);
- politeness per host holds for the run, not per worker: the per-host and overall request
  limits are divided among the shards that run at once, and the pause between two requests
  to one host is multiplied by their number;
- `--resume`: each finished shard is written to a journal under the corpus's
  `.verifier/runs/`, keyed by its files (size, mtime) and the options that can change a
  verdict; a rerun of the same command skips the shards the journal holds.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path
from typing import Any

from verifier.errors import UsageError
from verifier.models import CorpusArticle
from verifier.options import Options
from verifier.outcome import Rendered, Shard, ShardResult
from verifier.pipeline import ProgressHook, check_shard, survey_shard
from verifier.planning import RunPlan
from verifier.report.jsonl import document_lines

JOURNAL_DIR = Path(".verifier") / "runs"


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_corpus(
    plan: RunPlan,
    *,
    jobs: int = 1,
    dask: str | None = None,
    resume: bool = False,
    progress: ProgressHook | None = None,
    render: bool = False,
) -> Iterator[ShardResult]:
    """Check every shard of `plan`, yielding each result as it finishes (any order).

    `jobs` processes on this machine, or, with `dask` ("local" or "tcp://host:port"), `jobs`
    workers of a local Dask cluster or the workers of a running one. With `render`, the
    workers send their documents back as JSON Lines text (`Rendered`), for a streamed run.
    """
    journal = _journal(plan) if resume else None
    done = _resumed(journal, plan.shards, render)
    todo = [shard for shard in plan.shards if shard.index not in done]
    total = plan.files
    finished = sum(len(plan.shards[i].files) for i in done)
    tell = progress or (lambda stage, done, total: None)
    tell("articles", finished, total)
    yield from done.values()
    if not todo:
        return
    with contextlib.closing(_check_shards(plan, todo, jobs, dask, progress, render)) as results:
        for result in results:
            if journal is not None and not result.interrupted:  # redo it on --resume
                journal.save(result)
            finished += len(plan.shards[result.index].files)
            tell("articles", finished, total)
            yield result
    if journal is not None:
        journal.prune(plan.shards)


def _journal(plan: RunPlan) -> Journal:
    """The journal of `--resume`, kept in the first path's folder."""
    return Journal(plan.roots[0] if plan.roots else Path())


def _resumed(
    journal: Journal | None, shards: Sequence[Shard], render: bool
) -> dict[int, ShardResult]:
    """The shards a run before this one finished, by index (none without `--resume`)."""
    done = journal.load(shards) if journal is not None else {}
    if not render:  # a streamed run's journal holds text: checked again for a whole report
        done = {i: result for i, result in done.items() if result.rendered is None}
    return done


def _check_shards(
    plan: RunPlan,
    todo: list[Shard],
    jobs: int,
    dask: str | None,
    progress: ProgressHook | None,
    render: bool,
) -> Generator[ShardResult, None, None]:
    """Check the shards `todo` on the runner `jobs` and `dask` choose, as they finish."""
    if dask is not None and dask != "local":
        todo, plan = [_absolute(shard) for shard in todo], _absolute_options(plan)
    with _runner(dask, jobs) as (run, workers), _shared_texts(plan.options, dask) as texts:
        options = share_limits(plan.options, min(workers, len(todo)))
        if len(todo) > 1:
            options = replace(options, fetch=replace(options.fetch, shared_texts=texts))
        corpus = _survey(run, plan.shards) if len(plan.shards) > 1 else None
        # One worker in this process: the stages' own progress (fetching, matching) shows.
        inner = progress if workers == 1 and len(todo) == 1 else None
        calls = [(shard, options, corpus, inner) for shard in todo]
        yield from run(check_and_render if render else check_shard, calls)


def check_and_render(
    shard: Shard,
    options: Options,
    corpus: Sequence[CorpusArticle] | None = None,
    progress: ProgressHook | None = None,
) -> ShardResult:
    """`check_shard`, its documents rendered as JSON Lines where it ran (see `Rendered`)."""
    return render_shard(check_shard(shard, options, corpus, progress))


def render_shard(result: ShardResult) -> ShardResult:
    """The result with its documents as JSON Lines text and counts instead of objects."""
    lines = "".join(line for doc in result.documents for line in document_lines(doc))
    return replace(result, documents=(), rendered=Rendered.of(result.documents, lines))


@contextlib.contextmanager
def _shared_texts(options: Options, dask: str | None) -> Iterator[Path | None]:
    """Where the shards put the texts they read, so that each page is read once in the run:
    the cache folder's text cache when there is one; else a folder of this run, on this
    machine (a Dask cluster elsewhere needs a shared `--cache-dir` for that)."""
    cache_dir = options.fetch.cache_dir
    if cache_dir is not None:
        yield cache_dir / "text"
    elif dask is not None and dask != "local":
        yield None
    else:
        with tempfile.TemporaryDirectory(prefix="verifier-texts-") as folder:
            yield Path(folder)


def share_limits(options: Options, workers: int) -> Options:
    """Fetch limits divided among `workers` shards fetching at once (see the docstring)."""
    if workers <= 1:
        return options
    fetch = options.fetch
    shared = replace(
        fetch,
        concurrency=max(1, fetch.concurrency // workers),
        per_host_concurrency=max(1, fetch.per_host_concurrency // workers),
        host_interval=fetch.host_interval * workers,
    )
    return replace(options, fetch=shared)


def _absolute(shard: Shard) -> Shard:
    """Workers elsewhere open files by absolute path (on a filesystem they share)."""
    return replace(shard, files=tuple((file.resolve(), shown) for file, shown in shard.files))


def _absolute_options(plan: RunPlan) -> RunPlan:
    fetch = plan.options.fetch
    fetch = replace(
        fetch,
        cassette=fetch.cassette.resolve() if fetch.cassette else None,
        cache_dir=fetch.cache_dir.resolve() if fetch.cache_dir else None,
    )
    shards = tuple(_absolute(shard) for shard in plan.shards)
    return replace(plan, options=replace(plan.options, fetch=fetch), shards=shards)


def _survey(run: _Run, shards: Sequence[Shard]) -> tuple[CorpusArticle, ...]:
    parts = list(run(survey_shard, [(shard,) for shard in shards]))
    return tuple(article for part in parts for article in part)


# ---------------------------------------------------------------------------
# where shards run

# Runs a function over argument tuples, yielding the results as they finish.
_Run = Callable[[Callable[..., Any], Sequence[tuple[Any, ...]]], Iterator[Any]]


@contextlib.contextmanager
def _runner(dask: str | None, jobs: int) -> Iterator[tuple[_Run, int]]:
    if dask is not None:
        with _dask_client(dask, jobs) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield _dask_run(client), workers
    elif jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
            yield _pool_run(pool), jobs
    else:
        yield _serial_run, 1


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: workers start at once, with the stages already imported
    (no event loop or fetch runs in the parent while the pool starts); else forkserver."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")


def _serial_run(function: Callable[..., Any], calls: Sequence[tuple[Any, ...]]) -> Iterator[Any]:
    for args in calls:
        yield function(*args)


def _pool_run(pool: Executor) -> _Run:
    def run(function: Callable[..., Any], calls: Sequence[tuple[Any, ...]]) -> Iterator[Any]:
        futures: list[Future[Any]] = [pool.submit(function, *args) for args in calls]
        for future in as_completed(futures):
            yield future.result()

    return run


@contextlib.contextmanager
def _dask_client(address: str, workers: int) -> Iterator[Any]:
    """A client of a running scheduler (tcp://…), or of a LocalCluster of `workers` workers."""
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'quote-verifier[dask]'") from None
    if address != "local":
        try:
            client = distributed.Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--dask {address}: cannot reach the scheduler: {exc}") from None
        with client:
            yield client
        return
    # One worker runs in this process (threads); more are processes, one thread each:
    # reading and matching are pure Python, and threads would share one core.
    with importlib.import_module("dask").config.set(_local_config()):
        cluster = distributed.LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=workers > 1,
            # This machine only: nothing listens on its network interfaces.
            protocol="tcp://",
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # no dashboard port to collide on (8787)
            silence_logs=logging.ERROR,
        )
        with cluster, distributed.Client(cluster) as client:
            yield client


def _local_config() -> dict[str, Any]:
    """Dask settings for `--dask local` (a cluster of your own keeps your configuration).

    - Worker processes are forked from this one, where there is fork: they start with the
      stages imported. Spawned (Dask's default), each imports Python, Dask and the verifier
      anew: about 1.5 CPU-s and 3–5 s of wall time per worker before the first shard.
      Forking is safe here: this process runs no fetch, and Dask's own threads hold no lock
      the workers need while the cluster starts (the same holds for `--jobs`).
    - Each of Dask's servers (the scheduler, and a nanny and a worker per process) wakes
      its event loop on timers: a health check every 20 ms, a system monitor every 0.5 s,
      the nanny's memory check every 0.1 s, work stealing every second; the statistical
      profiler samples every worker's stack 100 times a second. In a worker, each wake
      takes the interpreter lock from the thread checking a shard. A few long tasks
      on one machine need none of it often: the timers are slowed, the profiler and work
      stealing (two shards never wait behind each other) are off.
    """
    config: dict[str, Any] = {
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "5s",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.scheduler.work-stealing": False,
    }
    if "fork" in multiprocessing.get_all_start_methods():
        config["distributed.worker.multiprocessing-method"] = "fork"
    return config


def _dask_run(client: Any) -> _Run:
    dask_completed = importlib.import_module("distributed").as_completed

    def run(function: Callable[..., Any], calls: Sequence[tuple[Any, ...]]) -> Iterator[Any]:
        # Large shared arguments (the options, the corpus's articles) are sent once.
        shared: dict[int, Any] = {}
        prepared = []
        for args in calls:
            row = []
            for value in args:
                if isinstance(value, (tuple, Options)):
                    key = id(value)
                    if key not in shared:
                        shared[key] = client.scatter([value], broadcast=True)[0]
                    row.append(shared[key])
                else:
                    row.append(value)
            prepared.append(row)
        futures = [client.submit(function, *row, pure=False) for row in prepared]
        for future in dask_completed(futures):
            yield future.result()
            future.release()

    return run


# ---------------------------------------------------------------------------
# the journal of finished shards


class Journal:
    """Finished shards of a run, one file each, written atomically (see the docstring).

    The files are this machine's own run state (pickles): never commit them or load
    someone else's; `.verifier/runs/` belongs in `.gitignore`.
    """

    def __init__(self, root: Path) -> None:
        folder = root if root.is_dir() else root.parent
        self.directory = folder / JOURNAL_DIR

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.pickle"

    def load(self, shards: Sequence[Shard]) -> dict[int, ShardResult]:
        """The results of the shards already finished, by shard index."""
        done: dict[int, ShardResult] = {}
        for shard in shards:
            try:
                result = pickle.loads(self._path(shard.key).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                continue
            if isinstance(result, ShardResult) and result.key == shard.key:
                done[shard.index] = replace(result, index=shard.index)
        return done

    def save(self, result: ShardResult) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._path(result.key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, shards: Sequence[Shard]) -> None:
        """After a complete run, drop entries of shards that are no longer in the plan."""
        keep = {self._path(shard.key).name for shard in shards}
        for path in self.directory.glob("*.pickle"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
